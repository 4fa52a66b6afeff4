/*
 * A data bucket in Terraform, with the CloudFormation target's defaults: SSE-KMS with the given key (bucket key on),
 * SSL-only bucket policy, versioning, all public access blocked, ACLs off (BucketOwnerEnforced), server access logs
 * to a companion log bucket (SSE-S3: log delivery does not support SSE-KMS) delivered through a bucket policy for the
 * S3 logging service, lifecycle rules, and prevent_destroy on both buckets when retained.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { AwsContext, policyDocument, Statement } from './common';
import { Compliance } from '../../core/acknowledgement';
import { retain } from '../shared-tf/engine';

export interface TfDataBucketOptions {
  /** ARN of the KMS key that encrypts the data. */
  readonly keyArn: string;
  readonly retain: boolean;
  readonly logRetentionDays: number;
  readonly logPrefix: string;
  /** Expiration rules of the data bucket. */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
}

export function tfDataBucket(scope: Construct, id: string, ctx: AwsContext, o: TfDataBucketOptions): { bucket: S3Bucket; logBucket: S3Bucket } {
  const { bucket: logBucket, encryption: logEncryption } = hardenedBucket(scope, `${id}AccessLogs`, o.retain, undefined);
  const { bucket } = hardenedBucket(scope, id, o.retain, o.keyArn);
  new S3BucketLoggingA(scope, `${id}Logging`, { bucket: bucket.id, targetBucket: logBucket.id, targetPrefix: `${o.logPrefix}/` });
  new S3BucketPolicy(scope, `${id}AccessLogsPolicy`, {
    bucket: logBucket.id,
    policy: policyDocument([
      denyInsecureTransport(logBucket),
      {
        Sid: 'S3ServerAccessLogs',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${logBucket.arn}/${o.logPrefix}/*`,
        Condition: { ArnLike: { 'aws:SourceArn': bucket.arn }, StringEquals: { 'aws:SourceAccount': ctx.accountId } },
      },
    ]),
  });
  new S3BucketPolicy(scope, `${id}Policy`, { bucket: bucket.id, policy: policyDocument([denyInsecureTransport(bucket)]) });
  new S3BucketLifecycleConfiguration(scope, `${id}AccessLogsLifecycle`, {
    bucket: logBucket.id,
    rule: [{
      id: 'expire-access-logs',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      expiration: [{ days: Math.max(365, o.logRetentionDays) }],
      noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
    }],
  });
  if (o.lifecycleRules?.length) new S3BucketLifecycleConfiguration(scope, `${id}Lifecycle`, { bucket: bucket.id, rule: o.lifecycleRules });
  Compliance.acknowledge(logEncryption, {
    ruleId: 'CKV_AWS_145',
    reason: 'S3 server access logs can only be delivered to a destination bucket encrypted with SSE-S3, not SSE-KMS (S3 user guide: server access logging).',
  });
  return { bucket, logBucket };
}

/** Versioned, public access blocked, owner-enforced, encrypted (KMS with `keyArn`, else SSE-S3). */
function hardenedBucket(scope: Construct, id: string, keep: boolean, keyArn: string | undefined): { bucket: S3Bucket; encryption: S3BucketServerSideEncryptionConfigurationA } {
  const bucket = new S3Bucket(scope, id, { bucketPrefix: `${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30)}-`, forceDestroy: false });
  if (keep) retain(bucket);
  new S3BucketVersioningA(scope, `${id}Versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketPublicAccessBlock(scope, `${id}PublicAccessBlock`, {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${id}Ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, `${id}Encryption`, {
    bucket: bucket.id,
    rule: [keyArn
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  return { bucket, encryption };
}

function denyInsecureTransport(bucket: S3Bucket): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [bucket.arn, `${bucket.arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
