/**
 * Synthesizes every example for every cloud and prints a summary of resources per construct with cost estimates.
 * Output goes to examples/<name>/cdk.out and examples/<name>/cdktf.out (what `cdk synth` / `cdktf synth` write).
 *
 *   npm run examples
 */
import * as fs from 'fs';
import * as path from 'path';
import { App as CdkApp, CfnResource, Stack } from 'aws-cdk-lib/core';
import { App as TfApp, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { FeatureStore, GpuPool, InferenceEndpoint, SecureTenant } from '../src';

export interface ExampleEntry {
  readonly example: string;
  readonly engine: 'aws-cdk' | 'cdktf';
  readonly main: (app: any) => any;
}

export const EXAMPLES: ExampleEntry[] = [
  { example: 'llm-serving', engine: 'aws-cdk', main: require('../examples/llm-serving/main.aws-cdk').main },
  { example: 'llm-serving', engine: 'cdktf', main: require('../examples/llm-serving/main.tf').main },
  { example: 'existing-aws-stack', engine: 'aws-cdk', main: require('../examples/existing-aws-stack/main.aws-cdk').main },
  { example: 'existing-aws-stack', engine: 'cdktf', main: require('../examples/existing-aws-stack/main.tf').main },
  { example: 'gpu-training-pool', engine: 'aws-cdk', main: require('../examples/gpu-training-pool/main.aws-cdk').main },
  { example: 'gpu-training-pool', engine: 'cdktf', main: require('../examples/gpu-training-pool/main.tf').main },
  { example: 'tenant-feature-store', engine: 'aws-cdk', main: require('../examples/tenant-feature-store/main.aws-cdk').main },
  { example: 'tenant-feature-store', engine: 'cdktf', main: require('../examples/tenant-feature-store/main.tf').main },
  { example: 'multi-tenant-saas', engine: 'aws-cdk', main: require('../examples/multi-tenant-saas/main.aws-cdk').main },
  { example: 'multi-tenant-saas', engine: 'cdktf', main: require('../examples/multi-tenant-saas/main.tf').main },
];

export interface ConstructSummary {
  readonly example: string;
  readonly stack: string;
  readonly cloud: string;
  /** The target that rendered it (aws-cdk, tf-aws, tf-gcp, tf-azure). */
  readonly target: string;
  readonly construct: string;
  readonly resources: Record<string, number>;
  readonly monthlyUsdLow: number;
  readonly monthlyUsdHigh: number;
  readonly unpriced: number;
}

/** Synthesizes one example entry into `outdir` and summarises the constructs of ours it contains. */
export function synthExample(entry: ExampleEntry, outdir: string): ConstructSummary[] {
  const app = entry.engine === 'aws-cdk'
    ? entry.main(new CdkApp({ outdir }))
    : entry.main(new TfApp({ outdir, skipValidation: false }));
  app.synth();
  return summarizeApp(entry.example, app);
}

/** One row per construct of ours in a synthesized app: where it is, what it rendered and what it costs. */
export function summarizeApp(example: string, app: IConstruct): ConstructSummary[] {
  const out: ConstructSummary[] = [];
  for (const c of app.node.findAll() as IConstruct[]) {
    if (!(c instanceof InferenceEndpoint) && !(c instanceof GpuPool) && !(c instanceof FeatureStore) && !(c instanceof SecureTenant)) continue;
    const resources: Record<string, number> = {};
    for (const r of c.node.findAll()) {
      const type = r instanceof CfnResource ? r.cfnResourceType : r instanceof TerraformResource ? r.terraformResourceType : undefined;
      if (type) resources[type] = (resources[type] ?? 0) + 1;
    }
    const stack = c.node.scopes.find((s) => s !== c && (TerraformStack.isStack(s) || Stack.isStack(s)));
    out.push({
      example,
      stack: stack?.node.id ?? '?',
      cloud: c.target.cloud,
      target: c.target.targetName,
      construct: `${c.constructor.name} ${c.node.id}`,
      resources,
      monthlyUsdLow: c.estimatedMonthlyCost.monthlyUsdLow,
      monthlyUsdHigh: c.estimatedMonthlyCost.monthlyUsdHigh,
      unpriced: c.estimatedMonthlyCost.drivers.filter((d) => !d.priced).length,
    });
  }
  return out;
}

/** The compliance reports written beside the synth output of one example entry. */
export function complianceReports(entry: ExampleEntry, outdir: string): Array<{ stacks: Array<{ name: string; unacknowledgedFindings: number }>; acknowledged: unknown[] }> {
  const files = entry.engine === 'aws-cdk'
    ? [path.join(outdir, 'compliance-report.json')]
    : fs.readdirSync(path.join(outdir, 'stacks')).map((s) => path.join(outdir, 'stacks', s, 'compliance-report.json'));
  return files.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
}

function main(): void {
  const rows: ConstructSummary[] = [];
  const compliance = { stacks: 0, unacknowledged: 0, acknowledged: 0 };
  for (const e of EXAMPLES) {
    const outdir = path.join(__dirname, '..', 'examples', e.example, e.engine === 'aws-cdk' ? 'cdk.out' : 'cdktf.out');
    rows.push(...synthExample(e, outdir));
    for (const r of complianceReports(e, outdir)) {
      compliance.stacks += r.stacks.length;
      compliance.unacknowledged += r.stacks.reduce((s, x) => s + x.unacknowledgedFindings, 0);
      compliance.acknowledged += r.acknowledged.length;
    }
  }
  const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  console.log('| example | stack | target | construct | resources | est. monthly (USD) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const res = Object.entries(r.resources).sort().map(([t, n]) => `${t}×${n}`).join(', ');
    const total = Object.values(r.resources).reduce((a, b) => a + b, 0);
    const cost = `${usd(r.monthlyUsdLow)}–${usd(r.monthlyUsdHigh)}${r.unpriced ? ` (+${r.unpriced} unpriced)` : ''}`;
    console.log(`| ${r.example} | ${r.stack} | ${r.target} | ${r.construct} | ${total}: ${res} | ${cost} |`);
  }
  const clouds = new Set(rows.map((r) => r.cloud));
  const targets = new Set(rows.map((r) => r.target));
  console.log(`\n${rows.length} constructs synthesized across ${clouds.size} clouds (${[...clouds].join(', ')}) on ${targets.size} targets (${[...targets].join(', ')}); ` +
    `total ${usd(rows.reduce((s, r) => s + r.monthlyUsdLow, 0))}–${usd(rows.reduce((s, r) => s + r.monthlyUsdHigh, 0))} per month (priced items only).`);
  console.log(`Compliance: ${compliance.stacks} stacks checked (AWS CloudFormation: cdk-nag AwsSolutions + HIPAA.Security + AiInfra; GCP, Azure and AWS Terraform: rule engine), `
    + `${compliance.unacknowledged} unacknowledged findings, ${compliance.acknowledged} acknowledged with reasons (compliance-report.md beside each synth output).`);
}

if (require.main === module) main();
