import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES, synthExample } from '../scripts/synth-examples';

describe('every example synthesizes on every cloud it targets', () => {
  const clouds = new Map<string, Set<string>>();
  test.each(EXAMPLES.map((e) => [`${e.example} (${e.engine})`, e] as const))('%s', (_name, entry) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
    const rows = synthExample(entry, outdir);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.values(r.resources).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      clouds.set(r.example, (clouds.get(r.example) ?? new Set()).add(r.cloud));
    }
    const files = entry.engine === 'aws-cdk'
      ? fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))
      : fs.readdirSync(path.join(outdir, 'stacks'));
    expect(files.length).toBeGreaterThan(0);
    if (entry.engine === 'aws-cdk') {
      // No context lookups: `cdk synth` must work without AWS credentials (the CLI resolves `missing` by calling AWS).
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
      expect(manifest.missing ?? []).toEqual([]);
    }
  });
  test.each(['llm-serving', 'gpu-training-pool', 'tenant-feature-store', 'multi-tenant-saas'])('%s covers AWS, GCP and Azure', (example) => {
    expect([...(clouds.get(example) ?? [])].sort()).toEqual(['aws', 'azure', 'gcp']);
  });
});

describe('the CLIs synthesize the example folders offline', () => {
  const dir = path.join(__dirname, '..', 'examples', 'llm-serving');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' };
  test('npx cdk synth', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkout-'));
    execFileSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', out], { cwd: dir, env, stdio: 'pipe' });
    const template = JSON.parse(fs.readFileSync(path.join(out, 'LlmServing.template.json'), 'utf8'));
    expect(Object.values(template.Resources).some((r: any) => r.Type === 'AWS::SageMaker::Endpoint')).toBe(true);
  }, 120_000);
  test('npx cdktf synth', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktfout-'));
    execFileSync('npx', ['cdktf', 'synth', '--output', out], { cwd: dir, env, stdio: 'pipe' });
    const gcp = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'llm-serving-gcp', 'cdk.tf.json'), 'utf8'));
    const azure = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'llm-serving-azure', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(gcp.resource)).toContain('google_cloud_run_v2_service');
    expect(Object.keys(azure.resource)).toContain('azurerm_machine_learning_workspace');
    const aws = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'llm-serving-aws', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(aws.resource)).toEqual(expect.arrayContaining(['aws_sagemaker_endpoint', 'awscc_sagemaker_inference_component']));
  }, 120_000);
});
