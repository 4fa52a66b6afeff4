import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib/core';
import { FeatureStore, FeatureType, InferenceEndpoint, ModelSource, SecureTenant } from '../../src';
import { ECR_IMAGE } from '../util';

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
  const build = (groups: number) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'limits-')) });
    const stack = new Stack(app, 'Features', { env: { account: '123456789012', region: 'us-east-1' } });
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
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'limits-')) });
  const nested = new NestedStack(new Stack(app, 'Parent', { env: { account: '123456789012', region: 'us-east-1' } }), 'Features');
  new FeatureStore(nested, 'Store', { featureGroups: Array.from({ length: 5 }, (_, g) => ({ name: `nested${g}`, recordIdentifier: 'id', eventTime: 'ts', features: features(2500) })) });
  expect(() => app.synth()).toThrow(/The template of stack Parent\/Features is 1,3\d\d,\d\d\d bytes/);
});
