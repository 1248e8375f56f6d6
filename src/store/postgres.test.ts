// The PostgreSQL store answers as the SQLite store does: the five reports ingested into both, every
// query compared. (Ids agree too: both number rows in insertion order.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDocument, readInputs } from '../pipeline.ts';
import { freshDatabase, postgresAvailable } from '../../test/postgres.ts';
import { openStore, storedContentCheck, type Store } from './index.ts';

const corpusDir = fileURLToPath(new URL('../../data/corpus/', import.meta.url));

describe.skipIf(!postgresAvailable)('PostgreSQL store beside SQLite', () => {
  let dir: string;
  let lite: Store;
  let pg: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-pg-parity-'));
    const db = await freshDatabase();
    drop = db.drop;
    lite = await openStore(join(dir, 'o.db'));
    pg = await openStore(db.url);
    for await (const result of readInputs([corpusDir])) {
      if (!result.ok) throw result.error;
      const doc = processDocument(result.doc);
      await lite.ingestDocument(doc, result.bytes);
      await pg.ingestDocument(doc, result.bytes);
    }
    await lite.refreshDerived();
    await pg.refreshDerived();
  }, 120_000);

  afterAll(async () => {
    await lite?.close();
    await pg?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const both = async <T>(query: (s: Store) => Promise<T>): Promise<[T, T]> => [await query(lite), await query(pg)];

  it('holds the same reports, facts, indicators, series and conflicts', async () => {
    // where the store is, its schema's numbering and when it was written differ; nothing else may
    const unplaced = <T extends object>(stats: T) => ({ ...stats, path: null, schemaVersion: null, lastIngestAt: null, derivedAt: null });
    const [a, b] = await both((s) => s.stats());
    expect(unplaced(b)).toEqual(unplaced(a));
    expect(a.reports).toBe(5);
    const untimed = <T extends { ingestedAt: string } | null>(r: T) => (r ? { ...r, ingestedAt: null } : r);
    const [reports, pgReports] = await both((s) => s.reports({ limit: 50 }));
    expect(pgReports.rows.map(untimed)).toEqual(reports.rows.map(untimed));
    for (const r of reports.rows) expect(untimed(await pg.report(r.id))).toEqual(untimed(await lite.report(r.id)));
    const [indicators, pgIndicators] = await both((s) => s.indicators());
    expect(pgIndicators).toEqual(indicators);
    for (const i of indicators) expect(await pg.indicator(i.id)).toEqual(await lite.indicator(i.id));
    expect((await pg.conflicts()).total).toBeGreaterThan(0);
    expect(await pg.conflicts()).toEqual(await lite.conflicts());
    const [overview, pgOverview] = await both((s) => s.overview());
    expect({ ...pgOverview, stats: unplaced(pgOverview.stats) }).toEqual({ ...overview, stats: unplaced(overview.stats) });
  });

  it('gives the same timeline, items and exports', async () => {
    for (const q of [{}, { area: '交通枢纽' }, { from: '2022-01', to: '2022-06' }]) expect(await pg.timeline(q)).toEqual(await lite.timeline(q));
    for (const q of [{}, { area: '科技创新' }]) expect(await pg.items(q)).toEqual(await lite.items(q));
    const [tables, pgTables] = await both((s) => s.exportTables());
    // the time of ingest differs; so may the order of a list of ids within a cell
    const cell = (key: string, v: unknown) =>
      key === 'ingested_at' ? null : typeof v === 'string' && /^\d+(,\d+)*$/.test(v) ? v.split(',').sort().join(',') : v;
    const cells = (t: typeof tables) =>
      t.map((table) => ({ ...table, rows: table.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(k, v)]))) }));
    expect(cells(pgTables)).toEqual(cells(tables));
  });

  it('reads exports page by page as it reads them whole, on both databases', async () => {
    for (const s of [lite, pg]) {
      const whole = await s.exportTables();
      // pages of two rows: every table with more rows than that is read across pages
      const paged = s.exportStreams({ pageSize: 2 });
      expect(paged.map((t) => t.name)).toEqual(whole.map((t) => t.name));
      for (const [i, table] of paged.entries()) {
        const rows = [];
        for await (const row of table.rows()) rows.push(row);
        expect(rows, table.name).toEqual(whole[i].rows);
      }
    }
    expect(pg.exportStreams({ tables: ['series'] }).map((t) => t.name)).toEqual(['series']);
  });

  it('finds the same hits for Chinese words, whole and inside compounds', async () => {
    for (const word of ['高铁', '氢能', '川渝通办', '通办', '成渝 高铁', '中欧班列', '零部件', "it's & !x ( 高铁:*"]) {
      const [a, b] = await both((s) => s.search(word, { limit: 200 }));
      expect(b, word).toEqual(a);
    }
    expect((await pg.search('通办')).total).toBeGreaterThan(0);
  });

  it('answers the extraction workers whether a report is stored as it is', async () => {
    const check = storedContentCheck(pg.location);
    try {
      const [stored] = (await pg.reports({ limit: 1 })).rows;
      expect(await check(stored.location, stored.source, stored.contentHash)).toBe(true);
      expect(await check(stored.location, stored.source, 'another')).toBe(false);
      expect(await check('/elsewhere/copy.html', 'copy.html', stored.contentHash)).toBe(true);
    } finally {
      await check.close();
    }
  });
});
