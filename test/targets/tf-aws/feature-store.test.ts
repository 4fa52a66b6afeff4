/**
 * FeatureStore on AWS through Terraform: SageMaker feature groups with KMS on both stores, a hardened, retained
 * offline bucket, and the same naming/type validation as the CloudFormation target.
 */
import { FeatureStore, FeatureStoreProps, FeatureType } from '../../../src';
import { CUSTOMERS, ORDERS, withFeature } from '../../feature-store-fixtures';
import { all, only, synthAwsTf, validationError } from '../../util';

const store = (props: Partial<FeatureStoreProps> = {}) => synthAwsTf((s) => {
  new FeatureStore(s, 'Features', { featureGroups: [CUSTOMERS, ORDERS], ...props });
});

describe('FeatureStore on AWS/Terraform', () => {
  const json = store({ onlineTtlHours: 48 });

  test('a feature group per group: online (KMS, TTL) and offline (S3, KMS) stores, on-demand throughput, retained', () => {
    const groups = all(json, 'aws_sagemaker_feature_group');
    expect(groups.map((g) => g.feature_group_name).sort()).toEqual(['customer-profile', 'orders']);
    const c = groups.find((g) => g.feature_group_name === 'customer-profile');
    expect(c).toMatchObject({
      record_identifier_feature_name: 'customer_id',
      event_time_feature_name: 'event_time',
      online_store_config: {
        enable_online_store: true, storage_type: 'Standard', security_config: { kms_key_id: expect.stringMatching(/aws_kms_key\.Features_Key/) }, ttl_duration: { unit: 'Hours', value: 48 },
      },
      offline_store_config: {
        s3_storage_config: { s3_uri: expect.stringMatching(/^s3:\/\/\$\{aws_s3_bucket\.Features_OfflineStore_\w+\.bucket\}\/offline-store$/) },
        disable_glue_table_creation: false,
      },
      throughput_config: { throughput_mode: 'OnDemand' },
      lifecycle: { prevent_destroy: true },
    });
    expect(c.feature_definition).toEqual([
      { feature_name: 'customer_id', feature_type: 'String' },
      { feature_name: 'event_time', feature_type: 'String' },
      { feature_name: 'lifetime_value', feature_type: 'Fractional' },
      { feature_name: 'orders_30d', feature_type: 'Integral' },
    ]);
  });

  test('the offline bucket is retained, versioned, KMS-encrypted, public access blocked, and access-logged', () => {
    const b = Object.entries(json.resource.aws_s3_bucket).find(([k]) => k.startsWith('Features_OfflineStore_'))![1];
    expect(b).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(all(json, 'aws_s3_bucket_versioning').every((v) => v.versioning_configuration.status === 'Enabled')).toBe(true);
    expect(all(json, 'aws_s3_bucket_logging')).toHaveLength(1);
    expect(only(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  test('the role may write only its prefix and the SageMaker Glue database', () => {
    const doc = JSON.parse(Object.entries(json.resource.aws_iam_policy)[0][1].policy);
    const sids = doc.Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(['UseStoreKey', 'WriteOfflineStore', 'CheckOfflineBucket', 'OfflineStoreCatalog']);
    expect(doc.Statement[1].Resource).toEqual([expect.stringMatching(/\.arn\}\/offline-store\/\*$/)]);
  });

  test('retainOnDelete: false drops prevent_destroy from groups and buckets (an explicit choice)', () => {
    const j = store({ retainOnDelete: false });
    for (const g of all(j, 'aws_sagemaker_feature_group')) expect(g.lifecycle).toBeUndefined();
    for (const b of all(j, 'aws_s3_bucket')) expect(b.lifecycle).toBeUndefined();
  });

  test('the same validation as the CloudFormation target (types SageMaker lacks, reserved names)', () => {
    expect(validationError(() => store({ featureGroups: [withFeature(FeatureType.BOOLEAN)] })).issues[0].prop).toMatch(/features/);
    expect(validationError(() => store({ featureGroups: [withFeature(FeatureType.STRING, 'write_time')] })).issues[0].received).toMatch(/write_time/);
  });
});
