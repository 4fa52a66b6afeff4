/*
 * The VPC a stack's constructs share when the target gives none, written as L1 resources.
 *
 * It renders exactly what aws-cdk-lib's `Vpc` rendered for the two layouts below (logical IDs, tags, CIDRs,
 * dependencies), so stacks created with earlier versions of this library keep every resource; but as L1s it takes
 * about a fifth less synth time than the `Vpc` construct, and nothing outside this file needs the `IVpc` API for it.
 */
import { CfnEIP, CfnFlowLog, CfnInternetGateway, CfnNatGateway, CfnRoute, CfnRouteTable, CfnSubnet, CfnSubnetRouteTableAssociation, CfnVPC, CfnVPCEndpoint, CfnVPCGatewayAttachment } from 'aws-cdk-lib/aws-ec2';
import { CfnManagedPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Aws, FeatureFlags, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { acknowledge, inCompliancePacks } from './compliance';
import { keepLogicalIds } from './logical-ids';
import { tagShared } from './tenancy';
import { keyDescription, roleDescription } from '../shared-aws/iam';

/** What the constructs use of a shared VPC. */
export interface SharedVpc {
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  /** The private (or isolated) subnets, one per availability zone. */
  readonly privateSubnetIds: string[];
}

/** The layout of a shared VPC: two AZs, one private subnet each, optionally public subnets for one NAT gateway. */
export interface SharedVpcLayout {
  /** Public subnets (for the NAT gateway only): name and mask. */
  readonly publicSubnets?: { readonly name: string; readonly cidrMask: number };
  /** Private subnets: name, mask and whether they route to the internet through the NAT (else isolated). */
  readonly privateSubnets: { readonly name: string; readonly cidrMask: number; readonly egress: boolean; readonly tags?: Record<string, string> };
  /** An S3 gateway endpoint on the private subnets' route tables. */
  readonly s3GatewayEndpoint?: boolean;
}

const SHARED = Symbol.for('ai-infra-constructs.aws-cdk.SharedVpc');
const VPC_CIDR = '10.0.0.0/16';
const MAX_AZS = 2;

/**
 * A VPC created once per stack under `id` and shared by every construct of the stack that needs it: two AZs, flow
 * logs to a KMS-encrypted, retained CloudWatch Logs group (written by a role with a customer-managed policy), tagged
 * as ours.
 */
export function sharedStackVpc(stack: Stack, id: string, layout: SharedVpcLayout): SharedVpc {
  const existing = stack.node.tryFindChild(id) as (Construct & { [SHARED]?: SharedVpc }) | undefined;
  if (existing?.[SHARED]) return existing[SHARED];
  const scope = new Construct(stack, id);
  Tags.of(scope).add('Name', scope.node.path.slice(0, 256)); // tag values: at most 256
  const vpc = new CfnVPC(scope, 'Resource', { cidrBlock: VPC_CIDR, enableDnsHostnames: true, enableDnsSupport: true, instanceTenancy: 'default' });
  const azs = stack.availabilityZones.slice(0, MAX_AZS);
  const cidrs = subnetCidrs(VPC_CIDR, [...(layout.publicSubnets ? azs.map(() => layout.publicSubnets!.cidrMask) : []), ...azs.map(() => layout.privateSubnets.cidrMask)]);

  const subnet = (name: string, type: string, index: number, cidrBlock: string) => {
    const s = new Construct(scope, `${name}Subnet${index + 1}`);
    Tags.of(s).add('Name', s.node.path.slice(0, 256));
    const cfn = new CfnSubnet(s, 'Subnet', { vpcId: vpc.ref, cidrBlock, availabilityZone: azs[index], mapPublicIpOnLaunch: false });
    s.node.defaultChild = cfn;
    const routeTable = new CfnRouteTable(s, 'RouteTable', { vpcId: vpc.ref });
    const association = new CfnSubnetRouteTableAssociation(s, 'RouteTableAssociation', { routeTableId: routeTable.ref, subnetId: cfn.ref });
    const onSubnet = { includeResourceTypes: [CfnSubnet.CFN_RESOURCE_TYPE_NAME] };
    Tags.of(s).add('aws-cdk:subnet-name', name, onSubnet);
    Tags.of(s).add('aws-cdk:subnet-type', type, onSubnet);
    return { scope: s, subnet: cfn, routeTable, association };
  };
  const pub = layout.publicSubnets;
  const publicSubnets = pub ? azs.map((_, i) => subnet(pub.name, 'Public', i, cidrs.shift()!)) : [];
  const priv = layout.privateSubnets;
  const privateSubnets = azs.map((_, i) => subnet(priv.name, priv.egress ? 'Private' : 'Isolated', i, cidrs.shift()!));

  if (publicSubnets.length > 0) {
    const igw = new CfnInternetGateway(scope, 'IGW', {});
    const attachment = new CfnVPCGatewayAttachment(scope, 'VPCGW', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    const routes = publicSubnets.map((s) => {
      const route = new CfnRoute(s.scope, 'DefaultRoute', { routeTableId: s.routeTable.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
      route.addResourceDependency(attachment);
      return route;
    });
    // One NAT gateway, in the first public subnet, once that subnet reaches the internet.
    const nat = publicSubnets[0];
    const eip = new CfnEIP(nat.scope, 'EIP', { domain: 'vpc' });
    const gateway = new CfnNatGateway(nat.scope, 'NATGateway', { subnetId: nat.subnet.ref, allocationId: eip.attrAllocationId });
    gateway.addResourceDependency(routes[0]);
    gateway.addResourceDependency(nat.association);
    if (priv.egress) {
      for (const s of privateSubnets) new CfnRoute(s.scope, 'DefaultRoute', { routeTableId: s.routeTable.ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: gateway.ref });
    }
  }
  for (const [key, value] of Object.entries(priv.tags ?? {})) for (const s of privateSubnets) Tags.of(s.scope).add(key, value);
  if (layout.s3GatewayEndpoint) {
    new CfnVPCEndpoint(new Construct(scope, 'S3'), 'Resource', {
      vpcId: vpc.ref,
      serviceName: `com.amazonaws.${Aws.REGION}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateSubnets.map((s) => s.routeTable.ref),
    });
  }
  flowLogs(scope, vpc);
  acknowledge(scope, inCompliancePacks('VPCDefaultSecurityGroupClosed'),
    'CloudFormation cannot change the rules of a VPC\'s default security group (AWS::EC2::VPC has no such property) without a custom-resource Lambda; '
    + 'no resource of this library uses the default group: every network interface gets its own security group.');
  for (const s of publicSubnets) {
    acknowledge(s.scope, [...inCompliancePacks('VPCNoUnrestrictedRouteToIGW'), ...inCompliancePacks('VPCSubnetAutoAssignPublicIpDisabled')],
      'Public subnets hold only the NAT gateway, whose default route must reach the internet gateway; workloads run in private subnets routed through the NAT '
      + '(public IPs are not assigned on launch).');
  }
  tagShared(scope);
  keepLogicalIds(scope);
  const shared: SharedVpc = { vpcId: vpc.ref, vpcCidrBlock: vpc.attrCidrBlock, privateSubnetIds: privateSubnets.map((s) => s.subnet.ref) };
  Object.defineProperty(scope, SHARED, { value: shared });
  return shared;
}

/**
 * CIDR blocks of the given masks carved in order out of `vpcCidr`, each aligned to its own size (as aws-cdk-lib's
 * `Vpc` allocates them).
 */
export function subnetCidrs(vpcCidr: string, masks: number[]): string[] {
  const [ip, bits] = vpcCidr.split('/');
  const base = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const end = base + 2 ** (32 - Number(bits));
  let next = base;
  return masks.map((mask) => {
    const size = 2 ** (32 - mask);
    const start = Math.ceil(next / size) * size;
    if (start + size > end) throw new Error(`subnets of /${masks.join(', /')} do not fit in ${vpcCidr}`);
    next = start + size;
    return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.')}/${mask}`;
  });
}

/**
 * A policy statement's action list as aws-cdk-lib's policy documents render it: sorted when the app sets
 * `@aws-cdk/aws-iam:minimizePolicies` (which `cdk init` does), as given otherwise. The L1 policies here must read
 * exactly as the L2 policies they replace did, under either setting.
 */
function actions(scope: Construct, list: string[]): string[] {
  return FeatureFlags.of(scope).isEnabled('@aws-cdk/aws-iam:minimizePolicies') ? [...list].sort() : list;
}

/** VPC flow logs (all traffic) into an encrypted log group kept for a year. */
function flowLogs(scope: Construct, vpc: CfnVPC): void {
  const stack = Stack.of(scope);
  const key = new CfnKey(new Construct(scope, 'FlowLogsKey'), 'Resource', {
    description: keyDescription(`Flow logs of ${scope.node.path}`),
    enableKeyRotation: true,
    keyPolicy: {
      Statement: [
        { Action: 'kms:*', Effect: 'Allow', Principal: { AWS: `arn:${stack.partition}:iam::${stack.account}:root` }, Resource: '*' },
        {
          Action: actions(scope, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey']),
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:*` } },
          Effect: 'Allow',
          Principal: { Service: `logs.${stack.region}.amazonaws.com` },
          Resource: '*',
          Sid: 'CloudWatchLogsFlowLogs',
        },
      ],
      Version: '2012-10-17',
    },
  });
  key.applyRemovalPolicy(RemovalPolicy.RETAIN);
  const logGroup = new CfnLogGroup(new Construct(scope, 'FlowLogsGroup'), 'Resource', { kmsKeyId: key.attrArn, retentionInDays: 365 });
  logGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);
  const role = new CfnRole(new Construct(scope, 'FlowLogsRole'), 'Resource', {
    assumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } }], Version: '2012-10-17' },
    description: roleDescription(`Delivers flow logs of ${scope.node.path}`),
  });
  new CfnManagedPolicy(new Construct(scope, 'FlowLogsPolicy'), 'Resource', {
    description: '',
    path: '/',
    policyDocument: {
      Statement: [{
        Action: actions(scope, ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups']),
        Effect: 'Allow',
        Resource: logGroup.attrArn,
        Sid: 'DeliverFlowLogs',
      }],
      Version: '2012-10-17',
    },
    roles: [role.ref],
  });
  new CfnFlowLog(scope, 'FlowLogs', {
    resourceId: vpc.ref,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logGroupName: logGroup.ref,
    deliverLogsPermissionArn: role.attrArn,
  });
}
