import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { lazyRenderer, RENDERER_FILES } from '../../core/lazy';
import { bindRenderer, ConstructKind, Renderer, RendererModule } from '../../core/renderer';
import { Cloud, ITarget } from '../../core/target';

// Renderers (and with them the engine) load on first use: requiring this module never loads the engine.
const tokenTest = () => require('aws-cdk-lib/core').Token.isUnresolved;
const renderers = Object.fromEntries(Object.entries(RENDERER_FILES).map(([kind, file]) => [
  kind, lazyRenderer(() => require(`./${file}`).renderer as RendererModule<any, any, AwsCdkTargetOptions>, tokenTest),
])) as Record<ConstructKind, () => RendererModule<any, any, AwsCdkTargetOptions>>;

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
  /**
   * The SNS topic alarms notify (5xx errors, latency).
   * @default - one topic per stack, encrypted with its own key
   */
  readonly alarmTopic?: ITopic;
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
  public _renderer(kind: ConstructKind): Renderer<any, any> {
    return bindRenderer(renderers[kind](), this.options);
  }
}
