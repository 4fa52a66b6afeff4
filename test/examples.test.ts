/**
 * The example folders work with the engines' own CLIs, offline. (That every example synthesizes on every cloud it
 * targets, with valid, deterministic and stable output, is test/reliability/examples.test.ts.)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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
