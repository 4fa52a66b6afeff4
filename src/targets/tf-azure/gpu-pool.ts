/*
 * GpuPool → Azure Kubernetes Service (cdktf azurerm, deep imports only).
 *
 * No cluster given: a private AKS cluster (no public FQDN) on the Standard tier, with Kubernetes RBAC and Azure RBAC
 * through Entra ID, local accounts disabled, Azure CNI overlay with Cilium network policy, workload identity, Azure
 * Policy, image cleaner, no run-command, and automatic patch and node-image upgrades. Its default pool is a small
 * system pool (critical add-ons only, host encryption). Existing cluster: by ARM id, or by name through a data source.
 * Under profiles that require customer-managed keys, node OS disks of a created cluster are encrypted through a disk
 * encryption set with the tenant's key or a new rotating Key Vault key (an existing cluster keeps its own setting).
 * Always: a user node pool with the GPU VM size, tainted nvidia.com/gpu=true:NoSchedule, host encryption (needs the
 * EncryptionAtHost feature registered on the subscription), the NVIDIA driver installed by AKS, autoscaling
 * min..max, and Spot priority with eviction policy Delete when asked.
 * Names: AKS cluster names 1-63 characters; Linux node pool names 1-12 lowercase letters and digits, starting with a
 * letter; DNS prefixes 1-54 letters, digits and hyphens.
 */
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct, IConstruct } from 'constructs';
import { ensureAzurerm, RESOURCE_GROUP, RESOURCE_GROUP_HELP, resourceGroupName, rotatingKey, secureKeyVault, targetOptionIssues } from './common';
import { GpuPoolResources } from './resources';
import type { AzureTargetOptions } from './target';
import { azureTenant, tenantTags } from './tenancy';
import { CostDriver, CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { GPU_TAINT_KEY, GpuPoolOutputs, GpuPoolSpec } from '../../core/gpu-pool/spec';
import { clusterRefIssues } from '../../core/gpu-pool/validate';
import { claimNameProp, existingClusterPlace } from '../../core/names';
import { findShape, AcceleratorShape } from '../../core/offerings';
import { RendererModule } from '../../core/renderer';
import { azureTags } from '../../core/tags';
import { AKS_GPU_SHAPES, AZURE_FIXED } from '../shared-azure/accelerators';
import { isUnresolved as unresolvedTf, lastSegment, retain, shortHash } from '../shared-tf/engine';

const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9]$|^[a-zA-Z0-9]$/;
const CLUSTER_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;
const SYSTEM_VM_SIZE = 'Standard_D4ds_v5';
const SYSTEM_NODES = { min: 2, max: 3 };
/** AKS taints and labels Spot nodes itself; declaring the taint keeps Terraform from seeing a diff. */
const SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

export function validateGpuPool(spec: GpuPoolSpec, options: AzureTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  const { issue } = findShape(AKS_GPU_SHAPES, spec.accelerator, spec.acceleratorCount, 'AKS (Azure)');
  if (issue) issues.push(issue);
  if (spec.name !== undefined && !isUnresolved(spec.name) && !NODE_POOL_NAME.test(spec.name)) {
    issues.push({ prop: 'name', received: show(spec.name), allowed: 'an AKS node pool name: 1-12 lowercase letters and digits, starting with a letter' });
  }
  issues.push(...clusterRefIssues(spec, {
    id: CLUSTER_ID,
    idHelp: 'an AKS ARM id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>), or ExistingCluster.fromName(name, { resourceGroupName })',
    name: CLUSTER_NAME,
    nameHelp: 'an AKS cluster name: 1-63 letters, digits, hyphens and underscores',
    unusedOptions: ['location'],
    unusedHelp: 'no location on Azure (set resourceGroupName to find a cluster by name)',
    options: { resourceGroupName: [RESOURCE_GROUP, `a resourceGroupName that is ${RESOURCE_GROUP_HELP}`] },
  }, isUnresolved));
  return issues;
}

