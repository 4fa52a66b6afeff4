import { Construct } from 'constructs';
import { Accelerator } from '../accelerator';
import { propTypeIssues } from '../checks';
import { ComplianceProfile, profileOf } from '../compliance';
import { CostEstimate, costCeilingIssue, costCeilingValueIssues } from '../cost';
import { throwIfInvalid, ValidationIssue, show } from '../errors';
import { ModelSource } from '../model-source';
import { Prepared, rendererFor } from '../renderer';
import { costTags, tagCountIssues } from '../tags';
import { ITarget, Target } from '../target';
import { ISecureTenant, SecureTenant, tenantAndProfileIssues } from '../tenant';
import { isUnresolved } from '../tokens';
import { InferenceEndpointOutputs, InferenceEndpointSpec } from './spec';
import { validateInferenceEndpointSpec } from './validate';

/**
 * Per-cloud instance/machine type overrides. Use them to pick a shape other than the accelerator table's default.
 */
export interface InstanceTypeOverrides {
  /**
   * SageMaker instance type, e.g. `ml.g6.2xlarge`.
   * @default - from the accelerator table
   */
  readonly aws?: string;
  /**
   * GCP machine type, e.g. `g2-standard-8`.
   * @default - from the accelerator table
   */
  readonly gcp?: string;
  /**
   * Azure VM size (Azure ML instance type), e.g. `Standard_NC24ads_A100_v4`.
   * @default - from the accelerator table
   */
  readonly azure?: string;
}

/**
 * Prompt/response capture. Off unless `enabled` is true; when on it is encrypted with the endpoint's (or tenant's)
 * key, sampled and retained for a fixed time.
 */
export interface RequestLoggingOptions {
  /** Turn capture on. */
  readonly enabled: boolean;
  /**
   * Percentage of requests captured. Valid range: 1-100 (capped by the compliance profile).
   * @default 10
   */
  readonly samplingPercent?: number;
  /**
   * Days captured data is kept before it is deleted.
   * @default - the compliance profile's log retention (BASELINE: 30)
   */
  readonly retentionDays?: number;
}

/**
 * Props for `InferenceEndpoint`.
 */
export interface InferenceEndpointProps {
  /** The model to serve. */
  readonly model: ModelSource;
  /**
   * GPU model per replica.
   * @default Accelerator.NVIDIA_L4
   */
  readonly accelerator?: Accelerator;
  /**
   * GPUs per replica. Valid range: 1-8. With an `instanceType` override for the target's cloud, the instance type
   * decides the GPUs (and this count applies only where the accelerator table does not know the type).
   * @default 1
   */
  readonly acceleratorCount?: number;
  /**
   * Per-cloud instance type overrides.
   * @default - from the accelerator table
   */
  readonly instanceType?: InstanceTypeOverrides;
  /**
   * Minimum replicas. 0 scales to zero where the target supports it (AWS via inference components, GCP Cloud Run);
   * elsewhere it fails at synth with the alternative.
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Maximum replicas.
   * @default - the larger of 2 and minReplicas
   */
  readonly maxReplicas?: number;
  /**
   * Concurrent in-flight requests per replica that autoscaling holds. When set, scaling tracks concurrency
   * (best for streaming LLM responses); otherwise it tracks invocations per replica.
   * @default - scale on invocations per replica
   */
  readonly targetConcurrencyPerReplica?: number;
  /**
   * Invocations per replica per minute that autoscaling holds, when `targetConcurrencyPerReplica` is not set.
   * @default 70
   */
  readonly targetInvocationsPerReplicaPerMinute?: number;
  /**
   * The tenant this endpoint belongs to: its profile and cost tags apply.
   * @default - no tenant
   */
  readonly tenant?: ISecureTenant;
  /**
   * Compliance profile. Overrides the tenant's and the scope's.
   * @default - the tenant's profile, else the scope's (`ComplianceProfile.apply`), else BASELINE
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Prompt/response capture.
   * @default - off
   */
  readonly requestLogging?: RequestLoggingOptions;
  /**
   * Model latency (average over 5 minutes) above which the latency alarm fires, milliseconds: more than 0, at most
   * 3,600,000. AWS only; on AWS CloudFormation a literal number (the alarm compares microseconds, and CloudFormation
   * cannot multiply a parameter).
   * @default 30000
   */
  readonly latencyAlarmThresholdMs?: number;
  /**
   * 5xx errors in 5 minutes at which the error alarm fires. AWS only.
   * @default 5
   */
  readonly errorAlarmThreshold5xx?: number;
  /**
   * Monthly cost ceiling, USD: synth fails when the high estimate (at maximum scale) exceeds it, listing the drivers.
   * @default - no ceiling
   */
  readonly maxMonthlyCostUsd?: number;
  /**
   * Physical endpoint name. Leave unset so the cloud generates one and configs can be replaced safely.
   * @default - generated
   */
  readonly name?: string;
  /**
   * Extra tags (labels on GCP, normalised to lowercase).
   *
   * Each resource takes at most 50 tags on AWS and Azure and 64 labels on GCP (one of them the google provider's
   * `goog-terraform-provisioned`), counting the cost-allocation tags the construct adds (`workload`, `managed-by`,
   * and for a tenant `tenant`, `cost-center`, plus `TenantId`, `CostCenter` on AWS and Azure): more fails at synth.
   * Tags added elsewhere (`Tags.of`, provider default tags or labels) count against the same limit.
   *
   * On AWS a tag with an empty value is left off the resources whose CloudFormation schema takes tag values of 1-256
   * characters: the CloudWatch alarms on the CloudFormation target, and on both targets the inference component of
   * an endpoint that scales to zero. Every other resource carries it.
   * @default - cost-allocation tags only
   */
  readonly tags?: Record<string, string>;
}

