/**
 * The Store's sources-and-changes methods (issue 14) over a driver: SqlStore delegates to one of
 * these, so what the watcher needs lives beside its SQL (sources.ts, changes.ts) rather than in the
 * store's main file.
 */
import { listChanges, recordChange } from './changes.ts';
import {
  addSourceError,
  deleteSource,
  dueSources,
  getSource,
  insertSource,
  listSourceErrors,
  listSources,
  markSeen,
  recordFetch,
  seenItems,
} from './sources.ts';
import type { SqlDriver } from './sql.ts';
import type { Change, ChangeQuery, NewChange, NewSource, Source, SourceError, SourceFetchOutcome } from './types.ts';

export class WatchState {
  constructor(
    private readonly db: SqlDriver,
    /** Makes the store's own error type (StoreError) without importing sql-store.ts back. */
    private readonly fail: (message: string) => Error,
  ) {}

  sources(): Promise<Source[]> {
    return listSources(this.db);
  }
  source(idOrLocation: number | string): Promise<Source | null> {
    return getSource(this.db, idOrLocation);
  }
  async addSource(source: NewSource): Promise<Source> {
    const added = await insertSource(this.db, source, new Date().toISOString());
    if (!added) throw this.fail(`${source.location} is a source already (twincity source list)`);
    return added;
  }
  removeSource(idOrLocation: number | string): Promise<boolean> {
    return this.db.transaction(() => deleteSource(this.db, idOrLocation));
  }
  dueSources(now: string, claimUntil?: string): Promise<Source[]> {
    return dueSources(this.db, now, claimUntil);
  }
  recordSourceFetch(sourceId: number, outcome: SourceFetchOutcome): Promise<void> {
    return this.db.transaction(() => recordFetch(this.db, sourceId, outcome));
  }
  recordSourceError(sourceId: number, error: SourceError): Promise<void> {
    return this.db.transaction(() => addSourceError(this.db, sourceId, error));
  }
  sourceErrors(sourceId: number, limit?: number): Promise<SourceError[]> {
    return listSourceErrors(this.db, sourceId, limit);
  }
  seenItems(sourceId: number, keys: readonly string[]): Promise<Map<string, string>> {
    return seenItems(this.db, sourceId, keys);
  }
  markItemsSeen(sourceId: number, items: readonly { key: string; state?: string }[]): Promise<void> {
    return this.db.transaction(() => markSeen(this.db, sourceId, items, new Date().toISOString()));
  }
  recordChange(change: NewChange): Promise<void> {
    return recordChange(this.db, change);
  }
  changes(q?: ChangeQuery): Promise<Change[]> {
    return listChanges(this.db, q);
  }
}
