/**
 * Resolves the CloudFormation intrinsics our templates use into concrete strings, so synthesized IAM, key and bucket
 * policies can be evaluated by a policy simulator (account 123456789012, us-east-1).
 */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function resolver(resources: Record<string, any>): (x: any) => any {
  const uuid = (id: string) => {
    const h = ([...id].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) % 4294967296, 7)).toString(16).padStart(8, '0');
    return `${h}-0000-4000-8000-${h}0000`;
  };
  const physical = (id: string): string => {
    const r = resources[id];
    switch (r?.Type) {
      case 'AWS::KMS::Key': return uuid(id);
      case 'AWS::S3::Bucket': return r.Properties?.BucketName ?? `bucket-${id.toLowerCase()}`;
      case 'AWS::IAM::Role': return r.Properties?.RoleName ?? id;
      case 'AWS::IAM::ManagedPolicy': return `arn:aws:iam::${ACCOUNT}:policy/${id}`;
      case 'AWS::SageMaker::Endpoint': return r.Properties?.EndpointName ?? `endpoint-${id.toLowerCase()}`;
      default: return id;
    }
  };
  const attr = (id: string, a: string): string => {
    const r = resources[id];
    const name = physical(id);
    switch (`${r?.Type}.${a}`) {
      case 'AWS::KMS::Key.Arn': return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}`;
      case 'AWS::S3::Bucket.Arn': return `arn:aws:s3:::${name}`;
      case 'AWS::IAM::Role.Arn': return `arn:aws:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::SageMaker::Endpoint.EndpointName': return name;
      default: return `${id}.${a}`;
    }
  };
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
  const resolve = (x: any): any => {
    if (Array.isArray(x)) return x.map(resolve);
    if (x && typeof x === 'object') {
      if ('Ref' in x) return pseudo[x.Ref] ?? physical(x.Ref);
      if ('Fn::GetAtt' in x) return attr(x['Fn::GetAtt'][0], x['Fn::GetAtt'][1]);
      if ('Fn::Join' in x) return resolve(x['Fn::Join'][1]).join(x['Fn::Join'][0]);
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, resolve(v)]));
    }
    return x;
  };
  return resolve;
}
