import { ValidationIssue, show } from './errors';
import { awsTagIssue } from './tags';

/**
 * Shared input checks. Unresolved tokens are skipped, never compared.
 * @internal
 */
export class Checks {
  public readonly issues: ValidationIssue[] = [];

  constructor(private readonly isUnresolved: (x: unknown) => boolean) {}

  /** True when `v` is a concrete value (not a token). */
  public known(v: unknown): boolean {
    return !this.isUnresolved(v);
  }

  /** `v` must be an integer in [min, max]. */
  public intIn(prop: string, v: number, min: number, max: number): void {
    if (typeof v !== 'number') {
      this.issues.push({ prop, received: show(v), allowed: 'a number' });
    } else if (this.known(v) && (!Number.isInteger(v) || v < min || v > max)) {
      this.issues.push({ prop, received: show(v), allowed: `an integer from ${min} to ${max}` });
    }
  }

  /** `low` must not exceed `high`. */
  public notAbove(lowProp: string, low: number, highProp: string, high: number): void {
    if (this.known(low) && this.known(high) && Number.isFinite(low) && Number.isFinite(high) && low > high) {
      this.issues.push({ prop: lowProp, received: `${low} (${highProp} is ${high})`, allowed: `a value <= ${highProp}` });
    }
  }

  /**
   * Tags must be valid on every cloud before per-cloud normalisation. `from` names the prop a tag's value came from
   * (e.g. the tenant's `cost-center` tag from `costCenter`), so an issue names what the user wrote.
   */
  public tags(tags: Record<string, string>, from: Record<string, { prop: string; value: unknown }> = {}): void {
    for (const [k, v] of Object.entries(tags)) {
      const source = from[k] && from[k].value === v ? from[k].prop : undefined;
      if (typeof v !== 'string') {
        this.issues.push({ prop: source ?? `tags.${k}`, received: show(v), allowed: 'a string value' });
        continue;
      }
      const problem = this.known(k) && this.known(v) ? awsTagIssue(k, v) : undefined;
      if (problem) this.issues.push({ prop: source ?? `tags.${k}`, received: source ? show(v) : show(`${k}=${v}`), allowed: problem });
    }
  }

  public push(...issues: ValidationIssue[]): void {
    this.issues.push(...issues);
  }
}

/**
 * Type checks for JavaScript callers of a props object (a TypeError is never the answer).
 * @internal
 */
export function propTypeIssues(props: any, spec: { numbers?: string[]; strings?: string[]; booleans?: string[]; maps?: string[] }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = (keys: string[] | undefined, type: string, allowed: string) => {
    for (const k of keys ?? []) {
      const v = props[k];
      if (v !== undefined && typeof v !== type) issues.push({ prop: k, received: show(v), allowed });
    }
  };
  check(spec.numbers, 'number', 'a number');
  check(spec.strings, 'string', 'a string');
  check(spec.booleans, 'boolean', 'true or false');
  for (const k of spec.maps ?? []) {
    const v = props[k];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) issues.push({ prop: k, received: show(v), allowed: 'a map of string to string' });
  }
  return issues;
}
