/*
 * How constructs given a SecureTenant find its GCP resources.
 */
import { IConstruct } from 'constructs';
import { Cloud } from '../../core/target';
import { ISecureTenant, SecureTenant } from '../../core/tenant';

/** What a SecureTenant owns on GCP. */
export interface GcpTenantResources {
  readonly tenantId: string;
  /** The tenant's crypto key id (projects/…/cryptoKeys/…). */
  readonly keyId: string;
  /** The tenant's service account e-mail. */
  readonly serviceAccountEmail: string;
  /** The tenant's data bucket name. */
  readonly bucketName: string;
}

export function gcpTenant(tenant: ISecureTenant | undefined, consumer: IConstruct): GcpTenantResources | undefined {
  return SecureTenant._resourcesOf<GcpTenantResources>(tenant, Cloud.GCP, consumer);
}
