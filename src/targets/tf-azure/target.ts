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
 * Options for the Azure (cdktf) target.
 */
export interface AzureTargetOptions {
  /** Azure region, e.g. `eastus`. */
  readonly location: string;
  /** Name of the resource group the resources go into. */
  readonly resourceGroupName: string;
  /**
   * Create the resource group (otherwise it must exist). It is created once per stack and protected from destroy
   * (deleting a resource group deletes everything in it).
   * @default false
   */
  readonly createResourceGroup?: boolean;
  /**
   * Subnet id for private endpoints to the Azure ML workspace (how clients reach a workspace with public network
   * access disabled).
   * @default - no private endpoint is created; add your own
   */
  readonly privateEndpointSubnetId?: string;
  /**
   * IP ranges (CIDR) of the machines that run `terraform apply`, allowed through the Key Vault firewall so keys can
   * be created (data-plane calls).
   * @default - none: the Key Vault denies all public traffic except trusted Azure services
   */
  readonly deployerIpRanges?: string[];
  /**
   * Subnet id for AKS nodes (bring your own VNet): the system pool of clusters that GpuPools create, and GPU pools.
   * Required for GPU pools added to an existing cluster whose nodes use your own VNet.
   * @default - AKS creates and manages the VNet of a new cluster; an existing cluster's pools use its default
   */
  readonly nodeSubnetId?: string;
  /**
   * Declare the `azurerm` provider (with `features {}`) in the stack when the stack has none.
   * @default true
   */
  readonly configureProvider?: boolean;
}

/**
 * Renders to Microsoft Azure with cdktf and `@cdktf/provider-azurerm` (deep imports only), plus `azapi` for
 * resources azurerm lacks (Azure ML online endpoints and deployments).
 *
 * `Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod' }))`
 */
export class AzureTarget implements ITarget {
  public readonly targetName = 'tf-azure';
  public readonly cloud = Cloud.AZURE;
  /** The options this target was created with. */
  public readonly options: AzureTargetOptions;

  constructor(options: AzureTargetOptions) {
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
