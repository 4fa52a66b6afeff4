import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib/core';
import { Testing, TerraformStack } from 'cdktf';
import { Accelerator, InferenceEndpoint, ITarget, ModelSource, SecureTenant, Target, tfaws, tfgcp } from '../../src';
import { ECR_IMAGE, validationError } from '../util';

/*
 * A tenant's key is regional and its identity belongs to one account (AWS) or project (GCP). A construct in another
 * stack may use the tenant only from the same place: otherwise the cloud refuses it at deploy (GCP, AWS via
 * Terraform) or aws-cdk-lib refuses it with a message about its own resources. Both now fail at synth naming `tenant`.
 */

const US = { account: '123456789012', region: 'us-east-1' };

function awsApp(tenantEnv: { account?: string; region?: string } | undefined, consumerEnv: { account?: string; region?: string } | undefined) {
  const app = new App();
  const a = new Stack(app, 'A', { env: tenantEnv });
  const b = new Stack(app, 'B', { env: consumerEnv });
  const tenant = new SecureTenant(a, 'T', { tenantId: 'acme' });
  return { app, a, b, tenant };
}

describe('aws-cdk: a tenant used from another stack', () => {
  test('same account and region: the endpoint\'s role stays inside the tenant\'s boundary across stacks', () => {
    const { b, tenant } = awsApp(US, US);
    new InferenceEndpoint(b, 'Ep', { tenant, model: ModelSource.container({ image: ECR_IMAGE }) });
    const t = Template.fromStack(b).toJSON();
    const role = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::IAM::Role');
    expect(role.Properties.PermissionsBoundary).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^A:ExportsOutputRefTPermissionsBoundary/) });
  });

  test('two environment-agnostic stacks share the account and region tokens, so they may share a tenant', () => {
    const { b, tenant } = awsApp(undefined, undefined);
    new InferenceEndpoint(b, 'Ep', { tenant, model: ModelSource.container({ image: ECR_IMAGE }) });
    expect(() => Template.fromStack(b)).not.toThrow();
  });

  test.each([
    ['region', US, { account: US.account, region: 'eu-west-1' }, 'account 123456789012, region us-east-1', 'account 123456789012, region eu-west-1'],
    ['account', US, { account: '210987654321', region: US.region }, 'account 123456789012, region us-east-1', 'account 210987654321, region us-east-1'],
    ['account and region', US, undefined, 'account 123456789012, region us-east-1', 'account (unknown until deploy), region (unknown until deploy)'],
  ])('another %s fails when the construct is created, naming tenant and both places', (what, tenantEnv, consumerEnv, tenantAt, consumerAt) => {
    const { b, tenant } = awsApp(tenantEnv, consumerEnv);
    const e = validationError(() => new InferenceEndpoint(b, 'Ep', { tenant, model: ModelSource.container({ image: ECR_IMAGE }) }));
    expect(e.issues).toEqual([{
      prop: 'tenant',
      received: `acme (A/T: ${tenantAt})`,
      allowed: `a SecureTenant in the same ${what} as this construct (${consumerAt})`,
      hint: expect.stringContaining('the cloud would refuse them at deploy'),
    }]);
  });
});

function tfApp(tenantTarget: ITarget, consumerTarget: ITarget) {
  const app = Testing.app({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-placement-')) });
  const a = new TerraformStack(app, 'A');
  Target.bind(a, tenantTarget);
  const b = new TerraformStack(app, 'B');
  Target.bind(b, consumerTarget);
  return { app, b, tenant: new SecureTenant(a, 'T', { tenantId: 'acme' }) };
}

describe('Terraform: a tenant used from another stack', () => {
  const gcp = (project: string, region: string) => new tfgcp.GcpTarget({ project, region });
  const endpoint = (b: TerraformStack, tenant: SecureTenant, image: string) =>
    new InferenceEndpoint(b, 'Ep', { tenant, model: ModelSource.container({ image }), accelerator: Accelerator.NVIDIA_L4 });
  const GCP_IMAGE = 'us-docker.pkg.dev/p/r/x:1';

  test('GCP, same project and region: the service uses the tenant key through a cross-stack reference', () => {
    const { app, b, tenant } = tfApp(gcp('team-a-prod', 'us-central1'), gcp('team-a-prod', 'us-central1'));
    endpoint(b, tenant, GCP_IMAGE);
    app.synth(); // the whole app: cdktf turns the reference into remote state
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'B', 'cdk.tf.json'), 'utf8'));
    const service: any = Object.values(json.resource.google_cloud_run_v2_service)[0];
    expect(service.template.encryption_key).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-A\.outputs\./);
  });

  test.each([
    ['region', gcp('team-a-prod', 'europe-west4'), 'project team-a-prod, region europe-west4'],
    ['project', gcp('team-b-prod', 'us-central1'), 'project team-b-prod, region us-central1'],
  ])('GCP, another %s fails naming tenant', (what, consumer, consumerAt) => {
    const { b, tenant } = tfApp(gcp('team-a-prod', 'us-central1'), consumer);
    const e = validationError(() => endpoint(b, tenant, GCP_IMAGE));
    expect(e.issues).toEqual([expect.objectContaining({
      prop: 'tenant', received: 'acme (A/T: project team-a-prod, region us-central1)', allowed: `a SecureTenant in the same ${what} as this construct (${consumerAt})`,
    })]);
  });

  test('AWS via Terraform: another region fails naming tenant; the same region synthesizes', () => {
    const aws = (region: string) => new tfaws.AwsTfTarget({ region });
    const same = tfApp(aws('us-east-1'), aws('us-east-1'));
    endpoint(same.b, same.tenant, ECR_IMAGE);
    expect(() => Testing.synth(same.b, true)).not.toThrow();
    const other = tfApp(aws('us-east-1'), aws('eu-west-1'));
    const e = validationError(() => endpoint(other.b, other.tenant, ECR_IMAGE));
    expect(e.issues).toEqual([expect.objectContaining({
      prop: 'tenant', received: 'acme (A/T: region us-east-1)', allowed: 'a SecureTenant in the same region as this construct (region eu-west-1)',
    })]);
  });
});
