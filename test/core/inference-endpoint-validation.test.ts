import { App, Stack, Token } from 'aws-cdk-lib/core';
import { Accelerator, ComplianceProfile, InferenceEndpoint, InferenceEndpointProps, ModelSource, ValidationError } from '../../src';
import { ECR_IMAGE, validationError } from '../util';

const model = ModelSource.container({ image: ECR_IMAGE });
function make(props: Partial<InferenceEndpointProps>): void {
  const stack = new Stack(new App(), 'S');
  new InferenceEndpoint(stack, 'Ep', { model, ...props } as InferenceEndpointProps);
}

describe('InferenceEndpoint input validation (neutral)', () => {
  test.each<[string, Partial<InferenceEndpointProps>, string, RegExp]>([
    ['min > max', { minReplicas: 4, maxReplicas: 2 }, 'minReplicas', /<= maxReplicas/],
    ['negative min', { minReplicas: -1 }, 'minReplicas', /integer from 0/],
    ['zero max', { maxReplicas: 0 }, 'maxReplicas', /integer from 1/],
    ['fractional count', { acceleratorCount: 1.5 }, 'acceleratorCount', /integer from 1 to 8/],
    ['too many GPUs', { acceleratorCount: 9 }, 'acceleratorCount', /integer from 1 to 8/],
    ['non-number replicas', { minReplicas: '2' as any }, 'minReplicas', /a number/],
    ['sampling > 100', { requestLogging: { enabled: true, samplingPercent: 150 } }, 'requestLogging.samplingPercent', /1 to 100/],
    ['odd retention', { requestLogging: { enabled: true, retentionDays: 42 } }, 'requestLogging.retentionDays', /one of/],
    ['aws: tag key', { tags: { 'aws:owner': 'x' } }, 'tags.aws:owner', /aws:/],
    ['not an accelerator', { accelerator: 'nvidia-l4' as any }, 'accelerator', /Accelerator.NVIDIA_L4/],
    ['bad env var', { model: ModelSource.container({ image: ECR_IMAGE, environment: { 'BAD-NAME': 'x' } }) }, 'model.environment.BAD-NAME', /variable name/],
    ['empty image', { model: ModelSource.container({ image: '' }) }, 'model.image', /container image URI/],
    ['bad hf id', { model: ModelSource.huggingFace({ modelId: 'not a model' }) }, 'model.modelId', /Hugging Face Hub id/],
    // Infinity passed a "> 0" check, and JSON wrote the alarm threshold as null (found by the fuzz harness).
    ['an infinite latency threshold', { latencyAlarmThresholdMs: Infinity }, 'latencyAlarmThresholdMs', /at most 3,600,000/],
    ['a zero latency threshold', { latencyAlarmThresholdMs: 0 }, 'latencyAlarmThresholdMs', /positive number of milliseconds/],
    // Each target reads only its own key: these were ignored without a word on every cloud.
    ['an instance type string in place of the overrides', { instanceType: 'ml.g5.xlarge' as any }, 'instanceType', /per-cloud overrides, e\.g\. \{ aws: /],
    ['a misspelt instance type cloud', { instanceType: { sagemaker: 'ml.g5.xlarge' } as any }, 'instanceType', /^the keys aws, gcp, azure$/],
    ['another cloud\'s instance type that is not a string', { instanceType: { gcp: 8 } as any }, 'instanceType.gcp', /a string/],
    ['a health check path without its leading slash', { model: ModelSource.container({ image: ECR_IMAGE, healthCheckPath: 'health' }) }, 'model.healthCheckPath', /starting with \//],
    ['a health check path with a space', { model: ModelSource.container({ image: ECR_IMAGE, healthCheckPath: '/my health' }) }, 'model.healthCheckPath', /without whitespace/],
    ['acceptEula as a string', { model: ModelSource.huggingFace({ modelId: 'org/model', acceptEula: 'yes' as any }) }, 'model.acceptEula', /true or false/],
    // Each of these turned capture off without a word.
    ['request logging as true', { requestLogging: true as any }, 'requestLogging', /e\.g\. \{ enabled: true/],
    ['request logging enabled as a string', { requestLogging: { enabled: 'true' as any } }, 'requestLogging.enabled', /true or false/],
    ['request logging without enabled', { requestLogging: { samplingPercent: 5 } as any }, 'requestLogging.enabled', /true or false/],
    ['a Hugging Face image override with whitespace', { model: ModelSource.huggingFace({ modelId: 'org/model', image: 'my image' }) }, 'model.image', /without whitespace/],
  ])('fails on %s', (_name, props, prop, allowed) => {
    const err = validationError(() => make(props));
    const issue = err.issues.find((i) => i.prop === prop);
    expect(issue).toBeDefined();
    expect(issue!.allowed).toMatch(allowed);
    expect(err.message).toContain(prop);
  });

  test('lists every problem at once', () => {
    const err = validationError(() => make({ minReplicas: 5, maxReplicas: 2, acceleratorCount: 0, requestLogging: { enabled: true, samplingPercent: 0 } }));
    expect(err.issues.map((i) => i.prop)).toEqual(expect.arrayContaining(['minReplicas', 'acceleratorCount', 'requestLogging.samplingPercent']));
  });

  test('fails without props, with a ValidationError (not a TypeError)', () => {
    const err = validationError(() => new InferenceEndpoint(new Stack(new App(), 'S'), 'Ep', undefined as any));
    expect(err.issues[0].prop).toBe('props');
  });

  test('fails without a model', () => {
    const err = validationError(() => make({ model: undefined as any }));
    expect(err.issues.map((i) => i.prop)).toContain('model');
  });

  test('unresolved tokens are not compared', () => {
    expect(() => make({ minReplicas: Token.asNumber({ Ref: 'Min' }), maxReplicas: 2, name: Token.asString({ Ref: 'Name' }) })).not.toThrow();
  });

  test('the profile caps prompt sampling and sets a floor on retention', () => {
    const err = validationError(() => make({ compliance: ComplianceProfile.HIPAA, requestLogging: { enabled: true, samplingPercent: 50, retentionDays: 30 } }));
    expect(err.issues.map((i) => i.prop).sort()).toEqual(['requestLogging.retentionDays', 'requestLogging.samplingPercent']);
    expect(err.message).toMatch(/under the HIPAA profile/);
  });

  test('ValidationError is recognisable and names the construct', () => {
    try {
      make({ minReplicas: -1 });
    } catch (e) {
      expect(ValidationError.isValidationError(e)).toBe(true);
      expect((e as ValidationError).constructPath).toBe('S/Ep');
    }
  });

  test('Accelerator.of returns known parts and accepts new names', () => {
    expect(Accelerator.of('nvidia-l4')).toBe(Accelerator.NVIDIA_L4);
    expect(Accelerator.of('nvidia-b200').name).toBe('nvidia-b200');
    const err = validationError(() => make({ accelerator: Accelerator.of('nvidia-b200') }));
    expect(err.issues[0]).toMatchObject({ prop: 'accelerator', received: 'nvidia-b200' });
    expect(err.issues[0].allowed).toMatch(/SageMaker \(AWS\) offers nvidia-t4, nvidia-l4, nvidia-a10g/);
  });
});
