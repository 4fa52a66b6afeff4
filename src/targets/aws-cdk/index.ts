export * from './target';
export * from './resources';
export * from './compliance-packs';
