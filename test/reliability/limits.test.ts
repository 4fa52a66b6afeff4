import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Accelerator, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, SecureTenantProps } from '../../src';
import { ECR_IMAGE, synthAws, synthAwsTf, synthAzure, synthGcp, TfJson, validationError } from '../util';

test('an AWS stack that would exceed 500 CloudFormation resources fails at synth, naming the count (never at deploy)', () => {
  const app = new App();
  const stack = new Stack(app, 'Big', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < 30; i++) {
    const tenant = new SecureTenant(stack, `T${i}`, { tenantId: `tenant-${i}` });
    new InferenceEndpoint(stack, `E${i}`, { model: ModelSource.container({ image: ECR_IMAGE }), tenant });
  }
  expect(() => app.synth()).toThrow(/\d{3} CloudFormation resources in stack Big exceed the limit of 500 per stack: split the constructs across stacks/);
});

test('below the limit nothing is reported', () => {
  const app = new App();
  const stack = new Stack(app, 'Small', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureTenant(stack, 'T', { tenantId: 'acme' });
  expect(() => app.synth()).not.toThrow();
});

test('an AWS template over CloudFormation\'s 1,000,000 bytes fails at synth, naming its size and largest resources (never at deploy)', () => {
  // 5 feature groups of 2,500 features (SageMaker's maximum) write a 1.4 MB template in 12 resources.
  const features = (n: number) => [
    { name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP },
    ...Array.from({ length: n - 2 }, (_, i) => ({ name: `feature_with_a_descriptive_name_${i}`, type: FeatureType.FLOAT })),
  ];
  /** An app with a FeatureStore of `groups` full groups, in a stack `Features` (or a nested stack `Parent/Features`). */
  const build = (groups: number, nested = false) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'limits-')) });
    const env = { account: '123456789012', region: 'us-east-1' };
    const stack = nested ? new NestedStack(new Stack(app, 'Parent', { env }), 'Features') : new Stack(app, 'Features', { env });
    new FeatureStore(stack, 'Store', { featureGroups: Array.from({ length: groups }, (_, g) => ({ name: `group${g}`, recordIdentifier: 'id', eventTime: 'ts', features: features(2500) })) });
    return app;
  };
  const big = build(5);
  const error = (() => { try { big.synth(); return undefined; } catch (e) { return e as Error; } })();
  const message = new RegExp('^The template of stack Features is 1,3\\d\\d,\\d\\d\\d bytes; CloudFormation refuses templates over 1,000,000 bytes, '
    + 'so deploy would fail\\. Largest resources: StoreGroup\\w+ \\(2\\d\\d,\\d\\d\\d bytes\\), ');
  expect(error?.message).toMatch(new RegExp(message.source.slice(1)));
  expect(error?.message).toMatch(/Split the constructs across stacks/);
  const report = JSON.parse(fs.readFileSync(/found in: (\S+)$/.exec(error!.message)![1], 'utf8'));
  const violations = report.pluginReports.find((p: any) => p.pluginName === 'ai-infra-constructs-limits').violations;
  expect(violations).toHaveLength(1);
  expect(violations[0].ruleName).toBe('template-size');
  expect(violations[0].description).toMatch(message);
  // one group: 287 kB, fine
  expect(() => build(1).synth()).not.toThrow();
  // in a nested stack (its own template, its own limit), named by its path
  expect(() => build(5, true).synth()).toThrow(/The template of stack Parent\/Features is 1,3\d\d,\d\d\d bytes/);
});

/**
 * Tenant budgets within each cloud's budget limits (else the deploy fails, or an alert silently disappears): AWS Budgets
 * sends a notification to at most 10 e-mail subscribers and holds at most 10 notifications; a GCP billing budget takes
 * at most 5 notification channels; an Azure consumption budget at most 5 notifications, with whole-number thresholds.
 * Each threshold is a notification, and the last one also the forecast's.
 */
