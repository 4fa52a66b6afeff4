/*
 * Where a stack's fixed names must be unique: its account and region, or the stack itself when its environment is
 * unknown at synth (it may deploy anywhere, so it is compared with nothing else).
 */
import { Stack, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';

export function stackPlace(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)
    ? `stack ${stack.node.path} (environment-agnostic)` : `AWS account ${stack.account}, region ${stack.region}`;
}
