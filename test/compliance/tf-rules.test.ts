/**
 * Terraform compliance: the rule engine reads the stack's JSON (overrides included, at every synthesis), treats
 * unresolved references as unknown, fails synth with the rule id, address and fix, honours acknowledgements and
 * records them in the stack; every rule has a compliant and a non-compliant case; every Terraform example synthesizes with zero findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { App, TerraformStack, Testing } from 'cdktf';
import { EXAMPLES } from '../../scripts/synth-examples';
import { Accelerator, Compliance, ComplianceProfile, GpuPool, InferenceEndpoint, ModelSource, Target, tfaws, tfazure, tfgcp } from '../../src';
import { complianceFindings } from '../../src/targets/shared-tf/compliance';
import { AWS_TF_RULES } from '../../src/targets/tf-aws/rules';
import { AZURE_RULES } from '../../src/targets/tf-azure/rules';
import { GCP_RULES } from '../../src/targets/tf-gcp/rules';
import { preservingExampleLocks } from '../util';

/** A compliant and a non-compliant attribute set per rule (a rule id may have several resource types). */
const CASES: Record<string, Array<[pass: any, fail: any]>> = {
  CKV_GCP_64: [[{ private_cluster_config: { enable_private_nodes: true } }, { private_cluster_config: { enable_private_nodes: false } }]],
  CKV_GCP_18: [[{ private_cluster_config: { enable_private_endpoint: true } }, { private_cluster_config: { enable_private_endpoint: false } }]],
  CKV_GCP_20: [[{ master_authorized_networks_config: { cidr_blocks: [] } }, {}]],
  CKV_GCP_7: [[{ enable_legacy_abac: false }, { enable_legacy_abac: true }]],
  CKV_GCP_71: [[{ enable_shielded_nodes: true }, { enable_shielded_nodes: false }]],
  CKV_GCP_70: [[{ release_channel: { channel: 'REGULAR' } }, {}]],
  AI_GCP_2: [[{ database_encryption: { state: 'ENCRYPTED', key_name: 'k' } }, { database_encryption: { state: 'DECRYPTED' } }]],
  CKV_GCP_69: [[{ node_config: { workload_metadata_config: { mode: 'GKE_METADATA' } } }, { node_config: { workload_metadata_config: { mode: 'GCE_METADATA' } } }]],
  CKV_GCP_68: [[{ node_config: { shielded_instance_config: { enable_secure_boot: true } } }, { node_config: {} }]],
  CKV_GCP_9: [[{ management: { auto_repair: true } }, { management: { auto_repair: false } }]],
  CKV_GCP_10: [[{ management: { auto_upgrade: true } }, { management: { auto_upgrade: false } }]],
  AI_GCP_1: [[{ node_config: { boot_disk_kms_key: 'k' } }, { node_config: {} }]],
  CKV_GCP_43: [[{ rotation_period: '7776000s' }, { rotation_period: '31536000s' }]],
  CKV_GCP_29: [[{ uniform_bucket_level_access: true }, { uniform_bucket_level_access: false }]],
  CKV_GCP_114: [[{ public_access_prevention: 'enforced' }, { public_access_prevention: 'inherited' }]],
  CKV_GCP_78: [[{ versioning: { enabled: true } }, {}]],
  AI_GCP_6: [[{ encryption: { default_kms_key_name: 'k' } }, {}]],
  AI_GCP_3: [[{ ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' }, { ingress: 'INGRESS_TRAFFIC_ALL' }]],
  AI_GCP_4: [[{ template: { encryption_key: 'k' } }, { template: {} }]],
  AI_GCP_5: [[{ default_encryption_configuration: { kms_key_name: 'k' } }, {}]],
  CKV2_GCP_24: [[{ encryption_spec: { kms_key_name: 'k' } }, {}]],
  CKV_AZURE_115: [[{ private_cluster_enabled: true }, { private_cluster_enabled: false }]],
  CKV_AZURE_141: [[{ local_account_disabled: true }, {}]],
  CKV_AZURE_117: [[{ disk_encryption_set_id: 'des' }, {}]],
  CKV_AZURE_5: [[{ role_based_access_control_enabled: true }, { role_based_access_control_enabled: false }]],
  CKV_AZURE_7: [[{ network_profile: { network_policy: 'cilium' } }, { network_profile: { network_plugin: 'azure' } }]],
  CKV_AZURE_227: [
    [{ default_node_pool: { host_encryption_enabled: true } }, { default_node_pool: {} }],
    [{ host_encryption_enabled: true }, { host_encryption_enabled: false }],
  ],
  CKV_AZURE_110: [[{ purge_protection_enabled: true }, { purge_protection_enabled: false }]],
  CKV_AZURE_109: [[{ network_acls: { default_action: 'Deny' } }, { network_acls: { default_action: 'Allow' } }]],
  AI_AZ_2: [[{ rotation_policy: { automatic: { time_before_expiry: 'P30D' } } }, {}]],
  CKV_AZURE_44: [[{ min_tls_version: 'TLS1_2' }, { min_tls_version: 'TLS1_0' }]],
  CKV_AZURE_190: [[{ allow_nested_items_to_be_public: false }, { allow_nested_items_to_be_public: true }]],
  CKV_AZURE_59: [[{ public_network_access_enabled: false }, { public_network_access_enabled: true }]],
  CKV2_AZURE_40: [[{ shared_access_key_enabled: false }, {}]],
  CKV_AZURE_144: [[{ public_network_access_enabled: false }, { public_network_access_enabled: true }]],
  AI_AZ_1: [[{ encryption: { key_id: 'k', key_vault_id: 'v' } }, {}]],
  CKV_AZURE_91: [[{ non_ssl_port_enabled: false }, { non_ssl_port_enabled: true }]],
  CKV_AZURE_89: [[{ public_network_access_enabled: false }, { public_network_access_enabled: true }]],
  CKV_AWS_7: [[{ enable_key_rotation: true }, { enable_key_rotation: false }]],
  CKV_AWS_145: [[
    { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' } }] },
    { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
  ]],
  CKV_AWS_21: [[{ versioning_configuration: { status: 'Enabled' } }, { versioning_configuration: { status: 'Suspended' } }]],
  CKV_AWS_53: [[
    { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    { block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true },
  ]],
  AI_AWS_S3_OWNER: [[{ rule: { object_ownership: 'BucketOwnerEnforced' } }, { rule: { object_ownership: 'ObjectWriter' } }]],
  CKV_AWS_26: [[{ kms_master_key_id: 'k' }, {}]],
  CKV_AWS_158: [[{ kms_key_id: 'k' }, {}]],
  CKV_AWS_66: [[{ retention_in_days: 365 }, {}]],
  CKV_AWS_370: [[{ enable_network_isolation: true }, { enable_network_isolation: false }]],
  AI_AWS_MODEL_VPC: [[{ vpc_config: { subnets: ['s'] } }, {}]],
  CKV_AWS_98: [[{ kms_key_arn: 'k' }, {}], [{ kms_key_id: 'k' }, {}]],
  AI_AWS_IC_ISOLATION: [[{ enable_network_isolation: true }, {}]],
  AI_AWS_CAPTURE_KMS: [[{ data_capture_config: { kms_key_id: 'k' } }, { data_capture_config: { enable_capture: true } }]],
  AI_AWS_FG_ONLINE_KMS: [[{ online_store_config: { security_config: { kms_key_id: 'k' } } }, { online_store_config: { enable_online_store: true } }]],
  AI_AWS_FG_OFFLINE_KMS: [[{ offline_store_config: { s3_storage_config: { kms_key_id: 'k' } } }, { offline_store_config: { s3_storage_config: { s3_uri: 's3://b' } } }]],
  CKV_AWS_39: [[{ vpc_config: { endpoint_public_access: false } }, { vpc_config: { endpoint_public_access: true } }]],
  CKV_AWS_58: [[{ encryption_config: { provider: { key_arn: 'k' }, resources: ['secrets'] } }, {}]],
  CKV_AWS_37: [[{ enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] }, { enabled_cluster_log_types: ['api'] }]],
  AI_AWS_EKS_NO_CREATOR_ADMIN: [[{ access_config: { bootstrap_cluster_creator_admin_permissions: false } }, { access_config: { bootstrap_cluster_creator_admin_permissions: true } }]],
  CKV_AWS_79: [[{ metadata_options: { http_tokens: 'required' } }, { metadata_options: { http_tokens: 'optional' } }]],
  AI_AWS_LT_EBS_ENCRYPTED: [[{ block_device_mappings: [{ ebs: { encrypted: 'true' } }] }, { block_device_mappings: [{ ebs: { encrypted: 'false' } }] }]],
  AI_AWS_LT_EBS_CMK: [[{ block_device_mappings: [{ ebs: { kms_key_id: 'k' } }] }, { block_device_mappings: [{ ebs: {} }] }]],
  CKV2_AWS_12: [[{}, { ingress: [{ from_port: 0 }] }]],
  CKV_AWS_130: [[{ map_public_ip_on_launch: false }, { map_public_ip_on_launch: true }]],
};

describe.each([['GCP', GCP_RULES], ['Azure', AZURE_RULES], ['AWS (Terraform)', AWS_TF_RULES]] as const)('%s rules: a compliant and a non-compliant case each', (_cloud, rules) => {
  const seen = new Map<string, number>();
  test.each(rules.map((r) => [r.id, r.resourceType, r] as const))('%s (%s)', (id, _type, rule) => {
    const i = seen.get(id) ?? 0;
    seen.set(id, i + 1);
    const [pass, fail] = CASES[id][i];
    expect(rule.check(pass)).toBe('pass');
    expect(rule.check(fail)).toBe('fail');
    expect(rule.mirrors).toMatch(/checkov|ours/);
    expect(rule.fix.length).toBeGreaterThan(10);
  });
});

describe('the engine', () => {
  /** An Azure stack with a GPU pool, in a test app, or in an app writing to `outdir` (as `cdktf synth` does). */
  const azureStack = (outdir?: string) => {
    const app = outdir ? new App({ outdir }) : Testing.app();
    const stack = new TerraformStack(app, 'az');
    Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
    const cluster = tfazure.GpuPoolResources.of(pool).resources.cluster!;
    return { app, stack, cluster };
  };

  test('sees overrides: a weakening override fails synth with the rule id, address and fix', () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('private_cluster_enabled', false);
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AZURE_115 AKS clusters are private: azurerm_kubernetes_cluster\.Pool_Cluster_\w+ .*fix: set private_cluster_enabled = true/);
  });

  test('sees stack-level overrides: rules read the stack\'s JSON as Terraform gets it', () => {
    const { stack, cluster } = azureStack();
    stack.addOverride(`resource.azurerm_kubernetes_cluster.${cluster.friendlyUniqueId}.private_cluster_enabled`, false);
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AZURE_115 AKS clusters are private/);
  });

  test('each synthesis evaluates the stack as it is then (a change after a first synth is caught)', () => {
    const { stack, cluster } = azureStack();
    expect(() => Testing.synth(stack, true)).not.toThrow();
    cluster.addOverride('private_cluster_enabled', false);
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AZURE_115/);
    Compliance.acknowledge(cluster, { ruleId: 'CKV_AZURE_115', reason: 'Public API server behind authorized IP ranges until the hub VNet lands (ticket NET-42)' });
    expect(JSON.parse(Testing.synth(stack, true)).locals.ai_infra_constructs_compliance.acknowledged).toEqual([expect.objectContaining({ rule: 'CKV_AZURE_115' })]);
    // Outside a synthesis (validation run by hand, then the JSON), each call reads the stack as it is.
    cluster.addOverride('role_based_access_control_enabled', false);
    expect(() => stack.runAllValidations()).toThrow(/CKV_AZURE_5 /);
    cluster.addOverride('role_based_access_control_enabled', true);
    expect(() => stack.runAllValidations()).not.toThrow();
    cluster.addOverride('local_account_disabled', '${var.off}');
    expect((stack.toTerraform() as any).resource.azurerm_kubernetes_cluster[cluster.friendlyUniqueId].local_account_disabled).toBe('${var.off}');
  });

  test('HCL output is validated too, and nothing of a synthesis is reused after it', () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('private_cluster_enabled', false);
    expect(() => Testing.synthHcl(stack, true)).toThrow(/CKV_AZURE_115/);
    Compliance.acknowledge(cluster, { ruleId: 'CKV_AZURE_115', reason: 'Public API server behind authorized IP ranges until the hub VNet lands (ticket NET-42)' });
    expect(Testing.synthHcl(stack, true)).toMatch(/private_cluster_enabled = false/);
    cluster.addOverride('local_account_disabled', '${var.off}');
    expect((stack.toTerraform() as any).resource.azurerm_kubernetes_cluster[cluster.friendlyUniqueId].local_account_disabled).toBe('${var.off}');
  });

  test('HCL and JSON output carry the same compliance record, with reasons Terraform reads literally (HCL read back by Terraform\'s parser)', async () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('private_cluster_enabled', false);
    // Free text that cdktf's own HCL renderer would corrupt: quotes, a backslash, template sequences, a newline, a tab,
    // a leading bracket, and control characters HCL has no short escape for.
    const reason = '[NET-42] "public" API\\server until ${var.hub} is peered; %{ if } ok\nsecond line\tend \b\f';
    Compliance.acknowledge(cluster, { ruleId: 'CKV_AZURE_115', reason });
    const fromJson = JSON.parse(Testing.synth(stack, true)).locals.ai_infra_constructs_compliance;
    // Terraform's JSON syntax reads every string as a template: `${` and `%{` are written `$${` and `%%{` so that
    // Terraform reads back the reason as written, instead of evaluating var.hub.
    const literal = '[NET-42] "public" API\\server until $${var.hub} is peered; %%{ if } ok\nsecond line\tend \b\f';
    expect(fromJson.acknowledged).toEqual([{ rule: 'CKV_AZURE_115', resource: `azurerm_kubernetes_cluster.${cluster.friendlyUniqueId}`, reason: literal }]);
    // hcl2json converts HCL to Terraform's JSON syntax, so the same escaping is expected back.
    const hcl = Testing.synthHcl(stack, true);
    const parsed = await parseHcl('main.tf', hcl);
    const records = parsed.locals.map((l: any) => l.ai_infra_constructs_compliance).filter((r: unknown) => r !== undefined);
    expect(records).toEqual([fromJson]);
  });

  test('HCL output has no record when no resource has rules', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'empty');
    Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    expect(Testing.synthHcl(stack, true)).not.toMatch(/ai_infra_constructs_compliance/);
  });

  test('cdktf synth validates, reports and writes the stack from one serialization of each resource', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfonce-'));
    const { app, cluster } = azureStack(outdir);
    const serialize = jest.spyOn(cluster, 'toTerraform');
    app.synth();
    // cdktf's prepareStack serializes each element once, and the stack's JSON once more; the rules read the latter.
    expect(serialize).toHaveBeenCalledTimes(2);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'az', 'cdk.tf.json'), 'utf8'));
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'az', 'compliance-report.json'), 'utf8'));
    expect(written.locals.ai_infra_constructs_compliance.rules_evaluated).toBe(report.stacks[0].rulesEvaluated);
    expect(written.resource.azurerm_kubernetes_cluster[cluster.friendlyUniqueId].private_cluster_enabled).toBe(true);
  });

  test('an unresolved reference is unknown, not compliant', () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('local_account_disabled', '${var.local_accounts_off}');
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AZURE_141 .* cannot be proven at synth/);
  });

  test('an acknowledgement lets it through and is recorded in the stack (locals.ai_infra_constructs_compliance)', () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('private_cluster_enabled', false);
    Compliance.acknowledge(cluster, { ruleId: 'CKV_AZURE_115', reason: 'Public API server behind authorized IP ranges until the hub VNet lands (ticket NET-42)' });
    const json = JSON.parse(Testing.synth(stack, true));
    const record = json.locals.ai_infra_constructs_compliance;
    expect(record.rules_evaluated).toBeGreaterThan(5);
    expect(record.acknowledged).toEqual([{ rule: 'CKV_AZURE_115', resource: expect.stringMatching(/^azurerm_kubernetes_cluster\./), reason: expect.stringMatching(/NET-42/) }]);
    expect(complianceFindings(stack).failed).toEqual([]);
  });

  test('a compliance report is written beside each synthesized stack', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfreport-'));
    const { app, cluster } = azureStack(outdir);
    Compliance.acknowledge(cluster, { ruleId: 'CKV_AZURE_115', reason: 'not failing here; the report lists only what fails' });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'az', 'compliance-report.json'), 'utf8'));
    expect(report).toMatchObject({ engine: 'cdktf', stacks: [{ name: 'az', unacknowledgedFindings: 0 }], acknowledged: [] });
    expect(report.stacks[0].rulesEvaluated).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'az', 'compliance-report.md'))).toBe(true);
  });

  test('profile-specific rules follow the construct\'s profile (GKE private endpoint only under private networking)', () => {
    const build = (profile: ComplianceProfile) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'gcp');
      Target.bind(stack, new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1' }));
      const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, compliance: profile });
      tfgcp.GpuPoolResources.of(pool).resources.cluster!.addOverride('private_cluster_config.enable_private_endpoint', false);
      return () => Testing.synth(stack, true);
    };
    expect(build(ComplianceProfile.BASELINE)).not.toThrow();
    expect(build(ComplianceProfile.HIPAA)).toThrow(/CKV_GCP_18/);
  });
});

