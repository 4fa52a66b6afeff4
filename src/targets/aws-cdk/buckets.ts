import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';

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
  });
  (bucket.node.defaultChild as CfnBucket).loggingConfiguration = { destinationBucketName: logBucket.bucketName, logFilePrefix: `${opts.logPrefix}/` };
  logBucket.addToResourcePolicy(new PolicyStatement({
    sid: 'S3ServerAccessLogs',
    principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects(`${opts.logPrefix}/*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
  return { bucket, logBucket };
}
