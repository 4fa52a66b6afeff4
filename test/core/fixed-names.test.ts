import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { App, Stack } from 'aws-cdk-lib/core';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, awscdk, ExistingCluster, FeatureGroupDefinition, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ITarget, ModelSource, Target, tfaws, tfazure, tfgcp } from '../../src';
import { ECR_IMAGE, validationError } from '../util';

/*
 * Feature group names are the cloud's fixed names (SageMaker FeatureGroupName, Vertex AI feature group), unique per
 * account (project) and region. A second FeatureStore with a group of the same name in the same place synthesized and
 * failed at deploy; now it fails at synth, naming the group.
 */

const group = (name: string): FeatureGroupDefinition => ({
  name, recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }],
});
const store = (scope: Construct, id: string, ...names: string[]) => new FeatureStore(scope, id, { featureGroups: names.map(group), onlineStore: false });
const US = { account: '123456789012', region: 'us-east-1' };

describe('aws-cdk', () => {
  test('a second store with a group of the same name in the same stack fails, naming the group and the first store', () => {
    const s = new Stack(new App(), 'S', { env: US });
    store(s, 'A', 'customers', 'cards');
    const e = validationError(() => store(s, 'B', 'orders', 'customers'));
    expect(e.issues).toEqual([{
      prop: 'featureGroups.customers.name',
      received: '"customers"',
      allowed: 'a group name no other FeatureStore uses in AWS account 123456789012, region us-east-1',
      hint: expect.stringMatching(/^S\/A already has a feature group named customers there; rename the group that is new/),
    }]);
  });

  test('across stacks: the same account and region fails; another region, or environment-agnostic stacks, do not', () => {
    const app = new App();
    store(new Stack(app, 'S1', { env: US }), 'A', 'customers');
    expect(validationError(() => store(new Stack(app, 'S2', { env: US }), 'A', 'customers')).issues[0].prop).toBe('featureGroups.customers.name');
    store(new Stack(app, 'S3', { env: { ...US, region: 'eu-west-1' } }), 'A', 'customers');
    // Each environment-agnostic stack is its own place (it may deploy anywhere); within one, names still clash.
    const agnostic = new Stack(app, 'S4');
    store(agnostic, 'A', 'customers');
    store(new Stack(app, 'S5'), 'A', 'customers');
    expect(validationError(() => store(agnostic, 'B', 'customers')).issues[0].allowed).toBe('a group name no other FeatureStore uses in stack S4 (environment-agnostic)');
    expect(() => app.synth()).not.toThrow();
  });
});

function tfStacks(...targets: ITarget[]) {
  const app = Testing.app();
  return targets.map((t, i) => {
    const s = new TerraformStack(app, `S${i}`);
    Target.bind(s, t);
    return s;
  });
}

