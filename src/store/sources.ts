/**
 * Subscribed sources and their state (issue 14), on the SQL driver both databases share. The
 * watcher (src/watch) decides what to fetch and when; this file only keeps what it learned: the
 * schedule, the HTTP validators, the items seen and the errors.
 */
import type { SqlSession } from './sql.ts';
import type { NewSource, Source, SourceError, SourceFetchOutcome } from './types.ts';

/** Errors kept per source: enough to see a pattern, bounded however long a source keeps failing. */
export const SOURCE_ERRORS_KEPT = 50;

interface SourceRow {
  id: number;
  kind: Source['kind'];
  location: string;
  name: string;
  every_seconds: number;
  added_at: string;
  next_due_at: string;
  last_fetch_at: string | null;
  last_ok_at: string | null;
  etag: string | null;
  last_modified: string | null;
  items_seen: number;
  consecutive_errors: number;
  last_error: string | null;
  last_error_at: string | null;
}

const fromRow = (r: SourceRow): Source => ({
  id: r.id,
  kind: r.kind,
  location: r.location,
  name: r.name,
  everySeconds: r.every_seconds,
  addedAt: r.added_at,
  nextDueAt: r.next_due_at,
  lastFetchAt: r.last_fetch_at,
  lastOkAt: r.last_ok_at,
  etag: r.etag,
  lastModified: r.last_modified,
  itemsSeen: r.items_seen,
  consecutiveErrors: r.consecutive_errors,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
});

const byKey = (idOrLocation: number | string): [string, number | string] =>
  typeof idOrLocation === 'number' ? ['id = ?', idOrLocation] : ['location = ?', idOrLocation];

export async function listSources(db: SqlSession): Promise<Source[]> {
  return (await db.all<SourceRow>('SELECT * FROM sources ORDER BY id')).map(fromRow);
}

export async function getSource(db: SqlSession, idOrLocation: number | string): Promise<Source | null> {
  const [where, value] = byKey(idOrLocation);
  const row = await db.get<SourceRow>(`SELECT * FROM sources WHERE ${where}`, [value]);
  return row ? fromRow(row) : null;
}

/** Inserts a source, due at once; null when its location is a source already. */
export async function insertSource(db: SqlSession, source: NewSource, now: string): Promise<Source | null> {
  if (!Number.isInteger(source.everySeconds) || source.everySeconds < 1)
    throw new Error(`addSource: everySeconds must be a positive integer, got ${source.everySeconds}`);
  const row = await db.get<SourceRow>(
    `INSERT INTO sources (kind, location, name, every_seconds, added_at, next_due_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (location) DO NOTHING RETURNING *`,
    [source.kind, source.location, source.name, source.everySeconds, now, now],
  );
  return row ? fromRow(row) : null;
}

export async function deleteSource(db: SqlSession, idOrLocation: number | string): Promise<boolean> {
  const source = await getSource(db, idOrLocation);
  if (!source) return false;
  // explicit, not only ON DELETE CASCADE: a SQLite connection may have foreign keys off
  await db.run('DELETE FROM source_items WHERE source_id = ?', [source.id]);
  await db.run('DELETE FROM source_errors WHERE source_id = ?', [source.id]);
  return (await db.run('DELETE FROM sources WHERE id = ?', [source.id])) > 0;
}

export async function dueSources(db: SqlSession, now: string, claimUntil?: string): Promise<Source[]> {
  const rows = claimUntil
    ? await db.all<SourceRow>('UPDATE sources SET next_due_at = ? WHERE next_due_at <= ? RETURNING *', [claimUntil, now])
    : await db.all<SourceRow>('SELECT * FROM sources WHERE next_due_at <= ?', [now]);
  // RETURNING keeps no order (and shows the claimed time): in the order they were added
  return rows.map(fromRow).sort((a, b) => a.id - b.id);
}

export async function addSourceError(db: SqlSession, sourceId: number, error: SourceError): Promise<void> {
  await db.run('INSERT INTO source_errors (source_id, at, location, reason) VALUES (?, ?, ?, ?)', [sourceId, error.at, error.location, error.reason]);
  await db.run(
    `DELETE FROM source_errors WHERE source_id = ? AND id NOT IN
    (SELECT id FROM source_errors WHERE source_id = ? ORDER BY id DESC LIMIT ${SOURCE_ERRORS_KEPT})`,
    [sourceId, sourceId],
  );
}

export async function recordFetch(db: SqlSession, sourceId: number, outcome: SourceFetchOutcome): Promise<void> {
  if (outcome.ok) {
    // validators only change when the answer brought them (a 304 keeps the old ones)
    await db.run(
      `UPDATE sources SET last_fetch_at = @at, last_ok_at = @at, next_due_at = @due, consecutive_errors = 0,
      etag = CASE WHEN @setValidators = 1 THEN @etag ELSE etag END,
      last_modified = CASE WHEN @setValidators = 1 THEN @lastModified ELSE last_modified END WHERE id = @id`,
      {
        at: outcome.at,
        due: outcome.nextDueAt,
        setValidators: outcome.etag !== undefined || outcome.lastModified !== undefined ? 1 : 0,
        etag: outcome.etag ?? null,
        lastModified: outcome.lastModified ?? null,
        id: sourceId,
      },
    );
    return;
  }
  await db.run(
    `UPDATE sources SET last_fetch_at = ?, next_due_at = ?, consecutive_errors = consecutive_errors + 1,
    last_error = ?, last_error_at = ? WHERE id = ?`,
    [outcome.at, outcome.nextDueAt, outcome.reason, outcome.at, sourceId],
  );
  await addSourceError(db, sourceId, { at: outcome.at, location: outcome.location, reason: outcome.reason });
}

export async function listSourceErrors(db: SqlSession, sourceId: number, limit = SOURCE_ERRORS_KEPT): Promise<SourceError[]> {
  return db.all<SourceError>('SELECT at, location, reason FROM source_errors WHERE source_id = ? ORDER BY id DESC LIMIT ?', [
    sourceId,
    Math.max(1, Math.min(SOURCE_ERRORS_KEPT, Math.floor(limit))),
  ]);
}

export async function seenItems(db: SqlSession, sourceId: number, keys: readonly string[]): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  // in slices: SQLite caps the parameters of one statement
  for (let i = 0; i < keys.length; i += 500) {
    const slice = keys.slice(i, i + 500);
    const rows = await db.all<{ item_key: string; state: string }>(
      `SELECT item_key, state FROM source_items WHERE source_id = ? AND item_key IN (${slice.map(() => '?').join(', ')})`,
      [sourceId, ...slice],
    );
    for (const r of rows) seen.set(r.item_key, r.state);
  }
  return seen;
}

/** Records items as seen (a known item takes its new state); items_seen counts distinct items. */
export async function markSeen(db: SqlSession, sourceId: number, items: readonly { key: string; state?: string }[], now: string): Promise<void> {
  for (const item of items) {
    await db.run(
      `INSERT INTO source_items (source_id, item_key, state, seen_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source_id, item_key) DO UPDATE SET state = excluded.state, seen_at = excluded.seen_at`,
      [sourceId, item.key, item.state ?? '', now],
    );
  }
  await db.run('UPDATE sources SET items_seen = (SELECT count(*) FROM source_items WHERE source_id = ?) WHERE id = ?', [sourceId, sourceId]);
}
