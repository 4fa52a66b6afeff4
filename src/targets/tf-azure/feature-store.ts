/*
 * FeatureStore → Azure Machine Learning managed feature store (cdktf azurerm + azapi).
 *
 * An Azure ML workspace of kind FeatureStore (no public network, approved-outbound managed network) with:
 * - an ADLS Gen2 offline store (TLS 1.2, HTTPS only, no public blob access or network, no shared keys,
 *   infrastructure encryption, customer-managed key) and the workspace's own storage account (the workspace cannot use
 *   a hierarchical-namespace account as its default store), both customer-managed-key encrypted;
 * - a Key Vault with purge protection, RBAC and a deny-by-default firewall, holding the rotating storage key;
 * - Azure Cache for Redis as the online store (TLS 1.2 only, non-TLS port off, no public network);
 * - the user-assigned materialization identity with the roles the service grants it (Blob Data Contributor on the
 *   offline store, Contributor on Redis, AzureML Data Scientist on the workspace), and the offline/online store
 *   connections (`azapi_resource`: azurerm has no workspace connections);
 * - one feature store entity per group (its typed index column), also through azapi.
 * Feature sets carry transformation code and a source path, which infrastructure code does not own: each group's
 * FeatureSetSpec YAML is generated (`tfazure.FeatureStoreResources.of(store).featureSetSpecs`) to register with the
 * Azure ML CLI/SDK.
 * Stateful resources are retained (prevent_destroy) unless retainOnDelete is false.
 */
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { RedisCache } from '@cdktf/provider-azurerm/lib/redis-cache';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct, IConstruct } from 'constructs';
import { cmkStorageAccount, compactName, ensureAzapi, ensureAzurerm, resourceGroupName, rotatingKey, secureKeyVault, targetOptionIssues } from './common';
import { FeatureStoreResources } from './resources';
import type { AzureTargetOptions } from './target';
import { azureTenant, tenantTags } from './tenancy';
import { CostEstimate, estimate, hourlyDriver } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import { FeatureGroupDefinition, FeatureType } from '../../core/feature-store/types';
import { featureNamingIssues } from '../../core/feature-store/validate';
import { RendererModule } from '../../core/renderer';
import { azureTags } from '../../core/tags';
import { AZURE_FIXED } from '../shared-azure/accelerators';
import { AzapiResource, isUnresolved as unresolvedTf, ITerraformDependable, retain, shortHash, TerraformResource } from '../shared-tf/engine';

const ML_API = '2024-10-01';
const OFFLINE_CONNECTION = 'offline-store';
const ONLINE_CONNECTION = 'online-store';
const OFFLINE_CONTAINER = 'offline-store';
const SPARK_RUNTIME = '3.4';
/** Azure ML feature store column types. */
const AML_TYPES: Partial<Record<FeatureType, string>> = {
  [FeatureType.STRING]: 'string',
  [FeatureType.INTEGER]: 'long',
  [FeatureType.FLOAT]: 'double',
  [FeatureType.BOOLEAN]: 'boolean',
  [FeatureType.TIMESTAMP]: 'datetime',
};
/** Entity index-column data types (the REST enum). */
const ENTITY_TYPES: Partial<Record<FeatureType, string>> = { [FeatureType.STRING]: 'String', [FeatureType.INTEGER]: 'Long' };

export function validateFeatureStore(spec: FeatureStoreSpec, options: AzureTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  issues.push(...featureNamingIssues(spec, {
    where: 'Azure ML feature store',
    groupName: /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$/,
    groupNameHelp: 'an entity/feature set name: 1-255 letters, digits, hyphens and underscores, starting with a letter or digit',
    featureName: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    featureNameHelp: 'a column name: 1-128 letters, digits and underscores, starting with a letter or _',
    unsupportedTypes: {
      [FeatureType.FLOAT_VECTOR]: 'Azure ML feature sets have no vector type; store it as a STRING (JSON) or use GCP BigQuery/Vertex AI',
    },
  }, isUnresolved));
  if (spec.onlineTtlHours !== undefined) {
    issues.push({
      prop: 'onlineTtlHours',
      received: String(spec.onlineTtlHours),
      allowed: 'unset on Azure',
      hint: 'Azure ML sets online retention per feature set (materialization settings), not on the store',
    });
  }
  return issues;
}