/**
 * A GPU model-serving endpoint with autoscaling, secure defaults and a cost estimate, rendered to the cloud of the
 * enclosing stack.
 *
 * - AWS: SageMaker Model (network isolation, least-privilege role) + EndpointConfig + Endpoint, Application Auto
 *   Scaling, CloudWatch alarms; `minReplicas: 0` uses an inference component with scale-to-zero.
 * - GCP: `ModelSource.container` → Cloud Run v2 GPU service (internal ingress, CMEK, dedicated service account);
 *   `ModelSource.huggingFace` → Vertex AI endpoint with a Model Garden deployment.
 * - Azure: Azure ML workspace (no public network access) + managed online endpoint and deployment (azapi) +
 *   autoscale setting.
 */
export class InferenceEndpoint extends Construct {
  /** The target this endpoint rendered to. */
  public readonly target: ITarget;
  /** Endpoint name (a token when generated by the cloud). */
  public readonly endpointName: string;
  /** Cloud resource id: SageMaker endpoint ARN, Cloud Run / Vertex resource id, or Azure ARM id. */
  public readonly endpointId: string;
  /** Monthly cost estimate at min and max replicas. */
  public readonly estimatedMonthlyCost: CostEstimate;
  /** The effective compliance profile. */
  public readonly compliance: ComplianceProfile;

  /** @internal */
  public readonly _spec: InferenceEndpointSpec;

  constructor(scope: Construct, id: string, props: InferenceEndpointProps) {
    super(scope, id);
    // Validation happens in a function of its own: see `Prepared` in ../renderer.
    const { target, renderer, spec } = prepareInferenceEndpoint(this, props);
    this.target = target;
    this._spec = spec;
    this.compliance = spec.compliance;
    const out = renderer.render(this, spec, renderer.options);
    this.endpointName = out.endpointName;
    this.endpointId = out.endpointId;
    this.estimatedMonthlyCost = renderer.estimate(this._spec);
    this.node.addMetadata('ai-infra-constructs:cost', this.estimatedMonthlyCost);
    const ceiling = costCeilingIssue(this.node.path, this.estimatedMonthlyCost, props.maxMonthlyCostUsd);
    if (ceiling) throwIfInvalid(this, [ceiling]);
    SecureTenant._registerConsumer(props.tenant, this);
  }
}

/** The endpoint's target, renderer and validated spec, or a ValidationError naming every bad prop. */
function prepareInferenceEndpoint(scope: InferenceEndpoint, props: InferenceEndpointProps): Prepared<InferenceEndpointSpec, InferenceEndpointOutputs> {
  const target = Target.of(scope);
  const renderer = rendererFor<InferenceEndpointSpec, InferenceEndpointOutputs>(scope, target, 'inference-endpoint');
  const early = tenantAndProfileIssues(scope, props, propShapeIssues(props));
  const spec = resolveInferenceEndpointSpec(scope, props);
  const issues = [...early, ...validateInferenceEndpointSpec(spec, isUnresolved), ...tagCountIssues(target.cloud, props?.tags, spec.tags, spec.tenant),
    ...costCeilingValueIssues(props?.maxMonthlyCostUsd, isUnresolved)];
  // Target checks read the model and the tenant; skip them while either is unusable (its issue is already listed).
  const modelUsable = !issues.some((i) => i.prop === 'props' || i.prop === 'model' || i.prop === 'accelerator' || i.prop.startsWith('tenant'));
  throwIfInvalid(scope, modelUsable ? [...issues, ...renderer.validate(spec, isUnresolved)] : issues);
  return { target, renderer, spec };
}

