/**
 * One price catalog for both AWS targets: every construct's estimate on the Terraform target equals its estimate on
 * the CloudFormation target, and the cost report is written beside the Terraform output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib/core';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, CostEstimate, FeatureStore, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfaws } from '../../../src';
import { CUSTOMERS } from '../../feature-store-fixtures';
import { ECR_IMAGE, synthAws, synthAwsTf } from '../../util';

function build(scope: Construct): Record<string, CostEstimate> {
  const tenant = new SecureTenant(scope, 'T', { tenantId: 'acme' });
  return {
    endpoint: new InferenceEndpoint(scope, 'Ep', { model: ModelSource.container({ image: ECR_IMAGE }), minReplicas: 0, maxReplicas: 4, tenant }).estimatedMonthlyCost,
    logging: new InferenceEndpoint(scope, 'Logged', { model: ModelSource.container({ image: ECR_IMAGE }), instanceType: { aws: 'ml.g5.2xlarge' }, requestLogging: { enabled: true } }).estimatedMonthlyCost,
    pool: new GpuPool(scope, 'Pool', { accelerator: Accelerator.NVIDIA_A10G, maxNodes: 3, spot: true }).estimatedMonthlyCost,
    store: new FeatureStore(scope, 'Store', { featureGroups: [CUSTOMERS] }).estimatedMonthlyCost,
    tenant: tenant.estimatedMonthlyCost,
  };
}

test('estimates are identical on the CloudFormation and Terraform AWS targets', () => {
  let cfn!: Record<string, CostEstimate>;
  let tf!: Record<string, CostEstimate>;
  synthAws((s: Stack) => { cfn = build(s); });
  synthAwsTf((s) => { tf = build(s); });
  expect(tf).toEqual(cfn);
  expect(tf.pool.monthlyUsdHigh).toBeGreaterThan(0);
});

test('the cost and compliance reports are written beside the Terraform stack', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfaws-report-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'aws');
  Target.bind(stack, new tfaws.AwsTfTarget({ region: 'us-east-1' }));
  build(stack);
  app.synth();
  const cost = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'aws', 'cost-report.json'), 'utf8'));
  expect(cost.constructs.map((c: any) => c.cloud)).toEqual(['aws', 'aws', 'aws', 'aws', 'aws']);
  const compliance = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'aws', 'compliance-report.json'), 'utf8'));
  expect(compliance.stacks[0].unacknowledgedFindings).toBe(0);
});
