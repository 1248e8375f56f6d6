/**
 * Exports stream: a store of 20 000 quantities is written out as it is read, a page at a time, and
 * the streamed files are what the in-memory writers make of the whole tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, makeSpan } from '../document/index.ts';
import { SqliteDriver } from './drivers/sqlite.ts';
import { csvStream, jsonLinesStream, jsonStream, parseJsonLines, tablesToJson, tableToCsv, xlsxStream, xlsxToGrids } from './export.ts';
import { SqlStore } from './sql-store.ts';
import type { Params } from './sql.ts';

const ROWS = 20_000;
const PAGE = 1000;
const TEXT = '两地300余家零部件企业参与对方整车配套。';

/** One report with one figure, through the writer; then ROWS − 1 copies of the figure, straight into the table. */
async function fill(path: string): Promise<void> {
  const store = await SqlStore.open(new SqliteDriver(path));
  const span = makeSpan(TEXT, 2, 7);
  await store.ingestDocument(
    createDocument({
      source: 'many.txt',
      location: '/reports/many.txt',
      format: 'text',
      contentHash: 'many',
      charset: 'utf-8',
      raw: TEXT,
      text: TEXT,
      meta: { title: '许多数据', published: '2022-06-28', author: null, site: null, url: null, categories: [] },
      quantities: [
        {
          span,
          sentence: makeSpan(TEXT, 0, TEXT.length),
          stage: 'test@1',
          status: 'actual',
          cues: { period: null, region: null },
          value: 300,
          unit: '家',
          approx: 'over',
          measure: 'level',
          subject: '零部件企业',
          period: null,
          region: '成渝',
        },
      ],
    }),
  );
  await store.close();
  const db = new Database(path);
  const columns = (db.prepare('PRAGMA table_info(quantities)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
  // every other copy's subject reads as a formula, which the CSV must defuse
  const copied = columns.map((c) => (c === 'ord' ? 'n.i' : c === 'subject' ? "CASE WHEN n.i % 2 = 0 THEN '=' || subject ELSE subject END" : c));
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})
    INSERT INTO quantities (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM quantities, n WHERE quantities.id = 1`);
  db.exec(`UPDATE table_counts SET n = ${ROWS} WHERE name = 'quantities'`);
  db.close();
}

/** A stream's text, with how many pages of quantities had been read when each chunk arrived. */
async function readAll(stream: Readable, pagesRead: () => number = () => 0): Promise<{ bytes: Buffer; text: string; pagesAtChunk: number[] }> {
  const chunks: Buffer[] = [];
  const pagesAtChunk: number[] = [];
  for await (const chunk of stream) {
    pagesAtChunk.push(pagesRead());
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  }
  const bytes = Buffer.concat(chunks);
  return { bytes, text: bytes.toString('utf8'), pagesAtChunk };
}

describe('streamed exports', () => {
  let dir: string;
  let store: SqlStore;
  let quantityPages = 0;
  let streamedCsv = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-export-'));
    const path = join(dir, 'store.db');
    await fill(path);
    const driver = new SqliteDriver(path);
    // count the reads of quantity pages as the export makes them
    const all = driver.all.bind(driver);
    driver.all = <T>(sql: string, params?: Params): Promise<T[]> => {
      if (sql.includes('FROM quantities q LEFT JOIN quantity_indicator')) quantityPages++;
      return all<T>(sql, params);
    };
    store = await SqlStore.open(driver);
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes CSV as the pages are read, every row, formulas defused', async () => {
    const [quantities] = store.exportStreams({ tables: ['quantities'], pageSize: PAGE });
    expect(quantities.name).toBe('quantities');
    quantityPages = 0;
    // nothing is read before the stream is
    const stream = csvStream(quantities);
    expect(quantityPages).toBe(0);
    const { text, pagesAtChunk } = await readAll(stream, () => quantityPages);
    expect(quantityPages).toBeGreaterThanOrEqual(ROWS / PAGE);
    // the first bytes went out before the last page was read
    expect(pagesAtChunk[0]).toBeLessThan(quantityPages);
    expect(pagesAtChunk.length).toBeGreaterThan(1);
    streamedCsv = text;
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '\uFEFF数据编号,报告编号,指标编号,主题,数值,上限,单位,限定,类型,期间起,期间止,地区,原文,起始位置,结束位置,所在句子,抽取阶段,状态,人工校核,校核人',
    );
    expect(lines.length).toBe(ROWS + 1);
    expect(lines.filter((l) => l.includes(",'=零部件企业,")).length).toBe(Math.floor((ROWS - 1) / 2));
    expect(lines.some((l) => l.includes(',=零部件企业'))).toBe(false);
  });

  it('streams JSON Lines and JSON, and the same bytes as the whole tables give', async () => {
    const whole = await store.exportTables();
    const lines = parseJsonLines((await readAll(jsonLinesStream(store.exportStreams({ pageSize: PAGE })))).text);
    expect(lines.get('quantities')?.length).toBe(ROWS);
    // compared as text: a deep comparison of 20 000 rows costs more than the export
    for (const t of whole) expect(JSON.stringify(lines.get(t.name) ?? []), t.name).toBe(JSON.stringify(t.rows));
    const json = (await readAll(jsonStream(store.exportStreams({ pageSize: PAGE })))).text;
    expect(json).toBe(tablesToJson(whole));
    expect(streamedCsv).toBe(tableToCsv(whole.find((t) => t.name === 'quantities')!));
  });

  it('streams XLSX, a sheet per table, every row', async () => {
    quantityPages = 0;
    const { bytes, pagesAtChunk } = await readAll(xlsxStream(store.exportStreams({ tables: ['reports', 'quantities'], pageSize: PAGE })), () => quantityPages);
    expect(quantityPages).toBeGreaterThanOrEqual(ROWS / PAGE);
    expect(pagesAtChunk[0]).toBeLessThan(quantityPages);
    const grids = await xlsxToGrids(bytes);
    expect([...grids.keys()]).toEqual(['报告', '数据']);
    expect(grids.get('数据')!.length).toBe(ROWS + 1);
    expect(grids.get('数据')![0][0]).toBe('数据编号');
  });

  it('continues a long table on further sheets, each with its header', async () => {
    const { bytes } = await readAll(xlsxStream(store.exportStreams({ tables: ['quantities'], pageSize: PAGE }), { sheetRows: 8_000 }));
    const grids = await xlsxToGrids(bytes);
    expect([...grids.keys()]).toEqual(['数据', '数据 (2)', '数据 (3)']);
    expect([...grids.values()].map((g) => g.length)).toEqual([8_001, 8_001, ROWS - 16_000 + 1]);
    expect(grids.get('数据 (3)')![0][0]).toBe('数据编号');
  });
});
