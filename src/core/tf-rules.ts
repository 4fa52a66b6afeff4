/**
 * Terraform compliance rules as data (pure): each rule reads one resource's synthesized JSON (after overrides) and
 * answers pass, fail, n/a, or unknown when the value is an unresolved reference (unknown is reported, never passed).
 * Rule ids mirror checkov's where checkov has the check (`CKV_*`, `CKV2_*`); `AI_*` ids are ours.
 * @internal
 */
export type RuleOutcome = 'pass' | 'fail' | 'unknown' | 'n/a';

/** @internal */
export interface TfRule {
  readonly id: string;
  readonly title: string;
  /** Terraform resource type the rule reads. */
  readonly resourceType: string;
  /** Which profiles the rule belongs to: every profile, or those with customer-managed keys / private networking. */
  readonly when: 'always' | 'customerManagedKeys' | 'privateNetworking';
  /** What the rule mirrors (checkov id, or "ours"). */
  readonly mirrors: string;
  /** How to fix a failure. */
  readonly fix: string;
  readonly check: (attrs: any) => RuleOutcome;
}

/** An unresolved Terraform expression (a reference or interpolation). @internal */
export function isExpression(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** `v` must equal `expected`; references are unknown. @internal */
export function equals(v: unknown, expected: unknown): RuleOutcome {
  if (v === expected) return 'pass';
  return isExpression(v) ? 'unknown' : 'fail';
}

/** `v` must be present (a reference counts: it names something). @internal */
export function present(v: unknown): RuleOutcome {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? 'fail' : 'pass';
}

/** `v` must not equal `forbidden` (absent passes). @internal */
export function notEquals(v: unknown, forbidden: unknown): RuleOutcome {
  if (v === forbidden) return 'fail';
  return isExpression(v) ? 'unknown' : 'pass';
}

/** Reads a nested attribute; single-element lists (Terraform blocks) are stepped through. @internal */
export function at(attrs: any, path: string): any {
  let cur = attrs;
  for (const key of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === undefined || cur === null) return undefined;
    cur = cur[key];
  }
  return Array.isArray(cur) && cur.length === 1 && typeof cur[0] === 'object' ? cur[0] : cur;
}

/** Every outcome passes (n/a ignored). @internal */
export function all(...outcomes: RuleOutcome[]): RuleOutcome {
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('unknown')) return 'unknown';
  return outcomes.every((o) => o === 'n/a') ? 'n/a' : 'pass';
}