export function renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec, options: AzureTargetOptions): FeatureStoreOutputs {
  ensureAzurerm(scope, options);
  const azapi = ensureAzapi(scope);
  const c = scope as Construct;
  const tenant = azureTenant(spec.tenant, c);
  const tags = azureTags(tenantTags(spec.tags, spec.tenant), unresolvedTf);
  const location = options.location;
  const rg = tenant?.resourceGroupName ?? resourceGroupName(c, options);
  const keep = <T extends TerraformResource>(r: T): T => {
    if (spec.retainOnDelete) retain(r);
    return r;
  };
  const slug = c.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/^[^a-z0-9]+/, '').slice(0, 20) || 'fs';
  const client = new DataAzurermClientConfig(c, 'ClientConfig', {});

  // Identity, vault and key: the tenant's when the store has a SecureTenant, else the store's own.
  let identity: UserAssignedIdentity | undefined;
  let vault: KeyVault | undefined;
  let key: KeyVaultKey | undefined;
  let sec: { identityId: string; principalId: string; clientId: string; vaultId: string; keyId: string; keyVersionlessId: string; ready: ITerraformDependable[] };
  if (tenant) {
    sec = {
      identityId: tenant.identityId,
      principalId: tenant.identityPrincipalId,
      clientId: tenant.identityClientId,
      vaultId: tenant.keyVaultId,
      keyId: tenant.keyId,
      keyVersionlessId: tenant.keyVersionlessId,
      ready: [],
    };
  } else {
    identity = new UserAssignedIdentity(c, 'MaterializationIdentity', { name: `${slug}-materialize-${shortHash(c)}`, location, resourceGroupName: rg, tags });
    vault = keep(secureKeyVault(c, 'KeyVault', { location, resourceGroupName: rg, tenantId: client.tenantId, deployerIpRanges: options.deployerIpRanges, tags }));
    key = keep(rotatingKey(c, 'StorageKey', { vaultId: vault.id, name: 'feature-store-cmk', deployerObjectId: client.objectId, tags }));
    const keyUser = new RoleAssignment(c, 'IdentityKeyUser', { scope: vault.id, roleDefinitionName: 'Key Vault Crypto Service Encryption User', principalId: identity.principalId });
    sec = {
      identityId: identity.id,
      principalId: identity.principalId,
      clientId: identity.clientId,
      vaultId: vault.id,
      keyId: key.id,
      keyVersionlessId: key.versionlessId,
      ready: [keyUser],
    };
  }

  const storage = (id: string, namePrefix: string, hns: boolean) => keep(cmkStorageAccount(c, id, {
    namePrefix, hns, location, resourceGroupName: rg, identityId: sec.identityId, keyVersionlessId: sec.keyVersionlessId, tags, dependsOn: sec.ready,
  }));
  const offline = storage('OfflineStorage', 'dl', true);
  const workspaceStorage = storage('WorkspaceStorage', 'st', false);
  const container = new StorageContainer(c, 'OfflineContainer', { name: OFFLINE_CONTAINER, storageAccountId: offline.id, containerAccessType: 'private' });

  const logs = new LogAnalyticsWorkspace(c, 'LogAnalytics', {
    name: `${slug}-logs-${shortHash(c)}`,
    location,
    resourceGroupName: rg,
    sku: 'PerGB2018',
    retentionInDays: Math.min(730, Math.max(30, spec.compliance.controls.logRetentionDays)),
    tags,
  });
  const insights = new ApplicationInsights(c, 'AppInsights', {
    name: `${slug}-ai-${shortHash(c)}`, location, resourceGroupName: rg, applicationType: 'other', workspaceId: logs.id, tags,
  });

  let redis: RedisCache | undefined;
  if (spec.onlineStore) {
    redis = keep(new RedisCache(c, 'OnlineStore', {
      name: `${slug}-online-${shortHash(c)}`,
      location,
      resourceGroupName: rg,
      skuName: 'Standard', // replicated primary/replica
      family: 'C',
      capacity: 1,
      redisVersion: '6',
      minimumTlsVersion: '1.2',
      nonSslPortEnabled: false,
      publicNetworkAccessEnabled: false,
      tags,
    }));
  }

  const cmkWorkspace = spec.compliance.controls.customerManagedKeys || tenant !== undefined;
  const workspace = keep(new MachineLearningWorkspace(c, 'Resource', {
    name: `${slug}-fs-${shortHash(c)}`,
    location,
    resourceGroupName: rg,
    kind: 'FeatureStore',
    applicationInsightsId: insights.id,
    keyVaultId: sec.vaultId,
    storageAccountId: workspaceStorage.id,
    publicNetworkAccessEnabled: false,
    v1LegacyModeEnabled: false,
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
    highBusinessImpact: cmkWorkspace,
    identity: { type: 'SystemAssigned, UserAssigned', identityIds: [sec.identityId] },
    primaryUserAssignedIdentity: sec.identityId,
    encryption: cmkWorkspace ? { keyVaultId: sec.vaultId, keyId: sec.keyId, userAssignedIdentityId: sec.identityId } : undefined,
    featureStore: {
      computerSparkRuntimeVersion: SPARK_RUNTIME,
      offlineConnectionName: OFFLINE_CONNECTION,
      onlineConnectionName: redis ? ONLINE_CONNECTION : undefined,
    },
    description: `Feature store ${c.node.path} (ai-infra-constructs)`,
    tags,
  }));

  // What the service grants the materialization identity when it sets up a feature store.
  new RoleAssignment(c, 'IdentityOfflineStoreAccess', { scope: offline.id, roleDefinitionName: 'Storage Blob Data Contributor', principalId: sec.principalId });
  new RoleAssignment(c, 'IdentityWorkspaceAccess', { scope: workspace.id, roleDefinitionName: 'AzureML Data Scientist', principalId: sec.principalId });
  if (redis) new RoleAssignment(c, 'IdentityOnlineStoreAccess', { scope: redis.id, roleDefinitionName: 'Contributor', principalId: sec.principalId });

  const connection = (id: string, name: string, category: string, target: string) => new AzapiResource(c, id, {
    provider: azapi,
    type: `Microsoft.MachineLearningServices/workspaces/connections@${ML_API}`,
    name,
    parentId: workspace.id,
    body: { properties: { category, target, authType: 'ManagedIdentity', credentials: { clientId: sec.clientId, resourceId: sec.identityId } } },
    schemaValidationEnabled: false,
  });
  connection('OfflineStoreConnection', OFFLINE_CONNECTION, 'ADLSGen2', `${offline.id}/blobServices/default/containers/${container.name}`);
  if (redis) connection('OnlineStoreConnection', ONLINE_CONNECTION, 'Redis', redis.id);

  const entities: Record<string, TerraformResource> = {};
  const groupIds: Record<string, string> = {};
  const featureSetSpecs: Record<string, string> = {};
  for (const g of spec.featureGroups) {
    const idType = g.features.find((f) => f.name === g.recordIdentifier)!.type;
    const entity = new AzapiResource(c, `Entity_${g.name}`, {
      provider: azapi,
      type: `Microsoft.MachineLearningServices/workspaces/featurestoreEntities/versions@${ML_API}`,
      name: '1',
      parentId: `${workspace.id}/featurestoreEntities/${g.name}`,
      body: {
        properties: {
          description: g.description ?? `Entity of feature group ${g.name}`,
          indexColumns: [{ columnName: g.recordIdentifier, dataType: ENTITY_TYPES[idType] }],
          tags,
        },
      },
      schemaValidationEnabled: false, // the entity container is implicit in the parent id
    });
    entities[g.name] = entity;
    groupIds[g.name] = entity.id;
    featureSetSpecs[g.name] = featureSetSpec(g, `abfss://${OFFLINE_CONTAINER}@${compactName(c, 'dl')}.dfs.core.windows.net/sources/${g.name}/`);
  }
  c.node.addMetadata('ai-infra-constructs:feature-set-specs', featureSetSpecs);

  FeatureStoreResources._attach(c, new FeatureStoreResources({
    workspace, offlineStorage: offline, keyVault: vault, storageKey: key, onlineStore: redis, materializationIdentity: identity, entities, featureSetSpecs,
  }));
  return { storeId: workspace.id, groupIds };
}

