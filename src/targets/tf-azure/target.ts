import { lazyRenderer, RENDERER_FILES } from '../../core/lazy';
import { bindRenderer, ConstructKind, Renderer, RendererModule } from '../../core/renderer';
import { Cloud, ITarget } from '../../core/target';

// Renderers (and with them the engine) load on first use: requiring this module never loads the engine.
const tokenTest = () => require('../shared-tf/engine').isUnresolved;
const renderers = Object.fromEntries(Object.entries(RENDERER_FILES).map(([kind, file]) => [
  kind, lazyRenderer(() => require(`./${file}`).renderer as RendererModule<any, any, AzureTargetOptions>, tokenTest),
])) as Record<ConstructKind, () => RendererModule<any, any, AzureTargetOptions>>;

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
  public _renderer(kind: ConstructKind): Renderer<any, any> {
    return bindRenderer(renderers[kind](), this.options);
  }
}
