import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Accelerator, ComplianceProfile, ExistingCluster, GpuPool, GpuPoolProps, InferenceEndpoint, ModelSource, tfazure } from '../../../src';
import { only, synthAzure, validationError } from '../../util';

const AKS_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/platform/providers/Microsoft.ContainerService/managedClusters/prod';

describe('GpuPool on Azure: new hardened AKS cluster (defaults)', () => {
  let pool!: GpuPool;
  const json = synthAzure((s) => {
    pool = new GpuPool(s, 'Training', { accelerator: Accelerator.NVIDIA_A100_80GB, maxNodes: 4 });
  });
  const aks = only(json, 'azurerm_kubernetes_cluster');
  const gpu = only(json, 'azurerm_kubernetes_cluster_node_pool');

  test('private, RBAC with Entra ID, local accounts disabled, network policy on', () => {
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.private_cluster_public_fqdn_enabled).toBe(false);
    expect(aks.role_based_access_control_enabled).toBe(true);
    expect(aks.local_account_disabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toEqual({ azure_rbac_enabled: true, tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\./) });
    expect(aks.network_profile).toMatchObject({ network_plugin: 'azure', network_policy: 'cilium', network_data_plane: 'cilium' });
  });

  test('workload identity, Azure Policy, no run-command, automatic upgrades, Standard tier', () => {
    expect(aks).toMatchObject({
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      azure_policy_enabled: true,
      run_command_enabled: false,
      automatic_upgrade_channel: 'patch',
      node_os_upgrade_channel: 'NodeImage',
      sku_tier: 'Standard',
    });
  });

  test('the default pool is a system pool: critical add-ons only, host encryption', () => {
    expect(aks.default_node_pool).toMatchObject({ name: 'system', only_critical_addons_enabled: true, host_encryption_enabled: true, auto_scaling_enabled: true, min_count: 2, max_count: 3 });
  });

  test('GPU node pool: the GPU VM size, taint, host encryption, driver installed, autoscaling 0..max, regular priority', () => {
    expect(gpu).toMatchObject({
      kubernetes_cluster_id: expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\..+\.id\}$/),
      mode: 'User',
      vm_size: 'Standard_NC24ads_A100_v4',
      node_taints: ['nvidia.com/gpu=true:NoSchedule'],
      host_encryption_enabled: true,
      gpu_driver: 'Install',
      auto_scaling_enabled: true,
      min_count: 0,
      max_count: 4,
      priority: 'Regular',
      upgrade_settings: { max_surge: '0', max_unavailable: '1' },
    });
    expect(gpu.name).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(gpu.node_labels).toEqual({ 'ai-infra-constructs.io/accelerator': 'nvidia-a100-80gb', 'ai-infra-constructs.io/pool': 'training' });
    expect(gpu.eviction_policy).toBeUndefined();
  });

  test('cost tags on the cluster, the system pool and the GPU pool', () => {
    const tags = { 'workload': 'Training', 'managed-by': 'ai-infra-constructs' };
    expect(aks.tags).toEqual(tags);
    expect(aks.default_node_pool.tags).toEqual(tags);
    expect(gpu.tags).toEqual(tags);
  });

  test('cost estimate: nodes 0..max plus the Standard tier; system nodes listed as unpriced', () => {
    const e = pool.estimatedMonthlyCost;
    expect(e.monthlyUsdLow).toBeCloseTo(73, 2);
    expect(e.monthlyUsdHigh).toBeCloseTo(4 * 730 * 3.673 + 73, 1);
    expect(e.assumptions.join(' ')).toMatch(/Standard_D4ds_v5 system nodes is unpriced/);
  });
});

