/*
 * The Terraform compliance rule engine: a cdktf Aspect evaluates every resource of a stack (its synthesized JSON,
 * overrides included) against the cloud's rules for the resource's effective profile; unacknowledged failures and
 * unknowns fail `cdktf synth` (a stack validation) with the rule id, resource path and fix. Acknowledged findings
 * are written into the stack as `locals.ai_infra_constructs_compliance`, the Terraform-side record for auditors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Aspects, IAspect, ISynthesisSession, Lazy, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ACKNOWLEDGEMENT_METADATA } from '../../core/acknowledgement';
import { ComplianceProfile } from '../../core/compliance';
import type { ComplianceReport } from '../../core/compliance-report';
import { RuleOutcome, TfRule } from '../../core/tf-rules';

const ENGINE = Symbol.for('ai-infra-constructs.tf.ComplianceEngine');
/** cdktf's own token resolution (what synth writes), so rules read `${aws_x.y.id}` references, not token markers. */
const resolveTf: (scope: IConstruct, obj: unknown) => unknown = require('cdktf/lib/_tokens').resolve;
/** cdktf's hook for writing files beside a stack's synthesized JSON (not re-exported from the package root). */
const addCustomSynthesis: (c: IConstruct, s: { onSynthesize(session: ISynthesisSession): void }) => void = require('cdktf/lib/synthesize/synthesizer').addCustomSynthesis;

/** One evaluated finding. */
export interface TfFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly path: string;
  readonly address: string;
  readonly outcome: RuleOutcome;
  readonly fix: string;
  readonly reason?: string;
}

/** Attaches the rule engine to the stack of `scope` (once per stack). */
export function ensureComplianceEngine(scope: IConstruct, rules: TfRule[]): void {
  const stack = TerraformStack.of(scope) as any;
  if (stack[ENGINE]) return;
  const engine = new ComplianceEngine(stack, rules);
  Object.defineProperty(stack, ENGINE, { value: engine });
  Aspects.of(stack).add(engine);
  stack.node.addValidation({ validate: () => engine.errors() });
  // The reports beside the synthesized stack (cdktf.out/stacks/<stack>/{compliance,cost}-report.{json,md}).
  addCustomSynthesis(stack, {
    onSynthesize: (session: ISynthesisSession) => {
      const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      // The report writers load only when reports are written (`cdktf synth`), not with the target.
      const { reportMarkdown } = require('../../core/compliance-report') as typeof import('../../core/compliance-report');
      const { buildCostReport, costReportMarkdown } = require('../../core/cost-report') as typeof import('../../core/cost-report');
      const report = engine.report();
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'compliance-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, 'compliance-report.md'), reportMarkdown(report));
      const cost = buildCostReport(stack, stack);
      fs.writeFileSync(path.join(dir, 'cost-report.json'), `${JSON.stringify(cost, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, 'cost-report.md'), costReportMarkdown(cost));
    },
  });
}

/** The findings of a stack's engine (after synth). */
export function complianceFindings(stack: TerraformStack): { failed: TfFinding[]; acknowledged: TfFinding[] } {
  const engine = (stack as any)[ENGINE] as ComplianceEngine | undefined;
  return { failed: engine?.failed ?? [], acknowledged: engine?.acknowledged ?? [] };
}

class ComplianceEngine implements IAspect {
  public readonly failed: TfFinding[] = [];
  public readonly acknowledged: TfFinding[] = [];
  private readonly seen = new Set<IConstruct>();
  private evaluated = 0;
  private recorded = false;

  constructor(private readonly stack: TerraformStack, private readonly rules: TfRule[]) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node) || this.seen.has(node)) return;
    this.seen.add(node);
    const resource = node as TerraformResource;
    const rules = this.rules.filter((r) => r.resourceType === resource.terraformResourceType);
    if (rules.length === 0) return;
    const written: Record<string, Record<string, unknown>> = (resource.toTerraform() as any).resource?.[resource.terraformResourceType] ?? {};
    const attrs = resolvedOnRead(this.stack, Object.values(written)[0] ?? {});
    const controls = profileOf(resource).controls;
    for (const rule of rules) {
      if ((rule.when === 'customerManagedKeys' && !controls.customerManagedKeys) || (rule.when === 'privateNetworking' && !controls.privateNetworking)) continue;
      this.evaluated++;
      const outcome = rule.check(attrs);
      if (outcome === 'pass' || outcome === 'n/a') continue;
      const finding = {
        ruleId: rule.id, title: rule.title, path: resource.node.path, address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, outcome, fix: rule.fix,
      };
      const reason = acknowledgement(resource, rule.id);
      if (reason) this.acknowledged.push({ ...finding, reason });
      else this.failed.push(finding);
    }
    this.recordInStack();
  }

  /** Writes the record into the stack once; it is produced when the stack is synthesized (after every visit). */
  private recordInStack(): void {
    if (this.recorded) return;
    this.recorded = true;
    this.stack.addOverride('locals.ai_infra_constructs_compliance', Lazy.anyValue({
      produce: () => ({
        rules_evaluated: this.evaluated,
        acknowledged: this.acknowledged.map((f) => ({ rule: f.ruleId, resource: f.address, reason: f.reason })),
      }),
    }));
  }

  public report(): ComplianceReport {
    const name = this.stack.node.id;
    return {
      engine: 'cdktf',
      stacks: [{ name, rulesEvaluated: this.evaluated, unacknowledgedFindings: this.failed.length }],
      acknowledged: this.acknowledged.map((f) => ({ stack: name, ruleId: f.ruleId, resource: f.address, reason: f.reason! })),
    };
  }

  public errors(): string[] {
    return this.failed.map((f) => `${f.ruleId} ${f.title}: ${f.address} (${f.path}) `
      + `${f.outcome === 'unknown' ? 'cannot be proven at synth (the value is an unresolved reference)' : 'fails'}; fix: ${f.fix}; `
      + `or acknowledge it: Compliance.acknowledge(scope, { ruleId: '${f.ruleId}', reason })`);
  }
}

/**
 * The resource's attributes as synth writes them, each resolved when a rule first reads it: rules read a few
 * attributes, and resolving all of them (cdktf resolves the whole stack again when it writes it) was a tenth of a
 * stack's synth time.
 */
function resolvedOnRead(stack: TerraformStack, attrs: Record<string, unknown>): Record<string, unknown> {
  const resolved = new Map<PropertyKey, unknown>();
  return new Proxy(attrs, {
    get: (target, key) => {
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return undefined;
      if (!resolved.has(key)) resolved.set(key, resolveTf(stack, target[key]));
      return resolved.get(key);
    },
  });
}

/** The effective profile: the nearest construct of ours that records one, else the scope's. */
function profileOf(node: IConstruct): ComplianceProfile {
  for (const s of [...node.node.scopes].reverse()) {
    const p = (s as any).compliance;
    if (p && typeof p === 'object' && p.controls) return p as ComplianceProfile;
  }
  return ComplianceProfile.of(node);
}

function acknowledgement(node: IConstruct, ruleId: string): string | undefined {
  for (const s of [...node.node.scopes].reverse()) {
    for (const m of s.node.metadata) {
      if (m.type === ACKNOWLEDGEMENT_METADATA && (m.data as any).ruleIds?.includes(ruleId)) return (m.data as any).reason;
    }
  }
  return undefined;
}