describe('Terraform', () => {
  const gcp = (region = 'us-central1') => new tfgcp.GcpTarget({ project: 'team-a-prod', region });

  test('GCP: the same Vertex AI name in one project and region fails across stacks, after normalising (- as _, lowercase)', () => {
    const [a, b, c] = tfStacks(gcp(), gcp(), gcp('europe-west4'));
    store(a, 'A', 'customer-profile');
    const e = validationError(() => store(b, 'B', 'Customer_Profile'));
    expect(e.issues).toEqual([expect.objectContaining({
      prop: 'featureGroups.Customer_Profile.name',
      allowed: 'a group name no other FeatureStore uses in GCP project team-a-prod, region us-central1',
      hint: expect.stringContaining('S0/A already has a feature group named customer_profile there'),
    })]);
    expect(() => store(c, 'C', 'customer-profile')).not.toThrow();
  });

  test('AWS via Terraform: one stack\'s provider is one account, so names clash within a stack only', () => {
    const aws = () => new tfaws.AwsTfTarget({ region: 'us-east-1' });
    const [a, b] = tfStacks(aws(), aws());
    store(a, 'A', 'customers');
    expect(validationError(() => store(a, 'B', 'customers')).issues[0].allowed).toBe('a group name no other FeatureStore uses in the AWS account of Terraform stack S0, region us-east-1');
    expect(() => store(b, 'A', 'customers')).not.toThrow();
  });

  test('Azure: each store\'s groups live in its own feature store workspace, so the same names synthesize', () => {
    const [a] = tfStacks(new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    store(a, 'A', 'customers');
    store(a, 'B', 'customers');
    expect(() => Testing.synth(a, true)).not.toThrow();
  });
});

/*
 * The same for the optional `name` of endpoints (fixed endpoint / service names) and of GpuPools added to an existing
 * cluster (node pool names are unique per cluster). Constructs without `name` get unique names and claim nothing.
 */
describe('endpoint and node pool names', () => {
  const IMAGES = { 'aws': ECR_IMAGE, 'aws-tf': ECR_IMAGE, 'gcp': 'us-docker.pkg.dev/p/r/x:1', 'azure': 'myreg.azurecr.io/x:1' };
  const targets = {
    'aws-tf': () => new tfaws.AwsTfTarget({ region: 'us-east-1', vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] }),
    'gcp': () => new tfgcp.GcpTarget({ project: 'team-a-prod', region: 'us-central1' }),
    'azure': () => new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }),
  };
  type C = keyof typeof IMAGES;
  const scopes = (cloud: C): [Construct, Construct] => {
    if (cloud === 'aws') {
      const app = new App();
      const s = new Stack(app, 'S', { env: US });
      Target.bind(s, new awscdk.AwsCdkTarget({ vpc: Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] }) }));
      return [s, new Stack(app, 'Other', { env: { ...US, region: 'eu-west-1' } })];
    }
    const [s] = tfStacks(targets[cloud]());
    return [s, new Construct(s, 'Nested')];
  };
  const acc = (cloud: C) => (cloud === 'azure' ? Accelerator.NVIDIA_T4 : Accelerator.NVIDIA_L4);
  const endpoint = (s: Construct, id: string, cloud: C, name?: string) =>
    new InferenceEndpoint(s, id, { name, model: ModelSource.container({ image: IMAGES[cloud] }), accelerator: acc(cloud) });
  const pool = (s: Construct, id: string, cloud: C, name?: string, cluster = cloud === 'azure' ? ExistingCluster.fromName('prod', { resourceGroupName: 'rg' }) : ExistingCluster.fromName('prod')) =>
    new GpuPool(s, id, { name, accelerator: acc(cloud), maxNodes: 1, cluster });

  test.each(Object.keys(IMAGES) as C[])('%s: a second endpoint named chat fails naming name; other names and unnamed endpoints do not', (cloud) => {
    const [s] = scopes(cloud);
    endpoint(s, 'A', cloud, 'chat');
    endpoint(s, 'B', cloud, 'chat-2');
    endpoint(s, 'C', cloud);
    endpoint(s, 'D', cloud);
    expect(validationError(() => endpoint(s, 'E', cloud, 'chat')).issues).toEqual([expect.objectContaining({
      prop: 'name', received: '"chat"', hint: expect.stringMatching(/^(S|S0)\/A already has the .+ chat there$/),
    })]);
  });

  test.each(Object.keys(IMAGES) as C[])('%s: two GpuPools named gpu in one existing cluster fail; in two clusters they do not', (cloud) => {
    const [s] = scopes(cloud);
    pool(s, 'A', cloud, 'gpu');
    pool(s, 'B', cloud, 'gpu', cloud === 'azure' ? ExistingCluster.fromName('staging', { resourceGroupName: 'rg' }) : ExistingCluster.fromName('staging'));
    expect(validationError(() => pool(s, 'C', cloud, 'gpu')).issues).toEqual([expect.objectContaining({ prop: 'name', received: '"gpu"' })]);
  });

  test('aws-cdk: the same endpoint name in another region synthesizes', () => {
    const [s, other] = scopes('aws');
    endpoint(s, 'A', 'aws', 'chat');
    expect(() => endpoint(other, 'A', 'aws', 'chat')).not.toThrow();
  });
});
