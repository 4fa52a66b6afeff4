/**
 * SecureTenant on AWS through Terraform: the CloudFormation target's isolation layers (key policy, boundary, ABAC),
 * written so that Terraform passes IAM policy variables through verbatim.
 */
import { Accelerator, ExistingCluster, FeatureStore, GpuPool, InferenceEndpoint, ModelSource, SecureTenant } from '../../../src';
import { CUSTOMERS } from '../../feature-store-fixtures';
import { all, ECR_IMAGE, only, synthAwsTf, validationError } from '../../util';

describe('SecureTenant on AWS/Terraform', () => {
  const json = synthAwsTf((s) => {
    const tenant = new SecureTenant(s, 'Tenant-acme', { tenantId: 'acme', costCenter: 'CC 42', monthlyBudgetUsd: 2500, budgetAlertEmails: ['finops@acme.example'] });
    new InferenceEndpoint(s, 'Chat', { tenant, model: ModelSource.container({ image: ECR_IMAGE }), requestLogging: { enabled: true } });
    new FeatureStore(s, 'Features', { tenant, featureGroups: [CUSTOMERS] });
    new GpuPool(s, 'Pool', { tenant, accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, cluster: ExistingCluster.fromName('prod') });
  }, { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] });
  const policies = Object.entries(json.resource.aws_iam_policy).map(([k, v]: [string, any]) => [k, JSON.parse(v.policy)] as const);
  const tenantKey = Object.entries(json.resource.aws_kms_key).find(([k]) => k.startsWith('Tenant-acme_Key'))!;

  test('one rotating, retained key whose policy names only the account root and the tenant role', () => {
    expect(tenantKey[1]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    const principals = JSON.parse(tenantKey[1].policy).Statement.map((s: any) => s.Principal.AWS);
    expect(principals).toEqual([
      'arn:${data.aws_partition.AiInfraAwsPartition.partition}:iam::${data.aws_caller_identity.AiInfraAwsAccount.account_id}:root',
      expect.stringMatching(/^\$\{aws_iam_role\.Tenant-acme_Role_\w+\.arn\}$/),
    ]);
    expect(only(json, 'aws_kms_alias').name).toBe('alias/ai-infra-constructs/tenant/acme');
  });

  test('the endpoint, capture bucket and feature store use the tenant key; no construct creates its own', () => {
    expect(Object.keys(json.resource.aws_kms_key).sort()).toEqual([expect.stringMatching(/^AiInfraAlarms_Key/), tenantKey[0]]);
    const keyArn = `\${aws_kms_key.${tenantKey[0]}.arn}`;
    expect(only(json, 'aws_sagemaker_endpoint_configuration').data_capture_config.kms_key_id).toBe(keyArn);
    expect(only(json, 'aws_sagemaker_feature_group').online_store_config.security_config.kms_key_id).toBe(keyArn);
  });

  test('ABAC: the tenant policy reaches endpoints and feature groups only when TenantId matches; IAM variables are escaped for Terraform', () => {
    const doc = policies.find(([k]) => k.startsWith('Tenant-acme_Policy'))![1];
    const invoke = doc.Statement.find((s: any) => s.Sid === 'InvokeTenantEndpoints');
    expect(invoke.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/TenantId': '$${aws:PrincipalTag/TenantId}' } });
    const bucketStatement = doc.Statement.find((s: any) => s.Sid === 'TenantData');
    expect(bucketStatement.Resource).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\.Tenant-acme_Data_\w+\.arn\}\/\*$/)]);
  });

  test('a permissions boundary caps the tenant role and every role of a construct given the tenant, and denies other tenants', () => {
    const [boundaryId, boundary] = policies.find(([k]) => k.startsWith('Tenant-acme_PermissionsBoundary'))!;
    expect(boundary.Statement.filter((s: any) => s.Effect === 'Deny').map((s: any) => s.Sid)).toEqual(['NoOtherTenantsKeys', 'NoOtherTenantsSageMakerResources']);
    const bounded = all(json, 'aws_iam_role').filter((r) => r.permissions_boundary === `\${aws_iam_policy.${boundaryId}.arn}`);
    // tenant role, endpoint execution role, feature store role (the GPU node role is EC2's: not a tenant workload)
    expect(bounded).toHaveLength(3);
    const role = Object.entries(json.resource.aws_iam_role).find(([k]) => k.startsWith('Tenant-acme_Role'))![1];
    expect(role.tags).toMatchObject({ TenantId: 'acme', tenant: 'acme', CostCenter: 'CC 42' });
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toEqual(['sagemaker.amazonaws.com', 'pods.eks.amazonaws.com']);
  });

  test('the data bucket is encrypted with the tenant key, versioned, SSL-only, access-logged and retained', () => {
    const b = Object.entries(json.resource.aws_s3_bucket).find(([k]) => k.startsWith('Tenant-acme_Data_'))![1];
    expect(b).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(all(json, 'aws_s3_bucket_logging').some((l) => l.target_prefix === 'tenant-acme/')).toBe(true);
  });

  test('an AWS Budgets budget on the tenant cost-allocation tag with actual and forecast alerts', () => {
    expect(only(json, 'aws_budgets_budget')).toMatchObject({
      name: 'tenant-acme',
      budget_type: 'COST',
      time_unit: 'MONTHLY',
      limit_amount: '2500',
      limit_unit: 'USD',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:tenant$acme'] }],
    });
    const n = only(json, 'aws_budgets_budget').notification;
    expect(n.map((x: any) => [x.notification_type, x.threshold])).toEqual([['ACTUAL', 50], ['ACTUAL', 80], ['ACTUAL', 100], ['FORECASTED', 100]]);
    expect(n[0].subscriber_email_addresses).toEqual(['finops@acme.example']);
  });

  test('tenant-owned resources carry TenantId; a budget without e-mail fails at synth', () => {
    expect(only(json, 'aws_sagemaker_endpoint').tags).toMatchObject({ TenantId: 'acme', CostCenter: 'CC 42' });
    expect(only(json, 'aws_sagemaker_feature_group').tags).toMatchObject({ TenantId: 'acme' });
    expect(validationError(() => synthAwsTf((s) => { new SecureTenant(s, 'T', { tenantId: 'beta', monthlyBudgetUsd: 10 }); })).issues[0].prop).toBe('budgetAlertEmails');
  });
});
