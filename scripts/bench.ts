/**
 * Benchmarks, measured side by side in one run (child processes; median of BENCH_RUNS):
 *  1. load: require the library + synth one endpoint vs the engine alone (the same aws-cdk-lib / cdktf / deep provider
 *     modules, synthesizing the same resources written raw);
 *  2. synth overhead: the four constructs on one cloud vs the same resources written as raw L1 / Terraform resources
 *     (a replay of our own output), both with modules loaded;
 *  3. scale: N SecureTenants with an endpoint each, per cloud (N = 10, 100, 1000; BENCH_SCALE to change): time and
 *     peak RSS (AWS: 10 tenants per stack, under CloudFormation's 500-resource limit).
 * Writes bench/results.md.
 *
 *   npm run bench
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALE = (process.env.BENCH_SCALE ?? '10,100,1000').split(',').map(Number);
const LIB = JSON.stringify(path.join(ROOT, 'lib'));

/** Replays Terraform JSON `out` as raw resources and data sources of the same types and synthesizes it. */
const TF_REPLAY = `const cdktf = require('cdktf');
  class Raw extends cdktf.TerraformResource { constructor(s, id, type, attrs) { super(s, id, { terraformResourceType: type }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
  class RawData extends cdktf.TerraformDataSource { constructor(s, id, type, attrs) { super(s, id, { terraformResourceType: type }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
  const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x');
  for (const [type, rs] of Object.entries(out.resource ?? {})) for (const [id, a] of Object.entries(rs)) new Raw(s, id, type, a);
  for (const [type, rs] of Object.entries(out.data ?? {})) for (const [id, a] of Object.entries(rs)) new RawData(s, 'd-' + id, type, a);
  cdktf.Testing.synth(s);`;