describe('GpuPool on Azure: options and existing clusters', () => {
  test('spot: Spot priority with eviction policy Delete, the AKS spot taint, no surge settings', () => {
    const gpu = only(synthAzure((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 3, spot: true })), 'azurerm_kubernetes_cluster_node_pool');
    expect(gpu).toMatchObject({ priority: 'Spot', eviction_policy: 'Delete', spot_max_price: -1 });
    expect(gpu.node_taints).toEqual(['nvidia.com/gpu=true:NoSchedule', 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule']);
    expect(gpu.upgrade_settings).toBeUndefined();
  });

  test('existing cluster by id: only the node pool', () => {
    let pool!: GpuPool;
    const json = synthAzure((s) => {
      pool = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 3, cluster: ExistingCluster.fromId(AKS_ID), name: 'gput4' });
    });
    expect(Object.keys(json.resource)).toEqual(['azurerm_kubernetes_cluster_node_pool']);
    expect(only(json, 'azurerm_kubernetes_cluster_node_pool')).toMatchObject({ kubernetes_cluster_id: AKS_ID, name: 'gput4', vm_size: 'Standard_NC4as_T4_v3' });
    expect(pool.clusterName).toBe('prod');
    expect(pool.estimatedMonthlyCost.drivers).toHaveLength(1);
  });

  test('existing cluster by a token id: the cluster name is taken from the id by Terraform, not the whole id', () => {
    const json = synthAzure((s) => {
      const id = new TerraformVariable(s, 'aks_id', { type: 'string' });
      const pool = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 3, cluster: ExistingCluster.fromId(id.stringValue), name: 'gput4' });
      new TerraformOutput(s, 'cluster_name', { value: pool.clusterName });
    });
    expect(only(json, 'azurerm_kubernetes_cluster_node_pool').kubernetes_cluster_id).toBe('${var.aks_id}');
    expect((json as any).output.cluster_name.value).toBe('${element(reverse(split("/", var.aks_id)), 0)}');
  });

  test('existing cluster by name: looked up in its resource group', () => {
    const json = synthAzure((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 3, cluster: ExistingCluster.fromName('prod', { resourceGroupName: 'platform' }) }));
    expect(json.resource.azurerm_kubernetes_cluster).toBeUndefined();
    expect(Object.values(json.data!.azurerm_kubernetes_cluster)).toEqual([{ name: 'prod', resource_group_name: 'platform' }]);
    expect(only(json, 'azurerm_kubernetes_cluster_node_pool').kubernetes_cluster_id).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\..+\.id\}$/);
  });

  test('node subnet from the target (bring your own VNet)', () => {
    const subnet = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aks';
    const json = synthAzure((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 }), { nodeSubnetId: subnet });
    expect(only(json, 'azurerm_kubernetes_cluster').default_node_pool.vnet_subnet_id).toBe(subnet);
    expect(only(json, 'azurerm_kubernetes_cluster_node_pool').vnet_subnet_id).toBe(subnet);
  });

  test('createResourceGroup: one retained resource group per stack, shared by every construct', () => {
    const json = synthAzure((s) => {
      new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
      new InferenceEndpoint(s, 'E', { model: ModelSource.container({ image: 'acr.azurecr.io/x:1' }), accelerator: Accelerator.NVIDIA_T4 });
    }, { createResourceGroup: true });
    const rg = only(json, 'azurerm_resource_group');
    expect(rg).toMatchObject({ name: 'ml-prod', location: 'eastus', lifecycle: { prevent_destroy: true } });
    expect(only(json, 'azurerm_kubernetes_cluster').resource_group_name).toMatch(/^\$\{azurerm_resource_group\..+\.name\}$/);
    expect(only(json, 'azurerm_machine_learning_workspace').resource_group_name).toBe(only(json, 'azurerm_kubernetes_cluster').resource_group_name);
  });

  test('escape hatch', () => {
    synthAzure((s) => {
      const p = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
      expect(tfazure.GpuPoolResources.of(p).resources.cluster).toBeDefined();
    });
  });
});

describe('GpuPool on Azure: validation', () => {
  const fails = (props: Partial<GpuPoolProps>) =>
    validationError(() => synthAzure((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 2, ...props } as GpuPoolProps)));

  test.each([Accelerator.NVIDIA_L4, Accelerator.NVIDIA_A10G, Accelerator.NVIDIA_L40S])('%s is not offered on Azure: the offered GPUs are listed', (acc) => {
    const e = fails({ accelerator: acc });
    expect(e.issues[0]).toMatchObject({ prop: 'accelerator', received: acc.name });
    expect(e.issues[0].allowed).toBe('AKS (Azure) offers nvidia-t4, nvidia-a100-40gb, nvidia-a100-80gb, nvidia-h100-80gb');
  });
  test('a single A100 40GB does not exist on Azure', () => {
    const e = fails({ accelerator: Accelerator.NVIDIA_A100_40GB });
    expect(e.issues[0]).toMatchObject({ prop: 'acceleratorCount', allowed: expect.stringMatching(/8 \(Standard_ND96asr_v4\)/) });
  });
  test('bad node pool names and cluster references', () => {
    expect(fails({ name: 'gpu-pool-too-long' }).issues[0]).toMatchObject({ prop: 'name' });
    expect(fails({ cluster: ExistingCluster.fromId('/subscriptions/x/resourceGroups/y') }).issues[0]).toMatchObject({ prop: 'cluster' });
    expect(fails({ cluster: ExistingCluster.fromName('prod', { location: 'eastus' }) }).issues[0]).toMatchObject({ prop: 'cluster' });
  });
  test('target options are checked', () => {
    const e = validationError(() => synthAzure((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 }), { location: '' }));
    expect(e.issues[0]).toMatchObject({ prop: 'AzureTarget.location' });
  });
});

describe('GpuPool on Azure under a customer-managed-key profile', () => {
  const json = synthAzure((s) => {
    new GpuPool(s, 'Training', { accelerator: Accelerator.NVIDIA_A100_80GB, maxNodes: 2, compliance: ComplianceProfile.HIPAA });
  });

  test('node OS disks go through a disk encryption set on a retained, rotating Key Vault key', () => {
    const des = only(json, 'azurerm_disk_encryption_set');
    expect(des).toMatchObject({ encryption_type: 'EncryptionAtRestWithCustomerKey', auto_key_rotation_enabled: true, identity: { type: 'SystemAssigned' } });
    expect(des.key_vault_key_id).toMatch(/^\$\{azurerm_key_vault_key\.Training_DiskKey_\w+\.versionless_id\}$/);
    expect(only(json, 'azurerm_kubernetes_cluster').disk_encryption_set_id).toMatch(/^\$\{azurerm_disk_encryption_set\.Training_DiskEncryptionSet_\w+\.id\}$/);
    expect(only(json, 'azurerm_key_vault')).toMatchObject({ purge_protection_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(only(json, 'azurerm_key_vault_key').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the set may use the key, and the cluster may read the set', () => {
    const roles = Object.values<any>(json.resource.azurerm_role_assignment).map((r) => r.role_definition_name).sort();
    expect(roles).toEqual(['Key Vault Crypto Officer', 'Key Vault Crypto Service Encryption User', 'Reader']);
  });
});
