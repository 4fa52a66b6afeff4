import type { CfnScalableTarget, CfnScalingPolicy } from 'aws-cdk-lib/aws-applicationautoscaling';
import type { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { CfnLaunchTemplate, ISecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { CfnCluster, CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import type { IManagedPolicy, IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { CfnEndpoint, CfnEndpointConfig, CfnFeatureGroup, CfnInferenceComponent, CfnModel } from 'aws-cdk-lib/aws-sagemaker';
import { IConstruct } from 'constructs';
import { attachResources, resourcesOf } from '../../core/escape-hatch';

const RESOURCES = Symbol.for('ai-infra-constructs.aws-cdk.InferenceEndpointResources');

/**
 * Fields of `InferenceEndpointResources`.
 */
export interface InferenceEndpointResourcesProps {
  /** The SageMaker model. */
  readonly cfnModel: CfnModel;
  /** The endpoint configuration. */
  readonly cfnEndpointConfig: CfnEndpointConfig;
  /** The endpoint. */
  readonly cfnEndpoint: CfnEndpoint;
  /**
   * The inference component (scale-to-zero endpoints only).
   * @default - none
   */
  readonly cfnInferenceComponent?: CfnInferenceComponent;
  /** The execution role. */
  readonly executionRole: IRole;
  /** The execution role's customer-managed policy. */
  readonly executionPolicy: IManagedPolicy;
  /**
   * The KMS key (created or imported), when anything is encrypted with one.
   * @default - none
   */
  readonly encryptionKey?: IKey;
  /**
   * The data-capture bucket, when request logging is on.
   * @default - none
   */
  readonly captureBucket?: IBucket;
  /** The Application Auto Scaling target. */
  readonly scalableTarget: CfnScalableTarget;
  /** The target-tracking policy. */
  readonly targetTrackingPolicy: CfnScalingPolicy;
  /**
   * The step policy that scales from zero.
   * @default - none
   */
  readonly scaleFromZeroPolicy?: CfnScalingPolicy;
  /**
   * The alarm that wakes a scaled-to-zero endpoint.
   * @default - none
   */
  readonly noCapacityAlarm?: CfnAlarm;
  /** The 5xx error alarm. */
  readonly errorsAlarm: CfnAlarm;
  /** The model latency alarm. */
  readonly latencyAlarm: CfnAlarm;
  /**
   * Security groups of the model, when it runs in a VPC.
   * @default - none
   */
  readonly securityGroups?: ISecurityGroup[];
}

/**
 * Typed access to the AWS resources behind an `InferenceEndpoint` (escape hatch).
 *
 * @example
 * const res = awscdk.InferenceEndpointResources.of(endpoint);
 * res.cfnEndpointConfig.addPropertyOverride('ProductionVariants.0.VolumeSizeInGB', 200);
 */
export class InferenceEndpointResources {
  /** The resources of an endpoint rendered to AWS. */
  public static of(endpoint: IConstruct): InferenceEndpointResources {
    return resourcesOf<InferenceEndpointResources>(endpoint, RESOURCES, 'an InferenceEndpoint rendered to AWS (inside an aws-cdk-lib Stack)');
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

  /** The SageMaker model. */
  public get cfnModel(): CfnModel { return this.resources.cfnModel; }
  /** The endpoint configuration. */
  public get cfnEndpointConfig(): CfnEndpointConfig { return this.resources.cfnEndpointConfig; }
  /** The endpoint. */
  public get cfnEndpoint(): CfnEndpoint { return this.resources.cfnEndpoint; }
  /** The execution role. */
  public get executionRole(): IRole { return this.resources.executionRole; }
}

const GPU_POOL_RESOURCES = Symbol.for('ai-infra-constructs.aws-cdk.GpuPoolResources');

/**
 * Fields of `GpuPoolResources`.
 */
export interface GpuPoolResourcesProps {
  /** The GPU managed node group. */
  readonly cfnNodegroup: CfnNodegroup;
  /** The GPU nodes' launch template (IMDSv2, encrypted root volume). */
  readonly launchTemplate: CfnLaunchTemplate;
  /** The node role. */
  readonly nodeRole: IRole;
  /** The node role's customer-managed policy. */
  readonly nodePolicy: IManagedPolicy;
  /**
   * The EKS cluster, when the pool created one.
   * @default - none (existing cluster)
   */
  readonly cfnCluster?: CfnCluster;
  /**
   * The system node group of a cluster the pool created.
   * @default - none
   */
  readonly systemNodegroup?: CfnNodegroup;
  /**
   * The KMS key (created or from the target), when one is used.
   * @default - none
   */
  readonly encryptionKey?: IKey;
}

/**
 * Typed access to the AWS resources behind a `GpuPool` (escape hatch).
 *
 * @example
 * awscdk.GpuPoolResources.of(pool).cfnNodegroup.addPropertyOverride('UpdateConfig.MaxUnavailablePercentage', 25);
 */
export class GpuPoolResources {
  /** The resources of a pool rendered to AWS. */
  public static of(pool: IConstruct): GpuPoolResources {
    return resourcesOf<GpuPoolResources>(pool, GPU_POOL_RESOURCES, 'a GpuPool rendered to AWS (inside an aws-cdk-lib Stack)');
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

  /** The GPU managed node group. */
  public get cfnNodegroup(): CfnNodegroup { return this.resources.cfnNodegroup; }
  /** The EKS cluster, when the pool created one. */
  public get cfnCluster(): CfnCluster | undefined { return this.resources.cfnCluster; }
}

const FEATURE_STORE_RESOURCES = Symbol.for('ai-infra-constructs.aws-cdk.FeatureStoreResources');

/**
 * Fields of `FeatureStoreResources`.
 */
export interface FeatureStoreResourcesProps {
  /** The SageMaker feature groups, by group name. */
  readonly featureGroups: Record<string, CfnFeatureGroup>;
  /** The role SageMaker uses to write the offline store. */
  readonly role: IRole;
  /** The role's customer-managed policy. */
  readonly policy: IManagedPolicy;
  /** The KMS key of the online and offline stores. */
  readonly encryptionKey: IKey;
  /**
   * The offline store bucket.
   * @default - none (offline store off)
   */
  readonly offlineBucket?: IBucket;
  /**
   * The bucket receiving the offline bucket's server access logs.
   * @default - none (offline store off)
   */
  readonly accessLogBucket?: IBucket;
}

/**
 * Typed access to the AWS resources behind a `FeatureStore` (escape hatch).
 */
export class FeatureStoreResources {
  /** The resources of a feature store rendered to AWS. */
  public static of(store: IConstruct): FeatureStoreResources {
    return resourcesOf<FeatureStoreResources>(store, FEATURE_STORE_RESOURCES, 'a FeatureStore rendered to AWS (inside an aws-cdk-lib Stack)');
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
