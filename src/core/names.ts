/*
 * Fixed cloud names claimed app-wide. A name the cloud requires to be unique in a place (an account and region, a
 * project and region, a cluster) synthesizes twice without complaint, and the second resource fails at deploy. Each
 * construct claims its fixed names in their place, and a second claim is a ValidationError naming the prop and the
 * construct that claimed the name first.
 */
import { IConstruct } from 'constructs';
import { ValidationError, ValidationIssue, show } from './errors';
import { isUnresolved } from './tokens';

const CLAIMED = Symbol.for('ai-infra-constructs.ClaimedNames');

/** One fixed name: the prop it comes from, the value given, and the cloud name it becomes. */
export interface NameClaim {
  readonly prop: string;
  readonly value: unknown;
  readonly name: string;
}

/**
 * Claims `claims` for `construct` in `place` (e.g. `AWS account 123456789012, region us-east-1`), among the app's names
 * of one kind (`what`, e.g. `SageMaker endpoint`). Returns an issue for every name another construct already claimed
 * there (`allowed` says what is allowed, e.g. `an endpoint name no other InferenceEndpoint uses`); when there is
 * none, records the claims. @internal
 */
export function nameClaimIssues(construct: IConstruct, what: string, place: string, claims: NameClaim[], allowed: string, hint?: (owner: string, name: string) => string): ValidationIssue[] {
  const root = construct.node.root as any;
  let claimed: Map<string, string> = root[CLAIMED];
  if (!claimed) {
    claimed = new Map();
    Object.defineProperty(root, CLAIMED, { value: claimed });
  }
  const key = (name: string) => `${what}\0${place}\0${name}`;
  const issues: ValidationIssue[] = [];
  for (const c of claims) {
    const owner = claimed.get(key(c.name));
    if (owner !== undefined && owner !== construct.node.path) {
      issues.push({
        prop: c.prop,
        received: show(c.value),
        allowed: `${allowed} in ${place}`,
        hint: hint ? hint(owner, c.name) : `${owner} already has the ${what} ${c.name} there`,
      });
    }
  }
  if (issues.length === 0) for (const c of claims) claimed.set(key(c.name), construct.node.path);
  return issues;
}

/** `nameClaimIssues`, throwing them as one ValidationError. @internal */
export function claimNames(construct: IConstruct, what: string, place: string, claims: NameClaim[], allowed: string, hint?: (owner: string, name: string) => string): void {
  const issues = nameClaimIssues(construct, what, place, claims, allowed, hint);
  if (issues.length) throw new ValidationError(construct, issues);
}

/**
 * Claims a construct's `name` prop, when given as a literal, as a `what` (e.g. `SageMaker endpoint`) in `place`;
 * `allowed` says what is allowed (e.g. `an endpoint name no other InferenceEndpoint uses`). @internal
 */
export function claimNameProp(construct: IConstruct, name: unknown, what: string, place: string, allowed: string): void {
  if (typeof name !== 'string' || isUnresolved(name)) return;
  claimNames(construct, what, place, [{ prop: 'name', value: name, name }], allowed);
}

/** How an existing cluster was given (the place of its node pools' names). @internal */
export function existingClusterPlace(cluster: { id?: string; name?: string; location?: string; resourceGroupName?: string }): string {
  const where = [cluster.location && `location ${cluster.location}`, cluster.resourceGroupName && `resource group ${cluster.resourceGroupName}`].filter(Boolean).join(', ');
  return `cluster ${cluster.id ?? cluster.name}${where ? ` (${where})` : ''}`;
}
