/**
 * Tenant isolation on AWS through Terraform, proven the same way as the CloudFormation target: the synthesized
 * Terraform policies (identity, permissions boundary, key and bucket policies) are evaluated by a policy simulator
 * (@cloud-copilot/iam-simulate) for three tenants. Terraform references are resolved to concrete ARNs, and the
 * escaped IAM variables (`$${aws:PrincipalTag/TenantId}`) are unescaped exactly as Terraform would.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { defineSaas } from '../../examples/multi-tenant-saas/define';
import { synthAwsTf } from '../util';

const ACCOUNT = '123456789012';
const TENANTS = ['acme', 'globex', 'initech'];

/** What Terraform would put in the policy strings: references resolved, `$${` unescaped. */
function resolveTf(text: string): string {
  const uuid = (id: string) => {
    const h = ([...id].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) % 4294967296, 7)).toString(16).padStart(8, '0');
    return `${h}-0000-4000-8000-${h}0000`;
  };
  return text
    .replace(/\$\$\{/g, '\u0000')
    .replace(/\$\{([^}]+)\}/g, (_m, expr: string) => {
      const [kind, type, id, attr] = expr.startsWith('data.') ? expr.split('.') : ['resource', ...expr.split('.')];
      if (kind === 'data' && type === 'aws_partition') return 'aws';
      if (kind === 'data' && type === 'aws_caller_identity') return ACCOUNT;
      if (type === 'aws_kms_key' && attr === 'arn') return `arn:aws:kms:us-east-1:${ACCOUNT}:key/${uuid(id)}`;
      if (type === 'aws_s3_bucket' && attr === 'arn') return `arn:aws:s3:::bucket-${id.toLowerCase()}`;
      if (type === 'aws_s3_bucket' && (attr === 'bucket' || attr === 'id')) return `bucket-${id.toLowerCase()}`;
      if (type === 'aws_iam_role' && attr === 'arn') return `arn:aws:iam::${ACCOUNT}:role/${id}`;
      if (type === 'aws_iam_policy' && attr === 'arn') return `arn:aws:iam::${ACCOUNT}:policy/${id}`;
      throw new Error(`unresolvable reference in a policy: ${expr}`);
    })
    .replace(/\u0000/g, '${');
}

interface TenantView {
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

function tenantViews(): TenantView[] {
  const json = synthAwsTf((s) => { defineSaas(s, 'aws', TENANTS); });
  const r = json.resource;
  const entries = (type: string) => Object.entries<any>(r[type] ?? {});
  const doc = (text: string) => JSON.parse(resolveTf(text));
  const ref = (s: string) => s.match(/^\$\{[a-z_]+\.([^.]+)\.[a-z_]+\}$/)![1];
  return TENANTS.map((id) => {
    const [roleId, role] = entries('aws_iam_role').find(([, x]) => x.tags?.TenantId === id && x.assume_role_policy.includes('pods.eks'))!;
    const identityPolicies = entries('aws_iam_role_policy_attachment')
      .filter(([, a]) => a.role === `\${aws_iam_role.${roleId}.name}`)
      .map(([, a]) => ({ name: ref(a.policy_arn), policy: doc(r.aws_iam_policy[ref(a.policy_arn)].policy) }));
    const [keyId, key] = entries('aws_kms_key').find(([, k]) => k.tags?.TenantId === id)!;
    const [bucketId] = entries('aws_s3_bucket').find(([bid, b]) => b.tags?.TenantId === id && /_Data_/.test(bid))!;
    const [, bucketPolicy] = entries('aws_s3_bucket_policy').find(([, p]) => p.bucket === `\${aws_s3_bucket.${bucketId}.id}`)!;
    const [, endpoint] = entries('aws_sagemaker_endpoint').find(([, e]) => e.tags?.TenantId === id)!;
    return {
      id,
      roleArn: resolveTf(`\${aws_iam_role.${roleId}.arn}`),
      identityPolicies,
      boundary: doc(r.aws_iam_policy[ref(role.permissions_boundary)].policy),
      keyArn: resolveTf(`\${aws_kms_key.${keyId}.arn}`),
      keyPolicy: doc(key.policy),
      bucket: resolveTf(`\${aws_s3_bucket.${bucketId}.bucket}`),
      bucketPolicy: doc(bucketPolicy.policy),
      endpointArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${endpoint.name.toLowerCase()}`,
    };
  });
}

async function decide(caller: TenantView, owner: TenantView, action: string, resource: string, resourcePolicy: any): Promise<string> {
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

describe('AWS/Terraform tenant isolation (iam-simulate on the synthesized Terraform policies, 3 tenants)', () => {
  const views = tenantViews();
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
    process.stdout.write(`AWS/Terraform isolation: ${counts.ownAllowed}/${TENANTS.length * attempts.length} own accesses allowed, `
      + `${counts.crossDenied}/${TENANTS.length * (TENANTS.length - 1) * attempts.length} cross-tenant accesses denied\n`);
  });

  test('the ABAC condition reaches IAM as a policy variable, not as a Terraform interpolation', () => {
    const invoke = views[0].identityPolicies.flatMap((p) => p.policy.Statement).find((s: any) => s.Sid === 'InvokeTenantEndpoints');
    expect(invoke.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/TenantId': '${aws:PrincipalTag/TenantId}' } });
  });

  test('defence in depth: a broad grant attached later is still stopped by the boundary', async () => {
    const [a, b] = views;
    const broad = { name: 'attached-later', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sagemaker:InvokeEndpoint', 'kms:Decrypt'], Resource: '*' }] } };
    expect(await decide({ ...a, identityPolicies: [...a.identityPolicies, broad] }, b, 'sagemaker:InvokeEndpoint', b.endpointArn, undefined)).toBe('ExplicitlyDenied');
  });
});
