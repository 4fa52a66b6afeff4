/**
 * Importing into an existing CDK stack: the stack already has a VPC and a KMS key; bind them once through the AWS
 * target options and every endpoint in the stack uses them (no new VPC, no new key).
 */
import { SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { App, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { awscdk, Compliance, ComplianceProfile, Target } from '../../src';
import { defineClinicalNotes } from './define';

export class ExistingPlatformStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { env: { region: 'us-east-1' } });
    // What the platform team already has.
    const vpc = new Vpc(this, 'PlatformVpc', { maxAzs: 2, natGateways: 1 });
    // This VPC stands in for one the network team owns (import yours with Vpc.fromLookup); its flow logs, default
    // security group and internet routes are that team's controls, so the example records them as acknowledged.
    const owned = 'Stand-in for the platform team\'s existing VPC, created here only to keep the example self-contained; the network team\'s stack owns its flow logs and routing';
    for (const ruleId of ['AwsSolutions-VPC7', ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].flatMap((p) => [
      `${p}-VPCFlowLogsEnabled`, `${p}-VPCDefaultSecurityGroupClosed`, `${p}-VPCNoUnrestrictedRouteToIGW`, `${p}-VPCSubnetAutoAssignPublicIpDisabled`])]) {
      Compliance.acknowledge(vpc, { ruleId, reason: owned });
    }
    const key = new Key(this, 'PlatformKey', { enableKeyRotation: true });

    Target.bind(this, new awscdk.AwsCdkTarget({ vpc, vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS }, encryptionKey: key }));
    ComplianceProfile.apply(this, ComplianceProfile.HIPAA);

    defineClinicalNotes(this);
  }
}

export function main(app = new App()): App {
  // cdk-nag 3: AwsSolutions + HIPAA.Security + AiInfra; any unacknowledged finding fails synth.
  awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
  new ExistingPlatformStack(app, 'ExistingPlatform');
  return app;
}

if (require.main === module) main().synth();
