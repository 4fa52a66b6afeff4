/*
 * InferenceEndpoint → Azure Machine Learning managed online endpoint.
 *
 * azurerm has no online endpoint/deployment resources (4.55, and none in 4.73; research/gcp-azure.md §1.3), so they
 * are written as `azapi_resource`s (Microsoft.MachineLearningServices/workspaces/onlineEndpoints[/deployments]).
 * The workspace comes with its Key Vault (purge protection, RBAC, firewall), storage account (TLS 1.2, no public
 * blob access, no public network), Log Analytics + Application Insights; public network access is disabled and the
 * managed network allows approved outbound only.
 * Naming limits: Key Vault and storage account names are 3-24 characters (storage: lowercase letters and digits);
 * online endpoint names are 3-32 characters ^[a-zA-Z][a-zA-Z0-9-]{0,30}[a-zA-Z0-9]$, unique per region.
 */
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfileRule } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct, IConstruct } from 'constructs';
import { compactName, ensureAzapi, ensureAzurerm, resourceGroupName as rgName, rotatingKey, secureKeyVault, targetOptionIssues } from './common';
import { InferenceEndpointResources } from './resources';
import type { AzureTargetOptions } from './target';
import { azureTenant, tenantTags } from './tenancy';
import { CostEstimate, estimate, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { ModelSourceKind } from '../../core/model-source';
import { claimNameProp } from '../../core/names';
import { findShape } from '../../core/offerings';
import { RendererModule } from '../../core/renderer';
import { azureTags } from '../../core/tags';
import { AZURE_ML_SHAPES } from '../shared-azure/accelerators';
import { AzapiResource, dividedBy, floorAtLeast, isUnresolved as unresolvedTf, retain, shortHash, TerraformProvider } from '../shared-tf/engine';

const ML_API = '2024-10-01';
const ENDPOINT_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;

/** Model references an Azure ML online deployment accepts in `properties.model`. */
const AZURE_MODEL_URI = new RegExp([
  '^azureml:[A-Za-z0-9][A-Za-z0-9_.-]{0,254}(:[A-Za-z0-9_.-]+|@latest)$', // azureml:<name>:<version> | azureml:<name>@latest
  '^azureml://\\S+$', // azureml://registries/... | azureml://locations/...
  '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.MachineLearningServices/\\S+$', // a model resource id
].join('|'));

export function validateInferenceEndpoint(spec: InferenceEndpointSpec, options: AzureTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  if (!spec.instanceTypeAzure) {
    const { issue } = findShape(AZURE_ML_SHAPES, spec.accelerator, spec.acceleratorCount, 'Azure ML');
    if (issue) issues.push({ ...issue, hint: 'or set instanceType.azure to an Azure ML GPU VM size' });
  } else if (!isUnresolved(spec.instanceTypeAzure) && !/^Standard_[A-Za-z0-9_]+$/.test(spec.instanceTypeAzure)) {
    issues.push({ prop: 'instanceType.azure', received: show(spec.instanceTypeAzure), allowed: 'an Azure VM size such as "Standard_NC24ads_A100_v4"' });
  }
  if (!isUnresolved(spec.minReplicas) && spec.minReplicas < 1) {
    issues.push({
      prop: 'minReplicas',
      received: show(spec.minReplicas),
      allowed: 'at least 1 on Azure ML managed online endpoints (they do not scale to zero)',
      hint: 'set minReplicas: 1, or deploy this model to AWS (inference components) or GCP Cloud Run for scale to zero',
    });
  }
  if (spec.name !== undefined && !isUnresolved(spec.name) && !ENDPOINT_NAME.test(spec.name)) {
    issues.push({ prop: 'name', received: `${show(spec.name)} (${spec.name.length} characters)`, allowed: 'an Azure ML endpoint name: 3-32 letters, digits and hyphens, starting with a letter' });
  }
  if (spec.model.kind === ModelSourceKind.HUGGING_FACE && isUnresolved(spec.model.modelId)) {
    issues.push({ prop: 'model.modelId', received: 'an unresolved token', allowed: 'a literal Hugging Face id (it names the model in the HuggingFace registry at synth)' });
  }
  if (spec.model.kind === ModelSourceKind.HUGGING_FACE && spec.model.image !== undefined) {
    issues.push({
      prop: 'model.image',
      received: show(spec.model.image),
      allowed: 'unset for ModelSource.huggingFace on Azure (the HuggingFace registry model brings its own serving environment)',
      hint: 'to serve the model from your own image, use ModelSource.container with that image',
    });
  }
  const uri = spec.model.modelDataUri;
  if (uri !== undefined && spec.model.kind === ModelSourceKind.HUGGING_FACE) {
    issues.push({
      prop: 'model.modelDataUri',
      received: show(uri),
      allowed: 'unset for ModelSource.huggingFace on Azure (the deployment uses the model from the HuggingFace registry)',
      hint: 'to serve your own copy of the weights, register it as an Azure ML model and use ModelSource.container with modelDataUri "azureml:<name>:<version>"',
    });
  } else if (uri !== undefined && !isUnresolved(uri) && !(typeof uri === 'string' && AZURE_MODEL_URI.test(uri))) {
    issues.push({
      prop: 'model.modelDataUri',
      received: show(uri),
      allowed: 'an Azure ML model asset: "azureml:<name>:<version>", "azureml://registries/<registry>/models/<name>/versions/<version>" or a model resource id',
      hint: 'Azure ML online deployments mount registered models, not storage URLs: register the blob folder as a model first (az ml model create)',
    });
  }
  return issues;
}

export function estimateInferenceEndpoint(spec: InferenceEndpointSpec, _options: AzureTargetOptions): CostEstimate {
  const type = instanceTypeFor(spec);
  const shape = AZURE_ML_SHAPES.find((s) => s.type === type);
  const price = shape?.price ?? { currency: 'USD', source: 'none', asOf: '2026-11-22', region: 'eastus', unpricedReason: `${type} is not in the Azure price catalog` };
  const drivers = [hourlyDriver(`${type} (Azure ML managed online deployment)`, spec.minReplicas, spec.maxReplicas, price)];
  const assumptions = [
    'Pay-as-you-go Linux VM rates, eastus, 730 h/month; managed online endpoints bill the VM rate of their instances',
    'Storage, Key Vault operations, Log Analytics ingestion and Application Insights are usage-priced and not included',
  ];
  if (shape?.notes) assumptions.push(`${type}: ${shape.notes}`);
  return estimate(drivers, assumptions);
}

function instanceTypeFor(spec: InferenceEndpointSpec): string {
  return spec.instanceTypeAzure ?? findShape(AZURE_ML_SHAPES, spec.accelerator, spec.acceleratorCount, 'Azure ML').shape!.type;
}

export function renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec, options: AzureTargetOptions): InferenceEndpointOutputs {
  // Online endpoint names are unique per Azure region (they name the scoring URI <name>.<region>.inference.ml.azure.com).
  claimNameProp(scope, spec.name, 'Azure ML online endpoint', `Azure region ${options.location.toLowerCase().replace(/\s+/g, '')}`, 'an endpoint name no other InferenceEndpoint uses');
  const c = scope as Construct;
  ensureAzurerm(scope, options);
  const azapi = ensureAzapi(scope);
  // A SecureTenant's endpoint lives in the tenant's resource group and uses its vault, key and identity.
  const tenant = azureTenant(spec.tenant, scope);
  const tags = azureTags(tenantTags(spec.tags, spec.tenant), unresolvedTf);
  const cmk = spec.compliance.controls.customerManagedKeys;
  const location = options.location;

  const resourceGroupName = tenant?.resourceGroupName ?? rgName(scope, options);
  const client = new DataAzurermClientConfig(c, 'ClientConfig', {});

  // Names from the construct id: Log Analytics takes ASCII letters, digits and hyphens, starting with one of the first
  // two (ML workspaces and identities add underscores; App Insights and private endpoints also periods): other
  // characters become hyphens, so an id such as `llama-3.1` or `Chat Assistant` deploys. Valid ids name as before.
  const slug = c.node.id.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'endpoint';
  const logs = new LogAnalyticsWorkspace(c, 'LogAnalytics', {
    name: `${slug.slice(0, 40)}-logs-${shortHash(c)}`,
    location,
    resourceGroupName,
    sku: 'PerGB2018',
    retentionInDays: Math.min(730, Math.max(30, spec.compliance.controls.logRetentionDays)),
    tags,
  });
  const insights = new ApplicationInsights(c, 'AppInsights', {
    name: `${slug.slice(0, 40)}-ai-${shortHash(c)}`,
    location,
    resourceGroupName,
    applicationType: 'other',
    workspaceId: logs.id,
    tags,
  });

  const vault = tenant ? undefined : secureKeyVault(c, 'KeyVault', { location, resourceGroupName, tenantId: client.tenantId, deployerIpRanges: options.deployerIpRanges, tags });
  if (vault) retain(vault);
  const vaultId = tenant?.keyVaultId ?? vault!.id;

  const storage = new StorageAccount(c, 'Storage', {
    name: compactName(c, 'st'),
    location,
    resourceGroupName,
    accountTier: 'Standard',
    accountReplicationType: 'LRS',
    accountKind: 'StorageV2',
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    publicNetworkAccessEnabled: false,
    infrastructureEncryptionEnabled: true,
    sharedAccessKeyEnabled: false,
    tags,
  });
  retain(storage);

  // Customer-managed key for the workspace when the profile requires one.
  let encryption: { keyVaultId: string; keyId: string; userAssignedIdentityId: string } | undefined;
  let identityIds: string[] | undefined;
  if (tenant) {
    encryption = { keyVaultId: tenant.keyVaultId, keyId: tenant.keyId, userAssignedIdentityId: tenant.identityId };
    identityIds = [tenant.identityId];
  } else if (cmk) {
    const key = rotatingKey(c, 'WorkspaceKey', { vaultId, name: 'workspace-cmk', deployerObjectId: client.objectId, tags });
    retain(key);
    const uai = new UserAssignedIdentity(c, 'WorkspaceIdentity', {
      name: `${slug.slice(0, 40)}-ws-${shortHash(c)}`,
      location,
      resourceGroupName,
      tags,
    });
    new RoleAssignment(c, 'WorkspaceKeyUser', {
      scope: vaultId,
      roleDefinitionName: 'Key Vault Crypto Service Encryption User',
      principalId: uai.principalId,
    });
    encryption = { keyVaultId: vaultId, keyId: key.id, userAssignedIdentityId: uai.id };
    identityIds = [uai.id];
  }

  const workspace = new MachineLearningWorkspace(c, 'Workspace', {
    name: `${slug.slice(0, 24)}-mlw-${shortHash(c)}`.slice(0, 33),
    location,
    resourceGroupName,
    applicationInsightsId: insights.id,
    keyVaultId: vaultId,
    storageAccountId: storage.id,
    publicNetworkAccessEnabled: false,
    highBusinessImpact: cmk || tenant !== undefined,
    v1LegacyModeEnabled: false,
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
    identity: identityIds ? { type: 'SystemAssigned, UserAssigned', identityIds } : { type: 'SystemAssigned' },
    primaryUserAssignedIdentity: identityIds?.[0],
    encryption,
    description: `Workspace of inference endpoint ${c.node.path}`,
    tags,
  });

  if (options.privateEndpointSubnetId) {
    new PrivateEndpoint(c, 'WorkspacePrivateEndpoint', {
      name: `${slug.slice(0, 40)}-pe-${shortHash(c)}`,
      location,
      resourceGroupName,
      subnetId: options.privateEndpointSubnetId,
      privateServiceConnection: {
        name: 'workspace',
        privateConnectionResourceId: workspace.id,
        subresourceNames: ['amlworkspace'],
        isManualConnection: false,
      },
      tags,
    });
  }

  const endpointName = spec.name ?? `${c.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/^[^a-z]+/, '').slice(0, 22) || 'ep'}-${shortHash(c)}`;
  const endpoint = new AzapiResource(c, 'Resource', {
    provider: azapi,
    type: `Microsoft.MachineLearningServices/workspaces/onlineEndpoints@${ML_API}`,
    name: endpointName,
    parentId: workspace.id,
    location,
    identityType: 'SystemAssigned',
    tags,
    body: {
      kind: 'Managed',
      properties: {
        authMode: 'AADToken',
        publicNetworkAccess: 'Disabled',
        description: `Inference endpoint ${c.node.path}`,
      },
    },
    responseExportValues: ['properties.scoringUri'],
  });

  const m = spec.model;
  const deploymentProps: Record<string, any> = {
    endpointComputeType: 'Managed',
    instanceType: instanceTypeFor(spec),
    egressPublicNetworkAccess: 'Disabled',
    scaleSettings: { scaleType: 'Default' },
    requestSettings: {
      maxConcurrentRequestsPerInstance: spec.targetConcurrencyPerReplica ?? 1,
      requestTimeout: 'PT90S',
    },
    livenessProbe: { initialDelay: 'PT10M', period: 'PT10S', failureThreshold: 30, timeout: 'PT5S' },
    readinessProbe: { initialDelay: 'PT10M', period: 'PT10S', failureThreshold: 30, timeout: 'PT5S' },
    environmentVariables: m.environment,
    appInsightsEnabled: true,
  };
  const deploymentDeps = [];
  if (m.kind === ModelSourceKind.HUGGING_FACE) {
    // The curated HuggingFace registry carries the model and its serving environment.
    deploymentProps.model = `azureml://registries/HuggingFace/models/${m.modelId!.replace(/[/_.]/g, '-').toLowerCase()}/labels/latest`;
  } else {
    const env = new AzapiResource(c, 'Environment', {
      provider: azapi,
      type: `Microsoft.MachineLearningServices/workspaces/environments/versions@${ML_API}`,
      name: '1',
      parentId: `${workspace.id}/environments/${endpointName}-env`,
      body: {
        properties: {
          image: m.image,
          osType: 'Linux',
          inferenceConfig: {
            livenessRoute: { path: m.healthCheckPath, port: m.port },
            readinessRoute: { path: m.healthCheckPath, port: m.port },
            scoringRoute: { path: '/', port: m.port },
          },
          description: `Serving image of ${c.node.path}`,
        },
      },
      schemaValidationEnabled: false, // the environment container is implicit in the parent id
    });
    deploymentDeps.push(env);
    deploymentProps.environmentId = env.id;
    if (m.modelDataUri) deploymentProps.model = m.modelDataUri;
  }
  if (spec.requestLogging.enabled) {
    deploymentProps.dataCollector = requestLogCollector(c, spec, storage, workspace, azapi);
  }

  const deployment = new AzapiResource(c, 'Deployment', {
    provider: azapi,
    type: `Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@${ML_API}`,
    name: 'default',
    parentId: endpoint.id,
    location,
    tags,
    body: { kind: 'Managed', sku: { name: 'Default', capacity: spec.minReplicas }, properties: deploymentProps },
    dependsOn: deploymentDeps,
  });

  const autoscale = new MonitorAutoscaleSetting(c, 'Autoscale', {
    name: `${endpointName}-autoscale`,
    location,
    resourceGroupName,
    targetResourceId: deployment.id,
    tags,
    profile: [{
      name: 'default',
      capacity: { minimum: spec.minReplicas, default: spec.minReplicas, maximum: spec.maxReplicas },
      rule: autoscaleRules(spec, endpoint.id, deployment.id),
    }],
  });

  InferenceEndpointResources._attach(scope, new InferenceEndpointResources({ workspace, onlineEndpoint: endpoint, deployment, autoscaleSetting: autoscale }));
  return { endpointName, endpointId: endpoint.id };
}

