import { registerTokenResolver } from './tokens';

/**
 * Loads a renderer module on first use (so requiring a target never loads its engine), and registers the engine's
 * own token test the first time.
 * @internal
 */
export function lazyRenderer<T>(load: () => T, engineTokenTest: () => (x: unknown) => boolean): () => T {
  let mod: T | undefined;
  return () => {
    if (mod === undefined) {
      mod = load();
      registerTokenResolver(engineTokenTest());
    }
    return mod;
  };
}

/** The module file of each construct kind in a target folder. @internal */
export const RENDERER_FILES = {
  'inference-endpoint': 'inference-endpoint',
  'gpu-pool': 'gpu-pool',
  'feature-store': 'feature-store',
  'secure-tenant': 'tenant',
} as const;