/** Defaults and profile overlay (pure). @internal */
export function resolveInferenceEndpointSpec(scope: Construct, props: InferenceEndpointProps): InferenceEndpointSpec {
  const p: InferenceEndpointProps = props ?? ({} as any);
  const compliance = profileOf(scope, p);
  const minReplicas = p.minReplicas ?? 1;
  const maxReplicas = p.maxReplicas ?? (isUnresolved(minReplicas) ? 2 : Math.max(2, minReplicas));
  const rl = p.requestLogging;
  return {
    name: p.name,
    model: p.model,
    accelerator: p.accelerator ?? Accelerator.NVIDIA_L4,
    acceleratorCount: p.acceleratorCount ?? 1,
    instanceTypeAws: p.instanceType?.aws,
    instanceTypeGcp: p.instanceType?.gcp,
    instanceTypeAzure: p.instanceType?.azure,
    minReplicas,
    maxReplicas,
    targetConcurrencyPerReplica: p.targetConcurrencyPerReplica,
    targetInvocationsPerReplicaPerMinute: p.targetInvocationsPerReplicaPerMinute ?? 70,
    compliance,
    requestLogging: {
      enabled: rl?.enabled === true,
      samplingPercent: rl?.samplingPercent ?? Math.min(10, compliance.controls.maxRequestSamplingPercent),
      retentionDays: rl?.retentionDays ?? compliance.controls.logRetentionDays,
    },
    latencyAlarmThresholdMs: p.latencyAlarmThresholdMs ?? 30_000,
    errorAlarmThreshold5xx: p.errorAlarmThreshold5xx ?? 5,
    tags: {
      ...costTags({ workload: scope.node.id, tenant: p.tenant?.tenantId, costCenter: p.tenant?.costCenter }),
      ...(p.tags ?? {}),
    },
    tenant: p.tenant,
  };
}

/** Type checks for JavaScript callers (a TypeError is never the answer). */
function propShapeIssues(props: InferenceEndpointProps): ValidationIssue[] {
  if (props === undefined || props === null || typeof props !== 'object') {
    return [{ prop: 'props', received: show(props), allowed: 'an InferenceEndpointProps object with at least `model`' }];
  }
  const issues = propTypeIssues(props, {
    numbers: ['acceleratorCount', 'minReplicas', 'maxReplicas', 'targetConcurrencyPerReplica', 'targetInvocationsPerReplicaPerMinute',
      'latencyAlarmThresholdMs', 'errorAlarmThreshold5xx', 'maxMonthlyCostUsd'],
    strings: ['name'],
    maps: ['tags'],
  });
  if (props.accelerator !== undefined && !(props.accelerator instanceof Accelerator)) {
    issues.push({ prop: 'accelerator', received: show(props.accelerator), allowed: 'an Accelerator, e.g. Accelerator.NVIDIA_L4 or Accelerator.of("nvidia-l4")' });
  }
  return [...issues, ...instanceTypeShapeIssues(props.instanceType), ...requestLoggingShapeIssues(props.requestLogging)];
}

/**
 * `requestLogging` is an object whose `enabled` is a boolean. Anything else turned capture off without a word: a
 * team that needs prompts captured (for audit) would find out only when it looked for them.
 */
function requestLoggingShapeIssues(value: unknown): ValidationIssue[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [{ prop: 'requestLogging', received: show(value), allowed: 'request logging options, e.g. { enabled: true, samplingPercent: 10 }' }];
  }
  const rl = value as Record<string, unknown>;
  // enabled is required (the type checks skip an unset prop); the others are type-checked like any prop.
  const enabled: ValidationIssue[] = typeof rl.enabled === 'boolean' ? [] : [{ prop: 'requestLogging.enabled', received: show(rl.enabled), allowed: 'true or false' }];
  return [...enabled, ...propTypeIssues(rl, { numbers: ['samplingPercent', 'retentionDays'] }).map((i) => ({ ...i, prop: `requestLogging.${i.prop}` }))];
}

const INSTANCE_TYPE_CLOUDS = ['aws', 'gcp', 'azure'];

/**
 * `instanceType` is an object of per-cloud strings. Each target reads only its own key, so a string in place of the
 * object, a misspelt key or a value that is not a string would otherwise be ignored without a word.
 */
function instanceTypeShapeIssues(value: unknown): ValidationIssue[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [{ prop: 'instanceType', received: show(value), allowed: 'per-cloud overrides, e.g. { aws: "ml.g6.2xlarge", gcp: "g2-standard-8" }' }];
  }
  return Object.entries(value).flatMap(([k, v]): ValidationIssue[] => {
    if (!INSTANCE_TYPE_CLOUDS.includes(k)) return [{ prop: 'instanceType', received: `key ${show(k)}`, allowed: `the keys ${INSTANCE_TYPE_CLOUDS.join(', ')}` }];
    return v === undefined || typeof v === 'string' ? [] : [{ prop: `instanceType.${k}`, received: show(v), allowed: 'an instance type name (a string)' }];
  });
}
