import { Key } from 'aws-cdk-lib/aws-kms';
import { App, Stack } from 'aws-cdk-lib/core';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, awscdk, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ITarget, ModelSource, SecureTenant, Target, tfaws, tfazure, tfgcp } from '../../src';
import { validationError } from '../util';

/*
 * The targets' own options are checked by every construct that renders to them. Before, a SecureTenant or
 * FeatureStore on GCP, and a SecureTenant on Azure, synthesized with a missing project or resource group (the tenant's
 * group was literally "undefined-tenant-acme"); regions, project ids and keys were not checked anywhere; and a target
 * created without options threw a TypeError.
 */

type Build = (s: Construct, cloud: 'gcp' | 'azure') => void;
const KINDS: Record<string, Build> = {
  SecureTenant: (s) => new SecureTenant(s, 'T', { tenantId: 'acme' }),
  InferenceEndpoint: (s, cloud) => new InferenceEndpoint(s, 'Ep', {
    model: ModelSource.container({ image: cloud === 'gcp' ? 'us-docker.pkg.dev/p/r/x:1' : 'myreg.azurecr.io/x:1' }),
    accelerator: cloud === 'gcp' ? Accelerator.NVIDIA_L4 : Accelerator.NVIDIA_T4,
  }),
  GpuPool: (s, cloud) => new GpuPool(s, 'Pool', { accelerator: cloud === 'gcp' ? Accelerator.NVIDIA_L4 : Accelerator.NVIDIA_T4, maxNodes: 2 }),
  FeatureStore: (s) => new FeatureStore(s, 'Fs', {
    onlineStore: false,
    featureGroups: [{ name: 'c', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }] }],
  }),
};

function inStack(target: (s: TerraformStack) => ITarget, build: (s: TerraformStack) => void): string {
  const s = new TerraformStack(Testing.app(), 'S');
  Target.bind(s, target(s));
  build(s);
  return Testing.synth(s, true);
}

const props = (fn: () => void) => validationError(fn).issues.map((i) => [i.prop, i.received]);

describe('GcpTarget', () => {
  const gcp = (o: any) => () => new tfgcp.GcpTarget(o);
  test.each(Object.keys(KINDS))('%s: missing, malformed or mislocated options fail naming the option', (kind) => {
    const build = (s: Construct) => KINDS[kind](s, 'gcp');
    expect(props(() => inStack(gcp(undefined), build))).toEqual([['GcpTarget', 'undefined']]);
    expect(props(() => inStack(gcp({ region: 'us-central1' }), build))).toEqual([['GcpTarget.project', 'undefined']]);
    expect(props(() => inStack(gcp({ project: 'My Project', region: 'US' }), build))).toEqual([['GcpTarget.project', '"My Project"'], ['GcpTarget.region', '"US"']]);
    expect(props(() => inStack(gcp({ project: 'ml-prod-1', region: 'us-central1-a' }), build))).toEqual([['GcpTarget.region', '"us-central1-a"']]);
    expect(props(() => inStack(gcp({ project: 'ml-prod-1', region: 'us-central1', kmsKeyName: 'my-key' }), build))).toEqual([['GcpTarget.kmsKeyName', '"my-key"']]);
    expect(props(() => inStack(gcp({ project: 'ml-prod-1', region: 'us-central1', kmsKeyName: 'projects/ml-prod-1/locations/europe-west4/keyRings/r/cryptoKeys/k' }), build)))
      .toEqual([['GcpTarget.kmsKeyName', 'a key in europe-west4']]);
  });

  test('valid options synthesize: a key in the region, and tokens (not checked); domain-scoped project ids are refused', () => {
    expect(props(() => inStack(gcp({ project: 'example.com:ml-prod-1', region: 'us-central1' }), (s) => KINDS.SecureTenant(s, 'gcp')))).toEqual([['GcpTarget.project', '"example.com:ml-prod-1"']]);
    const key = 'projects/ml-prod-1/locations/us-central1/keyRings/r/cryptoKeys/k';
    const out = inStack(gcp({ project: 'ml-prod-1', region: 'us-central1', kmsKeyName: key }), (s) => KINDS.InferenceEndpoint(s, 'gcp'));
    expect(JSON.parse(out).resource.google_cloud_run_v2_service).toBeDefined();
    expect(out).toContain(key);
    const withVariables = (s: TerraformStack) => new tfgcp.GcpTarget({
      project: new TerraformVariable(s, 'project', { type: 'string' }).stringValue, region: new TerraformVariable(s, 'region', { type: 'string' }).stringValue,
    });
    expect(JSON.parse(inStack(withVariables, (s) => KINDS.SecureTenant(s, 'gcp'))).resource.google_kms_crypto_key).toBeDefined();
  });
});

