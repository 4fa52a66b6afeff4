/*
 * Our own cdk-nag 3 rule pack for what the public packs lack (research/security.md §1.7). Loaded only when
 * `awscdk.CompliancePacks.apply` is called (cdk-nag is an optional peer dependency).
 * Rule ids: `AiInfra-<id>`; each mirrors an AWS Config managed rule where one exists. Rules read the synthesized
 * properties, so escape-hatch overrides cannot slip past them.
 */
import { CfnResource, Stack } from 'aws-cdk-lib/core';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { PROFILE_METADATA } from './compliance';

/** One rule of the pack (also listed in the README's rule table). */
export interface AiInfraRule {
  readonly id: string;
  readonly title: string;
  readonly mirrors: string;
  /** Applies only under profiles with private networking. */
  readonly privateNetworkingOnly?: boolean;
  readonly check: (node: CfnResource) => NagRuleResult;
}

const NA = NagRuleCompliance.NOT_APPLICABLE;
const ok = (b: boolean) => (b ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT);

/** The resource's CloudFormation properties as synthesized, escape-hatch overrides included (cdk-nag's own rules read the L1 props and miss them). */
function cfnProps(node: CfnResource): any {
  const cfn = Stack.of(node).resolve((node as any)._toCloudFormation());
  return (Object.values(cfn.Resources ?? {})[0] as any)?.Properties ?? {};
}
const of = (type: string) => (node: CfnResource, check: (p: any) => boolean): NagRuleResult => (node.cfnResourceType === type ? ok(check(cfnProps(node))) : NA);

export const AI_INFRA_RULES: AiInfraRule[] = [
  {
    id: 'SM1',
    title: 'SageMaker models run with network isolation',
    mirrors: 'AWS Config sagemaker-model-isolation-enabled',
    check: (n) => of('AWS::SageMaker::Model')(n, (p) => p.EnableNetworkIsolation === true),
  },
  {
    id: 'SM2',
    title: 'SageMaker models run in a VPC (profiles with private networking)',
    mirrors: 'AWS Config sagemaker-model-in-vpc',
    privateNetworkingOnly: true,
    check: (n) => of('AWS::SageMaker::Model')(n, (p) => p.VpcConfig !== undefined),
  },
  {
    id: 'SM3',
    title: 'SageMaker data capture (prompts and responses) is encrypted with a KMS key',
    mirrors: 'none (AWS Config checks the endpoint volume key only)',
    check: (n) => (n.cfnResourceType === 'AWS::SageMaker::EndpointConfig' && cfnProps(n).DataCaptureConfig
      ? ok(cfnProps(n).DataCaptureConfig.KmsKeyId !== undefined) : NA),
  },
  {
    id: 'FS1',
    title: 'SageMaker feature groups encrypt the online and offline stores with a KMS key',
    mirrors: 'none',
    check: (n) => of('AWS::SageMaker::FeatureGroup')(n, (p) => (!p.OnlineStoreConfig?.EnableOnlineStore || p.OnlineStoreConfig?.SecurityConfig?.KmsKeyId !== undefined)
      && (!p.OfflineStoreConfig || p.OfflineStoreConfig?.S3StorageConfig?.KmsKeyId !== undefined)),
  },
  {
    id: 'EKS1',
    title: 'EKS clusters envelope-encrypt Kubernetes secrets with a KMS key',
    mirrors: 'AWS Config eks-secrets-encrypted',
    check: (n) => of('AWS::EKS::Cluster')(n, (p) => (p.EncryptionConfig ?? []).some((c: any) => c.Provider?.KeyArn !== undefined && (c.Resources ?? []).includes('secrets'))),
  },
  {
    id: 'EKS2',
    title: 'EKS node groups use a launch template (so IMDSv2 can be required)',
    mirrors: 'none (EKS default launch templates allow IMDSv1)',
    check: (n) => of('AWS::EKS::Nodegroup')(n, (p) => p.LaunchTemplate !== undefined),
  },
  {
    id: 'EC2',
    title: 'Launch templates require IMDSv2 (HttpTokens required)',
    mirrors: 'AWS Config ec2-imdsv2-check',
    check: (n) => of('AWS::EC2::LaunchTemplate')(n, (p) => p.LaunchTemplateData?.MetadataOptions?.HttpTokens === 'required'),
  },
];

/** Options of the pack. */
export interface AiInfraChecksProps extends NagPackProps {
  /** Apply the private-networking rules. */
  readonly privateNetworking?: boolean;
}

/** cdk-nag 3 pack `AiInfra`. */
export class AiInfraChecks extends NagPack {
  public readonly name = 'AiInfra';
  private readonly privateNetworking: boolean;

  constructor(scope?: IConstruct, props: AiInfraChecksProps = {}) {
    super(scope, props);
    this.packName = 'AiInfra';
    this.privateNetworking = props.privateNetworking ?? false;
  }

  protected checkResource(node: CfnResource): void {
    // Our constructs record their effective profile on their resources; other resources get the pack's profile.
    const recorded = node.getMetadata(PROFILE_METADATA) as { privateNetworking?: boolean } | undefined;
    const privateNetworking = recorded?.privateNetworking ?? this.privateNetworking;
    for (const rule of AI_INFRA_RULES) {
      if (rule.privateNetworkingOnly && !privateNetworking) continue;
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: `${rule.title}.`,
        explanation: `Mirrors: ${rule.mirrors}.`,
        level: NagMessageLevel.ERROR,
        node,
        rule: Object.defineProperty((x: CfnResource) => rule.check(x), 'name', { value: rule.id }) as any,
      });
    }
  }
}
