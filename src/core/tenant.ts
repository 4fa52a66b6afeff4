import { IConstruct } from 'constructs';
import { ComplianceProfile } from './compliance';

/**
 * A tenant boundary that other constructs plug into with their `tenant` prop.
 *
 * Constructs given a tenant take its compliance profile (unless their own `compliance` prop is set) and its
 * cost-allocation tags; per-cloud key and identity wiring comes with the `SecureTenant` construct.
 */
export interface ISecureTenant extends IConstruct {
  /** Tenant id: a lowercase slug, valid as a tag/label on every cloud. */
  readonly tenantId: string;
  /**
   * The tenant's compliance profile.
   * @default - none (the scope's profile applies)
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Cost center for cost-allocation tags.
   * @default - none
   */
  readonly costCenter?: string;
}