export function estimateFeatureStore(spec: FeatureStoreSpec, _options: AzureTargetOptions): CostEstimate {
  const drivers = [];
  if (spec.onlineStore) {
    drivers.push(hourlyDriver('Azure Cache for Redis Standard C1 (online store)', 1, 1,
      AZURE_FIXED.redisStandardC1));
  }
  return estimate(drivers, [
    'Storage (ZRS), Key Vault operations ($0.15 per 10,000 RSA-3072 operations), Log Analytics ingestion and materialization Spark jobs are usage-priced and not included',
  ]);
}

/** The FeatureSetSpec YAML of a group (the Azure ML CLI/SDK registers it with transformation code, if any). */
function featureSetSpec(g: FeatureGroupDefinition, sourcePath: string): string {
  const value = g.features.filter((f) => f.name !== g.recordIdentifier && f.name !== g.eventTime);
  const id = g.features.find((f) => f.name === g.recordIdentifier)!;
  return [
    '$schema: http://azureml/sdk-2-0/FeatureSetSpec.json',
    'source:',
    '  type: parquet',
    `  path: ${sourcePath}`,
    '  timestamp_column:',
    `    name: ${g.eventTime}`,
    'features:',
    ...value.flatMap((f) => [`  - name: ${f.name}`, `    type: ${AML_TYPES[f.type]}`]),
    'index_columns:',
    `  - name: ${id.name}`,
    `    type: ${AML_TYPES[id.type]}`,
    '',
  ].join('\n');
}

/** The FeatureStore renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<FeatureStoreSpec, ReturnType<typeof renderFeatureStore>, AzureTargetOptions> = {
  validate: (spec, options, isUnresolved) => validateFeatureStore(spec, options, isUnresolved),
  render: renderFeatureStore,
  estimate: (spec, options) => estimateFeatureStore(spec, options),
};
