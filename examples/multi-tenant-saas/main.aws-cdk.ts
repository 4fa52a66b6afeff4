// `npx cdk synth` (CDK CLI aws-cdk@2.1148.1) runs this file (see cdk.json).
import { App, Stack } from 'aws-cdk-lib/core';
import { defineSaas } from './define';

export function main(app = new App()): App {
  defineSaas(new Stack(app, 'MultiTenantSaas', { env: { account: '123456789012', region: 'us-east-1' } }), 'aws');
  return app;
}

if (require.main === module) main().synth();
