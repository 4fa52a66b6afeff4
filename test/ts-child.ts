/**
 * Runs a script in a fresh Node process that loads the TypeScript sources (ts-node on test/tsconfig.json), for what
 * only a new process shows: the modules a scenario loads, or what depends on the locale a process starts with.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

/** The repository root, for `require`s in the child's script. */
export const ROOT = path.join(__dirname, '..');

/** Runs `script` after registering ts-node and returns what it wrote to stdout. */
export function runTs(script: string, env: Record<string, string> = {}): string {
  const body = `require('ts-node').register({ transpileOnly: true, swc: true, project: ${JSON.stringify(path.join(ROOT, 'test/tsconfig.json'))} });\n${script}`;
  // `env` explicitly: inside jest, `process.env` is the test file's copy (where test/setup-env.ts turned CloudFormation
  // validation off), while child_process would otherwise pass on the worker's own environment.
  return execFileSync(process.execPath, ['-e', body], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
