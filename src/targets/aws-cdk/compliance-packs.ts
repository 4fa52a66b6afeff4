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
 * A compliance report (`compliance-report.json` / `.md`: acknowledged findings per stack) is written beside the
 * templates.
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
    Validations.of(scope).addPlugins(...packs, new ComplianceReportPlugin() as any);
    return packs.map((p) => p.name);
  }

  private constructor() {}
}

/**
 * Writes `compliance-report.json` and `compliance-report.md` beside the synthesized templates: the acknowledged
 * findings (from the templates' `ai-infra-constructs:acknowledgement` Metadata) per stack, for auditors.
 * @internal
 */
export class ComplianceReportPlugin {
  public readonly name = 'ai-infra-constructs-compliance-report';

  public validate(context: { templatePaths: string[] }): { success: boolean; violations: never[] } {
    const fs = require('fs') as typeof import('fs');
    const path = require('path') as typeof import('path');
    const { reportMarkdown } = require('../../core/compliance-report') as typeof import('../../core/compliance-report');
    const stacks: Array<{ name: string; unacknowledgedFindings: number }> = [];
    const acknowledged: Array<{ stack: string; ruleId: string; resource: string; reason: string }> = [];
    for (const file of context.templatePaths) {
      const name = path.basename(file).replace(/\.template\.json$/, '');
      const template = JSON.parse(fs.readFileSync(file, 'utf8'));
      stacks.push({ name, unacknowledgedFindings: 0 }); // findings fail synth before this report is useful
      for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
        for (const a of resource.Metadata?.['ai-infra-constructs:acknowledgement'] ?? []) {
          for (const ruleId of a.ruleIds) acknowledged.push({ stack: name, ruleId, resource: resource.Metadata?.['aws:cdk:path'] ?? logicalId, reason: a.reason });
        }
      }
    }
    if (context.templatePaths.length > 0) {
      const dir = path.dirname(context.templatePaths[0]);
      const report = { engine: 'aws-cdk', stacks, acknowledged };
      fs.writeFileSync(path.join(dir, 'compliance-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, 'compliance-report.md'), reportMarkdown(report));
    }
    return { success: true, violations: [] };
  }
}
