import { cdk, DependencyType, javascript } from 'projen';

// Engine versions. cdktf and its prebuilt providers are archived (2025-12-10): these are the final releases.
const AWS_CDK_LIB = '2.276.0';
const CDK_CLI = '2.1148.1'; // the CLI that reads aws-cdk-lib 2.276.0 cloud assemblies (the 3.0.0 tag cannot)
const CONSTRUCTS = '10.5.1'; // aws-cdk-lib 2.276.0 needs ^10.5.0; cdktf 0.21 accepts ^10.4.2
const CDKTF = '0.21.0';
const PROVIDER_GOOGLE = '16.12.1'; // hashicorp/google 6.50.0
const PROVIDER_AZURERM = '14.23.1'; // hashicorp/azurerm 4.55.0
const PROVIDER_AWS = '21.22.1'; // hashicorp/aws 6.x, the last @cdktf/provider-aws release (deep imports only: its root is the largest)
const CDK_NAG = '3.0.2'; // rule packs registered with Validations.of(app).addPlugins (aws-cdk-lib >= 2.257)

const project = new cdk.JsiiProject({
  name: 'ai-infra-constructs',
  description:
    'Declare AI infrastructure once (InferenceEndpoint, GpuPool, FeatureStore, SecureTenant) and synthesize it to AWS CloudFormation and to Terraform for GCP and Azure.',
  author: 'ai-infra-constructs maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://example.com/ai-infra-constructs.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.9.0',
  keywords: ['cdk', 'cdktf', 'terraform', 'sagemaker', 'vertex-ai', 'azure-ml', 'gpu', 'mlops', 'inference'],

  // jsii and TypeScript pinned to the same minor.
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  // Engines are peers: an AWS-only user installs aws-cdk-lib, a Terraform user installs cdktf + providers.
  // Each is marked optional below (peerDependenciesMeta), and pinned exactly in devDependencies.
  peerDeps: [
    `aws-cdk-lib@^${AWS_CDK_LIB}`,
    `constructs@^${CONSTRUCTS}`,
    `cdktf@^${CDKTF}`,
    `@cdktf/provider-google@^${PROVIDER_GOOGLE}`,
    `@cdktf/provider-azurerm@^${PROVIDER_AZURERM}`,
    `@cdktf/provider-aws@^${PROVIDER_AWS}`,
    `cdk-nag@^${CDK_NAG}`,
  ],
  peerDependencyOptions: { pinnedDevDependency: true },
  devDeps: [
    `aws-cdk@${CDK_CLI}`,
    `cdktf-cli@${CDKTF}`,
    `@cdktf/hcl2json@${CDKTF}`, // Terraform's own HCL parser (wasm): tests read the HCL output back
    '@swc/core@1.16.18', // the newest release whose platform binaries are all on the registry (npm ci needs them in the lock)
    '@swc/jest@0.2.39',
    'fast-check@^4',
    '@cloud-copilot/iam-simulate@0.1.173', // proves tenant isolation on the synthesized IAM and key policies
  ],

  // No hosted CI or releases here: `.ci/run` is the CI entry point.
  github: false,
  release: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  depsUpgrade: false,

  eslint: true,
  prettier: false,

  jest: true,
  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    configFilePath: 'jest.config.json',
    jestConfig: {
      collectCoverage: false,
      testTimeout: 120_000,
      maxWorkers: 2,
      // CloudFormation schema validation only where it is the subject (see test/setup-env.ts).
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      // One temporary directory per run, removed at the end (test/global-setup.ts).
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  },

  // Source maps beside the files (lib/**/*.js.map) rather than inline: an inline map doubles every file that
  // `require` has to read and scan, for a map only --enable-source-maps uses.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true } },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts'],
    compilerOptions: {},
  },
  gitignore: ['scratch', 'cdk.out', 'cdktf.out', '.gen', 'examples/**/cdk.out', 'examples/**/cdktf.out', '*.tsbuildinfo'],
  npmIgnoreOptions: { ignorePatterns: ['examples', '.ci', 'scripts', 'bench', 'scratch'] },
});

// swc instead of ts-jest (type-checking happens in `compile` and in `npm test`'s own tsc step): jest transforms far faster.
project.jest!.config.transform = {
  '^.+\\.tsx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript', decorators: false }, target: 'es2022' },
    module: { type: 'commonjs' },
  }),
};
project.jest!.config.testMatch = ['<rootDir>/test/**/*.test.ts'];
project.deps.removeDependency('ts-jest');

// unrs-resolver 1.13.0 (via eslint-import-resolver-typescript) has platform bindings missing from the registry, which
// leaves them out of package-lock.json and makes `npm ci` fail; 1.12.2 is complete.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Optional peers: neither engine is required to install the package.
project.package.addField('peerDependenciesMeta', {
  'aws-cdk-lib': { optional: true },
  'cdktf': { optional: true },
  '@cdktf/provider-google': { optional: true },
  '@cdktf/provider-azurerm': { optional: true },
  '@cdktf/provider-aws': { optional: true },
  'cdk-nag': { optional: true },
});
// Exact pins for the engines (the projen pin is the range's minimum, made explicit here).
project.deps.addDependency(`aws-cdk-lib@${AWS_CDK_LIB}`, DependencyType.BUILD);
project.deps.addDependency(`constructs@${CONSTRUCTS}`, DependencyType.BUILD);
project.deps.addDependency(`cdktf@${CDKTF}`, DependencyType.BUILD);
project.deps.addDependency(`@cdktf/provider-google@${PROVIDER_GOOGLE}`, DependencyType.BUILD);
project.deps.addDependency(`@cdktf/provider-azurerm@${PROVIDER_AZURERM}`, DependencyType.BUILD);
project.deps.addDependency(`@cdktf/provider-aws@${PROVIDER_AWS}`, DependencyType.BUILD);
project.deps.addDependency(`cdk-nag@${CDK_NAG}`, DependencyType.BUILD);

