import { App, Stack } from 'aws-cdk-lib/core';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfazure, tfgcp } from '../../src';
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
    expect(gcpLabels({ Tenant: 'ACME Corp', workload: 'Chat' }, () => false)).toEqual({ tenant: 'acme_corp', workload: 'chat' });
  });
});

describe('tags on every cloud', () => {
  const gcpStack = () => {
    const stack = new TerraformStack(Testing.app(), 'g');
    Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-project', region: 'us-central1' }));
    return stack;
  };
  const gcpModel = ModelSource.container({ image: 'us-docker.pkg.dev/my-project/r/i:1' });
  const labelsOf = (stack: TerraformStack, type: string) => Object.values<any>(JSON.parse(Testing.synth(stack)).resource[type])[0].labels;

  test('GCP: a token label value is written as the token, not as its normalised placeholder text', () => {
    const stack = gcpStack();
    const team = new TerraformVariable(stack, 'team', { type: 'string' });
    new InferenceEndpoint(stack, 'Ep', { model: gcpModel, accelerator: Accelerator.NVIDIA_L4, tags: { team: team.stringValue } });
    expect(labelsOf(stack, 'google_cloud_run_v2_service').team).toBe('${var.team}');
  });

  test('GCP: two tag keys that become one label key fail at synth instead of one replacing the other', () => {
    const err = validationError(() => new InferenceEndpoint(gcpStack(), 'Ep', { model: gcpModel, accelerator: Accelerator.NVIDIA_L4, tags: { Team: 'a', team: 'b' } }));
    expect(err.issues).toEqual([expect.objectContaining({ prop: 'tags.team', received: '"team"', allowed: expect.stringMatching(/distinct from "Team" .*both become "team"/) })]);
  });

  test('Azure: a long token tag value is kept whole', () => {
    const stack = new TerraformStack(Testing.app(), 'az');
    Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    const owner = new TerraformVariable(stack, 'owner', { type: 'string' });
    const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1, tags: { owner: `${'x'.repeat(250)}${owner.stringValue}` } });
    const cluster = tfazure.GpuPoolResources.of(pool).resources.cluster!;
    expect(JSON.parse(Testing.synth(stack)).resource.azurerm_kubernetes_cluster[cluster.friendlyUniqueId].tags.owner).toBe(`${'x'.repeat(250)}\${var.owner}`);
  });

  test('AWS tag characters: a value IAM would reject at deploy fails at synth, naming the prop the user wrote', () => {
    const stack = () => new Stack(new App(), 'S');
    const model = ModelSource.container({ image: ECR_IMAGE });
    const ep = validationError(() => new InferenceEndpoint(stack(), 'Ep', { model, tags: { team: 'ML, Platform' } }));
    expect(ep.issues).toEqual([expect.objectContaining({ prop: 'tags.team', received: '"team=ML, Platform"', allowed: expect.stringMatching(/^letters, digits, spaces and _ \. : \/ = \+ - @ only/) })]);
    const tenant = validationError(() => new SecureTenant(stack(), 'T', { tenantId: 'acme', costCenter: 'R&D (EU)' }));
    expect(tenant.issues).toEqual([expect.objectContaining({ prop: 'costCenter', received: '"R&D (EU)"' })]);
    // The same neutral rule on Terraform targets: a tag is declared once for every cloud.
    expect(validationError(() => new InferenceEndpoint(gcpStack(), 'Ep', { model: gcpModel, accelerator: Accelerator.NVIDIA_L4, tags: { 'team#1': 'a' } })).issues[0].prop).toBe('tags.team#1');
    // Letters and digits of any script, spaces, and the allowed punctuation pass.
    expect(() => new InferenceEndpoint(stack(), 'Ep', { model, tags: { 'équipe': 'Données et IA', 'owner@corp': 'a.b/c:d=e+f-g_h' } })).not.toThrow();
  });

  test('the workload tag derived from a construct id holds only characters every cloud accepts', () => {
    const app = new App();
    new InferenceEndpoint(new Stack(app, 'S'), 'Llama3 (8B) #2', { model: ModelSource.container({ image: ECR_IMAGE }) });
    const role = Object.values<any>(app.synth().getStackByName('S').template.Resources).find((r) => r.Type === 'AWS::IAM::Role');
    expect(role.Properties.Tags).toContainEqual({ Key: 'workload', Value: 'Llama3 -8B- -2' });
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
