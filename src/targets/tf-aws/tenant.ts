/*
 * SecureTenant → AWS, rendered with Terraform. The same two independent isolation layers as the CloudFormation target
 * (the IAM vocabulary is shared in shared-aws/tenant.ts):
 * - identity: the tenant role's policy names only the tenant's key and bucket, and reaches endpoints and feature
 *   groups only when their TenantId tag equals the caller's (ABAC on aws:PrincipalTag/TenantId); a permissions
 *   boundary caps every tenant role (and every role of a construct given the tenant) and denies KMS and SageMaker use
 *   on resources tagged for another tenant;
 * - keys: the tenant key's policy names only the account root and the tenant role.
 * `${aws:PrincipalTag/TenantId}` is written `$${...}` so Terraform passes it to IAM verbatim.
 */
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct, IConstruct } from 'constructs';
import { tfDataBucket } from './buckets';
import { allow, attachPolicy, AwsContext, ensureProvider, newKey, policyDocument, serviceRole, Statement, tagTenantOwned, targetOptionIssues } from './common';
import type { AwsTfTargetOptions } from './target';
import { AwsTfTenantResources } from './tenancy';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { RendererModule } from '../../core/renderer';
import { SecureTenantSpec } from '../../core/tenant';
import { estimateAwsTenant, INVOKE_ACTIONS, KEY_USE, RECORD_ACTIONS, TENANT_CEILING_ACTIONS, TENANT_TAG, validateAwsTenant } from '../shared-aws/tenant';
import { retain } from '../shared-tf/engine';

/** IAM's policy variable, escaped for Terraform. */
const PRINCIPAL_TENANT = `$\${aws:PrincipalTag/${TENANT_TAG}}`;

export function renderSecureTenant(scope: IConstruct, spec: SecureTenantSpec, options: AwsTfTargetOptions): AwsTfTenantResources {
  const ctx = ensureProvider(scope, options);
  const c = scope as Construct;
  const id = spec.tenantId;

  const boundary = new IamPolicy(c, 'PermissionsBoundary', {
    namePrefix: `ai-infra-tenant-${id}-boundary-`, // IAM names are account-wide: the same tenant may exist in stacks of several regions
    description: `Permissions boundary of tenant ${id}: what any tenant role may ever do, and never on another tenant's resources`,
    policy: policyDocument(boundaryStatements()),
  });

  const role = serviceRole(c, 'Role', ['sagemaker.amazonaws.com', 'pods.eks.amazonaws.com'], `Workload role of tenant ${id}`, boundary.arn, [
    // EKS Pod Identity tags the session; the role's own TenantId tag is what ABAC compares.
    { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:TagSession' },
  ]);
  role.tags = { [TENANT_TAG]: id };

  const key = newKey(c, 'Key', ctx, `Customer-managed key of tenant ${id}`, [
    { Sid: 'TenantRoleUsesTheKey', Effect: 'Allow', Principal: { AWS: role.arn }, Action: KEY_USE, Resource: '*' },
  ], `alias/ai-infra-constructs/tenant/${id}`);
  if (!spec.retainOnDelete) key.lifecycle = { preventDestroy: false };

  const { bucket } = tfDataBucket(c, 'Data', ctx, {
    keyArn: key.arn,
    retain: spec.retainOnDelete,
    logRetentionDays: spec.compliance.controls.logRetentionDays,
    logPrefix: `tenant-${id}`,
  });

  attachPolicy(c, 'Policy', role, `What tenant ${id}'s workloads may use: its key, its data, and resources tagged ${TENANT_TAG}=${id}`,
    tenantStatements(key.arn, bucket.arn, ctx));

  if (spec.monthlyBudgetUsd !== undefined) {
    const th = spec.budgetAlertThresholdsPercent;
    const emails = spec.budgetAlertEmails;
    const budget = new BudgetsBudget(c, 'Budget', {
      name: `tenant-${id}`,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: String(spec.monthlyBudgetUsd),
      limitUnit: 'USD',
      // Cost-allocation tag `tenant` (activate it in the Billing console once per account).
      costFilter: [{ name: 'TagKeyValue', values: [`user:tenant$${id}`] }],
      notification: [
        ...th.map((threshold) => ({ notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE', subscriberEmailAddresses: emails })),
        { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: th[th.length - 1], thresholdType: 'PERCENTAGE', subscriberEmailAddresses: emails },
      ],
    });
    if (spec.retainOnDelete) retain(budget);
  }

  tagTenantOwned(c, spec.tags, { tenantId: id, costCenter: spec.costCenter } as any);
  return {
    tenantId: id,
    keyArn: key.arn,
    roleArn: role.arn,
    roleName: role.name,
    boundaryArn: boundary.arn,
    bucketName: bucket.bucket,
    bucketArn: bucket.arn,
    region: options.region,
    engine: 'terraform',
  };
}

function tenantStatements(keyArn: string, bucketArn: string, ctx: AwsContext): Statement[] {
  const sameTenant = { StringEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: PRINCIPAL_TENANT } };
  const sagemaker = (r: string) => `arn:${ctx.partition}:sagemaker:${ctx.region}:${ctx.accountId}:${r}`;
  return [
    allow('UseTenantKey', KEY_USE, [keyArn]),
    allow('TenantData', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], [`${bucketArn}/*`]),
    allow('ListTenantData', ['s3:ListBucket'], [bucketArn]),
    allow('InvokeTenantEndpoints', INVOKE_ACTIONS, [sagemaker('endpoint/*'), sagemaker('inference-component/*')], sameTenant),
    allow('UseTenantFeatureGroups', RECORD_ACTIONS, [sagemaker('feature-group/*')], sameTenant),
  ];
}

function boundaryStatements(): Statement[] {
  const otherTenant = { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: PRINCIPAL_TENANT } };
  return [
    allow('TenantWorkloadCeiling', TENANT_CEILING_ACTIONS, ['*']),
    { Sid: 'NoOtherTenantsKeys', Effect: 'Deny', Action: ['kms:*'], Resource: ['*'], Condition: otherTenant },
    { Sid: 'NoOtherTenantsSageMakerResources', Effect: 'Deny', Action: [...INVOKE_ACTIONS, ...RECORD_ACTIONS], Resource: ['*'], Condition: otherTenant },
  ];
}

/** The SecureTenant renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<SecureTenantSpec, AwsTfTenantResources, AwsTfTargetOptions> = {
  validate: (spec, options): ValidationIssue[] => [...targetOptionIssues(options), ...validateAwsTenant(spec)],
  render: renderSecureTenant,
  estimate: (): CostEstimate => estimateAwsTenant(),
};
