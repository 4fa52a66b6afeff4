/**
 * Benchmarks, measured side by side in one run (child processes; median of BENCH_RUNS, and of BENCH_LOAD_RUNS pairs for load):
 *  1. load: require the library + synth one endpoint vs the engine alone (the same aws-cdk-lib / cdktf / deep provider
 *     modules, synthesizing the same resources written raw);
 *  2. synth overhead: the four constructs on one cloud vs the same resources written as raw L1 / Terraform resources
 *     (a replay of our own output), both with modules loaded;
 *  3. scale: N SecureTenants with an endpoint each, per cloud (N = 10, 100, 1000; BENCH_SCALE to change): time and
 *     peak RSS (AWS: 10 tenants per stack, under CloudFormation's 500-resource limit); and one FeatureStore group of
 *     F features (F = 250, 1000, 2500, the most SageMaker allows; BENCH_FEATURES to change; median of BENCH_RUNS).
 * Writes bench/results.md.
 *
 *   npm run bench
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CFN_REPLAY_DEFS, TF_REPLAY_DEFS } from './bench-replays';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * Pairs per load row (BENCH_LOAD_RUNS; default 15, and never fewer than BENCH_RUNS). A load run is one cold process,
 * and on AWS most of it is aws-cdk-lib's WASM validation engine starting, whose time varies by ±10% from one process
 * to the next on either side: one run's ratio spans about 0.95–1.25, so a median of 3–7 runs lands anywhere in that.
 */
const LOAD_RUNS = Math.max(RUNS, Number(process.env.BENCH_LOAD_RUNS ?? 15));
/**
 * Rounds per synth-overhead run (BENCH_REPS), each timing every variant once (with 7, one run's AWS ratio could land
 * anywhere in 1.16–1.44).
 */
const REPS = Number(process.env.BENCH_REPS ?? 15);
const SCALE = (process.env.BENCH_SCALE ?? '10,100,1000').split(',').map(Number);
const FEATURES = (process.env.BENCH_FEATURES ?? '250,1000,2500').split(',').map(Number);
/** BENCH_SECTIONS=load,overhead,scale (default: all); bench/results.md is written only when every section ran. */
const SECTIONS = (process.env.BENCH_SECTIONS ?? 'load,overhead,scale').split(',');
/** BENCH_ROWS=<regex>: only the rows whose name matches (e.g. `GCP|Azure`); bench/results.md is then not written. */
const ROWS = new RegExp(process.env.BENCH_ROWS ?? '');
const LIB = JSON.stringify(path.join(ROOT, 'lib'));

const CFN_REPLAY = `${CFN_REPLAY_DEFS}
  const app = new core.App(); const s = new core.Stack(app, 'S'); replayCfn(s, out); const replayed = app.synth().getStackByName('S').template;`;

/** The engine alone, written with the provider classes: replays `out` and synthesizes it. */
const TF_REPLAY = `${TF_REPLAY_DEFS}
  const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); replayLiteral(s, out);
  const replayed = JSON.parse(cdktf.Testing.synth(s));`;
/** Appended to either replay (untimed runs only): how faithfully it reproduced the library's output. */
const CHECK = 'var check = sameAs(out, replayed);';

