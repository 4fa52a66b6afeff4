import { CfnFlowLog, IVpc, Vpc, VpcProps } from 'aws-cdk-lib/aws-ec2';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { acknowledge, inCompliancePacks } from './compliance';
import { keepLogicalIds } from './logical-ids';
import { tagShared } from './tenancy';
import { roleDescription } from '../shared-aws/iam';

/**
 * A VPC created once per stack under `id` and shared by every construct of the stack that needs it: two AZs, flow
 * logs to a KMS-encrypted, retained CloudWatch Logs group (written by a role with a customer-managed policy), tagged
 * as ours. `configure` runs once, on creation.
 */
export function sharedStackVpc(stack: Stack, id: string, props: VpcProps, configure?: (vpc: Vpc) => void): IVpc {
  const existing = stack.node.tryFindChild(id) as Vpc | undefined;
  if (existing) return existing;
  const vpc = new Vpc(stack, id, { maxAzs: 2, restrictDefaultSecurityGroup: false, ...props });
  configure?.(vpc);
  flowLogs(vpc);
  acknowledge(vpc, inCompliancePacks('VPCDefaultSecurityGroupClosed'),
    'CloudFormation cannot change the rules of a VPC\'s default security group (AWS::EC2::VPC has no such property) without a custom-resource Lambda; '
    + 'no resource of this library uses the default group: every network interface gets its own security group.');
  for (const subnet of vpc.publicSubnets) {
    acknowledge(subnet, [...inCompliancePacks('VPCNoUnrestrictedRouteToIGW'), ...inCompliancePacks('VPCSubnetAutoAssignPublicIpDisabled')],
      'Public subnets hold only the NAT gateway, whose default route must reach the internet gateway; workloads run in private subnets routed through the NAT '
      + '(public IPs are not assigned on launch).');
  }
  tagShared(vpc);
  keepLogicalIds(vpc);
  return vpc;
}

/** VPC flow logs (all traffic) into an encrypted log group kept for a year. */
function flowLogs(vpc: Vpc): void {
  const stack = Stack.of(vpc);
  const key = new Key(vpc, 'FlowLogsKey', { description: `Flow logs of ${vpc.node.path}`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  const logGroup = new LogGroup(vpc, 'FlowLogsGroup', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN, encryptionKey: key });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'CloudWatchLogsFlowLogs',
    principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
  const role = new Role(vpc, 'FlowLogsRole', { assumedBy: new ServicePrincipal('vpc-flow-logs.amazonaws.com'), description: roleDescription(`Delivers flow logs of ${vpc.node.path}`) });
  new ManagedPolicy(vpc, 'FlowLogsPolicy', {
    roles: [role],
    statements: [new PolicyStatement({
      sid: 'DeliverFlowLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups'],
      resources: [logGroup.logGroupArn],
    })],
  });
  new CfnFlowLog(vpc, 'FlowLogs', {
    resourceId: vpc.vpcId,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logGroupName: logGroup.logGroupName,
    deliverLogsPermissionArn: role.roleArn,
  });
}