export function renderGpuPool(scope: IConstruct, spec: GpuPoolSpec, options: AzureTargetOptions): GpuPoolOutputs {
  if (spec.cluster) claimNameProp(scope, spec.name, 'AKS node pool', existingClusterPlace(spec.cluster), 'a node pool name no other GpuPool uses');
  ensureAzurerm(scope, options);
  const c = scope as Construct;
  const shape = shapeFor(spec);
  const tags = azureTags(tenantTags(spec.tags, spec.tenant), unresolvedTf);
  const location = options.location;

  let clusterId: string;
  let clusterName: string;
  let cluster: KubernetesCluster | undefined;
  if (spec.cluster?.id) {
    clusterId = spec.cluster.id;
    // The name ends the ARM id; a reference is split by Terraform (split at synth it would give the whole id back).
    clusterName = unresolvedTf(spec.cluster.id) ? lastSegment(spec.cluster.id) : spec.cluster.id.split('/').pop()!;
  } else if (spec.cluster) {
    const found = new DataAzurermKubernetesCluster(c, 'ExistingCluster', {
      name: spec.cluster.name!,
      resourceGroupName: spec.cluster.resourceGroupName ?? options.resourceGroupName,
    });
    clusterId = found.id;
    clusterName = spec.cluster.name!;
  } else {
    const client = new DataAzurermClientConfig(c, 'ClientConfig', {});
    const slug = c.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/^[^a-z0-9]+/, '').slice(0, 40) || 'gpu';
    const des = spec.compliance.controls.customerManagedKeys ? diskEncryptionSet(c, spec, options, client, slug, tags) : undefined;
    cluster = new KubernetesCluster(c, 'Cluster', {
      name: `${slug}-aks-${shortHash(c)}`,
      location,
      resourceGroupName: resourceGroupName(c, options),
      dnsPrefix: `${slug.slice(0, 36)}-${shortHash(c)}`,
      kubernetesVersion: spec.kubernetesVersion,
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      roleBasedAccessControlEnabled: true,
      localAccountDisabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: client.tenantId },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      azurePolicyEnabled: true,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      runCommandEnabled: false,
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      identity: { type: 'SystemAssigned' },
      // Node OS disks encrypted with a customer-managed key when the profile requires one (checkov CKV_AZURE_117).
      diskEncryptionSetId: des?.set.id,
      dependsOn: des ? [des.keyAccess] : undefined,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: 'cilium',
        networkDataPlane: 'cilium',
        loadBalancerSku: 'standard',
      },
      defaultNodePool: {
        name: 'system',
        vmSize: SYSTEM_VM_SIZE,
        autoScalingEnabled: true,
        minCount: SYSTEM_NODES.min,
        maxCount: SYSTEM_NODES.max,
        onlyCriticalAddonsEnabled: true,
        hostEncryptionEnabled: true,
        vnetSubnetId: options.nodeSubnetId,
        nodeLabels: { 'ai-infra-constructs.io/role': 'system' },
        upgradeSettings: { maxSurge: '10%' },
        tags,
      },
      tags,
    });
    clusterId = cluster.id;
    clusterName = cluster.name;
    if (des) {
      // AKS reads the disk encryption set with its own identity when it creates node disks.
      new RoleAssignment(c, 'ClusterReadsDiskEncryptionSet', { scope: des.set.id, roleDefinitionName: 'Reader', principalId: cluster.identity.principalId });
    }
  }

  const taints = [`${GPU_TAINT_KEY}=true:NoSchedule`];
  if (spec.spot) taints.push(SPOT_TAINT);
  const pool = new KubernetesClusterNodePool(c, 'Resource', {
    name: spec.name ?? `gpu${shortHash(c)}`,
    kubernetesClusterId: clusterId,
    mode: 'User',
    vmSize: shape.type,
    osType: 'Linux',
    osDiskSizeGb: spec.diskSizeGiB,
    autoScalingEnabled: true,
    minCount: spec.minNodes,
    maxCount: spec.maxNodes,
    nodeTaints: taints,
    nodeLabels: spec.nodeLabels,
    hostEncryptionEnabled: true,
    gpuDriver: 'Install',
    vnetSubnetId: options.nodeSubnetId,
    priority: spec.spot ? 'Spot' : 'Regular',
    evictionPolicy: spec.spot ? 'Delete' : undefined,
    spotMaxPrice: spec.spot ? -1 : undefined, // pay up to the on-demand price; never evicted for price
    // Replace one node at a time instead of surging: no spare GPU quota needed. (Spot pools take no surge settings:
    // AKS cordons and evicts them in place.)
    upgradeSettings: spec.spot ? undefined : { maxSurge: '0', maxUnavailable: '1' },
    tags,
  });

  GpuPoolResources._attach(c, new GpuPoolResources({ nodePool: pool, cluster }));
  return { clusterName, clusterId, nodePoolName: pool.name, createdCluster: cluster !== undefined };
}

