/**
 * Cost-allocation tags and per-cloud normalisation.
 */
import type { ValidationIssue } from './errors';
import { Cloud } from './target';

/** The tag keys every resource carries. @internal */
export const TAG_TENANT = 'tenant';
/** @internal */
export const TAG_WORKLOAD = 'workload';
/** @internal */
export const TAG_COST_CENTER = 'cost-center';
/** @internal */
export const TAG_MANAGED_BY = 'managed-by';
/** @internal */
export const MANAGED_BY = 'ai-infra-constructs';
/**
 * The tags a tenant's resources also carry on AWS and Azure, which attribute-based access control reads (on AWS, on
 * principals and resources). @internal
 */
export const TENANT_ID_TAG = 'TenantId';
/** @internal */
export const TENANT_COST_CENTER_TAG = 'CostCenter';

/**
 * Characters AWS accepts in tag keys and values (IAM, SageMaker, EKS, KMS, S3 and most services share this pattern:
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]`); anything else fails at deploy, e.g. IAM CreateRole on a tag value `R&D (EU)`.
 */
const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const NOT_AWS_TAG_CHAR = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/**
 * Where the tenant's cost tags came from, for `Checks.tags`: a bad value is reported as the tenant's field, not as a
 * tag the user never wrote. (A `SecureTenant` has checked them itself; another `ISecureTenant` has not.)
 * @internal
 */
export function tenantTagOrigins(tenant: { readonly tenantId?: unknown; readonly costCenter?: unknown } | undefined): Record<string, { prop: string; value: unknown }> {
  if (!tenant) return {};
  return { [TAG_TENANT]: { prop: 'tenant.tenantId', value: tenant.tenantId }, [TAG_COST_CENTER]: { prop: 'tenant.costCenter', value: tenant.costCenter } };
}

/**
 * Builds the neutral tag set for a construct. The `workload` value is derived from a construct id, which may hold any
 * character: characters no AWS tag accepts become `-` (ids such as `Llama3 (8B)` are common), so the derived tag is
 * valid on every cloud. @internal
 */
export function costTags(opts: { workload: string; tenant?: string; costCenter?: string; extra?: Record<string, string> }): Record<string, string> {
  const workload = typeof opts.workload === 'string' ? opts.workload.replace(NOT_AWS_TAG_CHAR, '-').slice(0, 256) : opts.workload;
  const tags: Record<string, string> = { [TAG_WORKLOAD]: workload, [TAG_MANAGED_BY]: MANAGED_BY };
  if (opts.tenant) tags[TAG_TENANT] = opts.tenant;
  if (opts.costCenter) tags[TAG_COST_CENTER] = opts.costCenter;
  return { ...tags, ...(opts.extra ?? {}) };
}

/**
 * Normalises a label key or value for GCP: lowercase letters, digits, `_` and `-`; at most 63 characters;
 * keys start with a letter. International characters are replaced, not dropped, so distinct inputs stay distinct
 * where possible.
 * @see https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 * @internal
 */
export function gcpLabel(s: string, isKey: boolean): string {
  let out = s.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  if (isKey && !/^[a-z]/.test(out)) out = `k${out}`;
  return out.slice(0, 63);
}

/**
 * Normalises a tag map for GCP labels. A key or value that is a token (a Terraform variable, another resource's
 * attribute) is passed through as it is: normalising its placeholder text would write the placeholder instead.
 * @internal
 */
export function gcpLabels(tags: Record<string, string>, isUnresolved: (x: unknown) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[isUnresolved(k) ? k : gcpLabel(k, true)] = isUnresolved(v) ? v : gcpLabel(v, false);
  return out;
}

/**
 * Tag keys that normalise to the same GCP label key (`Team` and `team`, `cost center` and `cost_center`): one value
 * would silently replace the other. @internal
 */
