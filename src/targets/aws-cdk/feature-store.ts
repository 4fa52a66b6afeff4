/*
 * FeatureStore → Amazon SageMaker Feature Store (aws-cdk-lib L1 FeatureGroups; deep imports only).
 *
 * One KMS key (rotation on, retained) encrypts the online store and the offline S3 data. The offline bucket is
 * KMS-encrypted, SSL-only, versioned, blocks public access, writes server access logs to a log bucket, and is
 * retained. A role with one customer-managed policy lets SageMaker write the offline store (and the Glue table when
 * the catalog is on).
 * CloudFormation facts encoded here: FeatureGroupName is required (fixed names); OnlineStoreConfig changes require
 * replacement, which fails under a fixed name; feature definitions can be added but never removed.
 * Names: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}$ for groups, ^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$ for features.
 */
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnFeatureGroup } from 'aws-cdk-lib/aws-sagemaker';
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { secureDataBucket } from './buckets';
import { acknowledgeWildcards, WILDCARD_REASONS } from './compliance';
import { ensureCostReport } from './reports';
import { FeatureStoreResources } from './resources';
import type { AwsCdkTargetOptions } from './target';
import { awsTenant, tagTenantOwned } from './tenancy';
import { CostEstimate, estimate, fixedDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import { FeatureType } from '../../core/feature-store/types';
import { featureNamingIssues } from '../../core/feature-store/validate';
import { RendererModule } from '../../core/renderer';
import { AWS_FIXED } from '../shared-aws/accelerators';

const SAGEMAKER_TYPES: Partial<Record<FeatureType, string>> = {
  [FeatureType.STRING]: 'String',
  [FeatureType.INTEGER]: 'Integral',
  [FeatureType.FLOAT]: 'Fractional',
  [FeatureType.TIMESTAMP]: 'String', // ISO-8601, the event-time format SageMaker accepts for String features
};
/** The database SageMaker creates offline-store tables in when the Glue catalog is on. */
const GLUE_DATABASE = 'sagemaker_featurestore';
const OFFLINE_PREFIX = 'offline-store';

export function validateFeatureStore(spec: FeatureStoreSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues = featureNamingIssues(spec, {
    where: 'SageMaker Feature Store (AWS)',
    groupName: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}$/,
    groupNameHelp: 'a FeatureGroup name: 1-64 letters, digits and hyphens, starting and ending with a letter or digit',
    featureName: /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/,
    featureNameHelp: 'a feature name: 1-64 letters, digits, hyphens and underscores, starting and ending with a letter or digit',
    reserved: ['is_deleted', 'write_time', 'api_invocation_time'],
    unsupportedTypes: {
      [FeatureType.BOOLEAN]: 'SageMaker features are Integral, Fractional or String: use INTEGER (0/1) or STRING',
      [FeatureType.FLOAT_VECTOR]: 'vectors need the InMemory online store tier; store the vector as a STRING (JSON) or use GCP BigQuery/Vertex AI',
    },
  }, isUnresolved);
  // Online-store settings cannot change in place: CloudFormation replaces the group, which fails under its fixed name.
  const prev = spec.previousSchema;
  if (prev && (prev.onlineStore !== spec.onlineStore || prev.onlineTtlHours !== spec.onlineTtlHours)) {
    issues.push({
      prop: prev.onlineStore !== spec.onlineStore ? 'onlineStore' : 'onlineTtlHours',
      received: prev.onlineStore !== spec.onlineStore ? `${spec.onlineStore} (locked: ${prev.onlineStore})` : `${show(spec.onlineTtlHours)} (locked: ${show(prev.onlineTtlHours)})`,
      allowed: 'the locked online-store settings',
      hint: 'OnlineStoreConfig changes replace every SageMaker FeatureGroup (online records are lost) and fail under the fixed group names; '
        + 'create groups under new names and migrate, or edit the lock file to confirm',
    });
  }
  return issues;
}

