/**
 * Post-compile step: the target namespaces of lib/index.js (`awscdk`, `tfgcp`, `tfazure`, `tfaws`) are loaded on
 * first access instead of when the package is required, so a GCP user does not parse the AWS and Azure targets.
 *
 * jsii recognises submodules only as `export * as ns from './x'`, which TypeScript emits as an eager
 * `exports.ns = __importStar(require("./x"))`; this rewrites exactly those statements into getters that require the
 * module once and then replace themselves with the value. The types, the .jsii assembly and API.md are unchanged.
 *
 *   ts-node scripts/lazy-namespaces.ts lib/index.js
 */
import * as fs from 'fs';
import * as path from 'path';

const EAGER = /^exports\.(\w+) = __importStar\(require\("(\.\/[^"]+)"\)\);$/gm;

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

if (require.main === module) {
  const file = process.argv[2] ?? 'lib/index.js';
  const expected = (fs.readFileSync(path.join(__dirname, '..', 'src', 'index.ts'), 'utf8').match(/^export \* as \w+ from /gm) ?? []).length;
  const input = fs.readFileSync(file, 'utf8');
  const { js, namespaces } = lazyNamespaces(input);
  // Already rewritten (an incremental compile left lib/index.js untouched): nothing to do.
  const already = (input.match(/configurable: true, get: function \(\) \{ var m = __importStar/g) ?? []).length;
  if (namespaces.length + already !== expected) {
    throw new Error(`lazy-namespaces: ${file} has ${namespaces.length} eager namespace exports (and ${already} lazy ones); src/index.ts declares ${expected}. Has tsc's emit changed?`);
  }
  fs.writeFileSync(file, js);
  console.log(`lazy-namespaces: ${namespaces.length ? namespaces.join(', ') : 'none left'} made lazy in ${file}`);
}
