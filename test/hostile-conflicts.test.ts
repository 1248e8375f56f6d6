/**
 * Conflicts as groups under a flood (issue 16): 1,500 one-line reports, each giving its own value
 * for one indicator and moment, are ONE conflict of 1,500 values — not 1,124,250 pairs — and its
 * listing, its values and its CSV export are read a bounded page at a time. No timing is asserted.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDocument } from '../src/pipeline.ts';
import { readBytes } from '../src/read/index.ts';
import { buildServer } from '../src/serve/app.ts';
import { SqliteDriver } from '../src/store/drivers/sqlite.ts';
import { csvStream } from '../src/store/export.ts';
import { CONFLICT_MEMBERS_INLINE, SqlStore } from '../src/store/sql-store.ts';
import type { Params } from '../src/store/sql.ts';
import type { Conflict, ConflictMember, Page } from '../src/store/types.ts';

const REPORTS = 1500;
const scratch = mkdtempSync(join(tmpdir(), 'twincity-hostile-conflicts-'));
const path = join(scratch, 'flood.db');
let store: SqlStore;
let driver: SqliteDriver;
let exportPages = 0;

const report = (i: number) =>
  processDocument(
    readBytes(new TextEncoder().encode(`零部件配套第${i}报\n\n2024年6月28日\n\n截至目前，两地共有${1000 + i}家零部件企业参与对方整车配套。\n`), {
      location: `/flood/${i}.txt`,
    })[0],
  );

beforeAll(async () => {
  driver = new SqliteDriver(path);
  // count the pages of conflict rows the export reads
  const all = driver.all.bind(driver);
  driver.all = <T>(sql: string, params?: Params): Promise<T[]> => {
    if (sql.includes('JOIN conflict_members cm ON cm.conflict_id = c.id')) exportPages++;
    return all<T>(sql, params);
  };
  store = await SqlStore.open(driver);
  const docs = Array.from({ length: REPORTS }, (_, i) => report(i));
  await store.writeBatch(async () => {
    for (const doc of docs) await store.ingestDocument(doc);
  });
  await store.refreshDerived();
}, 300_000);

afterAll(async () => {
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('1,500 reports disagreeing on one figure', () => {
  it('make one conflict group of 1,500 values, listed with a bounded few', async () => {
    expect((await store.stats()).conflicts).toBe(1);
    const page = await store.conflicts({ limit: 500 });
    expect(page.total).toBe(1);
    const [group] = page.rows;
    expect(group).toMatchObject({ indicatorId: 'parts_suppliers_cross_supply', date: '2024-06-28', memberCount: REPORTS, reportCount: REPORTS });
    expect(group.members).toHaveLength(CONFLICT_MEMBERS_INLINE);
    expect(group.members.every((m) => m.sources.length === 1 && m.sourceTotal === 1)).toBe(true);
    expect(group.reason).toMatch(/^同期 1500 个数值相互矛盾：/);
    expect(group.reason.length).toBeLessThan(200);
    const [indicator] = (await store.indicators()).filter((i) => i.id === group.indicatorId);
    expect(indicator).toMatchObject({ pointCount: REPORTS, conflictCount: 1 });
    // the indicator page's conflicts: the one group, bounded the same way
    const detail = (await store.indicator(group.indicatorId))!;
    expect(detail.conflicts.map((c) => c.members.length)).toEqual([CONFLICT_MEMBERS_INLINE]);
    // and every point of the series is flagged as a value of it
    expect(detail.conflictedOrds).toHaveLength(REPORTS);
    // one change for the new group, not one per pair
    expect((await store.changes({ kinds: ['conflict'] })).length).toBe(1);
  });

  it('pages through every value once', async () => {
    const [group] = (await store.conflicts()).rows;
    const seen = new Set<number>();
    for (let offset = 0; ; offset += 1000) {
      const page = (await store.conflictMembers(group.id, { limit: 1000, offset }))!;
      expect(page.total).toBe(REPORTS);
      expect(page.rows.length).toBeLessThanOrEqual(1000);
      for (const m of page.rows) seen.add(m.value);
      if (page.rows.length < 1000) break;
    }
    expect(seen.size).toBe(REPORTS);
  });

  it('keeps the store bounded: 1,500 member rows, not a million pairs', async () => {
    const db = driver;
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM conflict_members'))!.n).toBe(REPORTS);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM conflicts'))!.n).toBe(1);
    const bytes = readdirSync(scratch).reduce((n, f) => n + statSync(join(scratch, f)).size, 0);
    expect(bytes).toBeLessThan(40 * 1024 * 1024);
  });

  it('exports the group as one CSV row per value, streamed a page at a time', async () => {
    const [conflicts] = store.exportStreams({ tables: ['conflicts'], pageSize: 100 });
    exportPages = 0;
    const stream: Readable = csvStream(conflicts);
    expect(exportPages).toBe(0);
    const pagesAtChunk: number[] = [];
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      pagesAtChunk.push(exportPages);
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    }
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\uFEFF冲突编号,指标编号,指标名称,地区,日期,数值个数,数值序号,数值,/);
    expect(lines).toHaveLength(REPORTS + 1);
    expect(exportPages).toBeGreaterThanOrEqual(REPORTS / 100);
    expect(pagesAtChunk[0]).toBeLessThan(exportPages);
  });

  it('answers the API with one group and its values paged', async () => {
    const app = await buildServer({ store, webRoot: null, rateLimitPerMinute: false });
    try {
      const list = (await app.inject({ url: '/api/conflicts' })).json<Page<Conflict>>();
      expect(list.total).toBe(1);
      expect(list.rows[0].members).toHaveLength(CONFLICT_MEMBERS_INLINE);
      const members = (await app.inject({ url: `/api/conflicts/${list.rows[0].id}/members?limit=1000&offset=1000` })).json<Page<ConflictMember>>();
      expect(members).toMatchObject({ total: REPORTS, offset: 1000 });
      expect(members.rows).toHaveLength(REPORTS - 1000);
      expect((await app.inject({ url: '/api/conflicts/1/members?limit=5000' })).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
