import { Construct } from 'constructs';
import { Accelerator } from '../accelerator';
import { propTypeIssues } from '../checks';
import { ComplianceProfile, profileOf } from '../compliance';
import { CostEstimate, costCeilingIssue, costCeilingValueIssues } from '../cost';
import { throwIfInvalid, ValidationIssue, show } from '../errors';
import { costTags, gcpLabel, tagCountIssues } from '../tags';
import { ITarget, Target } from '../target';
import { ISecureTenant, SecureTenant, tenantAndProfileIssues } from '../tenant';
import { isUnresolved } from '../tokens';
import { ExistingCluster } from './existing-cluster';
import { Prepared, rendererFor } from '../renderer';
import { GpuPoolOutputs, GpuPoolSpec, NODE_LABEL_PREFIX } from './spec';
import { validateGpuPoolSpec } from './validate';

/**
 * Props for `GpuPool`.
 */
export interface GpuPoolProps {
  /** GPU model of every node. */
  readonly accelerator: Accelerator;
  /**
   * GPUs per node. The target picks the machine shape with exactly this many (see the accelerator tables); a count
   * the cloud does not offer fails at synth with the counts it does.
   * @default 1
   */
  readonly acceleratorCount?: number;
  /**
   * Minimum nodes. 0 lets the pool scale to zero when no GPU pod is pending.
   * @default 0
   */
  readonly minNodes?: number;
  /** Maximum nodes (the cost ceiling of the pool). */
  readonly maxNodes: number;
  /**
   * Use spot / preemptible capacity (EC2 Spot, GCE Spot VMs, Azure Spot priority with eviction policy Delete).
   * Much cheaper; nodes can be reclaimed at any time, so use it for restartable training and batch work.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * An existing cluster to add the pool to.
   * @default - the pool creates a private, hardened cluster (with a small system node pool for cluster add-ons)
   */
  readonly cluster?: ExistingCluster;
  /**
   * Kubernetes version of a cluster the pool creates (e.g. `1.33`).
   * @default - the cloud's default version (GKE: the REGULAR release channel)
   */
  readonly kubernetesVersion?: string;
  /**
   * Root volume size per GPU node, GiB (container images for GPU work are large). Valid range: 50-16384.
   * @default 200
   */
  readonly diskSizeGiB?: number;
  /**
   * Protect a cluster the pool creates from deletion (EKS and GKE deletion protection). Ignored with `cluster`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * The tenant this pool belongs to: its profile and cost tags apply, and nodes carry a tenant label.
   * @default - no tenant
   */
  readonly tenant?: ISecureTenant;
  /**
   * Compliance profile. Overrides the tenant's and the scope's.
   * @default - the tenant's profile, else the scope's (`ComplianceProfile.apply`), else BASELINE
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Monthly cost ceiling, USD: synth fails when the high estimate (at maximum scale) exceeds it, listing the drivers.
   * @default - no ceiling
   */
  readonly maxMonthlyCostUsd?: number;
  /**
   * Node group / node pool name. Leave unset to have one derived from the construct path.
   *
   * On AWS through CloudFormation, a change that replaces the node group (accelerator or instance types, capacity type,
   * disk size, subnets, node role) cannot deploy while the name stays the same: CloudFormation creates the new node
   * group before deleting the old one, and refuses to replace a custom-named resource. Change the name in the same
   * deploy, or leave it unset (CloudFormation then names the node group itself). Terraform deletes first and is not
   * affected.
   * @default - derived (EKS, GKE) or `gpu` + hash (AKS); on AWS through CloudFormation, named by CloudFormation
   */
  readonly name?: string;
  /**
   * Extra tags (labels on GCP, normalised to lowercase).
   *
   * Each resource takes at most 50 tags on AWS and Azure and 64 labels on GCP (one of them the google provider's
   * `goog-terraform-provisioned`), counting the cost-allocation tags the construct adds (`workload`, `managed-by`,
   * and for a tenant `tenant`, `cost-center`, plus `TenantId`, `CostCenter` on AWS and Azure): more fails at synth.
   * Tags added elsewhere (`Tags.of`, provider default tags or labels) count against the same limit.
   * @default - cost-allocation tags only
   */
  readonly tags?: Record<string, string>;
}

/**
 * A GPU node pool in a Kubernetes cluster, with secure defaults, autoscaling from `minNodes` (default 0) to
 * `maxNodes`, optional spot capacity and a cost estimate; rendered to the cloud of the enclosing stack.
 *
 * Every GPU node is tainted `nvidia.com/gpu=<value>:NoSchedule` and labelled with its GPU model, so only pods that
 * ask for GPUs land on it.
 *
 * - AWS: an EKS managed node group on the AL2023 NVIDIA AMI with an IMDSv2-only launch template and encrypted
 *   volumes; without `cluster`, a private EKS cluster (secrets encrypted with a rotating KMS key, all control-plane
 *   logs) with a small system node group.
 * - GCP: a GKE node pool with the GPU attached (driver installed by GKE), shielded nodes with secure boot, the GKE
 *   metadata server and a CMEK boot disk; without `cluster`, a private GKE cluster with workload identity.
 * - Azure: an AKS node pool with the GPU VM size, host encryption and autoscaling; without `cluster`, a private AKS
 *   cluster with Azure RBAC, local accounts disabled and network policy on.
 */
export class GpuPool extends Construct {
  /** The target this pool rendered to. */
  public readonly target: ITarget;
  /** Name of the cluster the pool belongs to (created or existing). */
  public readonly clusterName: string;
  /** Cloud id of the cluster (EKS ARN, GKE id, AKS ARM id). */
  public readonly clusterId: string;
  /** Name of the GPU node group / node pool. */
  public readonly nodePoolName: string;
  /** Whether this pool created its cluster. */
  public readonly createdCluster: boolean;
  /** Monthly cost estimate at min and max nodes. */
  public readonly estimatedMonthlyCost: CostEstimate;
  /** The effective compliance profile. */
  public readonly compliance: ComplianceProfile;