const TARGETS = {
  gcp: "new lib.tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1', billingAccount: '012345-6789AB-CDEF01' })",
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
    replay: CFN_REPLAY,
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
function probe(body: string, env: Record<string, string> = {}): { modules: string[]; out: any } {
  const script = `${body}
    const modules = Object.keys(require.cache).filter((f) => /node_modules[\\/](aws-cdk-lib|cdktf|@cdktf|constructs)[\\/]/.test(f));
    process.stdout.write(JSON.stringify({ modules, out }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] }));
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
  AWS: `const lib = require(${LIB}); ${CFN_REPLAY_DEFS}
    let lastStack; // the stack of the latest library run (the untimed one below reads its construct paths)
    const lib1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } }); lastStack = s; ${four('aws')} return app.synth().getStackByName('S').template; };
    // One untimed library run records its acknowledgements (the rule; the resource, by logical id, or stack it is on;
    // the construct path it is on) and each resource's construct path.
    const acks = []; const ackFn = core.Validations.prototype.acknowledge;
    core.Validations.prototype.acknowledge = function (...rules) { const c = core.CfnResource.isCfnResource(this.scope) ? this.scope : this.scope.node.defaultChild;
      for (const r of rules) acks.push([c && core.CfnResource.isCfnResource(c) ? c : undefined, r, this.scope.node.path.split('/').slice(1)]); return ackFn.apply(this, rules); };
    const tpl = lib1(); core.Validations.prototype.acknowledge = ackFn;
    const ackAt = acks.map(([c, r]) => [c ? c.stack.resolve(c.logicalId) : undefined, r]);
    const paths = {}; for (const c of lastStack.node.findAll()) if (core.CfnResource.isCfnResource(c)) paths[lastStack.resolve(c.logicalId)] = c.node.path.split('/').slice(1);
    const tree1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      replayTree(s, tpl, paths, classes, order);
      for (const [, r, p] of acks) core.Validations.of(scopeAt(s, p)).acknowledge(r);
      return app.synth().getStackByName('S').template; };
    const classes = cfnClasses(); const order = cfnOrder(tpl);
    const raw1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      replayTyped(s, tpl, classes, order); return app.synth().getStackByName('S').template; };
    const floor1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      replayTyped(s, tpl, classes, order);
      for (const [id, r] of ackAt) core.Validations.of(id ? s.node.findChild(id) : s).acknowledge(r);
      return app.synth().getStackByName('S').template; };
    const lit1 = () => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
      replayCfn(s, tpl); return app.synth().getStackByName('S').template; };
    var check = sameAs(tpl, raw1(), 'typed L1 classes') + ' (' + typed + ' typed); literal: ' + sameAs(tpl, lit1())
      + '; floor: ' + sameAs(tpl, floor1(), 'typed L1 classes') + ' + ' + ackAt.length + ' acknowledgements'
      + '; tree floor: ' + sameAs(tpl, tree1(), 'typed L1 classes at the construct paths of the library') + ' + the same acknowledgements';`,
  'GCP': tfOverhead('gcp'),
  'Azure': tfOverhead('azure'),
  'AWS (Terraform)': tfOverhead('awstf'),
};
function tfOverhead(cloud: TfCloud): string {
  return `const lib = require(${LIB}); ${TF_REPLAY_DEFS}
    const lib1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); lib.Target.bind(s, ${TARGETS[cloud]}); ${four(cloud)} return JSON.parse(cdktf.Testing.synth(s)); };
    const json = lib1(); const classes = l1Classes(); const order = tfOrder(json);
    const raw1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); replayL1(s, json, classes, order); return JSON.parse(cdktf.Testing.synth(s)); };
    const lit1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); replayLiteral(s, json, classes); return JSON.parse(cdktf.Testing.synth(s)); };
    const floor1 = () => { const s = new cdktf.TerraformStack(cdktf.Testing.app(), 'x'); replayRaw(s, json); cdktf.Testing.synth(s); };
    var check = sameAs(json, raw1(), 'provider classes') + ' (' + wired.refs + ' references, ' + wired.deps + ' dependsOn wired); literal: ' + sameAs(json, lit1(), 'provider classes');`;
}

function measure(body: string, env: Record<string, string> = {}): any {
  const script = `const t0 = process.hrtime.bigint(); ${body}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const timed = (f) => { const a = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - a) / 1e6; };
    // Overhead: two warm-up rounds, then ${REPS} rounds timing each variant once, back to back. The order rotates
    // from round to round, so no variant always follows the one whose garbage the collector is still clearing.
    // Each round is kept: its variants ran within a second of each other, so their ratio is free of the drift
    // between rounds (other work on the machine, CPU frequency) that a ratio of separate medians picks up.
    const variants = typeof lib1 === 'function' ? Object.entries({ libMs: lib1, rawMs: raw1, litMs: typeof lit1 === 'function' ? lit1 : undefined,
      floorMs: typeof floor1 === 'function' ? floor1 : undefined, treeMs: typeof tree1 === 'function' ? tree1 : undefined }).filter(([, f]) => f) : [];
    const rounds = [];
    for (let round = 0; round < ${REPS} + 2; round++) {
      const r = {};
      for (let i = 0; i < variants.length; i++) { const [k, f] = variants[(i + round) % variants.length]; r[k] = timed(f); }
      if (round >= 2) rounds.push(r);
    }
    const extra = Object.fromEntries(variants.map(([k]) => [k, rounds.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)]]));
    process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, check: typeof check === 'undefined' ? undefined : check, ...extra, rounds: variants.length ? rounds : undefined }));`;
  return JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', '-e', script], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'],
  }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The lowest and highest of the runs' own ratios: how far one run of the bench can land from the median. */
const spread = (ratios: number[]) => `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;

