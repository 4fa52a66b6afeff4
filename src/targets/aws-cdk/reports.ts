/*
 * The cost report beside the CloudFormation templates (cdk.out/cost-report.json and .md), written by a validation
 * plugin that our constructs register once per Stage (aws-cdk-lib runs plugins after writing the templates).
 */
import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Stage, Validations } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { buildCostReport, costReportMarkdown } from '../../core/cost-report';

const REGISTERED = Symbol.for('ai-infra-constructs.aws-cdk.CostReport');

class CostReportPlugin implements IPolicyValidationPlugin {
  public readonly name = 'ai-infra-constructs-cost-report';
  constructor(private readonly stage: IConstruct) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (context.templatePaths.length > 0) {
      const dir = path.dirname(context.templatePaths[0]);
      const report = buildCostReport(this.stage);
      fs.writeFileSync(path.join(dir, 'cost-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, 'cost-report.md'), costReportMarkdown(report));
    }
    return { success: true, violations: [] };
  }
}

/** Registers the cost report for the Stage of `scope` (once). */
export function ensureCostReport(scope: IConstruct): void {
  const stage = Stage.of(scope) as any;
  if (!stage || stage[REGISTERED]) return;
  Object.defineProperty(stage, REGISTERED, { value: true });
  Validations.of(stage).addPlugins(new CostReportPlugin(stage));
}
