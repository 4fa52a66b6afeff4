import { Accelerator } from '../accelerator';
import { ComplianceProfile } from '../compliance';
import { ModelSource } from '../model-source';
import { ISecureTenant } from '../tenant';

/**
 * The fully-defaulted, validated description of an inference endpoint that renderers read (never the props).
 * @internal
 */
export interface InferenceEndpointSpec {
  /** Physical endpoint name, when the user fixed one. */
  readonly name?: string;
  readonly model: ModelSource;
  readonly accelerator: Accelerator;
  readonly acceleratorCount: number;
  readonly instanceTypeAws?: string;
  readonly instanceTypeGcp?: string;
  readonly instanceTypeAzure?: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** In-flight requests per replica that autoscaling holds; when set, scaling tracks concurrency. */
  readonly targetConcurrencyPerReplica?: number;
  /** Invocations per replica per minute that autoscaling holds (when concurrency is not set). */
  readonly targetInvocationsPerReplicaPerMinute: number;
  readonly compliance: ComplianceProfile;
  readonly requestLogging: RequestLoggingSpec;
  readonly latencyAlarmThresholdMs: number;
  readonly errorAlarmThreshold5xx: number;
  /** Neutral tags (normalised per cloud by renderers). */
  readonly tags: Record<string, string>;
  readonly tenant?: ISecureTenant;
}

/** @internal */
export interface RequestLoggingSpec {
  readonly enabled: boolean;
  readonly samplingPercent: number;
  readonly retentionDays: number;
}

/**
 * What a renderer hands back to the neutral construct.
 * @internal
 */
export interface InferenceEndpointOutputs {
  /** Endpoint name (a token when the cloud generates it). */
  readonly endpointName: string;
  /** Cloud resource id (ARN / resource name / ARM id). */
  readonly endpointId: string;
}
