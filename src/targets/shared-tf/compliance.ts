/*
 * The Terraform compliance rule engine: evaluates every resource of a stack (in the stack's synthesized JSON,
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
/** The error cdktf's stack validation throws (so a finding fails synth with the message it always had). */
const stackValidationFailure: (errorList: string) => Error = require('cdktf/lib/errors').stackValidationFailure;
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
    onSynthesize: (session: ISynthesisSession) => engine.reportsTo(path.join(session.outdir, session.manifest.forStack(stack).workingDirectory)),
  });
}

/** The findings of a stack's engine (after synth). */
export function complianceFindings(stack: TerraformStack): { failed: TfFinding[]; acknowledged: TfFinding[] } {
  const engine = (stack as any)[ENGINE] as ComplianceEngine | undefined;
  return { failed: engine?.failed ?? [], acknowledged: engine?.acknowledged ?? [] };
}

/** The key of the record in the stack's `locals`. */
const RECORD_LOCAL = 'ai_infra_constructs_compliance';

/**
 * Evaluates the rules on the stack's synthesized JSON: the output `stack.toTerraform()` produces anyway, so a rule
 * reads exactly what Terraform gets (stack- and resource-level overrides included) and no resource is serialized
 * twice. (An aspect that serialized and resolved each resource on its own was ~6% of a Google stack's synth.)
 *
 * A synthesis (cdktf invokes the stack's aspects, this engine among them, then validates the stack, runs custom
 * synthesis and writes the stack's JSON) asks for the findings before the JSON exists: in the stack validation and
 * for the reports. Within a synthesis both are therefore requests, met by the `toTerraform()` that ends it: it
 * serializes the stack as it is then, evaluates the rules on that JSON, fails with cdktf's validation error if
 * validation was asked for and a finding is unacknowledged, and writes the reports. Nothing serialized is ever kept
 * for a later call. Outside a synthesis (a validation run by hand), a call evaluates the stack there and then.
 */
class ComplianceEngine implements IAspect {
  public failed: TfFinding[] = [];
  public acknowledged: TfFinding[] = [];
  private evaluated = 0;
  private readonly typesWithRules: Set<string>;
  /** What the current synthesis asked for (undefined outside one). */
  private synthesis?: { validate: boolean; reportDir?: string };
  private evaluating = false;
  private readonly synthesize: () => any;
  private recordAdded = false;

