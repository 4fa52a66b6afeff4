export * from './target';
export * from './resources';
