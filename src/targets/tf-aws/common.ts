/*
 * Pieces every AWS Terraform renderer shares: the providers, account/partition references, names, keys, IAM
 * documents and tags. IAM documents are JSON strings with Terraform references inside; IAM policy variables are
 * written `$${aws:...}` so that Terraform does not read them as its own interpolation.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct, IConstruct } from 'constructs';
import { AWS_TF_RULES } from './rules';
import type { AwsTfTargetOptions } from './target';
import { ValidationIssue, show } from '../../core/errors';
import { ISecureTenant } from '../../core/tenant';
import { allow, IamStatement, keyDescription, policyDescription, roleDescription } from '../shared-aws/iam';
import { COST_CENTER_TAG, NO_EMPTY_TAG_VALUES, TENANT_TAG } from '../shared-aws/tenant';
import { ensureComplianceEngine } from '../shared-tf/compliance';
import { expectUserProvider, hasProvider, isUnresolved, RawProvider, RawResource, retain, shortHash, stackOf, tagResources } from '../shared-tf/engine';

/** The awscc provider renders what hashicorp/aws 6.x lacks (SageMaker inference components). */
export const AWSCC_VERSION = '~> 1.100';
const CONTEXT = Symbol.for('ai-infra-constructs.tf-aws.Context');

/** Per-stack references: account id, partition, region, and the awscc provider when needed. */
export interface AwsContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
}

/** Declares the aws provider once per stack (unless the target says the user does) and attaches the rule engine. */
export function ensureProvider(scope: IConstruct, options: AwsTfTargetOptions): AwsContext {
  ensureComplianceEngine(scope, AWS_TF_RULES);
  const stack = stackOf(scope) as any;
  if (stack[CONTEXT]) return stack[CONTEXT];
  if (options.configureProvider === false) {
    expectUserProvider(stack, 'aws', 'AwsTfTarget.configureProvider', "new AwsProvider(stack, 'aws', { region })");
  } else if (!hasProvider(stack, 'aws')) {
    new AwsProvider(stack, 'aws', { region: options.region });
  }
  const ctx: AwsContext = {
    accountId: new DataAwsCallerIdentity(stack, 'AiInfraAwsAccount', {}).accountId,
    partition: new DataAwsPartition(stack, 'AiInfraAwsPartition', {}).partition,
    region: options.region,
  };
  Object.defineProperty(stack, CONTEXT, { value: ctx });
  return ctx;
}

/** The awscc provider (declared once per stack, same region). */
export function awsccProvider(scope: IConstruct, options: AwsTfTargetOptions): RawProvider {
  const stack = stackOf(scope);
  const existing = stack.node.tryFindChild('awscc') as RawProvider | undefined;
  if (existing) return existing;
  return new RawProvider(stack, 'awscc', { name: 'awscc', source: 'hashicorp/awscc', version: AWSCC_VERSION, attributes: { region: options.region } });
}

/** A name from the construct id plus a stable hash of its path: letters, digits and hyphens, at most `max` characters. */
export function physicalName(scope: IConstruct, max: number): string {
  const slug = scope.node.id.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^[^a-zA-Z]+/, '').replace(/-+$/, '') || 'resource';
  return `${slug.slice(0, max - 9).replace(/-+$/, '')}-${shortHash(scope)}`;
}

