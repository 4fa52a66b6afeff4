import { Accelerator, FeatureStore, GpuPool, InferenceEndpoint, ModelSource, SecureTenant } from '../../../src';
import { CUSTOMERS } from '../../feature-store-fixtures';
import { all, only, synthAzure, validationError } from '../../util';

describe('SecureTenant on Azure', () => {
  const json = synthAzure((s) => {
    const tenant = new SecureTenant(s, 'Tenant-acme', { tenantId: 'acme', costCenter: 'cc-42', monthlyBudgetUsd: 1200 });
    new InferenceEndpoint(s, 'Chat', { tenant, model: ModelSource.container({ image: 'acr.azurecr.io/x:1' }), accelerator: Accelerator.NVIDIA_T4 });
    new FeatureStore(s, 'Features', { tenant, featureGroups: [CUSTOMERS] });
  });
  const rg = only(json, 'azurerm_resource_group');

  test('a resource group per tenant, retained', () => {
    expect(rg).toMatchObject({ name: 'ml-prod-tenant-acme', location: 'eastus', lifecycle: { prevent_destroy: true } });
    expect(rg.tags).toMatchObject({ TenantId: 'acme', CostCenter: 'cc-42', tenant: 'acme' });
  });

  test('a Key Vault with purge protection and soft delete, and a key with a rotation policy, in the tenant group', () => {
    const vaults = all(json, 'azurerm_key_vault');
    expect(vaults).toHaveLength(1); // the endpoint and the feature store use the tenant's vault
    expect(vaults[0]).toMatchObject({
      purge_protection_enabled: true, soft_delete_retention_days: 90, rbac_authorization_enabled: true, resource_group_name: expect.stringMatching(/azurerm_resource_group\.Tenant-acme/),
    });
    const keys = all(json, 'azurerm_key_vault_key');
    expect(keys).toHaveLength(1);
    expect(keys[0].rotation_policy).toEqual({ automatic: { time_before_expiry: 'P30D' }, expire_after: 'P365D', notify_before_expiry: 'P29D' });
  });

  test('a user-assigned identity with role assignments scoped to the tenant group (and vault) only', () => {
    const identities = all(json, 'azurerm_user_assigned_identity');
    expect(identities.map((i) => i.name)).toEqual(['tenant-acme']);
    const mine = all(json, 'azurerm_role_assignment').filter((r) => /azurerm_user_assigned_identity\.Tenant-acme/.test(r.principal_id));
    for (const r of mine) expect(r.scope).toMatch(/azurerm_(resource_group|key_vault|storage_account|machine_learning_workspace|redis_cache)\.(Tenant-acme|Features)/);
    expect(mine.filter((r) => /subscriptions\//.test(r.scope))).toEqual([]);
  });

  test('the endpoint and feature store deploy into the tenant group with its vault, key and identity', () => {
    for (const ws of all(json, 'azurerm_machine_learning_workspace')) {
      expect(ws.resource_group_name).toMatch(/azurerm_resource_group\.Tenant-acme/);
      expect(ws.key_vault_id).toMatch(/azurerm_key_vault\.Tenant-acme/);
      expect(ws.primary_user_assigned_identity).toMatch(/azurerm_user_assigned_identity\.Tenant-acme/);
      expect(ws.encryption.key_id).toMatch(/azurerm_key_vault_key\.Tenant-acme/);
      expect(ws.tags).toMatchObject({ TenantId: 'acme', CostCenter: 'cc-42' });
    }
  });

  test('a consumption budget on the tenant group with actual and forecast alerts to the group owners', () => {
    const b = only(json, 'azurerm_consumption_budget_resource_group');
    expect(b).toMatchObject({ amount: 1200, time_grain: 'Monthly', resource_group_id: expect.stringMatching(/azurerm_resource_group\.Tenant-acme/), lifecycle: { ignore_changes: ['time_period'] } });
    // Computed by Terraform at creation (Azure wants the first day of the current month), so the synthesized JSON is
    // the same in every month.
    expect(b.time_period.start_date).toBe("${formatdate(\"YYYY-MM-01'T'00:00:00'Z'\", timestamp())}");
    expect(b.notification.map((n: any) => [n.threshold_type, n.threshold, n.contact_roles])).toEqual([
      ['Actual', 50, ['Owner']], ['Actual', 80, ['Owner']], ['Actual', 100, ['Owner']], ['Forecasted', 100, ['Owner']],
    ]);
  });

  test('the data storage account uses the tenant key through the tenant identity', () => {
    const data = all(json, 'azurerm_storage_account').find((a) => /Tenant-acme/.test(a.resource_group_name) && a.customer_managed_key && !a.is_hns_enabled && a.account_replication_type === 'ZRS')!;
    expect(data.customer_managed_key.key_vault_key_id).toMatch(/azurerm_key_vault_key\.Tenant-acme/);
  });
});

test('a tenant\'s GPU pool carries TenantId and CostCenter on its cluster and node pool, as the tenant\'s other resources do', () => {
  const json = synthAzure((s) => {
    const tenant = new SecureTenant(s, 'Tenant-acme', { tenantId: 'acme', costCenter: 'cc-42' });
    new GpuPool(s, 'Pool', { tenant, accelerator: Accelerator.NVIDIA_T4, maxNodes: 2 });
  });
  const tagged = [only(json, 'azurerm_kubernetes_cluster'), only(json, 'azurerm_kubernetes_cluster_node_pool')];
  for (const r of tagged) expect(r.tags).toMatchObject({ 'TenantId': 'acme', 'CostCenter': 'cc-42', 'tenant': 'acme', 'cost-center': 'cc-42' });
});

test('Azure: budget e-mails as one string (not a list) fail naming the prop; they were rendered as a string', () => {
  const e = validationError(() => synthAzure((s) => new SecureTenant(s, 'T', { tenantId: 'acme', monthlyBudgetUsd: 10, budgetAlertEmails: 'ops@example.com' as any })));
  expect(e.issues).toEqual([expect.objectContaining({ prop: 'budgetAlertEmails' })]);
});
