import { Template } from 'aws-cdk-lib/assertions';
import { Accelerator, FeatureStore, InferenceEndpoint, ModelSource, SecureTenant, SecureTenantProps } from '../../../src';
import { CUSTOMERS } from '../../feature-store-fixtures';
import { ECR_IMAGE, synthAws, validationError } from '../../util';

const ofType = (t: Template, type: string) => Object.entries<any>(t.toJSON().Resources).filter(([, r]) => r.Type === type);
const tags = (r: any) => Object.fromEntries((r.Properties.Tags ?? []).map((x: any) => [x.Key, x.Value]));

describe('SecureTenant on AWS', () => {
  let tenant!: SecureTenant;
  const t = synthAws((s) => {
    tenant = new SecureTenant(s, 'Acme', { tenantId: 'acme', costCenter: 'cc-42', monthlyBudgetUsd: 5000, budgetAlertEmails: ['finops@acme.example'] });
    new InferenceEndpoint(s, 'Chat', { tenant, model: ModelSource.container({ image: ECR_IMAGE }), accelerator: Accelerator.NVIDIA_L4, requestLogging: { enabled: true } });
    new FeatureStore(s, 'Features', { tenant, featureGroups: [CUSTOMERS] });
  });
  const [keyId, key] = ofType(t, 'AWS::KMS::Key').find(([id]) => id.startsWith('AcmeKey'))!;
  const [roleId, role] = ofType(t, 'AWS::IAM::Role').find(([, r]) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('pods.eks'))!;

  test('one key for the tenant and everything it owns: rotation on, retained, an alias, a key policy naming only the account root and the tenant role', () => {
    expect(ofType(t, 'AWS::KMS::Key').map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(['AcmeKey', 'AiInfraAlarmsKey']); // and the stack's alarm-topic key
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    const principals = key.Properties.KeyPolicy.Statement.map((s: any) => s.Principal.AWS);
    expect(principals).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] },
      { 'Fn::GetAtt': [roleId, 'Arn'] },
    ]);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ai-infra-constructs/tenant/acme' });
  });

  test('the tenant role has a permissions boundary and ABAC on aws:PrincipalTag/TenantId', () => {
    expect(role.Properties.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/^AcmePermissionsBoundary/) });
    expect(tags(role)).toMatchObject({ TenantId: 'acme', CostCenter: 'cc-42' });
    const policy = ofType(t, 'AWS::IAM::ManagedPolicy').find(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))![1];
    const abac = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Condition);
    expect(abac.map((s: any) => s.Sid)).toEqual(['InvokeTenantEndpoints', 'UseTenantFeatureGroups']);
    for (const s of abac) expect(s.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/TenantId': '${aws:PrincipalTag/TenantId}' } });
    const boundary = ofType(t, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith('AcmePermissionsBoundary'))![1];
    const denies = boundary.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny');
    expect(denies.map((s: any) => s.Sid)).toEqual(['NoOtherTenantsKeys', 'NoOtherTenantsSageMakerResources']);
  });

  test('the tenant data location: encrypted with the tenant key, SSL-only, versioned, access-logged, retained', () => {
    const [, bucket] = ofType(t, 'AWS::S3::Bucket').find(([id]) => id.startsWith('AcmeData') && !id.includes('AccessLogs'))!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.LoggingConfiguration).toBeDefined();
  });

  test('a budget with alerts at 50/80/100% of actual spend and 100% of forecast, filtered on the tenant cost tag', () => {
    const [, budget] = ofType(t, 'AWS::Budgets::Budget')[0];
    expect(budget.Properties.Budget).toMatchObject({ BudgetLimit: { Amount: 5000, Unit: 'USD' }, TimeUnit: 'MONTHLY', CostFilters: { TagKeyValue: ['user:tenant$acme'] } });
    expect(budget.Properties.NotificationsWithSubscribers.map((n: any) => [n.Notification.NotificationType, n.Notification.Threshold])).toEqual([
      ['ACTUAL', 50], ['ACTUAL', 80], ['ACTUAL', 100], ['FORECASTED', 100],
    ]);
  });

  test('the endpoint and feature store use the tenant key, stay inside the tenant boundary, and carry TenantId/CostCenter', () => {
    const config = ofType(t, 'AWS::SageMaker::EndpointConfig')[0][1];
    expect(config.Properties.DataCaptureConfig.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const group = ofType(t, 'AWS::SageMaker::FeatureGroup')[0][1];
    expect(group.Properties.OnlineStoreConfig.SecurityConfig.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    for (const [id, r] of ofType(t, 'AWS::IAM::Role')) {
      expect([id, r.Properties.PermissionsBoundary]).toEqual([id, { Ref: expect.stringMatching(/^AcmePermissionsBoundary/) }]);
    }
    for (const type of ['AWS::SageMaker::Endpoint', 'AWS::SageMaker::Model', 'AWS::SageMaker::FeatureGroup', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::IAM::Role']) {
      for (const [, r] of ofType(t, type).filter(([id]) => !id.startsWith('AiInfraAlarms'))) expect(tags(r)).toMatchObject({ 'TenantId': 'acme', 'CostCenter': 'cc-42', 'tenant': 'acme', 'cost-center': 'cc-42' });
    }
    expect(tenant.compliance?.name).toBe('BASELINE');
  });
});

describe('SecureTenant validation', () => {
  const fails = (props: Partial<SecureTenantProps>) => validationError(() => synthAws((s) => new SecureTenant(s, 'T', { tenantId: 'acme', ...props } as SecureTenantProps)));
  test.each(['Acme', 'ac', 'a--b', '-acme', 'acme-', 'acme_corp', 'x'.repeat(25), 'aws-team', 'google-x'.replace('google', 'goog')])('tenant id %p is not a slug valid on every cloud', (tenantId) => {
    expect(fails({ tenantId }).issues[0].prop).toBe('tenantId');
  });
  test('duplicate tenant ids in one app (on one cloud)', () => {
    const e = validationError(() => synthAws((s) => {
      new SecureTenant(s, 'A', { tenantId: 'acme' });
      new SecureTenant(s, 'B', { tenantId: 'acme' });
    }));
    expect(e.issues[0]).toMatchObject({ prop: 'tenantId', received: '"acme"' });
    expect(e.issues[0].hint).toMatch(/Test\/A already is tenant acme/);
  });
  test('a budget on AWS needs alert e-mails; bad budgets and thresholds', () => {
    expect(fails({ monthlyBudgetUsd: 100 }).issues[0].prop).toBe('budgetAlertEmails');
    expect(fails({ monthlyBudgetUsd: -5, budgetAlertEmails: ['a@b.co'] }).issues[0].prop).toBe('monthlyBudgetUsd');
    expect(fails({ budgetAlertThresholdsPercent: [] }).issues[0].prop).toBe('budgetAlertThresholdsPercent');
    expect(fails({ budgetAlertEmails: ['not-an-email'] }).issues[0].prop).toBe('budgetAlertEmails');
  });
  test('tag keys and values beyond the AWS limits (found by the fuzz harness: CloudFormation rejected them at synth)', () => {
    const long = 'k'.repeat(130);
    expect(fails({ tags: { [long]: 'x' } }).issues[0]).toMatchObject({ prop: `tags.${long}`, allowed: 'keys are 1-128 characters' });
    expect(fails({ tags: { 'aws:owner': 'x' } }).issues[0].prop).toBe('tags.aws:owner');
    expect(fails({ costCenter: 'c'.repeat(300) }).issues[0].allowed).toBe('values are at most 256 characters');
  });
});
