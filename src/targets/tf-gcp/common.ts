/*
 * Pieces every GCP renderer shares: the provider, naming, and the CMEK key.
 * Key ring and key names: 1-63 characters [a-zA-Z0-9_-].
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct, IConstruct } from 'constructs';
import { GCP_RULES } from './rules';
import type { GcpTargetOptions } from './target';
import { show, ValidationIssue } from '../../core/errors';
import { ensureComplianceEngine } from '../shared-tf/compliance';
import { expectUserProvider, hasProvider, isUnresolved as unresolvedTf, retain, shortHash, stackOf } from '../shared-tf/engine';

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]{1,2}$/;
const KMS_KEY = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/**
 * Checks of the target's own options, shared by every GCP renderer (tokens are not checked). A key must be in the
 * target's region: Cloud Run, GKE, BigQuery and Cloud Storage refuse a CMEK key from another location.
 */
export function targetOptionIssues(options: GcpTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (options === null || typeof options !== 'object') {
    return [{ prop: 'GcpTarget', received: show(options), allowed: 'GcpTargetOptions { project, region }' }];
  }
  const issues: ValidationIssue[] = [];
  const known = (x: unknown): x is string => typeof x === 'string' && !isUnresolved(x);
  const { project, region, kmsKeyName } = options;
  if (typeof project !== 'string' || project === '' || (known(project) && !PROJECT_ID.test(project))) {
    issues.push({ prop: 'GcpTarget.project', received: show(project), allowed: 'a GCP project id: 6-30 lowercase letters, digits and hyphens, starting with a letter (not its name or number; domain-scoped ids such as example.com:proj are not supported: they cannot prefix bucket names)' });
  }
  if (typeof region !== 'string' || region === '' || (known(region) && !REGION.test(region))) {
    issues.push({ prop: 'GcpTarget.region', received: show(region), allowed: 'a GCP region such as us-central1 (not a zone or a multi-region)' });
  }
  if (kmsKeyName !== undefined && (typeof kmsKeyName !== 'string' || known(kmsKeyName))) {
    const location = typeof kmsKeyName === 'string' ? KMS_KEY.exec(kmsKeyName)?.[1] : undefined;
    if (location === undefined) {
      issues.push({ prop: 'GcpTarget.kmsKeyName', received: show(kmsKeyName), allowed: 'a Cloud KMS key name: projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>' });
    } else if (known(region) && location !== region) {
      issues.push({
        prop: 'GcpTarget.kmsKeyName',
        received: `a key in ${location}`,
        allowed: `a key in ${region} (GcpTarget.region): Cloud Run, GKE, BigQuery and Cloud Storage need the key in the location of the resources it encrypts`,
      });
    }
  }
  return issues;
}

/** Where fixed names must be unique: the target's project and region (the stack, when either is a token). */
export function gcpPlace(scope: IConstruct, options: GcpTargetOptions): string {
  return unresolvedTf(options.project) || unresolvedTf(options.region) ? `Terraform stack ${stackOf(scope).node.path}` : `GCP project ${options.project}, region ${options.region}`;
}

/** 90 days: the CMEK rotation period our profiles require (checkov CKV_GCP_43). */
export const ROTATION_PERIOD = '7776000s';

/** Declares the google provider once per stack (unless the target says the user does). */
export function ensureProvider(scope: IConstruct, options: GcpTargetOptions): void {
  ensureComplianceEngine(scope, GCP_RULES);
  const stack = stackOf(scope);
  if (options.configureProvider === false) {
    expectUserProvider(stack, 'google', 'GcpTarget.configureProvider', "new GoogleProvider(stack, 'google', { project, region })");
    return;
  }
  if (!hasProvider(stack, 'google')) {
    new GoogleProvider(stack, 'google', { project: options.project, region: options.region });
  }
}

/** A lowercase name from the construct id plus a stable hash of its path, at most `max` characters. */
export function baseName(scope: IConstruct, max: number): string {
  const slug = scope.node.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '') || 'resource';
  return `${slug.slice(0, max - 9).replace(/-+$/, '')}-${shortHash(scope)}`;
}

/** The CMEK key: the target's existing key, or a new key ring + key (90-day rotation, prevent_destroy). */
export function cmekKey(scope: Construct, options: GcpTargetOptions, base: string, labels?: Record<string, string>): { keyId: string; key?: KmsCryptoKey } {
  if (options.kmsKeyName) return { keyId: options.kmsKeyName };
  const ring = new KmsKeyRing(scope, 'KeyRing', { name: `${base}-ring`, location: options.region, project: options.project });
  retain(ring);
  const key = new KmsCryptoKey(scope, 'Key', {
    name: `${base}-key`,
    keyRing: ring.id,
    rotationPeriod: ROTATION_PERIOD,
    purpose: 'ENCRYPT_DECRYPT',
    labels,
    lifecycle: { preventDestroy: true },
  });
  return { keyId: key.id, key };
}
