import { App, Stack } from 'aws-cdk-lib/core';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfazure, tfgcp } from '../../src';
import { gcpLabel, gcpLabels } from '../../src/core/tags';
import { ECR_IMAGE, synthAws, synthAzure, synthGcp, validationError } from '../util';

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

describe('a profile or tenant that is not one fails at synth naming where it came from', () => {
  const model = ModelSource.container({ image: ECR_IMAGE });
  const GROUPS = [{ name: 'customers', recordIdentifier: 'id', eventTime: 'ts', features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }] }];
  /** Each construct, with extra props; GCP and Azure through Terraform, AWS through aws-cdk-lib. */
  const each = (extra: (s: Construct) => any): Array<[string, () => void]> => {
    const kinds: Array<[string, (s: Construct, image: string, acc: Accelerator) => void]> = [
      ['InferenceEndpoint', (s, image, acc) => new InferenceEndpoint(s, 'C', { model: ModelSource.container({ image }), accelerator: acc, ...extra(s) })],
      ['GpuPool', (s, _, acc) => new GpuPool(s, 'C', { accelerator: acc, maxNodes: 1, ...extra(s) })],
      ['FeatureStore', (s) => new FeatureStore(s, 'C', { featureGroups: GROUPS, ...extra(s) })],
    ];
    return kinds.flatMap(([kind, build]): Array<[string, () => void]> => [
      [`${kind} on AWS`, () => synthAws((s) => build(s, ECR_IMAGE, Accelerator.NVIDIA_L4))],
      [`${kind} on GCP`, () => synthGcp((s) => build(s, 'us-docker.pkg.dev/p/r/vllm:0.6', Accelerator.NVIDIA_L4))],
      [`${kind} on Azure`, () => synthAzure((s) => build(s, 'acr.azurecr.io/vllm:0.6', Accelerator.NVIDIA_T4))],
    ]);
  };
  const issuesOf = (cases: Array<[string, () => void]>) => cases.map(([what, fn]) => [what, validationError(fn).issues.map((i) => i.prop)]);

  test('compliance: a string (JavaScript) was a TypeError, and on a GCP or Azure tenant it applied no control at all', () => {
    const cases = [...each(() => ({ compliance: 'HIPAA' })), ...(['synthAws', 'synthGcp', 'synthAzure'] as const).map((f): [string, () => void] =>
      [`SecureTenant ${f}`, () => ({ synthAws, synthGcp, synthAzure })[f]((s: any) => new SecureTenant(s, 'C', { tenantId: 'acme', compliance: 'HIPAA' as any }))])];
    expect(issuesOf(cases)).toEqual(cases.map(([what]) => [what, ['compliance']]));
    const e = validationError(cases[0][1]);
    expect(e.issues[0].allowed).toMatch(/^a ComplianceProfile: one of ComplianceProfile\.BASELINE, .*, or ComplianceProfile\.custom\(name, controls\)$/);
  });

  test('compliance from a tenant or an enclosing scope is named as such', () => {
    const tenant = (s: Construct) => Object.assign(new Construct(s, 'T'), { tenantId: 'acme', compliance: 'PCI' });
    expect(issuesOf(each((s) => ({ tenant: tenant(s) })))).toEqual(each(() => ({})).map(([what]) => [what, ['tenant.compliance']]));
    // A null compliance prop is unset, as the profile is resolved: the tenant's is still the one named.
    expect(issuesOf(each((s) => ({ tenant: tenant(s), compliance: null })))).toEqual(each(() => ({})).map(([what]) => [what, ['tenant.compliance']]));
    const e = validationError(() => synthAws((s) => {
      ComplianceProfile.apply(s, 'HIPAA' as any);
      new InferenceEndpoint(s, 'C', { model });
    }));
    expect(e.issues).toEqual([expect.objectContaining({ prop: 'compliance', received: '"HIPAA"', hint: 'the profile applied to an enclosing scope with ComplianceProfile.apply' })]);
  });

  test('a custom profile with a control missing or out of range (it would silently not apply)', () => {
    const bad = ComplianceProfile.custom('ORG', { customerManagedKeys: true, logRetentionDays: 0, maxRequestSamplingPercent: 150 } as any);
    const e = validationError(() => synthGcp((s) => new SecureTenant(s, 'T', { tenantId: 'acme', compliance: bad })));
    expect(e.issues).toEqual([{
      prop: 'compliance',
      received: 'profile "ORG" with controls privateNetworking undefined (allowed: true or false), logRetentionDays 0 (allowed: a whole number of days, at least 1), '
        + 'maxRequestSamplingPercent 150 (allowed: 0 to 100)',
      allowed: 'a profile whose controls are all set within their ranges',
    }]);
    const ok = ComplianceProfile.custom('ORG', { customerManagedKeys: true, privateNetworking: false, logRetentionDays: 90, maxRequestSamplingPercent: 5 });
    expect(() => synthGcp((s) => new SecureTenant(s, 'T', { tenantId: 'acme', compliance: ok }))).not.toThrow();
  });

  test('tenant: a value that is no tenant was a TypeError (GCP, Azure) or an engine error (AWS)', () => {
    expect(issuesOf(each(() => ({ tenant: 'acme' })))).toEqual(each(() => ({})).map(([what]) => [what, ['tenant']]));
  });

  test('tenant: another ISecureTenant brings its id and cost center as tags, so they are checked like a SecureTenant\'s', () => {
    const tenant = (s: Construct) => Object.assign(new Construct(s, 'T'), { tenantId: 'Acme Corp', costCenter: 42 });
    expect(issuesOf(each((s) => ({ tenant: tenant(s) })))).toEqual(each(() => ({})).map(([what]) => [what, ['tenant.tenantId', 'tenant.costCenter']]));
    const fine = (s: Construct) => Object.assign(new Construct(s, 'T'), { tenantId: 'acme', costCenter: 'cc-1' });
    for (const [, fn] of each((s) => ({ tenant: fine(s) }))) expect(fn).not.toThrow();
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
