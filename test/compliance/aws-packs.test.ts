/**
 * AWS compliance: cdk-nag 3 packs (AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) and our AiInfra pack
 * report zero unacknowledged findings on every AWS example, under the examples' own profiles and under HIPAA; every
 * acknowledgement our constructs make carries a specific reason and is written into the template; AiInfra rules
 * catch what they are for.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnCluster, CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import { CfnEndpointConfig, CfnFeatureGroup, CfnModel } from 'aws-cdk-lib/aws-sagemaker';
import { App, Stack } from 'aws-cdk-lib/core';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { EXAMPLES } from '../../scripts/synth-examples';
import { awscdk, Compliance, ComplianceProfile, InferenceEndpoint, ModelSource } from '../../src';
import { AiInfraChecks, AI_INFRA_RULES } from '../../src/targets/aws-cdk/nag-pack';
import { ECR_IMAGE, preservingExampleLocks, validationError } from '../util';

const awsExamples = EXAMPLES.filter((e) => e.engine === 'aws-cdk');

function findings(app: App, privateNetworking: boolean): string[] {
  const out: string[] = [];
  const packs: NagPack[] = [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app), new NIST80053R5Checks(app), new PCIDSS321Checks(app), new AiInfraChecks(app, { privateNetworking })];
  for (const stack of app.node.children.filter((c) => Stack.isStack(c))) {
    for (const pack of packs) {
      for (const v of pack.validateScope(stack).violations) for (const r of v.violatingResources) out.push(`${v.ruleName} @ ${r.constructPath}`);
    }
  }
  return out;
}

describe.each([
  ['its own profile', undefined, {}],
  ['HIPAA', ComplianceProfile.HIPAA, {}],
  // What `cdk init` writes into cdk.json, so what most apps synthesize with: these flags change how aws-cdk-lib
  // renders policies (sorted, merged), partitions and more.
  ['its own profile, with the feature flags cdk init sets', undefined, CURRENTLY_RECOMMENDED_FLAGS],
] as const)('every AWS example under %s: zero unacknowledged findings in all four cdk-nag packs and AiInfra', (_n, profile, context) => {
  test.each(awsExamples.map((e) => [e.example, e] as const))('%s', (_name, entry) => {
    const app = new App({ context });
    if (profile) ComplianceProfile.apply(app, profile);
    preservingExampleLocks(() => entry.main(app));
    expect(findings(app, (profile ?? ComplianceProfile.BASELINE).controls.privateNetworking)).toEqual([]);
  });
});

describe('acknowledgements', () => {
  test('every acknowledgement our constructs make names a constraint (no blanket reasons) and is in the template', () => {
    const app = new App();
    for (const e of awsExamples) e.main(app);
    const acks = Compliance.acknowledgementsOf(app);
    expect(acks.length).toBeGreaterThan(20);
    for (const a of acks) {
      expect(a.reason.length).toBeGreaterThanOrEqual(40);
      expect(a.reason).not.toMatch(/^(ok|n\/a|suppressed|false positive)/i);
    }
    const templates = app.synth().stacks.map((s) => JSON.stringify(s.template));
    expect(templates.some((t) => t.includes('ai-infra-constructs:acknowledgement'))).toBe(true);
  });

  test('Compliance.acknowledge needs a rule id and a reason of at least 10 characters', () => {
    const stack = new Stack(new App(), 'S');
    expect(validationError(() => Compliance.acknowledge(stack, { ruleId: 'AwsSolutions-S1', reason: 'because' })).issues[0].prop).toBe('reason');
    expect(validationError(() => Compliance.acknowledge(stack, { ruleId: '', reason: 'a long enough reason' })).issues[0].prop).toBe('ruleId');
  });
});

describe('CompliancePacks.apply', () => {
  test.each([
    [ComplianceProfile.BASELINE, ['AwsSolutions', 'AiInfra']],
    [ComplianceProfile.SOC2, ['AwsSolutions', 'AiInfra']],
    [ComplianceProfile.HIPAA, ['AwsSolutions', 'AiInfra', 'HIPAA.Security']],
    [ComplianceProfile.PCI_DSS, ['AwsSolutions', 'AiInfra', 'PCI.DSS.321']],
    [ComplianceProfile.NIST_800_53, ['AwsSolutions', 'AiInfra', 'NIST.800.53.R5']],
  ])('%s registers %j', (profile, names) => {
    expect(awscdk.CompliancePacks.apply(new App(), profile)).toEqual(names);
  });

  test('a finding fails synth with its rule id; Compliance.acknowledge with a reason lets it through, recorded in the template', () => {
    const build = (ack: boolean) => {
      const app = new App();
      awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
      const stack = new Stack(app, 'S', { env: { region: 'us-east-1' } });
      const model = new CfnModel(stack, 'RawModel', {
        executionRoleArn: 'arn:aws:iam::123456789012:role/x', primaryContainer: { image: ECR_IMAGE }, vpcConfig: { subnets: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
      });
      if (ack) Compliance.acknowledge(model, { ruleId: 'AiInfra-SM1', reason: 'Legacy model migrated as-is; isolation lands with ticket ML-123 next sprint' });
      return app.synth();
    };
    expect(() => build(false)).toThrow(/AiInfra-SM1/);
    const asm = build(true);
    expect(JSON.stringify(asm.getStackByName('S').template)).toMatch(/ticket ML-123/);
  });

  test('a weakening escape-hatch override fails synth unless acknowledged; the report beside the templates lists the acknowledgement', () => {
    const build = (ack: boolean) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
      const app = new App({ outdir });
      awscdk.CompliancePacks.apply(app, ComplianceProfile.BASELINE);
      const stack = new Stack(app, 'S', { env: { region: 'us-east-1' } });
      const ep = new InferenceEndpoint(stack, 'E', { model: ModelSource.container({ image: ECR_IMAGE }) });
      const model = awscdk.InferenceEndpointResources.of(ep).cfnModel;
      model.addPropertyOverride('EnableNetworkIsolation', false);
      if (ack) Compliance.acknowledge(model, { ruleId: 'AiInfra-SM1', reason: 'The model downloads a tokenizer at start-up until ML-77 vendors it into the image' });
      app.synth();
      return outdir;
    };
    expect(() => build(false)).toThrow(/AiInfra-SM1/);
    const outdir = build(true);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance-report.json'), 'utf8'));
    expect(report.acknowledged).toEqual(expect.arrayContaining([expect.objectContaining({ stack: 'S', ruleId: 'AiInfra-SM1', reason: expect.stringMatching(/ML-77/) })]));
    expect(fs.readFileSync(path.join(outdir, 'compliance-report.md'), 'utf8')).toMatch(/\| AiInfra-SM1 \|/);
  });

  test('our constructs pass with the packs registered for real (synth does not throw)', () => {
    const app = new App();
    awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
    const stack = new Stack(app, 'S', { env: { region: 'us-east-1' } });
    new InferenceEndpoint(stack, 'E', { model: ModelSource.container({ image: ECR_IMAGE }), requestLogging: { enabled: true, samplingPercent: 5 } });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('AiInfra rules: a compliant and a non-compliant case each', () => {
  const ids = (build: (s: Stack) => void, privateNetworking = false) => {
    const app = new App();
    const stack = new Stack(app, 'S');
    build(stack);
    return new AiInfraChecks(app, { privateNetworking }).validateScope(stack).violations.map((v) => v.ruleName);
  };
  const model = (s: Stack, props: Partial<ConstructorParameters<typeof CfnModel>[2]>) =>
    new CfnModel(s, 'M', { executionRoleArn: 'arn:aws:iam::1:role/r', primaryContainer: { image: ECR_IMAGE }, ...props });

  test('every rule has an id, title and mirror', () => {
    expect(AI_INFRA_RULES.map((r) => r.id)).toEqual(['SM1', 'SM2', 'SM3', 'FS1', 'EKS1', 'EKS2', 'EC2']);
  });
  test('SM1 model network isolation', () => {
    expect(ids((s) => model(s, { enableNetworkIsolation: false }))).toContain('AiInfra-SM1');
    expect(ids((s) => model(s, { enableNetworkIsolation: true }))).not.toContain('AiInfra-SM1');
  });
  test('SM2 model in a VPC, only under private networking', () => {
    expect(ids((s) => model(s, { enableNetworkIsolation: true }), true)).toContain('AiInfra-SM2');
    expect(ids((s) => model(s, { enableNetworkIsolation: true }), false)).not.toContain('AiInfra-SM2');
    expect(ids((s) => model(s, { enableNetworkIsolation: true, vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1'] } }), true)).not.toContain('AiInfra-SM2');
  });
  test('SM3 data capture encrypted', () => {
    const cfg = (s: Stack, kmsKeyId?: string) => new CfnEndpointConfig(s, 'C', {
      productionVariants: [{ variantName: 'v', modelName: 'm', instanceType: 'ml.m5.xlarge', initialInstanceCount: 1 }],
      dataCaptureConfig: { initialSamplingPercentage: 5, destinationS3Uri: 's3://b/p', captureOptions: [{ captureMode: 'Input' }], kmsKeyId },
    });
    expect(ids((s) => cfg(s))).toContain('AiInfra-SM3');
    expect(ids((s) => cfg(s, 'arn:aws:kms:us-east-1:1:key/k'))).not.toContain('AiInfra-SM3');
  });
  test('FS1 feature group stores encrypted', () => {
    const fg = (s: Stack, kms: boolean) => new CfnFeatureGroup(s, 'F', {
      featureGroupName: 'g',
      recordIdentifierFeatureName: 'id',
      eventTimeFeatureName: 't',
      featureDefinitions: [{ featureName: 'id', featureType: 'String' }, { featureName: 't', featureType: 'String' }],
      onlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: kms ? { KmsKeyId: 'k' } : undefined },
    });
    expect(ids((s) => fg(s, false))).toContain('AiInfra-FS1');
    expect(ids((s) => fg(s, true))).not.toContain('AiInfra-FS1');
  });
  test('EKS1 secrets encryption; EKS2 launch template; EC2 IMDSv2', () => {
    const cluster = (s: Stack, enc: boolean) => new CfnCluster(s, 'K', {
      roleArn: 'arn:aws:iam::1:role/r',
      resourcesVpcConfig: { subnetIds: ['subnet-1'] },
      encryptionConfig: enc ? [{ provider: { keyArn: 'arn:aws:kms:us-east-1:1:key/k' }, resources: ['secrets'] }] : undefined,
    });
    expect(ids((s) => cluster(s, false))).toContain('AiInfra-EKS1');
    expect(ids((s) => cluster(s, true))).not.toContain('AiInfra-EKS1');
    const ng = (s: Stack, lt: boolean) => new CfnNodegroup(s, 'N', { clusterName: 'c', nodeRole: 'arn:aws:iam::1:role/n', subnets: ['subnet-1'], launchTemplate: lt ? { id: 'lt-1' } : undefined });
    expect(ids((s) => ng(s, false))).toContain('AiInfra-EKS2');
    expect(ids((s) => ng(s, true))).not.toContain('AiInfra-EKS2');
    const lt = (s: Stack, tokens: string) => new CfnLaunchTemplate(s, 'L', { launchTemplateData: { metadataOptions: { httpTokens: tokens } } });
    expect(ids((s) => lt(s, 'optional'))).toContain('AiInfra-EC2');
    expect(ids((s) => lt(s, 'required'))).not.toContain('AiInfra-EC2');
  });
});
