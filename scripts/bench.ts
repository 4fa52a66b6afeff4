/**
 * Load/synth benchmark, measured side by side in one run (child processes, median of N):
 *   engine alone  : require the engine modules a render needs + synth an empty stack
 *   library       : require ai-infra-constructs + render one InferenceEndpoint + synth
 * Writes bench/results.md. Full harness (synth overhead vs hand-written L1s, scale runs) is issue #8.
 *
 *   npm run bench
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The compiled package (lib/, written by `projen compile`), as users load it.
const LIB = JSON.stringify(path.join(ROOT, 'lib'));

const scenarios: Record<string, { engine: string; library: string }> = {
  'AWS (aws-cdk-lib)': {
    engine: `const { App, Stack } = require('aws-cdk-lib/core'); ['aws-sagemaker','aws-iam','aws-applicationautoscaling','aws-cloudwatch','aws-kms','aws-s3','aws-ec2'].forEach((m) => require('aws-cdk-lib/' + m));
      const app = new App(); new Stack(app, 'S'); app.synth();`,
    library: `const lib = require(${LIB}); const { App, Stack } = require('aws-cdk-lib/core');
      const app = new App(); const s = new Stack(app, 'S');
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1' }) }); app.synth();`,
  },
  'GCP (cdktf + google deep modules)': {
    engine: `const { Testing, TerraformStack } = require('cdktf'); ['cloud-run-v2-service','data-google-project','kms-crypto-key','kms-crypto-key-iam-member','kms-key-ring','service-account','provider','logging-project-bucket-config','logging-project-sink','data-google-logging-project-cmek-settings','vertex-ai-endpoint-with-model-garden-deployment'].forEach((m) => require('@cdktf/provider-google/lib/' + m));
      Testing.synth(new TerraformStack(Testing.app(), 'g'));`,
    library: `const lib = require(${LIB}); const { Testing, TerraformStack } = require('cdktf');
      const s = new TerraformStack(Testing.app(), 'g'); lib.Target.bind(s, new lib.tfgcp.GcpTarget({ project: 'p', region: 'us-central1' }));
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: 'us-docker.pkg.dev/p/r/x:1' }) }); Testing.synth(s);`,
  },
};

function measure(body: string): { ms: number; rssMb: number } {
  const script = `const t0 = process.hrtime.bigint(); ${body}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6; process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1048576 }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lines = [
  `# Benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${RUNS} child processes)`,
  '',
  'Library = the compiled package (lib/), loaded as users load it. Measured while other work may share the 2 cores: compare ratios, not absolutes.',
  '',
  '| scenario | engine alone: time / RSS | library + 1 endpoint: time / RSS | ratio time / RSS |',
  '|---|---|---|---|',
];
for (const [name, s] of Object.entries(scenarios)) {
  const e: Array<{ ms: number; rssMb: number }> = [];
  const l: Array<{ ms: number; rssMb: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    e.push(measure(s.engine));
    l.push(measure(s.library));
  }
  const [em, er, lm, lr] = [median(e.map((x) => x.ms)), median(e.map((x) => x.rssMb)), median(l.map((x) => x.ms)), median(l.map((x) => x.rssMb))];
  lines.push(`| ${name} | ${em.toFixed(0)} ms / ${er.toFixed(0)} MB | ${lm.toFixed(0)} ms / ${lr.toFixed(0)} MB | ${(lm / em).toFixed(2)}× / ${(lr / er).toFixed(2)}× |`);
}
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
