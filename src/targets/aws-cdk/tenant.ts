/*
 * SecureTenant → AWS (aws-cdk-lib; deep imports only).
 *
 * Isolation in two independent layers, so one mistake does not open a tenant to another:
 * - identity: the tenant role's policy names only the tenant's key and bucket, and reaches endpoints and feature
 *   groups only when their TenantId tag equals the caller's (ABAC on aws:PrincipalTag/TenantId); a permissions
 *   boundary caps every tenant role (and every role of a construct given the tenant) and denies KMS and SageMaker use
 *   on resources tagged for another tenant, whatever policy is attached later;
 * - keys: the tenant key's policy names only the account root (administration, and IAM delegation) and the tenant
 *   role; data at rest in the tenant bucket, feature store and endpoint volumes is encrypted with it.
 * Dependency order (no cycles): boundary ← role ← key ← bucket; the role's policy references key and bucket.
 */
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { AccountRootPrincipal, ArnPrincipal, CompositePrincipal, Effect, ManagedPolicy, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Aws, RemovalPolicy, Tags } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { secureDataBucket } from './buckets';
import { acknowledgeWildcards, WILDCARD_REASONS } from './compliance';
import { keepLogicalIds } from './logical-ids';
import { ensureCostReport } from './reports';
import type { AwsCdkTargetOptions } from './target';
import { targetOptionIssues } from './target-options';
import { AwsTenantResources, TENANT_TAG, tagTenantOwned } from './tenancy';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { RendererModule } from '../../core/renderer';
import { ISecureTenant, SecureTenantSpec } from '../../core/tenant';
import { estimateAwsTenant, INVOKE_ACTIONS, KEY_USE, RECORD_ACTIONS, TENANT_CEILING_ACTIONS, validateAwsTenant } from '../shared-aws/tenant';

export function validateSecureTenant(spec: SecureTenantSpec): ValidationIssue[] {
  return validateAwsTenant(spec);
}

