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
import { ensureComplianceEngine } from '../shared-tf/compliance';
import { hasProvider, retain, shortHash, stackOf } from '../shared-tf/engine';

/** 90 days: the CMEK rotation period our profiles require (checkov CKV_GCP_43). */
export const ROTATION_PERIOD = '7776000s';

/** Declares the google provider once per stack (unless the target says the user does). */
export function ensureProvider(scope: IConstruct, options: GcpTargetOptions): void {
  ensureComplianceEngine(scope, GCP_RULES);
  if (options.configureProvider === false) return;
  const stack = stackOf(scope);
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
