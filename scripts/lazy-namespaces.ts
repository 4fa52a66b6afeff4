/**
 * Post-compile step: the package's exports load their module on first access instead of when the package is
 * required, so a user parses only the code of what they use.
 *
 * - lib/index.js: the target namespaces (`awscdk`, `tfgcp`, `tfazure`, `tfaws`), so a GCP user does not parse the
 *   AWS and Azure targets. jsii recognises submodules only as `export * as ns from './x'`, which TypeScript emits as
 *   an eager `exports.ns = __importStar(require("./x"))`; each becomes a getter that requires the module once and
 *   then replaces itself with the value.
 * - lib/core/index.js: the constructs and their types (`export * from './x'`, emitted as an eager
 *   `__exportStar(require("./x"), exports)`), so an endpoint-only user does not parse GpuPool or FeatureStore. Each
 *   becomes one getter per name the module exports (read from the compiled module here, at build time), which
 *   requires the module on first access; like `__exportStar`, a name exported twice keeps its first module, and a
 *   name the index declares itself keeps the index's own.
 *
 * The types, the .jsii assembly and API.md are unchanged.
 *
 *   ts-node scripts/lazy-namespaces.ts          # rewrites lib/index.js and lib/core/index.js
 */
import * as fs from 'fs';
import * as path from 'path';

const EAGER = /^exports\.(\w+) = __importStar\(require\("(\.\/[^"]+)"\)\);$/gm;
const EAGER_STAR = /^__exportStar\(require\("(\.\/[^"]+)"\), exports\);$/gm;

/** Rewrites each eager namespace export of `js` (CommonJS emitted by tsc) as a lazy getter. */
export function lazyNamespaces(js: string): { js: string; namespaces: string[] } {
  const namespaces: string[] = [];
  const out = js.replace(EAGER, (_all, name: string, mod: string) => {
    namespaces.push(name);
    return `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: function () { `
      + `var m = __importStar(require("${mod}")); Object.defineProperty(exports, "${name}", { enumerable: true, value: m }); return m; } });`;
  });
  return { js: out, namespaces };
}

/**
 * Rewrites each `export * from './x'` of `js` as lazy getters, one per name `namesOf('./x')` lists. The module is
 * required on the first access to any of its names and kept in a local, so later reads cost a property access.
 */
export function lazyExportStars(js: string, namesOf: (mod: string) => string[]): { js: string; modules: string[] } {
  const modules: string[] = [];
  const taken = new Set<string>();
  const out = js.replace(EAGER_STAR, (_all, mod: string) => {
    const m = `lazy_${modules.length}`;
    modules.push(mod);
    const names = namesOf(mod).filter((n) => n !== 'default' && n !== '__esModule' && !taken.has(n));
    names.forEach((n) => taken.add(n));
    return [
      `var ${m}; function ${m}_() { return ${m} || (${m} = require("${mod}")); }`,
      ...names.map((n) => `if (!Object.prototype.hasOwnProperty.call(exports, "${n}")) `
        + `Object.defineProperty(exports, "${n}", { enumerable: true, get: function () { return ${m}_().${n}; } });`),
    ].join('\n');
  });
  return { js: out, modules };
}

/**
 * Fails unless the statements rewritten now plus those already lazy (matched by `already` in `input`) add up to what
 * `src` declares (matched by `declared`): a change in tsc's emit must not leave an export eager without notice.
 */
function check(file: string, src: string, declared: RegExp, rewritten: number, already: RegExp, input: string): void {
  const expected = (fs.readFileSync(path.join(__dirname, '..', src), 'utf8').match(declared) ?? []).length;
  // Already rewritten (an incremental compile left the file untouched): nothing to do.
  const done = (input.match(already) ?? []).length;
  if (rewritten + done !== expected) {
    throw new Error(`lazy-namespaces: ${file} has ${rewritten} eager exports to rewrite (and ${done} lazy ones); ${src} declares ${expected}. Has tsc's emit changed?`);
  }
}

if (require.main === module) {
  const root = path.join(__dirname, '..', 'lib');
  const index = path.join(root, 'index.js');
  const input = fs.readFileSync(index, 'utf8');
  const { js, namespaces } = lazyNamespaces(input);
  check(index, 'src/index.ts', /^export \* as \w+ from /gm, namespaces.length, /configurable: true, get: function \(\) \{ var m = __importStar/g, input);
  fs.writeFileSync(index, js);

  const core = path.join(root, 'core', 'index.js');
  const coreInput = fs.readFileSync(core, 'utf8');
  const stars = lazyExportStars(coreInput, (mod) => Object.keys(require(path.join(path.dirname(core), mod))));
  check(core, 'src/core/index.ts', /^export \* from /gm, stars.modules.length, /^var lazy_\d+; function lazy_\d+_\(\)/gm, coreInput);
  fs.writeFileSync(core, stars.js);
  console.log(`lazy-namespaces: ${namespaces.length ? namespaces.join(', ') : 'none left'} made lazy in ${index}; `
    + `${stars.modules.length ? stars.modules.length + ' modules' : 'none left'} in ${core}`);
}
