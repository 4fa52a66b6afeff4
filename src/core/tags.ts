/**
 * Cost-allocation tags and per-cloud normalisation.
 */

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

/** Builds the neutral tag set for a construct. @internal */
export function costTags(opts: { workload: string; tenant?: string; costCenter?: string; extra?: Record<string, string> }): Record<string, string> {
  const tags: Record<string, string> = { [TAG_WORKLOAD]: opts.workload, [TAG_MANAGED_BY]: MANAGED_BY };
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

/** Normalises a tag map for GCP labels. @internal */
export function gcpLabels(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[gcpLabel(k, true)] = gcpLabel(v, false);
  return out;
}

/**
 * Normalises Azure tags: names at most 512 characters without `<>%&\?/`; values at most 256 characters.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * @internal
 */
export function azureTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[k.replace(/[<>%&\\?/]/g, '-').slice(0, 512)] = v.slice(0, 256);
  return out;
}

/**
 * AWS tag limits: keys 1-128 characters, values 0-256, no `aws:` prefix.
 * @internal
 */
export function awsTagIssue(key: string, value: string): string | undefined {
  if (key.length < 1 || key.length > 128) return 'keys are 1-128 characters';
  if (value.length > 256) return 'values are at most 256 characters';
  if (key.toLowerCase().startsWith('aws:')) return 'keys must not start with "aws:"';
  return undefined;
}
