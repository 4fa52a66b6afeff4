import { App, Stack } from 'aws-cdk-lib/core';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FeatureGroupDefinition, FeatureStore, FeatureType, ITarget, Target, tfaws, tfazure, tfgcp } from '../../src';
import { validationError } from '../util';

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
