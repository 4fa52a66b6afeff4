import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import type { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import type { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import type { SagemakerFeatureGroup } from '@cdktf/provider-aws/lib/sagemaker-feature-group';
import type { SagemakerModel } from '@cdktf/provider-aws/lib/sagemaker-model';
import { IConstruct } from 'constructs';
import { attachResources, resourcesOf } from '../../core/escape-hatch';

const ENDPOINT = Symbol.for('ai-infra-constructs.tf-aws.InferenceEndpointResources');
const POOL = Symbol.for('ai-infra-constructs.tf-aws.GpuPoolResources');
const STORE = Symbol.for('ai-infra-constructs.tf-aws.FeatureStoreResources');

/**
 * Fields of `InferenceEndpointResources` (AWS, Terraform).
 */
export interface InferenceEndpointResourcesProps {
  /** The SageMaker model. */
  readonly model: SagemakerModel;
  /** The SageMaker endpoint. */
  readonly endpoint: SagemakerEndpoint;
  /**
   * The endpoint configuration (instance variants).
   * @default - none (scale to zero: the configuration is an awscc resource, in `construct.node` as `EndpointConfig`)
   */
  readonly endpointConfiguration?: SagemakerEndpointConfiguration;
  /** The execution role and its customer-managed policy. */
  readonly executionRole: IamRole;
  readonly executionPolicy: IamPolicy;
  /**
   * The KMS key created for the endpoint.
   * @default - none (the tenant's or the target's key, or no key needed)
   */
  readonly key?: KmsKey;
  /**
   * The data-capture bucket.
   * @default - none (request logging off)
   */
  readonly captureBucket?: S3Bucket;
}

/**
 * Typed access to the Terraform AWS resources behind an `InferenceEndpoint` (escape hatch).
 */
export class InferenceEndpointResources {
  /** The resources of an endpoint rendered with the tf-aws target. */
  public static of(endpoint: IConstruct): InferenceEndpointResources {
    return resourcesOf<InferenceEndpointResources>(endpoint, ENDPOINT, 'an InferenceEndpoint rendered to AWS with Terraform');
  }

  /** @internal */
  public static _attach(endpoint: IConstruct, r: InferenceEndpointResources): void {
    attachResources(endpoint, ENDPOINT, r);
  }

  /** The resources. */
  public readonly resources: InferenceEndpointResourcesProps;

  constructor(props: InferenceEndpointResourcesProps) {
    this.resources = props;
  }
}

/**
 * Fields of `GpuPoolResources` (AWS, Terraform).
 */
export interface GpuPoolResourcesProps {
  /** The GPU node group. */
  readonly nodeGroup: EksNodeGroup;
  /** Its launch template (IMDSv2, encrypted root volume). */
  readonly launchTemplate: LaunchTemplate;
  /** The node role. */
  readonly nodeRole: IamRole;
  /**
   * The EKS cluster, when the pool created one.
   * @default - none (existing cluster)
   */
  readonly cluster?: EksCluster;
  /**
   * The system node group of a cluster the pool created.
   * @default - none
   */
  readonly systemNodeGroup?: EksNodeGroup;
  /**
   * The KMS key created for secrets and volumes.
   * @default - none (the target's key)
   */
  readonly key?: KmsKey;
}

/**
 * Typed access to the Terraform AWS resources behind a `GpuPool` (escape hatch).
 */
export class GpuPoolResources {
  /** The resources of a pool rendered with the tf-aws target. */
  public static of(pool: IConstruct): GpuPoolResources {
    return resourcesOf<GpuPoolResources>(pool, POOL, 'a GpuPool rendered to AWS with Terraform');
  }

  /** @internal */
  public static _attach(pool: IConstruct, r: GpuPoolResources): void {
    attachResources(pool, POOL, r);
  }

  /** The resources. */
  public readonly resources: GpuPoolResourcesProps;

  constructor(props: GpuPoolResourcesProps) {
    this.resources = props;
  }
}

/**
 * Fields of `FeatureStoreResources` (AWS, Terraform).
 */
export interface FeatureStoreResourcesProps {
  /** One SageMaker feature group per group, by group name. */
  readonly featureGroups: Record<string, SagemakerFeatureGroup>;
  /** The role SageMaker uses to write the offline store. */
  readonly role: IamRole;
  /**
   * The offline-store bucket.
   * @default - none (offline store off)
   */
  readonly offlineBucket?: S3Bucket;
  /**
   * The KMS key created for the store.
   * @default - none (the tenant's or the target's key)
   */
  readonly key?: KmsKey;
}

/**
 * Typed access to the Terraform AWS resources behind a `FeatureStore` (escape hatch).
 */
export class FeatureStoreResources {
  /** The resources of a feature store rendered with the tf-aws target. */
  public static of(store: IConstruct): FeatureStoreResources {
    return resourcesOf<FeatureStoreResources>(store, STORE, 'a FeatureStore rendered to AWS with Terraform');
  }

  /** @internal */
  public static _attach(store: IConstruct, r: FeatureStoreResources): void {
    attachResources(store, STORE, r);
  }

  /** The resources. */
  public readonly resources: FeatureStoreResourcesProps;

  constructor(props: FeatureStoreResourcesProps) {
    this.resources = props;
  }
}
