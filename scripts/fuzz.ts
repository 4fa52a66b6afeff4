/**
 * Fuzzes every construct on every cloud with random props (valid and invalid, including tokens) and prints the
 * counts: synthesized (and policy-clean) / rejected with a ValidationError naming a prop / failed (a bug), and how
 * many of the strict cases (valid props only, see the harness) synthesized.
 *
 *   npm run fuzz                 # 10,000 runs per construct per cloud
 *   FUZZ_RUNS=500 npm run fuzz   # fewer
 *   FUZZ_OUT=dir FUZZ_SEED=1 FUZZ_RUNS=300 npm run fuzz
 *                                # also writes each case's output (template, Terraform JSON or rejection) to
 *                                # dir/<construct>-<cloud>-<case>.txt: run it on two versions of the library
 *                                # with the same seed and `diff -r` the directories to see every output change
 *
 * Both engines register every token in a process-wide map that is never cleared (aws-cdk-lib's and cdktf's
 * TokenMap), which keeps every synthesized app alive: one process cannot synthesize tens of thousands of apps. So
 * the cases run in child processes of FUZZ_BATCH cases each (FUZZ_JOBS at a time); the sample is the same
 * fast-check sample (seeded) whichever process draws a slice of it.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { CLOUDS, Cloud, Kind, KINDS, propsArbitrary, runCase, STRICT } from '../test/reliability/fuzz-harness';

/** `strict` / `strictSynthesized`: the strict cases (valid props only) and how many of them synthesized. */
interface Counts { synthesized: number; rejected: number; failed: number; strict: number; strictSynthesized: number; failures: string[] }
const noCounts = (): Counts => ({ synthesized: 0, rejected: 0, failed: 0, strict: 0, strictSynthesized: 0, failures: [] });

/** Child: runs cases [start, end) of the seeded sample for one construct and cloud; prints Counts as JSON. */
function child(kind: Kind, cloud: Cloud, start: number, end: number, seed: number): void {
  const counts = noCounts();
  const sample = fc.sample(propsArbitrary(kind, cloud), { numRuns: end, seed }).slice(start);
  const outDir = process.env.FUZZ_OUT;
  if (outDir) fs.mkdirSync(outDir, { recursive: true });
  for (const [n, props] of sample.entries()) {
    const write = outDir ? (text: string) => fs.writeFileSync(path.join(outDir, `${kind}-${cloud}-${start + n}.txt`), text) : undefined;
    try {
      const outcome = runCase(kind, cloud, props, write);
      counts[outcome]++;
      if (props[STRICT]) {
        counts.strict++;
        if (outcome === 'synthesized') counts.strictSynthesized++;
      }
    } catch (e: any) {
      counts.failed++;
      if (counts.failures.length < 3) counts.failures.push(`${e.message}\n    props: ${JSON.stringify(props).slice(0, 400)}`);
    }
  }
  process.stdout.write(`\n@@COUNTS${JSON.stringify(counts)}\n`);
}

function runChild(args: string[]): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--max-old-space-size=4096', '-r', 'ts-node/register/transpile-only', __filename, '--child', ...args], {
      stdio: ['ignore', 'pipe', 'ignore'], // engine warnings go to stderr: the counts are what matters
      env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' },
    });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('close', (code) => {
      const m = /@@COUNTS(.*)/.exec(out);
      if (m) resolve(JSON.parse(m[1]));
      else reject(new Error(`fuzz child ${args.join(' ')} exited ${code} without counts`));
    });
  });
}

async function main(): Promise<void> {
  const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const batch = Number(process.env.FUZZ_BATCH ?? 1000);
  const jobs = Number(process.env.FUZZ_JOBS ?? Math.max(1, os.cpus().length));
  const clouds = process.env.FUZZ_CLOUDS ? (process.env.FUZZ_CLOUDS.split(',') as Cloud[]) : CLOUDS;
  const started = Date.now();
  const tasks: Array<{ kind: Kind; cloud: Cloud; start: number; end: number }> = [];
  for (const kind of KINDS) for (const cloud of clouds) for (let s = 0; s < runs; s += batch) tasks.push({ kind, cloud, start: s, end: Math.min(runs, s + batch) });
  const results = new Map<string, Counts>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const t = tasks[next++];
      const c = await runChild([t.kind, t.cloud, String(t.start), String(t.end), String(seed)]);
      const key = `${t.kind}|${t.cloud}`;
      done++;
      // progress on stderr, so a long run shows a failure as soon as its batch ends (the table is on stdout)
      process.stderr.write(`[${done}/${tasks.length}, ${((Date.now() - started) / 60000).toFixed(1)} min] ${t.kind} ${t.cloud} `
        + `${t.start}-${t.end}: ${c.synthesized} synthesized, ${c.rejected} rejected, ${c.failed} failed\n`);
      for (const f of c.failures) process.stderr.write(`    FAILED: ${f}\n`);
      const acc = results.get(key) ?? noCounts();
      results.set(key, {
        synthesized: acc.synthesized + c.synthesized,
        rejected: acc.rejected + c.rejected,
        failed: acc.failed + c.failed,
        strict: acc.strict + c.strict,
        strictSynthesized: acc.strictSynthesized + c.strictSynthesized,
        failures: [...acc.failures, ...c.failures].slice(0, 3),
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  let failedTotal = 0;
  console.log(`| construct | cloud | synthesized | rejected | failed | strict cases: synthesized |  (runs ${runs} each, seed ${seed})`);
  console.log('|---|---|---|---|---|---|');
  for (const kind of KINDS) {
    for (const cloud of clouds) {
      const c = results.get(`${kind}|${cloud}`)!;
      failedTotal += c.failed;
      console.log(`| ${kind} | ${cloud} | ${c.synthesized} | ${c.rejected} | ${c.failed} | ${c.strictSynthesized} of ${c.strict} |`);
      for (const f of c.failures) console.log(`    FAILED: ${f}`);
    }
  }
  console.log(`${tasks.length} child processes of up to ${batch} cases, ${jobs} at a time, in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  process.exit(failedTotal > 0 ? 1 : 0);
}

const i = process.argv.indexOf('--child');
if (i >= 0) {
  const [kind, cloud, start, end, seed] = process.argv.slice(i + 1);
  child(kind as Kind, cloud as Cloud, Number(start), Number(end), Number(seed));
} else {
  void main();
}
