/**
 * GCP and Azure compliance: the rule engine (cdktf Aspect) sees overrides, treats unresolved references as unknown,
 * fails synth with the rule id, address and fix, honours acknowledgements and records them in the stack; every rule
 * has a compliant and a non-compliant case; every Terraform example synthesizes with zero findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { EXAMPLES } from '../../scripts/synth-examples';
import { Accelerator, Compliance, ComplianceProfile, GpuPool, Target, tfazure, tfgcp } from '../../src';
import { complianceFindings } from '../../src/targets/shared-tf/compliance';
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
};

describe.each([['GCP', GCP_RULES], ['Azure', AZURE_RULES]] as const)('%s rules: a compliant and a non-compliant case each', (_cloud, rules) => {
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
  const azureStack = () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'az');
    Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
    const cluster = tfazure.GpuPoolResources.of(pool).resources.cluster!;
    return { stack, cluster };
  };

  test('sees overrides: a weakening override fails synth with the rule id, address and fix', () => {
    const { stack, cluster } = azureStack();
    cluster.addOverride('private_cluster_enabled', false);
    expect(() => Testing.synth(stack, true)).toThrow(/CKV_AZURE_115 AKS clusters are private: azurerm_kubernetes_cluster\.Pool_Cluster_\w+ .*fix: set private_cluster_enabled = true/);
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
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'az');
    Target.bind(stack, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' }));
    const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
    Compliance.acknowledge(tfazure.GpuPoolResources.of(pool).resources.cluster!, { ruleId: 'CKV_AZURE_115', reason: 'not failing here; the report lists only what fails' });
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
      Target.bind(stack, new tfgcp.GcpTarget({ project: 'p', region: 'us-central1' }));
      const pool = new GpuPool(stack, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, compliance: profile });
      tfgcp.GpuPoolResources.of(pool).resources.cluster!.addOverride('private_cluster_config.enable_private_endpoint', false);
      return () => Testing.synth(stack, true);
    };
    expect(build(ComplianceProfile.BASELINE)).not.toThrow();
    expect(build(ComplianceProfile.HIPAA)).toThrow(/CKV_GCP_18/);
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
