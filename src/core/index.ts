export * from './accelerator';
export * from './compliance';
export * from './cost';
export * from './errors';
export * from './model-source';
export * from './target';
export * from './tenant';
export * from './inference-endpoint/inference-endpoint';
