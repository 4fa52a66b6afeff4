/*
 * Pieces every Azure renderer shares: providers, the target's resource group, and naming.
 */
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct, IConstruct } from 'constructs';
import { AZURE_RULES } from './rules';
import type { AzureTargetOptions } from './target';
import { show, ValidationIssue } from '../../core/errors';
import { MANAGED_BY, TAG_MANAGED_BY } from '../../core/tags';
import { ensureComplianceEngine } from '../shared-tf/compliance';
import { AzapiProvider, expectUserProvider, hasProvider, ITerraformDependable, retain, shortHash, stackOf, TerraformProvider } from '../shared-tf/engine';

const AZAPI_VERSION = '~> 2.6';
const SHARED_RESOURCE_GROUP_ID = 'AiInfraResourceGroup';

export const RESOURCE_GROUP = /^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u; // Azure also allows Unicode letters
export const RESOURCE_GROUP_HELP = 'an Azure resource group name: 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period';
const LOCATION = /^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/;
const IPV4_OR_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12]\d|3[0-2]))?$/;
const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** Checks of the target's own options, shared by every Azure renderer (tokens are not checked). */
export function targetOptionIssues(options: AzureTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (options === null || typeof options !== 'object') {
    return [{ prop: 'AzureTarget', received: show(options), allowed: 'AzureTargetOptions { location, resourceGroupName }' }];
  }
  const issues: ValidationIssue[] = [];
  const bad = (x: unknown, re: RegExp) => typeof x !== 'string' || x === '' || (!isUnresolved(x) && !re.test(x));
  if (bad(options.location, LOCATION)) {
    issues.push({ prop: 'AzureTarget.location', received: show(options.location), allowed: 'an Azure region such as eastus' });
  }
  if (bad(options.resourceGroupName, RESOURCE_GROUP)) {
    issues.push({
      prop: 'AzureTarget.resourceGroupName',
      received: show(options.resourceGroupName),
      allowed: RESOURCE_GROUP_HELP,
    });
  }
  for (const k of ['privateEndpointSubnetId', 'nodeSubnetId'] as const) {
    if (options[k] !== undefined && bad(options[k], SUBNET_ID)) {
      issues.push({ prop: `AzureTarget.${k}`, received: show(options[k]), allowed: 'a subnet resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>' });
    }
  }
  const ranges = options.deployerIpRanges;
  if (ranges !== undefined && (!Array.isArray(ranges) || ranges.some((r) => bad(r, IPV4_OR_CIDR)))) {
    issues.push({ prop: 'AzureTarget.deployerIpRanges', received: show(ranges), allowed: 'a list of IPv4 addresses or CIDR ranges (the Key Vault firewall\'s IP rules)' });
  }
  return issues;
}

/** Declares the azurerm provider once per stack (unless the target says the user does). */
export function ensureAzurerm(scope: IConstruct, options: AzureTargetOptions): void {
  ensureComplianceEngine(scope, AZURE_RULES);
  const stack = stackOf(scope);
  if (options.configureProvider === false) {
    expectUserProvider(stack, 'azurerm', 'AzureTarget.configureProvider', "new AzurermProvider(stack, 'azurerm', { features: [{}] })");
  } else if (!hasProvider(stack, 'azurerm')) {
    new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
  }
}

/** The azapi provider of the stack (declared once). */
export function ensureAzapi(scope: IConstruct): TerraformProvider {
  const stack = stackOf(scope);
  const existing = stack.node.tryFindChild('azapi') as TerraformProvider | undefined;
  return existing ?? new AzapiProvider(stack, 'azapi', { version: AZAPI_VERSION });
}

/**
 * The name of the target's resource group. With `createResourceGroup`, the group is created once per stack (every
 * construct of the stack shares it) and protected from destroy: deleting a group deletes everything in it.
 */
export function resourceGroupName(scope: IConstruct, options: AzureTargetOptions): string {
  if (!options.createResourceGroup) return options.resourceGroupName;
  const stack = stackOf(scope);
  let rg = stack.node.tryFindChild(SHARED_RESOURCE_GROUP_ID) as ResourceGroup | undefined;
  if (!rg) {
    rg = new ResourceGroup(stack, SHARED_RESOURCE_GROUP_ID, {
      name: options.resourceGroupName,
      location: options.location,
      tags: { [TAG_MANAGED_BY]: MANAGED_BY },
    });
    retain(rg);
  }
  return rg.name;
}

