// `npx cdk synth` (CDK CLI aws-cdk@2.1148.1) runs this file (see cdk.json).
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { App, Stack } from 'aws-cdk-lib/core';
import { awscdk, ComplianceProfile, ExistingCluster, Target } from '../../src';
import { defineBatchPool, defineTrainingPool } from './define';

export function main(app = new App()): App {
  // cdk-nag 3: AwsSolutions + HIPAA.Security + AiInfra; any unacknowledged finding fails synth.
  awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
  // A new private EKS cluster (with its own VPC) for training. No account in the environment: the VPC's zones resolve
  // at deploy time (Fn::GetAZs), so synth needs no AWS credentials.
  const training = new Stack(app, 'GpuTraining', { env: { region: 'us-east-1' } });
  Target.bind(training, new awscdk.AwsCdkTarget({ clusterAdminRoleArns: ['arn:aws:iam::123456789012:role/platform-admins'] }));
  defineTrainingPool(training);

  // A GPU node group on the platform team's existing cluster, in that cluster's VPC.
  const existing = new Stack(app, 'GpuBatchOnPlatformCluster', { env: { account: '123456789012', region: 'us-east-1' } });
  const vpc = Vpc.fromVpcAttributes(existing, 'PlatformVpc', {
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
    privateSubnetRouteTableIds: ['rtb-0aaa1111bbbb2222c', 'rtb-0ddd3333eeee4444f'],
  });
  Target.bind(existing, new awscdk.AwsCdkTarget({ vpc }));
  defineBatchPool(existing, ExistingCluster.fromName('platform-prod'));
  return app;
}

if (require.main === module) main().synth();