/** An IAM policy document (JSON string; Terraform references inside are resolved by Terraform). */
export function policyDocument(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export type Statement = IamStatement;
export { allow };

/** A role assumed by AWS services, optionally capped by a permissions boundary. */
export function serviceRole(scope: Construct, id: string, services: string[], description: string, boundaryArn?: string, extraTrust: Statement[] = []): IamRole {
  return new IamRole(scope, id, {
    namePrefix: rolePrefix(scope),
    description: roleDescription(description),
    assumeRolePolicy: policyDocument([
      { Effect: 'Allow', Principal: { Service: services.length === 1 ? services[0] : services }, Action: 'sts:AssumeRole' },
      ...extraTrust,
    ]),
    permissionsBoundary: boundaryArn,
  });
}

/** A customer-managed policy attached to `role` (no inline policies, no AWS managed policies). */
export function attachPolicy(scope: Construct, id: string, role: IamRole, description: string, statements: Statement[]): { policy: IamPolicy; attachment: IamRolePolicyAttachment } {
  const policy = new IamPolicy(scope, id, { namePrefix: rolePrefix(scope), description: policyDescription(description), policy: policyDocument(statements) });
  const attachment = new IamRolePolicyAttachment(scope, `${id}Attachment`, { role: role.name, policyArn: policy.arn });
  return { policy, attachment };
}

/** IAM name prefixes are at most 38 characters (role names 64 with the 26-character suffix Terraform adds). */
function rolePrefix(scope: IConstruct): string {
  return `${physicalName(scope, 36)}-`;
}

/**
 * A customer-managed key: rotation on, 30-day deletion window, prevent_destroy (data it encrypted may be retained).
 * The default policy lets the account administer the key and delegate use through IAM.
 */
export function newKey(scope: Construct, id: string, ctx: AwsContext, description: string, extraStatements: Statement[] = [], alias?: string): KmsKey {
  const key = new KmsKey(scope, id, {
    description: keyDescription(description),
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyDocument([
      { Sid: 'AccountRootAdministersTheKey', Effect: 'Allow', Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: 'kms:*', Resource: '*' },
      ...extraStatements,
    ]),
  });
  retain(key);
  if (alias) new KmsAlias(scope, `${id}Alias`, { name: alias, targetKeyId: key.keyId });
  return key;
}

/**
 * The awscc resource types (Cloud Control, which validates against CloudFormation's schemas) of `NO_EMPTY_TAG_VALUES`:
 * `AWS::SageMaker::InferenceComponent` is `awscc_sagemaker_inference_component`.
 */
const AWSCC_NO_EMPTY_TAG_VALUES = new Set(NO_EMPTY_TAG_VALUES.map((t) => {
  const [, service, resource] = t.split('::');
  return `awscc_${service}_${resource.replace(/([a-z0-9])([A-Z])/g, '$1_$2')}`.toLowerCase();
}));

/** Cost tags plus the tenant's TenantId / CostCenter tags on every taggable resource under `scope`. */
export function tagTenantOwned(scope: IConstruct, tags: Record<string, string>, tenant: ISecureTenant | undefined): void {
  const all = { ...tags };
  if (tenant) {
    all[TENANT_TAG] = tenant.tenantId;
    if (tenant.costCenter) all[COST_CENTER_TAG] = tenant.costCenter;
  }
  tagResources(scope, all);
  if (!Object.values(all).includes('')) return;
  for (const c of scope.node.findAll()) {
    if (c instanceof RawResource && AWSCC_NO_EMPTY_TAG_VALUES.has(c.terraformResourceType) && Array.isArray(c.attributes.tags)) {
      c.attributes.tags = c.attributes.tags.filter((t: { value: string }) => t.value !== '');
    }
  }
}

/** Tags of resources our constructs share per stack (VPCs, the alarm topic). */
export const SHARED_TAGS = { 'managed-by': 'ai-infra-constructs', 'workload': 'ai-infra-shared' };

/** Where a stack's fixed names must be unique: its provider's account, in the target's region. */
export function stackPlace(scope: IConstruct, options: AwsTfTargetOptions): string {
  return `the AWS account of Terraform stack ${stackOf(scope).node.path}, region ${options.region}`;
}

/**
 * An EC2 resource id: the prefix and 8 or 17 hexadecimal digits, the two forms EC2 issues (the format CloudFormation's
 * schema gives AWS::EC2::VPC.Id, Subnet.Id and SecurityGroup.Id).
 */
const ec2Id = (prefix: string) => new RegExp(`^${prefix}-([0-9a-fA-F]{8}|[0-9a-fA-F]{17})$`);
const ec2IdShape = (prefix: string) => `${prefix}- and 8 or 17 hexadecimal digits, e.g. ${prefix}-0123456789abcdef0`;

/** Checks of the target's own options (shared by every construct). */
export function targetOptionIssues(options: AwsTfTargetOptions): ValidationIssue[] {
  if (options === null || typeof options !== 'object') {
    return [{ prop: 'AwsTfTarget', received: show(options), allowed: 'AwsTfTargetOptions { region }' }];
  }
  const issues: ValidationIssue[] = [];
  // Ids are checked in full: an ARN, a name, a CIDR or a mistyped id where an id belongs fails at plan otherwise.
  const bad = (x: unknown, re: RegExp) => typeof x !== 'string' || (!isUnresolved(x) && !re.test(x));
  const badList = (xs: unknown, re: RegExp) => xs !== undefined && (!Array.isArray(xs) || xs.some((x) => bad(x, re)));
  if (options.vpcId !== undefined && bad(options.vpcId, ec2Id('vpc'))) {
    issues.push({ prop: 'AwsTfTarget.vpcId', received: show(options.vpcId), allowed: `a VPC id (${ec2IdShape('vpc')})` });
  }
  if (Array.isArray(options.subnetIds) && badList(options.subnetIds, ec2Id('subnet'))) {
    issues.push({ prop: 'AwsTfTarget.subnetIds', received: show(options.subnetIds), allowed: `a list of subnet ids (${ec2IdShape('subnet')})` });
  }
  if (badList(options.securityGroupIds, ec2Id('sg'))) {
    issues.push({ prop: 'AwsTfTarget.securityGroupIds', received: show(options.securityGroupIds), allowed: `a list of security group ids (${ec2IdShape('sg')}) in AwsTfTarget.vpcId` });
  } else if (options.securityGroupIds !== undefined && options.vpcId === undefined) {
    issues.push({ prop: 'AwsTfTarget.securityGroupIds', received: 'security groups without AwsTfTarget.vpcId', allowed: 'set together with the VPC they belong to' });
  }
  if (options.vpcCidrBlock !== undefined && bad(options.vpcCidrBlock, /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12]\d|3[0-2])$/)) {
    issues.push({ prop: 'AwsTfTarget.vpcCidrBlock', received: show(options.vpcCidrBlock), allowed: 'an IPv4 CIDR block such as 10.0.0.0/16' });
  }
  if (badList(options.clusterAdminRoleArns, /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/)) {
    issues.push({ prop: 'AwsTfTarget.clusterAdminRoleArns', received: show(options.clusterAdminRoleArns), allowed: 'a list of IAM role or user ARNs (arn:aws:iam::<account>:role/<name>)' });
  }
  if (options.alarmTopicArn !== undefined && bad(options.alarmTopicArn, /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/)) {
    issues.push({ prop: 'AwsTfTarget.alarmTopicArn', received: show(options.alarmTopicArn), allowed: 'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)' });
  }
  if (typeof options.region !== 'string' || !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(options.region)) {
    issues.push({ prop: 'AwsTfTarget.region', received: show(options.region), allowed: 'an AWS region such as "us-east-1"' });
  }
  if (options.vpcId !== undefined && (!Array.isArray(options.subnetIds) || options.subnetIds.length === 0)) {
    issues.push({ prop: 'AwsTfTarget.subnetIds', received: show(options.subnetIds), allowed: 'the private subnet ids of AwsTfTarget.vpcId (at least one)' });
  }
  if (options.subnetIds !== undefined && options.vpcId === undefined) {
    issues.push({ prop: 'AwsTfTarget.vpcId', received: 'undefined (with subnetIds)', allowed: 'the VPC the subnets belong to' });
  }
  const keyArn = options.kmsKeyArn !== undefined && !isUnresolved(options.kmsKeyArn) ? /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/[0-9a-f-]{36}$/.exec(options.kmsKeyArn) : undefined;
  if (keyArn === null) {
    issues.push({ prop: 'AwsTfTarget.kmsKeyArn', received: show(options.kmsKeyArn), allowed: 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)' });
  } else if (keyArn && typeof options.region === 'string' && !isUnresolved(options.region) && keyArn[1] !== options.region) {
    // KMS keys are regional: SageMaker, EKS, S3 and CloudWatch Logs refuse a key from another region at apply.
    issues.push({ prop: 'AwsTfTarget.kmsKeyArn', received: `a key in ${keyArn[1]}`, allowed: `a KMS key in the target's region (${options.region}): keys are regional` });
  }
  return issues;
}

