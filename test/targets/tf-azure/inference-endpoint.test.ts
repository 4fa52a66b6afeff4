import { TerraformVariable } from 'cdktf';
import { Accelerator, ComplianceProfile, InferenceEndpoint, InferenceEndpointProps, ModelSource, tfazure } from '../../../src';
import { all, only, synthAzure, validationError } from '../../util';

const container = ModelSource.container({ image: 'mlprodacr.azurecr.io/vllm:0.6', port: 8000 });
const hf = ModelSource.huggingFace({ modelId: 'microsoft/Phi-3-mini-4k-instruct' });
const azapi = (json: any, type: RegExp) => all(json, 'azapi_resource').filter((r) => type.test(r.type));

describe('InferenceEndpoint on Azure (container, T4, min 1 / max 3)', () => {
  const json = synthAzure((s) => new InferenceEndpoint(s, 'Chat', { model: container, accelerator: Accelerator.NVIDIA_T4, maxReplicas: 3 }));

  test('declares azurerm (features {}) and azapi providers', () => {
    expect(json.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '~> 2.6' });
    expect(json.terraform.required_providers.azurerm.version).toBe('4.55.0');
    expect(json.provider?.azurerm).toEqual([expect.objectContaining({ features: [{}] })]);
  });

  test('workspace: no public network access, approved outbound only, with its Key Vault, storage and App Insights', () => {
    const ws = only(json, 'azurerm_machine_learning_workspace');
    expect(ws.public_network_access_enabled).toBe(false);
    expect(ws.managed_network).toEqual({ isolation_mode: 'AllowOnlyApprovedOutbound' });
    expect(ws.key_vault_id).toMatch(/azurerm_key_vault\./);
    expect(ws.storage_account_id).toMatch(/azurerm_storage_account\./);
    expect(ws.application_insights_id).toMatch(/azurerm_application_insights\./);
  });

  test('Key Vault: purge protection, soft delete, RBAC, deny-by-default firewall, retained', () => {
    const kv = only(json, 'azurerm_key_vault');
    expect(kv).toEqual(expect.objectContaining({ purge_protection_enabled: true, soft_delete_retention_days: 90, rbac_authorization_enabled: true }));
    expect(kv.network_acls).toEqual(expect.objectContaining({ default_action: 'Deny', bypass: 'AzureServices' }));
    expect(kv.lifecycle).toEqual({ prevent_destroy: true });
    expect(kv.name.length).toBeLessThanOrEqual(24);
  });

  test('storage: TLS 1.2, no public blob access or network, retained', () => {
    const st = only(json, 'azurerm_storage_account');
    expect(st).toEqual(expect.objectContaining({
      min_tls_version: 'TLS1_2', allow_nested_items_to_be_public: false, public_network_access_enabled: false, https_traffic_only_enabled: true,
    }));
    expect(st.name).toMatch(/^[a-z0-9]{3,24}$/);
    expect(st.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('managed online endpoint and deployment through azapi', () => {
    const [ep] = azapi(json, /onlineEndpoints@/);
    expect(ep.body.properties).toEqual(expect.objectContaining({ authMode: 'AADToken', publicNetworkAccess: 'Disabled' }));
    expect(ep.parent_id).toMatch(/azurerm_machine_learning_workspace\..+\.id/);
    const [dep] = azapi(json, /onlineEndpoints\/deployments@/);
    expect(dep.body.sku).toEqual({ name: 'Default', capacity: 1 });
    expect(dep.body.properties).toEqual(expect.objectContaining({
      instanceType: 'Standard_NC4as_T4_v3', egressPublicNetworkAccess: 'Disabled', endpointComputeType: 'Managed',
    }));
    expect(dep.body.properties.environmentId).toMatch(/azapi_resource\..+\.id/);
    const [env] = azapi(json, /environments\/versions@/);
    expect(env.body.properties.image).toBe('mlprodacr.azurecr.io/vllm:0.6');
  });

  test('autoscale setting on the deployment with min/max capacity', () => {
    const as = only(json, 'azurerm_monitor_autoscale_setting');
    expect(as.target_resource_id).toMatch(/azapi_resource\..+\.id/);
    expect(as.profile[0].capacity).toEqual({ minimum: 1, default: 1, maximum: 3 });
    expect(as.profile[0].rule.map((r: any) => r.scale_action.direction)).toEqual(['Increase', 'Decrease']);
    expect(as.profile[0].rule[0].metric_trigger).toEqual(expect.objectContaining({ metric_name: 'RequestsPerMinute', divide_by_instance_count: true, threshold: 70 }));
  });

  test('tags on every taggable resource', () => {
    for (const type of ['azurerm_machine_learning_workspace', 'azurerm_key_vault', 'azurerm_storage_account', 'azurerm_monitor_autoscale_setting']) {
      expect(only(json, type).tags).toEqual(expect.objectContaining({ 'workload': 'Chat', 'managed-by': 'ai-infra-constructs' }));
    }
    for (const r of all(json, 'azapi_resource').filter((x) => /onlineEndpoints/.test(x.type))) expect(r.tags.workload).toBe('Chat');
  });
});

describe('InferenceEndpoint on Azure: profiles and options', () => {
  test('HIPAA: workspace CMK through a user-assigned identity; rotating, retained key', () => {
    const json = synthAzure((s) => new InferenceEndpoint(s, 'Chat', { model: hf, accelerator: Accelerator.NVIDIA_A100_80GB, compliance: ComplianceProfile.HIPAA }));
    const ws = only(json, 'azurerm_machine_learning_workspace');
    expect(ws.encryption).toEqual(expect.objectContaining({
      key_id: expect.stringMatching(/azurerm_key_vault_key/),
      user_assigned_identity_id: expect.stringMatching(/azurerm_user_assigned_identity/),
    }));
    expect(ws.high_business_impact).toBe(true);
    const key = only(json, 'azurerm_key_vault_key');
    expect(key.rotation_policy.automatic).toEqual({ time_before_expiry: 'P30D' });
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    const roles = all(json, 'azurerm_role_assignment').map((r) => r.role_definition_name).sort();
    expect(roles).toEqual(['Key Vault Crypto Officer', 'Key Vault Crypto Service Encryption User']);
    const [dep] = azapi(json, /deployments@/);
    expect(dep.body.properties.model).toBe('azureml://registries/HuggingFace/models/microsoft-phi-3-mini-4k-instruct/labels/latest');
    expect(dep.body.properties.instanceType).toBe('Standard_NC24ads_A100_v4');
  });

  test('request logging: sampled data collector into a container with a retention lifecycle rule', () => {
    const json = synthAzure((s) => new InferenceEndpoint(s, 'Chat', { model: container, accelerator: Accelerator.NVIDIA_T4, requestLogging: { enabled: true, samplingPercent: 10, retentionDays: 90 } }));
    const [dep] = azapi(json, /deployments@/);
    expect(dep.body.properties.dataCollector).toEqual(expect.objectContaining({ samplingRate: 0.1 }));
    expect(Object.keys(dep.body.properties.dataCollector.collections).sort()).toEqual(['model_inputs', 'model_outputs']);
    const policy = only(json, 'azurerm_storage_management_policy');
    expect(policy.rule[0].actions.base_blob.delete_after_days_since_creation_greater_than).toBe(90);
    expect(policy.rule[0].filters.prefix_match).toEqual(['request-logs/']);
    expect(only(json, 'azurerm_storage_container').container_access_type).toBe('private');
  });

  test('numbers given as Terraform variables are computed by Terraform, not by JavaScript arithmetic on their tokens', () => {
    // (found by the fuzz harness: samplingPercent / 100 on a number token wrote -8.1e+296)
    const json = synthAzure((s) => new InferenceEndpoint(s, 'Chat', {
      model: container,
      accelerator: Accelerator.NVIDIA_T4,
      targetInvocationsPerReplicaPerMinute: new TerraformVariable(s, 'rpm', { type: 'number' }).numberValue,
      requestLogging: { enabled: true, samplingPercent: new TerraformVariable(s, 'sampling', { type: 'number' }).numberValue },
    }));
    const [dep] = azapi(json, /deployments@/);
    expect(dep.body.properties.dataCollector.samplingRate).toBe('${(var.sampling / 100)}');
    const rules = only(json, 'azurerm_monitor_autoscale_setting').profile[0].rule.map((r: any) => r.metric_trigger.threshold);
    expect(rules).toEqual(['${var.rpm}', '${max(1, floor((var.rpm / 2)))}']);
  });

  test('a private endpoint to the workspace when the target names a subnet', () => {
    const json = synthAzure((s) => new InferenceEndpoint(s, 'Chat', { model: container, accelerator: Accelerator.NVIDIA_T4 }), { privateEndpointSubnetId: '/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pe' });
    expect(only(json, 'azurerm_private_endpoint').private_service_connection.subresource_names).toEqual(['amlworkspace']);
  });

  test('escape hatch', () => {
    synthAzure((s) => {
      const ep = new InferenceEndpoint(s, 'Chat', { model: container, accelerator: Accelerator.NVIDIA_T4 });
      expect(tfazure.InferenceEndpointResources.of(ep).resources.workspace.terraformResourceType).toBe('azurerm_machine_learning_workspace');
    });
  });
});

describe('InferenceEndpoint on Azure: validation', () => {
  const fails = (props: Partial<InferenceEndpointProps>) => validationError(() => synthAzure((s) => new InferenceEndpoint(s, 'E', { model: container, ...props })));
  test('L4 is not offered on Azure; the message lists what is', () => {
    const err = fails({ accelerator: Accelerator.NVIDIA_L4 });
    expect(err.issues[0]).toMatchObject({ prop: 'accelerator', received: 'nvidia-l4' });
    expect(err.issues[0].allowed).toBe('Azure ML offers nvidia-t4, nvidia-a100-40gb, nvidia-a100-80gb, nvidia-h100-80gb');
  });
  test('managed online endpoints cannot scale to zero', () => {
    expect(fails({ accelerator: Accelerator.NVIDIA_T4, minReplicas: 0 }).issues[0].prop).toBe('minReplicas');
  });
  test('single A100 40GB does not exist on Azure', () => {
    expect(fails({ accelerator: Accelerator.NVIDIA_A100_40GB }).issues[0].allowed).toMatch(/counts 8 \(Standard_ND96asr_v4\)/);
  });
  test('endpoint names are 3-32 characters', () => {
    expect(fails({ accelerator: Accelerator.NVIDIA_T4, name: 'x'.repeat(33) }).issues[0].prop).toBe('name');
  });
  test('a Hugging Face model\'s image override was ignored: the registry model brings its own serving environment', () => {
    const custom = ModelSource.huggingFace({ modelId: 'microsoft/Phi-3-mini-4k-instruct', image: 'mlprodacr.azurecr.io/tgi:2' });
    expect(fails({ accelerator: Accelerator.NVIDIA_T4, model: custom }).issues).toEqual([expect.objectContaining({ prop: 'model.image', hint: expect.stringMatching(/ModelSource\.container/) })]);
  });
  test('modelDataUri must be an Azure ML model asset (a storage URL would fail at deploy); Hugging Face models take none', () => {
    const blob = ModelSource.container({ image: 'mlprodacr.azurecr.io/vllm:0.6', modelDataUri: 'https://acct.blob.core.windows.net/models/llama/' });
    expect(fails({ accelerator: Accelerator.NVIDIA_T4, model: blob }).issues[0]).toMatchObject({ prop: 'model.modelDataUri', hint: expect.stringMatching(/az ml model create/) });
    const hfCopy = ModelSource.huggingFace({ modelId: 'microsoft/Phi-3-mini-4k-instruct', modelDataUri: 'azureml:phi3:1' });
    expect(fails({ accelerator: Accelerator.NVIDIA_T4, model: hfCopy }).issues[0].allowed).toMatch(/unset for ModelSource.huggingFace/);
  });
  test.each(['azureml:llama-3-8b:1', 'azureml:llama@latest', 'azureml://registries/shared/models/llama/versions/2',
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/models/llama/versions/1'])('model asset %p is mounted by the deployment', (uri) => {
    const json = synthAzure((s) => new InferenceEndpoint(s, 'E', { accelerator: Accelerator.NVIDIA_T4, model: ModelSource.container({ image: 'mlprodacr.azurecr.io/vllm:0.6', modelDataUri: uri }) }));
    const [dep] = azapi(json, /deployments@/);
    expect(dep.body.properties.model).toBe(uri);
  });
});
