/*
 * IAM statements both AWS targets grant, as plain IAM JSON: the CloudFormation target turns them into
 * PolicyStatements, the Terraform target writes them into policy documents. One definition, so the two targets grant
 * exactly the same permissions. Every `*` resource is an action without resource-level permissions.
 */
import { DLC_ACCOUNT, ECR_IMAGE, HF_TGI_REPOSITORY, splitS3Uri } from './inference-endpoint';
import { InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { ModelSourceKind } from '../../core/model-source';

/** Partition, region and account of the stack: literals or engine references. */
export interface AwsArnContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** One IAM policy statement, in IAM's own spelling. */
export interface IamStatement {
  readonly Sid?: string;
  readonly Effect?: 'Allow' | 'Deny';
  readonly Principal?: any;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, any>>;
}

export function allow(sid: string, actions: string[], resources: string[], condition?: IamStatement['Condition']): IamStatement {
  return { Sid: sid, Effect: 'Allow', Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) };
}

/** The SageMaker execution role's grants: image pull, logs, metrics, model artifacts, the key, VPC interfaces. */
export function endpointExecutionStatements(spec: InferenceEndpointSpec, image: string, keyArn: string | undefined, inVpc: boolean, ctx: AwsArnContext,
  isUnresolved: (x: unknown) => boolean): IamStatement[] {
  const arn = (service: string, res: string) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${res}`;
  const stmts: IamStatement[] = [
    allow('PullModelImage', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], [ecrRepositoryArn(spec, image, ctx, isUnresolved)]),
    allow('EcrAuthToken', ['ecr:GetAuthorizationToken'], ['*']), // no resource-level permissions
    allow('EndpointLogs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], [arn('logs', 'log-group:/aws/sagemaker/*')]),
    // PutMetricData has no resource-level permissions; scoped by namespace
    allow('EndpointMetrics', ['cloudwatch:PutMetricData'], ['*'], { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'AWS/SageMaker'] } }),
  ];
  const uri = spec.model.modelDataUri;
  if (uri) {
    const { bucket, prefix } = splitS3Uri(uri, isUnresolved);
    stmts.push(allow('ReadModelArtifacts', ['s3:GetObject'], [`arn:${ctx.partition}:s3:::${bucket}/${prefix}*`]));
    stmts.push(allow('ListModelArtifacts', ['s3:ListBucket'], [`arn:${ctx.partition}:s3:::${bucket}`], { StringLike: { 's3:prefix': [`${prefix}*`] } }));
  }
  if (keyArn) {
    stmts.push(allow('UseEndpointKey', ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:CreateGrant'], [keyArn]));
  }
  if (inVpc) {
    stmts.push(allow('VpcNetworkInterfaces',
      ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
      [arn('ec2', 'network-interface/*'), arn('ec2', 'subnet/*'), arn('ec2', 'security-group/*')]));
    stmts.push(allow('VpcDescribe', // Describe* actions have no resource-level permissions
      ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'], ['*']));
  }
  return stmts;
}

/** The ECR repository the model image comes from (a token image: any repository of the stack's account). */
export function ecrRepositoryArn(spec: InferenceEndpointSpec, image: string, ctx: AwsArnContext, isUnresolved: (x: unknown) => boolean): string {
  if (spec.model.kind === ModelSourceKind.HUGGING_FACE && !spec.model.image) {
    // The Hugging Face DLC lives in AWS's DLC account, in the stack's region.
    return `arn:${ctx.partition}:ecr:${ctx.region}:${DLC_ACCOUNT}:repository/${HF_TGI_REPOSITORY}`;
  }
  const ecr = isUnresolved(image) ? null : image.match(ECR_IMAGE);
  if (!ecr) return `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/*`;
  const [, account, region, , repo] = ecr;
  return `arn:${ctx.partition}:ecr:${region}:${account}:repository/${repo}`;
}

/** The EKS node role's grants (AmazonEKSWorkerNodeMinimalPolicy + the VPC CNI, scoped to the account and region). */
export function eksNodeStatements(clusterArn: string, ctx: AwsArnContext): IamStatement[] {
  const ec2 = (res: string) => `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${res}`;
  return [
    // Pods get credentials through EKS Pod Identity, scoped to this cluster.
    allow('PodIdentity', ['eks-auth:AssumeRoleForPodIdentity'], [clusterArn]),
    // EKS add-on images live in AWS-owned ECR accounts that differ per region: the account is open, the region is this one.
    allow('PullImages', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], [`arn:${ctx.partition}:ecr:${ctx.region}:*:repository/*`]),
    allow('EcrAuthToken', ['ecr:GetAuthorizationToken'], ['*']), // no resource-level permissions
    allow('VpcCniNetworkInterfaces', ['ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:AttachNetworkInterface', 'ec2:DetachNetworkInterface',
      'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:ModifyNetworkInterfaceAttribute'],
    [ec2('network-interface/*'), ec2('instance/*'), ec2('subnet/*'), ec2('security-group/*')]),
    allow('VpcCniTagInterfaces', ['ec2:CreateTags'], [ec2('network-interface/*')]),
    allow('VpcCniDescribe', ['ec2:DescribeInstances', 'ec2:DescribeInstanceTypes', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DescribeTags'], ['*']), // no resource-level permissions
  ];
}

/**
 * An IAM role description from free text (construct paths): IAM accepts tab, line breaks and Latin-1 printable
 * characters only, at most 1000 (`[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`); other characters (a construct id
 * such as `模型`) become `?`, so CreateRole does not fail at deploy. Latin-1 text is unchanged.
 */
export function roleDescription(text: string): string {
  return text.replace(/[^\t\n\r\x20-\x7e\xa1-\xff]/g, '?').slice(0, 1000);
}

/**
 * Descriptions built from construct paths, cut to what each service accepts, so a deeply nested construct does not
 * fail at deploy: an IAM managed policy's description at most 1000 characters, a KMS key's 8192 (a CloudWatch
 * alarm's, 1024: `alarmDescription` beside the alarms). Shorter text is unchanged.
 */
export const policyDescription = (text: string): string => text.slice(0, 1000);
/** @see policyDescription */
export const keyDescription = (text: string): string => text.slice(0, 8192);

/** An EC2 security group description: `a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*` only, at most 255; other characters become spaces. */
export function securityGroupDescription(text: string): string {
  return text.replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, ' ').slice(0, 255);
}
