export * from './span.ts';
export * from './message.ts';
export * from './offsets.ts';
export * from './document.ts';
export * from './stage.ts';
export * from './contract.ts';
