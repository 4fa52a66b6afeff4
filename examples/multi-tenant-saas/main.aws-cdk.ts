// `npx cdk synth` (CDK CLI aws-cdk@2.1148.1) runs this file (see cdk.json).
import { App, Stack } from 'aws-cdk-lib/core';
import { awscdk, ComplianceProfile } from '../../src';
import { defineSaas } from './define';

export function main(app = new App()): App {
  // cdk-nag 3: AwsSolutions + HIPAA.Security + AiInfra; any unacknowledged finding fails synth.
  awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
  defineSaas(new Stack(app, 'MultiTenantSaas', { env: { account: '123456789012', region: 'us-east-1' } }), 'aws');
  return app;
}

if (require.main === module) main().synth();