/** Each target's output (CloudFormation template or Terraform JSON) for `build`; GCP with a billing account for budgets. */
const synths: Record<string, (build: (s: Construct) => void) => unknown> = {
  'AWS': (b) => synthAws(b).toJSON(), 'AWS (Terraform)': (b) => synthAwsTf(b), 'GCP': (b) => synthGcp(b, { billingAccount: '012345-6789AB-CDEF01' }), 'Azure': (b) => synthAzure(b),
};

describe('tenant budget limits', () => {
  const emails = (n: number) => Array.from({ length: n }, (_, i) => `ops${i}@example.com`);
  const percents = (n: number) => Array.from({ length: n }, (_, i) => 10 * (i + 1));
  const tenant = (p: Partial<SecureTenantProps>) => (s: Construct) => {
    new SecureTenant(s, 'T', { tenantId: 'acme', monthlyBudgetUsd: 1000, budgetAlertEmails: ['ops@example.com'], ...p });
  };
  const issue = (cloud: string, p: Partial<SecureTenantProps>) => validationError(() => synths[cloud](tenant(p))).issues[0];

  test.each(Object.keys(synths))('%s: repeated thresholds are refused', (cloud) => {
    expect(issue(cloud, { budgetAlertThresholdsPercent: [50, 80, 80] })).toMatchObject({ prop: 'budgetAlertThresholdsPercent', allowed: expect.stringMatching(/distinct/) });
  });

  test.each(['AWS', 'AWS (Terraform)'])('%s: at most 10 e-mail addresses and 9 thresholds', (cloud) => {
    expect(issue(cloud, { budgetAlertEmails: emails(11) })).toMatchObject({ prop: 'budgetAlertEmails', received: '11 addresses', allowed: expect.stringMatching(/^at most 10 on AWS/) });
    expect(issue(cloud, { budgetAlertThresholdsPercent: percents(10) })).toMatchObject({ prop: 'budgetAlertThresholdsPercent', allowed: expect.stringMatching(/^at most 9 on AWS/) });
    expect(() => synths[cloud](tenant({ budgetAlertEmails: emails(10), budgetAlertThresholdsPercent: percents(9) }))).not.toThrow();
  });

  test('GCP: at most 5 e-mail addresses (notification channels)', () => {
    expect(issue('GCP', { budgetAlertEmails: emails(6) })).toMatchObject({ prop: 'budgetAlertEmails', allowed: expect.stringMatching(/^at most 5 on GCP/) });
    const json = synths.GCP(tenant({ budgetAlertEmails: emails(5), budgetAlertThresholdsPercent: percents(9) })) as TfJson;
    expect(Object.keys(json.resource.google_monitoring_notification_channel)).toHaveLength(5);
  });

  test('Azure: at most 4 thresholds, whole percentages', () => {
    expect(issue('Azure', { budgetAlertThresholdsPercent: percents(5) })).toMatchObject({ prop: 'budgetAlertThresholdsPercent', allowed: expect.stringMatching(/^at most 4 on Azure/) });
    expect(issue('Azure', { budgetAlertThresholdsPercent: [50, 80.5] })).toMatchObject({ prop: 'budgetAlertThresholdsPercent', received: '[80.5]', allowed: expect.stringMatching(/^whole percentages on Azure/) });
    const json = synths.Azure(tenant({ budgetAlertEmails: emails(12), budgetAlertThresholdsPercent: percents(4) })) as TfJson;
    expect((Object.values(json.resource.azurerm_consumption_budget_resource_group)[0] as any).notification).toHaveLength(5);
  });

  test('without a budget, thresholds and addresses render nothing and are not limited', () => {
    expect(() => synths.Azure((s) => new SecureTenant(s, 'T', { tenantId: 'acme', budgetAlertThresholdsPercent: percents(9) }))).not.toThrow();
  });
});

