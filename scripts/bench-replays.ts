/**
 * The bench's baselines: JavaScript source that rebuilds a synthesized output with the engine alone, run in the
 * bench's child processes (scripts/bench.ts) and checked by test/bench-replays.test.ts. Each definition needs
 * `require` in scope, and finds the engine classes among the modules already loaded (`require.cache`).
 */
/**
 * Terraform replays of a synthesized JSON `out` (code for the child processes).
 *  - `replayL1(s, out)`: the same resources "hand-written as provider resources", the baseline issue 8 sets: each
 *    resource as its provider class (`new ContainerCluster(s, id, {...})`, found among the provider modules loaded),
 *    with the attributes turned back into the class's camelCase config, wired as a cdktf program is written: a
 *    `${type.name.attr}` reference becomes the referenced object's attribute (`network.getStringAttribute('id')`,
 *    what the `network.id` getter returns) and `depends_on` becomes `dependsOn: [object]`, resources created in a
 *    flat loop in dependency order (computed once, outside the timed runs). Resources without a provider class
 *    (azapi, awscc) are written as bare resources, as a user would have to. The providers come first, each with its
 *    provider class (a bare provider with the same source and version where there is none): a cdktf program must
 *    declare them, since `app.synth()` fails on a resource whose provider is missing.
 *  - `replayLiteral(s, out)`: the same provider classes with every reference left as the literal `${...}` string
 *    and `depends_on` as a raw override: a program nobody writes, but it shows what the references cost.
 *  - `replayRaw(s, out)`: every resource as a bare TerraformResource that returns the JSON as is: the floor of what
 *    cdktf itself costs, with none of the provider classes' own work (their nested output references); its providers
 *    are bare too.
 *  - `sameAs(a, b)`: which replay this is and how many resources and providers (with their required_providers
 *    entries) of `a` the replay `b` reproduces byte for byte.
 */
