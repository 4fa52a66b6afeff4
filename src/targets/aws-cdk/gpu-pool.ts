/*
 * GpuPool → Amazon EKS (aws-cdk-lib L1s; deep imports only).
 *
 * No cluster given: a private EKS cluster (API endpoint private only, secrets envelope-encrypted with a rotating KMS
 * key, all five control-plane log types to a retained log group, API authentication mode, standard-support upgrade
 * policy so the cluster never drifts into the 6× extended-support fee) plus a small system node group for cluster
 * add-ons (CoreDNS, cluster autoscaler, the NVIDIA device plugin), which cannot run on tainted GPU nodes.
 * Always: a managed node group on the AL2023 NVIDIA AMI (AL2 reached end of support on 2025-11-26 and is still
 * aws-cdk-lib's default for GPU types, so the AMI type is explicit), tainted nvidia.com/gpu=true:NoSchedule, with a
 * launch template that requires IMDSv2 (hop limit 1: pods cannot reach the node's credentials) and encrypts the
 * root volume, and a node role with one customer-managed least-privilege policy.
 *
 * The AL2023 NVIDIA AMI ships the driver and container toolkit; Kubernetes still needs the NVIDIA device plugin
 * (and a cluster autoscaler or Karpenter to scale managed node groups): Kubernetes objects, not CloudFormation
 * resources — see the `ai-infra-constructs:next-steps` metadata.
 * Names: EKS cluster names 1-100 characters [0-9A-Za-z][A-Za-z0-9-_]*; node group names 1-63 of the same.
 */
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnAccessEntry, CfnCluster, CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal, ArnPrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Arn, ArnFormat, Aws, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { acknowledge, acknowledgeWildcards, inCompliancePacks, WILDCARD_REASONS } from './compliance';
import { keepLogicalIds } from './logical-ids';
import { stackPlace } from './place';
import { ensureCostReport } from './reports';
import { GpuPoolResources } from './resources';
import type { AwsCdkTargetOptions } from './target';
import { targetOptionIssues, targetSubnetIssues, targetSubnets } from './target-options';
import { tagTenantOwned } from './tenancy';
import { SharedVpc, sharedStackVpc } from './vpc';
import { CostEstimate } from '../../core/cost';
import { ValidationError, ValidationIssue } from '../../core/errors';
import { GPU_TAINT_KEY, GpuPoolOutputs, GpuPoolSpec } from '../../core/gpu-pool/spec';
import { claimNameProp, existingClusterPlace } from '../../core/names';
import { RendererModule } from '../../core/renderer';
import {
  CLUSTER_ARN, clusterPlaceIssues, CONTROL_PLANE_LOGS, EKS_NEXT_STEPS, eksShape, estimateEksPool, logRetentionDays, spotInstanceTypes, SYSTEM_INSTANCE_TYPE, SYSTEM_NODES, validateEksPool,
} from '../shared-aws/gpu-pool';
import { eksNodeStatements, keyDescription, policyDescription, roleDescription } from '../shared-aws/iam';

const SHARED_VPC_ID = 'AiInfraClusterVpc';

export function validateGpuPool(spec: GpuPoolSpec, options: AwsCdkTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  return validateEksPool(spec, {
    hasNetwork: options?.vpc !== undefined,
    networkProp: 'AwsCdkTarget.vpc',
    networkHelp: 'Target.bind(stack, new awscdk.AwsCdkTarget({ vpc: Vpc.fromLookup(...) })) (nodes go into its private subnets, or AwsCdkTarget.vpcSubnets)',
  }, isUnresolved).concat(spec.cluster
    ? targetSubnetIssues(options, 1, 'the GPU node group')
    : targetSubnetIssues(options, 2, 'a new EKS cluster (EKS requires two Availability Zones) and its node groups'));
}

