/**
 * The isolation proof both AWS targets share: a policy simulator (@cloud-copilot/iam-simulate) evaluates, for every
 * pair of tenants, decrypting with the other's key, reading its data and invoking its endpoint — identity policies,
 * permissions boundary, key and bucket policies all taking part.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';

export const ACCOUNT = '123456789012';

/** What one tenant owns, resolved to concrete ARNs and policy documents. */
export interface TenantView {
  readonly id: string;
  readonly roleArn: string;
  readonly identityPolicies: Array<{ name: string; policy: any }>;
  readonly boundary: any;
  readonly keyArn: string;
  readonly keyPolicy: any;
  readonly bucket: string;
  readonly bucketPolicy: any;
  readonly endpointArn: string;
}

export async function decide(caller: TenantView, owner: TenantView, action: string, resource: string, resourcePolicy: any): Promise<string> {
  const result = await runSimulation({
    request: {
      principal: caller.roleArn,
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: { 'aws:PrincipalTag/TenantId': caller.id, 'aws:ResourceTag/TenantId': owner.id, 'aws:SecureTransport': 'true' },
    },
    identityPolicies: caller.identityPolicies,
    permissionBoundaryPolicies: [{ name: 'boundary', policy: caller.boundary }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  }, { simulationMode: 'Strict' });
  if (result.resultType === 'error') throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

/**
 * Declares the tests: every own access allowed, every cross-tenant access denied (with a summary line), a broad grant
 * attached later still stopped by the boundary, and views that are complete and distinct.
 */
export function proveIsolation(label: string, views: TenantView[]): void {
  const attempts = [
    { what: 'decrypt with the key', run: (a: TenantView, b: TenantView) => decide(a, b, 'kms:Decrypt', b.keyArn, b.keyPolicy) },
    { what: 'read the data location', run: (a: TenantView, b: TenantView) => decide(a, b, 's3:GetObject', `arn:aws:s3:::${b.bucket}/features/part-0.parquet`, b.bucketPolicy) },
    { what: 'invoke the endpoint', run: (a: TenantView, b: TenantView) => decide(a, b, 'sagemaker:InvokeEndpoint', b.endpointArn, undefined) },
  ];
  const counts = { ownAllowed: 0, crossDenied: 0 };

  test.each(views.flatMap((a) => views.flatMap((b) => attempts.map((t) => [a.id, b.id, t.what, a, b, t] as const))))(
    '%s → %s: %s', async (_a, _b, _w, a, b, t) => {
      const decision = await t.run(a, b);
      if (a.id === b.id) {
        if (decision === 'Allowed') counts.ownAllowed++;
        expect(decision).toBe('Allowed');
      } else {
        if (decision !== 'Allowed') counts.crossDenied++;
        expect(decision).not.toBe('Allowed');
      }
    });

  afterAll(() => {
    process.stdout.write(`${label} isolation: ${counts.ownAllowed}/${views.length * attempts.length} own accesses allowed, `
      + `${counts.crossDenied}/${views.length * (views.length - 1) * attempts.length} cross-tenant accesses denied\n`);
  });

  test('defence in depth: a broad grant attached later is still stopped by the boundary (and the simulator does allow it without one)', async () => {
    const [a, b] = views;
    const broad = { name: 'attached-later', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sagemaker:InvokeEndpoint', 'kms:Decrypt'], Resource: '*' }] } };
    const withBroad = { ...a, identityPolicies: [...a.identityPolicies, broad] };
    expect(await decide(withBroad, b, 'sagemaker:InvokeEndpoint', b.endpointArn, undefined)).toBe('ExplicitlyDenied');
    const noBoundary = { ...withBroad, boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
    expect(await decide(noBoundary, b, 'sagemaker:InvokeEndpoint', b.endpointArn, undefined)).toBe('Allowed');
  });

  test('views are complete (one role, key, bucket and endpoint per tenant, all distinct)', () => {
    for (const field of ['roleArn', 'keyArn', 'bucket', 'endpointArn'] as const) expect(new Set(views.map((v) => v[field])).size).toBe(views.length);
  });
}
