import type { IConstruct } from 'constructs';
import { ComplianceProfile } from '../../core/compliance';

/**
 * Options for `CompliancePacks.apply`.
 */
export interface CompliancePacksOptions {
  /**
   * Print rule explanations with findings.
   * @default false
   */
  readonly verbose?: boolean;
}

/**
 * cdk-nag 3 rule packs for a compliance profile (cdk-nag is an optional peer dependency: `npm i -D cdk-nag@^3`).
 *
 * Always `AwsSolutions` and this library's own `AiInfra` pack (SageMaker model isolation and data-capture encryption,
 * feature-group KMS, EKS secrets encryption, IMDSv2 on node launch templates; model-in-VPC under private-networking
 * profiles); plus `HIPAA.Security` for HIPAA, `PCI.DSS.321` for PCI_DSS and `NIST.800.53.R5` for NIST_800_53.
 * Findings fail `cdk synth`; acknowledge a reviewed exception with `Compliance.acknowledge(scope, { ruleId, reason })`.
 */
export class CompliancePacks {
  /**
   * Registers the packs for `profile` on `scope` (an App or Stage) with `Validations.of(scope).addPlugins`.
   * @returns the names of the packs registered
   */
  public static apply(scope: IConstruct, profile: ComplianceProfile = ComplianceProfile.BASELINE, options: CompliancePacksOptions = {}): string[] {
    const nag = require('cdk-nag') as typeof import('cdk-nag');
    const { AiInfraChecks } = require('./nag-pack') as typeof import('./nag-pack');
    const { Validations } = require('aws-cdk-lib/core') as typeof import('aws-cdk-lib/core');
    const props = { verbose: options.verbose ?? false };
    const packs: import('cdk-nag').NagPack[] = [new nag.AwsSolutionsChecks(scope, props), new AiInfraChecks(scope, { ...props, privateNetworking: profile.controls.privateNetworking })];
    if (profile.name === ComplianceProfile.HIPAA.name) packs.push(new nag.HIPAASecurityChecks(scope, props));
    if (profile.name === ComplianceProfile.PCI_DSS.name) packs.push(new nag.PCIDSS321Checks(scope, props));
    if (profile.name === ComplianceProfile.NIST_800_53.name) packs.push(new nag.NIST80053R5Checks(scope, props));
    Validations.of(scope).addPlugins(...packs);
    return packs.map((p) => p.name);
  }

  private constructor() {}
}
