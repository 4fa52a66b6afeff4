/**
 * Every example synthesizes on every cloud it targets, and its output is reliable:
 * - each of our constructs renders resources; every example covers AWS, GCP and Azure; `cdk synth` needs no context
 *   lookups (the CLI would call AWS to resolve them);
 * - AWS templates pass aws-cdk-lib's CloudFormation schema validation as errors (validateAgainstDefaultRules);
 * - synthesizing twice gives byte-identical output (determinism);
 * - logical ids and Terraform addresses match the committed list (stability: a library upgrade must not replace a
 *   user's resources without a deliberate, documented change; regenerate with UPDATE_ADDRESSES=1 and say why);
 * - stateful resources are retained / deletion-protected by default.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'aws-cdk-lib/core';
import { App as TfApp } from 'cdktf';
import { ConstructSummary, EXAMPLES, ExampleEntry, summarizeApp } from '../../scripts/synth-examples';
import { preservingExampleLocks } from '../util';

// This suite checks the output against the CloudFormation schema (test/setup-env.ts turns it off elsewhere).
process.env.CDK_VALIDATION = 'true';

const ADDRESSES_FILE = path.join(__dirname, 'addresses.json');

/** Synthesizes an example; `schema: false` skips the CloudFormation schema check (~0.5 s a template) where it would repeat one. */
function synth(entry: ExampleEntry, schema = true): { outdir: string; files: Record<string, string>; rows: ConstructSummary[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rel-'));
  const rows = preservingExampleLocks(() => {
    process.env.CDK_VALIDATION = String(schema);
    try {
      const app = entry.engine === 'aws-cdk'
        ? entry.main(new CdkApp({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': schema } }))
        : entry.main(new TfApp({ outdir }));
      app.synth();
      return summarizeApp(entry.example, app);
    } finally {
      process.env.CDK_VALIDATION = 'true';
    }
  });
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.template\.json$|cdk\.tf\.json$/.test(f)) files[path.relative(outdir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(outdir);
  return { outdir, files, rows };
}

function addresses(files: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [f, text] of Object.entries(files)) {
    const json = JSON.parse(text);
    out[f] = f.endsWith('.template.json')
      ? Object.keys(json.Resources ?? {}).sort()
      : Object.entries<any>(json.resource ?? {}).flatMap(([type, rs]) => Object.keys(rs).map((id) => `${type}.${id}`)).sort();
  }
  return out;
}

const STATEFUL_AWS = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SageMaker::FeatureGroup', 'AWS::DynamoDB::Table', 'AWS::Logs::LogGroup'];
const STATEFUL_TF = ['google_storage_bucket', 'google_kms_crypto_key', 'google_kms_key_ring', 'google_bigquery_dataset', 'google_bigquery_table',
  'google_logging_project_bucket_config', 'azurerm_storage_account', 'azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_resource_group', 'azurerm_redis_cache',
  'azurerm_machine_learning_workspace', 'aws_s3_bucket', 'aws_kms_key', 'aws_sagemaker_feature_group', 'aws_cloudwatch_log_group'];

/** An API jest's (modern) fake timers can replace, as the installed jest declares them. */
type FakeableApi = NonNullable<Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake']>[number];
/** Everything jest's fake timers can replace except `Date`. */
const NOT_THE_CLOCK: Array<Exclude<FakeableApi, 'Date'>> = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'];

/** The clouds each example rendered to, over all its entries (filled while the suites below are collected). */
const clouds = new Map<string, Set<string>>();

describe.each(EXAMPLES.map((e) => [`${e.example} (${e.engine})`, e] as const))('%s', (_n, entry) => {
  const first = synth(entry);
  for (const r of first.rows) clouds.set(r.example, (clouds.get(r.example) ?? new Set()).add(r.cloud));

  test('each construct of ours renders resources, and no context lookup is left for the CLI', () => {
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows.filter((r) => Object.values(r.resources).reduce((a, b) => a + b, 0) === 0).map((r) => r.construct)).toEqual([]);
    if (entry.engine === 'aws-cdk') {
      // `cdk synth` must work without AWS credentials (the CLI resolves `missing` by calling AWS).
      const manifest = JSON.parse(fs.readFileSync(path.join(first.outdir, 'manifest.json'), 'utf8'));
      expect(manifest.missing ?? []).toEqual([]);
    }
  });

  test('synthesizes (AWS: with CloudFormation schema findings as errors) and twice, the second time in another year, gives byte-identical output', () => {
    expect(Object.keys(first.files).length).toBeGreaterThan(0);
    // Nothing may depend on the clock: a GitOps repo that commits the synthesized output would change every month.
    jest.useFakeTimers({ now: new Date('2031-07-15T12:00:00Z'), doNotFake: NOT_THE_CLOCK });
    try {
      expect(new Date().getUTCFullYear()).toBe(2031);
      // The schema check passed on the first output; the second only has to be the same bytes.
      expect(synth(entry, false).files).toEqual(first.files);
    } finally {
      jest.useRealTimers();
    }
  });

  test('logical ids / Terraform addresses are stable', () => {
    const key = `${entry.example} (${entry.engine})`;
    const current = addresses(first.files);
    const committed = fs.existsSync(ADDRESSES_FILE) ? JSON.parse(fs.readFileSync(ADDRESSES_FILE, 'utf8')) : {};
    if (process.env.UPDATE_ADDRESSES) {
      committed[key] = current;
      const sorted = Object.fromEntries(Object.keys(committed).sort().map((k) => [k, committed[k]]));
      fs.writeFileSync(ADDRESSES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
    }
    expect(current).toEqual(committed[key]);
  });

  test('stateful resources are retained or deletion-protected by default', () => {
    const unprotected: string[] = [];
    for (const [f, text] of Object.entries(first.files)) {
      const json = JSON.parse(text);
      if (f.endsWith('.template.json')) {
        for (const [id, r] of Object.entries<any>(json.Resources ?? {})) {
          if (STATEFUL_AWS.includes(r.Type) && r.DeletionPolicy !== 'Retain') unprotected.push(`${f}: ${id} (${r.Type})`);
        }
      } else {
        for (const type of STATEFUL_TF) {
          for (const [id, r] of Object.entries<any>(json.resource?.[type] ?? {})) {
            if (r.view) continue; // a BigQuery view holds no data
            // An endpoint's workspace holds serving configuration the construct recreates; a feature store's holds the feature registry.
            if (type === 'azurerm_machine_learning_workspace' && r.kind !== 'FeatureStore') continue;
            const kept = r.lifecycle?.prevent_destroy === true || r.deletion_protection === true;
            if (!kept) unprotected.push(`${f}: ${type}.${id}`);
          }
        }
      }
    }
    expect(unprotected).toEqual([]);
  });
});

test.each(['llm-serving', 'gpu-training-pool', 'tenant-feature-store', 'multi-tenant-saas'])('%s covers AWS, GCP and Azure', (example) => {
  expect([...(clouds.get(example) ?? [])].sort()).toEqual(['aws', 'azure', 'gcp']);
});
