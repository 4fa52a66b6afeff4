/*
 * Networks the AWS Terraform renderers share per stack, mirroring the CloudFormation target:
 * - models (private networking): a VPC with two isolated subnets (no internet gateway, no NAT) and an S3 gateway
 *   endpoint for model artifacts;
 * - clusters GpuPools create: a VPC with two private node subnets (/19, room for VPC CNI pod IPs) behind one NAT
 *   gateway, and public subnets for the NAT only.
 * Both: the default security group has no rules, and VPC flow logs go to a KMS-encrypted, retained log group.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct, IConstruct } from 'constructs';
import { attachPolicy, AwsContext, newKey, serviceRole, SHARED_TAGS } from './common';
import { logRetentionDays } from '../shared-aws/gpu-pool';
import { element, retain, stackOf, tagResources } from '../shared-tf/engine';

export interface SharedNetwork {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly subnetIds: string[];
}

const MODELS_ID = 'AiInfraPrivateVpc';
const CLUSTERS_ID = 'AiInfraClusterVpc';

/** The isolated VPC for models (one per stack). */
export function sharedModelNetwork(scope: IConstruct, ctx: AwsContext, logRetention: number): SharedNetwork {
  return sharedNetwork(scope, ctx, MODELS_ID, '10.80.0.0/16', false, logRetention);
}

/** The cluster VPC (one per stack). */
export function sharedClusterNetwork(scope: IConstruct, ctx: AwsContext, logRetention: number): SharedNetwork {
  return sharedNetwork(scope, ctx, CLUSTERS_ID, '10.90.0.0/16', true, logRetention);
}

function sharedNetwork(scope: IConstruct, ctx: AwsContext, id: string, cidr: string, nat: boolean, logRetention: number): SharedNetwork {
  const stack = stackOf(scope);
  const existing = stack.node.tryFindChild(id) as Construct | undefined;
  if (existing) return (existing as any).network;
  const c = new Construct(stack, id);
  const azs = new DataAwsAvailabilityZones(c, 'Zones', { state: 'available' });
  const vpc = new Vpc(c, 'Resource', { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true });
  new DefaultSecurityGroup(c, 'DefaultSecurityGroup', { vpcId: vpc.id }); // no rules: nothing uses the default group
  const privateTable = new RouteTable(c, 'PrivateRoutes', { vpcId: vpc.id });
  const subnetIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const subnet = new Subnet(c, `${nat ? 'Nodes' : 'Models'}Subnet${i + 1}`, {
      vpcId: vpc.id,
      availabilityZone: element(azs.names, i),
      cidrBlock: nat ? `${cidr.split('.').slice(0, 2).join('.')}.${i * 32}.0/19` : `${cidr.split('.').slice(0, 2).join('.')}.${i * 16}.0/20`,
      mapPublicIpOnLaunch: false,
      tags: nat ? { 'kubernetes.io/role/internal-elb': '1' } : undefined,
    });
    new RouteTableAssociation(c, `PrivateRoutes${i + 1}`, { subnetId: subnet.id, routeTableId: privateTable.id });
    subnetIds.push(subnet.id);
  }
  if (nat) {
    const igw = new InternetGateway(c, 'InternetGateway', { vpcId: vpc.id });
    const publicTable = new RouteTable(c, 'PublicRoutes', { vpcId: vpc.id });
    new Route(c, 'PublicDefaultRoute', { routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const publicSubnets = [0, 1].map((i) => {
      const s = new Subnet(c, `NatSubnet${i + 1}`, {
        vpcId: vpc.id,
        availabilityZone: element(azs.names, i),
        cidrBlock: `${cidr.split('.').slice(0, 2).join('.')}.${128 + i}.0/24`,
        mapPublicIpOnLaunch: false,
      });
      new RouteTableAssociation(c, `PublicRoutes${i + 1}`, { subnetId: s.id, routeTableId: publicTable.id });
      return s;
    });
    const eip = new Eip(c, 'NatAddress', { domain: 'vpc' });
    const natGw = new NatGateway(c, 'NatGateway', { allocationId: eip.allocationId, subnetId: publicSubnets[0].id, dependsOn: [igw] });
    new Route(c, 'PrivateDefaultRoute', { routeTableId: privateTable.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: natGw.id });
  }
  new VpcEndpoint(c, 'S3Endpoint', {
    vpcId: vpc.id,
    serviceName: `com.amazonaws.${ctx.region}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: [privateTable.id],
  });

  // Flow logs (all traffic) to an encrypted, retained log group.
  const logName = `/ai-infra-constructs/vpc/${stack.node.id}/${id}`;
  const key = newKey(c, 'FlowLogsKey', ctx, `VPC flow logs of ${id} (ai-infra-constructs)`, [logsServiceStatement(ctx, logName)]);
  const group = new CloudwatchLogGroup(c, 'FlowLogs', { name: logName, retentionInDays: logRetentionDays(Math.max(365, logRetention)), kmsKeyId: key.arn });
  retain(group);
  const role = serviceRole(c, 'FlowLogsRole', ['vpc-flow-logs.amazonaws.com'], `Delivers the flow logs of ${id}`);
  attachPolicy(c, 'FlowLogsPolicy', role, `Writes the flow logs of ${id}`, [{
    Sid: 'WriteFlowLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    Resource: [group.arn, `${group.arn}:*`],
  }]);
  new FlowLog(c, 'FlowLog', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: group.arn, iamRoleArn: role.arn });
  tagResources(c, { ...SHARED_TAGS, Name: `${stack.node.id}-${id}` });
  const network: SharedNetwork = { vpcId: vpc.id, cidrBlock: vpc.cidrBlock, subnetIds };
  Object.defineProperty(c, 'network', { value: network });
  return network;
}

/** Lets CloudWatch Logs use a key for one log group (encryption context scoped to that group). */
export function logsServiceStatement(ctx: AwsContext, logGroupName: string) {
  return {
    Sid: 'CloudWatchLogsUse',
    Effect: 'Allow' as const,
    Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${logGroupName}` } },
  };
}
