/**
 * Cost as a synth-time fact: ceilings per construct and per tenant, and the cost report beside the synth output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib/core';
import { App as TfApp, TerraformStack, Testing } from 'cdktf';
import { Accelerator, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfgcp } from '../../src';
import { ECR_IMAGE, synthAws, validationError } from '../util';

const model = ModelSource.container({ image: ECR_IMAGE });
const GROUPS = [{ name: 'customers', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }] }];

describe('maxMonthlyCostUsd', () => {
  test('a construct whose high estimate exceeds its ceiling fails at synth, listing the drivers', () => {
    const e = validationError(() => synthAws((s) => new InferenceEndpoint(s, 'Chat', { model, maxReplicas: 4, maxMonthlyCostUsd: 1000 })));
    expect(e.issues[0]).toMatchObject({ prop: 'maxMonthlyCostUsd', received: 'Test/Chat: high estimate $3289.96/month', allowed: 'at most $1000.00/month' });
    expect(e.issues[0].hint).toMatch(/ml\.g6\.xlarge \(SageMaker real-time hosting\): \$3289\.96\/month at 4 × \$1\.1267\/instance-hour/);
  });

  test('within the ceiling nothing happens; unpriced items are named when over', () => {
    expect(() => synthAws((s) => new InferenceEndpoint(s, 'Chat', { model, maxReplicas: 1, maxMonthlyCostUsd: 1000 }))).not.toThrow();
    const e = validationError(() => synthAws((s) => new GpuPool(s, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 10, maxMonthlyCostUsd: 500 })));
    expect(e.issues[0].hint).toMatch(/1 unpriced item\(s\) not counted/);
  });

  test('a tenant ceiling adds up the tenant and every construct given it, checked at synth', () => {
    const build = (max: number) => {
      const app = new App();
      const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      const tenant = new SecureTenant(stack, 'Acme', { tenantId: 'acme', maxMonthlyCostUsd: max });
      new InferenceEndpoint(stack, 'A', { model, tenant, maxReplicas: 2 });
      new InferenceEndpoint(stack, 'B', { model, tenant, maxReplicas: 2 });
      return () => app.synth();
    };
    expect(build(5000)).not.toThrow();
    // A ValidationError like every other check of a prop (not the engine's validation error with a message in it).
    const e = validationError(build(3000));
    expect(e.message).toMatch(/^S\/Acme: 1 invalid input/);
    expect(e.issues).toEqual([{
      prop: 'maxMonthlyCostUsd',
      received: 'tenant acme: high estimate $3290.96/month',
      allowed: 'at most $3000.00/month',
      hint: 'the tenant and every construct given it, at maximum scale: S/Acme: $1.00; S/A: $1644.98; S/B: $1644.98',
    }]);
  });

  test('a tenant ceiling over its Terraform constructs fails the same way', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'S');
    Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }));
    const tenant = new SecureTenant(stack, 'Acme', { tenantId: 'acme', maxMonthlyCostUsd: 0.01 });
    new InferenceEndpoint(stack, 'A', { model: ModelSource.container({ image: 'us-docker.pkg.dev/p/r/vllm:0.6' }), tenant, maxReplicas: 2 });
    expect(validationError(() => Testing.synth(stack, true)).issues[0]).toMatchObject({ prop: 'maxMonthlyCostUsd', allowed: 'at most $0.01/month', hint: expect.stringMatching(/: S\/Acme: \$0\.06; S\/A: /) });
  });

  // NaN compares false with every estimate, so it would never fail; a token has no value at synth.
  test.each([
    ['a token', (s: Stack) => new CfnParameter(s, 'Max', { type: 'Number' }).valueAsNumber, 'an unresolved token'],
    ['NaN', () => NaN, 'NaN'],
    ['zero', () => 0, '0'],
    ['a negative amount', () => -1, '-1'],
    ['Infinity', () => Infinity, 'Infinity'],
  ])('a ceiling that is %s is a ValidationError on every construct and the tenant', (_, value, received) => {
    const cases: Array<[string, (s: Stack, max: number) => void]> = [
      ['InferenceEndpoint', (s, max) => new InferenceEndpoint(s, 'C', { model, maxMonthlyCostUsd: max })],
      ['GpuPool', (s, max) => new GpuPool(s, 'C', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, maxMonthlyCostUsd: max })],
      ['FeatureStore', (s, max) => new FeatureStore(s, 'C', { featureGroups: GROUPS, maxMonthlyCostUsd: max })],
      ['SecureTenant', (s, max) => new SecureTenant(s, 'C', { tenantId: 'acme', maxMonthlyCostUsd: max })],
    ];
    for (const [kind, build] of cases) {
      const e = validationError(() => synthAws((s) => build(s, value(s))));
      expect([kind, e.issues]).toEqual([kind, [expect.objectContaining({ prop: 'maxMonthlyCostUsd', received })]]);
    }
  });

  test('a ceiling that is not a number is a ValidationError naming the prop', () => {
    expect(validationError(() => synthAws((s) => new InferenceEndpoint(s, 'E', { model, maxMonthlyCostUsd: 'lots' as any }))).issues[0].prop).toBe('maxMonthlyCostUsd');
  });
});

describe('cost report beside the synth output', () => {
  test('AWS: cdk.out/cost-report.json and .md per stack, tenant and construct', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const tenant = new SecureTenant(stack, 'Acme', { tenantId: 'acme' });
    new InferenceEndpoint(stack, 'A', { model, tenant, minReplicas: 0, maxReplicas: 2 });
    new InferenceEndpoint(stack, 'B', { model, maxReplicas: 3 });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'cost-report.json'), 'utf8'));
    expect(report.constructs.map((c: any) => [c.path, c.kind, c.tenant])).toEqual([
      ['S/Acme', 'SecureTenant', 'acme'], ['S/A', 'InferenceEndpoint', 'acme'], ['S/B', 'InferenceEndpoint', undefined],
    ]);
    // Scale to zero: the low estimate is the fixed items only.
    expect(report.constructs[1].monthlyUsdLow).toBe(0);
    expect(report.tenants).toEqual([{ tenant: 'acme', monthlyUsdLow: 1, monthlyUsdHigh: 1645.98, unpriced: 0 }]);
    expect(report.stacks).toEqual([{ stack: 'S', monthlyUsdLow: 823.49, monthlyUsdHigh: 4113.45, unpriced: 0 }]);
    expect(fs.readFileSync(path.join(outdir, 'cost-report.md'), 'utf8')).toMatch(/## Per tenant[\s\S]*\| acme \| \$1\.00 \| \$1,645\.98 \| 0 \|/);
  });

  test('Terraform: cdktf.out/stacks/<stack>/cost-report.json, unpriced items listed', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfcost-'));
    const app = new TfApp({ outdir });
    const stack = new TerraformStack(app, 'gcp');
    Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }));
    new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2 });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'gcp', 'cost-report.json'), 'utf8'));
    expect(report.constructs[0]).toMatchObject({ path: 'gcp/Pool', kind: 'GpuPool', cloud: 'gcp', unpriced: ['e2-standard-4 system nodes'] });
    expect(report.totals.unpriced).toBe(1);
  });
});

describe('cost report markdown', () => {
  test('amounts read as en-US money, rounded half up on the decimal value as Intl rounds them', () => {
    const { costReportMarkdown } = require('../../src/core/cost-report') as typeof import('../../src/core/cost-report');
    const amounts = [0, 1.005, 4511.775, 999.995, 1234567.891, 22059.3, 1e-9, ...Array.from({ length: 200 }, (_, i) => ((i * 7919) % 100003) * 13.37 / 10)];
    const md = costReportMarkdown({
      currency: 'USD',
      hoursPerMonth: 730,
      constructs: [],
      tenants: [],
      totals: { monthlyUsdLow: 0, monthlyUsdHigh: 0, unpriced: 0 },
      stacks: amounts.map((a, i) => ({ stack: `s${i}`, monthlyUsdLow: a, monthlyUsdHigh: a, unpriced: 0 })),
    });
    amounts.forEach((a, i) => {
      const intl = `$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      expect(md).toContain(`| s${i} | ${intl} | ${intl} | 0 |`);
    });
    expect(md).toContain('| s1 | $1.01 |');
  });
});
