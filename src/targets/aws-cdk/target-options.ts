/*
 * AwsCdkTarget's options, checked at synth by the constructs that render to it. Existing resources must be the
 * aws-cdk-lib objects the types name (JavaScript callers can pass anything), ARNs must be ARNs, and an existing VPC must
 * have subnets our constructs can use: aws-cdk-lib would otherwise throw its own error naming none of our props (a VPC
 * without private subnets), or the cloud would refuse the subnets at deploy (an EKS cluster in one Availability Zone).
 */
import type { IVpc, SelectedSubnets, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Token } from 'aws-cdk-lib/core';
import type { AwsCdkTargetOptions } from './target';
import { show, ValidationIssue } from '../../core/errors';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Checks every construct makes of the target's options (tokens are not checked). */
export function targetOptionIssues(options: AwsCdkTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (options === null || typeof options !== 'object') {
    return [{ prop: 'AwsCdkTarget', received: show(options), allowed: 'AwsCdkTargetOptions (or none)' }];
  }
  const issues: ValidationIssue[] = [];
  const has = (x: unknown, member: string, kind: string) => x !== null && typeof x === 'object' && typeof (x as any)[member] === kind;
  const shapes: Array<[keyof AwsCdkTargetOptions, string, string, string]> = [
    ['vpc', 'selectSubnets', 'function', 'an ec2.IVpc (e.g. Vpc.fromLookup(stack, id, { vpcId }))'],
    ['encryptionKey', 'keyArn', 'string', 'a kms.IKey (e.g. Key.fromKeyArn(stack, id, arn))'],
    ['alarmTopic', 'topicArn', 'string', 'an sns.ITopic (e.g. Topic.fromTopicArn(stack, id, arn))'],
  ];
  for (const [k, member, kind, allowed] of shapes) {
    if (options[k] !== undefined && !has(options[k], member, kind)) issues.push({ prop: `AwsCdkTarget.${k}`, received: show(options[k]), allowed });
  }
  const key = options.encryptionKey;
  if (key !== undefined && has(key, 'keyArn', 'string') && (key as any).env && (key as any).stack) {
    // KMS keys are regional: SageMaker, EKS, S3 and CloudWatch Logs refuse a key from another region at deploy. A key
    // imported by ARN carries the ARN's region; the stack it was imported into is where it is used.
    const keyRegion: unknown = (key as any).env.region;
    const stackRegion: unknown = (key as any).stack.region;
    if (typeof keyRegion === 'string' && typeof stackRegion === 'string' && !isUnresolved(keyRegion) && !isUnresolved(stackRegion) && keyRegion !== stackRegion) {
      issues.push({ prop: 'AwsCdkTarget.encryptionKey', received: `a key in ${keyRegion}`, allowed: `a KMS key in the stack's region (${stackRegion}): keys are regional` });
    }
  }
  const groups = options.securityGroups;
  if (groups !== undefined && (!Array.isArray(groups) || groups.some((g) => !has(g, 'securityGroupId', 'string')))) {
    issues.push({ prop: 'AwsCdkTarget.securityGroups', received: show(groups), allowed: 'a list of ec2.ISecurityGroup (e.g. SecurityGroup.fromSecurityGroupId(stack, id, sgId))' });
  }
  if (groups !== undefined && options.vpc === undefined) {
    issues.push({ prop: 'AwsCdkTarget.securityGroups', received: 'security groups without AwsCdkTarget.vpc', allowed: 'set together with the vpc they belong to' });
  }
  if (options.vpcSubnets !== undefined && options.vpc === undefined) {
    issues.push({ prop: 'AwsCdkTarget.vpcSubnets', received: 'a selection without AwsCdkTarget.vpc', allowed: 'set together with the vpc it selects from' });
  }
  const admins = options.clusterAdminRoleArns;
  if (admins !== undefined && (!Array.isArray(admins) || admins.some((a) => typeof a !== 'string' || (!isUnresolved(a) && !ROLE_ARN.test(a))))) {
    issues.push({ prop: 'AwsCdkTarget.clusterAdminRoleArns', received: show(admins), allowed: 'a list of IAM role or user ARNs (arn:aws:iam::<account>:role/<name>)' });
  }
  return issues;
}