/** Runs a load scenario's engine body once more, untimed, to report how faithful its replay is. */
function replayCheck(engine: string, env: Record<string, string>): string {
  return measure(`${engine}\n${CHECK}`, env).check;
}

const lines = [
  `# Benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${RUNS} child processes; load rows: ${LOAD_RUNS} pairs)`,
  '',
  'Library = the compiled package (lib/), loaded as users load it. Other work may share the 2 cores: compare ratios, not absolutes.',
  '',
  '## Load: require + synth one endpoint vs the engine alone (goal: AWS ≤ 1.05×, Terraform ≤ 1.10×, time and peak RSS)',
  '',
  'Engine alone = the engine modules the library run loaded, synthesizing the same output written as the engine\'s own',
  'resources: aws-cdk-lib `CfnResource`s; for Terraform, the provider classes (`new CloudRunV2Service(...)`) with the',
  'output turned back into their config; references as literal `${...}` strings / `Ref` objects (the cheapest way to',
  'write them: the "literal" replay of the overhead table). Checked to reproduce the output.',
  '',
  '| scenario | engine alone: time / peak RSS | library + 1 endpoint: time / peak RSS | ratio time / RSS | time ratio, each run: min–max | replay |',
  '|---|---|---|---|---|---|',
];
/** Load rows; AWS also without aws-cdk-lib's CloudFormation validation, whose WASM start-up (~1.5 s, the same on both
 * sides) otherwise dominates and adds its noise to the AWS ratio. */
