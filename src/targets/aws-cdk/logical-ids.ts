/*
 * aws-cdk-lib computes a resource's logical ID from its construct path (an MD5 hash of the path) every time the
 * ID is resolved: `CfnElement.logicalId` is an uncached lazy, and synth resolves it many times per resource
 * (references, the template, tree.json, metadata). For the resources of our constructs, which sit a few levels
 * deep, that recomputation was ~13% of a stack's synth. This aspect computes each ID once, at the end of the aspect
 * phase, and keeps the result, so synth writes exactly the same IDs and computes each one once.
 */
import { AspectPriority, Aspects, CfnElement, IAspect } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';

const APPLIED = Symbol.for('ai-infra-constructs.aws-cdk.LogicalIdsKept');

/**
 * Keeps the logical IDs of the CloudFormation elements under `scope` once computed. It runs after every other
 * aspect (`AspectPriority.READONLY`), so renames (`Stack.renameLogicalId`), overrides (`overrideLogicalId`) and a
 * stack's own `allocateLogicalId` made before synth are all in the ID it keeps. An ID locked by `Stack.exportValue`
 * is left as is: aws-cdk-lib already keeps it stable.
 */
export function keepLogicalIds(scope: IConstruct): void {
  if ((scope as any)[APPLIED]) return;
  Object.defineProperty(scope, APPLIED, { value: true });
  Aspects.of(scope).add(KEEP, { priority: AspectPriority.READONLY });
}

const KEEP: IAspect = {
  visit(node: IConstruct): void {
    if (!CfnElement.isCfnElement(node)) return;
    const el = node as CfnElement;
    // aws-cdk-lib's own flag (set by Stack.exportValue): overriding a locked ID throws.
    if ((el as unknown as { _logicalIdLocked?: boolean })._logicalIdLocked) return;
    // The ID synth would write: an override if one is set, else the stack's allocation (renames included).
    el.overrideLogicalId(el.stack.resolve(el.logicalId));
  },
};
