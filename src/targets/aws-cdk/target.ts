import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import type { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import type { GpuPoolOutputs, GpuPoolSpec } from '../../core/gpu-pool/spec';
import type { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { lazyRenderer } from '../../core/lazy';
import { Cloud, ITarget } from '../../core/target';
import type { SecureTenantSpec } from '../../core/tenant';

// The renderer (and with it the engine) loads on first use: requiring this module never loads the engine.
const tokenTest = () => require('aws-cdk-lib/core').Token.isUnresolved;
const load = lazyRenderer(() => require('./inference-endpoint') as typeof import('./inference-endpoint'), tokenTest);
const loadGpuPool = lazyRenderer(() => require('./gpu-pool') as typeof import('./gpu-pool'), tokenTest);
const loadFeatureStore = lazyRenderer(() => require('./feature-store') as typeof import('./feature-store'), tokenTest);
const loadTenant = lazyRenderer(() => require('./tenant') as typeof import('./tenant'), tokenTest);

/**
 * Options for the AWS CDK target: existing resources to import into.
 */
export interface AwsCdkTargetOptions {
  /**
   * An existing VPC for models that run in a private network (all endpoints under the bound scope use it).
   * @default - when the compliance profile requires private networking, a private isolated VPC is created per stack
   */
  readonly vpc?: IVpc;
  /**
   * Subnets of `vpc` to place models in.
   * @default - the VPC's private (else isolated) subnets
   */
  readonly vpcSubnets?: SubnetSelection;
  /**
   * Security groups for models in `vpc`.
   * @default - a security group per endpoint with no inbound rules and HTTPS egress to the VPC only
   */
  readonly securityGroups?: ISecurityGroup[];
  /**
   * An existing customer-managed KMS key used for everything the constructs encrypt.
   * @default - a key (rotation on, retained on delete) is created per construct that needs one
   */
  readonly encryptionKey?: IKey;
  /**
   * IAM role ARNs given cluster-admin access (EKS access entries with AmazonEKSClusterAdminPolicy) on clusters that
   * GpuPools create. The creator of the stack gets no implicit admin access.
   * @default - none (a synth warning says how to add access)
   */
  readonly clusterAdminRoleArns?: string[];
}

/**
 * Renders to AWS with aws-cdk-lib (CloudFormation).
 *
 * Constructs inside an aws-cdk-lib `Stack` use a default `AwsCdkTarget`; bind one explicitly to import existing
 * resources: `Target.bind(stack, new awscdk.AwsCdkTarget({ vpc, encryptionKey }))`.
 */
export class AwsCdkTarget implements ITarget {
  public readonly targetName = 'aws-cdk';
  public readonly cloud = Cloud.AWS;
  /** The options this target was created with. */
  public readonly options: AwsCdkTargetOptions;

  constructor(options: AwsCdkTargetOptions = {}) {
    this.options = options;
  }

  /** @internal */
  public _validateInferenceEndpoint(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
    return load().validateInferenceEndpoint(spec, isUnresolved);
  }

  /** @internal */
  public _renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec): InferenceEndpointOutputs {
    return load().renderInferenceEndpoint(scope, spec, this.options);
  }

  /** @internal */
  public _estimateInferenceEndpoint(spec: InferenceEndpointSpec): CostEstimate {
    return load().estimateInferenceEndpoint(spec);
  }

  /** @internal */
  public _validateGpuPool(spec: GpuPoolSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
    return loadGpuPool().validateGpuPool(spec, this.options, isUnresolved);
  }

  /** @internal */
  public _renderGpuPool(scope: IConstruct, spec: GpuPoolSpec): GpuPoolOutputs {
    return loadGpuPool().renderGpuPool(scope, spec, this.options);
  }

  /** @internal */
  public _estimateGpuPool(spec: GpuPoolSpec): CostEstimate {
    return loadGpuPool().estimateGpuPool(spec, this.options);
  }

  /** @internal */
  public _validateFeatureStore(spec: FeatureStoreSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
    return loadFeatureStore().validateFeatureStore(spec, isUnresolved);
  }

  /** @internal */
  public _renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec): FeatureStoreOutputs {
    return loadFeatureStore().renderFeatureStore(scope, spec, this.options);
  }

  /** @internal */
  public _estimateFeatureStore(spec: FeatureStoreSpec): CostEstimate {
    return loadFeatureStore().estimateFeatureStore(spec, this.options);
  }

  /** @internal */
  public _validateSecureTenant(spec: SecureTenantSpec, _isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
    return loadTenant().validateSecureTenant(spec);
  }

  /** @internal */
  public _renderSecureTenant(scope: IConstruct, spec: SecureTenantSpec): unknown {
    return loadTenant().renderSecureTenant(scope, spec, this.options);
  }

  /** @internal */
  public _estimateSecureTenant(spec: SecureTenantSpec): CostEstimate {
    return loadTenant().estimateSecureTenant(spec);
  }
}
