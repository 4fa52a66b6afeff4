/**
 * cdktf records a full stack trace for every token it creates (hundreds while one construct renders), and formatting
 * those traces is most of a Terraform synth: each frame between a construct and the provider classes costs about 1.5%.
 * The constructs therefore call their target's render function directly, with no wrapper frame in between.
 *
 * V8 locates each frame of a trace by walking its function's source positions from the function's start to the call,
 * so a call made late in a long function makes every trace below it slower. The constructs therefore validate in a
 * function of their own and call render near the start of their constructor.
 */
import * as fs from 'fs';
import { FOUR_ON_TERRAFORM, TfJson } from '../../util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace: { captureStackTrace: (below?: Function) => string[] } = require('cdktf/lib/tokens/private/stack-trace');

/** The stack traces cdktf captured while `synth` ran. */
function captured(synth: () => TfJson): string[][] {
  const traces: string[][] = [];
  const original = stackTrace.captureStackTrace;
  const spy = jest.spyOn(stackTrace, 'captureStackTrace').mockImplementation((below) => {
    const trace = original(below ?? stackTrace.captureStackTrace);
    traces.push(trace);
    return trace;
  });
  try {
    synth();
  } finally {
    spy.mockRestore();
  }
  return traces;
}

// the construct classes' files (frame names are not stable under source maps, file names are)
const CONSTRUCT_FILE = /\/src\/core\/(tenant|gpu-pool\/gpu-pool|inference-endpoint\/inference-endpoint|feature-store\/feature-store)\.ts:/;

/**
 * The frames that called into a target's code while a construct rendered, each once: in every trace with a construct
 * frame (the tokens created while a construct renders, not those created later, e.g. by aspects at synth), the frame
 * after the outermost frame in a target's code (traces list the innermost call first).
 */
function renderCallers(synth: () => TfJson): Set<string> {
  const callers = new Set<string>();
  for (const trace of captured(synth).filter((t) => t.some((f) => CONSTRUCT_FILE.test(f)))) {
    const outermost = trace.map((f) => f.includes('/src/targets/')).lastIndexOf(true);
    if (outermost >= 0) callers.add(trace[outermost + 1]);
  }
  return callers;
}

test.each(FOUR_ON_TERRAFORM)('%s: each construct calls its target\'s render function directly (no frame in between)', (_cloud, synth) => {
  const constructs = new Set<string>();
  for (const caller of renderCallers(synth)) {
    expect(caller).toMatch(CONSTRUCT_FILE);
    constructs.add(CONSTRUCT_FILE.exec(caller)![1]);
  }
  expect([...constructs].sort()).toEqual(['feature-store/feature-store', 'gpu-pool/gpu-pool', 'inference-endpoint/inference-endpoint', 'tenant']);
});

/** The file and line of a frame such as `new GpuPool (/repo/src/core/gpu-pool/gpu-pool.ts:128:30)`. */
function location(frame: string): { file: string; line: number } {
  const m = /\(?([^\s(]+\.ts):(\d+):\d+\)?$/.exec(frame);
  if (!m) throw new Error(`no location in frame: ${frame}`);
  return { file: m[1], line: Number(m[2]) };
}

test.each(FOUR_ON_TERRAFORM)('%s: each construct calls render near the start of its constructor (validation runs before, in its own function)', (_cloud, synth) => {
  const distances = new Map<string, number>();
  for (const caller of [...renderCallers(synth)].filter((c) => CONSTRUCT_FILE.test(c))) {
    const { file, line } = location(caller);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let start = line - 1;
    while (start > 0 && !/^\s+constructor\(/.test(lines[start - 1])) start--;
    distances.set(CONSTRUCT_FILE.exec(caller)![1], line - start);
  }
  expect(distances.size).toBe(4);
  // super(), the prepare call and the assignments of its results (at most 10 lines): no validation code in between
  expect(Object.fromEntries([...distances].filter(([, d]) => d > 10))).toEqual({});
});
