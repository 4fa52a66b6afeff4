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

/**
 * Escape-hatch fields some of which are made on first read: the renderers write L1 resources, and the typed L2
 * interfaces over them (`Bucket.fromCfnBucket`, `SecurityGroup.fromSecurityGroupId`, ...) cost construct-tree work
 * that only a user reading the field should pay for. Each getter runs once and keeps its value; the fields stay
 * enumerable, so the object reads like the plain struct it replaces.
 * @internal
 */
export function lazyFields<T extends object>(eager: Partial<T>, lazy: { [K in keyof T]?: () => T[K] }): T {
  const out: any = { ...eager };
  for (const [k, make] of Object.entries(lazy) as Array<[string, (() => unknown) | undefined]>) {
    if (!make) continue;
    let made = false;
    let value: unknown;
    Object.defineProperty(out, k, {
      enumerable: true,
      get: () => {
        if (!made) { value = make(); made = true; }
        return value;
      },
    });
  }
  return out as T;
}
