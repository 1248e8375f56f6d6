export * from './catalog.ts';
export * from './series.ts';
