import { IConstruct } from 'constructs';
import { show, ValidationIssue } from './errors';

const PROFILE_SYMBOL = Symbol.for('ai-infra-constructs.ComplianceProfile');

/**
 * The defaults a compliance profile imposes (data, not code: renderers read these).
 */
export interface ComplianceControls {
  /** Data at rest must be encrypted with a customer-managed key (KMS / Cloud KMS / Key Vault). */
  readonly customerManagedKeys: boolean;
  /** Serving and data planes must not be reachable from the public internet; models run in a private network. */
  readonly privateNetworking: boolean;
  /** Minimum retention for request/audit logs, days. */
  readonly logRetentionDays: number;
  /** Maximum sampling for prompt/response capture, percent (data minimisation). */
  readonly maxRequestSamplingPercent: number;
}

/**
 * A compliance profile: a named set of controls that drive secure defaults (and, later, are enforced by rule packs).
 *
 * Precedence: an explicit `compliance` prop > the `tenant`'s profile > `ComplianceProfile.apply(scope, …)` on an
 * ancestor > `BASELINE`.
 */
export class ComplianceProfile {
  /** Secure defaults, no regulatory overlay: CMK where free of trade-offs, 30-day logs. */
  public static readonly BASELINE = new ComplianceProfile('BASELINE', {
    customerManagedKeys: false,
    privateNetworking: false,
    logRetentionDays: 30,
    maxRequestSamplingPercent: 100,
  });
  /** HIPAA Security Rule: CMK everywhere, private networking, 6-year log retention (45 CFR 164.316(b)(2)). */
  public static readonly HIPAA = new ComplianceProfile('HIPAA', {
    customerManagedKeys: true,
    privateNetworking: true,
    logRetentionDays: 2192,
    maxRequestSamplingPercent: 20,
  });
  /** PCI DSS 3.2.1: CMK, private networking, 1-year log retention (req. 10.7). */
  public static readonly PCI_DSS = new ComplianceProfile('PCI_DSS', {
    customerManagedKeys: true,
    privateNetworking: true,
    logRetentionDays: 365,
    maxRequestSamplingPercent: 20,
  });
  /** SOC 2: CMK, 1-year log retention. */
  public static readonly SOC2 = new ComplianceProfile('SOC2', {
    customerManagedKeys: true,
    privateNetworking: false,
    logRetentionDays: 365,
    maxRequestSamplingPercent: 100,
  });
  /** NIST SP 800-53 rev. 5 (moderate): CMK, private networking, 3-year log retention (AU-11). */
  public static readonly NIST_800_53 = new ComplianceProfile('NIST_800_53', {
    customerManagedKeys: true,
    privateNetworking: true,
    logRetentionDays: 1096,
    maxRequestSamplingPercent: 20,
  });

  /** All built-in profiles. */
  public static all(): ComplianceProfile[] {
    return [
      ComplianceProfile.BASELINE,
      ComplianceProfile.HIPAA,
      ComplianceProfile.PCI_DSS,
      ComplianceProfile.SOC2,
      ComplianceProfile.NIST_800_53,
    ];
  }

  /** Apply a profile to every construct of ours below `scope` (unless a closer scope or prop says otherwise). */
  public static apply(scope: IConstruct, profile: ComplianceProfile): void {
    Object.defineProperty(scope, PROFILE_SYMBOL, { value: profile, configurable: true });
  }

  /**
   * The profile applied to `scope` or its nearest ancestor.
   * @returns BASELINE when none is applied
   */
  public static of(scope: IConstruct): ComplianceProfile {
    for (const s of [...scope.node.scopes].reverse()) {
      const p = (s as any)[PROFILE_SYMBOL];
      if (p) return p as ComplianceProfile;
    }
    return ComplianceProfile.BASELINE;
  }

  /** A custom profile (e.g. your organisation's own), with explicit controls. */
  public static custom(name: string, controls: ComplianceControls): ComplianceProfile {
    return new ComplianceProfile(name, controls);
  }

  private constructor(
    /** Profile name, e.g. `HIPAA`. */
    public readonly name: string,
    /** The controls this profile imposes. */
    public readonly controls: ComplianceControls,
  ) {}

  /** The profile name. */
  public toString(): string {
    return this.name;
  }
}

/**
 * The profile a construct uses: its `compliance` prop, else its tenant's, else the one applied to its scope.
 * @internal
 */
export function profileOf(scope: IConstruct, props: { readonly compliance?: ComplianceProfile; readonly tenant?: { readonly compliance?: ComplianceProfile } } | undefined): ComplianceProfile {
  return props?.compliance ?? props?.tenant?.compliance ?? ComplianceProfile.of(scope);
}

/**
 * Issues of the profile a construct resolved: its `compliance` prop, else its tenant's, else the one applied to a scope
 * above it. A string such as `'HIPAA'` (JavaScript callers), or a custom profile with missing or out-of-range
 * controls, would otherwise fail with a TypeError or, worse, apply no control at all. The issue names the prop the
 * profile came from.
 * @internal
 */
export function profileIssues(profile: unknown, props: { readonly compliance?: unknown; readonly tenant?: unknown }): ValidationIssue[] {
  // As profileOf resolves it: null is unset.
  const fromTenant = props.compliance == null && (props.tenant as { compliance?: unknown } | null | undefined)?.compliance != null;
  const prop = fromTenant ? 'tenant.compliance' : 'compliance';
  const hint = props.compliance == null && !fromTenant ? 'the profile applied to an enclosing scope with ComplianceProfile.apply' : undefined;
  const issue = (received: string, allowed: string): ValidationIssue[] => [{ prop, received, allowed, ...(hint ? { hint } : {}) }];
  const p = profile as { name?: unknown; controls?: Partial<Record<keyof ComplianceControls, unknown>> } | null | undefined;
  if (p === null || typeof p !== 'object' || typeof p.name !== 'string' || typeof p.controls !== 'object' || p.controls === null) {
    return issue(show(profile), `a ComplianceProfile: one of ${ComplianceProfile.all().map((x) => `ComplianceProfile.${x.name}`).join(', ')}, or ComplianceProfile.custom(name, controls)`);
  }
  const c = p.controls;
  const bad: string[] = [];
  for (const k of ['customerManagedKeys', 'privateNetworking'] as const) if (typeof c[k] !== 'boolean') bad.push(`${k} ${show(c[k])} (allowed: true or false)`);
  const days = c.logRetentionDays;
  if (!(typeof days === 'number' && Number.isInteger(days) && days >= 1)) bad.push(`logRetentionDays ${show(days)} (allowed: a whole number of days, at least 1)`);
  const pct = c.maxRequestSamplingPercent;
  if (!(typeof pct === 'number' && pct >= 0 && pct <= 100)) bad.push(`maxRequestSamplingPercent ${show(pct)} (allowed: 0 to 100)`);
  return bad.length === 0 ? [] : issue(`profile ${show(p.name)} with controls ${bad.join(', ')}`, 'a profile whose controls are all set within their ranges');
}
