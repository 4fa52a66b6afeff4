/**
 * Targets load lazily: rendering to AWS never loads cdktf or a provider; rendering to GCP never loads
 * aws-cdk-lib (nor azurerm, nor any provider's root barrel). Each scenario runs in a fresh child process and
 * inspects require.cache after a synth.
 */
import * as path from 'path';
import { ROOT, runTs } from './ts-child';

function loadedAfter(body: string): string[] {
  return JSON.parse(runTs(`
    const lib = require(${JSON.stringify(path.join(ROOT, 'src'))});
    ${body}
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('node_modules')).map((k) => k.split('node_modules/').pop())));
  `));
}

const isCdktf = (m: string) => m.startsWith('cdktf/');
const isProvider = (m: string) => m.startsWith('@cdktf/provider-');
const isAwsCdk = (m: string) => m.startsWith('aws-cdk-lib/');

test('requiring the package loads no engine', () => {
  const mods = loadedAfter('');
  expect(mods.filter((m) => isCdktf(m) || isProvider(m) || isAwsCdk(m))).toEqual([]);
});

test('rendering to AWS with CloudFormation loads neither cdktf nor any provider, nor the aws-cdk-lib root barrel', () => {
  const mods = loadedAfter(`
    const { App, Stack } = require('aws-cdk-lib/core');
    const app = new App();
    const stack = new Stack(app, 'S');
    new lib.InferenceEndpoint(stack, 'Ep', { model: lib.ModelSource.container({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1' }), minReplicas: 0 });
    app.synth();
  `);
  expect(mods.some((m) => m.startsWith('aws-cdk-lib/aws-sagemaker/'))).toBe(true);
  expect(mods.filter((m) => isCdktf(m) || isProvider(m))).toEqual([]);
  expect(mods).not.toContain('aws-cdk-lib/index.js');
}, 60_000);

test('a GpuPool on AWS loads EKS modules but neither cdktf nor the SageMaker renderer', () => {
  const mods = loadedAfter(`
    const { App, Stack } = require('aws-cdk-lib/core');
    const app = new App();
    new lib.GpuPool(new Stack(app, 'S'), 'Pool', { accelerator: lib.Accelerator.NVIDIA_L4, maxNodes: 2 });
    app.synth();
  `);
  expect(mods.some((m) => m.startsWith('aws-cdk-lib/aws-eks/'))).toBe(true);
  expect(mods.filter((m) => isCdktf(m) || isProvider(m) || m.startsWith('aws-cdk-lib/aws-sagemaker/'))).toEqual([]);
}, 60_000);

/** All four constructs on one stack (one process per cloud: a child costs ~0.7 s to start and load the engines). */
const FOUR = (image: string, accelerator: string) => `
    new lib.InferenceEndpoint(stack, 'Ep', { model: lib.ModelSource.container({ image: '${image}' }), accelerator: lib.Accelerator.${accelerator} });
    new lib.GpuPool(stack, 'Pool', { accelerator: lib.Accelerator.${accelerator}, maxNodes: 2 });
    new lib.SecureTenant(stack, 'T', { tenantId: 'acme' });
    new lib.FeatureStore(stack, 'Fs', { featureGroups: [{ name: 'g', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: lib.FeatureType.STRING }, { name: 'ts', type: lib.FeatureType.TIMESTAMP }] }] });`;
test.each([
  {
    cloud: 'GCP',
    target: "new lib.tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' })",
    constructs: FOUR('us-docker.pkg.dev/p/r/x:1', 'NVIDIA_L4'),
    provider: '@cdktf/provider-google',
    used: ['cloud-run-v2-service', 'container-node-pool', 'kms-crypto-key', 'vertex-ai-feature-group'],
    others: ['@cdktf/provider-azurerm/', '@cdktf/provider-aws/'],
  },
  {
    cloud: 'Azure',
    target: "new lib.tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' })",
    constructs: FOUR('acr.azurecr.io/x:1', 'NVIDIA_T4'),
    provider: '@cdktf/provider-azurerm',
    used: ['machine-learning-workspace', 'kubernetes-cluster-node-pool', 'key-vault', 'storage-account'],
    others: ['@cdktf/provider-google/', '@cdktf/provider-aws/'],
  },
  {
    cloud: 'AWS with Terraform',
    target: "new lib.tfaws.AwsTfTarget({ region: 'us-east-1' })",
    constructs: FOUR('123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', 'NVIDIA_L4'),
    provider: '@cdktf/provider-aws',
    used: ['sagemaker-model', 'eks-node-group', 'kms-key', 'sagemaker-feature-group'],
    others: ['@cdktf/provider-google/', '@cdktf/provider-azurerm/'],
  },
])('rendering to $cloud loads no aws-cdk-lib, no provider of another cloud, and only deep provider modules', (c) => {
  const mods = loadedAfter(`
    const { Testing, TerraformStack } = require('cdktf');
    const stack = new TerraformStack(Testing.app(), 'tf');
    lib.Target.bind(stack, ${c.target});
    ${c.constructs}
    Testing.synth(stack);
  `);
  expect(c.used.filter((u) => !mods.some((m) => m.startsWith(`${c.provider}/lib/${u}/`)))).toEqual([]);
  expect(mods.filter(isAwsCdk)).toEqual([]);
  expect(mods.filter((m) => c.others.some((o) => m.startsWith(o)))).toEqual([]);
  expect(mods).not.toContain(`${c.provider}/lib/index.js`);
}, 60_000);