const TARGETS = {
  gcp: "new lib.tfgcp.GcpTarget({ project: 'p', region: 'us-central1', billingAccount: '012345-6789AB-CDEF01' })",
  azure: "new lib.tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'rg' })",
  awstf: "new lib.tfaws.AwsTfTarget({ region: 'us-east-1' })",
};
type TfCloud = keyof typeof TARGETS;
const IMAGE = { aws: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', awstf: '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', gcp: 'us-docker.pkg.dev/p/r/x:1', azure: 'acr.azurecr.io/x:1' };
const ACC = { aws: 'NVIDIA_L4', awstf: 'NVIDIA_L4', gcp: 'NVIDIA_L4', azure: 'NVIDIA_T4' };

/**
 * Load scenarios. `library` requires the package and synthesizes one endpoint. The engine baseline loads exactly
 * the engine modules the library run loaded (recorded by a probe run) and synthesizes the same resources written
 * as raw resources, so the ratio is the library's own cost: its modules, its logic, nothing else.
 */
const load = {
  'AWS (aws-cdk-lib)': {
    library: `const lib = require(${LIB}); const core = require('aws-cdk-lib/core');
      const app = new core.App(); const s = new core.Stack(app, 'S');
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: '${IMAGE.aws}' }) }); const out = app.synth().getStackByName('S').template;`,
    replay: `const core = require('aws-cdk-lib/core'); const app = new core.App(); const s = new core.Stack(app, 'S');
      for (const [id, r] of Object.entries(out.Resources)) { const c = new core.CfnResource(s, id, { type: r.Type, properties: r.Properties }); c.overrideLogicalId(id); }
      app.synth();`,
  },
  'GCP (cdktf + google deep modules)': {
    library: `const lib = require(${LIB}); const cdktf = require('cdktf');
      const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'g'); lib.Target.bind(s, ${TARGETS.gcp});
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: '${IMAGE.gcp}' }) }); const out = JSON.parse(cdktf.Testing.synth(s));`,
    replay: TF_REPLAY,
  },
  'Azure (cdktf + azurerm deep modules)': {
    library: `const lib = require(${LIB}); const cdktf = require('cdktf');
      const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'a'); lib.Target.bind(s, ${TARGETS.azure});
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: '${IMAGE.azure}' }), accelerator: lib.Accelerator.NVIDIA_T4 });
      const out = JSON.parse(cdktf.Testing.synth(s));`,
    replay: TF_REPLAY,
  },
  'AWS (cdktf + aws deep modules)': {
    library: `const lib = require(${LIB}); const cdktf = require('cdktf');
      const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'w'); lib.Target.bind(s, ${TARGETS.awstf});
      new lib.InferenceEndpoint(s, 'Ep', { model: lib.ModelSource.container({ image: '${IMAGE.awstf}' }) }); const out = JSON.parse(cdktf.Testing.synth(s));`,
    replay: TF_REPLAY,
  },
};

/** Engine modules (files under node_modules) loaded by `body`, and its output `out`, recorded by a probe run. */
function probe(body: string): { modules: string[]; out: any } {
  const script = `${body}
    const modules = Object.keys(require.cache).filter((f) => /node_modules[\\/](aws-cdk-lib|cdktf|@cdktf|constructs)[\\/]/.test(f));
    process.stdout.write(JSON.stringify({ modules, out }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }));
}

/** The engine alone: load the recorded modules, then synthesize the recorded output as raw resources. */
function engineBody(p: { modules: string[]; out: any }, replay: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'probe.json');
  fs.writeFileSync(file, JSON.stringify(p));
  return `const probe = JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
    for (const m of probe.modules) require(m);
    const out = probe.out; ${replay}`;
}

/** The four constructs on one scope (body of a function of `s`). */
const four = (cloud: 'aws' | TfCloud) => `
  const t = new lib.SecureTenant(s, 'T', { tenantId: 'acme' });
  new lib.InferenceEndpoint(s, 'Ep', { tenant: t, model: lib.ModelSource.container({ image: '${IMAGE[cloud]}' }), accelerator: lib.Accelerator.${ACC[cloud]} });
  new lib.GpuPool(s, 'Pool', { tenant: t, accelerator: lib.Accelerator.${ACC[cloud]}, maxNodes: 2 });
  new lib.FeatureStore(s, 'Fs', { tenant: t, onlineStore: ${cloud !== 'gcp'}, featureGroups: [{ name: 'customers', recordIdentifier: 'id', eventTime: 'ts',
    features: [{ name: 'id', type: lib.FeatureType.STRING }, { name: 'ts', type: lib.FeatureType.TIMESTAMP }, { name: 'ltv', type: lib.FeatureType.FLOAT }] }] });`;

/** Times `library` (build + synth with our constructs) against `raw` (the same resources replayed as raw resources). */
const overhead = {
  AWS: `const lib = require(${LIB}); const core = require('aws-cdk-lib/core');
    const lib1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } }); ${four('aws')} return app.synth().getStackByName('S').template; };
    const tpl = lib1();
    const raw1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      for (const [id, r] of Object.entries(tpl.Resources)) { const c = new core.CfnResource(s, id, { type: r.Type, properties: r.Properties }); c.overrideLogicalId(id); }
      app.synth(); };
    raw1();`,
  'GCP': tfOverhead('gcp'),
  'Azure': tfOverhead('azure'),
  'AWS (Terraform)': tfOverhead('awstf'),
};
function tfOverhead(cloud: TfCloud): string {
  return `const lib = require(${LIB}); const cdktf = require('cdktf');
    const lib1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); lib.Target.bind(s, ${TARGETS[cloud]}); ${four(cloud)} return JSON.parse(cdktf.Testing.synth(s)); };
    const json = lib1();
    class Raw extends cdktf.TerraformResource { constructor(s, id, type, attrs) { super(s, id, { terraformResourceType: type }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
    const raw1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x');
      for (const [type, rs] of Object.entries(json.resource)) for (const [id, a] of Object.entries(rs)) new Raw(s, id, type, a);
      cdktf.Testing.synth(s); };
    raw1();`;
}

function measure(body: string, env: Record<string, string> = {}): any {
  const script = `const t0 = process.hrtime.bigint(); ${body}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const timed = (f) => { const a = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - a) / 1e6; };
    const extra = typeof lib1 === 'function' ? { libMs: [0, 1, 2].map(() => timed(lib1)).sort((a, b) => a - b)[1], rawMs: [0, 1, 2].map(() => timed(raw1)).sort((a, b) => a - b)[1] } : {};
    process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, ...extra }));`;
  return JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', '-e', script], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'],
  }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lines = [
  `# Benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${RUNS} child processes)`,
  '',
  'Library = the compiled package (lib/), loaded as users load it. Other work may share the 2 cores: compare ratios, not absolutes.',
  '',
  '## Load: require + synth one endpoint vs the engine alone (goal: AWS ≤ 1.05×, Terraform ≤ 1.10×, time and peak RSS)',
  '',
  '| scenario | engine alone: time / peak RSS | library + 1 endpoint: time / peak RSS | ratio time / RSS |',
  '|---|---|---|---|',
];
for (const [name, s] of Object.entries(load)) {
  const engine = engineBody(probe(s.library), s.replay);
  const e: any[] = [];
  const l: any[] = [];
  for (let i = 0; i < RUNS; i++) { // interleaved, so background load affects both alike
    e.push(measure(engine));
    l.push(measure(s.library));
  }
  const [em, er, lm, lr] = [median(e.map((x) => x.ms)), median(e.map((x) => x.rssMb)), median(l.map((x) => x.ms)), median(l.map((x) => x.rssMb))];
  lines.push(`| ${name} | ${em.toFixed(0)} ms / ${er.toFixed(0)} MB | ${lm.toFixed(0)} ms / ${lr.toFixed(0)} MB | ${(lm / em).toFixed(2)}× / ${(lr / er).toFixed(2)}× |`);
}
lines.push('', '## Synth overhead: the four constructs vs the same resources as raw L1 / Terraform resources (goal ≤ 1.10×)', '',
  '| cloud | library build + synth | raw resources build + synth | ratio |', '|---|---|---|---|');
