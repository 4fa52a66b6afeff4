import type { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import type { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import type { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { VertexAiEndpointWithModelGardenDeployment } from '@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment';
import type { VertexAiFeatureGroup } from '@cdktf/provider-google/lib/vertex-ai-feature-group';
import type { VertexAiFeatureOnlineStore } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { IConstruct } from 'constructs';
import { attachResources, resourcesOf } from '../../core/escape-hatch';

const RESOURCES = Symbol.for('ai-infra-constructs.tf-gcp.InferenceEndpointResources');

/**
 * Fields of `InferenceEndpointResources` (GCP).
 */
export interface InferenceEndpointResourcesProps {
  /**
   * The Cloud Run v2 service (`ModelSource.container`).
   * @default - none
   */
  readonly cloudRunService?: CloudRunV2Service;
  /**
   * The Vertex AI endpoint with its Model Garden deployment (`ModelSource.huggingFace`).
   * @default - none
   */
  readonly vertexEndpoint?: VertexAiEndpointWithModelGardenDeployment;
  /**
   * The dedicated service account (Cloud Run).
   * @default - none
   */
  readonly serviceAccount?: ServiceAccount;
  /**
   * The CMEK key created for the endpoint.
   * @default - none (an existing key from the target options, or no CMEK)
   */
  readonly cryptoKey?: KmsCryptoKey;
}

/**
 * Typed access to the Google Cloud resources behind an `InferenceEndpoint` (escape hatch).
 */
export class InferenceEndpointResources {
  /** The resources of an endpoint rendered to GCP. */
  public static of(endpoint: IConstruct): InferenceEndpointResources {
    return resourcesOf<InferenceEndpointResources>(endpoint, RESOURCES, 'an InferenceEndpoint rendered to GCP');
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

const GPU_POOL_RESOURCES = Symbol.for('ai-infra-constructs.tf-gcp.GpuPoolResources');

/**
 * Fields of `GpuPoolResources` (GCP).
 */
export interface GpuPoolResourcesProps {
  /** The GPU node pool. */
  readonly nodePool: ContainerNodePool;
  /**
   * The GKE cluster, when the pool created one.
   * @default - none (existing cluster)
   */
  readonly cluster?: ContainerCluster;
  /**
   * The system node pool of a cluster the pool created.
   * @default - none
   */
  readonly systemNodePool?: ContainerNodePool;
  /** The node service account. */
  readonly nodeServiceAccount: ServiceAccount;
  /**
   * The CMEK key created for boot disks and cluster secrets.
   * @default - none (the target's existing key)
   */
  readonly cryptoKey?: KmsCryptoKey;
}

/**
 * Typed access to the Google Cloud resources behind a `GpuPool` (escape hatch).
 */
export class GpuPoolResources {
  /** The resources of a pool rendered to GCP. */
  public static of(pool: IConstruct): GpuPoolResources {
    return resourcesOf<GpuPoolResources>(pool, GPU_POOL_RESOURCES, 'a GpuPool rendered to GCP');
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

const FEATURE_STORE_RESOURCES = Symbol.for('ai-infra-constructs.tf-gcp.FeatureStoreResources');

/**
 * Fields of `FeatureStoreResources` (GCP).
 */
export interface FeatureStoreResourcesProps {
  /** The BigQuery offline dataset. */
  readonly dataset: BigqueryDataset;
  /** One BigQuery table per group, by group name. */
  readonly tables: Record<string, BigqueryTable>;
  /** One Vertex AI feature group per group, by group name. */
  readonly featureGroups: Record<string, VertexAiFeatureGroup>;
  /**
   * The Vertex AI feature online store.
   * @default - none (online store off)
   */
  readonly onlineStore?: VertexAiFeatureOnlineStore;
  /**
   * The CMEK key created for the dataset.
   * @default - none (the target's existing key)
   */
  readonly cryptoKey?: KmsCryptoKey;
}

/**
 * Typed access to the Google Cloud resources behind a `FeatureStore` (escape hatch).
 */
export class FeatureStoreResources {
  /** The resources of a feature store rendered to GCP. */
  public static of(store: IConstruct): FeatureStoreResources {
    return resourcesOf<FeatureStoreResources>(store, FEATURE_STORE_RESOURCES, 'a FeatureStore rendered to GCP');
  }

  /** @internal */
  public static _attach(store: IConstruct, r: FeatureStoreResources): void {
    attachResources(store, FEATURE_STORE_RESOURCES, r);
  }

  /** The resources. */
  public readonly resources: FeatureStoreResourcesProps;

  constructor(props: FeatureStoreResourcesProps) {
    this.resources = props;
  }
}
