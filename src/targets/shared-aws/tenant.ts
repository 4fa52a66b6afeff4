/*
 * SecureTenant on AWS, engine-free: the IAM vocabulary of tenant isolation (ABAC tag, key actions, the boundary's
 * allow-list), validation and the estimate, shared by both AWS targets so they isolate tenants identically.
 */
import { AWS_FIXED } from './accelerators';
import { CostEstimate, estimate, fixedDriver } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { TENANT_COST_CENTER_TAG, TENANT_ID_TAG } from '../../core/tags';
import { SecureTenantSpec } from '../../core/tenant';

/** The tag ABAC conditions read (on principals and resources). */
export const TENANT_TAG = TENANT_ID_TAG;
export const COST_CENTER_TAG = TENANT_COST_CENTER_TAG;
/**
 * Resource types our constructs render whose CloudFormation schema takes tag values of 1-256 characters, where AWS
 * otherwise takes 0-256: a tag with an empty value fails their schema validation (aws-cdk-lib's at synth when on,
 * CloudFormation's at deploy, and the awscc provider's at plan, which uses the same schemas), so both AWS targets
 * leave such a tag off them. The hashicorp/aws resources call the service APIs, which take it. Found with the schema
 * aws-cdk-lib validates against (rule F3033), rendering every construct and option with an empty tag value.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudwatch-alarm-tag.html
 */
export const NO_EMPTY_TAG_VALUES = ['AWS::CloudWatch::Alarm', 'AWS::SageMaker::InferenceComponent'];
/** Using a key: explicit actions (no wildcards). */
export const KEY_USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'];
export const INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream', 'sagemaker:InvokeEndpointAsync'];
export const RECORD_ACTIONS = ['sagemaker:PutRecord', 'sagemaker:GetRecord', 'sagemaker:BatchGetRecord', 'sagemaker:DeleteRecord'];
/** What any tenant role (and any role of a construct given the tenant) may ever do: the boundary's allow-list. */
export const TENANT_CEILING_ACTIONS = [
  ...KEY_USE, 'kms:CreateGrant',
  's3:GetObject', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketAcl',
  ...INVOKE_ACTIONS,
  ...RECORD_ACTIONS,
  'ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability',
  'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'cloudwatch:PutMetricData',
  'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission',
  'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
  'glue:GetDatabase', 'glue:CreateDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable',
];

/**
 * AWS Budgets: a notification has at most 10 e-mail subscribers, and a budget at most 10 notifications (one per
 * threshold, plus the forecast's); without subscribers nobody is notified.
 */
export function validateAwsTenant(spec: SecureTenantSpec): ValidationIssue[] {
  if (spec.monthlyBudgetUsd === undefined) return [];
  if (spec.budgetAlertEmails.length === 0) {
    return [{
      prop: 'budgetAlertEmails',
      received: '[] (with monthlyBudgetUsd)',
      allowed: 'at least one e-mail address on AWS',
      hint: 'AWS Budgets notifies only the subscribers it is given',
    }];
  }
  const issues: ValidationIssue[] = [];
  if (spec.budgetAlertEmails.length > 10) {
    issues.push({ prop: 'budgetAlertEmails', received: `${spec.budgetAlertEmails.length} addresses`, allowed: 'at most 10 on AWS (AWS Budgets sends a notification to at most 10 e-mail subscribers)' });
  }
  const th = spec.budgetAlertThresholdsPercent;
  if (Array.isArray(th) && th.length > 9) {
    issues.push({ prop: 'budgetAlertThresholdsPercent', received: `${th.length} thresholds`, allowed: 'at most 9 on AWS (each is a notification, and the last also one on the forecast; an AWS budget has at most 10)' });
  }
  return issues;
}

export function estimateAwsTenant(): CostEstimate {
  const k = AWS_FIXED.kmsKeyMonthlyUsd;
  return estimate([fixedDriver('KMS customer-managed key (tenant)', k.usd, k.source, k.asOf, k.region)], [
    'Tenant data in S3, KMS requests and AWS Budgets (the first two budgets per account are free) are usage-priced and not included',
  ]);
}
