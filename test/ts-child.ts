/**
 * Runs a script in a fresh Node process that loads the TypeScript sources, for what only a new process shows: the
 * modules a scenario loads, or what depends on the locale a process starts with.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root, for `require`s in the child's script. */
export const ROOT = path.join(__dirname, '..');

/** The swc options jest compiles TypeScript with (jest.config.json, generated from .projenrc.ts). */
const SWC_OPTIONS: object = (JSON.parse(fs.readFileSync(path.join(ROOT, 'jest.config.json'), 'utf8')).transform as Record<string, [string, object]>)['^.+\\.tsx?$'][1];

/**
 * Compiles `.ts` files as they are required, with swc and jest's options: type-checking is `npm test`'s tsc step, and
 * ts-node's start-up (it loads the TypeScript compiler to read tsconfig) costs ~0.25 s of each child's ~0.9 s.
 */
const REGISTER = `{
  const fs = require('fs');
  const swc = require('@swc/core');
  const options = ${JSON.stringify(SWC_OPTIONS)};
  require.extensions['.ts'] = (m, filename) => m._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false }).code, filename);
}`;

/** Runs `script` with `.ts` files loadable and returns what it wrote to stdout. */
export function runTs(script: string, env: Record<string, string> = {}): string {
  // `env` explicitly: inside jest, `process.env` is the test file's copy (where test/setup-env.ts turned CloudFormation
  // validation off), while child_process would otherwise pass on the worker's own environment.
  return execFileSync(process.execPath, ['-e', `${REGISTER}\n${script}`], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
