/**
 * Runs a script in a fresh Node process that loads the TypeScript sources, for what only a new process shows: the
 * modules a scenario loads, or what depends on the locale a process starts with.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

/** The repository root, for `require`s in the child's script. */
export const ROOT = path.join(__dirname, '..');

/**
 * Compiles `.ts` files as they are required, with swc (as jest does): type-checking is `npm test`'s tsc step, and
 * ts-node's start-up (it loads the TypeScript compiler to read tsconfig) costs ~0.25 s of each child's ~0.9 s.
 */
const REGISTER = `{
  const fs = require('fs');
  const swc = require('@swc/core');
  require.extensions['.ts'] = (m, filename) => m._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'),
    { filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, filename);
}`;

/** Runs `script` with `.ts` files loadable and returns what it wrote to stdout. */
export function runTs(script: string, env: Record<string, string> = {}): string {
  // `env` explicitly: inside jest, `process.env` is the test file's copy (where test/setup-env.ts turned CloudFormation
  // validation off), while child_process would otherwise pass on the worker's own environment.
  return execFileSync(process.execPath, ['-e', `${REGISTER}\n${script}`], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
