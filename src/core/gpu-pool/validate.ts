import { Checks } from '../checks';
import { ValidationIssue, show } from '../errors';
import { tenantTagOrigins } from '../tags';
import { GpuPoolSpec } from './spec';

const K8S_VERSION = /^1\.\d{1,2}(\.\d{1,3})?$/;

/**
 * Cloud-neutral checks of a GPU pool spec. Unresolved tokens are skipped, never compared.
 * @internal
 */
export function validateGpuPoolSpec(spec: GpuPoolSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const c = new Checks(isUnresolved);
  c.intIn('acceleratorCount', spec.acceleratorCount, 1, 16);
  c.intIn('minNodes', spec.minNodes, 0, 1000);
  if (typeof spec.maxNodes === 'number') c.intIn('maxNodes', spec.maxNodes, 1, 1000);
  c.notAbove('minNodes', spec.minNodes, 'maxNodes', spec.maxNodes);
  c.intIn('diskSizeGiB', spec.diskSizeGiB, 50, 16384);
  if (spec.kubernetesVersion !== undefined && typeof spec.kubernetesVersion === 'string' && c.known(spec.kubernetesVersion) && !K8S_VERSION.test(spec.kubernetesVersion)) {
    c.push({ prop: 'kubernetesVersion', received: show(spec.kubernetesVersion), allowed: 'a Kubernetes minor version such as "1.33" (or "1.33.2" where the cloud accepts patch versions)' });
  }
  const cl = spec.cluster;
  if (cl) {
    const ref = cl.id ?? cl.name;
    if (typeof ref !== 'string' || (c.known(ref) && ref.trim() === '')) {
      c.push({ prop: 'cluster', received: show(ref), allowed: 'a non-empty cluster name or id' });
    } else if (spec.kubernetesVersion !== undefined) {
      c.push({ prop: 'kubernetesVersion', received: show(spec.kubernetesVersion), allowed: 'unset with `cluster` (an existing cluster keeps its version)' });
    }
  }
  c.tags(spec.tags, tenantTagOrigins(spec.tenant));
  return c.issues;
}

/** How one cloud names its clusters. @internal */
export interface ClusterRefRules {
  /** Cloud id format (EKS ARN, GKE id, AKS ARM id). */
  readonly id: RegExp;
  readonly idHelp: string;
  readonly name: RegExp;
  readonly nameHelp: string;
  /** Which `ExistingClusterOptions` the cloud ignores (setting them is a mistake worth reporting). */
  readonly unusedOptions: Array<'location' | 'resourceGroupName'>;
  readonly unusedHelp: string;
  /** The format of each `ExistingClusterOptions` field the cloud reads: `[pattern, help]`. */
  readonly options?: Partial<Record<'location' | 'resourceGroupName', [RegExp, string]>>;
}

/**
 * Checks an existing-cluster reference against one cloud's naming rules.
 * @internal
 */
export function clusterRefIssues(spec: GpuPoolSpec, rules: ClusterRefRules, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const cl = spec.cluster;
  if (!cl) return [];
  const issues: ValidationIssue[] = [];
  if (cl.id !== undefined && !isUnresolved(cl.id) && !rules.id.test(cl.id)) issues.push({ prop: 'cluster', received: show(cl.id), allowed: rules.idHelp });
  if (cl.name !== undefined && !isUnresolved(cl.name) && !rules.name.test(cl.name)) issues.push({ prop: 'cluster', received: show(cl.name), allowed: rules.nameHelp });
  const unused = rules.unusedOptions.filter((o) => cl[o] !== undefined);
  if (unused.length > 0) issues.push({ prop: 'cluster', received: `${cl} with ${unused.join(' and ')}`, allowed: rules.unusedHelp });
  for (const [option, [pattern, help]] of Object.entries(rules.options ?? {}) as Array<['location' | 'resourceGroupName', [RegExp, string]]>) {
    const v: unknown = cl[option];
    if (v !== undefined && (typeof v !== 'string' || (!isUnresolved(v) && !pattern.test(v)))) {
      issues.push({ prop: 'cluster', received: `${cl} with ${option} ${show(v)}`, allowed: help });
    }
  }
  return issues;
}