export const TF_REPLAY_DEFS = `const cdktf = require('cdktf');
  class Raw extends cdktf.TerraformResource { constructor(s, id, type, attrs) { super(s, id, { terraformResourceType: type }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
  class RawData extends cdktf.TerraformDataSource { constructor(s, id, type, attrs) { super(s, id, { terraformResourceType: type }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
  class RawProvider extends cdktf.TerraformProvider { constructor(s, id, type, req, attrs) { super(s, id, { terraformResourceType: type, terraformProviderSource: req?.source, terraformGeneratorMetadata: { providerName: type, providerVersionConstraint: req?.version } }); this.attrs = attrs; } synthesizeAttributes() { return this.attrs; } }
  const l1Classes = () => { const m = new Map();
    for (const f of Object.keys(require.cache)) { if (!/@cdktf[\\/]provider-[a-z]+[\\/]lib[\\/][^\\/]+[\\/]index\\.js$/.test(f)) continue;
      for (const v of Object.values(require.cache[f].exports)) if (typeof v === 'function' && v.tfResourceType && v.prototype instanceof cdktf.TerraformElement) m.set(v.tfResourceType, v); }
    return m; };
  const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
  const MAPS = new Set(['labels', 'tags', 'tags_all', 'resource_labels', 'user_labels', 'annotations', 'metadata', 'environment_variables', 'env', 'node_labels', 'parameters', 'variables', 'resource_tags']);
  const REF = /\\$\\{((?:data\\.)?[a-z0-9_]+\\.[A-Za-z0-9_-]+)\\.([a-z0-9_]+)\\}/g; let wired = { refs: 0, deps: 0 };
  const asIs = (x) => x;
  // Attributes -> the class's camelCase config; map attributes keep their keys; every string goes through \`sub\`.
  const keepKeys = (v, sub) => typeof v === 'string' ? sub(v) : Array.isArray(v) ? v.map((x) => keepKeys(x, sub))
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keepKeys(x, sub)])) : v;
  const conv = (v, key, sub = asIs) => typeof v === 'string' ? sub(v) : Array.isArray(v) ? v.map((x) => conv(x, undefined, sub))
    : v && typeof v === 'object' ? (MAPS.has(key) ? keepKeys(v, sub) : Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), conv(x, k, sub)]))) : v;
  // Every resource and data source of \`out\`, in its order; tfOrder: dependencies first, computed once outside the
  // timed runs (a hand-written program is already in that order).
  const tfItems = (out) => [['resource', ''], ['data', 'data.']].flatMap(([k, p]) => Object.entries(out[k] ?? {})
    .flatMap(([type, rs]) => Object.entries(rs).map(([id, a]) => ({ addr: p + type + '.' + id, k, type, id, a }))));
  const tfOrder = (out) => { const items = new Map(tfItems(out).map((x) => [x.addr, x])); const order = []; const seen = new Set();
    const visit = (addr) => { if (seen.has(addr)) return; seen.add(addr); const { a } = items.get(addr);
      for (const m of JSON.stringify(a).matchAll(REF)) if (items.has(m[1])) visit(m[1]); for (const d of a.depends_on ?? []) if (items.has(d)) visit(d); order.push(items.get(addr)); };
    for (const addr of items.keys()) visit(addr); return order; };
  // Builds \`items\` with the provider classes (bare resources for types without one). Wired: a reference to a resource
  // built earlier becomes its attribute token and depends_on becomes dependsOn; else both stay as written.
  const replay = (s, items, classes, wire) => { const made = new Map(); wired = { refs: 0, deps: 0 };
    const sub = wire ? (v) => v.replace(REF, (m, addr, attr) => { const r = made.get(addr); if (!r) return m; wired.refs++; return r.getStringAttribute(attr); }) : asIs;
    for (const { addr, k, type, id, a } of items) { const C = classes.get(type);
      const { depends_on, provider, lifecycle, ...rest } = a; const dependsOn = wire && C && depends_on?.every((d) => made.get(d)) ? depends_on.map((d) => made.get(d)) : undefined; wired.deps += dependsOn?.length ?? 0;
      const r = C ? new C(s, id, { ...conv(rest, undefined, sub), lifecycle: lifecycle && conv(lifecycle), dependsOn }) : new (k === 'data' ? RawData : Raw)(s, id, type, a); r.overrideLogicalId(id);
      if (depends_on && !dependsOn) r.addOverride('depends_on', depends_on); if (provider) r.addOverride('provider', provider); made.set(addr, r); } };
  // The providers of \`out\`, declared first as a program must (cdktf synth rejects a resource without its provider):
  // the provider class when there is one, else a bare provider with the same source and version.
  const replayProviders = (s, out, classes) => { for (const [type, configs] of Object.entries(out.provider ?? {})) configs.forEach((a, i) => {
    const id = i ? type + '_' + i : type; const C = classes?.get(type); if (C) new C(s, id, conv(a)); else new RawProvider(s, id, type, out.terraform?.required_providers?.[type], a); }); };
  const replayLiteral = (s, out, classes = l1Classes()) => { replayProviders(s, out, classes); replay(s, tfItems(out), classes, false); };
  const replayL1 = (s, out, classes = l1Classes(), order = tfOrder(out)) => { replayProviders(s, out, classes); replay(s, order, classes, true); };
  const replayRaw = (s, out) => { replayProviders(s, out);
    for (const { k, type, id, a } of tfItems(out)) { const r = new (k === 'data' ? RawData : Raw)(s, id, type, a); if (k === 'data') r.overrideLogicalId(id); } };
  const sameAs = (a, b, kind = 'provider classes') => { let same = 0, all = 0; for (const { k, type, id, a: x } of tfItems(a)) { all++; if (JSON.stringify(x) === JSON.stringify(b[k]?.[type]?.[id])) same++; }
    let pSame = 0, pAll = 0; for (const [type, x] of Object.entries(a.provider ?? {})) { pAll++; if (JSON.stringify(x) === JSON.stringify(b.provider?.[type]) && JSON.stringify(a.terraform?.required_providers?.[type]) === JSON.stringify(b.terraform?.required_providers?.[type])) pSame++; }
    return kind + ', ' + same + '/' + all + ' resources and ' + pSame + '/' + pAll + ' providers identical'; };`;
/**
 * CloudFormation replays of a template `out`:
 *  - `replayCfn(s, out)`: each resource as a generic `CfnResource` of its type with the template's JSON as is (with
 *    its DependsOn, Metadata and retention policies, so the template, and what aws-cdk-lib validates, is the library's).
 *  - `replayTyped(s, out)`: the same resources hand-written as L1s: each as its typed class (`CfnBucket`, found among
 *    the aws-cdk-lib modules loaded), Ref / Fn::GetAtt / DependsOn wired to the other L1 objects, resources created in
 *    a flat loop in dependency order (computed once, outside the timed runs). It goes through aws-cdk-lib's own
 *    template parser (`CfnBucket._fromCloudFormation`, what `cloudformation-include` uses), which a hand-written
 *    program would not run: in a CPU profile that parsing is at most ~11% of the replay, so this baseline is slightly
 *    generous.
 *  - `replayTree(s, out, paths)`: the same typed L1s, each at the construct path the library gave it (`paths`: logical
 *    id -> path below the stack; plain `Construct`s stand in for the levels above it), so the logical IDs come from
 *    the paths as the library's do; each is then kept once computed (`overrideLogicalId` with the same ID, what the
 *    library's logical-ids aspect does: aws-cdk-lib recomputes an ID from its path on every resolve). The least an
 *    L1-only library that keeps its construct paths (and so every logical ID and every path-based suppression) could
 *    cost. `scopeAt(s, path)` is the construct at a path below the stack, made if missing.
 */