export function gcpLabelIssues(tags: Record<string, string>, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const seen = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  for (const k of Object.keys(tags ?? {})) {
    if (isUnresolved(k)) continue;
    const label = gcpLabel(k, true);
    const first = seen.get(label);
    if (first === undefined) {
      seen.set(label, k);
    } else {
      issues.push({
        prop: `tags.${k}`,
        received: JSON.stringify(k),
        allowed: `a key that stays distinct from ${JSON.stringify(first)} as a GCP label key (both become ${JSON.stringify(label)}: lowercase letters, digits, _ and -, at most 63 characters)`,
      });
    }
  }
  return issues;
}

/**
 * Normalises Azure tags: names at most 512 characters without `<>%&\?/`; values at most 256 characters.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * @internal
 */
export function azureTags(tags: Record<string, string>, isUnresolved: (x: unknown) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    // A token is kept whole: cutting its placeholder text would write a broken placeholder.
    out[isUnresolved(k) ? k : k.replace(/[<>%&\\?/]/g, '-').slice(0, 512)] = isUnresolved(v) ? v : v.slice(0, 256);
  }
  return out;
}

/**
 * AWS tag limits: keys 1-128 characters, values 0-256, no `aws:` prefix, and only letters, digits, spaces and
 * `_ . : / = + - @` (CloudFormation's schema validation checks the lengths at synth, not the characters).
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
 * @internal
 */
export function awsTagIssue(key: string, value: string): string | undefined {
  if (key.length < 1 || key.length > 128) return 'keys are 1-128 characters';
  if (value.length > 256) return 'values are at most 256 characters';
  if (key.toLowerCase().startsWith('aws:')) return 'keys must not start with "aws:"';
  if (!AWS_TAG_CHARS.test(key) || !AWS_TAG_CHARS.test(value)) {
    return 'letters, digits, spaces and _ . : / = + - @ only (the characters AWS accepts in tags; IAM rejects others at deploy)';
  }
  return undefined;
}

/**
 * How many tags (labels on GCP) one resource takes: AWS 50 user tags (its own `aws:` tags do not count), Azure 50,
 * GCP 64 labels, one of which the google provider (6.x) adds to every new resource (`goog-terraform-provisioned`,
 * unless the provider sets `add_terraform_attribution_label = false`).
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * @see https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
const TAG_LIMITS: Record<Cloud, { readonly max: number; readonly why: string }> = {
  [Cloud.AWS]: { max: 50, why: 'AWS takes 50 tags per resource' },
  [Cloud.AZURE]: { max: 50, why: 'Azure takes 50 tags per resource' },
  [Cloud.GCP]: { max: 63, why: 'GCP takes 64 labels per resource, one of them the google provider\'s goog-terraform-provisioned' },
};

/**
 * Tags over what one resource takes on `cloud`, counting those the construct adds: `all` is the construct's tag set
 * (its cost tags and the `given` prop merged), and on AWS and Azure a tenant's resources also carry `TenantId` and
 * `CostCenter` (attribute-based access control). Otherwise the deploy (or `terraform plan`) fails on every tagged
 * resource. @internal
 */
export function tagCountIssues(cloud: Cloud, given: unknown, all: Record<string, string>, tenant?: { readonly costCenter?: string }): ValidationIssue[] {
  if (!all || typeof all !== 'object' || !TAG_LIMITS[cloud]) return [];
  const keys = new Set(Object.keys(all));
  if (tenant && cloud !== Cloud.GCP) {
    keys.add(TENANT_ID_TAG);
    if (tenant.costCenter) keys.add(TENANT_COST_CENTER_TAG);
  }
  const { max, why } = TAG_LIMITS[cloud];
  if (keys.size <= max) return [];
  const mine = new Set(given && typeof given === 'object' ? Object.keys(given) : []);
  const added = [...keys].filter((k) => !mine.has(k));
  return [{
    prop: 'tags',
    received: `${mine.size} tags, which with the ${added.length} the construct adds (${added.join(', ')}) make ${keys.size} on each resource`,
    allowed: `at most ${Math.max(0, max - added.length)} tags here (${why})`,
    hint: 'tags added outside the construct (Tags.of on a scope, provider default tags or labels) count as well',
  }];
}
