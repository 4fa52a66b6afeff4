/*
 * Root exports are cloud-neutral. Target submodules are exported as namespaces; none of them loads its engine
 * (aws-cdk-lib, cdktf, providers) until a construct renders to it, and in the compiled package none of them is even
 * loaded until first used (scripts/lazy-namespaces.ts rewrites these exports as getters after compile).
 */
import { registerSchemaLockIO } from './core/feature-store/schema-lock';
import { Target } from './core/target';

export * from './core';
export * as awscdk from './targets/aws-cdk';
export * as tfgcp from './targets/tf-gcp';
export * as tfazure from './targets/tf-azure';
export * as tfaws from './targets/tf-aws';

// Engine detection by the symbols each engine marks its stacks with (no engine is loaded to check).
Target._registerEngine({
  stackSymbol: Symbol.for('@aws-cdk/core.Stack'),
  engine: 'aws-cdk-lib',
  create: () => new (require('./targets/aws-cdk/target') as typeof import('./targets/aws-cdk/target')).AwsCdkTarget(),
  bindHint: 'constructs inside an aws-cdk-lib Stack render to AWS',
  // cdk-nag 3 and aws-cdk-lib's own validators read these (aws-cdk-lib is loaded: the scope is in one of its stacks).
  acknowledge: (scope, id, reason) => require('./targets/aws-cdk/compliance').registerWithEngine(scope, [id], reason),
});
Target._registerEngine({
  stackSymbol: Symbol.for('cdktf/TerraformStack'),
  engine: 'cdktf',
  bindHint: 'bind the stack to a cloud once: Target.bind(stack, new tfgcp.GcpTarget({ project, region })), Target.bind(stack, new tfazure.AzureTarget({ location, resourceGroupName })) or Target.bind(stack, new tfaws.AwsTfTarget({ region }))',
});

// FeatureStore schema lock files are read and written with Node's fs (core itself stays free of Node APIs), loaded
// the first time a FeatureStore reads or writes one.
const fileIO = () => (require('./io/schema-lock-file') as typeof import('./io/schema-lock-file')).fileSchemaLockIO;
registerSchemaLockIO({ read: (file) => fileIO().read(file), write: (file, content) => fileIO().write(file, content) });
