/**
 * Tenant isolation on AWS, proven with a policy simulator (@cloud-copilot/iam-simulate) on the synthesized policies:
 * for N tenants, each tenant role may decrypt with its own key, read its own data and invoke its own endpoint, and
 * every cross-tenant attempt is denied. Identity policies, the permissions boundary, key policies and bucket policies
 * all take part in each evaluation.
 */
import { ACCOUNT, resolver } from './cfn-resolve';
import { proveIsolation, TenantView } from './iam-sim';
import { defineSaas } from '../../examples/multi-tenant-saas/define';
import { synthAws } from '../util';

const TENANTS = ['acme', 'globex', 'initech'];

function tenantViews(): TenantView[] {
  const template = synthAws((s) => defineSaas(s, 'aws', TENANTS)).toJSON();
  const res: Record<string, any> = template.Resources;
  const resolve = resolver(res);
  const byType = (type: string) => Object.entries(res).filter(([, r]) => r.Type === type);
  const tagOf = (r: any) => (r.Properties.Tags ?? []).find((t: any) => t.Key === 'TenantId')?.Value;
  return TENANTS.map((id) => {
    const [roleId, role] = byType('AWS::IAM::Role').find(([, r]) => tagOf(r) === id && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('pods.eks'))!;
    const identityPolicies = byType('AWS::IAM::ManagedPolicy')
      .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
      .map(([pid, p]) => ({ name: pid, policy: resolve(p.Properties.PolicyDocument) }));
    const boundaryId = role.Properties.PermissionsBoundary.Ref;
    const [keyId, key] = byType('AWS::KMS::Key').find(([, k]) => tagOf(k) === id)!;
    const [bucketId] = byType('AWS::S3::Bucket').find(([bid, b]) => tagOf(b) === id && b.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms' && bid.includes('Data'))!;
    const bucketPolicy = byType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1];
    const [endpointId] = byType('AWS::SageMaker::Endpoint').find(([, e]) => tagOf(e) === id)!;
    return {
      id,
      roleArn: resolve({ 'Fn::GetAtt': [roleId, 'Arn'] }),
      identityPolicies,
      boundary: resolve(res[boundaryId].Properties.PolicyDocument),
      keyArn: resolve({ 'Fn::GetAtt': [keyId, 'Arn'] }),
      keyPolicy: resolve(key.Properties.KeyPolicy),
      bucket: resolve({ Ref: bucketId }),
      bucketPolicy: resolve(bucketPolicy.Properties.PolicyDocument),
      endpointArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${resolve({ 'Fn::GetAtt': [endpointId, 'EndpointName'] })}`,
    };
  });
}

describe('AWS tenant isolation (iam-simulate on the synthesized policies, 3 tenants)', () => {
  proveIsolation('AWS', tenantViews());
});
