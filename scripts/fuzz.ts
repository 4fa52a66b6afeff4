/**
 * Fuzzes every construct on every cloud with random props (valid and invalid, including tokens) and prints the
 * counts: synthesized (and policy-clean) / rejected with a ValidationError naming a prop / failed (a bug).
 *
 *   npm run fuzz                 # 10,000 runs per construct per cloud
 *   FUZZ_RUNS=500 npm run fuzz   # fewer
 */
import * as fc from 'fast-check';
import { CLOUDS, KINDS, propsArbitrary, runCase } from '../test/reliability/fuzz-harness';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
let failedTotal = 0;
console.log(`| construct | cloud | synthesized | rejected | failed |  (runs ${runs}, seed ${seed})`);
console.log('|---|---|---|---|---|');
for (const kind of KINDS) {
  for (const cloud of CLOUDS) {
    const counts = { synthesized: 0, rejected: 0, failed: 0 };
    const failures: string[] = [];
    for (const props of fc.sample(propsArbitrary(kind, cloud), { numRuns: runs, seed })) {
      try {
        counts[runCase(kind, cloud, props)]++;
      } catch (e: any) {
        counts.failed++;
        if (failures.length < 3) failures.push(`${e.message}\n    props: ${JSON.stringify(props).slice(0, 400)}`);
      }
    }
    failedTotal += counts.failed;
    console.log(`| ${kind} | ${cloud} | ${counts.synthesized} | ${counts.rejected} | ${counts.failed} |`);
    for (const f of failures) console.log(`    FAILED: ${f}`);
  }
}
process.exit(failedTotal > 0 ? 1 : 0);
