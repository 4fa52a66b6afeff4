import type { IConstruct } from 'constructs';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import type { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { lazyRenderer } from '../../core/lazy';
import { Cloud, ITarget } from '../../core/target';

// The renderer (and with it the engine) loads on first use: requiring this module never loads the engine.
const load = lazyRenderer(
  () => require('./inference-endpoint') as typeof import('./inference-endpoint'),
  () => require('../shared-tf/engine').isUnresolved,
);

/**
 * Options for the Azure (cdktf) target.
 */
export interface AzureTargetOptions {
  /** Azure region, e.g. `eastus`. */
  readonly location: string;
  /** Name of the resource group the resources go into. */
  readonly resourceGroupName: string;
  /**
   * Create the resource group (otherwise it must exist).
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
}