// ---------------------------------------------------------------------------------------------------------
// Layering rules (DESIGN.md §2), enforced by ESLint so a violation fails `npx projen build`.
// ---------------------------------------------------------------------------------------------------------
const PROVIDER_ROOTS = [
  '@cdktf/provider-google',
  '@cdktf/provider-google/lib',
  '@cdktf/provider-google/lib/index',
  '@cdktf/provider-azurerm',
  '@cdktf/provider-azurerm/lib',
  '@cdktf/provider-azurerm/lib/index',
  '@cdktf/provider-aws',
  '@cdktf/provider-aws/lib',
  '@cdktf/provider-aws/lib/index',
];
const barrelPaths = [
  { name: 'aws-cdk-lib', message: 'Deep-import aws-cdk-lib (e.g. aws-cdk-lib/aws-sagemaker): the root barrel loads every module.' },
  ...PROVIDER_ROOTS.map((name) => ({
    name,
    message: 'Deep-import provider resources (e.g. @cdktf/provider-google/lib/vertex-ai-endpoint): the root costs ~2-3 s and ~400 MB.',
  })),
];
project.eslint!.addRules({
  'no-restricted-imports': ['error', { paths: barrelPaths }],
  '@typescript-eslint/no-require-imports': 'off', // lazy engine loading uses require() on purpose
  '@stylistic/max-len': ['error', { code: 200, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreComments: true }],
});
const cdktfPath = { name: 'cdktf', message: 'Only src/targets/shared-tf imports cdktf, so a move to cdktn touches one folder.' };
project.eslint!.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: ['src/targets/shared-tf/**'],
  rules: { 'no-restricted-imports': ['error', { paths: [...barrelPaths, cdktfPath] }] },
});
project.eslint!.addOverride({
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [...barrelPaths, cdktfPath],
        patterns: [
          {
            group: ['*', '!constructs', '!.', '!./**', '!..', '!../**'],
            message: 'src/core imports only `constructs` (DESIGN.md §2).',
          },
          { group: ['**/targets', '**/targets/**'], message: 'src/core must not import a target.' },
        ],
      },
    ],
  },
});

// Typed lint: the two rules that need the TypeScript program (no-floating-promises, return-await). Building that
// program costs ~20 s of CPU (aws-cdk-lib's and the providers' declarations) on top of the ~15 s `tsc --noEmit` that
// `npm test` already spends, so the default lint is syntactic and `lint:promises` runs the typed rules in `build`.
// Constructs synthesize synchronously, so src/ has no async code for them to check; a syntax rule keeps it that way.
const eslintrc = project.tryFindObjectFile('.eslintrc.json')!;
eslintrc.addDeletionOverride('parserOptions.projectService');
project.eslint!.addRules({
  '@typescript-eslint/no-floating-promises': 'off',
  '@typescript-eslint/return-await': 'off',
});
const noAsync = 'Constructs synthesize synchronously (aws-cdk-lib and cdktf call them without awaiting); src/ has no async code.';
project.eslint!.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: ':function[async=true]', message: noAsync },
      { selector: 'AwaitExpression', message: noAsync },
    ],
  },
});
const lintPromises = project.addTask('lint:promises', {
  description: 'Typed eslint rules (no-floating-promises, return-await) over src and test; part of `build`',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --ext .ts --no-error-on-unmatched-pattern --parser-options projectService:true '
    + '--rule \'@typescript-eslint/no-floating-promises: error\' --rule \'@typescript-eslint/return-await: error\' src test',
});
project.postCompileTask.spawn(lintPromises);

// ---------------------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------------------
project.addTask('examples', {
  description: 'Synthesize every example for every cloud and print a summary of resources per construct',
  exec: 'ts-node --swc --project test/tsconfig.json scripts/synth-examples.ts',
});
project.addTask('fuzz', {
  description: 'Property-based fuzzing: 10,000 random props per construct per cloud (FUZZ_RUNS to change); prints synthesized/rejected/failed counts',
  exec: 'ts-node --swc --project test/tsconfig.json scripts/fuzz.ts',
});
project.addTask('rules-table', {
  description: 'Regenerate the README table of compliance rules from the rule definitions',
  exec: 'ts-node --swc --project test/tsconfig.json scripts/rules-table.ts --write',
});
const bench = project.addTask('bench', {
  description: 'Benchmarks (load time, RSS, synth overhead); writes bench/results.md',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --swc --project test/tsconfig.json scripts/bench.ts');

// The compiled package loads each target namespace and each construct on first use (see scripts/lazy-namespaces.ts).
// Part of `compile` itself, so every compiled lib/ (build, package, bench) has it.
project.compileTask.exec('ts-node --swc --project test/tsconfig.json scripts/lazy-namespaces.ts');

// `npm test` type-checks sources, tests, examples and scripts (swc strips types without checking) and runs the
// syntactic eslint, side by side (~15 s and ~8 s), then runs jest (failing when no test runs).
const testTask = project.tasks.tryFind('test')!;
testTask.reset();
testTask.exec('bash -c \'tsc --noEmit -p test/tsconfig.json & tsc=$!; projen eslint; lint=$?; wait $tsc; typecheck=$?; exit $(( lint || typecheck ))\'');
testTask.exec('jest --ci', { receiveArgs: true });

project.synth();
