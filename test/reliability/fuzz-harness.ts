/**
 * Property-based harness: random props (valid and invalid, including engine tokens) for each construct on each cloud,
 * and sometimes a change to the target's options (valid and invalid).
 * Every run must either synthesize output that passes the compliance checks, or throw a ValidationError whose
 * issues all name a prop. Anything else (a TypeError, an uncaught engine exception, output failing a rule) is a bug.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { App as CdkApp, CfnParameter, Stack } from 'aws-cdk-lib/core';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { Accelerator, awscdk, ComplianceProfile, ExistingCluster, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfaws, tfazure, tfgcp } from '../../src';
import { AcceleratorShape } from '../../src/core/offerings';
import { gcpLabelIssues } from '../../src/core/tags';
import { AiInfraChecks } from '../../src/targets/aws-cdk/nag-pack';
import { EC2_GPU_SHAPES, SAGEMAKER_SHAPES } from '../../src/targets/shared-aws/accelerators';
import { AKS_GPU_SHAPES, AZURE_ML_SHAPES } from '../../src/targets/shared-azure/accelerators';
import { CLOUD_RUN_SHAPES, GKE_SHAPES, VERTEX_SHAPES } from '../../src/targets/shared-gcp/accelerators';

/** A cloud and engine: `aws` is CloudFormation (aws-cdk-lib), `aws-tf` is AWS through Terraform (tfaws). */
export type Cloud = 'aws' | 'aws-tf' | 'gcp' | 'azure';
type DataCloud = Exclude<Cloud, 'aws-tf'>;
/** Both AWS targets take the same inputs. */
const base = (c: Cloud): DataCloud => (c === 'aws-tf' ? 'aws' : c);
/** A construct; or `Stack`: two or three of them in one stack, sometimes sharing one tenant. */
export type Kind = 'InferenceEndpoint' | 'GpuPool' | 'FeatureStore' | 'SecureTenant' | 'Stack';
type Member = Exclude<Kind, 'Stack'>;
export type Outcome = 'synthesized' | 'rejected';

const TOKEN_NUMBER = '__TOKEN_NUMBER__';
const TOKEN_STRING = '__TOKEN_STRING__';

/**
 * Whether a case is strict (half of them): every prop then takes one of its valid values (tokens included where a
 * target reads them), so the case tests the output of a valid combination. In the other half any prop may take a
 * bad value too. Before strict cases, the bad values of the many props multiplied: only 8-11% of GCP endpoint cases
 * and 3-7% of `Stack` cases synthesized, so little output of varied props reached the compliance checks.
 */
type Strict = boolean;
type Arm = fc.WeightedArbitrary<any>;
/** One of `valid` and `invalid` (by weight); of `valid` only in a strict case. */
const arms = (s: Strict, valid: Arm[], invalid: Arm[]) => fc.oneof(...valid, ...(s ? [] : invalid));