/** 3-24 lowercase letters and digits (storage accounts, Key Vaults). */
export function compactName(scope: IConstruct, prefix: string): string {
  const slug = scope.node.id.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${prefix}${slug}`.slice(0, 24 - 8) + shortHash(scope);
}

/** Options of `secureKeyVault`. */
export interface SecureKeyVaultOptions {
  readonly location: string;
  readonly resourceGroupName: string;
  /** The Entra tenant id (from azurerm_client_config). */
  readonly tenantId: string;
  /** IPs of the machines running terraform (data-plane calls to create keys). */
  readonly deployerIpRanges?: string[];
  readonly tags: Record<string, string>;
}

/**
 * A Key Vault with purge protection (required for customer-managed keys), 90-day soft delete, RBAC authorization and a
 * deny-by-default firewall (trusted Azure services and the deployers' IPs only). The caller decides retention.
 */
export function secureKeyVault(scope: Construct, id: string, o: SecureKeyVaultOptions): KeyVault {
  return new KeyVault(scope, id, {
    name: compactName(scope, 'kv'),
    location: o.location,
    resourceGroupName: o.resourceGroupName,
    tenantId: o.tenantId,
    skuName: 'standard',
    purgeProtectionEnabled: true,
    softDeleteRetentionDays: 90,
    rbacAuthorizationEnabled: true,
    publicNetworkAccessEnabled: true, // the firewall denies by default: trusted Azure services and deployers only
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: o.deployerIpRanges ?? [] },
    tags: o.tags,
  });
}

/**
 * An RSA-3072 key with automatic rotation (30 days before a 365-day expiry), created after the deploying principal is
 * made Key Vault Crypto Officer on the vault (RBAC vaults need it for data-plane key creation).
 */
export function rotatingKey(scope: Construct, id: string, o: { vaultId: string; name: string; deployerObjectId: string; keyOpts?: string[]; tags: Record<string, string> }): KeyVaultKey {
  const officer = new RoleAssignment(scope, 'DeployerKeyOfficer', { scope: o.vaultId, roleDefinitionName: 'Key Vault Crypto Officer', principalId: o.deployerObjectId });
  return new KeyVaultKey(scope, id, {
    name: o.name,
    keyVaultId: o.vaultId,
    keyType: 'RSA',
    keySize: 3072,
    keyOpts: o.keyOpts ?? ['wrapKey', 'unwrapKey'],
    rotationPolicy: { automatic: { timeBeforeExpiry: 'P30D' }, expireAfter: 'P365D', notifyBeforeExpiry: 'P29D' },
    tags: o.tags,
    dependsOn: [officer],
  });
}

/** Options of `cmkStorageAccount`. */
export interface CmkStorageAccountOptions {
  readonly namePrefix: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** The user-assigned identity that unwraps the key. */
  readonly identityId: string;
  /** Versionless key id (follows rotation). */
  readonly keyVersionlessId: string;
  /** Hierarchical namespace (ADLS Gen2). */
  readonly hns?: boolean;
  readonly tags: Record<string, string>;
  /** What must exist first (the identity's key access). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * A zone-redundant StorageV2 account encrypted with a customer-managed key: TLS 1.2 minimum, HTTPS only, no public
 * blob access or public network, no shared keys, infrastructure (double) encryption.
 */
export function cmkStorageAccount(scope: Construct, id: string, o: CmkStorageAccountOptions): StorageAccount {
  return new StorageAccount(scope, id, {
    name: compactName(scope, o.namePrefix),
    location: o.location,
    resourceGroupName: o.resourceGroupName,
    accountTier: 'Standard',
    accountReplicationType: 'ZRS',
    accountKind: 'StorageV2',
    isHnsEnabled: o.hns,
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    publicNetworkAccessEnabled: false,
    sharedAccessKeyEnabled: false,
    infrastructureEncryptionEnabled: true,
    identity: { type: 'UserAssigned', identityIds: [o.identityId] },
    customerManagedKey: { keyVaultKeyId: o.keyVersionlessId, userAssignedIdentityId: o.identityId },
    tags: o.tags,
    dependsOn: o.dependsOn,
  });
}
