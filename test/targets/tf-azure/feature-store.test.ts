import { ComplianceProfile, FeatureStore, FeatureStoreProps, FeatureType, tfazure } from '../../../src';
import { CUSTOMERS, ORDERS, withFeature } from '../../feature-store-fixtures';
import { all, only, synthAzure, validationError } from '../../util';

describe('FeatureStore on Azure (defaults)', () => {
  let store!: FeatureStore;
  const json = synthAzure((s) => {
    store = new FeatureStore(s, 'Features', { featureGroups: [CUSTOMERS, ORDERS] });
  });
  const ws = only(json, 'azurerm_machine_learning_workspace');
  const accounts = all(json, 'azurerm_storage_account');
  const offline = accounts.find((a) => a.is_hns_enabled)!;

  test('an Azure ML workspace of kind FeatureStore, private, approved-outbound network, with store connection names', () => {
    expect(ws).toMatchObject({
      kind: 'FeatureStore',
      public_network_access_enabled: false,
      managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' },
      feature_store: { computer_spark_runtime_version: '3.4', offline_connection_name: 'offline-store', online_connection_name: 'online-store' },
      identity: { type: 'SystemAssigned, UserAssigned' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('storage: ADLS Gen2 offline store and workspace storage, TLS 1.2, no public access, no shared keys, customer-managed key, retained', () => {
    expect(accounts).toHaveLength(2);
    for (const a of accounts) {
      expect(a).toMatchObject({
        min_tls_version: 'TLS1_2',
        https_traffic_only_enabled: true,
        allow_nested_items_to_be_public: false,
        public_network_access_enabled: false,
        shared_access_key_enabled: false,
        infrastructure_encryption_enabled: true,
        customer_managed_key: { key_vault_key_id: expect.stringMatching(/^\$\{azurerm_key_vault_key\..+\.versionless_id\}$/), user_assigned_identity_id: expect.any(String) },
        lifecycle: { prevent_destroy: true },
      });
    }
    expect(offline.is_hns_enabled).toBe(true);
  });

  test('Key Vault with purge protection, RBAC and a deny-by-default firewall; a rotating key; both retained', () => {
    expect(only(json, 'azurerm_key_vault')).toMatchObject({
      purge_protection_enabled: true, rbac_authorization_enabled: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices' }, lifecycle: { prevent_destroy: true },
    });
    expect(only(json, 'azurerm_key_vault_key')).toMatchObject({ key_size: 3072, rotation_policy: { expire_after: 'P365D' }, lifecycle: { prevent_destroy: true } });
  });

  test('Redis online store: TLS 1.2 only, no non-TLS port, no public network, retained', () => {
    expect(only(json, 'azurerm_redis_cache')).toMatchObject({
      minimum_tls_version: '1.2', non_ssl_port_enabled: false, public_network_access_enabled: false, lifecycle: { prevent_destroy: true },
    });
  });

  test('store connections (azapi) use the materialization identity; it has the roles materialization needs', () => {
    const connections = all(json, 'azapi_resource').filter((r) => r.type.includes('/connections@'));
    expect(connections.map((r) => [r.name, r.body.properties.category, r.body.properties.authType]).sort()).toEqual([
      ['offline-store', 'ADLSGen2', 'ManagedIdentity'], ['online-store', 'Redis', 'ManagedIdentity'],
    ]);
    const roles = all(json, 'azurerm_role_assignment').map((r) => r.role_definition_name).sort();
    expect(roles).toEqual(['AzureML Data Scientist', 'Contributor', 'Key Vault Crypto Officer', 'Key Vault Crypto Service Encryption User', 'Storage Blob Data Contributor']);
  });

  test('one feature store entity per group with its typed index column; FeatureSetSpec YAML per group', () => {
    const entities = all(json, 'azapi_resource').filter((r) => r.type.includes('/featurestoreEntities/'));
    expect(entities.map((e) => e.body.properties.indexColumns)).toEqual([
      [{ columnName: 'customer_id', dataType: 'String' }], [{ columnName: 'order_id', dataType: 'Long' }],
    ]);
    const spec = tfazure.FeatureStoreResources.of(store).featureSetSpecs['customer-profile'];
    expect(spec).toMatch(/timestamp_column:\n {4}name: event_time/);
    expect(spec).toMatch(/- name: lifetime_value\n {4}type: double/);
    expect(spec).toMatch(/index_columns:\n {2}- name: customer_id\n {4}type: string/);
    expect(spec).not.toMatch(/TfToken/);
  });

  test('tags on every taggable resource', () => {
    for (const t of ['azurerm_machine_learning_workspace', 'azurerm_storage_account', 'azurerm_key_vault', 'azurerm_redis_cache', 'azurerm_user_assigned_identity', 'azurerm_log_analytics_workspace']) {
      for (const r of all(json, t)) expect(r.tags).toEqual({ 'workload': 'Features', 'managed-by': 'ai-infra-constructs' });
    }
  });
});

describe('FeatureStore on Azure: options and validation', () => {
  test('retainOnDelete: false and no online store', () => {
    const j = synthAzure((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], retainOnDelete: false, onlineStore: false }));
    expect(j.resource.azurerm_redis_cache).toBeUndefined();
    expect(JSON.stringify(j)).not.toMatch(/prevent_destroy/);
    expect(only(j, 'azurerm_machine_learning_workspace').feature_store.online_connection_name).toBeUndefined();
  });

  test('under HIPAA the workspace is encrypted with the customer-managed key too', () => {
    const j = synthAzure((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], compliance: ComplianceProfile.HIPAA }));
    expect(only(j, 'azurerm_machine_learning_workspace')).toMatchObject({ high_business_impact: true, encryption: { key_id: expect.stringMatching(/azurerm_key_vault_key/) } });
  });

  const fails = (props: Partial<FeatureStoreProps>) => validationError(() => synthAzure((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], ...props })));
  test('vectors and TTL are not Azure ML feature store settings', () => {
    expect(fails({ featureGroups: [withFeature(FeatureType.FLOAT_VECTOR)] }).issues[0]).toMatchObject({ prop: 'featureGroups.customer-profile.features.extra.type' });
    expect(fails({ onlineTtlHours: 1 }).issues[0]).toMatchObject({ prop: 'onlineTtlHours' });
    expect(fails({ featureGroups: [withFeature(FeatureType.STRING, '1st-order')] }).issues[0]).toMatchObject({ prop: 'featureGroups.customer-profile.features.1st-order' });
  });
});
