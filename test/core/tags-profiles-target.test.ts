import { App, Stack } from 'aws-cdk-lib/core';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ComplianceProfile, InferenceEndpoint, ModelSource, Target, tfgcp } from '../../src';
import { gcpLabel, gcpLabels } from '../../src/core/tags';
import { ECR_IMAGE, validationError } from '../util';

describe('GCP label normalisation', () => {
  test.each([
    ['CostCenter', true, 'costcenter'],
    ['cost-center', true, 'cost-center'],
    ['9lives', true, 'k9lives'],
    ['Team Alpha/Beta', false, 'team_alpha_beta'],
    ['x'.repeat(80), false, 'x'.repeat(63)],
  ])('%s (key=%s) → %s', (input, isKey, out) => {
    expect(gcpLabel(input, isKey)).toBe(out);
  });
  test('maps whole tag sets', () => {
    expect(gcpLabels({ Tenant: 'ACME Corp', workload: 'Chat' })).toEqual({ tenant: 'acme_corp', workload: 'chat' });
  });
});

describe('compliance profile precedence', () => {
  test('prop > tenant > scope > BASELINE', () => {
    const stack = new Stack(new App(), 'S');
    const model = ModelSource.container({ image: ECR_IMAGE });
    expect(new InferenceEndpoint(stack, 'A', { model }).compliance).toBe(ComplianceProfile.BASELINE);
    const scoped = new Construct(stack, 'Regulated');
    ComplianceProfile.apply(scoped, ComplianceProfile.PCI_DSS);
    expect(new InferenceEndpoint(scoped, 'B', { model }).compliance).toBe(ComplianceProfile.PCI_DSS);
    const tenant = Object.assign(new Construct(stack, 'T'), { tenantId: 'acme', compliance: ComplianceProfile.HIPAA });
    expect(new InferenceEndpoint(scoped, 'C', { model, tenant }).compliance).toBe(ComplianceProfile.HIPAA);
    expect(new InferenceEndpoint(scoped, 'D', { model, tenant, compliance: ComplianceProfile.SOC2 }).compliance).toBe(ComplianceProfile.SOC2);
  });
});

describe('Target lookup', () => {
  test('an aws-cdk-lib Stack renders to AWS without binding', () => {
    const ep = new InferenceEndpoint(new Stack(new App(), 'S'), 'Ep', { model: ModelSource.container({ image: ECR_IMAGE }) });
    expect(ep.target.targetName).toBe('aws-cdk');
  });
  test('fails in an unbound TerraformStack, saying how to bind', () => {
    const stack = new TerraformStack(Testing.app(), 'tf');
    const err = validationError(() => new InferenceEndpoint(stack, 'Ep', { model: ModelSource.container({ image: 'x/y:1' }) }));
    expect(err.message).toMatch(/Target\.bind\(stack, new tfgcp\.GcpTarget/);
  });
  test('fails outside any stack', () => {
    const err = validationError(() => new InferenceEndpoint(new Construct(undefined as any, 'root'), 'Ep', { model: ModelSource.container({ image: 'x' }) }));
    expect(err.issues[0].prop).toBe('scope');
  });
  test('a scope cannot be bound to two targets', () => {
    const stack = new TerraformStack(Testing.app(), 'tf');
    Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }));
    expect(() => Target.bind(stack, new tfgcp.GcpTarget({ project: 'other-proj', region: 'us-east1' }))).toThrow(/one target per scope/);
  });
});