describe('AzureTarget', () => {
  const azure = (o: any) => () => new tfazure.AzureTarget(o);
  test.each(Object.keys(KINDS))('%s: missing or malformed options fail naming the option', (kind) => {
    const build = (s: Construct) => KINDS[kind](s, 'azure');
    expect(props(() => inStack(azure(undefined), build))).toEqual([['AzureTarget', 'undefined']]);
    expect(props(() => inStack(azure({ location: 'eastus' }), build))).toEqual([['AzureTarget.resourceGroupName', 'undefined']]);
    expect(props(() => inStack(azure({ location: 'east-us', resourceGroupName: 'ml/prod.' }), build)))
      .toEqual([['AzureTarget.location', '"east-us"'], ['AzureTarget.resourceGroupName', '"ml/prod."']]);
    expect(props(() => inStack(azure({ location: 'eastus', resourceGroupName: 'ml-prod', nodeSubnetId: 'subnet-1', deployerIpRanges: ['203.0.113.0/33'] }), build)))
      .toEqual([['AzureTarget.nodeSubnetId', '"subnet-1"'], ['AzureTarget.deployerIpRanges', '["203.0.113.0/33"]']]);
  });

  test('valid options synthesize (a display-name location, a Unicode group name, a subnet id, deployer addresses and ranges)', () => {
    const subnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aks';
    const out = inStack(azure({ location: 'East US 2', resourceGroupName: 'ml-prod_(münchen)', nodeSubnetId: subnet, deployerIpRanges: ['203.0.113.7', '198.51.100.0/24'] }), (s) => KINDS.GpuPool(s, 'azure'));
    expect(out).toContain(subnet);
  });

  test('the tenant\'s own resource group name must fit in 90 characters', () => {
    const long = 'r'.repeat(80);
    expect(validationError(() => inStack(azure({ location: 'eastus', resourceGroupName: long }), (s) => KINDS.SecureTenant(s, 'azure'))).issues)
      .toEqual([expect.objectContaining({ prop: 'AzureTarget.resourceGroupName', received: `"${long}" (80 characters)`, allowed: expect.stringMatching(/^at most 78 characters with tenant acme/) })]);
  });
});

