import { Construct, IConstruct } from 'constructs';
import { Checks, propTypeIssues } from './checks';
import { ComplianceProfile, profileIssues, profileOf } from './compliance';
import { CostEstimate, costCeilingValueIssues } from './cost';
import { throwIfInvalid, ValidationError, ValidationIssue, show } from './errors';
import { nameClaimIssues } from './names';
import { Prepared, rendererFor } from './renderer';
import { costTags, TAG_COST_CENTER, tagCountIssues } from './tags';
import { Cloud, ITarget, Target } from './target';
import { isUnresolved } from './tokens';

/**
 * A tenant boundary that other constructs plug into with their `tenant` prop.
 *
 * Constructs given a tenant take its compliance profile (unless their own `compliance` prop is set), its
 * cost-allocation tags, and — for a `SecureTenant` — its key and identity.
 */
export interface ISecureTenant extends IConstruct {
  /** Tenant id: a lowercase slug, valid as a tag/label on every cloud. */
  readonly tenantId: string;
  /**
   * The tenant's compliance profile.
   * @default - none (the scope's profile applies)
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Cost center for cost-allocation tags.
   * @default - none
   */
  readonly costCenter?: string;
}

/**
 * Props for `SecureTenant`.
 */
export interface SecureTenantProps {
  /**
   * Tenant id: 3-24 lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or
   * digit; unique in the app. It becomes the `tenant` tag/label and part of resource names on every cloud.
   */
  readonly tenantId: string;
  /**
   * The tenant's compliance profile; constructs given this tenant inherit it.
   * @default - the scope's profile, else BASELINE
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Monthly budget in USD: a budget with alerts at `budgetAlertThresholdsPercent` is created (AWS Budgets, GCP billing
   * budget, Azure consumption budget).
   * @default - no budget
   */
  readonly monthlyBudgetUsd?: number;
  /**
   * Percentages of `monthlyBudgetUsd` at which alerts fire, distinct. The last one also alerts on the forecast.
   * Each is a notification of the budget: at most 9 on AWS (AWS Budgets holds 10 notifications), and at most 4 whole
   * percentages on Azure (a consumption budget holds 5, with integer thresholds).
   * @default [50, 80, 100]
   */
  readonly budgetAlertThresholdsPercent?: number[];
  /**
   * E-mail addresses that receive budget alerts. Required on AWS when a budget is set (AWS Budgets has no default
   * recipient); on GCP and Azure they are added to the billing admins / resource-group owners who are notified anyway.
   * At most 10 on AWS (subscribers of a notification) and 5 on GCP (each is a Cloud Monitoring notification channel,
   * and a billing budget takes 5).
   * @default - none
   */
  readonly budgetAlertEmails?: string[];
  /**
   * Cost center for cost-allocation tags.
   * @default - none
   */
  readonly costCenter?: string;
  /**
   * Monthly cost ceiling for the tenant, USD: synth fails when the high estimates of the tenant boundary and every
   * construct given this tenant add up to more, listing them.
   * @default - no ceiling
   */
  readonly maxMonthlyCostUsd?: number;
  /**
   * Keep the tenant's key, data location (and Azure resource group) when the construct is removed: `RETAIN` /
   * `prevent_destroy`. Turning it off is explicit.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * Extra tags (labels on GCP, normalised to lowercase).
   *
   * Each resource takes at most 50 tags on AWS and Azure and 64 labels on GCP (one of them the google provider's
   * `goog-terraform-provisioned`), counting the cost-allocation tags the construct adds (`workload`, `managed-by`,
   * and for a tenant `tenant`, `cost-center`, plus `TenantId`, `CostCenter` on AWS and Azure): more fails at synth.
   * Tags added elsewhere (`Tags.of`, provider default tags or labels) count against the same limit.
   * @default - cost-allocation tags only
   */
  readonly tags?: Record<string, string>;
}

/**
 * The fully-defaulted tenant that renderers read.
 * @internal
 */
export interface SecureTenantSpec {
  readonly tenantId: string;
  readonly compliance: ComplianceProfile;
  readonly monthlyBudgetUsd?: number;
  readonly budgetAlertThresholdsPercent: number[];
  readonly budgetAlertEmails: string[];
  readonly costCenter?: string;
  readonly retainOnDelete: boolean;
  readonly tags: Record<string, string>;
}


const TENANT_ID = /^[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]$/;
const RESERVED_PREFIXES = ['aws', 'goog', 'azure', 'microsoft'];
const TENANT_RESOURCES = Symbol.for('ai-infra-constructs.TenantResources');
const CONSUMERS = Symbol.for('ai-infra-constructs.TenantConsumers');

