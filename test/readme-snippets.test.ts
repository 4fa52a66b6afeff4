/**
 * The README's code runs as written: the two quickstarts as whole programs (the AWS one synthesized the way `cdk synth`
 * runs it, the Terraform one with its own `app.synth()`), and the per-construct snippets inside an aws-cdk-lib stack.
 * They run one after another in one fresh process (each in its own scope and working directory) against the sources,
 * with 'ai-infra-constructs' resolved to them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT, runTs } from './ts-child';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The first ```ts block after the heading that starts with `heading`. */
function snippetAfter(heading: string): string {
  const at = README.indexOf(`\n${heading}`);
  if (at < 0) throw new Error(`README has no heading ${heading}`);
  const m = /```ts\n([\s\S]*?)```/.exec(README.slice(at));
  if (!m) throw new Error(`no ts block after ${heading}`);
  return m[1];
}

/** A program to run: TypeScript, its working directory, and environment variables set while it is built. */
interface Program { readonly name: string; readonly code: string; readonly cwd: string; readonly env?: Record<string, string> }

/** TypeScript to CommonJS, with the library and engines resolved from the repository. */
function toJs(code: string): string {
  return ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText
    .replace(/require\(["']ai-infra-constructs["']\)/g, `require(${JSON.stringify(path.join(ROOT, 'src'))})`)
    .replace(/require\(["']((?:aws-cdk-lib|cdktf|constructs)(?:\/[^"']*)?)["']\)/g, (_m, mod) => `require(${JSON.stringify(require.resolve(mod, { paths: [ROOT] }))})`);
}

/**
 * Runs the programs in one fresh process (one process each would cost ~1 s of start-up apiece) and returns each
 * one's error message, or undefined. An environment variable is set only while its program runs (an aws-cdk-lib App
 * decides at construction whether to synthesize at exit, as under `cdk synth`).
 */
function runAll(programs: Program[]): Map<string, string | undefined> {
  const script = programs.map((p) => `
try {
  process.chdir(${JSON.stringify(p.cwd)});
  Object.assign(process.env, ${JSON.stringify(p.env ?? {})});
  (function () { ${toJs(p.code)} })();
  console.log(JSON.stringify({ name: ${JSON.stringify(p.name)} }));
} catch (e) {
  console.log(JSON.stringify({ name: ${JSON.stringify(p.name)}, error: String(e && e.message || e) }));
} finally {
  for (const k of ${JSON.stringify(Object.keys(p.env ?? {}))}) delete process.env[k];
}`).join('\n');
  const out = runTs(script);
  return new Map(out.split('\n').filter((l) => l.startsWith('{"name"')).map((l) => JSON.parse(l)).map((r: { name: string; error?: string }) => [r.name, r.error]));
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

type Cloud = 'aws' | 'aws-tf' | 'gcp' | 'azure';

/** The program around a snippet: `stack` on `cloud` (bound to its target), and a `model` for that cloud's registry. */
function inStack(snippet: string, cloud: Cloud, prelude: string[] = [], targetOptions = ''): string {
  const lines = snippet.split('\n');
  const image = { 'aws': '123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm:0.6', 'aws-tf': '123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm:0.6', 'gcp': 'us-docker.pkg.dev/my-proj/serving/vllm:0.6', 'azure': 'myacr.azurecr.io/vllm:0.6' }[cloud];
  const target = {
    'aws-tf': `new __lib.tfaws.AwsTfTarget({ region: 'us-east-1'${targetOptions} })`,
    'gcp': `new __lib.tfgcp.GcpTarget({ project: 'my-proj', region: 'us-central1'${targetOptions} })`,
    'azure': `new __lib.tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod'${targetOptions} })`,
  };
  const setup = cloud === 'aws'
    ? ["const __app = new (require('aws-cdk-lib').App)({ outdir: 'out' });",
      "const stack = new (require('aws-cdk-lib').Stack)(__app, 'Snippet', { env: { account: '123456789012', region: 'us-east-1' } });"]
    : ["const __app = new (require('cdktf').App)({ outdir: 'out' });",
      "const stack = new (require('cdktf').TerraformStack)(__app, 'snippet');",
      `__lib.Target.bind(stack, ${target[cloud]});`];
  return [
    ...lines.filter((l) => l.startsWith('import ')),
    "const __lib = require('ai-infra-constructs');",
    ...setup,
    ...prelude,
    `const model = __lib.ModelSource.container({ image: '${image}' });`,
    'void model;',
    ...lines.filter((l) => !l.startsWith('import ')),
    '__app.synth();',
  ].join('\n');
}

/** Resource types of what the program wrote to `out/`. */
function synthesizedTypes(cwd: string, cloud: Cloud): string[] {
  const json = JSON.parse(fs.readFileSync(cloud === 'aws' ? path.join(cwd, 'out', 'Snippet.template.json') : path.join(cwd, 'out', 'stacks', 'snippet', 'cdk.tf.json'), 'utf8'));
  return cloud === 'aws' ? Object.values<any>(json.Resources).map((r) => r.Type) : Object.keys(json.resource);
}

const ALL: Cloud[] = ['aws', 'aws-tf', 'gcp', 'azure'];
/** What the README asks for beside a snippet: the existing cluster's VPC on AWS, a billing account for GCP budgets. */
const SETUP: Record<string, Partial<Record<Cloud, { prelude?: string[]; targetOptions?: string }>>> = {
  '### GPU pools': {
    'aws': {
      prelude: [
        "const __ec2 = require('aws-cdk-lib/aws-ec2');",
        "__lib.Target.bind(stack, new __lib.awscdk.AwsCdkTarget({ vpc: __ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] }) }));",
      ],
    },
    'aws-tf': { targetOptions: ", vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2']" },
  },
  '### Tenants': { gcp: { targetOptions: ", billingAccount: '012345-6789AB-CDEF01'" } },
};
const CASES: Array<[heading: string, cloud: Cloud, expected: string]> = [
  // "What you get" shows an AWS model (ECR image, S3 weights).
  ['## What you get', 'aws', 'AWS::SageMaker::Endpoint'],
  ['## What you get', 'aws-tf', 'aws_sagemaker_endpoint'],
  ...ALL.map((c): [string, Cloud, string] => ['### GPU pools', c, { 'aws': 'AWS::EKS::Nodegroup', 'aws-tf': 'aws_eks_node_group', 'gcp': 'google_container_node_pool', 'azure': 'azurerm_kubernetes_cluster_node_pool' }[c]]),
  ...ALL.map((c): [string, Cloud, string] => ['### Feature stores', c, { 'aws': 'AWS::SageMaker::FeatureGroup', 'aws-tf': 'aws_sagemaker_feature_group', 'gcp': 'google_vertex_ai_feature_online_store', 'azure': 'azapi_resource' }[c]]),
  // On Azure the endpoint's default accelerator (L4) is not offered: the README says to pass one; see below.
  ...(['aws', 'aws-tf', 'gcp'] as Cloud[]).map((c): [string, Cloud, string] => ['### Tenants', c, { 'aws': 'AWS::KMS::Key', 'aws-tf': 'aws_kms_key', 'gcp': 'google_kms_crypto_key', 'azure': '' }[c]]),
];

const QUICKSTART_CDK = { name: 'quickstart-cdk', cwd: tmp('readme-cdk-') };
const QUICKSTART_TF = { name: 'quickstart-tf', cwd: tmp('readme-tf-') };
const caseName = (heading: string, cloud: Cloud) => `${heading} on ${cloud}`;
const dirs = new Map<string, string>();
let results: Map<string, string | undefined>;

beforeAll(() => {
  const programs: Program[] = [
    // The CDK CLI runs the app with CDK_OUTDIR set; the App then synthesizes when the program ends.
    { ...QUICKSTART_CDK, code: snippetAfter('## Quickstart: AWS CDK'), env: { CDK_OUTDIR: QUICKSTART_CDK.cwd } },
    { ...QUICKSTART_TF, code: snippetAfter('## Quickstart: Terraform via cdktf'), env: { CDKTF_OUTDIR: QUICKSTART_TF.cwd } },
  ];
  for (const [heading, cloud] of [...CASES.map(([h, c]) => [h, c] as const), ['### Tenants', 'azure'] as const]) {
    const setup = SETUP[heading]?.[cloud] ?? {};
    const cwd = tmp('readme-snippet-');
    dirs.set(caseName(heading, cloud), cwd);
    programs.push({ name: caseName(heading, cloud), cwd, code: inStack(snippetAfter(heading), cloud, setup.prelude, setup.targetOptions) });
  }
  results = runAll(programs);
}, 180_000);

test('Quickstart: AWS CDK synthesizes as `cdk synth` runs it', () => {
  expect(results.get(QUICKSTART_CDK.name)).toBeUndefined();
  const template = JSON.parse(fs.readFileSync(path.join(QUICKSTART_CDK.cwd, 'Serving.template.json'), 'utf8'));
  expect(Object.values<any>(template.Resources).map((r) => r.Type)).toEqual(expect.arrayContaining(['AWS::SageMaker::Endpoint', 'AWS::SageMaker::Model']));
});

test('Quickstart: Terraform via cdktf synthesizes its three stacks', () => {
  expect(results.get(QUICKSTART_TF.name)).toBeUndefined();
  const resources = (stack: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(QUICKSTART_TF.cwd, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource);
  expect(resources('serving-gcp')).toContain('google_cloud_run_v2_service');
  expect(resources('serving-azure')).toEqual(expect.arrayContaining(['azurerm_machine_learning_workspace', 'azapi_resource']));
  expect(resources('serving-aws')).toContain('aws_sagemaker_endpoint');
});

test.each(CASES)('snippet after "%s" synthesizes on %s', (heading, cloud, expected) => {
  expect(results.get(caseName(heading, cloud))).toBeUndefined();
  expect(synthesizedTypes(dirs.get(caseName(heading, cloud))!, cloud)).toContain(expected);
});

test('the tenants snippet on Azure fails at synth naming accelerator, as the README says beside it', () => {
  expect(results.get(caseName('### Tenants', 'azure'))).toMatch(/accelerator: received nvidia-l4; allowed: Azure ML offers/);
});
