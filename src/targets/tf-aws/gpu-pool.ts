/*
 * GpuPool → Amazon EKS, rendered with Terraform (hashicorp/aws; deep imports only). Same defaults as the
 * CloudFormation target:
 * - no cluster given: a private EKS cluster (private API endpoint only, secrets envelope-encrypted with a rotating KMS
 *   key, all five control-plane log types to a retained, encrypted log group, API authentication mode with no implicit
 *   creator admin, standard support) and a small system node group for add-ons;
 * - always: a managed node group on the AL2023 NVIDIA AMI, tainted nvidia.com/gpu=true:NoSchedule, with a launch
 *   template requiring IMDSv2 (hop limit 1) and encrypting the root volume, and a node role with one customer-managed
 *   least-privilege policy.
 * Terraform specifics: the node groups ignore changes to desired_size (the cluster autoscaler owns it; Terraform
 * would otherwise scale the group back on every apply).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Construct, IConstruct } from 'constructs';
import { allow, attachPolicy, AwsContext, ensureProvider, newKey, physicalName, serviceRole, Statement, tagTenantOwned, targetOptionIssues, stackPlace } from './common';
import { logsServiceStatement, sharedClusterNetwork } from './network';
import { GpuPoolResources } from './resources';
import type { AwsTfTargetOptions } from './target';
import { Compliance } from '../../core/acknowledgement';
import { GPU_TAINT_KEY, GpuPoolOutputs, GpuPoolSpec } from '../../core/gpu-pool/spec';
import { claimNameProp, existingClusterPlace } from '../../core/names';
import { RendererModule } from '../../core/renderer';
import {
  CLUSTER_ARN, clusterPlaceIssues, CONTROL_PLANE_LOGS, EKS_NEXT_STEPS, eksShape, estimateEksPool, logRetentionDays, spotInstanceTypes, SYSTEM_INSTANCE_TYPE, SYSTEM_NODES, validateEksPool,
} from '../shared-aws/gpu-pool';
import { eksNodeStatements } from '../shared-aws/iam';
import { isUnresolved, pathSegment, retain, warn } from '../shared-tf/engine';

export function renderGpuPool(scope: IConstruct, spec: GpuPoolSpec, options: AwsTfTargetOptions): GpuPoolOutputs {
  if (spec.cluster) claimNameProp(scope, spec.name, 'EKS node group', `${stackPlace(scope, options)}, ${existingClusterPlace(spec.cluster)}`, 'a node group name no other GpuPool uses');
  const ctx = ensureProvider(scope, options);
  const c = scope as Construct;
  const shape = eksShape(spec);
  const cmk = spec.compliance.controls.customerManagedKeys;

  let keyArn = options.kmsKeyArn;
  let ownKey: KmsKey | undefined;
  const clusterName = spec.cluster ? existingClusterName(spec) : physicalName(c, 100);
  const logGroupName = `/aws/eks/${clusterName}/cluster`;
  const ensureKey = (): string => {
    if (!keyArn) {
      ownKey = newKey(c, 'Key', ctx, `ai-infra-constructs: ${c.node.path}`, [
        // EC2 Auto Scaling launches the nodes: its service-linked role must be able to use the volume key.
        ...autoScalingKeyStatements(ctx),
        ...(spec.cluster ? [] : [logsServiceStatement(ctx, logGroupName)]),
      ]);
      keyArn = ownKey.arn;
    }
    return keyArn;
  };

  const nodeRole = serviceRole(c, 'NodeRole', ['ec2.amazonaws.com'], `EKS GPU node role of ${c.node.path}`);
  let subnetIds: string[];
  let cluster: EksCluster | undefined;
  let systemNodes: EksNodeGroup | undefined;
  let clusterArn: string;

  if (spec.cluster) {
    subnetIds = options.subnetIds!;
    clusterArn = spec.cluster.id ?? `arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:cluster/${clusterName}`;
  } else {
    subnetIds = options.vpcId ? options.subnetIds! : sharedClusterNetwork(c, ctx, spec.compliance.controls.logRetentionDays).subnetIds;
    const secretsKey = ensureKey();
    const clusterRole = serviceRole(c, 'ClusterRole', ['eks.amazonaws.com'], `EKS cluster role of ${c.node.path}`);
    const clusterPolicy = new IamRolePolicyAttachment(c, 'ClusterRoleEksPolicy', {
      role: clusterRole.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
    const { attachment: keyAttachment } = attachPolicy(c, 'ClusterKeyPolicy', clusterRole, `Secrets envelope encryption of the EKS cluster of ${c.node.path}`,
      [allow('UseSecretsKey', ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'], [secretsKey])]);
    const logGroup = new CloudwatchLogGroup(c, 'ControlPlaneLogs', {
      name: logGroupName,
      retentionInDays: logRetentionDays(spec.compliance.controls.logRetentionDays),
      kmsKeyId: ownKey ? ownKey.arn : undefined,
    });
    retain(logGroup);
    if (!ownKey) {
      Compliance.acknowledge(logGroup, {
        ruleId: 'CKV_AWS_158',
        reason: 'The key comes from AwsTfTarget.kmsKeyArn (existing): this stack cannot add the CloudWatch Logs statement its key policy needs; the log group uses CloudWatch Logs service-side encryption.',
      });
    }
    cluster = new EksCluster(c, 'Cluster', {
      name: clusterName,
      version: spec.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false, securityGroupIds: options.securityGroupIds },
      encryptionConfig: { provider: { keyArn: secretsKey }, resources: ['secrets'] },
      enabledClusterLogTypes: CONTROL_PLANE_LOGS,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: 'STANDARD' },
      deletionProtection: spec.deletionProtection,
      dependsOn: [logGroup, clusterPolicy, keyAttachment],
    });
    clusterArn = cluster.arn;
    (options.clusterAdminRoleArns ?? []).forEach((arn, i) => {
      const entry = new EksAccessEntry(c, `AdminAccess${i}`, { clusterName: cluster!.name, principalArn: arn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(c, `AdminAccess${i}Policy`, {
        clusterName: cluster!.name,
        principalArn: entry.principalArn,
        policyArn: `arn:${ctx.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
      });
    });
    if (!options.clusterAdminRoleArns?.length) {
      warn(c,
        'The EKS cluster has no admin access entry (bootstrap_cluster_creator_admin_permissions is off): pass tfaws.AwsTfTarget({ clusterAdminRoleArns }) or add aws_eks_access_entry resources.');
    }
  }

  const { attachment: nodePolicy } = attachPolicy(c, 'NodePolicy', nodeRole, `Least-privilege policy of the EKS GPU nodes of ${c.node.path}`, eksNodeStatements(clusterArn, ctx));

  if (cluster) {
    const systemTemplate = launchTemplate(c, 'SystemLaunchTemplate', 50, cmk ? ensureKey() : undefined, spec.tags);
    systemNodes = new EksNodeGroup(c, 'SystemNodes', {
      clusterName: cluster.name,
      nodeGroupNamePrefix: 'system-',
      nodeRoleArn: nodeRole.arn,
      subnetIds,
      amiType: 'AL2023_x86_64_STANDARD',
      instanceTypes: [SYSTEM_INSTANCE_TYPE],
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: SYSTEM_NODES, desiredSize: SYSTEM_NODES, maxSize: SYSTEM_NODES + 1 },
      labels: { 'ai-infra-constructs.io/role': 'system' },
      launchTemplate: { id: systemTemplate.id, version: String(systemTemplate.latestVersion) },
      updateConfig: { maxUnavailable: 1 },
      nodeRepairConfig: { enabled: true },
      dependsOn: [nodePolicy],
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'], createBeforeDestroy: true },
    });
  }

  const volumeKey = cmk ? ensureKey() : undefined;
  const template = launchTemplate(c, 'LaunchTemplate', spec.diskSizeGiB, volumeKey, spec.tags);
  const nodeGroup = new EksNodeGroup(c, 'Resource', {
    clusterName: cluster ? cluster.name : clusterName,
    nodeGroupName: spec.name,
    nodeGroupNamePrefix: spec.name ? undefined : `${physicalName(c, 30)}-`,
    nodeRoleArn: nodeRole.arn,
    subnetIds,
    amiType: 'AL2023_x86_64_NVIDIA',
    instanceTypes: spec.spot ? spotInstanceTypes(shape) : [shape.type],
    capacityType: spec.spot ? 'SPOT' : 'ON_DEMAND',
    scalingConfig: { minSize: spec.minNodes, desiredSize: spec.minNodes, maxSize: spec.maxNodes },
    labels: spec.nodeLabels,
    taint: [{ key: GPU_TAINT_KEY, value: 'true', effect: 'NO_SCHEDULE' }],
    launchTemplate: { id: template.id, version: String(template.latestVersion) },
    updateConfig: { maxUnavailable: 1 },
    nodeRepairConfig: { enabled: true },
    dependsOn: [nodePolicy],
    lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'], createBeforeDestroy: spec.name === undefined },
  });
  nodeGroup.node.addMetadata('ai-infra-constructs:next-steps', EKS_NEXT_STEPS);

  tagTenantOwned(c, spec.tags, spec.tenant);
  GpuPoolResources._attach(c, new GpuPoolResources({ nodeGroup, launchTemplate: template, nodeRole, cluster, systemNodeGroup: systemNodes, key: ownKey }));
  return {
    clusterName: cluster ? cluster.name : clusterName,
    clusterId: clusterArn,
    nodePoolName: nodeGroup.nodeGroupName,
    createdCluster: cluster !== undefined,
  };
}

function existingClusterName(spec: GpuPoolSpec): string {
  const cl = spec.cluster!;
  if (cl.name) return cl.name;
  if (isUnresolved(cl.id)) return pathSegment(cl.id!, 1); // a reference: Terraform takes the name after the ARN's one `/`
  return cl.id!.match(CLUSTER_ARN)![1];
}

/** Launch template: IMDSv2 only with hop limit 1, encrypted gp3 root volume, cost tags on instances and volumes. */
function launchTemplate(c: Construct, id: string, diskSizeGiB: number, keyArn: string | undefined, tags: Record<string, string>): LaunchTemplate {
  return new LaunchTemplate(c, id, {
    namePrefix: `${physicalName(c, 80)}-`,
    updateDefaultVersion: true,
    metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
    blockDeviceMappings: [{
      deviceName: '/dev/xvda',
      ebs: { volumeSize: diskSizeGiB, volumeType: 'gp3', encrypted: 'true', kmsKeyId: keyArn, deleteOnTermination: 'true' },
    }],
    tagSpecifications: [{ resourceType: 'instance', tags }, { resourceType: 'volume', tags }],
  });
}

function autoScalingKeyStatements(ctx: AwsContext): Statement[] {
  const slr = { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` };
  return [
    { Sid: 'AutoScalingUseOfTheKeyForNodeVolumes', Effect: 'Allow', Principal: slr, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
    { Sid: 'AutoScalingGrantsForNodeVolumes', Effect: 'Allow', Principal: slr, Action: ['kms:CreateGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } },
  ];
}

/** The GpuPool renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<GpuPoolSpec, GpuPoolOutputs, AwsTfTargetOptions> = {
  validate: (spec, options, unresolved) => [...targetOptionIssues(options), ...validateEksPool(spec, {
    hasNetwork: options?.vpcId !== undefined,
    networkProp: 'AwsTfTarget.vpcId',
    networkHelp: 'Target.bind(stack, new tfaws.AwsTfTarget({ region, vpcId, subnetIds })) (nodes go into subnetIds)',
  }, unresolved), ...clusterPlaceIssues(spec.cluster?.id, { region: options?.region }, unresolved)],
  render: renderGpuPool,
  estimate: (spec, options) => estimateEksPool(spec, { hasNetwork: options?.vpcId !== undefined, hasKey: options?.kmsKeyArn !== undefined }),
};