/**
 * A tenant boundary: the tenant's own customer-managed key, workload identity, data location, tags/labels and
 * budget, rendered to the cloud of the enclosing stack. Constructs given `tenant` use its key, identity and tags and
 * inherit its profile, so onboarding tenant N+1 is one line and no tenant's identity reaches another's key, data or
 * endpoint.
 *
 * - AWS: a KMS key (rotation on; key policy naming only the account root and the tenant role), an IAM role for the
 *   tenant's workloads with a permissions boundary and ABAC on `aws:PrincipalTag/TenantId`, a data bucket encrypted
 *   with the tenant key (SSL-only, versioned, access-logged, retained), an AWS Budgets budget with alerts.
 * - GCP: a KMS key ring and key (90-day rotation, retained), a service account, IAM bindings with conditions scoped to
 *   the tenant's key and bucket, a CMEK data bucket, a VPC Service Controls perimeter when the target names an access
 *   policy, and a billing budget.
 * - Azure: a resource group, a Key Vault (purge protection, soft delete) with a rotating key, a user-assigned managed
 *   identity, role assignments scoped to the tenant's group only, a CMK data storage account and a consumption budget.
 */
export class SecureTenant extends Construct implements ISecureTenant {
  /** The tenant of a construct, if it was given a `SecureTenant`; per-cloud resources are attached to it. @internal */
  public static _resourcesOf<T>(tenant: ISecureTenant | undefined, cloud: Cloud, consumer: IConstruct): T | undefined {
    if (!tenant) return undefined;
    const res = (tenant as any)[TENANT_RESOURCES] as { cloud: Cloud; resources: T } | undefined;
    if (!res) return undefined; // a plain ISecureTenant: profile and tags only
    if (res.cloud !== cloud) {
      throw new ValidationError(consumer, [{
        prop: 'tenant',
        received: `${tenant.tenantId} (rendered to ${res.cloud})`,
        allowed: `a SecureTenant in a ${cloud} stack`,
        hint: 'create the tenant once per cloud, in the stack of the constructs that use it',
      }]);
    }
    return res.resources;
  }

  /**
   * Fails when `consumer` uses a tenant rendered to another place. Each entry of `places` is
   * `[what, tenant's value, consumer's value]` (an account, project or region). A tenant's key is regional and its
   * identity belongs to one account or project, so the cloud would refuse the consumer's use of them at deploy.
   * Unresolved values are compared only with `compareTokens` (aws-cdk-lib refuses references between stacks whose
   * environments it cannot tell apart). @internal
   */
  public static _requireSamePlace(tenant: ISecureTenant, consumer: IConstruct, places: Array<[string, string, string]>, compareTokens = false): void {
    const differ = places.filter(([, t, c]) => t !== c && (compareTokens || (!isUnresolved(t) && !isUnresolved(c))));
    if (differ.length === 0) return;
    const at = (i: 1 | 2) => places.map((p) => `${p[0]} ${isUnresolved(p[i]) ? '(unknown until deploy)' : p[i]}`).join(', ');
    throw new ValidationError(consumer, [{
      prop: 'tenant',
      received: `${tenant.tenantId} (${tenant.node.path}: ${at(1)})`,
      allowed: `a SecureTenant in the same ${differ.map((d) => d[0]).join(' and ')} as this construct (${at(2)})`,
      hint: 'a tenant\'s key is regional and its identity belongs to one account or project, so the cloud would refuse them at deploy; keep the tenant\'s constructs in stacks of its account/project and region',
    }]);
  }

  /** Records a construct that uses `tenant` (for the tenant's cost ceiling and the cost report). @internal */
  public static _registerConsumer(tenant: ISecureTenant | undefined, consumer: IConstruct & { readonly estimatedMonthlyCost: CostEstimate }): void {
    if (!tenant) return;
    const list = ((tenant as any)[CONSUMERS] as Array<typeof consumer> | undefined) ?? [];
    if (!(tenant as any)[CONSUMERS]) Object.defineProperty(tenant, CONSUMERS, { value: list });
    list.push(consumer);
  }

  /** The constructs given this tenant. @internal */
  public static _consumersOf(tenant: ISecureTenant): Array<IConstruct & { readonly estimatedMonthlyCost: CostEstimate }> {
    return ((tenant as any)[CONSUMERS] as any[] | undefined) ?? [];
  }

  public readonly tenantId: string;
  /** The tenant's compliance profile (always set on a SecureTenant; optional on the interface). */
  public readonly compliance?: ComplianceProfile;
  public readonly costCenter?: string;
  /** The monthly budget, when set. */
  public readonly monthlyBudgetUsd?: number;
  /** The target this tenant rendered to. */
  public readonly target: ITarget;
  /** Fixed monthly cost of the tenant boundary (keys, ...). */
  public readonly estimatedMonthlyCost: CostEstimate;

  /** @internal */
  public readonly _spec: SecureTenantSpec;

