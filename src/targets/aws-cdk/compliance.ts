/*
 * Acknowledgements of rule-pack findings that a construct cannot fix, each with a reason that names the AWS
 * constraint. They are recorded twice: as aws-cdk-lib acknowledgements (which cdk-nag 3 reads) and as construct
 * metadata `ai-infra-constructs:acknowledgement` (written into the template's Metadata, for auditors).
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { ACKNOWLEDGEMENT_METADATA } from '../../core/acknowledgement';

/** Template metadata recording the effective compliance profile of a resource (read by the AiInfra pack). */
export const PROFILE_METADATA = 'ai-infra-constructs:compliance';

/** Records a construct's effective profile on its primary resource. */
export function recordProfile(cfn: CfnResource, profile: { name: string; controls: { privateNetworking: boolean; customerManagedKeys: boolean } }): void {
  cfn.addMetadata(PROFILE_METADATA, { profile: profile.name, privateNetworking: profile.controls.privateNetworking, customerManagedKeys: profile.controls.customerManagedKeys });
}

/** The compliance packs beside AwsSolutions: a rule keeps its name across them. */
const COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/** Acknowledges rule ids on `scope` and its children, with a reason of at least 10 characters. */
export function acknowledge(scope: IConstruct, ruleIds: string[], reason: string): void {
  if (reason.trim().length < 10) throw new Error(`acknowledgement of ${ruleIds.join(', ')} needs a reason of at least 10 characters`);
  scope.node.addMetadata(ACKNOWLEDGEMENT_METADATA, { ruleIds, reason });
  registerWithEngine(scope, ruleIds, reason);
}

/**
 * Registers acknowledgements with aws-cdk-lib's validations (which cdk-nag 3 reads) and writes them into the
 * template's Metadata of the scope's resource (`ai-infra-constructs:acknowledgement`, a list), for auditors.
 */
export function registerWithEngine(scope: IConstruct, ruleIds: string[], reason: string): void {
  for (const id of ruleIds) Validations.of(scope).acknowledge({ id, reason });
  const cfn = CfnResource.isCfnResource(scope) ? scope : scope.node.defaultChild;
  if (cfn && CfnResource.isCfnResource(cfn)) {
    const list = (cfn.getMetadata(ACKNOWLEDGEMENT_METADATA) as unknown[] | undefined) ?? [];
    cfn.addMetadata(ACKNOWLEDGEMENT_METADATA, [...list, { ruleIds, reason }]);
  }
}

/** A rule's id in HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321. */
export function inCompliancePacks(rule: string): string[] {
  return COMPLIANCE_PACKS.map((p) => `${p}-${rule}`);
}

/**
 * Acknowledges every wildcard finding (AwsSolutions-IAM5) of a policy with the reason kept for the statement that
 * causes it (by Sid). A wildcard statement without a reason is a library bug: it fails synth.
 */
export function acknowledgeWildcards(policy: IConstruct, reasons: Record<string, string>): void {
  const cfn = (policy.node.defaultChild ?? policy) as CfnResource & { policyDocument?: unknown };
  const doc = Stack.of(policy).resolve(cfn.policyDocument);
  const byFinding = new Map<string, Set<string>>();
  for (const st of doc?.Statement ?? []) {
    if (st.Effect !== 'Allow') continue;
    const findings = [
      ...toArray(st.Action).filter((a: string) => a.includes('*')).map((a: string) => `Action::${a}`),
      ...toArray(st.Resource).map(flatten).filter((r: string) => r.includes('*')).map((r: string) => `Resource::${r}`),
    ];
    if (findings.length === 0) continue;
    const reason = reasons[st.Sid];
    if (!reason) throw new Error(`${policy.node.path}: statement ${st.Sid ?? '(no Sid)'} uses a wildcard without a recorded reason`);
    for (const f of findings) byFinding.set(f, (byFinding.get(f) ?? new Set()).add(reason));
  }
  for (const [finding, rs] of byFinding) acknowledge(cfn, [`AwsSolutions-IAM5[${finding}]`], [...rs].join(' '));
}

function toArray(x: unknown): any[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** The way cdk-nag prints a resource: `<LogicalId.Attr>` for GetAtt, `<LogicalId>` for Ref, joins flattened. */
function flatten(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (node['Fn::Join']) return node['Fn::Join'][1].map(flatten).join(node['Fn::Join'][0]);
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) return `<${flatten(node['Fn::GetAtt'][0])}.${flatten(node['Fn::GetAtt'][1])}>`;
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}

/** Reasons for the wildcards our policies need, by statement Sid. */
export const WILDCARD_REASONS: Record<string, string> = {
  EcrAuthToken: 'ecr:GetAuthorizationToken has no resource-level permissions (IAM service authorization reference: Resource types column is empty).',
  EndpointMetrics: 'cloudwatch:PutMetricData has no resource-level permissions; the statement is limited by the cloudwatch:namespace condition instead.',
  VpcDescribe: 'EC2 Describe* actions have no resource-level permissions (IAM service authorization reference).',
  VpcCniTagInterfaces: 'The VPC CNI tags the network interfaces it creates at run time; their ids are unknown at synth; scoped to this account and region.',
  VpcCniDescribe: 'EC2 Describe* actions have no resource-level permissions (IAM service authorization reference).',
  VpcNetworkInterfaces: 'SageMaker creates the network interfaces in the VPC at deploy time, so their ids are unknown at synth; scoped to this account and region.',
  VpcCniNetworkInterfaces: 'The VPC CNI creates and attaches network interfaces for pods at run time; their ids are unknown at synth; scoped to this account and region.',
  EndpointLogs: 'SageMaker names the endpoint log groups at deploy time under /aws/sagemaker/; scoped to that prefix in this account and region.',
  ReadModelArtifacts: 'S3 object ARNs need a wildcard to cover the objects under the model artifact prefix the user named (or, for a deploy-time URI, any bucket: pass a literal s3:// URI to narrow it).',
  PullModelImage: 'The image URI is a deploy-time value, so its ECR repository is unknown at synth; scoped to repositories of this account and region (pass a literal image URI to name one repository).',
  ListModelArtifacts: 'The model artifact URI is a deploy-time value, so its bucket is unknown at synth; pass a literal s3:// URI to scope the listing to one bucket and prefix.',
  WriteCapture: 'Data capture writes objects with run-time keys under this endpoint\'s capture/ prefix of its own bucket.',
  PullImages: 'EKS add-on images live in AWS-owned ECR registries whose account differs per region (EKS user guide: Amazon container image registries); scoped to this region.',
  WriteOfflineStore: 'SageMaker Feature Store writes objects with run-time keys under the offline-store/ prefix of the store\'s own bucket.',
  OfflineStoreCatalog: 'SageMaker creates one Glue table per feature group at run time, in the sagemaker_featurestore database only.',
  TenantData: 'Tenant workloads read and write objects with run-time keys in the tenant\'s own bucket only.',
  InvokeTenantEndpoints: 'Endpoints are matched by tag, not name: the aws:ResourceTag/TenantId condition limits the statement to this tenant\'s endpoints (ABAC).',
  UseTenantFeatureGroups: 'Feature groups are matched by tag, not name: the aws:ResourceTag/TenantId condition limits the statement to this tenant\'s groups (ABAC).',
  TenantWorkloadCeiling: 'A permissions boundary is a ceiling, not a grant: it allows nothing by itself, and its Deny statements remove other tenants\' keys and SageMaker resources.',
};
