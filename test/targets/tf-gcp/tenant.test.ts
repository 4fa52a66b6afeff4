import { App, TerraformStack } from 'cdktf';
import { Accelerator, ExistingCluster, FeatureStore, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, SecureTenantProps, Target, tfazure, tfgcp } from '../../../src';
import { CUSTOMERS } from '../../feature-store-fixtures';
import { all, only, synthGcp, validationError } from '../../util';

const IMAGE = 'us-docker.pkg.dev/p/r/x:1';

describe('SecureTenant on GCP', () => {
  const json = synthGcp((s) => {
    const tenant = new SecureTenant(s, 'Tenant-acme', { tenantId: 'acme', costCenter: 'CC 42', monthlyBudgetUsd: 2500, budgetAlertEmails: ['finops@acme.example'] });
    new InferenceEndpoint(s, 'Chat', { tenant, model: ModelSource.container({ image: IMAGE }) });
    new FeatureStore(s, 'Features', { tenant, featureGroups: [CUSTOMERS], onlineStore: false });
    new GpuPool(s, 'Pool', { tenant, accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, cluster: ExistingCluster.fromId('projects/my-proj/locations/us-central1/clusters/prod') });
  }, { billingAccount: '012345-6789AB-CDEF01' });
  const key = only(json, 'google_kms_crypto_key');

  test('one key ring and key (90-day rotation, retained) shared by everything the tenant owns', () => {
    expect(key).toMatchObject({ name: 'tenant-acme', rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
    const keyRef = expect.stringMatching(/^\$\{google_kms_crypto_key\.Tenant-acme_Key_.+\.id\}$/);
    expect(only(json, 'google_cloud_run_v2_service').template.encryption_key).toEqual(keyRef);
    expect(only(json, 'google_bigquery_dataset').default_encryption_configuration.kms_key_name).toEqual(keyRef);
    expect(only(json, 'google_storage_bucket').encryption.default_kms_key_name).toEqual(keyRef);
    expect(only(json, 'google_container_node_pool').node_config.boot_disk_kms_key).toEqual(keyRef);
  });

  test('a service account per tenant runs its endpoint, with bindings on its own key, bucket, dataset and service only', () => {
    expect(all(json, 'google_service_account').map((a) => a.account_id)).toContain('tn-acme'); // (the GPU pool keeps a node identity of its own)
    expect(only(json, 'google_cloud_run_v2_service').template.service_account).toMatch(/google_service_account\.Tenant-acme_ServiceAccount/);
    const tenantMember = (r: any) => /google_service_account\.Tenant-acme/.test(r.member);
    const bound = ['google_kms_crypto_key_iam_member', 'google_storage_bucket_iam_member', 'google_cloud_run_v2_service_iam_member', 'google_bigquery_dataset_iam_member']
      .flatMap((t) => all(json, t).filter(tenantMember).map((r) => [t, r.role]));
    expect(bound.sort()).toEqual([
      ['google_bigquery_dataset_iam_member', 'roles/bigquery.dataEditor'],
      ['google_cloud_run_v2_service_iam_member', 'roles/run.invoker'],
      ['google_kms_crypto_key_iam_member', 'roles/cloudkms.cryptoKeyEncrypterDecrypter'],
      ['google_storage_bucket_iam_member', 'roles/storage.objectUser'],
    ]);
    expect(only(json, 'google_storage_bucket_iam_member').condition.expression).toBe('resource.name.startsWith("projects/_/buckets/my-proj-tenant-acme")');
  });

  test('the data bucket: uniform access, public access prevention, versioning, retained', () => {
    expect(only(json, 'google_storage_bucket')).toMatchObject({
      name: 'my-proj-tenant-acme', uniform_bucket_level_access: true, public_access_prevention: 'enforced', versioning: { enabled: true }, force_destroy: false, lifecycle: { prevent_destroy: true },
    });
  });

  test('a billing budget on the project and the tenant label, with thresholds and an e-mail channel', () => {
    const b = only(json, 'google_billing_budget');
    expect(b).toMatchObject({
      billing_account: '012345-6789AB-CDEF01',
      budget_filter: { labels: { tenant: 'acme' }, calendar_period: 'MONTH' },
      amount: { specified_amount: { currency_code: 'USD', units: '2500' } },
    });
    expect(b.threshold_rules).toEqual([{ threshold_percent: 0.5 }, { threshold_percent: 0.8 }, { threshold_percent: 1 }, { threshold_percent: 1, spend_basis: 'FORECASTED_SPEND' }]);
    expect(only(json, 'google_monitoring_notification_channel').labels).toEqual({ email_address: 'finops@acme.example' });
  });

  test('labels normalised; no perimeter without an access policy', () => {
    expect(key.labels).toMatchObject({ 'tenant': 'acme', 'cost-center': 'cc_42' });
    expect(json.resource.google_access_context_manager_service_perimeter).toBeUndefined();
  });
});

describe('SecureTenant on GCP: perimeter, validation and cloud mismatch', () => {
  test('a VPC Service Controls perimeter around the project when the target names an access policy (one per project)', () => {
    const j = synthGcp((s) => {
      new SecureTenant(s, 'A', { tenantId: 'acme' });
      new SecureTenant(s, 'B', { tenantId: 'globex' });
    }, { accessPolicy: '123456789' });
    const p = only(j, 'google_access_context_manager_service_perimeter');
    expect(p).toMatchObject({ parent: 'accessPolicies/123456789', title: 'tenant_acme', status: { restricted_services: expect.arrayContaining(['aiplatform.googleapis.com', 'storage.googleapis.com']) } });
  });
  const fails = (props: Partial<SecureTenantProps>, options: Partial<tfgcp.GcpTargetOptions> = {}) =>
    validationError(() => synthGcp((s) => new SecureTenant(s, 'T', { tenantId: 'acme', ...props } as SecureTenantProps), options));
  test('a budget needs the billing account; access policies are numeric', () => {
    expect(fails({ monthlyBudgetUsd: 10 }).issues[0].prop).toBe('GcpTarget.billingAccount');
    expect(fails({}, { accessPolicy: 'policies/1' }).issues[0].prop).toBe('GcpTarget.accessPolicy');
  });
  test('budget e-mails as one string (not a list) fail naming the prop; it was a TypeError', () => {
    const e = fails({ monthlyBudgetUsd: 10, budgetAlertEmails: 'ops@example.com' as any }, { billingAccount: '012345-6789AB-CDEF01' });
    expect(e.issues).toEqual([expect.objectContaining({ prop: 'budgetAlertEmails', allowed: 'a list of e-mail addresses, e.g. ["ops@example.com"]' })]);
  });
  test('a tenant rendered to GCP cannot be used by an Azure construct', () => {
    const app = new App();
    const gcp = new TerraformStack(app, 'gcp');
    Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }));
    const azure = new TerraformStack(app, 'azure');
    Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    const tenant = new SecureTenant(gcp, 'T', { tenantId: 'acme' });
    const e = validationError(() => new InferenceEndpoint(azure, 'E', { tenant, model: ModelSource.container({ image: 'acr.azurecr.io/x:1' }), accelerator: Accelerator.NVIDIA_T4 }));
    expect(e.issues[0]).toMatchObject({ prop: 'tenant', received: 'acme (rendered to gcp)' });
    // The same tenant id may exist once per cloud in one app.
    expect(() => new SecureTenant(azure, 'T', { tenantId: 'acme' })).not.toThrow();
  });
});