export function renderSecureTenant(scope: IConstruct, spec: SecureTenantSpec, _options: AwsCdkTargetOptions): AwsTenantResources {
  ensureCostReport(scope);
  keepLogicalIds(scope);
  const c = scope as Construct;
  const id = spec.tenantId;
  const removal = spec.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

  const boundary = new ManagedPolicy(c, 'PermissionsBoundary', {
    description: `Permissions boundary of tenant ${id}: what any tenant role may ever do, and never on another tenant's resources`,
    statements: boundaryStatements(),
  });

  const role = new Role(c, 'Role', {
    description: `Workload role of tenant ${id}`,
    assumedBy: new CompositePrincipal(new ServicePrincipal('sagemaker.amazonaws.com'), new ServicePrincipal('pods.eks.amazonaws.com')),
    permissionsBoundary: boundary,
  });
  // EKS Pod Identity tags the session; the role's own TenantId tag is what ABAC compares.
  role.assumeRolePolicy!.addStatements(new PolicyStatement({
    actions: ['sts:TagSession'],
    principals: [new ServicePrincipal('pods.eks.amazonaws.com')],
  }));

  const key = new Key(c, 'Key', {
    description: `Customer-managed key of tenant ${id}`,
    alias: `alias/ai-infra-constructs/tenant/${id}`,
    enableKeyRotation: true,
    removalPolicy: removal,
    policy: new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AccountRootAdministersTheKey',
          principals: [new AccountRootPrincipal()],
          actions: ['kms:*'],
          resources: ['*'],
        }),
        new PolicyStatement({
          sid: 'TenantRoleUsesTheKey',
          principals: [new ArnPrincipal(role.roleArn)],
          actions: KEY_USE,
          resources: ['*'],
        }),
      ],
    }),
  });

  const { bucket } = secureDataBucket(c, 'Data', { key, removal, logRetentionDays: spec.compliance.controls.logRetentionDays, logPrefix: `tenant-${id}`, logBucketId: 'DataAccessLogs' });

  const policy = new ManagedPolicy(c, 'Policy', {
    description: `What tenant ${id}'s workloads may use: its key, its data, and resources tagged ${TENANT_TAG}=${id}`,
    roles: [role],
    statements: tenantStatements(key, bucket),
  });

  let budget: CfnBudget | undefined;
  if (spec.monthlyBudgetUsd !== undefined) {
    const th = spec.budgetAlertThresholdsPercent;
    const subscribers = spec.budgetAlertEmails.map((address) => ({ subscriptionType: 'EMAIL', address }));
    budget = new CfnBudget(c, 'Budget', {
      budget: {
        budgetName: `tenant-${id}`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: spec.monthlyBudgetUsd, unit: 'USD' },
        // Cost-allocation tag `tenant` (activate it in the Billing console once per account).
        costFilters: { TagKeyValue: [`user:tenant$${id}`] },
      },
      notificationsWithSubscribers: [
        ...th.map((threshold) => ({ notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' }, subscribers })),
        { notification: { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: th[th.length - 1], thresholdType: 'PERCENTAGE' }, subscribers },
      ],
    });
  }

  acknowledgeWildcards(policy, WILDCARD_REASONS);
  acknowledgeWildcards(boundary, WILDCARD_REASONS);
  Tags.of(role).add(TENANT_TAG, id);
  tagTenantOwned(c, spec.tags, { tenantId: id, costCenter: spec.costCenter } as ISecureTenant);
  return { tenantId: id, key, role, boundary, policy, bucket, budget };
}

export function estimateSecureTenant(_spec: SecureTenantSpec): CostEstimate {
  return estimateAwsTenant();
}

/** The tenant role's own grants. */
function tenantStatements(key: IKey, bucket: IBucket): PolicyStatement[] {
  const sameTenant = { StringEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: `\${aws:PrincipalTag/${TENANT_TAG}}` } };
  const sagemaker = (r: string) => `arn:${Aws.PARTITION}:sagemaker:${Aws.REGION}:${Aws.ACCOUNT_ID}:${r}`;
  return [
    new PolicyStatement({ sid: 'UseTenantKey', actions: KEY_USE, resources: [key.keyArn] }),
    new PolicyStatement({ sid: 'TenantData', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [bucket.arnForObjects('*')] }),
    new PolicyStatement({ sid: 'ListTenantData', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    new PolicyStatement({
      sid: 'InvokeTenantEndpoints',
      actions: INVOKE_ACTIONS,
      resources: [sagemaker('endpoint/*'), sagemaker('inference-component/*')],
      conditions: sameTenant,
    }),
    new PolicyStatement({
      sid: 'UseTenantFeatureGroups',
      actions: RECORD_ACTIONS,
      resources: [sagemaker('feature-group/*')],
      conditions: sameTenant,
    }),
  ];
}

/** The boundary: an allow-list of what tenant workloads and tenant-owned service roles ever need, minus other tenants. */
function boundaryStatements(): PolicyStatement[] {
  const otherTenant = { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: `\${aws:PrincipalTag/${TENANT_TAG}}` } };
  return [
    new PolicyStatement({
      sid: 'TenantWorkloadCeiling',
      actions: TENANT_CEILING_ACTIONS,
      resources: ['*'],
    }),
    new PolicyStatement({ sid: 'NoOtherTenantsKeys', effect: Effect.DENY, actions: ['kms:*'], resources: ['*'], conditions: otherTenant }),
    new PolicyStatement({
      sid: 'NoOtherTenantsSageMakerResources',
      effect: Effect.DENY,
      actions: [...INVOKE_ACTIONS, ...RECORD_ACTIONS],
      resources: ['*'],
      conditions: otherTenant,
    }),
  ];
}

/** The SecureTenant renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<SecureTenantSpec, ReturnType<typeof renderSecureTenant>, AwsCdkTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...targetOptionIssues(options, isUnresolved), ...validateSecureTenant(spec)],
  render: renderSecureTenant,
  estimate: (spec, _options) => estimateSecureTenant(spec),
};
