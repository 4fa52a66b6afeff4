/*
 * InferenceEndpoint on AWS, engine-free: the validation, defaults and price estimate that the CloudFormation target
 * (aws-cdk) and the Terraform target (tf-aws) share, so both AWS targets accept and price exactly the same specs.
 */
import { AWS_FIXED, SAGEMAKER_SHAPES, endpointConfigAcceptsKmsKey } from './accelerators';
import { CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { ModelSourceKind } from '../../core/model-source';
import { AcceleratorShape, findShape } from '../../core/offerings';

/** The production variant every endpoint has. */
export const VARIANT = 'AllTraffic';
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([a-z0-9][a-z0-9._/-]*)(:[\w.-]+|@sha256:[a-f0-9]{64})?$/;
/** SageMaker hosting's fixed container port. */
export const SAGEMAKER_PORT = 8080;
/** Hugging Face TGI deep learning container (AWS account 763104351884 hosts the DLCs in every commercial region). */
export const HF_TGI_REPOSITORY = 'huggingface-pytorch-tgi-inference';
export const HF_TGI_TAG = '2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04';
export const DLC_ACCOUNT = '763104351884';
/** Time to download weights and start an LLM server; SageMaker's defaults (60 s health check) are too short. */
export const STARTUP_HEALTH_CHECK_SECONDS = 900;
export const MODEL_DOWNLOAD_SECONDS = 1800;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** Checks both AWS targets make. `image` is the container image (undefined for the Hugging Face DLC). */
export function validateSageMakerEndpoint(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!spec.instanceTypeAws) {
    const { issue } = findShape(SAGEMAKER_SHAPES, spec.accelerator, spec.acceleratorCount, 'SageMaker (AWS)');
    if (issue) issues.push({ ...issue, hint: 'or set instanceType.aws to a SageMaker ml.* type' });
  } else if (!isUnresolved(spec.instanceTypeAws) && !/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(spec.instanceTypeAws)) {
    issues.push({ prop: 'instanceType.aws', received: show(spec.instanceTypeAws), allowed: 'a SageMaker instance type such as "ml.g6.xlarge"' });
  } else if (!isUnresolved(spec.instanceTypeAws) && /^ml\.t\d/.test(spec.instanceTypeAws)) {
    issues.push({ prop: 'instanceType.aws', received: show(spec.instanceTypeAws), allowed: 'a non-burstable type', hint: 'SageMaker cannot autoscale burstable ml.t* instances' });
  }
  if (spec.name !== undefined && !isUnresolved(spec.name) && !SAGEMAKER_NAME.test(spec.name)) {
    issues.push({
      prop: 'name',
      received: `${show(spec.name)} (${spec.name.length} characters)`,
      allowed: 'at most 63 letters, digits and hyphens, starting and ending with a letter or digit (SageMaker endpoint name)',
    });
  }
  const m = spec.model;
  const image = m.image;
  if (m.kind === ModelSourceKind.CONTAINER && typeof image === 'string' && !isUnresolved(image) && !ECR_IMAGE.test(image)) {
    issues.push({
      prop: 'model.image',
      received: show(image),
      allowed: 'an Amazon ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>)',
      hint: 'SageMaker hosting pulls from ECR; push the image there first',
    });
  }
  if (m.kind === ModelSourceKind.CONTAINER && m.port !== SAGEMAKER_PORT) {
    issues.push({
      prop: 'model.port',
      received: isUnresolved(m.port) ? 'an unresolved token' : show(m.port),
      allowed: `${SAGEMAKER_PORT} on AWS (unset)`,
      hint: `SageMaker hosting calls /invocations and /ping on port ${SAGEMAKER_PORT}; serve there (the port cannot be configured)`,
    });
  }
  if (m.kind === ModelSourceKind.HUGGING_FACE && !m.modelDataUri) {
    issues.push({
      prop: 'model.modelDataUri',
      received: 'undefined',
      allowed: 'an s3:// URI holding the model weights',
      hint: `on AWS the model runs with network isolation and cannot download ${m.modelId} from the Hugging Face Hub; copy the weights to S3`,
    });
  }
  if (m.modelDataUri !== undefined && !isUnresolved(m.modelDataUri) && !S3_URI.test(m.modelDataUri)) {
    issues.push({ prop: 'model.modelDataUri', received: show(m.modelDataUri), allowed: 'an s3://bucket/key URI' });
  }
  if (spec.minReplicas === 0 && spec.requestLogging.enabled) {
    issues.push({
      prop: 'requestLogging',
      received: 'enabled with minReplicas: 0',
      allowed: 'requestLogging with minReplicas >= 1',
      hint: 'scale to zero on SageMaker needs inference components, and data capture is configured on instance variants; set minReplicas: 1 to capture requests',
    });
  }
  return issues;
}

