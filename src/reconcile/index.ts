export * from './catalog.ts';
export * from './series.ts';
export * from './indicator.ts';
export * from './stage.ts';
export * from './rules-fingerprint.ts';
export * from './conflict-groups.ts';
