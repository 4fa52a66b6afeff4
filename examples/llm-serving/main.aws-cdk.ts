// `npx cdk synth` (CDK CLI aws-cdk@2.1148.1) runs this file (see cdk.json).
import { App, Stack } from 'aws-cdk-lib/core';
import { awscdk, ComplianceProfile } from '../../src';
import { define } from './define';

export function main(app = new App()): App {
  // cdk-nag 3: AwsSolutions + HIPAA.Security + AiInfra; any unacknowledged finding fails synth.
  awscdk.CompliancePacks.apply(app, ComplianceProfile.HIPAA);
  const stack = new Stack(app, 'LlmServing', { env: { region: 'us-east-1' } });
  define(stack, { cloud: 'aws' });
  return app;
}

if (require.main === module) main().synth();
