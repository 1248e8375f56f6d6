/**
 * The store: one repository module the CLI, the HTTP API and ingest go through. `openStore` picks
 * the implementation (SQLite today); callers only see the `Store` interface from `types.ts`.
 */
import { resolve } from 'node:path';

export * from './types.ts';

/** `./data/observatory.db`, or `TWINCITY_STORE` when set; an explicit path wins over both. */
export function resolveStorePath(path?: string): string {
  return resolve(path ?? process.env.TWINCITY_STORE ?? './data/observatory.db');
}

import type { OpenStoreOptions, Store } from './types.ts';
import { SqliteStore } from './sqlite.ts';

/** Opens (creating and migrating as needed) the store at `path`, default `resolveStorePath()`. */
export function openStore(path?: string, opts: OpenStoreOptions = {}): Store {
  return new SqliteStore(resolveStorePath(path), opts);
}

export { SqliteStore, StoreError, listMigrations, referenceDate, makeSnippet } from './sqlite.ts';
export { indexTokens, queryTokens } from './segment.ts';