  constructor(private readonly stack: TerraformStack, private readonly rules: TfRule[]) {
    this.typesWithRules = new Set(rules.map((r) => r.resourceType));
    this.synthesize = stack.toTerraform.bind(stack);
    (stack as any).toTerraform = () => this.toTerraform();
    // HCL output does not go through toTerraform(): it meets the requests with a serialization of its own, and
    // cdktf's HCL renderer drops stack-level overrides other than `terraform`, so the record is appended here.
    const toHcl = stack.toHclTerraform.bind(stack);
    (stack as any).toHclTerraform = () => {
      const requests = this.takeRequests();
      this.addRecord();
      if (requests || this.recordAdded) {
        this.evaluate();
        this.meet(requests);
      }
      const out = toHcl();
      return this.recordAdded ? { ...out, hcl: `${out.hcl}\n\n${hclLocals(RECORD_LOCAL, this.record())}\n` } : out;
    };
  }

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    this.synthesis = { validate: false };
    // A synthesis runs in one go: requests left by one that failed half-way do not outlive it.
    queueMicrotask(() => {
      this.synthesis = undefined;
    });
    this.addRecord();
  }

  /** Stack validation: a request within a synthesis, else the findings of the stack as it is. */
  public errors(): string[] {
    if (this.synthesis) {
      this.synthesis.validate = true;
      return [];
    }
    this.evaluate();
    return this.messages();
  }

  /** Reports: a request within a synthesis, else written from the stack as it is. */
  public reportsTo(dir: string): void {
    if (this.synthesis) {
      this.synthesis.reportDir = dir;
      return;
    }
    this.evaluate();
    this.writeReports(dir);
  }

  /** The stack's JSON, with the rules evaluated on it and their record in its `locals`; ends a synthesis. */
  private toTerraform(): any {
    const requests = this.takeRequests();
    const json = this.evaluate();
    this.meet(requests);
    return json;
  }

  /** Ends the current synthesis; what it asked for, if anything. */
  private takeRequests(): { validate: boolean; reportDir?: string } | undefined {
    const requests = this.synthesis;
    this.synthesis = undefined;
    return requests && (requests.validate || requests.reportDir) ? requests : undefined;
  }

  /** Fails as cdktf's stack validation would on an unacknowledged finding, and writes the reports, as asked. */
  private meet(requests: { validate: boolean; reportDir?: string } | undefined): void {
    if (requests?.validate && this.failed.length > 0) {
      throw stackValidationFailure(this.messages().map((m) => `[${this.stack.node.path}] ${m}`).join('\n  '));
    }
    if (requests?.reportDir) this.writeReports(requests.reportDir);
  }

  /** Synthesizes the stack's JSON (cdktf's own `toTerraform`) and evaluates the rules on it. */
  private evaluate(): any {
    this.addRecord();
    this.evaluating = true;
    let json: any;
    try {
      json = this.synthesize();
    } finally {
      this.evaluating = false;
    }
    this.failed = [];
    this.acknowledged = [];
    this.evaluated = 0;
    for (const node of this.stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node)) continue;
      const resource = node as TerraformResource;
      if (!this.typesWithRules.has(resource.terraformResourceType)) continue;
      this.evaluateResource(resource, json.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {});
    }
    if (this.recordAdded) (json.locals ??= {})[RECORD_LOCAL] = literalStrings(this.record());
    return json;
  }

  private evaluateResource(resource: TerraformResource, attrs: Record<string, unknown>): void {
    const controls = profileOf(resource).controls;
    for (const rule of this.rules) {
      if (rule.resourceType !== resource.terraformResourceType) continue;
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
  }

  /**
   * Declares the record in the stack (`locals.ai_infra_constructs_compliance`) once the stack has a resource that
   * rules apply to. `evaluate` writes its value into the JSON; resolved anywhere else, it evaluates the stack first.
   */
  private addRecord(): void {
    if (this.recordAdded) return;
    const hasRules = this.stack.node.findAll().some((n) => TerraformResource.isTerraformResource(n)
      && this.typesWithRules.has((n as TerraformResource).terraformResourceType));
    if (!hasRules) return;
    this.recordAdded = true;
    this.stack.addOverride(`locals.${RECORD_LOCAL}`, Lazy.anyValue({
      produce: () => {
        if (this.evaluating) return {}; // `evaluate` writes the value once the rules have read the JSON
        this.evaluate();
        return literalStrings(this.record());
      },
    }));
  }

  /** The record as plain data (reasons as written); each output format escapes it in its own way. */
  private record(): unknown {
    return {
      rules_evaluated: this.evaluated,
      acknowledged: this.acknowledged.map((f) => ({ rule: f.ruleId, resource: f.address, reason: f.reason })),
    };
  }

  private writeReports(dir: string): void {
    // The report writers load only when reports are written (`cdktf synth`), not with the target.
    const { reportMarkdown } = require('../../core/compliance-report') as typeof import('../../core/compliance-report');
    const { buildCostReport, costReportMarkdown } = require('../../core/cost-report') as typeof import('../../core/cost-report');
    const name = this.stack.node.id;
    const report: ComplianceReport = {
      engine: 'cdktf',
      stacks: [{ name, rulesEvaluated: this.evaluated, unacknowledgedFindings: this.failed.length }],
      acknowledged: this.acknowledged.map((f) => ({ stack: name, ruleId: f.ruleId, resource: f.address, reason: f.reason! })),
    };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'compliance-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'compliance-report.md'), reportMarkdown(report));
    const cost = buildCostReport(this.stack, this.stack);
    fs.writeFileSync(path.join(dir, 'cost-report.json'), `${JSON.stringify(cost, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'cost-report.md'), costReportMarkdown(cost));
  }

  private messages(): string[] {
    return this.failed.map((f) => `${f.ruleId} ${f.title}: ${f.address} (${f.path}) `
      + `${f.outcome === 'unknown' ? 'cannot be proven at synth (the value is an unresolved reference)' : 'fails'}; fix: ${f.fix}; `
      + `or acknowledge it: Compliance.acknowledge(scope, { ruleId: '${f.ruleId}', reason })`);
  }
}

/**
 * A JSON value whose strings Terraform reads literally. Terraform's JSON syntax treats every string as a template, so
 * an acknowledgement's reason that mentions `${var.x}` or `%{` would be evaluated (or fail validation): they are
 * written `$${` and `%%{`, which Terraform reads back as the text written.
 */
function literalStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/([$%])\{/g, '$1$1{');
  if (Array.isArray(value)) return value.map(literalStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalStrings(v)]));
  return value;
}

/**
 * A `locals` block holding one JSON value, in HCL native syntax. (cdktf's own renderer writes some strings unquoted,
 * e.g. one starting with `[` or holding `${`, and does not escape newlines; an acknowledgement's reason is free text.)
 */
export function hclLocals(name: string, value: unknown): string {
  return `locals {\n  ${name} = ${hclValue(value, '  ')}\n}`;
}

function hclValue(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${hclValue(v, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k)} = ${hclValue(v, inner)}\n`).join('')}${indent}}`;
}

/** A quoted HCL string: JSON's escapes less `\b` and `\f` (HCL has neither), and template sequences escaped. */
function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if ((c === '$' || c === '%') && s[i + 1] === '{') out += c + c; // `${` and `%{` start templates: `$${`, `%%{`
    else out += c;
  }
  return `${out}"`;
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