/** The private subnets of `vpc`: with egress when it has any, else isolated. */
function privateSubnets(vpc: IVpc): SubnetSelection {
  return { subnetType: vpc.privateSubnets.length > 0 ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED };
}

/** The subnets of `vpc` that `options` give a construct: `AwsCdkTarget.vpcSubnets`, else the VPC's private subnets. */
export function targetSubnets(vpc: IVpc, options: AwsCdkTargetOptions): SelectedSubnets {
  return vpc.selectSubnets(options.vpcSubnets ?? privateSubnets(vpc));
}

/**
 * An endpoint without `AwsCdkTarget.securityGroups` gets a security group allowing HTTPS to the VPC's CIDR block,
 * which a VPC imported with `Vpc.fromVpcAttributes` may not have.
 */
export function vpcCidrIssues(options: AwsCdkTargetOptions, purpose: string): ValidationIssue[] {
  if (!options?.vpc || typeof options.vpc.selectSubnets !== 'function' || (Array.isArray(options.securityGroups) && options.securityGroups.length > 0)) return [];
  try {
    void options.vpc.vpcCidrBlock;
    return [];
  } catch {
    return [{
      prop: 'AwsCdkTarget.vpc',
      received: 'a VPC imported without vpcCidrBlock',
      allowed: `a VPC whose CIDR block is known (Vpc.fromVpcAttributes({ vpcCidrBlock }), Vpc.fromLookup), or AwsCdkTarget.securityGroups for ${purpose}`,
    }];
  }
}

/**
 * Issues with the subnets `options` give a construct (`AwsCdkTarget.vpcSubnets`, else the VPC's private subnets):
 * none selected, or fewer Availability Zones than `minAzs` when every subnet's zone is known.
 */
export function targetSubnetIssues(options: AwsCdkTargetOptions, minAzs: number, purpose: string): ValidationIssue[] {
  const vpc = options?.vpc;
  if (!vpc || typeof vpc.selectSubnets !== 'function') return []; // (not an IVpc: targetOptionIssues says so)
  const prop = options.vpcSubnets ? 'AwsCdkTarget.vpcSubnets' : 'AwsCdkTarget.vpc';
  const counts = `${vpc.privateSubnets.length} private, ${vpc.isolatedSubnets.length} isolated, ${vpc.publicSubnets.length} public subnets`;
  const allowed = options.vpcSubnets
    ? `a selection of subnets of AwsCdkTarget.vpc (${counts}) for ${purpose}`
    : `a VPC with private or isolated subnets for ${purpose}, or AwsCdkTarget.vpcSubnets choosing them`;
  let subnets;
  try {
    subnets = targetSubnets(vpc, options).subnets;
  } catch (e) {
    return [{ prop, received: options.vpcSubnets ? `a selection aws-cdk-lib cannot make: ${(e as Error).message}` : `a VPC with ${counts}`, allowed }];
  }
  if (subnets.length === 0) return [{ prop, received: `a selection of no subnets (the VPC has ${counts})`, allowed }];
  let zones: string[];
  try {
    zones = subnets.map((s) => s.availabilityZone);
  } catch {
    return []; // imported subnets without their zones: nothing to compare
  }
  if (zones.some((z) => Token.isUnresolved(z))) return [];
  const distinct = [...new Set(zones)].sort();
  if (distinct.length < minAzs) {
    return [{
      prop,
      received: `subnets in ${distinct.length} Availability Zone${distinct.length === 1 ? '' : 's'} (${distinct.join(', ')})`,
      allowed: `subnets in at least ${minAzs} Availability Zones for ${purpose}`,
    }];
  }
  return [];
}
