/**
 * Token awareness without importing an engine.
 *
 * Both aws-cdk-lib and cdktf encode unresolved values as marker strings (`${Token[...]}`, `${TfToken[...]}`),
 * marker numbers (a reserved range of doubles) and marker lists (a list holding one marker string). Core code
 * never compares such a value; it skips the check (DESIGN.md §4.7: "check tokens before comparing").
 * Targets may register a precise resolver (the engine's own `Token.isUnresolved`) when they load.
 */
const resolvers: Array<(x: unknown) => boolean> = [];

/** @internal */
export function registerTokenResolver(fn: (x: unknown) => boolean): void {
  if (!resolvers.includes(fn)) resolvers.push(fn);
}

const STRING_MARKER = /\$\{(Tf)?Token\[/;
// aws-cdk-lib and cdktf encode numeric tokens as doubles near -1.8881545897087626e+289.
const NUMBER_TOKEN_LIMIT = -1e289;

/**
 * True when `value` is (or contains) an unresolved token from any engine.
 * @internal
 */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') {
    if (STRING_MARKER.test(value)) return true;
  } else if (typeof value === 'number') {
    if (value <= NUMBER_TOKEN_LIMIT) return true;
  } else if (Array.isArray(value)) {
    if (value.some(isUnresolved)) return true;
  }
  return resolvers.some((r) => {
    try {
      return r(value);
    } catch {
      return false;
    }
  });
}
