import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/**
 * Storage behind the per-target `XxxResources.of(construct)` escape hatches: a renderer attaches its typed
 * resources to the neutral construct; `of()` reads them back or explains what it expected.
 * @internal
 */
export function attachResources(scope: IConstruct, key: symbol, resources: unknown): void {
  Object.defineProperty(scope, key, { value: resources });
}

/** @internal */
export function resourcesOf<T>(scope: IConstruct, key: symbol, expected: string): T {
  const r = (scope as any)[key] as T | undefined;
  if (!r) throw new ValidationError(scope, [{ prop: 'endpoint', received: scope.node.path, allowed: expected }]);
  return r;
}
