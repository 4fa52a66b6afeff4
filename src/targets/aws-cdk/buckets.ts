import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, LifecycleRule, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { acknowledge, inCompliancePacks } from './compliance';

/**
 * A data bucket: KMS-encrypted with `key` (bucket key on), SSL-only, versioned, all public access blocked, ACLs off,
 * server access logs to a companion log bucket (delivered through a bucket policy for the S3 logging service, scoped
 * to this bucket and account, not the legacy log-delivery ACL).
 */
export interface SecureDataBucketOptions {
  readonly key: IKey;
  readonly removal: RemovalPolicy;
  readonly logRetentionDays: number;
  readonly logPrefix: string;
  readonly logBucketId: string;
  /** Lifecycle rules of the data bucket. */
  readonly lifecycleRules?: LifecycleRule[];
}

export function secureDataBucket(scope: Construct, id: string, opts: SecureDataBucketOptions): { bucket: Bucket; logBucket: Bucket } {
  const logBucket = new Bucket(scope, opts.logBucketId, {
    encryption: BucketEncryption.S3_MANAGED, // server access log delivery does not support SSE-KMS
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: opts.removal,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(Math.max(365, opts.logRetentionDays)), noncurrentVersionExpiration: Duration.days(30) }],
  });
  const bucket = new Bucket(scope, id, {
    encryption: BucketEncryption.KMS,
    encryptionKey: opts.key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: opts.removal,
    lifecycleRules: opts.lifecycleRules,
  });
  (bucket.node.defaultChild as CfnBucket).loggingConfiguration = { destinationBucketName: logBucket.bucketName, logFilePrefix: `${opts.logPrefix}/` };
  logBucket.addToResourcePolicy(new PolicyStatement({
    sid: 'S3ServerAccessLogs',
    principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects(`${opts.logPrefix}/*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  acknowledge(logBucket, inCompliancePacks('S3DefaultEncryptionKMS'),
    'S3 server access logs can only be delivered to a destination bucket encrypted with SSE-S3, not SSE-KMS (S3 user guide: server access logging).');
  acknowledge(logBucket, ['AwsSolutions-S1', ...inCompliancePacks('S3BucketLoggingEnabled')],
    'This is the access-log destination; logging a log bucket into itself or a further bucket would recurse (S3 user guide: server access logging).');
  for (const b of [bucket, logBucket]) {
    acknowledge(b, inCompliancePacks('S3BucketReplicationEnabled'),
      'Cross-region replication needs a destination bucket in another region, which a single-region stack cannot own; data is versioned, retained and KMS-encrypted here.');
  }
  return { bucket, logBucket };
}