export function renderGpuPool(scope: IConstruct, spec: GpuPoolSpec, options: AwsCdkTargetOptions): GpuPoolOutputs {
  ensureCostReport(scope);
  keepLogicalIds(scope);
  const c = scope as Construct;
  const stack = Stack.of(c);
  const shape = eksShape(spec);
  const cmk = spec.compliance.controls.customerManagedKeys;

  // Cluster: existing (by name or ARN) or a new private one.
  let clusterName: string;
  let clusterArn: string;
  let subnetIds: string[];
  let cluster: CfnCluster | undefined;
  let systemNodegroup: CfnNodegroup | undefined;
  let key: IKey | undefined = options.encryptionKey;
  let ownKey: Key | undefined;
  const ensureKey = (): IKey => {
    if (!key) {
      ownKey = new Key(c, 'Key', { description: keyDescription(`ai-infra-constructs: ${c.node.path}`), enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
      key = ownKey;
    }
    return key;
  };

  const nodeRole = new Role(c, 'NodeRole', {
    assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
    description: roleDescription(`EKS GPU node role of ${c.node.path}`),
  });

  if (spec.cluster) {
    const cl = spec.cluster;
    const elsewhere = clusterPlaceIssues(cl.id, { region: stack.region, account: stack.account }, Token.isUnresolved);
    if (elsewhere.length > 0) throw new ValidationError(scope, elsewhere);
    claimNameProp(scope, spec.name, 'EKS node group', `${stackPlace(scope)}, ${existingClusterPlace(cl)}`, 'a node group name no other GpuPool uses');
    clusterName = cl.name ?? (Token.isUnresolved(cl.id) ? Arn.split(cl.id!, ArnFormat.SLASH_RESOURCE_NAME).resourceName! : cl.id!.match(CLUSTER_ARN)![1]);
    clusterArn = cl.id ?? stack.formatArn({ service: 'eks', resource: 'cluster', resourceName: clusterName });
    subnetIds = targetSubnets(options.vpc!, options).subnetIds;
  } else {
    subnetIds = options.vpc ? targetSubnets(options.vpc, options).subnetIds : sharedClusterVpc(stack).privateSubnetIds;
    const secretsKey = ensureKey();
    const clusterRole = new Role(c, 'ClusterRole', {
      assumedBy: new ServicePrincipal('eks.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSClusterPolicy')],
      description: roleDescription(`EKS cluster role of ${c.node.path}`),
    });
    acknowledge(clusterRole, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]'],
      'EKS requires the AWS-managed AmazonEKSClusterPolicy on the cluster role (EKS user guide: Amazon EKS cluster IAM role); AWS maintains its permissions as EKS changes.');
    const clusterKeyPolicy = new ManagedPolicy(c, 'ClusterKeyPolicy', {
      description: policyDescription(`Secrets envelope encryption of the EKS cluster of ${c.node.path}`),
      roles: [clusterRole],
      statements: [new PolicyStatement({ sid: 'UseSecretsKey', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'], resources: [secretsKey.keyArn] })],
    });
    clusterName = Names.uniqueResourceName(c, { maxLength: 100, separator: '-' });
    const logGroup = new LogGroup(c, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${clusterName}/cluster`,
      retention: logRetentionDays(spec.compliance.controls.logRetentionDays),
      removalPolicy: RemovalPolicy.RETAIN,
      encryptionKey: ownKey ? logsKey(ownKey, stack, clusterName) : undefined,
    });
    if (!ownKey) {
      acknowledge(logGroup, inCompliancePacks('CloudWatchLogGroupEncrypted'),
        'The key comes from AwsCdkTarget.encryptionKey (imported): this stack cannot add the CloudWatch Logs statement its key policy needs; the log group uses CloudWatch Logs service-side encryption.');
    }
    cluster = new CfnCluster(c, 'Cluster', {
      name: clusterName,
      version: spec.kubernetesVersion,
      roleArn: clusterRole.roleArn,
      resourcesVpcConfig: {
        subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
        securityGroupIds: options.securityGroups?.map((g) => g.securityGroupId),
      },
      encryptionConfig: [{ provider: { keyArn: secretsKey.keyArn }, resources: ['secrets'] }],
      logging: { clusterLogging: { enabledTypes: CONTROL_PLANE_LOGS.map((type) => ({ type })) } },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: 'STANDARD' },
      deletionProtection: spec.deletionProtection,
    });
    // The schema marks EncryptionConfig.Resources deprecated, but the EKS API documents `secrets` as its only value
    // and the Terraform provider still requires it: keep it explicit.
    Validations.of(cluster).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason: 'EncryptionConfig.Resources ["secrets"] is the EKS API\'s only documented value and states what the key protects',
    });
    cluster.node.addDependency(logGroup);
    cluster.node.addDependency(clusterRole, clusterKeyPolicy);
    clusterArn = cluster.attrArn;

    (options.clusterAdminRoleArns ?? []).forEach((arn, i) => {
      new CfnAccessEntry(c, `AdminAccess${i}`, {
        clusterName: cluster!.ref,
        principalArn: arn,
        type: 'STANDARD',
        accessPolicies: [{ policyArn: `arn:${Aws.PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`, accessScope: { type: 'cluster' } }],
      });
    });
    if (!options.clusterAdminRoleArns?.length) {
      Validations.of(c).addWarning('ai-infra-constructs:no-cluster-admin',
        'The EKS cluster has no admin access entry (bootstrapClusterCreatorAdminPermissions is off): pass awscdk.AwsCdkTarget({ clusterAdminRoleArns }) or add AWS::EKS::AccessEntry resources.');
    }

    const systemTemplate = launchTemplate(c, 'SystemLaunchTemplate', 50, cmk ? key : undefined, spec.tags);
    systemNodegroup = new CfnNodegroup(c, 'SystemNodes', {
      clusterName: cluster.ref,
      nodeRole: nodeRole.roleArn,
      subnets: subnetIds,
      amiType: 'AL2023_x86_64_STANDARD',
      instanceTypes: [SYSTEM_INSTANCE_TYPE],
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: SYSTEM_NODES, desiredSize: SYSTEM_NODES, maxSize: SYSTEM_NODES + 1 },
      labels: { 'ai-infra-constructs.io/role': 'system' },
      launchTemplate: { id: systemTemplate.ref, version: systemTemplate.attrLatestVersionNumber },
      updateConfig: { maxUnavailable: 1 },
      nodeRepairConfig: { enabled: true },
    });
  }

  // Node role: one customer-managed policy (no AWS managed policies), every statement with its reason.
  const nodePolicy = new ManagedPolicy(c, 'NodePolicy', {
    description: policyDescription(`Least-privilege policy of the EKS GPU nodes of ${c.node.path}`),
    roles: [nodeRole],
    statements: nodeStatements(clusterArn),
  });

  const volumeKey = cmk ? ensureKey() : undefined;
  if (volumeKey && ownKey) allowAutoScalingToUseKey(ownKey);
  const template = launchTemplate(c, 'LaunchTemplate', spec.diskSizeGiB, volumeKey, spec.tags);

  const nodegroup = new CfnNodegroup(c, 'Resource', {
    clusterName: cluster ? cluster.ref : clusterName,
    nodegroupName: spec.name,
    nodeRole: nodeRole.roleArn,
    subnets: subnetIds,
    amiType: 'AL2023_x86_64_NVIDIA',
    // Spot: every type with the same GPU and count, so capacity can come from more Spot pools.
    instanceTypes: spec.spot ? spotInstanceTypes(shape) : [shape.type],
    capacityType: spec.spot ? 'SPOT' : 'ON_DEMAND',
    scalingConfig: { minSize: spec.minNodes, desiredSize: spec.minNodes, maxSize: spec.maxNodes },
    labels: spec.nodeLabels,
    taints: [{ key: GPU_TAINT_KEY, value: 'true', effect: 'NO_SCHEDULE' }],
    launchTemplate: { id: template.ref, version: template.attrLatestVersionNumber },
    updateConfig: { maxUnavailable: 1 },
    nodeRepairConfig: { enabled: true },
  });
  nodegroup.node.addDependency(nodePolicy);
  acknowledgeWildcards(nodePolicy, WILDCARD_REASONS);
  if (systemNodegroup) systemNodegroup.node.addDependency(nodePolicy);

  nodegroup.addMetadata('ai-infra-constructs:next-steps', EKS_NEXT_STEPS);

  tagTenantOwned(c, spec.tags, spec.tenant);

  GpuPoolResources._attach(c, new GpuPoolResources({
    cfnNodegroup: nodegroup,
    launchTemplate: template,
    nodeRole,
    nodePolicy,
    cfnCluster: cluster,
    systemNodegroup,
    encryptionKey: key,
  }));
  return {
    clusterName: cluster ? cluster.ref : clusterName,
    clusterId: clusterArn,
    nodePoolName: nodegroup.attrNodegroupName,
    createdCluster: cluster !== undefined,
  };
}

export function estimateGpuPool(spec: GpuPoolSpec, options: AwsCdkTargetOptions): CostEstimate {
  return estimateEksPool(spec, { hasNetwork: options.vpc !== undefined, hasKey: options.encryptionKey !== undefined });
}

/** Launch template: IMDSv2 only with hop limit 1, encrypted gp3 root volume, cost tags on instances and volumes. */
function launchTemplate(c: Construct, id: string, diskSizeGiB: number, key: IKey | undefined, tags: Record<string, string>): CfnLaunchTemplate {
  const cfnTags = Object.entries(tags).map(([k, v]) => ({ key: k, value: v }));
  return new CfnLaunchTemplate(c, id, {
    tagSpecifications: [{ resourceType: 'launch-template', tags: cfnTags }],
    launchTemplateData: {
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      blockDeviceMappings: [{
        deviceName: '/dev/xvda',
        ebs: { volumeSize: diskSizeGiB, volumeType: 'gp3', encrypted: true, kmsKeyId: key?.keyArn, deleteOnTermination: true },
      }],
      tagSpecifications: [{ resourceType: 'instance', tags: cfnTags }, { resourceType: 'volume', tags: cfnTags }],
    },
  });
}

/** EC2 Auto Scaling launches the nodes: its service-linked role must be able to use a customer-managed volume key. */
function allowAutoScalingToUseKey(key: Key): void {
  const slr = new ArnPrincipal(`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`);
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'AutoScalingUseOfTheKeyForNodeVolumes',
    principals: [slr],
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    resources: ['*'],
  }));
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'AutoScalingGrantsForNodeVolumes',
    principals: [slr],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { Bool: { 'kms:GrantIsForAWSResource': true } },
  }));
}

/** Lets CloudWatch Logs encrypt the control-plane log group with our key (scoped to that log group). */
function logsKey(key: Key, stack: Stack, clusterName: string): Key {
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'CloudWatchLogsControlPlaneLogs',
    principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:/aws/eks/${clusterName}/cluster` } },
  }));
  return key;
}

function nodeStatements(clusterArn: string): PolicyStatement[] {
  return eksNodeStatements(clusterArn, { partition: Aws.PARTITION, region: Aws.REGION, accountId: Aws.ACCOUNT_ID }).map((st) => PolicyStatement.fromJson(st));
}

/**
 * The cluster VPC shared by every GpuPool of the stack that creates a cluster: two AZs, private subnets for nodes
 * (large enough for VPC CNI pod IPs) with one NAT gateway for image pulls, public subnets only for the NAT, and
 * flow logs.
 */
function sharedClusterVpc(stack: Stack): SharedVpc {
  return sharedStackVpc(stack, SHARED_VPC_ID, {
    publicSubnets: { name: 'nat', cidrMask: 24 },
    privateSubnets: { name: 'nodes', cidrMask: 19, egress: true, tags: { 'kubernetes.io/role/internal-elb': '1' } },
  });
}

/** The GpuPool renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<GpuPoolSpec, ReturnType<typeof renderGpuPool>, AwsCdkTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...targetOptionIssues(options, isUnresolved), ...validateGpuPool(spec, options, isUnresolved)],
  render: renderGpuPool,
  estimate: (spec, options) => estimateGpuPool(spec, options),
};
