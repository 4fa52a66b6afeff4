import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { awscdk, FeatureStore, FeatureStoreProps, FeatureType, Target } from '../../../src';
import { CUSTOMERS, ORDERS, withFeature } from '../../feature-store-fixtures';
import { synthAws, validationError } from '../../util';

const ofType = (t: Template, type: string) => Object.entries<any>(t.toJSON().Resources).filter(([, r]) => r.Type === type);

describe('FeatureStore on AWS (defaults)', () => {
  let store!: FeatureStore;
  const t = synthAws((s) => {
    store = new FeatureStore(s, 'Features', { featureGroups: [CUSTOMERS, ORDERS], onlineTtlHours: 72 });
  });
  const groups = ofType(t, 'AWS::SageMaker::FeatureGroup').map(([, r]) => r);
  const customers = groups.find((g) => g.Properties.FeatureGroupName === 'customer-profile')!;
  const keyRef = { 'Fn::GetAtt': [expect.stringMatching(/^FeaturesKey/), 'Arn'] };

  test('one FeatureGroup per group with typed feature definitions', () => {
    expect(groups).toHaveLength(2);
    expect(customers.Properties).toMatchObject({
      RecordIdentifierFeatureName: 'customer_id',
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: 'customer_id', FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'String' },
        { FeatureName: 'lifetime_value', FeatureType: 'Fractional' },
        { FeatureName: 'orders_30d', FeatureType: 'Integral' },
      ],
      ThroughputConfig: { ThroughputMode: 'OnDemand' },
    });
  });

  test('online store encrypted with the KMS key, with the TTL', () => {
    expect(customers.Properties.OnlineStoreConfig).toEqual({
      EnableOnlineStore: true, StorageType: 'Standard', SecurityConfig: { KmsKeyId: keyRef }, TtlDuration: { Unit: 'Hours', Value: 72 },
    });
  });

  test('offline store in S3 with KMS; Glue table creation on by default', () => {
    expect(customers.Properties.OfflineStoreConfig).toEqual({
      S3StorageConfig: { S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^FeaturesOfflineStore/) }, '/offline-store']] }, KmsKeyId: keyRef },
      DisableGlueTableCreation: false,
    });
  });

  test('the offline bucket: KMS, SSL-only, versioned, no public access, access logs, retained', () => {
    const [id, bucket] = ofType(t, 'AWS::S3::Bucket').find(([i]) => i.startsWith('FeaturesOfflineStore'))!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyRef });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: expect.stringMatching(/^FeaturesAccessLogs/) }, LogFilePrefix: 'offline-store/' });
    const policy = ofType(t, 'AWS::S3::BucketPolicy').map(([, r]) => r).find((p) => p.Properties.Bucket.Ref === id)!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]));
  });

  test('the access-log bucket accepts logs from the S3 logging service for this bucket only, and is retained', () => {
    const [, logBucket] = ofType(t, 'AWS::S3::Bucket').find(([i]) => i.startsWith('FeaturesAccessLogs'))!;
    expect(logBucket.DeletionPolicy).toBe('Retain');
    const policy = JSON.stringify(ofType(t, 'AWS::S3::BucketPolicy').map(([, r]) => r));
    expect(policy).toMatch(/logging\.s3\.amazonaws\.com/);
    expect(policy).toMatch(/aws:SourceArn/);
  });

  test('feature groups and the key are retained on delete', () => {
    for (const g of groups) expect(g.DeletionPolicy).toBe('Retain');
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  test('least-privilege role: scoped S3 prefix, the key, the Glue feature-store database; no wildcard resources', () => {
    const [, policy] = ofType(t, 'AWS::IAM::ManagedPolicy')[0];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['UseStoreKey', 'WriteOfflineStore', 'CheckOfflineBucket', 'OfflineStoreCatalog']);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
    for (const g of groups) expect(g.Properties.RoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FeaturesRole/), 'Arn'] });
  });

  test('cost tags, ids and estimate', () => {
    expect(customers.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'workload', Value: 'Features' }]));
    expect(Object.keys(store.featureGroupIds)).toEqual(['customer-profile', 'orders']);
    expect(store.estimatedMonthlyCost.monthlyUsdLow).toBe(1); // the KMS key; everything else is usage-priced
    expect(store.estimatedMonthlyCost.assumptions.join(' ')).toMatch(/usage-priced/);
  });
});

describe('FeatureStore on AWS: options', () => {
  test('retainOnDelete: false is explicit and deletes', () => {
    const t = synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], retainOnDelete: false }));
    for (const [, g] of ofType(t, 'AWS::SageMaker::FeatureGroup')) expect(g.DeletionPolicy).toBe('Delete');
    for (const [, b] of ofType(t, 'AWS::S3::Bucket')) expect(b.DeletionPolicy).toBe('Delete');
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' }); // the key outlives data it encrypted elsewhere
  });

  test('offline only, no Glue table: no online config; catalog permissions dropped', () => {
    const t = synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], onlineStore: false, dataCatalog: false }));
    const [, g] = ofType(t, 'AWS::SageMaker::FeatureGroup')[0];
    expect(g.Properties.OnlineStoreConfig).toBeUndefined();
    expect(g.Properties.OfflineStoreConfig.DisableGlueTableCreation).toBe(true);
    expect(JSON.stringify(t.toJSON())).not.toMatch(/glue:CreateTable/);
  });

  test('online only: no buckets', () => {
    const t = synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], offlineStore: false }));
    t.resourceCountIs('AWS::S3::Bucket', 0);
    expect(ofType(t, 'AWS::SageMaker::FeatureGroup')[0][1].Properties.OfflineStoreConfig).toBeUndefined();
  });

  test('an existing key from the target is used', () => {
    const t = synthAws((s) => {
      Target.bind(s, new awscdk.AwsCdkTarget({ encryptionKey: Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') }));
      new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS] });
    });
    t.resourceCountIs('AWS::KMS::Key', 0);
    expect(ofType(t, 'AWS::SageMaker::FeatureGroup')[0][1].Properties.OnlineStoreConfig.SecurityConfig.KmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  });

  test('escape hatch', () => {
    synthAws((s) => {
      const f = new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS] });
      expect(awscdk.FeatureStoreResources.of(f).resources.featureGroups['customer-profile'].featureGroupName).toBe('customer-profile');
    });
  });
});

describe('FeatureStore on AWS: validation', () => {
  const fails = (props: Partial<FeatureStoreProps>) => validationError(() => synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], ...props })));

  test.each([FeatureType.BOOLEAN, FeatureType.FLOAT_VECTOR])('%s features are not SageMaker types: named with the alternative', (type) => {
    const e = fails({ featureGroups: [withFeature(type)] });
    expect(e.issues[0]).toMatchObject({ prop: 'featureGroups.customer-profile.features.extra.type', received: type });
    expect(e.issues[0].hint).toMatch(/INTEGER|STRING/);
  });
  test('names SageMaker rejects', () => {
    expect(fails({ featureGroups: [{ ...CUSTOMERS, name: 'customer_profile' }] }).issues[0]).toMatchObject({ prop: 'featureGroups.customer_profile.name' });
    expect(fails({ featureGroups: [withFeature(FeatureType.STRING, 'bad name')] }).issues[0]).toMatchObject({ prop: 'featureGroups.customer-profile.features.bad name' });
    expect(fails({ featureGroups: [withFeature(FeatureType.STRING, 'write_time')] }).issues[0].allowed).toMatch(/reserved/);
  });
});
