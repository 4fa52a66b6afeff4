/**
 * Construct ids are free text (`llama-3.1`, `Chat Assistant`, `Llama3 (8B)`, `Modèle`, `模型`), and several names and
 * descriptions are derived from them. Each derived value must meet its service's character rules, or the deploy
 * fails where synth could have fixed it. An id of ASCII letters, digits and hyphens names exactly what it always did.
 */
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, InferenceEndpoint, ModelSource } from '../../src';
import { all, ECR_IMAGE, fourConstructs, synthAws, synthAwsTf, synthAzure, synthGcp } from '../util';

const IDS = ['llama-3.1', 'Chat Assistant', 'Llama3 (8B)', 'Modèle', '模型'];

/** Application Auto Scaling policy names: `\p{Print}+` (printable ASCII), 1-256. */
const SCALING_POLICY_NAME = /^[\x20-\x7e]{1,256}$/;
/** IAM role descriptions: tab, line breaks, Latin-1 printable; at most 1000. */
const ROLE_DESCRIPTION = /^[\t\n\r\x20-\x7e\xa1-\xff]{0,1000}$/;
/** EC2 security group descriptions. */
const SG_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

describe.each(IDS)('construct id %j', (id) => {
  test('AWS (CloudFormation): scaling policy names, role and security group descriptions', () => {
    const t = synthAws((s) => {
      new InferenceEndpoint(s, id, { model: ModelSource.container({ image: ECR_IMAGE }), minReplicas: 0, compliance: ComplianceProfile.HIPAA });
    });
    const policies = Object.values(t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')) as any[];
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(p.Properties.PolicyName).toMatch(SCALING_POLICY_NAME);
    for (const r of Object.values(t.findResources('AWS::IAM::Role')) as any[]) expect(r.Properties.Description ?? '').toMatch(ROLE_DESCRIPTION);
    const groups = Object.values(t.findResources('AWS::EC2::SecurityGroup')) as any[];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.Properties.GroupDescription).toMatch(SG_DESCRIPTION);
  });

  test('AWS (Terraform): scaling policy names, role and security group descriptions', () => {
    const json = synthAwsTf((s) => {
      new InferenceEndpoint(s, id, { model: ModelSource.container({ image: ECR_IMAGE }), minReplicas: 0, compliance: ComplianceProfile.HIPAA });
    });
    const policies = all(json, 'aws_appautoscaling_policy');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(p.name).toMatch(SCALING_POLICY_NAME);
    for (const r of all(json, 'aws_iam_role')) expect(r.description ?? '').toMatch(ROLE_DESCRIPTION);
    for (const g of all(json, 'aws_security_group')) expect(g.description).toMatch(SG_DESCRIPTION);
  });

  test('Azure: Log Analytics, Application Insights, ML workspace, identity and private endpoint names', () => {
    const json = synthAzure((s) => {
      new InferenceEndpoint(s, id, { model: ModelSource.container({ image: 'acr.azurecr.io/x:1' }), accelerator: Accelerator.NVIDIA_T4, compliance: ComplianceProfile.HIPAA });
    }, { privateEndpointSubnetId: '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pe' });
    // https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules ("alphanumerics" are ASCII).
    const rules: Array<[string, RegExp]> = [
      ['azurerm_log_analytics_workspace', /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/],
      ['azurerm_application_insights', /^[A-Za-z0-9._()-]{0,254}[A-Za-z0-9_()-]$/],
      ['azurerm_machine_learning_workspace', /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/],
      ['azurerm_user_assigned_identity', /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/],
      ['azurerm_private_endpoint', /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/],
    ];
    for (const [type, rule] of rules) {
      const named = all(json, type);
      expect({ type, present: named.length > 0 }).toEqual({ type, present: true });
      for (const r of named) expect({ type, name: r.name }).toEqual({ type, name: expect.stringMatching(rule) });
    }
  });
});

test('an id of letters, digits and hyphens names what it always did', () => {
  const json = synthAzure((s) => {
    new InferenceEndpoint(s, 'Chat-2', { model: ModelSource.container({ image: 'acr.azurecr.io/x:1' }), accelerator: Accelerator.NVIDIA_T4 });
  });
  expect(all(json, 'azurerm_log_analytics_workspace')[0].name).toMatch(/^Chat-2-logs-[0-9a-f]{8}$/);
  expect(all(json, 'azurerm_machine_learning_workspace')[0].name).toMatch(/^Chat-2-mlw-[0-9a-f]{8}$/);
  const t = synthAws((s) => {
    new InferenceEndpoint(s, 'Chat-2', { model: ModelSource.container({ image: ECR_IMAGE }) });
  });
  t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyName: 'Chat-2-target-tracking' });
});