const num = (min: number, max: number, s: Strict) => arms(s,
  [{ weight: 30, arbitrary: fc.integer({ min, max }) }],
  [{ weight: 1, arbitrary: fc.constantFrom<any>(-1, 0.5, NaN, 1e9, Infinity, '3', undefined, null, TOKEN_NUMBER) }],
);
const text = (valid: string[], s: Strict) => arms(s,
  [{ weight: 25, arbitrary: fc.constantFrom(...valid) }],
  [{ weight: 1, arbitrary: fc.string({ maxLength: 70 }) }, { weight: 1, arbitrary: fc.constantFrom<any>('', 'UPPER Case', 'x'.repeat(200), 42, TOKEN_STRING) }],
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** Mostly `valid`, sometimes `invalid` (1 in 12), so both paths are exercised in every run; `valid` only when strict. */
const mostly = (valid: any[], invalid: any[], s: Strict) => arms(s, [{ weight: 11, arbitrary: fc.constantFrom<any>(...valid) }], [{ weight: 1, arbitrary: fc.constantFrom<any>(...invalid) }]);
/** Accelerator counts: usually a count some shape offers, sometimes any integer or a bad value. */
const count = (s: Strict) => arms(s, [{ weight: 8, arbitrary: fc.constantFrom(1, 1, 2, 4, 8) }], [{ weight: 1, arbitrary: num(1, 8, false) }]);
const OFFERED: Record<DataCloud, Accelerator[]> = {
  aws: [Accelerator.NVIDIA_L4, Accelerator.NVIDIA_A10G, Accelerator.NVIDIA_T4],
  gcp: [Accelerator.NVIDIA_L4, Accelerator.NVIDIA_L4, Accelerator.NVIDIA_T4, Accelerator.NVIDIA_A100_40GB],
  azure: [Accelerator.NVIDIA_T4, Accelerator.NVIDIA_A100_80GB],
};
const accelerator = (cloud: DataCloud, optional: boolean, s: Strict) => arms(s,
  [{ weight: 12, arbitrary: fc.constantFrom<any>(...OFFERED[cloud], ...(optional ? [undefined] : [])) }],
  [{ weight: 1, arbitrary: fc.constantFrom<any>(...Accelerator.all(), Accelerator.of('nvidia-b200'), 'nvidia-l4') }],
);
/** A tag key or value of the characters every cloud takes in tags (GCP labels are normalised from them). */
const TAG_KEY = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.:/=+@-]{0,40}$/);
const TAG_VALUE = fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,60}$/); // empty values too
const tags = (s: Strict) => maybe(arms(s,
  [
    { weight: 10, arbitrary: fc.dictionary(fc.constantFrom('team', 'Env', 'cost_center'), fc.constantFrom('a', 'B c', 'ml-platform', '', TOKEN_STRING), { maxKeys: 2 }) },
    { weight: 5, arbitrary: fc.dictionary(TAG_KEY, TAG_VALUE, { maxKeys: 3 }) },
  ],
  [
    // Any text as a value.
    { weight: 1, arbitrary: fc.dictionary(TAG_KEY, fc.string({ maxLength: 60 }), { maxKeys: 3 }) },
    // AWS limits and characters, and two keys that are one GCP label key.
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('aws:x', 'k'.repeat(130), 'Team', 'team'), fc.constantFrom('v'.repeat(300), 'x', 'R&D (EU)'), { maxKeys: 2 }) },
    // Around the tags-per-resource limits (50 on AWS and Azure, 64 labels on GCP, counting the constructs' own).
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 66 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag-${i}`, 'v']))) },
  ],
));
const ANY_NAME = fc.stringMatching(/^[a-z][a-z0-9-]{0,62}$/);
/**
 * A name: one of `valid`, and when not strict sometimes any lowercase name of up to 63 characters, which each target
 * takes or rejects by its own rules (lengths, characters, what it derives from the name).
 */
const named = (valid: string[], s: Strict) => (s ? text(valid, s) : fc.oneof({ weight: 3, arbitrary: text(valid, s) }, { weight: 1, arbitrary: ANY_NAME }));
/** Usually unset (4 in 5): for props added to the harness later, so they do not crowd out the others. */
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
/** Built-in profiles; custom ones with any mix of controls; and values that are no profile (a string, a partial custom one). */
const profile = (s: Strict) => maybe(arms(s,
  [
    { weight: 10, arbitrary: fc.constantFrom(...ComplianceProfile.all()) },
    {
      weight: 2,
      arbitrary: fc.record({
        customerManagedKeys: fc.boolean(),
        privateNetworking: fc.boolean(),
        logRetentionDays: fc.constantFrom(1, 30, 90, 365, 2192),
        maxRequestSamplingPercent: fc.constantFrom(0, 5, 100),
      }).map((controls) => ComplianceProfile.custom('ORG', controls)),
    },
  ],
  [{ weight: 1, arbitrary: fc.constantFrom<any>('HIPAA', { name: 'HIPAA' }, ComplianceProfile.custom('PARTIAL', { customerManagedKeys: true } as any)) }],
));
/** A monthly cost ceiling: usually one nothing reaches, sometimes one everything exceeds, sometimes no amount. */
const ceiling = (s: Strict) => sometimes(s ? fc.constant(1e7) : mostly([1e7, 1e7, 1e7, 1], [NaN, 0, -5, Infinity, TOKEN_NUMBER, '100'], s));

/**
 * The `tenant` of a construct: none, a SecureTenant built in the case's stack from generated props, another ISecureTenant
 * (a plain construct with a tenant id), or a value that is no tenant.
 */
const TENANT_STRING = '__TENANT_STRING__';
const PLAIN_TENANT = '__PLAIN_TENANT__';
const PLAIN_TENANT_BAD = '__PLAIN_TENANT_BAD__';
const tenant = (s: Strict) => arms(s,
  [
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 6,
      arbitrary: fc.record({
        tenantId: named(['acme', 'globex-2'], s),
        compliance: profile(s),
        costCenter: maybe(mostly(['cc-1', 'CC 42'], ['R&D (EU)'], s)),
        retainOnDelete: maybe(fc.boolean()),
        maxMonthlyCostUsd: ceiling(s),
      }).map((t) => ({ secureTenant: t })),
    },
    { weight: 1, arbitrary: fc.constant<any>(PLAIN_TENANT) },
  ],
  [{ weight: 1, arbitrary: fc.constantFrom<any>(PLAIN_TENANT_BAD, TENANT_STRING) }],
);
/** `instanceType` overrides: a shape of the cloud's table, sometimes a bad one, a token, or another cloud's. */
const INSTANCE_TYPES: Record<DataCloud, string[]> = {
  aws: ['ml.g6.2xlarge', 'ml.g5.xlarge', 'ml.m5.xlarge'], // ml.m5 has no local NVMe: the volume takes the key
  gcp: ['g2-standard-8', 'a2-highgpu-1g'],
  azure: ['Standard_NC24ads_A100_v4', 'Standard_NC4as_T4_v3'],
};
const instanceType = (cloud: DataCloud, s: Strict) => sometimes(arms(s,
  [
    { weight: 6, arbitrary: fc.constantFrom(...INSTANCE_TYPES[cloud]).map((t) => ({ [cloud]: t })) },
    // GCP picks the accelerator spec from the machine type at synth: a token is rejected there.
    ...(cloud === 'gcp' ? [] : [{ weight: 1, arbitrary: fc.constant({ [cloud]: TOKEN_STRING }) }]),
  ],
  [
    ...(cloud === 'gcp' ? [{ weight: 1, arbitrary: fc.constant({ [cloud]: TOKEN_STRING }) }] : []),
    { weight: 1, arbitrary: fc.constantFrom<any>(INSTANCE_TYPES[cloud][0], { sagemaker: 'ml.g5.xlarge' }, { [cloud]: 'm5 large' }, { [cloud]: 5 }, { [cloud === 'aws' ? 'gcp' : 'aws']: 'other-cloud-type' }) },
  ],
));

/** `ExistingCluster.fromName` options: the one each cloud reads (valid, invalid, a token), and one it does not. */
const CLUSTER_OPTIONS: Record<DataCloud, { valid: object[]; invalid: object[] }> = {
  aws: { valid: [], invalid: [{ location: 'us-east-1' }] },
  gcp: { valid: [{ location: 'us-central1' }, { location: 'us-central1-a' }, { location: TOKEN_STRING }], invalid: [{ location: 'US Central' }, { resourceGroupName: 'rg' }] },
  azure: { valid: [{ resourceGroupName: 'rg-aks' }, { resourceGroupName: TOKEN_STRING }], invalid: [{ resourceGroupName: 'a/b' }, { location: 'eastus' }] },
};
const clusterOptions = (cloud: DataCloud, s: Strict) => {
  const { valid, invalid } = CLUSTER_OPTIONS[cloud];
  const options = s ? valid : [...valid, ...invalid];
  return options.length === 0 ? fc.constant(undefined) : sometimes(fc.constantFrom<any>(...options));
};

/** A model's environment variables: sometimes set, with a bad name or an empty value now and then (not when strict). */
const environment = (s: Strict) => sometimes(fc.dictionary(
  fc.constantFrom('MAX_INPUT_LENGTH', 'HF_HOME', ...(s ? [] : ['BAD-NAME'])),
  fc.constantFrom('4096', '4096', TOKEN_STRING, ...(s ? [] : [''])), { minKeys: 1, maxKeys: 2 }));

const MODEL_URIS: Record<DataCloud, string[]> = {
  aws: ['s3://models/llama/', TOKEN_STRING],
  gcp: ['gs://models/llama/', TOKEN_STRING],
  azure: ['azureml:llama-3-8b:1', 'azureml://registries/shared/models/llama/versions/2', TOKEN_STRING],
};
const IMAGES: Record<DataCloud, string[]> = {
  aws: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm:0.6'],
  gcp: ['us-docker.pkg.dev/p/r/vllm:0.6'],
  azure: ['acr.azurecr.io/vllm:0.6'],
};

/**
 * A change to the target's options that the cases otherwise keep fixed: `[option, value]`, or `['', value]` for the whole
 * options object. Marker strings become engine objects in the case's stack. Valid changes exercise the paths for existing
 * resources; invalid ones must be rejected naming the option.
 */
type TargetChange = [string, unknown];
/** `configureProvider: false` with the provider declared by the case, as a user would. */
const FALSE_WITH_PROVIDER = '__FALSE_WITH_PROVIDER__';
const TF_OBJECTS = { [FALSE_WITH_PROVIDER]: () => false };

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ADMINS = ['arn:aws:iam::123456789012:role/platform-admins'];
const TARGET_CHANGES: Record<Cloud, { valid: TargetChange[]; invalid: TargetChange[] }> = {
  'aws': {
    valid: [['encryptionKey', '__KEY__'], ['alarmTopic', '__TOPIC__'], ['clusterAdminRoleArns', ADMINS], ['securityGroups', '__SECURITY_GROUPS__']],
    invalid: [['', null], ['vpc', 'vpc-1'], ['encryptionKey', KEY_ARN], ['alarmTopic', 'oncall'], ['clusterAdminRoleArns', ['admins']], ['vpcSubnets', { subnetGroupName: 'models' }], ['securityGroups', ['sg-1']]],
  },
  'aws-tf': {
    valid: [['kmsKeyArn', KEY_ARN], ['alarmTopicArn', 'arn:aws:sns:us-east-1:123456789012:oncall'], ['clusterAdminRoleArns', ADMINS],
      ['securityGroupIds', ['sg-0123456789abcdef0']], ['vpcCidrBlock', '10.20.0.0/16'], ['configureProvider', FALSE_WITH_PROVIDER]],
    invalid: [['configureProvider', false], ['', undefined], ['region', 'US East'], ['vpcId', 'my vpc'], ['subnetIds', ['10.0.0.0/24']], ['securityGroupIds', 'sg-1'], ['vpcCidrBlock', '10.0.0.0'], ['kmsKeyArn', 'alias/x'], ['clusterAdminRoleArns', ['admins']], ['alarmTopicArn', 'oncall']],
  },
  'gcp': {
    valid: [['kmsKeyName', 'projects/my-proj/locations/us-central1/keyRings/r/cryptoKeys/k'], ['masterAuthorizedNetworks', ['10.0.0.0/8']], ['accessPolicy', '123456789012'],
      ['configureProvider', FALSE_WITH_PROVIDER], ['', { project: 'my-proj', region: 'us-central1', billingAccount: '012345-6789AB-CDEF01', network: 'projects/my-proj/global/networks/ml', subnetwork: 'projects/my-proj/regions/us-central1/subnetworks/ml' }]],
    invalid: [['configureProvider', false], ['', undefined], ['project', 'p'], ['project', undefined], ['project', 'example.com:my-proj'], ['region', 'US'], ['region', 'us-central1-a'], ['kmsKeyName', 'k'],
      ['kmsKeyName', 'projects/my-proj/locations/europe-west4/keyRings/r/cryptoKeys/k'], ['accessPolicy', 'abc'], ['billingAccount', undefined],
      ['masterAuthorizedNetworks', '10.0.0.0/8']],
  },
  'azure': {
    valid: [['location', 'East US'], ['deployerIpRanges', ['203.0.113.0/24', '198.51.100.7']], ['createResourceGroup', true], ['configureProvider', FALSE_WITH_PROVIDER],
      ['privateEndpointSubnetId', '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints'],
      ['nodeSubnetId', '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes']],
    invalid: [['configureProvider', false], ['', null], ['location', ''], ['resourceGroupName', undefined], ['resourceGroupName', 'a/b'], ['nodeSubnetId', 'subnet'], ['deployerIpRanges', ['x']], ['privateEndpointSubnetId', 5]],
  },
};
/** Mostly no change (1 in 8 cases changes the target: valid and invalid alike; 1 in 15 strict cases, valid ones). */
const targetChange = (cloud: Cloud, s: Strict): fc.Arbitrary<TargetChange | undefined> => arms(s,
  [{ weight: 14, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...TARGET_CHANGES[cloud].valid) }],
  [{ weight: 1, arbitrary: fc.constantFrom(...TARGET_CHANGES[cloud].invalid) }],
);
/** The generated case's target change (kept apart from the props). */
const TARGET = '__targetChange';

/**
 * Whether an AWS case's app sets the feature flags `cdk init` writes into cdk.json (`CURRENTLY_RECOMMENDED_FLAGS`),
 * as most apps do: they change how aws-cdk-lib renders policies and partitions.
 */
const CDK_INIT_FLAGS = '__cdkInitFlags';

/** Marks a strict case (its props are not read: the mark is for the counts). */
export const STRICT = '__strict';

/**
 * Random props for `kind` on `target`, sometimes a change to the target's options, and (AWS) the app's flags; half
 * the cases strict.
 */
export function propsArbitrary(kind: Kind, target: Cloud): fc.Arbitrary<any> {
  // Both halves are built once (building arbitraries per case, e.g. in `chain`, costs more than drawing from them).
  const half = (s: Strict) => fc.tuple(kind === 'Stack' ? stackProps(target, s) : kindProps(kind, target, s), targetChange(target, s), target === 'aws' ? fc.boolean() : fc.constant(false))
    .map(([p, change, flags]) => ({ ...p, ...(change === undefined ? {} : { [TARGET]: change }), ...(flags ? { [CDK_INIT_FLAGS]: true } : {}), ...(s ? { [STRICT]: true } : {}) }));
  return fc.oneof(half(true), half(false));
}

/** The target's options for a case: the fixed ones, with the case's change applied. */
function targetOptions(fixed: any, change: TargetChange | undefined, objects: Record<string, () => unknown> = {}): any {
  if (!change) return fixed;
  const [key, value] = change;
  const v = typeof value === 'string' && objects[value] ? objects[value]() : value;
  return key === '' ? v : { ...fixed, [key]: v };
}

/**
 * Two or three constructs in one stack, each with its own generated props; half the time the constructs without a
 * tenant of their own share one SecureTenant. What it exercises: names claimed twice, resources a stack shares (the
 * AWS VPC and alarm topic, the Azure resource group, providers), a tenant's ceiling over several constructs.
 */
function stackProps(target: Cloud, s: Strict): fc.Arbitrary<any> {
  const member = fc.oneof(...(['InferenceEndpoint', 'GpuPool', 'FeatureStore'] as const).map((k) => kindProps(k, target, s).map((props) => ({ kind: k, props }))));
  return fc.record({ members: fc.array(member, { minLength: 2, maxLength: 3 }), sharedTenant: fc.boolean() })
    .map((st) => (s ? { ...st, members: st.members.map((m, i) => ({ ...m, props: distinctNames(m.kind, m.props, i) })) } : st));
}

/** A strict `Stack` member's names made its own (a name claimed twice in a stack is rejected, by design). */
function distinctNames(kind: Member, p: any, i: number): any {
  if (i === 0) return p;
  const q = { ...p };
  if (q.tenant?.secureTenant) q.tenant = { secureTenant: { ...q.tenant.secureTenant, tenantId: `${q.tenant.secureTenant.tenantId}-${i}` } };
  if (typeof q.name === 'string') q.name = `${q.name}${i}`; // AKS node pool names: lowercase letters and digits
  if (kind === 'FeatureStore') q.groups = q.groups.map((g: any) => (typeof g.name === 'string' ? { ...g, name: `${g.name}${i}` } : g));
  return q;
}

/** The shapes an endpoint's serving product (by model kind) or a pool's nodes offer on `cloud`. */
function shapesFor(kind: Member, cloud: DataCloud, p: any): readonly AcceleratorShape[] {
  if (kind === 'GpuPool') return { aws: EC2_GPU_SHAPES, gcp: GKE_SHAPES, azure: AKS_GPU_SHAPES }[cloud];
  if (cloud === 'gcp') return p.model?.kind === 'hf' ? VERTEX_SHAPES : CLOUD_RUN_SHAPES;
  return cloud === 'aws' ? SAGEMAKER_SHAPES : AZURE_ML_SHAPES;
}

/** The profile a construct's checks use: its own, else its tenant's, else BASELINE. */
const effectiveProfile = (p: any): ComplianceProfile => p.compliance ?? p.tenant?.secureTenant?.compliance ?? ComplianceProfile.BASELINE;

/**
 * A strict case narrowed to a combination its target accepts, so that most strict cases synthesize. Each value is
 * kept, or replaced by the nearest one the target takes (nothing new is drawn): an accelerator and count of a shape
 * the serving product or node pool offers, minimum replicas or nodes no more than the maximum, request-log settings
 * within the profile, and each platform's own rules (SageMaker serves on port 8080 and captures requests only
 * without scale to zero; Cloud Run has one L4 and no machine types; Vertex AI Model Garden has no scale to zero,
 * concurrency target, request logging, CMEK or private networking; Azure ML has no scale to zero and brings a
 * Hugging Face model's own image; only AWS feature stores take an online TTL; AWS budgets need an e-mail
 * subscriber; GCP label keys stay distinct). The other half of the cases keeps every combination.
 */
function strictFix(kind: Member, cloud: DataCloud, p: any): any {
  const q = { ...p };
  const shapes = shapesFor(kind, cloud, q);
  // Cloud Run has no machine types: cleared before the accelerator is narrowed, which reads it.
  if (kind === 'InferenceEndpoint' && cloud === 'gcp' && q.model?.kind !== 'hf') q.instanceType = undefined;
  if (kind === 'InferenceEndpoint' || kind === 'GpuPool') {
    const [min, max] = kind === 'GpuPool' ? ['minNodes', 'maxNodes'] : ['minReplicas', 'maxReplicas'];
    if (typeof q[min] === 'number' && typeof q[max] === 'number' && q[min] > q[max]) q[max] = q[min];
    // The default accelerator (NVIDIA L4) where the product offers none: Azure ML.
    if (kind === 'InferenceEndpoint' && q.accelerator === undefined && q.instanceType === undefined && !shapes.some((x) => x.accelerator === Accelerator.NVIDIA_L4.name)) {
      q.accelerator = Accelerator.of(shapes[0].accelerator);
    }
    if (q.accelerator !== undefined) {
      if (!shapes.some((x) => x.accelerator === q.accelerator.name)) q.accelerator = Accelerator.of(shapes[0].accelerator);
      const counts = shapes.filter((x) => x.accelerator === q.accelerator.name).map((x) => x.count).sort((a, b) => a - b);
      if (q.acceleratorCount !== undefined && !counts.includes(q.acceleratorCount)) q.acceleratorCount = [...counts].reverse().find((c) => c <= q.acceleratorCount) ?? counts[0];
    } else if (q.instanceType === undefined) {
      q.acceleratorCount = undefined; // the default accelerator's counts differ per target
    }
  }
  if (kind === 'InferenceEndpoint') {
    const prof = effectiveProfile(q);
    const rl = q.requestLogging;
    if (rl?.enabled) {
      const { logRetentionDays, maxRequestSamplingPercent } = prof.controls;
      q.requestLogging = maxRequestSamplingPercent === 0 ? { enabled: false } : {
        ...rl,
        retentionDays: rl.retentionDays === 12 || rl.retentionDays < logRetentionDays ? undefined : rl.retentionDays,
        samplingPercent: typeof rl.samplingPercent === 'number' ? Math.min(rl.samplingPercent, maxRequestSamplingPercent) : rl.samplingPercent,
      };
    }
    const hf = q.model?.kind === 'hf';
    if (cloud === 'aws' && q.model?.kind === 'container') q.model = { ...q.model, port: undefined };
    if (cloud === 'aws' && q.requestLogging?.enabled && q.minReplicas === 0) q.minReplicas = 1; // no capture when scaled to zero
    if (cloud === 'gcp' && !hf && q.model?.modelDataUri === TOKEN_STRING) q.model = { ...q.model, modelDataUri: MODEL_URIS.gcp[0] };
    if (cloud === 'gcp' && hf) {
      q.targetConcurrencyPerReplica = undefined;
      if (q.minReplicas === 0) q.minReplicas = 1;
      if (q.requestLogging?.enabled) q.requestLogging = undefined;
      if (q.model.environment && q.model.image === undefined) q.model = { ...q.model, environment: undefined };
      if (prof.controls.customerManagedKeys || prof.controls.privateNetworking) q.compliance = ComplianceProfile.BASELINE;
      if (q.instanceType !== undefined) q.accelerator = q.acceleratorCount = undefined; // the machine type decides
    }
    if (cloud === 'azure') {
      if (q.minReplicas === 0) q.minReplicas = 1;
      if (hf) q.model = { ...q.model, image: undefined };
    }
  }
  if (kind === 'FeatureStore') {
    if (cloud === 'gcp' && q.onlineStore !== false && effectiveProfile(q).controls.customerManagedKeys) q.onlineStore = false;
    if (cloud !== 'aws' || q.onlineStore === false) q.onlineTtlHours = undefined;
    if (q.onlineStore === false && q.offlineStore === false) q.offlineStore = true;
  }
  if (kind === 'SecureTenant' && cloud === 'aws' && q.monthlyBudgetUsd !== undefined && q.budgetAlertEmails === undefined) q.budgetAlertEmails = ['ops@example.com'];
  if (cloud === 'gcp' && q.tags) {
    // Keys that become one GCP label key (`c@` and `c=` both become `c_`) are refused: the first is kept.
    const refused = new Set(gcpLabelIssues(q.tags, () => false).map((i) => i.prop.slice('tags.'.length)));
    q.tags = Object.fromEntries(Object.entries(q.tags).filter(([k]) => !refused.has(k)));
  }
  return q;
}

function kindProps(kind: Member, target: Cloud, s: Strict): fc.Arbitrary<any> {
  return kindPropsOf(kind, target, s).map((p) => (s ? strictFix(kind, base(target), p) : p));
}

function kindPropsOf(kind: Member, target: Cloud, s: Strict): fc.Arbitrary<any> {
  const cloud = base(target);
  switch (kind) {
    case 'InferenceEndpoint':
      return fc.record({
        model: arms(s,
          [
            {
              weight: 6,
              arbitrary: fc.record({
                image: text(IMAGES[cloud], s),
                port: maybe(fc.oneof({ weight: 3, arbitrary: fc.constant(8080) }, { weight: 1, arbitrary: num(1, 65535, s) })),
                modelDataUri: maybe(mostly(MODEL_URIS[cloud], ['gs://x', 's3://', 'https://acct.blob.core.windows.net/m/'], s)),
                environment: environment(s),
                // SageMaker always checks /ping: a token path is unused on AWS by design.
                healthCheckPath: sometimes(cloud === 'aws' ? mostly(['/health'], ['health'], s) : text(['/health', '/v1/models'], s)),
              }).map((m) => ({ kind: 'container', ...m })),
            },
            {
              weight: 5,
              arbitrary: fc.record({
                modelId: text(['org/model', 'google/gemma-2-9b-it'], s),
                modelDataUri: cloud === 'aws' ? mostly(MODEL_URIS.aws, [undefined, 'ftp://x'], s) : mostly([undefined], [MODEL_URIS[cloud][0]], s),
                image: sometimes(text(IMAGES[cloud], s)),
                acceptEula: sometimes(mostly([true, false], ['yes'], s)),
                environment: environment(s),
              }).map((m) => ({ kind: 'hf', ...m })),
            },
          ],
          [{ weight: 1, arbitrary: fc.constantFrom<any>(undefined, 'not-a-model') }],
        ),
        accelerator: accelerator(cloud, true, s),
        acceleratorCount: maybe(count(s)),
        minReplicas: maybe(num(0, 5, s)),
        maxReplicas: maybe(num(1, 10, s)),
        targetConcurrencyPerReplica: maybe(num(1, 64, s)),
        requestLogging: maybe(arms(s,
          [{
            weight: 20,
            arbitrary: fc.record({ enabled: fc.boolean(), samplingPercent: maybe(num(1, 100, s)), retentionDays: maybe(fc.constantFrom(30, 365, 2192, 7, 12)) })
              // settings of disabled logging are unused by design: keep them literal so the dropped-token check stays meaningful
              .map((r) => (r.enabled ? r : { ...r, samplingPercent: r.samplingPercent === TOKEN_NUMBER ? 50 : r.samplingPercent })),
          }],
          [{ weight: 1, arbitrary: fc.constantFrom<any>(true, { enabled: 'true' }, { samplingPercent: 5 }) }], // JavaScript callers' mistakes
        )),
        compliance: profile(s),
        name: maybe(named(['chat-endpoint', 'chat'], s)),
        tags: tags(s),
        // Alarm thresholds are rendered on AWS only; invocation targets on AWS and Azure (GCP scales on concurrency).
        latencyAlarmThresholdMs: cloud === 'aws' ? maybe(num(1, 120_000, s)) : fc.constant(undefined),
        errorAlarmThreshold5xx: cloud === 'aws' ? maybe(num(1, 100, s)) : fc.constant(undefined),
        targetInvocationsPerReplicaPerMinute: cloud !== 'gcp' ? maybe(num(1, 1000, s)) : fc.constant(undefined),
        instanceType: instanceType(cloud, s),
        tenant: tenant(s),
        maxMonthlyCostUsd: ceiling(s),
      }).map((p) => (p.targetConcurrencyPerReplica !== undefined && p.targetInvocationsPerReplicaPerMinute === TOKEN_NUMBER
        ? { ...p, targetInvocationsPerReplicaPerMinute: 70 } // unused when concurrency is the target: keep it literal
        : p))
        // The instance type override decides the GPUs: a count given with it is unused by design, so keep it literal.
        .map((p) => (p.instanceType?.[cloud] !== undefined && p.acceleratorCount === TOKEN_NUMBER ? { ...p, acceleratorCount: 2 } : p));
    case 'GpuPool':
      return fc.record({
        accelerator: accelerator(cloud, false, s),
        acceleratorCount: maybe(count(s)),
        minNodes: maybe(num(0, 4, s)),
        maxNodes: num(1, 8, s),
        spot: maybe(mostly([true, false], ['yes'], s)),
        cluster: maybe(mostly(['existing-by-name', 'existing-by-id'], ['garbage'], s)),
        kubernetesVersion: maybe(mostly(['1.33', '1.32'], ['1.33.1', 'latest'], s)),
        versionWithCluster: mostly([false], [true], s), // an existing cluster keeps its version: usually drop it
        existingVpc: mostly([true], [false], s), // AWS: an existing cluster needs its VPC on the target
        diskSizeGiB: maybe(num(50, 1000, s)),
        deletionProtection: sometimes(mostly([true, false], ['yes'], s)),
        compliance: profile(s),
        name: maybe(named(['gpu', 'gpupool'], s)),
        tags: tags(s),
        tenant: tenant(s),
        maxMonthlyCostUsd: ceiling(s),
        clusterOptions: clusterOptions(cloud, s),
      }).map((p) => (p.cluster === 'existing-by-name' ? p : { ...p, clusterOptions: undefined })); // options of a cluster found by name
    case 'FeatureStore':
      return fc.record({
        groups: fc.uniqueArray(fc.record({
          name: arms(s, [{ weight: 12, arbitrary: fc.constantFrom('customers', 'orders', 'cards') }], [{ weight: 1, arbitrary: fc.constantFrom<any>('Bad Name', '', 7, 'card_activity', 'card-activity') }]),
          idType: arms(s, [{ weight: 10, arbitrary: fc.constantFrom<any>(FeatureType.STRING, FeatureType.INTEGER) }], [{ weight: 1, arbitrary: fc.constantFrom<any>(FeatureType.FLOAT, 'bytes') }]),
          timeType: arms(s, [{ weight: 10, arbitrary: fc.constant<any>(FeatureType.TIMESTAMP) }], [{ weight: 1, arbitrary: fc.constant<any>(FeatureType.STRING) }]),
          extra: fc.uniqueArray(fc.record({
            name: fc.constantFrom('value', 'score', 'lifetime_value'),
            type: arms(s, [{ weight: 10, arbitrary: fc.constantFrom<any>(FeatureType.STRING, FeatureType.INTEGER, FeatureType.FLOAT) }], [{ weight: 1, arbitrary: fc.constantFrom<any>(...Object.values(FeatureType), 'bytes') }]),
            // Only GCP renders a feature's description (a token elsewhere is unused by design).
            description: sometimes(cloud === 'gcp' ? text(['Lifetime value, USD'], s)
              : arms(s, [{ weight: 1, arbitrary: fc.constant('Lifetime value, USD') }], [{ weight: 1, arbitrary: fc.string({ maxLength: 300 }) }])),
          }), { maxLength: 3, selector: (f) => f.name }),
          description: sometimes(text(['Customer features', 'Orders, one row per order'], s)),
          dropId: arms(s, [{ weight: 12, arbitrary: fc.constant(false) }], [{ weight: 1, arbitrary: fc.constant(true) }]),
        }), { minLength: 1, maxLength: 3, selector: (g) => g.name }).map((x) => x),
        onlineStore: maybe(fc.boolean()),
        offlineStore: maybe(fc.boolean()),
        onlineTtlHours: maybe(num(1, 100, s)),
        retainOnDelete: maybe(fc.boolean()),
        dataCatalog: sometimes(mostly([true, false], ['no'], s)),
        compliance: profile(s),
        tags: tags(s),
        tenant: tenant(s),
        maxMonthlyCostUsd: ceiling(s),
      });
    case 'SecureTenant':
      return fc.record({
        tenantId: named(['acme', 'globex-2', 'initech'], s),
        monthlyBudgetUsd: maybe(mostly([100, 5000, TOKEN_NUMBER], [-1, 0, 'lots'], s)),
        budgetAlertEmails: arms(s, [{ weight: 8, arbitrary: fc.constant(['ops@example.com']) }, { weight: 4, arbitrary: fc.constant(undefined) }],
          [{ weight: 1, arbitrary: fc.constantFrom<any>([], ['not-an-email'], 'ops@example.com') }]),
        costCenter: maybe(mostly(['cc-1', 'CC 42'], [42, 'c'.repeat(300)], s)),
        budgetAlertThresholdsPercent: sometimes(mostly([[50, 80, 100], [90], [25, 50, 75, 100]], [[], [0], [50, 50], [33.5], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'x'], s)),
        retainOnDelete: sometimes(mostly([true, false], ['no'], s)),
        maxMonthlyCostUsd: ceiling(s),
        compliance: profile(s),
        tags: tags(s),
      });
  }
}

/** Turns generated values into construct props for `scope` (tokens come from the scope's engine). */
function materialize(kind: Member, cloud: DataCloud, p: any, tokens: { num: () => number; str: () => string }, scope: Construct, n = ''): any {
  const sub = (v: any): any => (v === TOKEN_NUMBER ? tokens.num() : v === TOKEN_STRING ? tokens.str() : Array.isArray(v) ? v.map(sub)
    : v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)])) : v);
  // On AWS a Hugging Face id only describes the model (the weights come from modelDataUri): it is not rendered.
  if (kind === 'InferenceEndpoint' && cloud === 'aws' && p.model?.kind === 'hf' && p.model.modelId === TOKEN_STRING) p = { ...p, model: { ...p.model, modelId: 'org/model' } };
  // A GCP Hugging Face endpoint is a Model Garden deployment, which takes no labels (they go to the cost report only).
  if (kind === 'InferenceEndpoint' && cloud === 'gcp' && p.model?.kind === 'hf' && p.tags) p = { ...p, tags: Object.fromEntries(Object.entries(p.tags).map(([k, v]) => [k, v === TOKEN_STRING ? 'x' : v])) };
  const { [TARGET]: _change, [CDK_INIT_FLAGS]: _flags, [STRICT]: _strict, ...rest } = p;
  const q = sub(rest);
  if (kind === 'InferenceEndpoint') {
    // On AWS a Hugging Face id only describes the model (the weights come from modelDataUri): it is not rendered.
    const m = q.model;
    q.model = m?.kind === 'container' ? ModelSource.container({ image: m.image, port: m.port, modelDataUri: m.modelDataUri, environment: m.environment, healthCheckPath: m.healthCheckPath })
      : m?.kind === 'hf' ? ModelSource.huggingFace({ modelId: m.modelId, modelDataUri: m.modelDataUri, image: m.image, acceptEula: m.acceptEula, environment: m.environment }) : m;
  }
  if (kind === 'GpuPool') {
    const id = { aws: 'arn:aws:eks:us-east-1:123456789012:cluster/prod', gcp: 'projects/my-proj/locations/us-central1/clusters/prod', azure: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/prod' }[cloud];
    q.cluster = q.cluster === 'existing-by-name' ? ExistingCluster.fromName('prod', q.clusterOptions) : q.cluster === 'existing-by-id' ? ExistingCluster.fromId(id) : q.cluster;
    delete q.clusterOptions;
    if (q.cluster && !q.versionWithCluster) delete q.kubernetesVersion;
    delete q.versionWithCluster;
    delete q.existingVpc;
  }
  if (q.tenant !== undefined) q.tenant = tenantFor(scope, q.tenant, n);
  if (kind === 'FeatureStore') {
    q.featureGroups = q.groups.map((g: any) => ({
      name: g.name,
      description: g.description,
      recordIdentifier: 'entity_id_col',
      eventTime: 'event_ts',
      features: [
        ...(g.dropId ? [] : [{ name: 'entity_id_col', type: g.idType }]),
        { name: 'event_ts', type: g.timeType },
        ...g.extra,
      ],
    }));
    delete q.groups;
  }
  return q;
}

/** The provider a user declares with `configureProvider: false`. */
function declareProvider(stack: TerraformStack, cloud: Exclude<Cloud, 'aws'>): void {
  if (cloud === 'gcp') new GoogleProvider(stack, 'users-google', { project: 'my-proj', region: 'us-central1' });
  else if (cloud === 'azure') new AzurermProvider(stack, 'users-azurerm', { features: [{}] });
  else new AwsProvider(stack, 'users-aws', { region: 'us-east-1' });
}

/** The case's tenant in `scope` (built before the construct that uses it). */
function tenantFor(scope: Construct, t: any, n: string): any {
  if (t === TENANT_STRING) return 'acme';
  if (t === PLAIN_TENANT) return Object.assign(new Construct(scope, `PlainTenant${n}`), { tenantId: 'acme', costCenter: 'cc-1' });
  if (t === PLAIN_TENANT_BAD) return Object.assign(new Construct(scope, `PlainTenant${n}`), { tenantId: 'Acme Corp', costCenter: 'R&D (EU)' });
  return new SecureTenant(scope, `Tenant${n}`, t.secureTenant);
}

function construct(kind: Member, scope: Construct, props: any, id = 'Subject'): void {
  switch (kind) {
    case 'InferenceEndpoint': new InferenceEndpoint(scope, id, props); break;
    case 'GpuPool': new GpuPool(scope, id, props); break;
    case 'FeatureStore': new FeatureStore(scope, id, props); break;
    case 'SecureTenant': new SecureTenant(scope, id, props); break;
  }
}

/** The case's constructs, as `[kind, generated props]`: one, or the members of a `Stack` case. */
function membersOf(kind: Kind, generated: any): Array<[Member, any]> {
  return kind === 'Stack' ? generated.members.map((m: any) => [m.kind, m.props]) : [[kind, generated]];
}

/** Builds the case's constructs in `stack` (a `Stack` case's members as Subject0, Subject1, ...). */
function buildAll(kind: Kind, cloud: DataCloud, generated: any, tokens: { num: () => number; str: () => string }, stack: Construct): void {
  const members = membersOf(kind, generated);
  const shared = kind === 'Stack' && generated.sharedTenant ? new SecureTenant(stack, 'SharedTenant', { tenantId: 'shared' }) : undefined;
  members.forEach(([k, p], i) => {
    const n = kind === 'Stack' ? String(i) : '';
    const props = materialize(k, cloud, p, tokens, stack, n);
    if (shared && props.tenant === undefined) props.tenant = shared;
    construct(k, stack, props, `Subject${n}`);
  });
}

/** Runs one case; returns the outcome, or throws with a description when the property is violated. */
/**
 * Runs one case. `output`, when given, receives what the case synthesized (the CloudFormation template or the
 * Terraform JSON) or the rejection's issues, so two library versions can be compared on the same sample.
 */
export function runCase(kind: Kind, cloud: Cloud, generated: any, output?: (text: string) => void): Outcome {
  let outdir: string | undefined;
  try {
    if (cloud === 'aws') {
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cdk.'));
      const app = new CdkApp({ outdir, context: { ...(generated[CDK_INIT_FLAGS] ? CURRENTLY_RECOMMENDED_FLAGS : {}), '@aws-cdk/core:validateAgainstDefaultRules': true } });
      const stack = new Stack(app, 'Fuzz', { env: { account: '123456789012', region: 'us-east-1' } });
      // An existing VPC: an existing cluster's, or (strict cases) the one existing security groups belong to.
      const fixed = membersOf(kind, generated).some(([k, p]) => k === 'GpuPool' && p.existingVpc && p.cluster) || (generated[STRICT] && generated[TARGET]?.[0] === 'securityGroups')
        ? {
          vpc: Vpc.fromVpcAttributes(stack, 'Vpc', {
            vpcId: 'vpc-0123456789abcdef0',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
            // An endpoint in the same stack needs the VPC's CIDR (strict cases give it; the rest check the rejection).
            vpcCidrBlock: generated[STRICT] ? '10.0.0.0/16' : undefined,
          }),
        }
        : undefined;
      const options = targetOptions(fixed ?? {}, generated[TARGET], {
        __KEY__: () => Key.fromKeyArn(stack, 'ExistingKey', KEY_ARN),
        __TOPIC__: () => Topic.fromTopicArn(stack, 'ExistingTopic', 'arn:aws:sns:us-east-1:123456789012:oncall'),
        __SECURITY_GROUPS__: () => [SecurityGroup.fromSecurityGroupId(stack, 'ExistingSg', 'sg-0123456789abcdef0')],
      });
      if (fixed || generated[TARGET]) Target.bind(stack, new awscdk.AwsCdkTarget(options));
      buildAll(kind, 'aws', generated, {
        num: () => new CfnParameter(stack, `N${stack.node.children.length}`, { type: 'Number' }).valueAsNumber,
        str: () => new CfnParameter(stack, `S${stack.node.children.length}`, { type: 'String' }).valueAsString,
      }, stack);
      const template = app.synth().getStackByName(stack.stackName).template;
      output?.(JSON.stringify(template, undefined, 1));
      const { Parameters: params = {}, ...rest } = template;
      const body = JSON.stringify(rest);
      const dropped = Object.keys(params).filter((p) => p.match(/^[NS]\d+$/) && !body.includes(`{"Ref":"${p}"}`));
      if (dropped.length > 0) throw new PropertyViolation(`a prop given as a token was silently dropped (parameters ${dropped.join(', ')} unused)`);
      placeholderCheck(body);
      const violations = [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app), new AiInfraChecks(app)]
        .flatMap((p) => p.validateScope(stack).violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`));
      if (violations.length > 0) throw new PropertyViolation(`output fails compliance: ${violations.join('; ')}`);
    } else {
      const app = Testing.app({ outdir: TF_OUTDIR }); // Testing.synth writes nothing; one shared directory
      const stack = new TerraformStack(app, 'fuzz');
      const change = generated[TARGET];
      Target.bind(stack, cloud === 'gcp'
        ? new tfgcp.GcpTarget(targetOptions({ project: 'my-proj', region: 'us-central1', billingAccount: '012345-6789AB-CDEF01' }, change, TF_OBJECTS))
        : cloud === 'aws-tf'
          ? new tfaws.AwsTfTarget(targetOptions({
            region: 'us-east-1',
            // An existing VPC: an existing cluster's, or (strict cases) the one existing security groups belong to.
            ...(membersOf(kind, generated).some(([k, p]) => k === 'GpuPool' && p.existingVpc && p.cluster) || (generated[STRICT] && change?.[0] === 'securityGroupIds')
              ? { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] } : {}),
          }, change, TF_OBJECTS))
          : new tfazure.AzureTarget(targetOptions({ location: 'eastus', resourceGroupName: 'rg' }, change, TF_OBJECTS)));
      buildAll(kind, base(cloud), generated, {
        num: () => new TerraformVariable(stack, `n${stack.node.children.length}`, { type: 'number' }).numberValue,
        str: () => new TerraformVariable(stack, `s${stack.node.children.length}`, { type: 'string' }).stringValue,
      }, stack);
      // configureProvider false, and the user declares the provider (without it, synth fails naming the option).
      if (change?.[1] === FALSE_WITH_PROVIDER) declareProvider(stack, cloud);
      const json = Testing.synth(stack, true); // runs the compliance rule engine (a failing rule throws)
      output?.(json);
      const { variable: vars = {}, ...rest } = JSON.parse(json);
      const body = JSON.stringify(rest);
      const dropped = Object.keys(vars).filter((v) => !body.includes(`var.${v}`));
      if (dropped.length > 0) throw new PropertyViolation(`a prop given as a token was silently dropped (variables ${dropped.join(', ')} unused)`);
      placeholderCheck(body);
    }
    return 'synthesized';
  } catch (e: any) {
    if (e instanceof PropertyViolation) throw e;
    if (e?.name === 'ValidationError' && Array.isArray(e.issues) && e.issues.length > 0 && e.issues.every((i: any) => typeof i.prop === 'string' && i.prop.length > 0)) {
      output?.(`rejected: ${e.message}`);
      if (process.env.WHY) console.log('WHY', e.issues.map((i: any) => i.prop + '=' + String(i.received).slice(0, 50) + ' ~ ' + String(i.allowed).slice(0, 100)).join(' | ')); return 'rejected';
    }
    throw new PropertyViolation(`${e?.name ?? 'error'}: ${String(e?.message ?? e).slice(0, 800)}`);
  } finally {
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const TF_OUTDIR = path.join(os.tmpdir(), 'fuzz-cdktf.out');

/**
 * A token treated as text (cut, cleaned, lowercased) leaves its placeholder in the output as a literal, e.g.
 * `Token-TOKEN-16---ic` or `__tftoken_token_0__`, while the parameter may still be used elsewhere.
 */
function placeholderCheck(body: string): void {
  const m = /.{0,40}(TOKEN[^A-Za-z]{0,3}\d+|tftoken).{0,40}/i.exec(body);
  if (m) throw new PropertyViolation(`a token's placeholder text was written as a literal: ${m[0]}`);
  // A value that was never set, or an object or number formatted as text.
  const v = /.{0,40}\b(undefined|NaN|Infinity)\b.{0,40}|.{0,40}\[object Object\].{0,40}/.exec(body);
  if (v) throw new PropertyViolation(`a value was written as text it should never be: ${v[0]}`);
}

export class PropertyViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

export const KINDS: Kind[] = ['InferenceEndpoint', 'GpuPool', 'FeatureStore', 'SecureTenant', 'Stack'];
export const CLOUDS: Cloud[] = ['aws', 'aws-tf', 'gcp', 'azure'];
