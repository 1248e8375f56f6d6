/**
 * The store: one repository module the CLI, the HTTP API and ingest go through. `openStore` picks
 * the implementation (SQLite today); callers only see the `Store` interface from `types.ts`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteStore, StoreError } from './sqlite.ts';
import type { OpenStoreOptions, Store } from './types.ts';

export * from './types.ts';
export { SqliteStore, StoreError, listMigrations, referenceDate, makeSnippet, storedContentCheck } from './sqlite.ts';
export { hanBigrams, indexTokens, queryTokens, queryWords } from './segment.ts';

/** `./data/observatory.db`, or `TWINCITY_STORE` when set; an explicit path wins over both. */
export function resolveStorePath(path?: string): string {
  return resolve(path ?? process.env.TWINCITY_STORE ?? './data/observatory.db');
}

/** Opens (creating and migrating as needed) the store at `path`, default `resolveStorePath()`. */
export function openStore(path?: string, opts: OpenStoreOptions = {}): Store {
  return new SqliteStore(resolveStorePath(path), opts);
}

/**
 * Opens a store that must already exist (query commands): a missing file is an error naming the
 * path, rather than a silently created empty store.
 */
export function openExistingStore(path?: string, opts: OpenStoreOptions = {}): Store {
  const resolved = resolveStorePath(path);
  if (!existsSync(resolved)) {
    throw new StoreError(`no store at ${resolved}: run \`twincity ingest PATH…\` first, or pass --store PATH / set TWINCITY_STORE`);
  }
  return new SqliteStore(resolved, opts);
}
