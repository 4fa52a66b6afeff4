import { Template } from 'aws-cdk-lib/assertions';
import { SecurityGroup, Subnet, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { App, Stack } from 'aws-cdk-lib/core';
import { Accelerator, awscdk, ExistingCluster, GpuPool, InferenceEndpoint, ModelSource, Target } from '../../../src';
import { ECR_IMAGE, validationError } from '../../util';

/*
 * An existing VPC passed through AwsCdkTarget: subnets our constructs cannot use fail at synth naming the target's
 * prop. Before, a VPC without private subnets threw aws-cdk-lib's own error, and an EKS cluster in one Availability
 * Zone synthesized and failed at deploy.
 */

function stack() {
  return new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
}
const pool = (s: Stack, cluster?: ExistingCluster) => new GpuPool(s, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, cluster });
const endpoint = (s: Stack) => new InferenceEndpoint(s, 'Ep', { model: ModelSource.container({ image: ECR_IMAGE }) });

test('a VPC with public subnets only: both constructs name AwsCdkTarget.vpc and say what the VPC has', () => {
  for (const build of [pool, endpoint]) {
    const s = stack();
    const vpc = new Vpc(s, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'web', subnetType: SubnetType.PUBLIC }] });
    Target.bind(s, new awscdk.AwsCdkTarget({ vpc }));
    const e = validationError(() => build(s));
    expect(e.issues).toEqual([expect.objectContaining({ prop: 'AwsCdkTarget.vpc', received: 'a VPC with 0 private, 0 isolated, 2 public subnets' })]);
  }
});

test('vpcSubnets naming a group the VPC lacks names AwsCdkTarget.vpcSubnets with aws-cdk-lib\'s reason', () => {
  const s = stack();
  const vpc = new Vpc(s, 'Vpc', { maxAzs: 2 });
  Target.bind(s, new awscdk.AwsCdkTarget({ vpc, vpcSubnets: { subnetGroupName: 'gpu' } }));
  const e = validationError(() => endpoint(s));
  expect(e.issues).toEqual([expect.objectContaining({ prop: 'AwsCdkTarget.vpcSubnets', received: expect.stringMatching(/^a selection aws-cdk-lib cannot make: .*gpu/) })]);
});

test('a new EKS cluster needs subnets in two Availability Zones; a node group in an existing cluster and an endpoint do not', () => {
  const oneZone = (s: Stack) => Vpc.fromVpcAttributes(s, 'Vpc', {
    vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1'],
  });
  const s = stack();
  Target.bind(s, new awscdk.AwsCdkTarget({ vpc: oneZone(s) }));
  expect(validationError(() => pool(s)).issues).toEqual([{
    prop: 'AwsCdkTarget.vpc',
    received: 'subnets in 1 Availability Zone (us-east-1a)',
    allowed: 'subnets in at least 2 Availability Zones for a new EKS cluster (EKS requires two Availability Zones) and its node groups',
  }]);

  const existing = stack();
  Target.bind(existing, new awscdk.AwsCdkTarget({ vpc: oneZone(existing) }));
  pool(existing, ExistingCluster.fromName('prod'));
  endpoint(existing);
  const t = Template.fromStack(existing);
  t.hasResourceProperties('AWS::EKS::Nodegroup', { Subnets: ['subnet-0aaaaaaaaaaaaaaa1'] });
  t.hasResourceProperties('AWS::SageMaker::Model', { VpcConfig: { Subnets: ['subnet-0aaaaaaaaaaaaaaa1'] } });
});

test('imported subnets whose zones are unknown are not compared', () => {
  const s = stack();
  const subnets = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'].map((id, i) => Subnet.fromSubnetId(s, `Subnet${i}`, id));
  const vpc = Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: subnets.map((x) => x.subnetId) });
  Target.bind(s, new awscdk.AwsCdkTarget({ vpc, vpcSubnets: { subnets } }));
  pool(s);
  Template.fromStack(s).hasResourceProperties('AWS::EKS::Cluster', { ResourcesVpcConfig: { SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] } });
});

test('an endpoint in a VPC imported without its CIDR block needs AwsCdkTarget.securityGroups (its own group allows HTTPS to the CIDR)', () => {
  const s = stack();
  const vpc = Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] });
  Target.bind(s, new awscdk.AwsCdkTarget({ vpc }));
  expect(validationError(() => endpoint(s)).issues).toEqual([expect.objectContaining({ prop: 'AwsCdkTarget.vpc', received: 'a VPC imported without vpcCidrBlock' })]);

  const withGroups = stack();
  const vpc2 = Vpc.fromVpcAttributes(withGroups, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] });
  Target.bind(withGroups, new awscdk.AwsCdkTarget({ vpc: vpc2, securityGroups: [SecurityGroup.fromSecurityGroupId(withGroups, 'Sg', 'sg-0123456789abcdef0')] }));
  endpoint(withGroups);
  Template.fromStack(withGroups).hasResourceProperties('AWS::SageMaker::Model', { VpcConfig: { SecurityGroupIds: ['sg-0123456789abcdef0'] } });
});