/**
 * A disk encryption set for the cluster's node OS disks: the tenant's Key Vault key, or a new retained vault (purge
 * protection, RBAC, deny-by-default firewall) and rotating key; the set follows key rotation and its identity may
 * wrap and unwrap with the key (Key Vault Crypto Service Encryption User on the vault).
 */
function diskEncryptionSet(c: Construct, spec: GpuPoolSpec, options: AzureTargetOptions, client: DataAzurermClientConfig, slug: string, tags: Record<string, string>) {
  const tenant = azureTenant(spec.tenant, c);
  let vaultId: string;
  let keyId: string;
  if (tenant) {
    vaultId = tenant.keyVaultId;
    keyId = tenant.keyVersionlessId;
  } else {
    const vault = secureKeyVault(c, 'KeyVault', { location: options.location, resourceGroupName: resourceGroupName(c, options), tenantId: client.tenantId, deployerIpRanges: options.deployerIpRanges, tags });
    retain(vault);
    const key = rotatingKey(c, 'DiskKey', { vaultId: vault.id, name: 'aks-disk-cmk', deployerObjectId: client.objectId, tags });
    retain(key);
    vaultId = vault.id;
    keyId = key.versionlessId;
  }
  const set = new DiskEncryptionSet(c, 'DiskEncryptionSet', {
    name: `${slug.slice(0, 60)}-des-${shortHash(c)}`,
    location: options.location,
    resourceGroupName: resourceGroupName(c, options),
    keyVaultKeyId: keyId,
    autoKeyRotationEnabled: true,
    encryptionType: 'EncryptionAtRestWithCustomerKey',
    identity: { type: 'SystemAssigned' },
    tags,
  });
  const keyAccess = new RoleAssignment(c, 'DiskEncryptionSetKeyAccess', { scope: vaultId, roleDefinitionName: 'Key Vault Crypto Service Encryption User', principalId: set.identity.principalId });
  return { set, keyAccess };
}

export function estimateGpuPool(spec: GpuPoolSpec, _options: AzureTargetOptions): CostEstimate {
  const shape = shapeFor(spec);
  const drivers: CostDriver[] = [hourlyDriver(`${shape.type} GPU node (Azure VM ${spec.spot ? 'Spot; priced at pay-as-you-go' : 'pay-as-you-go'})`, spec.minNodes, spec.maxNodes, shape.price)];
  const assumptions = [
    'Pay-as-you-go Linux VM rates, eastus, 730 h/month',
    `OS disks (${spec.diskSizeGiB} GiB per node), load balancer and egress are usage-priced and not included`,
  ];
  if (spec.spot) assumptions.push('Spot priority: the estimate uses the pay-as-you-go price as a ceiling (spotMaxPrice -1 caps Spot at it)');
  if (!spec.cluster) {
    drivers.push(hourlyDriver('AKS Standard tier (control-plane SLA)', 1, 1, AZURE_FIXED.aksStandardTier));
    drivers.push(hourlyDriver(`${SYSTEM_VM_SIZE} system nodes`, SYSTEM_NODES.min, SYSTEM_NODES.max,
      AZURE_FIXED.d4dsV5));
    if (spec.compliance.controls.customerManagedKeys) {
      const k = AZURE_FIXED.keyVaultKeySoftware;
      drivers.push(fixedDriver('Key Vault key for node disk encryption (software-protected)', k.usd, k.source, k.asOf, k.region));
    }
  }
  if (shape.notes) assumptions.push(`${shape.type}: ${shape.notes}`);
  return estimate(drivers, assumptions);
}

function shapeFor(spec: GpuPoolSpec): AcceleratorShape {
  return findShape(AKS_GPU_SHAPES, spec.accelerator, spec.acceleratorCount, 'AKS').shape!;
}

/** The GpuPool renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<GpuPoolSpec, ReturnType<typeof renderGpuPool>, AzureTargetOptions> = {
  validate: (spec, options, isUnresolved) => validateGpuPool(spec, options, isUnresolved),
  render: renderGpuPool,
  estimate: (spec, options) => estimateGpuPool(spec, options),
};
