import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

const BOUND_TARGET = Symbol.for('ai-infra-constructs.Target');
const DEFAULT_TARGET = Symbol.for('ai-infra-constructs.DefaultTarget');

/** The cloud a target deploys to. */
export enum Cloud {
  /** Amazon Web Services. */
  AWS = 'aws',
  /** Google Cloud. */
  GCP = 'gcp',
  /** Microsoft Azure. */
  AZURE = 'azure',
}

/**
 * A deployment target: one engine (AWS CDK or cdktf) and one cloud, with its target-specific settings
 * (project, region, resource group, existing VPC or key).
 */
export interface ITarget {
  /** Target name, e.g. `aws-cdk`, `tf-gcp`, `tf-azure`. */
  readonly targetName: string;
  /** The cloud this target deploys to. */
  readonly cloud: Cloud;
}

/** An engine that knows how to detect its stacks and create a default target for them. @internal */
export interface DefaultTargetFactory {
  /** The symbol the engine marks its stacks with (e.g. `Symbol.for('@aws-cdk/core.Stack')`). */
  readonly stackSymbol: symbol;
  /** Human name of the engine for messages. */
  readonly engine: string;
  /** Creates the default target, or undefined when the engine needs an explicit binding. */
  readonly create?: () => ITarget;
  /** Message shown when the engine has no default target. */
  readonly bindHint: string;
  /** Registers an acknowledgement with the engine's own validation framework, if it has one. */
  readonly acknowledge?: (scope: IConstruct, ruleId: string, reason: string) => void;
}

const factories: DefaultTargetFactory[] = [];

/**
 * Binding of scopes to targets.
 *
 * Inside an aws-cdk-lib `Stack`, constructs render to AWS with no binding (bind an `awscdk.AwsCdkTarget` to pass
 * an existing VPC or key). A cdktf `TerraformStack` must be bound once to a cloud:
 * `Target.bind(stack, new tfgcp.GcpTarget({ project, region }))`.
 */
export class Target {
  /**
   * Binds `scope` (usually a stack) and everything below it to `target`.
   */
  public static bind(scope: IConstruct, target: ITarget): void {
    const existing = (scope as any)[BOUND_TARGET] as ITarget | undefined;
    if (existing && existing !== target) {
      throw new ValidationError(scope, [{
        prop: 'target',
        received: `a second target (${target.targetName}) for ${scope.node.path || '<root>'}`,
        allowed: `one target per scope (already bound to ${existing.targetName})`,
        hint: 'use one stack per cloud',
      }]);
    }
    Object.defineProperty(scope, BOUND_TARGET, { value: target, configurable: true });
  }

  /**
   * The target for `scope`: the nearest bound target, else the engine default for the enclosing stack.
   * @throws ValidationError when no target applies, saying how to bind one
   */
  public static of(scope: IConstruct): ITarget {
    const t = Target.tryOf(scope);
    if (t) return t;
    const tfHint = factories.find((f) => !f.create && Target.enclosing(scope, f.stackSymbol));
    throw new ValidationError(scope, [{
      prop: 'scope',
      received: tfHint ? `a ${tfHint.engine} stack with no target bound` : `a scope outside any supported stack (${scope.node.path || '<root>'})`,
      allowed: 'a construct inside an aws-cdk-lib Stack, or inside a cdktf TerraformStack bound with Target.bind',
      hint: tfHint ? tfHint.bindHint : 'create it inside an aws-cdk-lib Stack, or a TerraformStack bound with Target.bind(stack, new tfgcp.GcpTarget({...}))',
    }]);
  }

  /**
   * The target for `scope`, or undefined when none applies.
   */
  public static tryOf(scope: IConstruct): ITarget | undefined {
    const scopes = [...scope.node.scopes].reverse();
    for (const s of scopes) {
      const bound = (s as any)[BOUND_TARGET] as ITarget | undefined;
      if (bound) return bound;
    }
    for (const s of scopes) {
      for (const f of factories) {
        if (f.stackSymbol in (s as any) && f.create) {
          let d = (s as any)[DEFAULT_TARGET] as ITarget | undefined;
          if (!d) {
            d = f.create();
            Object.defineProperty(s, DEFAULT_TARGET, { value: d });
          }
          return d;
        }
      }
    }
    return undefined;
  }

  /** Registers how an engine's stacks are detected. @internal */
  public static _registerEngine(factory: DefaultTargetFactory): void {
    if (!factories.some((f) => f.stackSymbol === factory.stackSymbol)) factories.push(factory);
  }

  /** Passes an acknowledgement to the engine of the enclosing stack. @internal */
  public static _engineAcknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const f = factories.find((x) => Target.enclosing(scope, x.stackSymbol));
    f?.acknowledge?.(scope, ruleId, reason);
  }

  private static enclosing(scope: IConstruct, sym: symbol): boolean {
    return scope.node.scopes.some((s) => sym in (s as any));
  }

  private constructor() {}
}
