import { lazyRenderer, RENDERER_FILES } from '../../core/lazy';
import { bindRenderer, ConstructKind, Renderer, RendererModule } from '../../core/renderer';
import { Cloud, ITarget } from '../../core/target';

// Renderers (and with them cdktf and the provider's deep modules) load on first use.
const tokenTest = () => require('../shared-tf/engine').isUnresolved;
const renderers = Object.fromEntries(Object.entries(RENDERER_FILES).map(([kind, file]) => [
  kind, lazyRenderer(() => require(`./${file}`).renderer as RendererModule<any, any, AwsTfTargetOptions>, tokenTest),
])) as Record<ConstructKind, () => RendererModule<any, any, AwsTfTargetOptions>>;

/**
 * Options for the AWS Terraform (cdktf) target: the region, and existing resources to import into.
 */
export interface AwsTfTargetOptions {
  /** AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * An existing VPC id for models that run in a private network and for the nodes of GpuPools. Requires `subnetIds`.
   * @default - when the profile requires private networking, a private isolated VPC is created per stack (endpoints);
   * clusters that GpuPools create get a VPC with private node subnets and one NAT gateway per stack
   */
  readonly vpcId?: string;
  /**
   * Private subnet ids of `vpcId` to place models and GPU nodes in.
   * @default - none (required with vpcId)
   */
  readonly subnetIds?: string[];
  /**
   * Security group ids for models in `vpcId` (and extra security groups of clusters that GpuPools create).
   * @default - a security group per endpoint with no inbound rules and HTTPS egress to the VPC only
   */
  readonly securityGroupIds?: string[];
  /**
   * CIDR block of `vpcId`, for the HTTPS egress rule of the endpoint security groups.
   * @default - read with an `aws_vpc` data source
   */
  readonly vpcCidrBlock?: string;
  /**
   * ARN of an existing customer-managed KMS key used for everything the constructs encrypt.
   * @default - a key (rotation on, prevent_destroy) is created per construct that needs one
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM role ARNs given cluster-admin access (EKS access entries with AmazonEKSClusterAdminPolicy) on clusters that
   * GpuPools create. The identity that runs Terraform gets no implicit admin access.
   * @default - none
   */
  readonly clusterAdminRoleArns?: string[];
  /**
   * ARN of the SNS topic alarms notify (5xx errors, latency).
   * @default - one topic per stack, encrypted with its own key
   */
  readonly alarmTopicArn?: string;
  /**
   * Declare the `aws` provider (region) in the stack when the stack has none.
   * @default true
   */
  readonly configureProvider?: boolean;
}

/**
 * Renders to AWS with cdktf and `@cdktf/provider-aws` (deep imports only): the same constructs, secure defaults,
 * compliance profiles, tags and cost estimates as the CloudFormation target, for teams that deploy with Terraform.
 *
 * `Target.bind(stack, new tfaws.AwsTfTarget({ region: 'us-east-1' }))`
 */
export class AwsTfTarget implements ITarget {
  public readonly targetName = 'tf-aws';
  public readonly cloud = Cloud.AWS;
  /** The options this target was created with. */
  public readonly options: AwsTfTargetOptions;

  constructor(options: AwsTfTargetOptions) {
    this.options = options;
  }

  /** @internal */
  public _renderer(kind: ConstructKind): Renderer<any, any> {
    return bindRenderer(renderers[kind](), this.options);
  }
}