export const CFN_REPLAY_DEFS = `const core = require('aws-cdk-lib/core');
  const cfnResource = (s, id, r) => { const { Type, Properties, ...rest } = r;
    const c = new core.CfnResource(s, id, { type: Type, properties: Properties }); c.overrideLogicalId(id); for (const [k, v] of Object.entries(rest)) c.addOverride(k, v); return c; };
  const replayCfn = (s, out) => { for (const [id, r] of Object.entries(out.Resources)) cfnResource(s, id, r); };
  const cfnClasses = () => { const m = new Map();
    for (const f of Object.keys(require.cache)) { if (!/aws-cdk-lib[\\/]aws-[a-z0-9-]+[\\/]lib[\\/][a-z0-9-]+\\.generated\\.js$/.test(f)) continue;
      for (const v of Object.values(require.cache[f].exports)) if (typeof v === 'function' && typeof v.CFN_RESOURCE_TYPE_NAME === 'string' && typeof v._fromCloudFormation === 'function') m.set(v.CFN_RESOURCE_TYPE_NAME, v); }
    return m; };
  // Dependency order (Ref, Fn::GetAtt, Fn::Sub, DependsOn), computed once outside the timed runs.
  const cfnOrder = (out) => { const order = []; const seen = new Set(); const R = out.Resources;
    const deps = (v, acc) => { if (typeof v === 'string') { for (const m of v.matchAll(/\\$\\{([A-Za-z0-9]+)[.}]/g)) acc.add(m[1]); }
      else if (Array.isArray(v)) v.forEach((x) => deps(x, acc)); else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
        if (k === 'Ref' && typeof x === 'string') acc.add(x); else if (k === 'Fn::GetAtt') acc.add(Array.isArray(x) ? x[0] : String(x).split('.')[0]); else deps(x, acc); }
      return acc; };
    const visit = (id) => { if (seen.has(id) || !R[id]) return; seen.add(id); const acc = deps(R[id].Properties, new Set([].concat(R[id].DependsOn ?? [])));
      for (const d of acc) visit(d); order.push(id); };
    for (const id of Object.keys(R)) visit(id); return order; };
  let typed = 0;
  // aws-cdk-lib's template parser, resolving Ref / GetAtt / DependsOn to the L1 objects already in \`made\`.
  const cfnParser = (made) => { const { CfnParser } = require('aws-cdk-lib/core/lib/helpers-internal'); const find = (id) => made.get(id);
    return new CfnParser({ finder: { findCondition: () => undefined, findMapping: () => undefined, findRefTarget: find, findResource: find }, parameters: {} }); };
  const replayTyped = (s, out, classes = cfnClasses(), order = cfnOrder(out)) => { const made = new Map(); const parser = cfnParser(made); typed = 0;
    for (const id of order) { const r = out.Resources[id]; const C = classes.get(r.Type); let c;
      if (C) { c = C._fromCloudFormation(s, id, { ...r }, { parser }); c.overrideLogicalId(id); typed++; } else c = cfnResource(s, id, r);
      made.set(id, c); } };
  const scopeAt = (s, path) => { let sc = s; for (const seg of path) sc = sc.node.tryFindChild(seg) ?? new (require('constructs').Construct)(sc, seg); return sc; };
  const replayTree = (s, out, paths, classes = cfnClasses(), order = cfnOrder(out)) => { const made = new Map(); const parser = cfnParser(made);
    for (const id of order) { const r = out.Resources[id]; const C = classes.get(r.Type); const p = paths[id]; const parent = scopeAt(s, p.slice(0, -1)); const leaf = p[p.length - 1];
      let c; if (C) { c = C._fromCloudFormation(parent, leaf, { ...r }, { parser }); c.overrideLogicalId(s.resolve(c.logicalId)); } else { c = cfnResource(parent, leaf, r); c.overrideLogicalId(id); }
      made.set(id, c); } };
  const sameAs = (a, b, kind = 'CfnResource per resource') => { let same = 0, all = 0; for (const [id, r] of Object.entries(a.Resources)) { all++; if (JSON.stringify(r) === JSON.stringify(b.Resources[id])) same++; } return kind + ', ' + same + '/' + all + ' resources identical'; };`;
