import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import type { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import type { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import type { MonitorAutoscaleSetting } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import type { RedisCache } from '@cdktf/provider-azurerm/lib/redis-cache';
import type { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { IConstruct } from 'constructs';
import { attachResources, resourcesOf } from '../../core/escape-hatch';
import type { TerraformResource } from '../shared-tf/engine';

const RESOURCES = Symbol.for('ai-infra-constructs.tf-azure.InferenceEndpointResources');

/**
 * Fields of `InferenceEndpointResources` (Azure).
 */
export interface InferenceEndpointResourcesProps {
  /** The Azure ML workspace. */
  readonly workspace: MachineLearningWorkspace;
  /** The managed online endpoint (`azapi_resource`). */
  readonly onlineEndpoint: TerraformResource;
  /** The managed online deployment (`azapi_resource`). */
  readonly deployment: TerraformResource;
  /** The autoscale setting of the deployment. */
  readonly autoscaleSetting: MonitorAutoscaleSetting;
}

/**
 * Typed access to the Azure resources behind an `InferenceEndpoint` (escape hatch).
 */
export class InferenceEndpointResources {
  /** The resources of an endpoint rendered to Azure. */
  public static of(endpoint: IConstruct): InferenceEndpointResources {
    return resourcesOf<InferenceEndpointResources>(endpoint, RESOURCES, 'an InferenceEndpoint rendered to Azure');
  }

  /** @internal */
  public static _attach(endpoint: IConstruct, r: InferenceEndpointResources): void {
    attachResources(endpoint, RESOURCES, r);
  }

  /** The resources. */
  public readonly resources: InferenceEndpointResourcesProps;

  constructor(props: InferenceEndpointResourcesProps) {
    this.resources = props;
  }
}

const GPU_POOL_RESOURCES = Symbol.for('ai-infra-constructs.tf-azure.GpuPoolResources');

/**
 * Fields of `GpuPoolResources` (Azure).
 */
export interface GpuPoolResourcesProps {
  /** The GPU node pool. */
  readonly nodePool: KubernetesClusterNodePool;
  /**
   * The AKS cluster, when the pool created one.
   * @default - none (existing cluster)
   */
  readonly cluster?: KubernetesCluster;
}

/**
 * Typed access to the Azure resources behind a `GpuPool` (escape hatch).
 */
export class GpuPoolResources {
  /** The resources of a pool rendered to Azure. */
  public static of(pool: IConstruct): GpuPoolResources {
    return resourcesOf<GpuPoolResources>(pool, GPU_POOL_RESOURCES, 'a GpuPool rendered to Azure');
  }

  /** @internal */
  public static _attach(pool: IConstruct, r: GpuPoolResources): void {
    attachResources(pool, GPU_POOL_RESOURCES, r);
  }

  /** The resources. */
  public readonly resources: GpuPoolResourcesProps;

  constructor(props: GpuPoolResourcesProps) {
    this.resources = props;
  }
}

const FEATURE_STORE_RESOURCES = Symbol.for('ai-infra-constructs.tf-azure.FeatureStoreResources');

/**
 * Fields of `FeatureStoreResources` (Azure).
 */
export interface FeatureStoreResourcesProps {
  /** The Azure ML workspace of kind FeatureStore. */
  readonly workspace: MachineLearningWorkspace;
  /** The ADLS Gen2 offline store account. */
  readonly offlineStorage: StorageAccount;
  /**
   * The Key Vault holding the storage key.
   * @default - none (the tenant's vault)
   */
  readonly keyVault?: KeyVault;
  /**
   * The customer-managed storage key.
   * @default - none (the tenant's key)
   */
  readonly storageKey?: KeyVaultKey;
  /**
   * The Redis online store.
   * @default - none (online store off)
   */
  readonly onlineStore?: RedisCache;
  /**
   * The materialization identity.
   * @default - none (the tenant's identity)
   */
  readonly materializationIdentity?: UserAssignedIdentity;
  /** One feature store entity (`azapi_resource`) per group, by group name. */
  readonly entities: Record<string, TerraformResource>;
  /** FeatureSetSpec YAML per group, to register with the Azure ML CLI or SDK. */
  readonly featureSetSpecs: Record<string, string>;
}

/**
 * Typed access to the Azure resources behind a `FeatureStore` (escape hatch).
 */
export class FeatureStoreResources {
  /** The resources of a feature store rendered to Azure. */
  public static of(store: IConstruct): FeatureStoreResources {
    return resourcesOf<FeatureStoreResources>(store, FEATURE_STORE_RESOURCES, 'a FeatureStore rendered to Azure');
  }

  /** @internal */
  public static _attach(store: IConstruct, r: FeatureStoreResources): void {
    attachResources(store, FEATURE_STORE_RESOURCES, r);
  }

  /** The resources. */
  public readonly resources: FeatureStoreResourcesProps;
  /** FeatureSetSpec YAML per group. */
  public readonly featureSetSpecs: Record<string, string>;

  constructor(props: FeatureStoreResourcesProps) {
    this.resources = props;
    this.featureSetSpecs = props.featureSetSpecs;
  }
}