  /** @internal */
  public readonly _spec: GpuPoolSpec;

  constructor(scope: Construct, id: string, props: GpuPoolProps) {
    super(scope, id);
    // Validation happens in a function of its own: see `Prepared` in ../renderer.
    const { target, renderer, spec } = prepareGpuPool(this, props);
    this.target = target;
    this._spec = spec;
    this.compliance = spec.compliance;
    const out = renderer.render(this, spec, renderer.options);
    this.clusterName = out.clusterName;
    this.clusterId = out.clusterId;
    this.nodePoolName = out.nodePoolName;
    this.createdCluster = out.createdCluster;
    this.estimatedMonthlyCost = renderer.estimate(this._spec);
    this.node.addMetadata('ai-infra-constructs:cost', this.estimatedMonthlyCost);
    const ceiling = costCeilingIssue(this.node.path, this.estimatedMonthlyCost, props.maxMonthlyCostUsd);
    if (ceiling) throwIfInvalid(this, [ceiling]);
    SecureTenant._registerConsumer(props.tenant, this);
  }
}

/** The pool's target, renderer and validated spec, or a ValidationError naming every bad prop. */
function prepareGpuPool(scope: GpuPool, props: GpuPoolProps): Prepared<GpuPoolSpec, GpuPoolOutputs> {
  const target = Target.of(scope);
  const renderer = rendererFor<GpuPoolSpec, GpuPoolOutputs>(scope, target, 'gpu-pool');
  const shapeIssues = propShapeIssues(props);
  if (shapeIssues.some((i) => i.prop === 'props')) throwIfInvalid(scope, shapeIssues);
  const early = tenantAndProfileIssues(scope, props, shapeIssues);
  const spec = resolveGpuPoolSpec(scope, props);
  const issues = [...early, ...validateGpuPoolSpec(spec, isUnresolved), ...tagCountIssues(target.cloud, props.tags, spec.tags, spec.tenant),
    ...costCeilingValueIssues(props.maxMonthlyCostUsd, isUnresolved)];
  const usable = !issues.some((i) => i.prop === 'accelerator' || i.prop === 'cluster' || i.prop.startsWith('tenant'));
  throwIfInvalid(scope, usable ? [...issues, ...renderer.validate(spec, isUnresolved)] : issues);
  return { target, renderer, spec };
}

/** Defaults and profile overlay (pure). @internal */
export function resolveGpuPoolSpec(scope: Construct, props: GpuPoolProps): GpuPoolSpec {
  const p = props;
  const compliance = profileOf(scope, p);
  const accelerator = p.accelerator;
  const acceleratorCount = p.acceleratorCount ?? 1;
  const nodeLabels: Record<string, string> = {
    [`${NODE_LABEL_PREFIX}/accelerator`]: accelerator instanceof Accelerator && !isUnresolved(accelerator.name) ? gcpLabel(accelerator.name, false) : 'unknown',
    [`${NODE_LABEL_PREFIX}/pool`]: gcpLabel(scope.node.id, false),
  };
  if (p.spot === true) nodeLabels[`${NODE_LABEL_PREFIX}/capacity`] = 'spot';
  if (p.tenant?.tenantId) nodeLabels[`${NODE_LABEL_PREFIX}/tenant`] = p.tenant.tenantId;
  return {
    name: p.name,
    accelerator,
    acceleratorCount,
    minNodes: p.minNodes ?? 0,
    maxNodes: p.maxNodes,
    spot: p.spot ?? false,
    cluster: p.cluster,
    kubernetesVersion: p.kubernetesVersion,
    diskSizeGiB: p.diskSizeGiB ?? 200,
    deletionProtection: p.deletionProtection ?? true,
    compliance,
    tags: {
      ...costTags({ workload: scope.node.id, tenant: p.tenant?.tenantId, costCenter: p.tenant?.costCenter }),
      ...(p.tags ?? {}),
    },
    nodeLabels,
    tenant: p.tenant,
  };
}

/** Type checks for JavaScript callers (a TypeError is never the answer). */
function propShapeIssues(props: GpuPoolProps): ValidationIssue[] {
  if (props === undefined || props === null || typeof props !== 'object') {
    return [{ prop: 'props', received: show(props), allowed: 'a GpuPoolProps object with at least `accelerator` and `maxNodes`' }];
  }
  const issues = propTypeIssues(props, {
    numbers: ['acceleratorCount', 'minNodes', 'maxNodes', 'diskSizeGiB', 'maxMonthlyCostUsd'],
    strings: ['name', 'kubernetesVersion'],
    booleans: ['spot', 'deletionProtection'],
    maps: ['tags'],
  });
  if (!(props.accelerator instanceof Accelerator)) {
    issues.push({ prop: 'accelerator', received: show(props.accelerator), allowed: 'an Accelerator, e.g. Accelerator.NVIDIA_L4 or Accelerator.of("nvidia-l4")' });
  }
  if (props.maxNodes === undefined) issues.push({ prop: 'maxNodes', received: 'undefined', allowed: 'an integer from 1 to 1000 (the pool\'s cost ceiling)' });
  if (props.cluster !== undefined && !(props.cluster instanceof ExistingCluster)) {
    issues.push({ prop: 'cluster', received: show(props.cluster), allowed: 'ExistingCluster.fromName(...) or ExistingCluster.fromId(...)' });
  }
  return issues;
}
