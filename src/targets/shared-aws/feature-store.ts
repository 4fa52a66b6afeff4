/*
 * FeatureStore on AWS (SageMaker Feature Store), engine-free: naming rules, type mapping, validation and the price
 * estimate both AWS targets share.
 */
import { AWS_FIXED } from './accelerators';
import { CostEstimate, estimate, fixedDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { FeatureStoreSpec } from '../../core/feature-store/spec';
import { FeatureType } from '../../core/feature-store/types';
import { featureNamingIssues } from '../../core/feature-store/validate';

export const SAGEMAKER_FEATURE_TYPES: Partial<Record<FeatureType, string>> = {
  [FeatureType.STRING]: 'String',
  [FeatureType.INTEGER]: 'Integral',
  [FeatureType.FLOAT]: 'Fractional',
  [FeatureType.TIMESTAMP]: 'String', // ISO-8601, the event-time format SageMaker accepts for String features
};
/** The database SageMaker creates offline-store tables in when the Glue catalog is on. */
export const GLUE_DATABASE = 'sagemaker_featurestore';
export const OFFLINE_PREFIX = 'offline-store';

export function validateSageMakerFeatureStore(spec: FeatureStoreSpec, isUnresolved: (x: unknown) => boolean, engine: 'CloudFormation' | 'Terraform'): ValidationIssue[] {
  const issues = featureNamingIssues(spec, {
    where: 'SageMaker Feature Store (AWS)',
    groupName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}$/,
    groupNameHelp: 'a FeatureGroup name: 1-64 letters, digits and hyphens, starting and ending with a letter or digit',
    featureName: /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/,
    featureNameHelp: 'a feature name: 1-64 letters, digits, hyphens and underscores, starting and ending with a letter or digit',
    reserved: ['is_deleted', 'write_time', 'api_invocation_time'],
    groupDescription: { max: 128, where: 'SageMaker FeatureGroup' },
    unsupportedTypes: {
      [FeatureType.BOOLEAN]: 'SageMaker features are Integral, Fractional or String: use INTEGER (0/1) or STRING',
      [FeatureType.FLOAT_VECTOR]: 'vectors need the InMemory online store tier; store the vector as a STRING (JSON) or use GCP BigQuery/Vertex AI',
    },
  }, isUnresolved);
  // Online-store settings cannot change in place: the group is replaced, which fails under its fixed name.
  const prev = spec.previousSchema;
  if (prev && (prev.onlineStore !== spec.onlineStore || prev.onlineTtlHours !== spec.onlineTtlHours)) {
    issues.push({
      prop: prev.onlineStore !== spec.onlineStore ? 'onlineStore' : 'onlineTtlHours',
      received: prev.onlineStore !== spec.onlineStore ? `${spec.onlineStore} (locked: ${prev.onlineStore})` : `${show(spec.onlineTtlHours)} (locked: ${show(prev.onlineTtlHours)})`,
      allowed: 'the locked online-store settings',
      hint: `OnlineStoreConfig changes replace every SageMaker FeatureGroup (online records are lost) and fail under the fixed group names in ${engine}; `
        + 'create groups under new names and migrate, or edit the lock file to confirm',
    });
  }
  // The tenant's key encrypts the groups; another key (another tenant's, or the store's own) replaces them too.
  const tenant = spec.tenant?.tenantId ?? null;
  if (prev && prev.tenant !== undefined && prev.tenant !== tenant) {
    issues.push({
      prop: 'tenant',
      received: `${tenant ?? 'none'} (locked: ${prev.tenant ?? 'none'})`,
      allowed: 'the locked tenant',
      hint: `the tenant's key encrypts every SageMaker FeatureGroup, and a new KmsKeyId replaces them (stored records are lost), which fails under the fixed group names in ${engine}; `
        + 'create groups under new names and migrate, or edit the lock file to confirm',
    });
  }
  return issues;
}

export function estimateSageMakerFeatureStore(hasKey: boolean): CostEstimate {
  const drivers = [];
  if (!hasKey) {
    const k = AWS_FIXED.kmsKeyMonthlyUsd;
    drivers.push(fixedDriver('KMS customer-managed key', k.usd, k.source, k.asOf, k.region));
  }
  return estimate(drivers, [
    'SageMaker Feature Store on-demand throughput bills per read/write request unit and online storage per GB-month: usage-priced, not included',
    `Offline store data in S3 costs $${AWS_FIXED.s3StandardGbMonthUsd.usd}/GB-month (Standard, us-east-1); volume depends on ingestion`,
    'KMS requests ($0.03 per 10,000) and Glue catalog requests are usage-priced and not included',
  ]);
}

/** A construct-id-safe form of a group name (ids are stable as long as the group name is). */
export function pascalCase(name: string): string {
  return name.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}
