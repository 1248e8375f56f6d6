/**
 * The store: one repository module the CLI, the HTTP API and ingest go through. `openStore` picks
 * the database from where the store is: a file path is SQLite (the embedded default), a
 * `postgres://` URL is PostgreSQL (shared deployments). Callers only see `Store` from `types.ts`.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { PostgresDriver } from './drivers/postgres.ts';
import { SqliteDriver } from './drivers/sqlite.ts';
import { SqlStore, StoreError } from './sql-store.ts';
import type { OpenStoreOptions, Store } from './types.ts';

export * from './types.ts';
export { SqlStore, StoreError, listMigrations, referenceDate, makeSnippet } from './sql-store.ts';
export { hanBigrams, indexTokens, queryTokens, queryWords } from './search-terms.ts';

import { isDatabaseUrl, resolveStorePath } from './location.ts';
export { isDatabaseUrl, resolveStorePath } from './location.ts';

/** Opens (creating and migrating as needed) the store at `location`, default `resolveStorePath()`. */
export function openStore(location?: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const resolved = resolveStorePath(location);
  const driver = isDatabaseUrl(resolved) ? new PostgresDriver(resolved) : new SqliteDriver(resolved, { readonly: opts.readonly });
  return SqlStore.open(driver, opts);
}

/**
 * Opens a store that must already exist (query commands): a missing file is an error naming the
 * path, rather than a silently created empty store. (A database URL is opened as it is.)
 */
export function openExistingStore(location?: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const resolved = resolveStorePath(location);
  if (!isDatabaseUrl(resolved) && !existsSync(resolved)) {
    return Promise.reject(new StoreError(`no store at ${resolved}: run \`twincity ingest PATH…\` first, or pass --store PATH / set TWINCITY_STORE`));
  }
  return openStore(resolved, opts);
}

/** Answers whether a report is stored exactly as it is; see storedContentCheck. */
export type StoredContentCheck = ((location: string, source: string, contentHash: string) => Promise<boolean>) & { close(): Promise<void> };

const AT_PLACE = 'SELECT content_hash FROM reports WHERE location = ? AND source = ?';
const ANYWHERE = 'SELECT 1 AS found FROM reports WHERE content_hash = ? LIMIT 1';

/**
 * Whether a report is already stored exactly as it is, by the rule ingestDocument applies (the same
 * content at its place, or a new place whose content is stored elsewhere): then writing it would be
 * a no-op. Read-only, for the extraction workers, so that a re-run over the same files skips
 * cleaning and extracting what it would throw away. The answer may be stale (the writer commits
 * later); a stale "no" costs only the extraction, and the writer decides as before.
 */
export function storedContentCheck(location: string): StoredContentCheck {
  if (isDatabaseUrl(location)) {
    const db = new PostgresDriver(location, { max: 1 });
    const check = async (place: string, source: string, contentHash: string) => {
      const stored = await db.get<{ content_hash: string }>(AT_PLACE, [place, source]);
      return stored ? stored.content_hash === contentHash : (await db.get(ANYWHERE, [contentHash])) !== undefined;
    };
    return Object.assign(check, { close: () => db.close() });
  }
  // SQLite: a read-only connection of its own, synchronous underneath.
  const db = new Database(location, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 60000');
  const atPlace = db.prepare(AT_PLACE).pluck();
  const anywhere = db.prepare(ANYWHERE).pluck();
  const check = async (place: string, source: string, contentHash: string) => {
    const stored = atPlace.get(place, source) as string | undefined;
    return stored !== undefined ? stored === contentHash : anywhere.get(contentHash) !== undefined;
  };
  return Object.assign(check, { close: async () => void db.close() });
}
