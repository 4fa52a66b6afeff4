/**
 * The bench's baselines (scripts/bench-replays.ts) rebuild the four constructs' output with the engine alone. Its
 * ratios mean something only if the rebuild is the same output, byte for byte, and is really written as a user
 * writes it: provider classes wired by references and dependsOn, aws-cdk-lib's typed L1 classes.
 */
import { CfnResource } from 'aws-cdk-lib/core';
import { CFN_REPLAY_DEFS, TF_REPLAY_DEFS } from '../scripts/bench-replays';
import { Accelerator } from '../src';
import { FOUR_ON_TERRAFORM, fourConstructs, synthAws, TfJson } from './util';

interface TfReplayed { readonly wired: string; readonly refs: number; readonly deps: number; readonly classDeps: number; readonly literal: string; readonly classes: number }
// The definitions are the source the bench's child processes run; `require` (jest's here) finds the loaded classes.
const replayTf = new Function('require', 'out', `${TF_REPLAY_DEFS}
  const classes = l1Classes();
  const a = new cdktf.TerraformStack(cdktf.Testing.app(), 'a'); replayL1(a, out, classes, tfOrder(out));
  const wiredOut = JSON.parse(cdktf.Testing.synth(a)); const counts = { ...wired };
  a.runAllValidations(); // what app.synth() checks: among others, that every resource's provider is declared
  const b = new cdktf.TerraformStack(cdktf.Testing.app(), 'b'); replayLiteral(b, out, classes);
  const classDeps = Object.entries(out.resource).filter(([t]) => classes.has(t)).flatMap(([, rs]) => Object.values(rs)).reduce((k, x) => k + (x.depends_on?.length ?? 0), 0);
  return { wired: sameAs(out, wiredOut), refs: counts.refs, deps: counts.deps, classDeps, literal: sameAs(out, JSON.parse(cdktf.Testing.synth(b))), classes: classes.size };`) as (r: NodeRequire, out: TfJson) => TfReplayed;

const replayAws = new Function('require', 'out', `${CFN_REPLAY_DEFS}
  const build = (f) => { const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } }); f(s); return app.synth().getStackByName('S').template; };
  const typedOut = build((s) => replayTyped(s, out)); const typedCount = typed;
  return { typed: sameAs(out, typedOut, 'typed'), typedCount, literal: sameAs(out, build((s) => replayCfn(s, out))) };`) as (r: NodeRequire, out: any) => { typed: string; typedCount: number; literal: string };

const count = (json: TfJson) => Object.values(json.resource).reduce((n, rs) => n + Object.keys(rs).length, 0)
  + Object.values(json.data ?? {}).reduce((n, rs) => n + Object.keys(rs).length, 0);

test.each(FOUR_ON_TERRAFORM)('%s: provider classes wired by references and dependsOn reproduce the output', (_cloud, synth) => {
  const out = synth();
  const n = count(out);
  const r = replayTf(require, out);
  expect(r.classes).toBeGreaterThan(5);
  // and every provider block with its required_providers entry: a cdktf program must declare them (synth
  // validates that each resource has its provider)
  const p = Object.keys(out.provider ?? {}).length;
  expect(p).toBeGreaterThan(0);
  expect(r.wired).toBe(`provider classes, ${n}/${n} resources and ${p}/${p} providers identical`);
  expect(r.literal).toBe(`provider classes, ${n}/${n} resources and ${p}/${p} providers identical`);
  // every reference to a resource of the output that the library wrote as an interpolation
  const refs = JSON.stringify(out.resource).match(/\$\{(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z0-9_]+\}/g) ?? [];
  expect(r.refs).toBeGreaterThan(refs.length / 2);
  // every depends_on of a resource written with a provider class (a bare azapi / awscc resource keeps it raw)
  expect(r.deps).toBe(r.classDeps);
  expect(r.deps).toBeGreaterThan(0);
});

test('AWS: typed L1 classes wired by Ref / GetAtt / DependsOn reproduce the template', () => {
  const out = synthAws((s) => fourConstructs(s, '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', Accelerator.NVIDIA_L4, true)).toJSON();
  const n = Object.keys(out.Resources).length;
  const r = replayAws(require, out);
  expect(r.typedCount).toBe(n);
  expect(r.typed).toBe(`typed, ${n}/${n} resources identical`);
  expect(r.literal).toBe(`CfnResource per resource, ${n}/${n} resources identical`);
});

test('AWS: typed L1 classes at the library\'s construct paths reproduce the template with the same logical IDs', () => {
  const paths: Record<string, string[]> = {};
  const t = synthAws((s) => {
    fourConstructs(s, '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1', Accelerator.NVIDIA_L4, true);
    // after synth (aspects have run), each resource's logical ID and path
    s.node.addValidation({ validate: () => { for (const c of s.node.findAll()) if (CfnResource.isCfnResource(c)) paths[s.resolve(c.logicalId)] = c.node.path.split('/').slice(1); return []; } });
  });
  const out = t.toJSON();
  const n = Object.keys(out.Resources).length;
  expect(Object.keys(paths)).toHaveLength(n);
  const replayed = new Function('require', 'out', 'paths', `${CFN_REPLAY_DEFS}
    const app = new core.App(); const s = new core.Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    replayTree(s, out, paths); return sameAs(out, app.synth().getStackByName('S').template, 'tree');`)(require, out, paths);
  expect(replayed).toBe(`tree, ${n}/${n} resources identical`);
});
