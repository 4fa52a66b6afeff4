/*
 * SecureTenant → Azure (cdktf azurerm).
 *
 * Per tenant: a resource group (the boundary), a Key Vault in it (purge protection, 90-day soft delete, RBAC, deny-by-
 * default firewall) with a rotating key, a user-assigned managed identity, role assignments scoped to the tenant's
 * group (and its vault) only, a CMK data storage account, and a consumption budget on the group.
 * Constructs given the tenant deploy into its group and use its vault, key and identity.
 */
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct, IConstruct } from 'constructs';
import { cmkStorageAccount, ensureAzurerm, rotatingKey, secureKeyVault, targetOptionIssues } from './common';
import type { AzureTargetOptions } from './target';
import { AzureTenantResources, tenantTags } from './tenancy';
import { CostEstimate, estimate } from '../../core/cost';
import { show, ValidationIssue } from '../../core/errors';
import { RendererModule } from '../../core/renderer';
import { azureTags } from '../../core/tags';
import { SecureTenantSpec } from '../../core/tenant';
import { isUnresolved as unresolvedTf, monthStartAtApply, retain } from '../shared-tf/engine';

/** Roles the tenant identity holds, on the tenant's resource group only. */
const TENANT_ROLES = ['Storage Blob Data Contributor', 'AzureML Data Scientist'];

export function validateSecureTenant(spec: SecureTenantSpec, options: AzureTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues = targetOptionIssues(options, isUnresolved);
  // A consumption budget has at most 5 notifications (one per threshold, plus the forecast's), and whole-number
  // thresholds (the provider's schema: notification MaxItems 5, threshold an integer).
  const th = spec.budgetAlertThresholdsPercent;
  if (spec.monthlyBudgetUsd !== undefined && Array.isArray(th)) {
    if (th.length > 4) {
      issues.push({ prop: 'budgetAlertThresholdsPercent', received: `${th.length} thresholds`, allowed: 'at most 4 on Azure (each is a notification, and the last also one on the forecast; a consumption budget has at most 5)' });
    }
    const fractional = th.filter((t) => typeof t === 'number' && !isUnresolved(t) && !Number.isInteger(t));
    if (fractional.length > 0) {
      issues.push({ prop: 'budgetAlertThresholdsPercent', received: show(fractional), allowed: 'whole percentages on Azure (consumption budget thresholds are integers)' });
    }
  }
  // The tenant's own group is named after the target's: <resourceGroupName>-tenant-<tenantId>, at most 90 characters.
  const rg = options?.resourceGroupName;
  if (typeof rg === 'string' && !isUnresolved(rg) && typeof spec.tenantId === 'string' && `${rg}-tenant-${spec.tenantId}`.length > 90) {
    issues.push({
      prop: 'AzureTarget.resourceGroupName',
      received: `${show(rg)} (${rg.length} characters)`,
      allowed: `at most ${90 - `-tenant-${spec.tenantId}`.length} characters with tenant ${spec.tenantId}: the tenant's resource group is ${rg}-tenant-${spec.tenantId}, and Azure allows 90`,
    });
  }
  return issues;
}

export function renderSecureTenant(scope: IConstruct, spec: SecureTenantSpec, options: AzureTargetOptions): AzureTenantResources {
  ensureAzurerm(scope, options);
  const c = scope as Construct;
  const id = spec.tenantId;
  const tags = azureTags(tenantTags(spec.tags, spec), unresolvedTf);
  const location = options.location;
  const keep = <T extends { lifecycle?: any }>(r: T): T => {
    if (spec.retainOnDelete) retain(r as any);
    return r;
  };
  const client = new DataAzurermClientConfig(c, 'ClientConfig', {});

  const rg = keep(new ResourceGroup(c, 'ResourceGroup', { name: `${options.resourceGroupName}-tenant-${id}`, location, tags }));

  const vault = keep(secureKeyVault(c, 'KeyVault', { location, resourceGroupName: rg.name, tenantId: client.tenantId, deployerIpRanges: options.deployerIpRanges, tags }));
  const key = keep(rotatingKey(c, 'Key', { vaultId: vault.id, name: `tenant-${id}`, deployerObjectId: client.objectId, keyOpts: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'], tags }));

  const identity = new UserAssignedIdentity(c, 'Identity', { name: `tenant-${id}`, location, resourceGroupName: rg.name, tags });
  const keyUser = new RoleAssignment(c, 'IdentityKeyUser', { scope: vault.id, roleDefinitionName: 'Key Vault Crypto Service Encryption User', principalId: identity.principalId });
  TENANT_ROLES.forEach((role, i) => new RoleAssignment(c, `IdentityRole${i}`, { scope: rg.id, roleDefinitionName: role, principalId: identity.principalId }));

  keep(cmkStorageAccount(c, 'Data', {
    namePrefix: 'st', location, resourceGroupName: rg.name, identityId: identity.id, keyVersionlessId: key.versionlessId, tags, dependsOn: [keyUser],
  }));

  if (spec.monthlyBudgetUsd !== undefined) {
    const th = spec.budgetAlertThresholdsPercent;
    const contacts = { contactEmails: spec.budgetAlertEmails.length ? spec.budgetAlertEmails : undefined, contactRoles: ['Owner'] };
    const budget = new ConsumptionBudgetResourceGroup(c, 'Budget', {
      name: `tenant-${id}`,
      resourceGroupId: rg.id,
      amount: spec.monthlyBudgetUsd,
      timeGrain: 'Monthly',
      // Azure wants the first day of the current (or a future) month. Terraform computes it when it creates the budget,
      // and ignores it afterwards: the synthesized JSON does not change from one month to the next.
      timePeriod: { startDate: monthStartAtApply() },
      notification: [
        ...th.map((t) => ({ enabled: true, operator: 'GreaterThan', threshold: t, thresholdType: 'Actual', ...contacts })),
        { enabled: true, operator: 'GreaterThan', threshold: th[th.length - 1], thresholdType: 'Forecasted', ...contacts },
      ],
    });
    budget.lifecycle = { ignoreChanges: ['time_period'] };
  }

  return {
    tenantId: id,
    resourceGroupName: rg.name,
    resourceGroupId: rg.id,
    keyVaultId: vault.id,
    keyId: key.id,
    keyVersionlessId: key.versionlessId,
    identityId: identity.id,
    identityPrincipalId: identity.principalId,
    identityClientId: identity.clientId,
  };
}

export function estimateSecureTenant(_spec: SecureTenantSpec): CostEstimate {
  return estimate([], [
    'Software-protected Key Vault keys have no monthly fee (operations are $0.15 per 10,000 for RSA-3072; each automatic rotation $1); storage is usage-priced',
  ]);
}

/** The SecureTenant renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<SecureTenantSpec, ReturnType<typeof renderSecureTenant>, AzureTargetOptions> = {
  validate: (spec, options, isUnresolved) => validateSecureTenant(spec, options, isUnresolved),
  render: renderSecureTenant,
  estimate: (spec, _options) => estimateSecureTenant(spec),
};
