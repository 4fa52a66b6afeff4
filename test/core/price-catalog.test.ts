/**
 * The price catalogs: every shape of every accelerator table and every fixed item carries a dated, sourced USD
 * figure, or an explicit "unpriced" record with the reason. Nothing is silently $0.
 */
import { Accelerator } from '../../src';
import { AWS_FIXED, EC2_GPU_SHAPES, SAGEMAKER_SHAPES } from '../../src/targets/shared-aws/accelerators';
import { AKS_GPU_SHAPES, AZURE_FIXED, AZURE_ML_SHAPES } from '../../src/targets/shared-azure/accelerators';
import { CLOUD_RUN_SHAPES, GCP_FIXED, GKE_SHAPES, VERTEX_SHAPES } from '../../src/targets/shared-gcp/accelerators';

const tables = { SAGEMAKER_SHAPES, EC2_GPU_SHAPES, VERTEX_SHAPES, CLOUD_RUN_SHAPES, GKE_SHAPES, AZURE_ML_SHAPES, AKS_GPU_SHAPES };
const fixed = { AWS_FIXED, GCP_FIXED, AZURE_FIXED };

function expectPriceOrReason(where: string, p: any) {
  expect([where, p.currency]).toEqual([where, 'USD']);
  expect(typeof p.source).toBe('string');
  expect(p.asOf).toMatch(/\d{4}|undated/);
  expect(typeof p.region).toBe('string');
  const priced = p.usdPerHour !== undefined || p.usd !== undefined;
  if (priced) {
    expect(p.unpricedReason).toBeUndefined();
    expect(p.source).not.toBe('none');
    expect(p.usdPerHour ?? p.usd).toBeGreaterThanOrEqual(0);
  } else {
    expect([where, typeof p.unpricedReason]).toEqual([where, 'string']);
    expect(p.unpricedReason.length).toBeGreaterThan(10);
  }
}

describe.each(Object.entries(tables))('%s', (_name, table) => {
  test.each(table.map((s) => [`${s.count} × ${s.accelerator} (${s.type})`, s] as const))('%s has a price or an unpriced record', (where, shape) => {
    expectPriceOrReason(where, shape.price);
    expect(Accelerator.all().map((a) => a.name)).toContain(shape.accelerator);
  });
});

describe.each(Object.entries(fixed))('%s', (_name, catalog) => {
  test.each(Object.entries(catalog))('%s has a price or an unpriced record', (where, item) => {
    expectPriceOrReason(where, item);
  });
});

test('known traps are encoded: G2 prices include the L4; Azure\'s single H100 is the 94 GB NVL part', () => {
  const g2 = GKE_SHAPES.find((s) => s.type === 'g2-standard-4')!;
  expect(g2.price.usdPerHour).toBe(0.70683); // the all-in machine price; the L4 is not added again
  expect(AZURE_ML_SHAPES.find((s) => s.type === 'Standard_NC40ads_H100_v5')!.notes).toMatch(/NVL 94 GB/);
});

test('every accelerator is offered (priced or not) on at least one cloud, and each cloud lists its shapes once', () => {
  for (const a of Accelerator.all()) {
    expect(Object.values(tables).some((t) => t.some((s) => s.accelerator === a.name))).toBe(true);
  }
  for (const [name, t] of Object.entries(tables)) {
    const types = t.map((s) => s.type);
    expect([name, new Set(types).size]).toEqual([name, types.length]);
  }
});
