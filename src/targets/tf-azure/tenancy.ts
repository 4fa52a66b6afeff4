/*
 * How constructs given a SecureTenant find its Azure resources.
 */
import { IConstruct } from 'constructs';
import { TENANT_COST_CENTER_TAG, TENANT_ID_TAG } from '../../core/tags';
import { Cloud } from '../../core/target';
import { ISecureTenant, SecureTenant } from '../../core/tenant';

/** What a SecureTenant owns on Azure. */
export interface AzureTenantResources {
  readonly tenantId: string;
  /** The tenant's resource group name (a token when created). */
  readonly resourceGroupName: string;
  readonly resourceGroupId: string;
  readonly keyVaultId: string;
  /** The tenant key's id (versioned) and versionless id. */
  readonly keyId: string;
  readonly keyVersionlessId: string;
  /** The tenant's user-assigned identity. */
  readonly identityId: string;
  readonly identityPrincipalId: string;
  readonly identityClientId: string;
}

export function azureTenant(tenant: ISecureTenant | undefined, consumer: IConstruct): AzureTenantResources | undefined {
  return SecureTenant._resourcesOf<AzureTenantResources>(tenant, Cloud.AZURE, consumer);
}

/** Cost tags plus the tenant's TenantId / CostCenter tags (Azure keeps the same tag names as AWS). */
export function tenantTags(tags: Record<string, string>, tenant: Pick<ISecureTenant, 'tenantId' | 'costCenter'> | undefined): Record<string, string> {
  if (!tenant) return tags;
  return { ...tags, [TENANT_ID_TAG]: tenant.tenantId, ...(tenant.costCenter ? { [TENANT_COST_CENTER_TAG]: tenant.costCenter } : {}) };
}