const overheadRows: Array<[string, string, Record<string, string>]> = [
  ...Object.entries(overhead).map(([n, b]) => [n, b, {}] as [string, string, Record<string, string>]),
  // aws-cdk-lib 2.27x validates every template against the CloudFormation schema at synth (WASM); show its share.
  ['AWS, built-in CloudFormation validation off (CDK_VALIDATION=false)', overhead.AWS, { CDK_VALIDATION: 'false' }],
];
for (const [name, body, env] of overheadRows) {
  const runs = Array.from({ length: RUNS }, () => measure(body, env));
  const [lm, rm] = [median(runs.map((x) => x.libMs)), median(runs.map((x) => x.rawMs))];
  lines.push(`| ${name} | ${lm.toFixed(0)} ms | ${rm.toFixed(0)} ms | ${(lm / rm).toFixed(2)}× |`);
}
lines.push('', '## Scale: N SecureTenants with an endpoint each (one process per cell)', '', `| cloud | ${SCALE.map((n) => `N=${n}: time / peak RSS`).join(' | ')} |`, `|---|${SCALE.map(() => '---').join('|')}|`);
const scale = {
  AWS: (n: number) => `const lib = require(${LIB}); const core = require('aws-cdk-lib/core'); const app = new core.App();
    for (let i = 0; i < ${n}; i++) { const s = core.Stack.of(app.node.tryFindChild('S' + Math.floor(i / 10)) ?? new core.Stack(app, 'S' + Math.floor(i / 10), { env: { account: '123456789012', region: 'us-east-1' } }));
      const t = new lib.SecureTenant(s, 'T' + i, { tenantId: 't' + i + 'x' }); new lib.InferenceEndpoint(s, 'E' + i, { tenant: t, model: lib.ModelSource.container({ image: '${IMAGE.aws}' }) }); }
    app.synth();`,
  'GCP': (n: number) => tfScale('gcp', n),
  'Azure': (n: number) => tfScale('azure', n),
  'AWS (Terraform)': (n: number) => tfScale('awstf', n),
};
/** One stack with N tenants + endpoints, synthesized with app.synth() as `cdktf synth` does (cdktf's Testing.synth
 * re-sorts every object with a quadratic spread and would dominate at N = 1000). */
function tfScale(cloud: TfCloud, n: number): string {
  const outdir = JSON.stringify(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-')));
  return `const lib = require(${LIB}); const cdktf = require('cdktf'); const app = new cdktf.App({ outdir: ${outdir} }); const s = new cdktf.TerraformStack(app, 'x'); lib.Target.bind(s, ${TARGETS[cloud]});
    for (let i = 0; i < ${n}; i++) { const t = new lib.SecureTenant(s, 'T' + i, { tenantId: 't' + i + 'x' });
      new lib.InferenceEndpoint(s, 'E' + i, { tenant: t, model: lib.ModelSource.container({ image: '${IMAGE[cloud]}' }), accelerator: lib.Accelerator.${ACC[cloud]} }); }
    app.synth();`;
}
for (const [name, f] of Object.entries(scale)) {
  const cells = SCALE.map((n) => {
    const r = measure(f(n));
    return `${(r.ms / 1000).toFixed(1)} s / ${r.rssMb.toFixed(0)} MB`;
  });
  lines.push(`| ${name} | ${cells.join(' | ')} |`);
}
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
