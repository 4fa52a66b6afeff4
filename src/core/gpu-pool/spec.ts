import { Accelerator } from '../accelerator';
import { ComplianceProfile } from '../compliance';
import { ISecureTenant } from '../tenant';
import type { ExistingCluster } from './existing-cluster';

/** Taint key every GPU node carries (NoSchedule): only pods that tolerate it land on GPU nodes. @internal */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';
/** Label prefix for the labels this library puts on nodes. @internal */
export const NODE_LABEL_PREFIX = 'ai-infra-constructs.io';

/**
 * The fully-defaulted description of a GPU pool that renderers read (never the props).
 * @internal
 */
export interface GpuPoolSpec {
  /** Node pool name, when the user fixed one. */
  readonly name?: string;
  readonly accelerator: Accelerator;
  readonly acceleratorCount: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly spot: boolean;
  /** The existing cluster to attach to; undefined means "create a hardened cluster". */
  readonly cluster?: ExistingCluster;
  readonly kubernetesVersion?: string;
  readonly diskSizeGiB: number;
  /** Deletion protection of a cluster the pool creates. */
  readonly deletionProtection: boolean;
  readonly compliance: ComplianceProfile;
  /** Neutral tags (normalised per cloud by renderers). */
  readonly tags: Record<string, string>;
  /** Kubernetes node labels (GPU model, count, tenant). */
  readonly nodeLabels: Record<string, string>;
  readonly tenant?: ISecureTenant;
}

/**
 * What a renderer hands back to the neutral construct.
 * @internal
 */
export interface GpuPoolOutputs {
  /** Name of the cluster (created or existing). */
  readonly clusterName: string;
  /** Cloud id of the cluster: EKS ARN, GKE id, AKS ARM id. */
  readonly clusterId: string;
  /** Name of the GPU node group / node pool. */
  readonly nodePoolName: string;
  /** Whether the pool created its cluster. */
  readonly createdCluster: boolean;
}
