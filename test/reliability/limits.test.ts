import { App, Stack } from 'aws-cdk-lib/core';
import { InferenceEndpoint, ModelSource, SecureTenant } from '../../src';
import { ECR_IMAGE } from '../util';

test('an AWS stack that would exceed 500 CloudFormation resources fails at synth, naming the count (never at deploy)', () => {
  const app = new App();
  const stack = new Stack(app, 'Big', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < 30; i++) {
    const tenant = new SecureTenant(stack, `T${i}`, { tenantId: `tenant-${i}` });
    new InferenceEndpoint(stack, `E${i}`, { model: ModelSource.container({ image: ECR_IMAGE }), tenant });
  }
  expect(() => app.synth()).toThrow(/\d{3} CloudFormation resources in stack Big exceed the limit of 500 per stack: split the constructs across stacks/);
});

test('below the limit nothing is reported', () => {
  const app = new App();
  const stack = new Stack(app, 'Small', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureTenant(stack, 'T', { tenantId: 'acme' });
  expect(() => app.synth()).not.toThrow();
});
