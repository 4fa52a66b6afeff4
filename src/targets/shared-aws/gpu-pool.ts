/*
 * GpuPool on AWS (EKS), engine-free: validation, shapes and the price estimate both AWS targets share.
 */
import { AWS_FIXED, EC2_GPU_SHAPES } from './accelerators';
import { CostDriver, CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { GpuPoolSpec } from '../../core/gpu-pool/spec';
import { clusterRefIssues } from '../../core/gpu-pool/validate';
import { AcceleratorShape, findShape } from '../../core/offerings';

export const NODEGROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,62}$/;
export const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
export const CLUSTER_ARN = /^arn:aws[a-z-]*:eks:[a-z0-9-]+:\d{12}:cluster\/([0-9A-Za-z][A-Za-z0-9_-]{0,99})$/;
export const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
export const SYSTEM_INSTANCE_TYPE = 'm6i.large';
export const SYSTEM_NODES = 2;
/** CloudWatch Logs retention values (days). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** What the Kubernetes side still needs (not cloud resources): recorded as metadata on the node group. */
export const EKS_NEXT_STEPS = [
  'Install the NVIDIA device plugin (Helm chart nvdp/nvidia-device-plugin, or the NVIDIA GPU Operator with driver.enabled=false) with a toleration for nvidia.com/gpu=true:NoSchedule.',
  'Install the Kubernetes cluster autoscaler (or Karpenter) so the node group scales between its min and max size; managed node groups carry the autoscaler auto-discovery tags.',
].join(' ');

/** What a target knows about the network it puts nodes in. */
export interface EksNetworkOptions {
  /** Whether the target names an existing network. */
  readonly hasNetwork: boolean;
  /** The target option to set, for messages (e.g. `AwsCdkTarget.vpc`). */
  readonly networkProp: string;
  /** How to set it, for messages. */
  readonly networkHelp: string;
}

/**
 * An existing cluster given by ARN must be in the stack's region (and account, when known): EKS creates a node group in
 * its cluster's region and account, so a cluster elsewhere fails at deploy. Unresolved values are not compared.
 */
export function clusterPlaceIssues(clusterId: unknown, here: { region?: string; account?: string }, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (typeof clusterId !== 'string' || isUnresolved(clusterId)) return [];
  const m = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\d{12}):cluster\//.exec(clusterId);
  if (!m) return [];
  const differ = ([['region', m[1], here.region], ['account', m[2], here.account]] as const)
    .filter(([, there, mine]) => typeof mine === 'string' && !isUnresolved(mine) && there !== mine);
  if (differ.length === 0) return [];
  return [{
    prop: 'cluster',
    received: `a cluster in ${differ.map(([k, there]) => `${k} ${there}`).join(', ')}`,
    allowed: `a cluster in this stack's ${differ.map(([k, , mine]) => `${k} (${mine})`).join(' and ')}: EKS creates node groups in their cluster's region and account`,
  }];
}

export function validateEksPool(spec: GpuPoolSpec, net: EksNetworkOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { issue } = findShape(EC2_GPU_SHAPES, spec.accelerator, spec.acceleratorCount, 'EKS (AWS EC2)');
  if (issue) issues.push(issue);
  if (spec.name !== undefined && !isUnresolved(spec.name) && !NODEGROUP_NAME.test(spec.name)) {
    issues.push({ prop: 'name', received: show(spec.name), allowed: 'an EKS node group name: 1-63 letters, digits, hyphens and underscores, starting with a letter or digit' });
  }
  if (spec.kubernetesVersion !== undefined && !isUnresolved(spec.kubernetesVersion) && !/^1\.\d{1,2}$/.test(spec.kubernetesVersion)) {
    issues.push({ prop: 'kubernetesVersion', received: show(spec.kubernetesVersion), allowed: 'a minor version such as "1.33" (EKS picks the patch version)' });
  }
  issues.push(...clusterRefIssues(spec, {
    id: CLUSTER_ARN,
    idHelp: 'an EKS cluster ARN (arn:aws:eks:<region>:<account>:cluster/<name>), or ExistingCluster.fromName(name)',
    name: CLUSTER_NAME,
    nameHelp: 'an EKS cluster name: 1-100 letters, digits, hyphens and underscores',
    unusedOptions: ['location', 'resourceGroupName'],
    unusedHelp: 'no location or resource group on AWS (the cluster is in the stack\'s region)',
  }, isUnresolved));
  if (spec.cluster && !net.hasNetwork) {
    issues.push({
      prop: net.networkProp,
      received: 'undefined (with an existing cluster)',
      allowed: `the existing cluster's VPC: ${net.networkHelp}`,
      hint: 'GPU nodes go into that VPC\'s private subnets',
    });
  }
  return issues;
}

export function eksShape(spec: GpuPoolSpec): AcceleratorShape {
  return findShape(EC2_GPU_SHAPES, spec.accelerator, spec.acceleratorCount, 'EKS').shape!;
}

/** Spot: every type with the same GPU and count, so capacity can come from more Spot pools. */
export function spotInstanceTypes(shape: AcceleratorShape): string[] {
  return EC2_GPU_SHAPES.filter((s) => s.accelerator === shape.accelerator && s.count === shape.count).map((s) => s.type);
}

export function logRetentionDays(days: number): number {
  return LOG_RETENTION_DAYS.find((d) => d >= days) ?? 3653;
}

export function estimateEksPool(spec: GpuPoolSpec, o: { hasNetwork: boolean; hasKey: boolean }): CostEstimate {
  const shape = eksShape(spec);
  const drivers: CostDriver[] = [hourlyDriver(`${shape.type} GPU node (EC2 ${spec.spot ? 'Spot; priced at on-demand' : 'on-demand'})`, spec.minNodes, spec.maxNodes, shape.price)];
  const assumptions = [
    'On-demand list prices, us-east-1, 730 h/month; other regions differ',
    `Root volumes (${spec.diskSizeGiB} GiB gp3 per node), data transfer and CloudWatch Logs ingestion are usage-priced and not included`,
  ];
  if (spec.spot) assumptions.push('Spot capacity: the estimate uses the on-demand price as a ceiling; Spot prices vary by pool and are usually far lower');
  if (!spec.cluster) {
    drivers.push(hourlyDriver('EKS control plane (standard support)', 1, 1, AWS_FIXED.eksControlPlane));
    drivers.push(hourlyDriver(`${SYSTEM_INSTANCE_TYPE} system nodes (EC2 on-demand)`, SYSTEM_NODES, SYSTEM_NODES + 1, AWS_FIXED.m6iLarge));
    if (!o.hasNetwork) {
      drivers.push(hourlyDriver('NAT gateway (cluster VPC, shared per stack)', 1, 1, AWS_FIXED.natGateway));
      assumptions.push('NAT gateway data processing ($0.045/GB) depends on image pulls and egress and is not included');
    }
  }
  if (!o.hasKey && (!spec.cluster || spec.compliance.controls.customerManagedKeys)) {
    const k = AWS_FIXED.kmsKeyMonthlyUsd;
    drivers.push(fixedDriver('KMS customer-managed key', k.usd, k.source, k.asOf, k.region));
  }
  if (shape.notes) assumptions.push(`${shape.type}: ${shape.notes}`);
  return estimate(drivers, assumptions);
}
