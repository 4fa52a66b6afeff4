/**
 * The post-compile rewrite (scripts/lazy-namespaces.ts): namespace exports of lib/index.js and `export *` of
 * lib/core/index.js, as tsc emits them with the project's compiler options, become getters that load their module on
 * first access, once.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { lazyExportStars, lazyNamespaces } from '../scripts/lazy-namespaces';

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

test('every `export *` of src/core/index.ts is rewritten', () => {
  const src = fs.readFileSync(path.join(ROOT, 'src/core/index.ts'), 'utf8');
  const declared = [...src.matchAll(/^export \* from '([^']+)'/gm)].map((m) => m[1]);
  expect(declared).toEqual(expect.arrayContaining(['./inference-endpoint/inference-endpoint', './gpu-pool/gpu-pool', './feature-store/feature-store']));
  const { js, modules } = lazyExportStars(emit(src), () => ['X']);
  expect(modules).toEqual(declared);
  expect(js).not.toMatch(/__exportStar\(require/);
});

test('a rewritten `export *` loads its module on the first access to one of its names, once; as with tsc\'s own emit, a name exported twice keeps its first module and the index\'s own declaration wins', () => {
  const { js } = lazyExportStars(emit("export * from './a';\nexport * from './b';\nexport const x = 1;\n"), (mod) => (mod === './a' ? ['A', 'shared', 'x'] : ['B', 'shared']));
  const loaded: string[] = [];
  const modules: Record<string, any> = { './a': { A: 'a', shared: 'from a', x: 'from a' }, './b': { B: 'b', shared: 'from b' } };
  const req = (id: string) => { loaded.push(id); return modules[id]; };
  const exports: any = {};
  new Function('exports', 'require', js)(exports, req);
  expect(loaded).toEqual([]);
  expect(Object.keys(exports)).toEqual(expect.arrayContaining(['A', 'B', 'shared', 'x']));
  expect(exports.x).toBe(1);
  expect(loaded).toEqual([]);
  expect(exports.A).toBe('a');
  expect(exports.shared).toBe('from a');
  expect(loaded).toEqual(['./a']);
  expect(exports.B).toBe('b');
  expect(exports.A).toBe('a');
  expect(loaded).toEqual(['./a', './b']);
});
