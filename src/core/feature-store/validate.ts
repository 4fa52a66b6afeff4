import { IConstruct } from 'constructs';
import { Checks } from '../checks';
import { ValidationIssue, show } from '../errors';
import { claimNames } from '../names';
import { tenantTagOrigins } from '../tags';
import { FeatureStoreSpec } from './spec';
import { FeatureType } from './types';

const TYPES = Object.values(FeatureType) as string[];

/**
 * Cloud-neutral checks of a feature store spec (all issues at once). Unresolved tokens are skipped.
 * @internal
 */
export function validateFeatureStoreSpec(spec: FeatureStoreSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const c = new Checks(isUnresolved);
  const groups = spec.featureGroups;
  if (!Array.isArray(groups) || groups.length === 0) {
    c.push({ prop: 'featureGroups', received: show(groups), allowed: 'at least one feature group' });
    return c.issues;
  }
  if (groups.length > 100) c.push({ prop: 'featureGroups', received: `${groups.length} groups`, allowed: 'at most 100 groups per store' });
  if (!spec.onlineStore && !spec.offlineStore) {
    c.push({ prop: 'offlineStore', received: 'false (and onlineStore is false)', allowed: 'at least one of onlineStore and offlineStore' });
  }
  if (spec.onlineTtlHours !== undefined) {
    c.intIn('onlineTtlHours', spec.onlineTtlHours, 1, 87_600);
    if (!spec.onlineStore) c.push({ prop: 'onlineTtlHours', received: show(spec.onlineTtlHours), allowed: 'unset when onlineStore is false' });
  }

  const seenGroups = new Set<string>();
  groups.forEach((g, gi) => {
    const at = `featureGroups[${gi}]`;
    if (!g || typeof g !== 'object') {
      c.push({ prop: at, received: show(g), allowed: 'a FeatureGroupDefinition { name, recordIdentifier, eventTime, features }' });
      return;
    }
    if (typeof g.name !== 'string' || (c.known(g.name) && g.name.trim() === '')) {
      c.push({ prop: `${at}.name`, received: show(g.name), allowed: 'a non-empty group name' });
      return;
    }
    const gp = `featureGroups.${g.name}`;
    const gkey = g.name.toLowerCase().replace(/-/g, '_');
    if (seenGroups.has(gkey)) c.push({ prop: `${gp}.name`, received: show(g.name), allowed: 'a group name used once per store (names are compared ignoring case, with - and _ alike)' });
    seenGroups.add(gkey);
    if (g.description !== undefined && typeof g.description !== 'string') c.push({ prop: `${gp}.description`, received: show(g.description), allowed: 'a string' });
    if (!Array.isArray(g.features) || g.features.length === 0) {
      c.push({ prop: `${gp}.features`, received: show(g.features), allowed: 'at least the record identifier and the event time' });
      return;
    }
    if (g.features.length > 2500) c.push({ prop: `${gp}.features`, received: `${g.features.length} features`, allowed: 'at most 2500 features per group' });
    const byName = new Map<string, FeatureType>();
    /** Each name seen so far, by its lower case (a lookup per feature: a scan of the names before it was quadratic). */
    const byLowerName = new Map<string, string>();
    g.features.forEach((f, fi) => {
      if (!f || typeof f !== 'object' || typeof f.name !== 'string' || f.name === '') {
        c.push({ prop: `${gp}.features[${fi}]`, received: show(f), allowed: 'a FeatureDefinition { name, type }' });
        return;
      }
      if (f.description !== undefined && typeof f.description !== 'string') {
        c.push({ prop: `${gp}.features.${f.name}.description`, received: show(f.description), allowed: 'a string' });
      }
      if (!TYPES.includes(f.type as string)) {
        c.push({ prop: `${gp}.features.${f.name}.type`, received: show(f.type), allowed: `a FeatureType: ${TYPES.join(', ')}` });
      }
      // Column names are case-insensitive in BigQuery and Spark: two features differing only in case collide.
      const lower = f.name.toLowerCase();
      const dup = byLowerName.get(lower);
      if (dup !== undefined) {
        c.push({ prop: `${gp}.features.${f.name}`, received: `a second feature named ${show(f.name)}${dup !== f.name ? ` (collides with ${show(dup)})` : ''}`, allowed: 'unique feature names (ignoring case)' });
      }
      byName.set(f.name, f.type);
      if (dup === undefined) byLowerName.set(lower, f.name);
    });
    const idType = byName.get(g.recordIdentifier);
    if (idType === undefined) {
      c.push({ prop: `${gp}.recordIdentifier`, received: show(g.recordIdentifier), allowed: `one of the group's features: ${[...byName.keys()].join(', ')}` });
    } else if (idType !== FeatureType.STRING && idType !== FeatureType.INTEGER) {
      c.push({ prop: `${gp}.recordIdentifier`, received: `${show(g.recordIdentifier)} of type ${idType}`, allowed: 'a STRING or INTEGER feature' });
    }
    const timeType = byName.get(g.eventTime);
    if (timeType === undefined) {
      c.push({ prop: `${gp}.eventTime`, received: show(g.eventTime), allowed: `one of the group's features: ${[...byName.keys()].join(', ')}` });
    } else if (timeType !== FeatureType.TIMESTAMP) {
      c.push({ prop: `${gp}.eventTime`, received: `${show(g.eventTime)} of type ${timeType}`, allowed: 'a TIMESTAMP feature' });
    }
    if (g.recordIdentifier === g.eventTime && idType !== undefined) {
      c.push({ prop: `${gp}.eventTime`, received: show(g.eventTime), allowed: 'a feature other than the record identifier' });
    }
  });
  c.tags(spec.tags, tenantTagOrigins(spec.tenant));
  return c.issues;
}

