/*
 * The subnets of an existing VPC (AwsCdkTarget.vpc) that our constructs use, checked at synth: aws-cdk-lib would
 * otherwise throw its own error naming none of our props (a VPC without private subnets), or the cloud would refuse
 * the subnets at deploy (an EKS cluster or node group with subnets in one Availability Zone).
 */
import type { IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Token } from 'aws-cdk-lib/core';
import type { AwsCdkTargetOptions } from './target';
import { ValidationIssue } from '../../core/errors';

/** The private subnets of `vpc`: with egress when it has any, else isolated. */
export function privateSubnets(vpc: IVpc): SubnetSelection {
  return { subnetType: vpc.privateSubnets.length > 0 ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED };
}

/**
 * An endpoint without `AwsCdkTarget.securityGroups` gets a security group allowing HTTPS to the VPC's CIDR block,
 * which a VPC imported with `Vpc.fromVpcAttributes` may not have.
 */
export function vpcCidrIssues(options: AwsCdkTargetOptions, purpose: string): ValidationIssue[] {
  if (!options.vpc || (options.securityGroups && options.securityGroups.length > 0)) return [];
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
  const vpc = options.vpc;
  if (!vpc || typeof vpc.selectSubnets !== 'function') return [];
  const prop = options.vpcSubnets ? 'AwsCdkTarget.vpcSubnets' : 'AwsCdkTarget.vpc';
  const counts = `${vpc.privateSubnets.length} private, ${vpc.isolatedSubnets.length} isolated, ${vpc.publicSubnets.length} public subnets`;
  const allowed = options.vpcSubnets
    ? `a selection of subnets of AwsCdkTarget.vpc (${counts}) for ${purpose}`
    : `a VPC with private or isolated subnets for ${purpose}, or AwsCdkTarget.vpcSubnets choosing them`;
  let subnets;
  try {
    subnets = vpc.selectSubnets(options.vpcSubnets ?? privateSubnets(vpc)).subnets;
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
