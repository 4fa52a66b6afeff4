/**
 * Tenant isolation on AWS through Terraform, proven the same way as the CloudFormation target: the synthesized
 * Terraform policies (identity, permissions boundary, key and bucket policies) are evaluated by a policy simulator
 * (@cloud-copilot/iam-simulate) for three tenants. Terraform references are resolved to concrete ARNs, and the
 * escaped IAM variables (`$${aws:PrincipalTag/TenantId}`) are unescaped exactly as Terraform would.
 */
import { ACCOUNT, proveIsolation, TenantView } from './iam-sim';
import { defineSaas } from '../../examples/multi-tenant-saas/define';
import { synthAwsTf } from '../util';

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

describe('AWS/Terraform tenant isolation (iam-simulate on the synthesized Terraform policies, 3 tenants)', () => {
  const views = tenantViews();
  proveIsolation('AWS/Terraform', views);

  test('the ABAC condition reaches IAM as a policy variable, not as a Terraform interpolation', () => {
    const invoke = views[0].identityPolicies.flatMap((p) => p.policy.Statement).find((s: any) => s.Sid === 'InvokeTenantEndpoints');
    expect(invoke.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/TenantId': '${aws:PrincipalTag/TenantId}' } });
  });
});