/**
 * Per-cloud name and type rules, applied by each target with its own patterns.
 * @internal
 */
export interface FeatureNamingRules {
  /** Where the rules come from, e.g. `SageMaker (AWS)`. */
  readonly where: string;
  readonly groupName: RegExp;
  readonly groupNameHelp: string;
  readonly featureName: RegExp;
  readonly featureNameHelp: string;
  /** Names the store reserves for itself. */
  readonly reserved?: string[];
  /** Types the store cannot hold, with what to use instead. */
  readonly unsupportedTypes: Partial<Record<FeatureType, string>>;
  /** How group names become resource ids (e.g. `-` to `_`) before `groupName` is applied. */
  readonly normaliseGroupName?: (name: string) => string;
  /** The longest group description the store takes, with where it goes (e.g. `SageMaker FeatureGroup`). */
  readonly groupDescription?: { readonly max: number; readonly where: string };
  /** The longest feature description the store takes, with where it goes. */
  readonly featureDescription?: { readonly max: number; readonly where: string };
}

/** A description longer than the store takes (a literal: a token's length is unknown at synth). */
function descriptionIssue(prop: string, value: unknown, limit: { max: number; where: string } | undefined, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (!limit || typeof value !== 'string' || isUnresolved(value) || value.length <= limit.max) return [];
  return [{ prop, received: `${value.length} characters`, allowed: `at most ${limit.max.toLocaleString('en-US')} characters (the ${limit.where} description)` }];
}

/** Applies one cloud's naming and type rules to every group and feature. @internal */
export function featureNamingIssues(spec: FeatureStoreSpec, rules: FeatureNamingRules, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const g of Array.isArray(spec.featureGroups) ? spec.featureGroups : []) {
    if (!g || typeof g.name !== 'string' || isUnresolved(g.name)) continue;
    const id = rules.normaliseGroupName ? rules.normaliseGroupName(g.name) : g.name;
    if (!rules.groupName.test(id)) {
      issues.push({ prop: `featureGroups.${g.name}.name`, received: show(g.name), allowed: `${rules.groupNameHelp} (${rules.where})` });
    }
    issues.push(...descriptionIssue(`featureGroups.${g.name}.description`, g.description, rules.groupDescription, isUnresolved));
    for (const f of Array.isArray(g.features) ? g.features : []) {
      if (!f || typeof f.name !== 'string' || isUnresolved(f.name)) continue;
      if (!rules.featureName.test(f.name)) {
        issues.push({ prop: `featureGroups.${g.name}.features.${f.name}`, received: show(f.name), allowed: `${rules.featureNameHelp} (${rules.where})` });
      } else if (rules.reserved?.includes(f.name.toLowerCase())) {
        issues.push({ prop: `featureGroups.${g.name}.features.${f.name}`, received: show(f.name), allowed: `a name other than ${rules.reserved.join(', ')} (reserved by ${rules.where})` });
      }
      issues.push(...descriptionIssue(`featureGroups.${g.name}.features.${f.name}.description`, f.description, rules.featureDescription, isUnresolved));
      const instead = rules.unsupportedTypes[f.type];
      if (instead) {
        issues.push({ prop: `featureGroups.${g.name}.features.${f.name}.type`, received: f.type, allowed: `a type ${rules.where} supports`, hint: instead });
      }
    }
  }
  return issues;
}

/**
 * Claims the cloud names of a store's feature groups in `place` (e.g. `AWS account 123456789012, region us-east-1`),
 * app-wide: feature group names are fixed, and a second group of the same name in the same place would fail at deploy
 * (or, with a different schema, point at the first store's data). `names` pairs each group name with its cloud name.
 * @internal
 */
export function claimFeatureGroupNames(store: IConstruct, place: string, names: Array<[string, string]>): void {
  claimNames(store, 'feature group', place, names.map(([group, name]) => ({ prop: `featureGroups.${group}.name`, value: group, name })),
    'a group name no other FeatureStore uses', (owner, name) => `${owner} already has a feature group named ${name} there; rename the group that is new, since renaming an existing one replaces it and loses its data`);
}
