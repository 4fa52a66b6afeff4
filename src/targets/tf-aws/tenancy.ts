/*
 * How constructs given a SecureTenant find its AWS (Terraform) resources.
 */
import { IConstruct } from 'constructs';
import type { AwsTfTarget } from './target';
import { Cloud, Target } from '../../core/target';
import { ISecureTenant, SecureTenant } from '../../core/tenant';

/** What a SecureTenant owns on AWS when rendered with Terraform. */
export interface AwsTfTenantResources {
  readonly tenantId: string;
  /** ARN of the tenant's KMS key. */
  readonly keyArn: string;
  /** ARN and name of the tenant's workload role. */
  readonly roleArn: string;
  readonly roleName: string;
  /** ARN of the permissions boundary every tenant role (and every role of a construct given the tenant) carries. */
  readonly boundaryArn: string;
  /** The tenant's data bucket. */
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The region of the tenant's stack (its key is regional). */
  readonly region: string;
  /** Marks these as Terraform resources (a tenant rendered by the CloudFormation target has CDK objects instead). */
  readonly engine: 'terraform';
}

export function awsTfTenant(tenant: ISecureTenant | undefined, consumer: IConstruct): AwsTfTenantResources | undefined {
  const r = SecureTenant._resourcesOf<AwsTfTenantResources>(tenant, Cloud.AWS, consumer);
  if (!r || r.engine !== 'terraform') return undefined;
  const here = (Target.of(consumer) as AwsTfTarget).options;
  SecureTenant._requireSamePlace(tenant!, consumer, [['region', r.region, here.region]]);
  return r;
}