const loadRows: Array<[string, { library: string; replay: string }, Record<string, string>]> = [
  ...Object.entries(load).map(([n, x]) => [n, x, {}] as [string, { library: string; replay: string }, Record<string, string>]),
  ['AWS (aws-cdk-lib), CloudFormation validation off (CDK_VALIDATION=false)', load['AWS (aws-cdk-lib)'], { CDK_VALIDATION: 'false' }],
];
for (const [name, s, env] of SECTIONS.includes('load') ? loadRows.filter(([n]) => ROWS.test(n)) : []) {
  const engine = engineBody(probe(s.library, env), s.replay);
  const e: any[] = [];
  const l: any[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) { // interleaved, so background load affects both alike; each side goes first in turn
    if (i % 2 === 0) {
      e.push(measure(engine, env));
      l.push(measure(s.library, env));
    } else {
      l.push(measure(s.library, env));
      e.push(measure(engine, env));
    }
  }
  const [em, er, lm, lr] = [median(e.map((x) => x.ms)), median(e.map((x) => x.rssMb)), median(l.map((x) => x.ms)), median(l.map((x) => x.rssMb))];
  lines.push(`| ${name} | ${em.toFixed(0)} ms / ${er.toFixed(0)} MB | ${lm.toFixed(0)} ms / ${lr.toFixed(0)} MB | ${(lm / em).toFixed(2)}× / ${(lr / er).toFixed(2)}× | ${spread(l.map((x, i) => x.ms / e[i].ms))} | ${replayCheck(engine, env)} |`);
}
lines.push('', '## Synth overhead: the four constructs vs the same resources hand-written as L1 / provider resources (goal ≤ 1.10×)', '',
  `Modules loaded and warm; ${REPS} rounds per run, each timing every variant once, back to back, in an order that`,
  'rotates from round to round. Times are medians over the runs of each run\'s median; ratios are medians of the',
  `rounds' own ratios over all ${RUNS} × ${REPS} rounds (each run's median ratio: min–max), so drift between rounds`,
  '(other work on the machine, CPU frequency) cancels out of them. Hand-written =',
  'the same resources written as a user writes them with the engine alone: aws-cdk-lib\'s typed L1 classes (`CfnBucket`),',
  'or the Terraform provider classes (`new ContainerCluster(...)`), wired to each other by references (`bucket.attrArn`,',
  '`network.id`) and dependencies (`dependsOn`), and checked to reproduce the output byte for byte. Literal = the same',
  'classes (Terraform) or a generic `CfnResource` per resource (AWS) given the output as is, references as literal',
  '`${...}` strings / `Ref` objects: a program nobody writes, which shows what wiring costs. Floor (Terraform) = every',
  'resource as a bare `TerraformResource` returning its JSON: cdktf with none of the provider classes\' own work (each',
  'builds an output reference per nested block, and cdktf captures a full stack trace for each). Floor (AWS) = the',
  'hand-written L1s plus the compliance acknowledgements the library records (the same rule ids on the same resources,',
  'through aws-cdk-lib\'s `Validations` API, which captures a stack trace for each): the least a library written entirely',
  'in L1s could cost while keeping them. Tree floor (AWS) = the floor with each L1 at the construct path the library gives',
  'it (plain constructs above it), as an L1-only library must place them to keep every logical ID of its existing stacks',
  'and every path-based suppression of its users: the least such a rewrite could cost.',
  '',
  '| cloud | library build + synth | hand-written build + synth | ratio | ratio, each run: min–max | replays | literal | library / literal | floor | library / floor | floor / hand-written | tree floor | tree floor / hand-written |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
const overheadRows: Array<[string, string, Record<string, string>]> = [
  ...Object.entries(overhead).map(([n, b]) => [n, b, {}] as [string, string, Record<string, string>]),
  // aws-cdk-lib 2.27x validates every template against the CloudFormation schema at synth (WASM); show its share.
  ['AWS, built-in CloudFormation validation off (CDK_VALIDATION=false)', overhead.AWS, { CDK_VALIDATION: 'false' }],
];
for (const [name, body, env] of SECTIONS.includes('overhead') ? overheadRows.filter(([n]) => ROWS.test(n)) : []) {
  const runs = Array.from({ length: RUNS }, () => measure(body, env));
  const ms = (key: string) => median(runs.map((x) => x[key]));
  /** Each round's ratio of two variants in one run. */
  const roundRatios = (x: any, a: string, b: string): number[] => x.rounds.map((r: any) => r[a] / r[b]);
  /** The median, over every round of every run, of the round's ratio of two variants. */
  const ratio = (a: string, b: string) => `${median(runs.flatMap((x) => roundRatios(x, a, b))).toFixed(2)}×`;
  const other = (key: 'litMs' | 'floorMs') => (runs[0][key] === undefined ? '– | –' : `${ms(key).toFixed(1)} ms | ${ratio('libMs', key)}`);
  const floorRatio = runs[0].floorMs === undefined ? '–' : ratio('floorMs', 'rawMs');
  const tree = runs[0].treeMs === undefined ? '– | –' : `${ms('treeMs').toFixed(1)} ms | ${ratio('treeMs', 'rawMs')}`;
  const perRun = runs.map((x) => median(roundRatios(x, 'libMs', 'rawMs')));
  lines.push(`| ${name} | ${ms('libMs').toFixed(1)} ms | ${ms('rawMs').toFixed(1)} ms | ${ratio('libMs', 'rawMs')} | ${spread(perRun)} | ${runs[0].check} | ${other('litMs')} | ${other('floorMs')} | ${floorRatio} | ${tree} |`);
}
/** Milliseconds each step of `sizes` adds per unit (a tenant, a feature): about equal from step to step when growth is linear. */
const perAdded = (runs: Array<{ ms: number }>, sizes: number[]) => runs.slice(1).map((r, i) => ((r.ms - runs[i].ms) / (sizes[i + 1] - sizes[i])).toFixed(2)).join(' / ');
const steps = (sizes: number[]) => sizes.slice(1).map((n, i) => `${sizes[i]}→${n}`).join(' / ');
lines.push('', '## Scale: N SecureTenants with an endpoint each (one process per cell)', '',
  `| cloud | ${SCALE.map((n) => `N=${n}: time / peak RSS`).join(' | ')} | ms per added tenant, ${steps(SCALE)} |`, `|---|${SCALE.map(() => '---').join('|')}|---|`);
const scale = {
  AWS: (n: number) => `const lib = require(${LIB}); const core = require('aws-cdk-lib/core'); const app = new core.App();
    for (let i = 0; i < ${n}; i++) { const s = core.Stack.of(app.node.tryFindChild('S' + Math.floor(i / 10)) ?? new core.Stack(app, 'S' + Math.floor(i / 10), { env: { account: '123456789012', region: 'us-east-1' } }));
      const t = new lib.SecureTenant(s, 'T' + i, { tenantId: 't' + i + 'x' }); new lib.InferenceEndpoint(s, 'E' + i, { tenant: t, model: lib.ModelSource.container({ image: '${IMAGE.aws}' }) }); }
    app.synth();`,
  'GCP': (n: number) => tfScale('gcp', n),
  'Azure': (n: number) => tfScale('azure', n),
  'AWS (Terraform)': (n: number) => tfScale('awstf', n),
};
/** A program building `body` on a stack `s` bound to `cloud`'s target, synthesized with app.synth() as `cdktf synth`
 * does (cdktf's Testing.synth re-sorts every object with a quadratic spread and would dominate at N = 1000). */
function tfProgram(cloud: TfCloud, body: string): string {
  const outdir = JSON.stringify(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tf-')));
  return `const lib = require(${LIB}); const cdktf = require('cdktf'); const app = new cdktf.App({ outdir: ${outdir} }); const s = new cdktf.TerraformStack(app, 'x'); lib.Target.bind(s, ${TARGETS[cloud]});
    ${body}
    app.synth();`;
}
/** One stack with N tenants + endpoints. */
function tfScale(cloud: TfCloud, n: number): string {
  return tfProgram(cloud, `for (let i = 0; i < ${n}; i++) { const t = new lib.SecureTenant(s, 'T' + i, { tenantId: 't' + i + 'x' });
      new lib.InferenceEndpoint(s, 'E' + i, { tenant: t, model: lib.ModelSource.container({ image: '${IMAGE[cloud]}' }), accelerator: lib.Accelerator.${ACC[cloud]} }); }`);
}
for (const [name, f] of SECTIONS.includes('scale') ? Object.entries(scale).filter(([n]) => ROWS.test(n)) : []) {
  const runs = SCALE.map((n) => measure(f(n)));
  lines.push(`| ${name} | ${runs.map((r) => `${(r.ms / 1000).toFixed(1)} s / ${r.rssMb.toFixed(0)} MB`).join(' | ')} | ${perAdded(runs, SCALE)} |`);
}
lines.push('', `## Scale: one FeatureStore group of F features (median of ${RUNS} process${RUNS === 1 ? '' : 'es'} per cell)`, '',
  'On GCP each feature is its own Terraform resource (google_vertex_ai_feature_group_feature). Growth is linear when each step adds',
  'about as much time per feature as the one before (quadratic work would multiply it by the step).', '',
  `| cloud | ${FEATURES.map((n) => `F=${n}: time / peak RSS`).join(' | ')} | ms per added feature, ${steps(FEATURES)} |`,
  `|---|${FEATURES.map(() => '---').join('|')}|---|`);
/** A FeatureStore body of one group with `f` features (an id, an event time and f - 2 FLOATs), on a scope `s`. */
const featureStore = (f: number) => `new lib.FeatureStore(s, 'Store', { featureGroups: [{ name: 'wide', recordIdentifier: 'id', eventTime: 'ts',
  features: [{ name: 'id', type: lib.FeatureType.STRING }, { name: 'ts', type: lib.FeatureType.TIMESTAMP }, ...Array.from({ length: ${f} - 2 }, (_, i) => ({ name: 'feature_' + i, type: lib.FeatureType.FLOAT }))] }] });`;
const featureScale = {
  AWS: (f: number) => `const lib = require(${LIB}); const core = require('aws-cdk-lib/core');
    const app = new core.App({ outdir: ${JSON.stringify(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-features-')))} });
    const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } }); ${featureStore(f)} app.synth();`,
  'GCP': (f: number) => tfProgram('gcp', featureStore(f)),
  'Azure': (f: number) => tfProgram('azure', featureStore(f)),
  'AWS (Terraform)': (f: number) => tfProgram('awstf', featureStore(f)),
};
/** AWS also without aws-cdk-lib's CloudFormation validation, whose time grows faster than the template. */
const featureRows: Array<[string, (f: number) => string, Record<string, string>]> = [
  ...Object.entries(featureScale).map(([n, f]) => [n, f, {}] as [string, (f: number) => string, Record<string, string>]),
  ['AWS, CloudFormation validation off (CDK_VALIDATION=false)', featureScale.AWS, { CDK_VALIDATION: 'false' }],
];
for (const [name, f, env] of SECTIONS.includes('scale') ? featureRows.filter(([n]) => ROWS.test(n)) : []) {
  const runs = FEATURES.map((n) => {
    const xs = Array.from({ length: RUNS }, () => measure(f(n), env));
    return { ms: median(xs.map((x) => x.ms)), rssMb: median(xs.map((x) => x.rssMb)) };
  });
  lines.push(`| ${name} | ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s / ${r.rssMb.toFixed(0)} MB`).join(' | ')} | ${perAdded(runs, FEATURES)} |`);
}
if (['load', 'overhead', 'scale'].every((x) => SECTIONS.includes(x)) && process.env.BENCH_ROWS === undefined) {
  fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), lines.join('\n') + '\n');
}
console.log(lines.join('\n'));
