/**
 * The post-compile rewrite of lib/index.js (scripts/lazy-namespaces.ts): namespace exports, as tsc emits them with
 * the project's compiler options, become getters that load their module on first access, once.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { lazyNamespaces } from '../scripts/lazy-namespaces';

const ROOT = path.join(__dirname, '..');

/** CommonJS as the package's own compile emits it (module/target/esModuleInterop from tsconfig.json). */
function emit(source: string): string {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return ts.transpileModule(source, { compilerOptions: { ...options, inlineSourceMap: false, sourceMap: false } }).outputText;
}

test('every namespace export of src/index.ts is rewritten', () => {
  const src = fs.readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
  const declared = [...src.matchAll(/^export \* as (\w+) from /gm)].map((m) => m[1]);
  expect(declared).toEqual(['awscdk', 'tfgcp', 'tfazure', 'tfaws']);
  const { js, namespaces } = lazyNamespaces(emit(src));
  expect(namespaces).toEqual(declared);
  expect(js).not.toMatch(/^exports\.\w+ = __importStar\(require/m);
});

test('a rewritten namespace loads its module on first access, once, and stays enumerable', () => {
  const { js } = lazyNamespaces(emit("export * as a from './a';\nexport * as b from './b';\nexport const x = 1;\n"));
  const loaded: string[] = [];
  const req = (id: string) => { loaded.push(id); return { __esModule: true, id }; };
  const exports: any = {};
  new Function('exports', 'require', js)(exports, req);
  expect(loaded).toEqual([]);
  expect(Object.keys(exports)).toEqual(expect.arrayContaining(['a', 'b', 'x']));
  expect(exports.a.id).toBe('./a');
  expect(exports.a).toBe(exports.a);
  expect(loaded).toEqual(['./a']);
  expect(exports.b.id).toBe('./b');
  expect(loaded).toEqual(['./a', './b']);
});
