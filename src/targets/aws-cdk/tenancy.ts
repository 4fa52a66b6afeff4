/*
 * How constructs given a SecureTenant find its AWS resources and carry its tags (kept apart from the tenant renderer
 * so that a construct does not load the tenant's modules).
 */
import type { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { IManagedPolicy, IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Stack, Tags } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { Cloud } from '../../core/target';
import { ISecureTenant, SecureTenant } from '../../core/tenant';
import { COST_CENTER_TAG, NO_EMPTY_TAG_VALUES, TENANT_TAG } from '../shared-aws/tenant';

export { COST_CENTER_TAG, TENANT_TAG };


/** What a SecureTenant owns on AWS (read by constructs given the tenant). */
export interface AwsTenantResources {
  readonly tenantId: string;
  readonly key: IKey;
  readonly role: IRole;
  readonly boundary: IManagedPolicy;
  readonly policy: IManagedPolicy;
  readonly bucket: IBucket;
  readonly budget?: CfnBudget;
}

/** The AWS resources of a construct's tenant, if it is a SecureTenant rendered to AWS. */
export function awsTenant(tenant: ISecureTenant | undefined, consumer: IConstruct): AwsTenantResources | undefined {
  const r = SecureTenant._resourcesOf<AwsTenantResources>(tenant, Cloud.AWS, consumer);
  if (!r || (r as any).engine === 'terraform') return undefined; // a tf-aws tenant has Terraform resources
  // aws-cdk-lib would refuse the references itself, naming only its own resources: say which prop and why.
  const [t, c] = [Stack.of(tenant!), Stack.of(consumer)];
  if (t !== c) SecureTenant._requireSamePlace(tenant!, consumer, [['account', t.account, c.account], ['region', t.region, c.region]], true);
  return r;
}

/** Cost tags plus the tenant's TenantId / CostCenter tags on everything under `scope`. */
export function tagTenantOwned(scope: IConstruct, tags: Record<string, string>, tenant: ISecureTenant | undefined): void {
  for (const [k, v] of Object.entries(tags)) Tags.of(scope).add(k, v, v === '' ? { excludeResourceTypes: NO_EMPTY_TAG_VALUES } : undefined);
  if (tenant) {
    Tags.of(scope).add(TENANT_TAG, tenant.tenantId);
    if (tenant.costCenter) Tags.of(scope).add(COST_CENTER_TAG, tenant.costCenter);
  }
}


/** Tags a resource our constructs share per stack (VPCs, the alarm topic): managed by us, workload "ai-infra-shared". */
export function tagShared(scope: IConstruct): void {
  Tags.of(scope).add('managed-by', 'ai-infra-constructs');
  Tags.of(scope).add('workload', 'ai-infra-shared');
}
