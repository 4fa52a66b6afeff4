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
const tokenTest = () => require('../shared-tf/engine').isUnresolved;
const load = lazyRenderer(() => require('./inference-endpoint') as typeof import('./inference-endpoint'), tokenTest);
const loadGpuPool = lazyRenderer(() => require('./gpu-pool') as typeof import('./gpu-pool'), tokenTest);
const loadFeatureStore = lazyRenderer(() => require('./feature-store') as typeof import('./feature-store'), tokenTest);
const loadTenant = lazyRenderer(() => require('./tenant') as typeof import('./tenant'), tokenTest);

/**
 * Options for the GCP (cdktf) target.
 */
export interface GcpTargetOptions {
  /** GCP project id. */
  readonly project: string;
  /** Region for regional resources, e.g. `us-central1`. */
  readonly region: string;
  /**
   * An existing Cloud KMS crypto key (`projects/…/locations/…/keyRings/…/cryptoKeys/…`) used for CMEK.
   * @default - a key ring and key (90-day rotation, prevent_destroy) are created per construct that needs one
   */
  readonly kmsKeyName?: string;
  /**
   * VPC network (self link or name) for Cloud Run direct VPC egress, and for GKE clusters that GpuPools create.
   * Requires `subnetwork`.
   * @default - Cloud Run: no VPC egress (the service reaches Google APIs only); GKE: a network, subnet and Cloud NAT per cluster
   */
  readonly network?: string;
  /**
   * Subnetwork for Cloud Run direct VPC egress and GKE nodes (GKE creates the pod and service ranges).
   * @default - none
   */
  readonly subnetwork?: string;
  /**
   * CIDR ranges allowed to reach the control plane of GKE clusters that GpuPools create (master authorized
   * networks). Google Cloud public IPs are never allowed.
   * @default - none: only the cluster's VPC (and the private endpoint) reaches the control plane
   */
  readonly masterAuthorizedNetworks?: string[];
  /**
   * Billing account id (XXXXXX-XXXXXX-XXXXXX) for SecureTenant budgets.
   * @default - none (a tenant with monthlyBudgetUsd fails at synth)
   */
  readonly billingAccount?: string;
  /**
   * Numeric id of an Access Context Manager policy: SecureTenants put the project in a VPC Service Controls perimeter
   * restricting the services the constructs use. A project belongs to one regular perimeter, so per-tenant perimeters
   * need a project per tenant (stack per tenant).
   * @default - no perimeter
   */
  readonly accessPolicy?: string;
  /**
   * Declare the `google` provider (project, region) in the stack when the stack has none.
   * @default true
   */
  readonly configureProvider?: boolean;
}

/**
 * Renders to Google Cloud with cdktf and `@cdktf/provider-google` (deep imports only).
 *
 * `Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }))`
 */
export class GcpTarget implements ITarget {
  public readonly targetName = 'tf-gcp';
  public readonly cloud = Cloud.GCP;
  /** The options this target was created with. */
  public readonly options: GcpTargetOptions;

  constructor(options: GcpTargetOptions) {
    this.options = options;
  }

  /** @internal */
  public _validateInferenceEndpoint(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
    return load().validateInferenceEndpoint(spec, this.options, isUnresolved);
  }

  /** @internal */
  public _renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec): InferenceEndpointOutputs {
    return load().renderInferenceEndpoint(scope, spec, this.options);
  }

  /** @internal */
  public _estimateInferenceEndpoint(spec: InferenceEndpointSpec): CostEstimate {
    return load().estimateInferenceEndpoint(spec, this.options);
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
    return loadFeatureStore().validateFeatureStore(spec, this.options, isUnresolved);
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
    return loadTenant().validateSecureTenant(spec, this.options);
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
