import { IConstruct } from 'constructs';
import { CostEstimate } from './cost';
import { ValidationError, ValidationIssue } from './errors';
import { ITarget } from './target';

/** The constructs a target renders. @internal */
export type ConstructKind = 'inference-endpoint' | 'gpu-pool' | 'feature-store' | 'secure-tenant';

/**
 * What a target module exports for one construct kind: every function takes the target's options.
 * @internal
 */
export interface RendererModule<S, O, Opt> {
  validate(spec: S, options: Opt, isUnresolved: (x: unknown) => boolean): ValidationIssue[];
  render(scope: IConstruct, spec: S, options: Opt): O;
  estimate(spec: S, options: Opt): CostEstimate;
}

/**
 * A renderer bound to a target's options, as neutral constructs use it.
 * @internal
 */
export interface Renderer<S, O> {
  /**
   * The module's own render function, called as `r.render(scope, spec, r.options)`. No wrapper binds the options:
   * cdktf records a full stack trace for every token it creates (hundreds while a construct renders), so each
   * frame between the construct and the provider classes costs about 1.5% of a Terraform synth.
   */
  readonly render: (scope: IConstruct, spec: S, options: any) => O;
  /** The target's options, the third argument of `render`. */
  readonly options: unknown;
  validate(spec: S, isUnresolved: (x: unknown) => boolean): ValidationIssue[];
  estimate(spec: S): CostEstimate;
}

/**
 * What a construct needs before it renders: its target, the target's renderer and the validated spec.
 *
 * Each construct computes this in a function of its own and calls `render` right after it, near the start of its
 * constructor. cdktf records a full stack trace for every token it creates, and V8 locates each frame of a trace by
 * walking its function's source positions from the start of the function to the call, so validation code in front
 * of the render call made every trace taken while rendering slower. (The render functions are not split the same
 * way: each extra frame costs more than the shorter walk saves.)
 * @internal
 */
export interface Prepared<S, O> {
  readonly target: ITarget;
  readonly renderer: Renderer<S, O>;
  readonly spec: S;
}

/** A target that renders constructs. @internal */
export interface IRenderingTarget extends ITarget {
  _renderer(kind: ConstructKind): Renderer<any, any>;
}

/** Binds a module to a target's options. @internal */
export function bindRenderer<S, O, Opt>(m: RendererModule<S, O, Opt>, options: Opt): Renderer<S, O> {
  return {
    validate: (spec, isUnresolved) => m.validate(spec, options, isUnresolved),
    render: m.render,
    options,
    estimate: (spec) => m.estimate(spec, options),
  };
}

/** The renderer of `kind` for the target of `scope`, or a ValidationError when the target cannot render it. @internal */
export function rendererFor<S, O>(scope: IConstruct, target: ITarget, kind: ConstructKind): Renderer<S, O> {
  const t = target as Partial<IRenderingTarget>;
  if (typeof t._renderer !== 'function') {
    throw new ValidationError(scope, [{ prop: 'target', received: target.targetName, allowed: `a target that renders ${kind} (awscdk.AwsCdkTarget, tfaws.AwsTfTarget, tfgcp.GcpTarget, tfazure.AzureTarget)` }]);
  }
  return t._renderer(kind);
}