/**
 * Scale on requests per instance (invocations target) or GPU utilisation (concurrency target: requests are already
 * capped per instance by requestSettings.maxConcurrentRequestsPerInstance).
 * @see https://learn.microsoft.com/azure/machine-learning/how-to-autoscale-endpoints
 */
function autoscaleRules(spec: InferenceEndpointSpec, endpointId: string, deploymentId: string): MonitorAutoscaleSettingProfileRule[] {
  const rule = (metricName: string, resourceId: string, op: string, threshold: number, direction: string, perInstance: boolean, cooldown: string): MonitorAutoscaleSettingProfileRule => ({
    metricTrigger: {
      metricName,
      metricResourceId: resourceId,
      operator: op,
      statistic: 'Average',
      threshold,
      timeAggregation: 'Average',
      timeGrain: 'PT1M',
      timeWindow: 'PT5M',
      divideByInstanceCount: perInstance,
    },
    scaleAction: { direction, type: 'ChangeCount', value: 1, cooldown },
  });
  if (spec.targetConcurrencyPerReplica !== undefined) {
    return [
      rule('GpuUtilizationPercentage', deploymentId, 'GreaterThan', 70, 'Increase', false, 'PT5M'),
      rule('GpuUtilizationPercentage', deploymentId, 'LessThan', 25, 'Decrease', false, 'PT15M'),
    ];
  }
  const target = spec.targetInvocationsPerReplicaPerMinute;
  return [
    rule('RequestsPerMinute', endpointId, 'GreaterThan', target, 'Increase', true, 'PT5M'),
    rule('RequestsPerMinute', endpointId, 'LessThan', floorAtLeast(dividedBy(target, 2), 1), 'Decrease', true, 'PT15M'),
  ];
}

