/**
 * What the store's modules share: the driver, the catalogue and conflict window it reconciles with,
 * and the open write transaction's marks. SqlStore (sql-store.ts) owns one and passes it to the
 * writer, the derived rebuild, the queries, search and exports, which are functions over it.
 */
import type { Catalog } from '../reconcile/index.ts';
import type { Params, SqlDriver } from './sql.ts';

export interface StoreContext {
  readonly db: SqlDriver;
  readonly catalog: Catalog;
  /** Conflicts: as-of dates this many days apart still count as the same moment. */
  readonly windowDays: number;
  /** What derived rows depend on besides the facts: catalogue, conflict window, DERIVED_VERSION (derived.ts). */
  readonly derivedBasis: string;
  /**
   * Indicators already inserted or marked dirty by the open write transaction: a batch writes
   * thousands of facts to a few hundred indicators. Valid for one transaction only (the driver runs
   * one writer at a time; a refresh elsewhere may clear the marks between two).
   */
  readonly markedInTransaction: Set<string>;
  /** Indicators analysts merged into others (curated_indicators.merged_into), read at open and after each indicator decision. */
  mergedInto: ReadonlyMap<string, string>;
}

/** A LIMIT both databases read as "all rows". */
export const NO_LIMIT = 2_147_483_647;

/**
 * Rows in as few statements as the dialect's rowsPerInsert and the parameter limits allow
 * (SQLite's 32 766, PostgreSQL's 65 535): `insert` ends in VALUES, `row` is one row's tuple,
 * `tail` follows them all (ON CONFLICT …, RETURNING …); the rows a RETURNING tail gives come back.
 */
export async function insertRows<R = never>(db: SqlDriver, insert: string, row: string, rows: readonly (readonly unknown[])[], tail = ''): Promise<R[]> {
  const returned: R[] = [];
  if (!rows.length) return returned;
  const perRow = rows[0].length;
  const chunk = Math.max(1, Math.min(db.dialect.rowsPerInsert, Math.floor(30_000 / perRow)));
  for (let at = 0; at < rows.length; at += chunk) {
    const part = rows.slice(at, at + chunk);
    const sql = insert + part.map(() => row).join(', ') + tail;
    if (tail.includes('RETURNING')) returned.push(...(await db.all<R>(sql, part.flat())));
    else await db.run(sql, part.flat());
  }
  return returned;
}

/** Inserted rows' ids, in the order of their `ord`. */
export const idsByOrd = (rows: readonly { id: number; ord: number }[]): number[] => {
  const ids: number[] = [];
  for (const r of rows) ids[r.ord] = r.id;
  return ids;
};

/** The `n` a counting statement gives (0 when it gives no row). */
export async function count(db: SqlDriver, sql: string, params?: Params): Promise<number> {
  return (await db.get<{ n: number }>(sql, params))?.n ?? 0;
}

export async function setMeta(db: SqlDriver, key: string, value: string): Promise<void> {
  await db.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

export async function getMeta(db: SqlDriver, key: string): Promise<string | null> {
  return (await db.get<{ value: string }>('SELECT value FROM store_meta WHERE key = ?', [key]))?.value ?? null;
}
