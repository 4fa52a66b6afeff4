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
import { keepLogicalIds } from './logical-ids';
import { stackPlace } from './place';
import { ensureCostReport } from './reports';
import { FeatureStoreResources } from './resources';
import type { AwsCdkTargetOptions } from './target';
import { targetOptionIssues } from './target-options';
import { awsTenant, tagTenantOwned } from './tenancy';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import { claimFeatureGroupNames } from '../../core/feature-store/validate';
import { RendererModule } from '../../core/renderer';
import { estimateSageMakerFeatureStore, GLUE_DATABASE, OFFLINE_PREFIX, pascalCase, SAGEMAKER_FEATURE_TYPES, validateSageMakerFeatureStore } from '../shared-aws/feature-store';
import { keyDescription, policyDescription, roleDescription } from '../shared-aws/iam';

export function validateFeatureStore(spec: FeatureStoreSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  return validateSageMakerFeatureStore(spec, isUnresolved, 'CloudFormation');
}

export function renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec, options: AwsCdkTargetOptions): FeatureStoreOutputs {
  // Group names are fixed and unique per account and region (a stack whose environment is unknown is its own place).
  claimFeatureGroupNames(scope, stackPlace(scope), spec.featureGroups.map((g) => [g.name, g.name]));
  ensureCostReport(scope);
  keepLogicalIds(scope);
  const c = scope as Construct;
  const removal = spec.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const tenant = awsTenant(spec.tenant, c);
  const key: IKey = tenant?.key ?? options.encryptionKey ?? new Key(c, 'Key', {
    description: keyDescription(`ai-infra-constructs feature store ${c.node.path}`),
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN, // a key outlives the data it encrypted (and retained data needs it)
  });

  const role = new Role(c, 'Role', {
    assumedBy: new ServicePrincipal('sagemaker.amazonaws.com'),
    permissionsBoundary: tenant?.boundary,
    description: roleDescription(`SageMaker Feature Store role of ${c.node.path}`),
  });
  const policy = new ManagedPolicy(c, 'Policy', {
    description: policyDescription(`Least-privilege policy of the feature store ${c.node.path}`),
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
    const fg = new CfnFeatureGroup(c, `Group${pascalCase(g.name)}`, {
      featureGroupName: g.name,
      description: g.description,
      recordIdentifierFeatureName: g.recordIdentifier,
      eventTimeFeatureName: g.eventTime,
      featureDefinitions: g.features.map((f) => ({ featureName: f.name, featureType: SAGEMAKER_FEATURE_TYPES[f.type]! })),
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
  return estimateSageMakerFeatureStore(options.encryptionKey !== undefined);
}

/** The FeatureStore renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<FeatureStoreSpec, ReturnType<typeof renderFeatureStore>, AwsCdkTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...targetOptionIssues(options, isUnresolved), ...validateFeatureStore(spec, isUnresolved)],
  render: renderFeatureStore,
  estimate: (spec, options) => estimateFeatureStore(spec, options),
};