describe('the engine on the AWS Terraform target', () => {
  const endpoint = (profile: ComplianceProfile) => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    Target.bind(stack, new tfaws.AwsTfTarget({ region: 'us-east-1' }));
    const ep = new InferenceEndpoint(stack, 'Ep', { model: ModelSource.container({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1' }), compliance: profile });
    return { stack, model: tfaws.InferenceEndpointResources.of(ep).resources.model };
  };

  test('a weakened model (network isolation off) fails synth with CKV_AWS_370, its address and fix', () => {
    const { stack, model } = endpoint(ComplianceProfile.BASELINE);
    model.addOverride('enable_network_isolation', false);
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AWS_370 SageMaker models run with network isolation: aws_sagemaker_model\.Ep_Model_\w+ .*fix: set enable_network_isolation = true/);
  });

  test('the NVMe KmsKeyId exception is acknowledged with its reason and recorded in the stack', () => {
    const { stack } = endpoint(ComplianceProfile.BASELINE);
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.locals.ai_infra_constructs_compliance.acknowledged).toEqual([
      { rule: 'CKV_AWS_98', resource: expect.stringMatching(/^aws_sagemaker_endpoint_configuration\./), reason: expect.stringMatching(/local NVMe instance storage/) },
    ]);
  });

  test('private-networking rules apply under HIPAA only (the model must be in a VPC)', () => {
    const base = endpoint(ComplianceProfile.BASELINE);
    expect(() => Testing.synth(base.stack, true)).not.toThrow();
    const hipaa = endpoint(ComplianceProfile.HIPAA);
    hipaa.model.addOverride('vpc_config', null);
    expect(() => Testing.synth(hipaa.stack, true)).toThrow(/AI_AWS_MODEL_VPC/);
  });
});

describe('every Terraform example: zero findings, with its own profiles and under HIPAA', () => {
  const tfExamples = EXAMPLES.filter((e) => e.engine === 'cdktf');
  test.each(tfExamples.map((e) => [e.example, e] as const))('%s', (_n, entry) => {
    const app: App = entry.main(Testing.app());
    app.synth();
    for (const stack of app.node.children.filter((c) => TerraformStack.isStack(c)) as TerraformStack[]) {
      expect(complianceFindings(stack).failed).toEqual([]);
    }
  });
  test.each(tfExamples.map((e) => [e.example, e] as const))('%s under HIPAA', (_n, entry) => {
    const app = Testing.app();
    ComplianceProfile.apply(app, ComplianceProfile.HIPAA);
    preservingExampleLocks(() => {
      entry.main(app);
      app.synth();
    });
    for (const stack of app.node.children.filter((c) => TerraformStack.isStack(c)) as TerraformStack[]) {
      expect(complianceFindings(stack).failed).toEqual([]);
    }
  });
});