describe('AwsTfTarget', () => {
  const aws = (o: any) => () => new tfaws.AwsTfTarget(o);
  const build = (s: Construct) => new SecureTenant(s, 'T', { tenantId: 'acme' });
  test('ids, ARNs and CIDRs of the wrong kind fail naming the option', () => {
    expect(props(() => inStack(aws(null), build))).toEqual([['AwsTfTarget', 'null']]);
    expect(props(() => inStack(aws({
      region: 'us-east-1',
      vpcId: 'my vpc',
      subnetIds: ['10.0.1.0/24'],
      securityGroupIds: 'sg-1',
      vpcCidrBlock: '10.0.0.0',
      clusterAdminRoleArns: ['admins'],
      alarmTopicArn: 'oncall',
    }), build))).toEqual([
      ['AwsTfTarget.vpcId', '"my vpc"'], ['AwsTfTarget.subnetIds', '["10.0.1.0/24"]'], ['AwsTfTarget.securityGroupIds', '"sg-1"'],
      ['AwsTfTarget.vpcCidrBlock', '"10.0.0.0"'], ['AwsTfTarget.clusterAdminRoleArns', '["admins"]'], ['AwsTfTarget.alarmTopicArn', '"oncall"'],
    ]);
    expect(props(() => inStack(aws({ region: 'us-east-1', securityGroupIds: ['sg-0123456789abcdef0'] }), build))).toEqual([['AwsTfTarget.securityGroupIds', 'security groups without AwsTfTarget.vpcId']]);
  });
  test('an EC2 id with the right prefix but not 8 or 17 hexadecimal digits fails naming the option (EC2 refuses it at plan)', () => {
    const ids = (vpcId: string, subnetId: string, sgId: string) => props(() => inStack(aws({ region: 'us-east-1', vpcId, subnetIds: [subnetId], securityGroupIds: [sgId] }), build));
    expect(ids('vpc-1', 'subnet-a', 'sg-xyz')).toEqual([['AwsTfTarget.vpcId', '"vpc-1"'], ['AwsTfTarget.subnetIds', '["subnet-a"]'], ['AwsTfTarget.securityGroupIds', '["sg-xyz"]']]);
    expect(ids('vpc-0123456789abcdef', 'subnet-0123456g', 'sg-0123456789ABCDEF01')).toEqual([
      ['AwsTfTarget.vpcId', '"vpc-0123456789abcdef"'], ['AwsTfTarget.subnetIds', '["subnet-0123456g"]'], ['AwsTfTarget.securityGroupIds', '["sg-0123456789ABCDEF01"]'],
    ]);
    // Both forms EC2 issues: 8 digits (older resources) and 17.
    expect(() => inStack(aws({ region: 'us-east-1', vpcId: 'vpc-1a2b3c4d', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'], securityGroupIds: ['sg-0123abcd'] }), build)).not.toThrow();
  });
  test('a KMS key from another region fails naming kmsKeyArn (keys are regional); one in the region, or a token, passes', () => {
    const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/0f0e0d0c-0b0a-0908-0706-050403020100`;
    expect(props(() => inStack(aws({ region: 'us-east-1', kmsKeyArn: key('eu-west-1') }), build))).toEqual([['AwsTfTarget.kmsKeyArn', 'a key in eu-west-1']]);
    expect(() => inStack(aws({ region: 'us-east-1', kmsKeyArn: key('us-east-1') }), build)).not.toThrow();
    expect(() => inStack((st) => new tfaws.AwsTfTarget({ region: 'us-east-1', kmsKeyArn: new TerraformVariable(st, 'key_arn', { type: 'string' }).stringValue }), build)).not.toThrow();
  });
});

describe('AwsCdkTarget', () => {
  const inAwsStack = (options: any, build: (s: Stack) => void) => {
    const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    Target.bind(s, new awscdk.AwsCdkTarget(options));
    build(s);
  };
  const endpoint = (s: Stack) => new InferenceEndpoint(s, 'Ep', { model: ModelSource.container({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1' }) });
  test('existing resources that are not aws-cdk-lib objects, and bad ARNs, fail naming the option (not a TypeError)', () => {
    expect(props(() => inAwsStack(null, endpoint))).toEqual([['AwsCdkTarget', 'null']]);
    expect(props(() => inAwsStack({ vpc: 'vpc-1', encryptionKey: 'arn:aws:kms:us-east-1:123456789012:key/k', alarmTopic: 'oncall', securityGroups: ['sg-1'], clusterAdminRoleArns: ['admins'] }, endpoint)))
      .toEqual([
        ['AwsCdkTarget.vpc', '"vpc-1"'], ['AwsCdkTarget.encryptionKey', '"arn:aws:kms:us-east-1:123456789012:key/k"'], ['AwsCdkTarget.alarmTopic', '"oncall"'],
        ['AwsCdkTarget.securityGroups', '["sg-1"]'], ['AwsCdkTarget.clusterAdminRoleArns', '["admins"]'],
      ]);
    expect(props(() => inAwsStack({ vpcSubnets: { subnetGroupName: 'models' } }, (s) => new SecureTenant(s, 'T', { tenantId: 'acme' }))))
      .toEqual([['AwsCdkTarget.vpcSubnets', 'a selection without AwsCdkTarget.vpc']]);
  });
  test('a KMS key imported from another region fails naming encryptionKey (keys are regional); the stack\'s region passes', () => {
    const withKey = (region: string) => () => {
      const s = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      Target.bind(s, new awscdk.AwsCdkTarget({ encryptionKey: Key.fromKeyArn(s, 'Key', `arn:aws:kms:${region}:123456789012:key/0f0e0d0c-0b0a-0908-0706-050403020100`) }));
      endpoint(s);
    };
    expect(props(withKey('eu-west-1'))).toEqual([['AwsCdkTarget.encryptionKey', 'a key in eu-west-1']]);
    expect(withKey('us-east-1')).not.toThrow();
  });
});
