import { lazyRenderer, RENDERER_FILES } from '../../core/lazy';
import { bindRenderer, ConstructKind, Renderer, RendererModule } from '../../core/renderer';
import { Cloud, ITarget } from '../../core/target';

// Renderers (and with them the engine) load on first use: requiring this module never loads the engine.
const tokenTest = () => require('../shared-tf/engine').isUnresolved;
const renderers = Object.fromEntries(Object.entries(RENDERER_FILES).map(([kind, file]) => [
  kind, lazyRenderer(() => require(`./${file}`).renderer as RendererModule<any, any, GcpTargetOptions>, tokenTest),
])) as Record<ConstructKind, () => RendererModule<any, any, GcpTargetOptions>>;

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
  public _renderer(kind: ConstructKind): Renderer<any, any> {
    return bindRenderer(renderers[kind](), this.options);
  }
}