export function renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec, options: AwsCdkTargetOptions): FeatureStoreOutputs {
  ensureCostReport(scope);
  const c = scope as Construct;
  const removal = spec.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const tenant = awsTenant(spec.tenant, c);
  const key: IKey = tenant?.key ?? options.encryptionKey ?? new Key(c, 'Key', {
    description: `ai-infra-constructs feature store ${c.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN, // a key outlives the data it encrypted (and retained data needs it)
  });

  const role = new Role(c, 'Role', {
    assumedBy: new ServicePrincipal('sagemaker.amazonaws.com'),
    permissionsBoundary: tenant?.boundary,
    description: `SageMaker Feature Store role of ${c.node.path}`,
  });
  const policy = new ManagedPolicy(c, 'Policy', {
    description: `Least-privilege policy of the feature store ${c.node.path}`,
    roles: [role],
  });
  policy.addStatements(new PolicyStatement({
    sid: 'UseStoreKey',
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    resources: [key.keyArn],
  }));

  let bucket: Bucket | undefined;
  let logBucket: Bucket | undefined;
  if (spec.offlineStore) {
    ({ bucket, logBucket } = secureDataBucket(c, 'OfflineStore', { key, removal, logRetentionDays: spec.compliance.controls.logRetentionDays, logPrefix: OFFLINE_PREFIX, logBucketId: 'AccessLogs' }));
    policy.addStatements(
      new PolicyStatement({ sid: 'WriteOfflineStore', actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:GetObject'], resources: [bucket.arnForObjects(`${OFFLINE_PREFIX}/*`)] }),
      new PolicyStatement({ sid: 'CheckOfflineBucket', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    if (spec.dataCatalog) {
      const glue = (r: string) => `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:${r}`;
      policy.addStatements(new PolicyStatement({
        sid: 'OfflineStoreCatalog',
        actions: ['glue:GetDatabase', 'glue:CreateDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable'],
        resources: [glue('catalog'), glue(`database/${GLUE_DATABASE}`), glue(`table/${GLUE_DATABASE}/*`)],
      }));
    }
  }

  const groups: Record<string, CfnFeatureGroup> = {};
  const groupIds: Record<string, string> = {};
  for (const g of spec.featureGroups) {
    const fg = new CfnFeatureGroup(c, `Group${pascal(g.name)}`, {
      featureGroupName: g.name,
      description: g.description,
      recordIdentifierFeatureName: g.recordIdentifier,
      eventTimeFeatureName: g.eventTime,
      featureDefinitions: g.features.map((f) => ({ featureName: f.name, featureType: SAGEMAKER_TYPES[f.type]! })),
      onlineStoreConfig: spec.onlineStore ? {
        EnableOnlineStore: true,
        StorageType: 'Standard',
        SecurityConfig: { KmsKeyId: key.keyArn },
        TtlDuration: spec.onlineTtlHours !== undefined ? { Unit: 'Hours', Value: spec.onlineTtlHours } : undefined,
      } : undefined,
      offlineStoreConfig: bucket ? {
        S3StorageConfig: { S3Uri: `s3://${bucket.bucketName}/${OFFLINE_PREFIX}`, KmsKeyId: key.keyArn },
        DisableGlueTableCreation: !spec.dataCatalog,
      } : undefined,
      roleArn: role.roleArn,
      throughputConfig: { throughputMode: 'OnDemand' },
    });
    fg.applyRemovalPolicy(removal);
    fg.node.addDependency(policy);
    groups[g.name] = fg;
    // SageMaker ARNs carry the group name in lowercase.
    groupIds[g.name] = Stack.of(c).formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: g.name.toLowerCase() });
  }

  acknowledgeWildcards(policy, WILDCARD_REASONS);
  tagTenantOwned(c, spec.tags, spec.tenant);
  FeatureStoreResources._attach(c, new FeatureStoreResources({ featureGroups: groups, role, policy, encryptionKey: key, offlineBucket: bucket, accessLogBucket: logBucket }));
  return { storeId: bucket ? bucket.bucketArn : key.keyArn, groupIds };
}

export function estimateFeatureStore(_spec: FeatureStoreSpec, options: AwsCdkTargetOptions): CostEstimate {
  const drivers = [];
  if (!options.encryptionKey) {
    const k = AWS_FIXED.kmsKeyMonthlyUsd;
    drivers.push(fixedDriver('KMS customer-managed key', k.usd, k.source, k.asOf, k.region));
  }
  const assumptions = [
    'SageMaker Feature Store on-demand throughput bills per read/write request unit and online storage per GB-month: usage-priced, not included',
    `Offline store data in S3 costs $${AWS_FIXED.s3StandardGbMonthUsd.usd}/GB-month (Standard, us-east-1); volume depends on ingestion`,
    'KMS requests ($0.03 per 10,000) and Glue catalog requests are usage-priced and not included',
  ];
  return estimate(drivers, assumptions);
}

/** A construct-id-safe form of a group name (ids are stable as long as the group name is). */
function pascal(name: string): string {
  return name.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

/** The FeatureStore renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<FeatureStoreSpec, ReturnType<typeof renderFeatureStore>, AwsCdkTargetOptions> = {
  validate: (spec, _options, isUnresolved) => validateFeatureStore(spec, isUnresolved),
  render: renderFeatureStore,
  estimate: (spec, options) => estimateFeatureStore(spec, options),
};