/**
 * Descriptions (and the VPC's Name tags) carry the construct path, which nesting makes as long as a user likes. Each
 * must stay within its service's length limit, or the deploy fails where synth could have cut it.
 */
describe('a construct path of over 1,100 characters', () => {
  const deep = (s: Construct): Construct => {
    let c: Construct = s;
    for (let i = 0; i < 12; i++) c = new Construct(c, `Level${i}-${'x'.repeat(85)}`);
    return c;
  };
  /** Every value under `key` (at any depth) of `obj`. */
  const under = (obj: unknown, key: string): any[] => {
    const out: any[] = [];
    const walk = (v: any) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (k === key) out.push(x); walk(x); }
    };
    walk(obj);
    return out;
  };
  const longest = (xs: any[]) => Math.max(0, ...xs.filter((x) => typeof x === 'string').map((x: string) => x.length));

  test('AWS (CloudFormation): policy, key, alarm, role and security group descriptions; tag values', () => {
    const t = synthAws((s) => fourConstructs(deep(s), ECR_IMAGE, Accelerator.NVIDIA_L4, true)).toJSON();
    const of = (type: string) => Object.values<any>(t.Resources).filter((r) => r.Type === type).map((r) => r.Properties);
    expect(longest(of('AWS::IAM::ManagedPolicy').map((p) => p.Description))).toBeGreaterThan(900);
    expect(longest(of('AWS::IAM::ManagedPolicy').map((p) => p.Description))).toBeLessThanOrEqual(1000);
    expect(longest(of('AWS::CloudWatch::Alarm').map((p) => p.AlarmDescription))).toBeLessThanOrEqual(1024);
    expect(longest(of('AWS::KMS::Key').map((p) => p.Description))).toBeLessThanOrEqual(8192);
    expect(longest(of('AWS::IAM::Role').map((p) => p.Description))).toBeLessThanOrEqual(1000);
    expect(longest(of('AWS::EC2::SecurityGroup').map((p) => p.GroupDescription))).toBeLessThanOrEqual(255);
    expect(longest(under(t.Resources, 'Tags').flat().map((tag: any) => tag.Value))).toBeLessThanOrEqual(256);
  });

  test('AWS (Terraform): policy, key and alarm descriptions; tag values', () => {
    const json = synthAwsTf((s) => fourConstructs(deep(s), ECR_IMAGE, Accelerator.NVIDIA_L4, true));
    expect(longest(all(json, 'aws_iam_policy').map((p) => p.description))).toBeLessThanOrEqual(1000);
    expect(longest(all(json, 'aws_cloudwatch_metric_alarm').map((p) => p.alarm_description))).toBeGreaterThan(900);
    expect(longest(all(json, 'aws_cloudwatch_metric_alarm').map((p) => p.alarm_description))).toBeLessThanOrEqual(1024);
    expect(longest(all(json, 'aws_kms_key').map((p) => p.description))).toBeLessThanOrEqual(8192);
    expect(longest(under(json.resource, 'tags').flatMap((tags: any) => Object.values(tags)))).toBeLessThanOrEqual(256);
  });

  test('GCP: the Cloud Run service description (at most 512), display names, label values (at most 63)', () => {
    const json = synthGcp((s) => fourConstructs(deep(s), 'us-docker.pkg.dev/p/r/x:1', Accelerator.NVIDIA_L4, false));
    expect(longest(all(json, 'google_cloud_run_v2_service').map((p) => p.description))).toBe(512);
    expect(longest(under(json.resource, 'display_name'))).toBeLessThanOrEqual(100);
    for (const key of ['labels', 'resource_labels', 'user_labels']) {
      expect(longest(under(json.resource, key).flatMap((labels: any) => Object.values(labels)))).toBeLessThanOrEqual(63);
    }
  });

  test('Azure: tag values (at most 256)', () => {
    const json = synthAzure((s) => fourConstructs(deep(s), 'acr.azurecr.io/x:1', Accelerator.NVIDIA_T4, true));
    expect(longest(under(json.resource, 'tags').flatMap((tags: any) => Object.values(tags)))).toBeLessThanOrEqual(256);
  });
});