/**
 * Prompt/response capture: Azure ML's data collector writes sampled inputs/outputs to a dedicated container of the
 * workspace's (encrypted, non-public) storage account; a lifecycle rule deletes them after the retention period.
 */
function requestLogCollector(c: Construct, spec: InferenceEndpointSpec, storage: StorageAccount, workspace: MachineLearningWorkspace, azapi: TerraformProvider): Record<string, any> {
  const container = new StorageContainer(c, 'RequestLogContainer', {
    name: 'request-logs',
    storageAccountId: storage.id,
    containerAccessType: 'private',
  });
  new StorageManagementPolicy(c, 'RequestLogRetention', {
    storageAccountId: storage.id,
    rule: [{
      name: 'expire-request-logs',
      enabled: true,
      filters: { blobTypes: ['blockBlob', 'appendBlob'], prefixMatch: ['request-logs/'] },
      actions: { baseBlob: { deleteAfterDaysSinceCreationGreaterThan: spec.requestLogging.retentionDays } },
    }],
  });
  const datastore = new AzapiResource(c, 'RequestLogDatastore', {
    provider: azapi,
    type: `Microsoft.MachineLearningServices/workspaces/datastores@${ML_API}`,
    name: `requestlogs${shortHash(c)}`,
    parentId: workspace.id,
    body: {
      properties: {
        datastoreType: 'AzureBlob',
        accountName: storage.name,
        containerName: container.name,
        credentials: { credentialsType: 'None' }, // identity-based access (no keys)
        serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity',
      },
    },
  });
  const path = (name: string) => `azureml://datastores/${datastore.config.name}/paths/${name}`;
  return {
    collections: {
      model_inputs: { dataCollectionMode: 'Enabled', dataId: path('model_inputs') },
      model_outputs: { dataCollectionMode: 'Enabled', dataId: path('model_outputs') },
    },
    samplingRate: dividedBy(spec.requestLogging.samplingPercent, 100),
    rollingRate: 'Hour',
  };
}

/** The InferenceEndpoint renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<InferenceEndpointSpec, ReturnType<typeof renderInferenceEndpoint>, AzureTargetOptions> = {
  validate: (spec, options, isUnresolved) => validateInferenceEndpoint(spec, options, isUnresolved),
  render: renderInferenceEndpoint,
  estimate: (spec, options) => estimateInferenceEndpoint(spec, options),
};
