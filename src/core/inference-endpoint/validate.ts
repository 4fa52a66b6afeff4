import { Checks } from '../checks';
import { ValidationIssue, show } from '../errors';
import { ModelSourceKind } from '../model-source';
import { tenantTagOrigins } from '../tags';
import { InferenceEndpointSpec } from './spec';

const HF_MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Cloud-neutral checks of an inference endpoint spec. Unresolved tokens are skipped, never compared.
 * @internal
 */
export function validateInferenceEndpointSpec(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const c = new Checks(isUnresolved);
  const issues: ValidationIssue[] = c.issues;
  const known = (v: unknown) => c.known(v);
  const intIn = (prop: string, v: number, min: number, max: number) => c.intIn(prop, v, min, max);

  intIn('minReplicas', spec.minReplicas, 0, 1000);
  intIn('maxReplicas', spec.maxReplicas, 1, 1000);
  c.notAbove('minReplicas', spec.minReplicas, 'maxReplicas', spec.maxReplicas);
  intIn('acceleratorCount', spec.acceleratorCount, 1, 8);
  if (spec.targetConcurrencyPerReplica !== undefined) intIn('targetConcurrencyPerReplica', spec.targetConcurrencyPerReplica, 1, 1000);
  intIn('targetInvocationsPerReplicaPerMinute', spec.targetInvocationsPerReplicaPerMinute, 1, 1_000_000);
  // Finite: Infinity passed a "> 0" check and was written as the threshold `null` (JSON has no Infinity).
  if (known(spec.latencyAlarmThresholdMs) && !(typeof spec.latencyAlarmThresholdMs === 'number' && Number.isFinite(spec.latencyAlarmThresholdMs)
    && spec.latencyAlarmThresholdMs > 0 && spec.latencyAlarmThresholdMs <= 3_600_000)) {
    issues.push({ prop: 'latencyAlarmThresholdMs', received: show(spec.latencyAlarmThresholdMs), allowed: 'a positive number of milliseconds, at most 3,600,000 (one hour)' });
  }
  intIn('errorAlarmThreshold5xx', spec.errorAlarmThreshold5xx, 1, 1_000_000);

  // Model source.
  const m = spec.model;
  if (!m || typeof m !== 'object' || !('kind' in m)) {
    issues.push({ prop: 'model', received: show(m), allowed: 'ModelSource.container({...}) or ModelSource.huggingFace({...})' });
  } else if (m.kind === ModelSourceKind.CONTAINER) {
    if (typeof m.image !== 'string' || (known(m.image) && m.image.trim() === '')) {
      issues.push({ prop: 'model.image', received: show(m.image), allowed: 'a container image URI' });
    } else if (known(m.image) && /\s/.test(m.image)) {
      issues.push({ prop: 'model.image', received: show(m.image), allowed: 'a container image URI without whitespace' });
    }
    intIn('model.port', m.port, 1, 65535);
    // Cloud Run's startup probe and Azure ML's liveness and readiness routes take an absolute path.
    if (typeof m.healthCheckPath !== 'string' || (known(m.healthCheckPath) && !/^\/\S*$/.test(m.healthCheckPath))) {
      issues.push({ prop: 'model.healthCheckPath', received: show(m.healthCheckPath), allowed: 'an HTTP path starting with / and without whitespace, e.g. "/health"' });
    }
  } else if (m.kind === ModelSourceKind.HUGGING_FACE) {
    if (typeof m.modelId !== 'string' || (known(m.modelId) && !HF_MODEL_ID.test(m.modelId))) {
      issues.push({ prop: 'model.modelId', received: show(m.modelId), allowed: 'a Hugging Face Hub id such as "org/model-name"' });
    }
    if (typeof m.acceptEula !== 'boolean') issues.push({ prop: 'model.acceptEula', received: show(m.acceptEula), allowed: 'true or false' });
    if (m.image !== undefined && (typeof m.image !== 'string' || (known(m.image) && (m.image.trim() === '' || /\s/.test(m.image))))) {
      issues.push({ prop: 'model.image', received: show(m.image), allowed: 'a container image URI without whitespace' });
    }
  }
  for (const [k, v] of Object.entries(m?.environment ?? {})) {
    if (known(k) && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      issues.push({ prop: `model.environment.${k}`, received: show(k), allowed: 'a variable name matching [A-Za-z_][A-Za-z0-9_]*' });
    }
    if (typeof v !== 'string') issues.push({ prop: `model.environment.${k}`, received: show(v), allowed: 'a string value' });
  }

  // Request logging (prompt/response capture).
  const rl = spec.requestLogging;
  if (rl.enabled) {
    const max = spec.compliance.controls.maxRequestSamplingPercent;
    if (known(rl.samplingPercent) && (!Number.isInteger(rl.samplingPercent) || rl.samplingPercent < 1 || rl.samplingPercent > 100)) {
      issues.push({ prop: 'requestLogging.samplingPercent', received: show(rl.samplingPercent), allowed: 'an integer from 1 to 100' });
    } else if (known(rl.samplingPercent) && rl.samplingPercent > max) {
      issues.push({
        prop: 'requestLogging.samplingPercent',
        received: show(rl.samplingPercent),
        allowed: `at most ${max} under the ${spec.compliance.name} profile`,
        hint: 'prompt capture is limited to a sample for data minimisation',
      });
    }
    if (known(rl.retentionDays) && !CLOUDWATCH_RETENTION_DAYS.includes(rl.retentionDays)) {
      issues.push({ prop: 'requestLogging.retentionDays', received: show(rl.retentionDays), allowed: `one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}` });
    } else if (known(rl.retentionDays) && rl.retentionDays < spec.compliance.controls.logRetentionDays) {
      issues.push({
        prop: 'requestLogging.retentionDays',
        received: show(rl.retentionDays),
        allowed: `at least ${spec.compliance.controls.logRetentionDays} under the ${spec.compliance.name} profile`,
      });
    }
  }

  c.tags(spec.tags, tenantTagOrigins(spec.tenant));
  return issues;
}
