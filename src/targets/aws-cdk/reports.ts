/*
 * The cost report beside the CloudFormation templates (cdk.out/cost-report.json and .md), written by a validation
 * plugin that our constructs register once per Stage (aws-cdk-lib runs plugins after writing the templates).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Stack, Stage, Token, Validations } from 'aws-cdk-lib/core';
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
const SIZE_CHECKED = Symbol.for('ai-infra-constructs.aws-cdk.TemplateSize');
/** CloudFormation's limit of resources per stack. */
export const MAX_RESOURCES_PER_STACK = 500;
/**
 * CloudFormation refuses a template above this size ("Template may not exceed 1000000 bytes in size"), even from S3,
 * where the CDK CLI uploads every template file as written.
 */
export const MAX_TEMPLATE_BYTES = 1_000_000;

/**
 * Fails synth when the template of a stack holding our constructs is larger than CloudFormation accepts: a size
 * known only once the template is written, so this runs as a validation plugin, after aws-cdk-lib writes the files.
 * It names the stack, its size and its largest resources.
 */
class TemplateSizePlugin implements IPolicyValidationPlugin {
  public readonly name = 'ai-infra-constructs-limits';
  public readonly stacks = new Set<Stack>();
  constructor(private readonly stage: Stage) {}

  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations = [];
    for (const stack of this.stacks) {
      const file = path.join(this.stage.outdir, stack.templateFile);
      if (!fs.existsSync(file)) continue;
      const bytes = fs.statSync(file).size;
      if (bytes <= MAX_TEMPLATE_BYTES) continue;
      const resources = Object.entries<unknown>(JSON.parse(fs.readFileSync(file, 'utf8')).Resources ?? {})
        .map(([id, r]) => ({ id, bytes: JSON.stringify(r, undefined, 1).length }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 3);
      violations.push({
        ruleName: 'template-size',
        description: `The template of stack ${stackLabel(stack)} is ${grouped(bytes)} bytes; `
          + 'CloudFormation refuses templates over '
          + `${grouped(MAX_TEMPLATE_BYTES)} bytes, so deploy would fail. Largest resources: `
          + `${resources.map((r) => `${r.id} (${grouped(r.bytes)} bytes)`).join(', ')}.`,
        fix: 'Split the constructs across stacks: for example a FeatureStore\'s feature groups over several stores, or tenants over several stacks.',
        // the largest resource only: aws-cdk-lib prints the description once per violating resource
        violatingResources: resources.slice(0, 1).map((r) => ({ resourceLogicalId: r.id, templatePath: file, locations: [] })),
      });
    }
    return { success: violations.length === 0, violations };
  }
}

/** A stack's name, or its construct path where the name is a token (a nested stack's). */
function stackLabel(stack: Stack): string {
  return Token.isUnresolved(stack.stackName) ? stack.node.path : stack.stackName;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Registers the template-size check for the stack of `scope` (one plugin per Stage). */
function ensureTemplateSize(scope: IConstruct): void {
  const stack = Stack.of(scope);
  const stage = Stage.of(stack) as Stage & { [SIZE_CHECKED]?: TemplateSizePlugin };
  if (!stage) return;
  let plugin = stage[SIZE_CHECKED];
  if (!plugin) {
    plugin = new TemplateSizePlugin(stage);
    Object.defineProperty(stage, SIZE_CHECKED, { value: plugin });
    Validations.of(stage).addPlugins(plugin);
  }
  plugin.stacks.add(stack);
}

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
        ? [`${count} CloudFormation resources in stack ${stackLabel(stack)} exceed the limit of ${MAX_RESOURCES_PER_STACK} per stack: `
          + 'split the constructs across stacks (for example one stack per group of tenants), or deploy will fail']
        : [];
    },
  });
}

/** Registers the cost report for the Stage of `scope` (once), and the stack's resource-count and template-size checks. */
export function ensureCostReport(scope: IConstruct): void {
  ensureResourceLimit(scope);
  ensureTemplateSize(scope);
  const stage = Stage.of(scope) as any;
  if (!stage || stage[REGISTERED]) return;
  Object.defineProperty(stage, REGISTERED, { value: true });
  Validations.of(stage).addPlugins(new CostReportPlugin(stage));
}