/** The SageMaker instance type: the `instanceType.aws` override or the accelerator table's default. */
export function sageMakerInstanceType(spec: InferenceEndpointSpec): string {
  return spec.instanceTypeAws ?? findShape(SAGEMAKER_SHAPES, spec.accelerator, spec.acceleratorCount, 'SageMaker').shape!.type;
}

/** The endpoint's instance type and its row of the SageMaker table (undefined for a type the table does not know). */
function sageMakerShape(spec: InferenceEndpointSpec): { type: string; shape: AcceleratorShape | undefined } {
  const type = sageMakerInstanceType(spec);
  return { type, shape: SAGEMAKER_SHAPES.find((s) => s.type === type) };
}

/** Whether EndpointConfig KmsKeyId can be set (a known instance type without local NVMe storage). */
export function volumeKeyAllowed(instanceType: string, isUnresolved: (x: unknown) => boolean): boolean {
  return !isUnresolved(instanceType) && endpointConfigAcceptsKmsKey(instanceType);
}

/**
 * The reason recorded when EndpointConfig KmsKeyId is left unset (see `volumeKeyAllowed`). A token instance type is
 * unknown at synth: the key is left off because it may be an NVMe type, and the reason says so instead of quoting the
 * token's placeholder.
 */
export function volumeKeyOmittedReason(instanceType: string, isUnresolved: (x: unknown) => boolean): string {
  if (isUnresolved(instanceType)) {
    return 'KmsKeyId is not set: the instance type is a token, unknown at synth, and SageMaker rejects KmsKeyId on types with local NVMe '
      + 'instance storage (CreateEndpointConfig API reference); their NVMe volume is encrypted at rest by the Nitro controller with a '
      + 'per-instance key, other types\' storage volume with an AWS managed key.';
  }
  return `KmsKeyId is not set: ${instanceType} has local NVMe instance storage, for which SageMaker rejects KmsKeyId (CreateEndpointConfig API reference); `
    + 'the NVMe volume is encrypted at rest by the Nitro controller with a per-instance key.';
}

/**
 * Container environment: the Hugging Face DLC reads weights mounted from S3 at /opt/ml/model (network isolation: no
 * Hub download), and shards the model over SM_NUM_GPUS GPUs: those of the instance type when the table knows it (an
 * `instanceType.aws` override decides the GPUs, whatever `acceleratorCount` says), else `acceleratorCount`.
 */
export function sageMakerEnvironment(spec: InferenceEndpointSpec): Record<string, string> {
  const m = spec.model;
  if (m.kind === ModelSourceKind.HUGGING_FACE) {
    const gpus = sageMakerShape(spec).shape?.count ?? spec.acceleratorCount;
    return { HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: String(gpus), ...m.environment };
  }
  return { ...m.environment };
}

/** How the model data is given to SageMaker: a .tar.gz archive (ModelDataUrl) or an uncompressed S3 prefix. */
export function sageMakerModelData(uri: string | undefined, isUnresolved: (x: unknown) => boolean): { modelDataUrl?: string; s3Prefix?: string } {
  if (!uri) return {};
  if (isUnresolved(uri) || uri.endsWith('.tar.gz')) return { modelDataUrl: uri };
  return { s3Prefix: uri.endsWith('/') ? uri : `${uri}/` };
}

