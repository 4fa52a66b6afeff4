import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib/core';
import { App as TfApp, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, FeatureStore, FeatureType, GpuPool, InferenceEndpoint, ModelSource, SecureTenant, Target, tfaws, tfazure, tfgcp } from '../src';

/** Builds constructs in a fresh aws-cdk-lib stack and returns the template. */
export function synthAws(build: (stack: Stack) => void): Template {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
  build(stack);
  return Template.fromStack(stack);
}

export interface TfJson {
  readonly resource: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly provider?: Record<string, any>;
  readonly terraform?: any;
}

/** Builds constructs in a TerraformStack bound to GCP and returns the parsed Terraform JSON. */
export function synthGcp(build: (stack: Construct) => void, options: Partial<tfgcp.GcpTargetOptions> = {}): TfJson {
  return synthTf(new tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1', ...options }), build);
}

/** Builds constructs in a TerraformStack bound to Azure and returns the parsed Terraform JSON. */
export function synthAzure(build: (stack: Construct) => void, options: Partial<tfazure.AzureTargetOptions> = {}): TfJson {
  return synthTf(new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod', ...options }), build);
}

/** Builds constructs in a TerraformStack bound to AWS (Terraform) and returns the parsed Terraform JSON. */
export function synthAwsTf(build: (stack: Construct) => void, options: Partial<tfaws.AwsTfTargetOptions> = {}): TfJson {
  return synthTf(new tfaws.AwsTfTarget({ region: 'us-east-1', ...options }), build);
}

function synthTf(target: tfgcp.GcpTarget | tfazure.AzureTarget | tfaws.AwsTfTarget, build: (stack: Construct) => void): TfJson {
  const app: TfApp = Testing.app({ outdir: TF_TEST_OUTDIR }); // Testing.synth writes nothing: share one directory
  const stack = new TerraformStack(app, 'test');
  Target.bind(stack, target);
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

const TF_TEST_OUTDIR = path.join(os.tmpdir(), 'ai-infra-tests-cdktf.out');

/** The single resource of a type (fails when there are zero or several). */
export function only(json: TfJson, type: string): any {
  const found = Object.values(json.resource[type] ?? {});
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** All resources of a type. */
export function all(json: TfJson, type: string): any[] {
  return Object.values(json.resource[type] ?? {});
}

/** Captures the ValidationError thrown by `fn`. */
export function validationError(fn: () => void): { message: string; issues: Array<{ prop: string; received: string; allowed: string; hint?: string }> } {
  try {
    fn();
  } catch (e: any) {
    if (e?.name !== 'ValidationError') throw e;
    return e;
  }
  throw new Error('expected a ValidationError');
}

export const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm:0.6';

/** The four constructs on one scope, as the bench builds them (scripts/bench.ts). */
export function fourConstructs(s: Construct, image: string, accelerator: Accelerator, onlineStore: boolean): void {
  const tenant = new SecureTenant(s, 'T', { tenantId: 'acme' });
  new InferenceEndpoint(s, 'Ep', { tenant, model: ModelSource.container({ image }), accelerator });
  new GpuPool(s, 'Pool', { tenant, accelerator, maxNodes: 2 });
  new FeatureStore(s, 'Fs', {
    tenant,
    onlineStore,
    featureGroups: [{
      name: 'customers',
      recordIdentifier: 'id',
      eventTime: 'ts',
      features: [{ name: 'id', type: FeatureType.STRING }, { name: 'ts', type: FeatureType.TIMESTAMP }, { name: 'ltv', type: FeatureType.FLOAT }],
    }],
  });
}

/** The bench's four constructs synthesized on each Terraform cloud, as `[cloud, synth]` cases for `test.each`. */
export const FOUR_ON_TERRAFORM: Array<[string, () => TfJson]> = [
  ['GCP', () => synthGcp((s) => fourConstructs(s, 'us-docker.pkg.dev/p/r/x:1', Accelerator.NVIDIA_L4, false))],
  ['Azure', () => synthAzure((s) => fourConstructs(s, 'acr.azurecr.io/x:1', Accelerator.NVIDIA_T4, true))],
  ['AWS (Terraform)', () => synthAwsTf((s) => fourConstructs(s, '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', Accelerator.NVIDIA_L4, true))],
];

/**
 * Runs `fn` and restores the examples' FeatureStore schema lock files afterwards: synthesizing an example under another
 * profile (e.g. HIPAA turns the GCP online store off) rewrites its committed lock.
 */
export function preservingExampleLocks<T>(fn: () => T): T {
  const root = path.join(__dirname, '..', 'examples');
  const locks = fs.readdirSync(root).flatMap((d) => {
    const dir = path.join(root, d);
    return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => f.endsWith('.lock.json')).map((f) => path.join(dir, f)) : [];
  });
  const saved = new Map(locks.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  try {
    return fn();
  } finally {
    for (const [f, content] of saved) fs.writeFileSync(f, content);
  }
}
