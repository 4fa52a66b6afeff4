/*
 * How constructs given a SecureTenant find its GCP resources.
 */
import { IConstruct } from 'constructs';
import type { GcpTarget } from './target';
import { Cloud, Target } from '../../core/target';
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
  /** The project and region of the tenant's stack (its key ring is regional; its service account and the service agents it grants belong to the project). */
  readonly project: string;
  readonly region: string;
}

/** The tenant's GCP resources; `region` is where the consumer's encrypted resources live (default: the target's region). */
export function gcpTenant(tenant: ISecureTenant | undefined, consumer: IConstruct, region?: string): GcpTenantResources | undefined {
  const r = SecureTenant._resourcesOf<GcpTenantResources>(tenant, Cloud.GCP, consumer);
  if (!r) return undefined;
  const here = (Target.of(consumer) as GcpTarget).options;
  SecureTenant._requireSamePlace(tenant!, consumer, [['project', r.project, here.project], ['region', r.region, region ?? here.region]]);
  return r;
}
