/*
 * The cost report beside the CloudFormation templates (cdk.out/cost-report.json and .md), written by a validation
 * plugin that our constructs register once per Stage (aws-cdk-lib runs plugins after writing the templates).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Stack, Stage, Validations } from 'aws-cdk-lib/core';
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

const LIMIT_CHECKED = Symbol.for('ai-infra-constructs.aws-cdk.ResourceLimit');
/** CloudFormation's limit of resources per stack. */
export const MAX_RESOURCES_PER_STACK = 500;

/**
 * Fails synth (not deploy) when the stack of `scope` would exceed CloudFormation's 500-resources-per-stack limit,
 * naming the count and what to do.
 */
function ensureResourceLimit(scope: IConstruct): void {
  const stack = Stack.of(scope) as any;
  if (stack[LIMIT_CHECKED]) return;
  Object.defineProperty(stack, LIMIT_CHECKED, { value: true });
  stack.node.addValidation({
    validate: () => {
      const count = (stack as Stack).node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
      return count > MAX_RESOURCES_PER_STACK
        ? [`${count} CloudFormation resources in stack ${(stack as Stack).stackName} exceed the limit of ${MAX_RESOURCES_PER_STACK} per stack: `
          + 'split the constructs across stacks (for example one stack per group of tenants), or deploy will fail']
        : [];
    },
  });
}

/** Registers the cost report for the Stage of `scope` (once), and the stack's resource-limit check. */
export function ensureCostReport(scope: IConstruct): void {
  ensureResourceLimit(scope);
  const stage = Stage.of(scope) as any;
  if (!stage || stage[REGISTERED]) return;
  Object.defineProperty(stage, REGISTERED, { value: true });
  Validations.of(stage).addPlugins(new CostReportPlugin(stage));
}