  constructor(scope: Construct, id: string, props: SecureTenantProps) {
    super(scope, id);
    // Validation happens in a function of its own: see `Prepared` in ./renderer.
    const { target, renderer, spec } = prepareSecureTenant(this, props);
    this.target = target;
    this._spec = spec;
    this.tenantId = spec.tenantId;
    this.compliance = spec.compliance;
    this.costCenter = spec.costCenter;
    this.monthlyBudgetUsd = spec.monthlyBudgetUsd;
    const resources = renderer.render(this, spec, renderer.options);
    Object.defineProperty(this, TENANT_RESOURCES, { value: { cloud: this.target.cloud, resources } });
    this.estimatedMonthlyCost = renderer.estimate(this._spec);
    this.node.addMetadata('ai-infra-constructs:cost', this.estimatedMonthlyCost);
    const max = props.maxMonthlyCostUsd;
    if (max !== undefined) {
      // Checked at synth, when every construct of the tenant exists. It throws a ValidationError, like every other
      // check of a prop, rather than returning a message for the engine's own validation error.
      this.node.addValidation({ validate: () => checkTenantCeiling(this, max) });
    }
  }

}

/** The tenant's target, renderer and validated spec, or a ValidationError naming every bad prop. */
function prepareSecureTenant(scope: SecureTenant, props: SecureTenantProps): Prepared<SecureTenantSpec, unknown> {
  const target = Target.of(scope);
  const renderer = rendererFor<SecureTenantSpec, unknown>(scope, target, 'secure-tenant');
  const shape = propShapeIssues(props);
  if (shape.some((i) => i.prop === 'props')) throwIfInvalid(scope, shape);
  // A tenant has no tenant of its own: this checks its profile.
  const early = tenantAndProfileIssues(scope, props, shape);
  const spec = resolveSecureTenantSpec(scope, props);
  const issues = [...early, ...validateSecureTenantSpec(spec, isUnresolved), ...uniqueTenantIssues(scope, target.cloud, spec.tenantId), ...tagCountIssues(target.cloud, props.tags, spec.tags, spec),
    ...costCeilingValueIssues(props.maxMonthlyCostUsd, isUnresolved)];
  throwIfInvalid(scope, [...issues, ...renderer.validate(spec, isUnresolved)]);
  return { target, renderer, spec };
}

/** @internal */
export function resolveSecureTenantSpec(scope: Construct, p: SecureTenantProps): SecureTenantSpec {
  return {
    tenantId: p.tenantId,
    compliance: profileOf(scope, p),
    monthlyBudgetUsd: p.monthlyBudgetUsd,
    budgetAlertThresholdsPercent: p.budgetAlertThresholdsPercent ?? [50, 80, 100],
    budgetAlertEmails: p.budgetAlertEmails ?? [],
    costCenter: p.costCenter,
    retainOnDelete: p.retainOnDelete ?? true,
    tags: { ...costTags({ workload: `tenant-${p.tenantId}`, tenant: p.tenantId, costCenter: p.costCenter }), ...(p.tags ?? {}) },
  };
}

/** @internal */
export function validateSecureTenantSpec(spec: SecureTenantSpec, unresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = tenantIdIssues(spec.tenantId, unresolved, 'tenantId');
  if (spec.monthlyBudgetUsd !== undefined && !unresolved(spec.monthlyBudgetUsd) && !(typeof spec.monthlyBudgetUsd === 'number' && spec.monthlyBudgetUsd > 0 && spec.monthlyBudgetUsd <= 1e9)) {
    issues.push({ prop: 'monthlyBudgetUsd', received: show(spec.monthlyBudgetUsd), allowed: 'a positive amount in USD' });
  }
  const th = spec.budgetAlertThresholdsPercent;
  if (!Array.isArray(th) || th.length === 0 || th.some((t) => typeof t !== 'number' || !(t > 0 && t <= 1000))) {
    issues.push({ prop: 'budgetAlertThresholdsPercent', received: show(th), allowed: 'a non-empty list of percentages from 1 to 1000' });
  } else if (new Set(th).size !== th.length) {
    issues.push({ prop: 'budgetAlertThresholdsPercent', received: show(th), allowed: 'distinct percentages (each one is an alert)' });
  }
  // A single address as a string was a TypeError on GCP and rendered as a string where Azure takes a list.
  if (!Array.isArray(spec.budgetAlertEmails)) {
    issues.push({ prop: 'budgetAlertEmails', received: show(spec.budgetAlertEmails), allowed: 'a list of e-mail addresses, e.g. ["ops@example.com"]' });
  } else {
    for (const e of spec.budgetAlertEmails) {
      if (typeof e !== 'string' || (!unresolved(e) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e))) {
        issues.push({ prop: 'budgetAlertEmails', received: show(e), allowed: 'e-mail addresses' });
      }
    }
  }
  if (spec.tags && typeof spec.tags === 'object') {
    const c = new Checks(unresolved);
    c.tags(spec.tags, { [TAG_COST_CENTER]: { prop: 'costCenter', value: spec.costCenter } });
    issues.push(...c.issues);
  }
  return issues;
}

