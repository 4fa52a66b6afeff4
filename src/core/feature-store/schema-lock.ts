import { ValidationIssue } from '../errors';
import { FeatureStoreSpec, LockedSchema } from './spec';

/**
 * File access for schema lock files, registered by the package entry point (core stays free of Node APIs).
 * @internal
 */
export interface SchemaLockIO {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
}

let io: SchemaLockIO | undefined;

/** @internal */
export function registerSchemaLockIO(impl: SchemaLockIO): void {
  io = impl;
}

/** @internal */
export function schemaLockIO(): SchemaLockIO | undefined {
  return io;
}

/**
 * Lock files list names in English collation whatever the machine's locale: with the default locale, a Danish machine
 * sorts "aa_score" after "zip" (and Estonian and Lithuanian ones move other letters), so a team's machines would
 * rewrite each other's lock files. English collation is what en-US and C-locale machines wrote before.
 */
const byName = (a: { readonly name: string }, b: { readonly name: string }) => a.name.localeCompare(b.name, 'en');

/** The schema of a spec, as recorded in a lock file (stable key order, the same on every machine). @internal */
export function lockOf(spec: Pick<FeatureStoreSpec, 'featureGroups' | 'onlineStore' | 'onlineTtlHours' | 'tenant'>): LockedSchema {
  const groups: LockedSchema['featureGroups'] = {};
  for (const g of [...spec.featureGroups].sort(byName)) {
    const features: Record<string, string> = {};
    for (const f of [...g.features].sort(byName)) features[f.name] = f.type;
    groups[g.name] = { recordIdentifier: g.recordIdentifier, eventTime: g.eventTime, features };
  }
  return { version: 1, onlineStore: spec.onlineStore, onlineTtlHours: spec.onlineTtlHours, tenant: spec.tenant?.tenantId ?? null, featureGroups: groups };
}

/** Parses a lock file, or reports why it cannot be read. @internal */
export function parseLock(path: string, text: string): { lock?: LockedSchema; issue?: ValidationIssue } {
  try {
    const lock = JSON.parse(text);
    if (lock?.version === 1 && typeof lock.featureGroups === 'object') return { lock };
  } catch {
    // reported below
  }
  return { issue: { prop: 'schemaLockFile', received: `${path} (not a version-1 schema lock)`, allowed: 'a lock file written by this library, or no file (one is created)' } };
}

const CONFIRM = 'if intended, edit the lock file to match (this confirms the change), then synthesize again';

/**
 * Changes that no cloud applies in place without losing data or failing the deployment:
 * removed groups or features, changed types, record identifiers or event times. Adding groups and features is fine.
 * @internal
 */
export function schemaChangeIssues(lockPath: string, prev: LockedSchema, spec: FeatureStoreSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const now = lockOf(spec).featureGroups;
  for (const [name, before] of Object.entries(prev.featureGroups)) {
    const after = now[name];
    if (!after) {
      issues.push({
        prop: 'featureGroups',
        received: `no group "${name}" (it is in ${lockPath})`,
        allowed: 'every locked group',
        hint: `removing a group deletes it from the cloud (or orphans it when retained); ${CONFIRM}`,
      });
      continue;
    }
    for (const key of ['recordIdentifier', 'eventTime'] as const) {
      if (before[key] !== after[key]) {
        issues.push({
          prop: `featureGroups.${name}.${key}`,
          received: `${JSON.stringify(after[key])} (locked: ${JSON.stringify(before[key])})`,
          allowed: `the locked ${key}`,
          hint: `changing it replaces the group and its stored records; ${CONFIRM}`,
        });
      }
    }
    for (const [feature, type] of Object.entries(before.features)) {
      if (!(feature in after.features)) {
        issues.push({
          prop: `featureGroups.${name}.features`,
          received: `no feature "${feature}" (locked as ${type})`,
          allowed: 'every locked feature (features can be added, never removed)',
          hint: `SageMaker feature groups cannot drop features and BigQuery cannot drop columns in place; ${CONFIRM}`,
        });
      } else if (after.features[feature] !== type) {
        issues.push({
          prop: `featureGroups.${name}.features.${feature}`,
          received: `type ${after.features[feature]} (locked: ${type})`,
          allowed: `type ${type}`,
          hint: `stored values cannot change type in place; add a new feature instead; ${CONFIRM}`,
        });
      }
    }
  }
  return issues;
}
