/**
 * Property-based tests (modest run counts; `npm run fuzz` runs 10,000 per construct per cloud).
 */
import * as fc from 'fast-check';
import { CLOUDS, KINDS, propsArbitrary, runCase, STRICT } from './fuzz-harness';

// This suite checks the output against the CloudFormation schema (test/setup-env.ts turns it off elsewhere).
process.env.CDK_VALIDATION = 'true';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5);

describe.each(KINDS)('%s', (kind) => {
  test.each(CLOUDS)('random props on %s: synthesized and policy-clean, or a ValidationError naming a prop', (cloud) => {
    const outcomes = { synthesized: 0, rejected: 0 };
    fc.assert(fc.property(propsArbitrary(kind, cloud), (props) => {
      outcomes[runCase(kind, cloud, props)]++;
    }), { numRuns: RUNS, seed: 20261122 });
    expect(outcomes.synthesized + outcomes.rejected).toBe(RUNS);
  });
});

test('about half the cases are strict (valid props only), in every kind and on every target', () => {
  for (const kind of KINDS) {
    for (const cloud of CLOUDS) {
      const strict = fc.sample(propsArbitrary(kind, cloud), { numRuns: 200, seed: 20261202 }).filter((p) => p[STRICT]).length;
      expect([kind, cloud, strict > 70 && strict < 130]).toEqual([kind, cloud, true]);
    }
  }
});