/** Issues of a tenant id, named `prop`. */
function tenantIdIssues(id: unknown, unresolved: (x: unknown) => boolean, prop: string): ValidationIssue[] {
  if (typeof id !== 'string') return [{ prop, received: show(id), allowed: 'a string slug' }];
  if (unresolved(id)) return [{ prop, received: 'an unresolved token', allowed: 'a literal slug (it names resources and must be known at synth)' }];
  if (!TENANT_ID.test(id)) {
    return [{
      prop,
      received: show(id),
      allowed: '3-24 lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit (valid as a name, tag and label on every cloud)',
    }];
  }
  if (RESERVED_PREFIXES.some((r) => id.startsWith(r))) {
    return [{ prop, received: show(id), allowed: `an id not starting with ${RESERVED_PREFIXES.join(', ')} (reserved by the clouds)` }];
  }
  return [];
}

/**
 * Issues of a construct's `tenant` prop. A `SecureTenant` has checked its own props. Any other `ISecureTenant` (it
 * brings a profile and tags only) has its id checked here, since it becomes tags and labels.
 * @internal
 */
export function tenantPropIssues(tenant: unknown): ValidationIssue[] {
  if (tenant === undefined || tenant === null) return [];
  if (typeof tenant !== 'object') {
    return [{ prop: 'tenant', received: show(tenant), allowed: 'a SecureTenant, or another ISecureTenant (a construct with a tenantId)' }];
  }
  if (TENANT_RESOURCES in tenant) return []; // a SecureTenant (of any copy of this library)
  // Its profile is checked with the construct's (profileIssues), its cost center with the tags it becomes.
  return tenantIdIssues((tenant as Partial<ISecureTenant>).tenantId, isUnresolved, 'tenant.tenantId');
}

/**
 * The first checks of a construct that takes a tenant (and of a SecureTenant, which has none): its type checks
 * (`shape`), the tenant, and the profile it resolves. Throws at once when the profile is unusable, since the defaults
 * and the spec checks read its controls; otherwise returns the issues, to be listed with the rest.
 * @internal
 */
export function tenantAndProfileIssues(
  scope: IConstruct, props: { readonly compliance?: ComplianceProfile; readonly tenant?: ISecureTenant } | undefined, shape: ValidationIssue[],
): ValidationIssue[] {
  const early = [...shape, ...tenantPropIssues(props?.tenant), ...profileIssues(profileOf(scope, props), props ?? {})];
  if (early.some((i) => i.prop.endsWith('compliance'))) throwIfInvalid(scope, early);
  return early;
}

/** The same tenant id must not name two boundaries in one app on one cloud (the same tenant may exist on each cloud). */
function uniqueTenantIssues(tenant: SecureTenant, cloud: Cloud, tenantId: string): ValidationIssue[] {
  if (typeof tenantId !== 'string') return [];
  return nameClaimIssues(tenant, 'tenant id', `this app on ${cloud}`, [{ prop: 'tenantId', value: tenantId, name: tenantId }],
    'a tenant id no other SecureTenant uses', (owner) => `${owner} already is tenant ${tenantId}`);
}

/** Throws a ValidationError when the tenant and every construct given it add up to more than `max` (high estimates). */
function checkTenantCeiling(tenant: SecureTenant, max: number): string[] {
  const parts = [tenant, ...SecureTenant._consumersOf(tenant)] as Array<IConstruct & { estimatedMonthlyCost: CostEstimate }>;
  const total = parts.reduce((s, c) => s + c.estimatedMonthlyCost.monthlyUsdHigh, 0);
  if (total <= max) return [];
  const lines = parts.map((c) => `${c.node.path}: $${c.estimatedMonthlyCost.monthlyUsdHigh.toFixed(2)}`).join('; ');
  throw new ValidationError(tenant, [{
    prop: 'maxMonthlyCostUsd',
    received: `tenant ${tenant.tenantId}: high estimate $${total.toFixed(2)}/month`,
    allowed: `at most $${max.toFixed(2)}/month`,
    hint: `the tenant and every construct given it, at maximum scale: ${lines}`,
  }]);
}

function propShapeIssues(props: SecureTenantProps): ValidationIssue[] {
  if (props === undefined || props === null || typeof props !== 'object') {
    return [{ prop: 'props', received: show(props), allowed: 'a SecureTenantProps object with at least `tenantId`' }];
  }
  return propTypeIssues(props, { numbers: ['monthlyBudgetUsd', 'maxMonthlyCostUsd'], strings: ['costCenter'], booleans: ['retainOnDelete'], maps: ['tags'] });
}