/** Bucket and key prefix of an s3:// URI (a token URI: any bucket). */
export function splitS3Uri(uri: string, isUnresolved: (x: unknown) => boolean): { bucket: string; prefix: string } {
  if (isUnresolved(uri)) return { bucket: '*', prefix: '' };
  const rest = uri.replace(/^s3:\/\//, '');
  const i = rest.indexOf('/');
  return i < 0 ? { bucket: rest, prefix: '' } : { bucket: rest.slice(0, i), prefix: rest.slice(i + 1) };
}

/** Prices the endpoint: instance-hours at min..max, plus a KMS key when one is created. */
export function estimateSageMakerEndpoint(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): CostEstimate {
  const { type, shape } = sageMakerShape(spec);
  const price = shape?.price ?? { currency: 'USD', source: 'none', asOf: '2026-11-22', region: 'us-east-1', unpricedReason: `${type} is not in the SageMaker price catalog` };
  const drivers = [hourlyDriver(`${type} (SageMaker real-time hosting)`, spec.minReplicas, spec.maxReplicas, price)];
  if (volumeKeyAllowed(type, isUnresolved) || spec.requestLogging.enabled) {
    const k = AWS_FIXED.kmsKeyMonthlyUsd;
    drivers.push(fixedDriver('KMS customer-managed key', k.usd, k.source, k.asOf, k.region));
  }
  const assumptions = [
    'On-demand list prices, us-east-1, 730 h/month; other regions differ',
    'SageMaker data processing (per GB in/out) and CloudWatch metrics/alarms are usage-priced and not included',
  ];
  if (spec.minReplicas === 0) assumptions.push('Scale to zero: the low estimate assumes no traffic all month; every wake-up bills at least one instance');
  if (spec.requestLogging.enabled) assumptions.push(`Captured requests are stored in S3 at $${AWS_FIXED.s3StandardGbMonthUsd.usd}/GB-month (${spec.requestLogging.retentionDays}-day retention); volume depends on traffic`);
  if (shape?.notes) assumptions.push(`${type}: ${shape.notes}`);
  return estimate(drivers, assumptions);
}

/** Target-tracking metric for the endpoint: concurrency (high resolution) when a target is set, else invocations. */
export function scalingMetric(spec: InferenceEndpointSpec): { metricType: string; targetValue: number } {
  const z = spec.minReplicas === 0;
  const metricType = spec.targetConcurrencyPerReplica !== undefined
    ? (z ? 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' : 'SageMakerVariantConcurrentRequestsPerModelHighResolution')
    : (z ? 'SageMakerInferenceComponentInvocationsPerCopy' : 'SageMakerVariantInvocationsPerInstance');
  return { metricType, targetValue: spec.targetConcurrencyPerReplica ?? spec.targetInvocationsPerReplicaPerMinute };
}

/** One CloudWatch alarm of an endpoint, as both AWS targets render it (they add dimensions and actions). */
export interface EndpointAlarm {
  readonly alarmDescription: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly treatMissingData: string;
}

/**
 * A scaling policy name from a construct id: Application Auto Scaling accepts printable ASCII only (`\p{Print}+`,
 * 1-256), so other characters (an id such as `Modèle`) become `-`; an ASCII id gives the name it always gave.
 */
export function scalingPolicyName(id: string, suffix: string): string {
  return `${id.replace(/[^\x20-\x7e]/g, '-')}-${suffix}`.slice(0, 256);
}

/**
 * 5xx errors and model latency. `times` multiplies (a target that accepts a token threshold passes its engine's
 * expression; plain multiplication otherwise), and `isUnresolved` keeps a token out of the description.
 */
export function endpointAlarms(
  spec: InferenceEndpointSpec, path: string,
  times: (a: number, b: number) => number = (a, b) => a * b, isUnresolved: (x: unknown) => boolean = () => false,
): { errors5xx: EndpointAlarm; latency: EndpointAlarm } {
  return {
    errors5xx: {
      alarmDescription: alarmDescription(`5xx errors from ${path}`),
      namespace: 'AWS/SageMaker',
      metricName: 'Invocation5XXErrors',
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: spec.errorAlarmThreshold5xx,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
    latency: {
      alarmDescription: alarmDescription(`Model latency of ${path} above ${isUnresolved(spec.latencyAlarmThresholdMs) ? 'the configured threshold' : `${spec.latencyAlarmThresholdMs} ms`}`),
      namespace: 'AWS/SageMaker',
      metricName: 'ModelLatency',
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: times(spec.latencyAlarmThresholdMs, 1000), // ModelLatency is in microseconds
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  };
}

/** A CloudWatch alarm description from a construct path: at most 1024 characters. */
const alarmDescription = (text: string): string => text.slice(0, 1024);

/** Scale from zero: target tracking cannot leave 0 copies; this alarm drives a step policy that adds the first. */
export function noCapacityAlarm(path: string): EndpointAlarm {
  return {
    alarmDescription: alarmDescription(`Requests to ${path} found no capacity: scale from zero`),
    namespace: 'AWS/SageMaker',
    metricName: 'NoCapacityInvocationFailures',
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
  };
}
