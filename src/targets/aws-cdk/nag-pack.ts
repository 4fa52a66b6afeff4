/*
 * Our own cdk-nag 3 rule pack for what the public packs lack (research/security.md §1.7). Loaded only when
 * `awscdk.CompliancePacks.apply` is called (cdk-nag is an optional peer dependency).
 * Rule ids: `AiInfra-<id>`; each mirrors an AWS Config managed rule where one exists.
 */
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnCluster, CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import { CfnEndpointConfig, CfnFeatureGroup, CfnModel } from 'aws-cdk-lib/aws-sagemaker';
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

const r = (node: CfnResource, v: unknown) => Stack.of(node).resolve(v);
const NA = NagRuleCompliance.NOT_APPLICABLE;
const ok = (b: boolean) => (b ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT);

export const AI_INFRA_RULES: AiInfraRule[] = [
  {
    id: 'SM1',
    title: 'SageMaker models run with network isolation',
    mirrors: 'AWS Config sagemaker-model-isolation-enabled',
    check: (n) => (n instanceof CfnModel ? ok(r(n, n.enableNetworkIsolation) === true) : NA),
  },
  {
    id: 'SM2',
    title: 'SageMaker models run in a VPC (profiles with private networking)',
    mirrors: 'AWS Config sagemaker-model-in-vpc',
    privateNetworkingOnly: true,
    check: (n) => (n instanceof CfnModel ? ok(r(n, n.vpcConfig) !== undefined) : NA),
  },
  {
    id: 'SM3',
    title: 'SageMaker data capture (prompts and responses) is encrypted with a KMS key',
    mirrors: 'none (AWS Config checks the endpoint volume key only)',
    check: (n) => {
      if (!(n instanceof CfnEndpointConfig)) return NA;
      const capture = r(n, n.dataCaptureConfig);
      return capture === undefined ? NA : ok(capture.kmsKeyId !== undefined || capture.KmsKeyId !== undefined);
    },
  },
  {
    id: 'FS1',
    title: 'SageMaker feature groups encrypt the online and offline stores with a KMS key',
    mirrors: 'none',
    check: (n) => {
      if (!(n instanceof CfnFeatureGroup)) return NA;
      const online = r(n, n.onlineStoreConfig);
      const offline = r(n, n.offlineStoreConfig);
      const onlineOk = !online?.EnableOnlineStore || online?.SecurityConfig?.KmsKeyId !== undefined;
      const offlineOk = !offline || offline?.S3StorageConfig?.KmsKeyId !== undefined;
      return ok(onlineOk && offlineOk);
    },
  },
  {
    id: 'EKS1',
    title: 'EKS clusters envelope-encrypt Kubernetes secrets with a KMS key',
    mirrors: 'AWS Config eks-secrets-encrypted',
    check: (n) => {
      if (!(n instanceof CfnCluster)) return NA;
      const cfg = r(n, n.encryptionConfig) as any[] | undefined;
      return ok((cfg ?? []).some((c) => (c.provider?.keyArn ?? c.Provider?.KeyArn) !== undefined && (c.resources ?? c.Resources ?? []).includes('secrets')));
    },
  },
  {
    id: 'EKS2',
    title: 'EKS node groups use a launch template (so IMDSv2 can be required)',
    mirrors: 'none (EKS default launch templates allow IMDSv1)',
    check: (n) => (n instanceof CfnNodegroup ? ok(r(n, n.launchTemplate) !== undefined) : NA),
  },
  {
    id: 'EC2',
    title: 'Launch templates require IMDSv2 (HttpTokens required)',
    mirrors: 'AWS Config ec2-imdsv2-check',
    check: (n) => {
      if (!(n instanceof CfnLaunchTemplate)) return NA;
      const data = r(n, n.launchTemplateData);
      const tokens = data?.metadataOptions?.httpTokens ?? data?.MetadataOptions?.HttpTokens;
      return ok(tokens === 'required');
    },
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