/**
 * Tags per resource within each cloud's limit (else every tagged resource fails at deploy, or at `terraform plan`):
 * AWS and Azure take 50, GCP 64 labels, one of which the google provider adds (goog-terraform-provisioned). The
 * constructs add workload, managed-by, tenant and cost-center, and on AWS and Azure a tenant's TenantId and CostCenter.
 */
describe('tags per resource', () => {
  const ADDED = { 'AWS': 6, 'AWS (Terraform)': 6, 'Azure': 6, 'GCP': 4 };
  const LIMIT = { 'AWS': 50, 'AWS (Terraform)': 50, 'Azure': 50, 'GCP': 63 };
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-tag-${i}`, `v${i}`]));
  const image = { 'AWS': ECR_IMAGE, 'AWS (Terraform)': ECR_IMAGE, 'GCP': 'us-docker.pkg.dev/my-proj/serving/vllm:0.6', 'Azure': 'myacr.azurecr.io/vllm:0.6' };
  type Cloud = keyof typeof LIMIT;
  /** The construct under test, with `n` tags, in a tenant with a cost center. */
  const builds: Record<string, (cloud: Cloud, n: number) => (s: Construct) => void> = {
    SecureTenant: (_c, n) => (s) => { new SecureTenant(s, 'T', { tenantId: 'acme', costCenter: 'cc-1', tags: tags(n) }); },
    InferenceEndpoint: (c, n) => (s) => {
      const tenant = new SecureTenant(s, 'T', { tenantId: 'acme', costCenter: 'cc-1' });
      new InferenceEndpoint(s, 'E', { tenant, model: ModelSource.container({ image: image[c] }), accelerator: c === 'Azure' ? Accelerator.NVIDIA_T4 : undefined, tags: tags(n) });
    },
    GpuPool: (c, n) => (s) => {
      const tenant = new SecureTenant(s, 'T', { tenantId: 'acme', costCenter: 'cc-1' });
      new GpuPool(s, 'P', { tenant, accelerator: c === 'Azure' ? Accelerator.NVIDIA_T4 : Accelerator.NVIDIA_L4, maxNodes: 2, tags: tags(n) });
    },
    FeatureStore: (c, n) => (s) => {
      const tenant = new SecureTenant(s, 'T', { tenantId: 'acme', costCenter: 'cc-1' });
      new FeatureStore(s, 'F', { tenant, onlineStore: c !== 'GCP', tags: tags(n), featureGroups: [{ name: 'customers', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }] }] });
    },
  };
  /** The most tags or labels any one map or list of the output holds (CloudFormation `Tags`, Terraform `tags` / `*labels`). */
  const mostTags = (x: unknown, key = ''): number => {
    if (!x || typeof x !== 'object') return 0;
    const own = /^(Tags|tags|labels|resource_labels|user_labels)$/.test(key) ? (Array.isArray(x) ? x.length : Object.keys(x).length) : 0;
    return Math.max(own, ...Object.entries(x).map(([k, v]) => mostTags(v, k)));
  };

  describe.each(Object.keys(builds))('%s', (kind) => {
    test.each(Object.keys(LIMIT) as Cloud[])('%s: up to the limit synthesizes, with exactly that many on the most-tagged resource; one more is refused', (cloud) => {
      const most = LIMIT[cloud] - ADDED[cloud];
      expect(mostTags(synths[cloud](builds[kind](cloud, most)))).toBe(LIMIT[cloud]);
      expect(validationError(() => synths[cloud](builds[kind](cloud, most + 1))).issues).toEqual([{
        prop: 'tags',
        received: expect.stringMatching(new RegExp(`^${most + 1} tags, which with the ${ADDED[cloud]} the construct adds \\(workload, managed-by, .*\\) make ${LIMIT[cloud] + 1} on each resource$`)),
        allowed: expect.stringMatching(new RegExp(`^at most ${most} tags here \\(${cloud === 'GCP' ? 'GCP takes 64 labels' : `${cloud.split(' ')[0]} takes 50 tags`}`)),
        hint: expect.stringMatching(/provider default tags/),
      }]);
    });
  });
});
