/*
 * FeatureStore → Amazon SageMaker Feature Store, rendered with Terraform (hashicorp/aws; deep imports only).
 *
 * Same defaults as the CloudFormation target: one KMS key (rotation on, prevent_destroy) encrypts the online store
 * and the offline S3 data; the offline bucket is SSE-KMS, SSL-only, versioned, public access blocked, access-logged
 * and retained; a role with one customer-managed policy lets SageMaker write the offline store (and the Glue table).
 * Feature groups have fixed names (SageMaker requires them) and are retained (`prevent_destroy`) unless
 * `retainOnDelete: false`; online-store changes replace a group, which the schema lock catches at synth.
 */
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SagemakerFeatureGroup } from '@cdktf/provider-aws/lib/sagemaker-feature-group';
import { Construct, IConstruct } from 'constructs';
import { tfDataBucket } from './buckets';
import { allow, attachPolicy, ensureProvider, newKey, serviceRole, Statement, tagTenantOwned, targetOptionIssues, stackPlace } from './common';
import { FeatureStoreResources } from './resources';
import type { AwsTfTargetOptions } from './target';
import { awsTfTenant } from './tenancy';
import { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import { claimFeatureGroupNames } from '../../core/feature-store/validate';
import { RendererModule } from '../../core/renderer';
import {
  estimateSageMakerFeatureStore, GLUE_DATABASE, OFFLINE_PREFIX, pascalCase, SAGEMAKER_FEATURE_TYPES, validateSageMakerFeatureStore,
} from '../shared-aws/feature-store';
import { retain } from '../shared-tf/engine';

export function renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec, options: AwsTfTargetOptions): FeatureStoreOutputs {
  // Group names are fixed and unique per account and region; a stack's provider names one account.
  claimFeatureGroupNames(scope, stackPlace(scope, options), spec.featureGroups.map((g) => [g.name, g.name]));
  const ctx = ensureProvider(scope, options);
  const c = scope as Construct;
  const tenant = awsTfTenant(spec.tenant, c);
  let key: KmsKey | undefined;
  let keyArn = tenant?.keyArn ?? options.kmsKeyArn;
  if (!keyArn) {
    key = newKey(c, 'Key', ctx, `ai-infra-constructs feature store ${c.node.path}`); // outlives the data it encrypted
    keyArn = key.arn;
  }

  const role = serviceRole(c, 'Role', ['sagemaker.amazonaws.com'], `SageMaker Feature Store role of ${c.node.path}`, tenant?.boundaryArn);
  const statements: Statement[] = [allow('UseStoreKey', ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], [keyArn])];

  let bucket: S3Bucket | undefined;
  if (spec.offlineStore) {
    ({ bucket } = tfDataBucket(c, 'OfflineStore', ctx, { keyArn, retain: spec.retainOnDelete, logRetentionDays: spec.compliance.controls.logRetentionDays, logPrefix: OFFLINE_PREFIX }));
    statements.push(
      allow('WriteOfflineStore', ['s3:PutObject', 's3:PutObjectAcl', 's3:GetObject'], [`${bucket.arn}/${OFFLINE_PREFIX}/*`]),
      allow('CheckOfflineBucket', ['s3:GetBucketAcl', 's3:ListBucket'], [bucket.arn]),
    );
    if (spec.dataCatalog) {
      const glue = (r: string) => `arn:${ctx.partition}:glue:${ctx.region}:${ctx.accountId}:${r}`;
      statements.push(allow('OfflineStoreCatalog', ['glue:GetDatabase', 'glue:CreateDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable'],
        [glue('catalog'), glue(`database/${GLUE_DATABASE}`), glue(`table/${GLUE_DATABASE}/*`)]));
    }
  }
  const { attachment } = attachPolicy(c, 'Policy', role, `Least-privilege policy of the feature store ${c.node.path}`, statements);

  const groups: Record<string, SagemakerFeatureGroup> = {};
  const groupIds: Record<string, string> = {};
  for (const g of spec.featureGroups) {
    const fg = new SagemakerFeatureGroup(c, `Group${pascalCase(g.name)}`, {
      featureGroupName: g.name,
      description: g.description,
      recordIdentifierFeatureName: g.recordIdentifier,
      eventTimeFeatureName: g.eventTime,
      featureDefinition: g.features.map((f) => ({ featureName: f.name, featureType: SAGEMAKER_FEATURE_TYPES[f.type]! })),
      onlineStoreConfig: spec.onlineStore ? {
        enableOnlineStore: true,
        storageType: 'Standard',
        securityConfig: { kmsKeyId: keyArn },
        ttlDuration: spec.onlineTtlHours !== undefined ? { unit: 'Hours', value: spec.onlineTtlHours } : undefined,
      } : undefined,
      offlineStoreConfig: bucket ? {
        s3StorageConfig: { s3Uri: `s3://${bucket.bucket}/${OFFLINE_PREFIX}`, kmsKeyId: keyArn },
        disableGlueTableCreation: !spec.dataCatalog,
      } : undefined,
      roleArn: role.arn,
      throughputConfig: { throughputMode: 'OnDemand' },
      dependsOn: [attachment],
    });
    if (spec.retainOnDelete) retain(fg);
    groups[g.name] = fg;
    groupIds[g.name] = fg.arn;
  }

  tagTenantOwned(c, spec.tags, spec.tenant);
  FeatureStoreResources._attach(c, new FeatureStoreResources({ featureGroups: groups, role, offlineBucket: bucket, key }));
  return { storeId: bucket ? bucket.arn : keyArn, groupIds };
}

/** The FeatureStore renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<FeatureStoreSpec, FeatureStoreOutputs, AwsTfTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...targetOptionIssues(options), ...validateSageMakerFeatureStore(spec, isUnresolved, 'Terraform')],
  render: renderFeatureStore,
  estimate: (_spec, options) => estimateSageMakerFeatureStore(options?.kmsKeyArn !== undefined),
};
