/**
 * The store over the five bundled reports, read, cleaned and extracted by the real pipeline: what
 * an analyst sees first. Every fact is checked against the text under its span.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../document/index.ts';
import { processDocument, readInputs } from '../pipeline.ts';
import { gridToCsv, tablesToXlsx, tableToCsv, xlsxToGrids } from './export.ts';
import { openStore, type IngestStatus, type Store } from './index.ts';

const corpusDir = fileURLToPath(new URL('../../data/corpus/', import.meta.url));

async function ingestCorpus(store: Store): Promise<IngestStatus[]> {
  const statuses: IngestStatus[] = [];
  for await (const result of readInputs([corpusDir])) {
    if (!result.ok) throw result.error;
    statuses.push((await store.ingestDocument(processDocument(result.doc), result.bytes)).status);
  }
  await store.refreshDerived();
  return statuses;
}

let dir: string;
let store: Store;
let firstRun: IngestStatus[];
let secondRun: IngestStatus[];
let statsAfterFirst: Awaited<ReturnType<Store['stats']>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twincity-corpus-'));
  store = await openStore(join(dir, 'observatory.db'));
  firstRun = await ingestCorpus(store);
  statsAfterFirst = await store.stats();
  secondRun = await ingestCorpus(store);
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The stored report's text under a span. */
const under = async (reportId: number, span: [number, number]) => textOf((await store.report(reportId))!.text, span);

describe('the five reports in a store', () => {
  it('ingests all five, and a second run changes nothing', async () => {
    expect(firstRun).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(secondRun).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const { lastIngestAt: _a, derivedAt: _b, ...before } = statsAfterFirst;
    const { lastIngestAt: _c, derivedAt: _d, ...after } = await store.stats();
    expect(after).toEqual(before);
    expect(after.quantities).toBeGreaterThan(100);
  });

  it('finds 零部件企业 130家 vs 300余家 and 川渝通办 210项 vs 311项 in June 2022', async () => {
    const conflicts = (await store.conflicts({ limit: 1000 })).rows;
    const find = (indicatorId: string, values: number[]) =>
      conflicts.find(
        (c) =>
          c.indicatorId === indicatorId &&
          c.members
            .map((m) => m.value)
            .sort((x, y) => x - y)
            .join() === values.join(),
      );

    const parts = find('parts_suppliers_cross_supply', [130, 300]);
    expect(parts, 'parts conflict').toBeDefined();
    expect(parts!.date?.slice(0, 7)).toBe('2022-06');
    expect(parts!.members.find((m) => m.value === 300)!.approx).toBe('over');
    for (const member of parts!.members) {
      for (const s of member.sources) {
        expect(await under(s.reportId, s.span)).toBe(s.text);
        expect(s.sentence).toContain('零部件企业');
      }
    }

    const tongban = find('chuanyu_tongban_items', [210, 311]);
    expect(tongban, '川渝通办 conflict').toBeDefined();
    expect(tongban!.date?.slice(0, 7)).toBe('2022-06');
    const texts = await Promise.all(tongban!.members.flatMap((m) => m.sources).map((s) => under(s.reportId, s.span)));
    expect([...new Set(texts)].sort()).toEqual(['210项', '311项']);
  });

  it('gives 川渝通办 a series whose every point names its reports, sentences and spans', async () => {
    const indicator = (await store.indicator('chuanyu_tongban_items'))!;
    expect(indicator.catalogued).toBe(true);
    expect(indicator.series.length).toBeGreaterThanOrEqual(3);
    expect(indicator.sourceCount).toBeGreaterThanOrEqual(3);
    const dates = indicator.series.map((p) => p.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
    for (const point of indicator.series) {
      expect(point.sources.length).toBeGreaterThan(0);
      for (const s of point.sources) {
        expect(await under(s.reportId, s.span)).toBe(s.text);
        expect(s.text).toMatch(new RegExp(`^${point.value}`));
        // A batch (第一批95项事项) names the programme through the figure that counted its batches.
        expect(s.sentence).toMatch(/川渝通办|^第[一二三四五六七八九十\d]+批/);
      }
    }
    expect(indicator.series.map((p) => p.value)).toEqual(expect.arrayContaining([210, 311, 95]));
  });

  it('has at least one catalogued indicator with data in most key areas', async () => {
    const overview = await store.overview();
    const withData = overview.areas.filter((a) => a.indicators.length > 0).map((a) => a.area);
    expect(withData.length).toBeGreaterThanOrEqual(6);
  });

  it.each(['高铁', '氢能'])('search for %s finds exactly the reports that use the word', async (word) => {
    const reports = (await store.reports({ limit: 100 })).rows;
    const expected: number[] = [];
    for (const r of reports) if ((await store.report(r.id))!.text.includes(word)) expected.push(r.id);
    expected.sort();
    expect(expected.length).toBeGreaterThan(0);
    const hits = (await store.search(word, { limit: 200 })).rows;
    const reportHits = hits
      .filter((h) => h.kind === 'report')
      .map((h) => h.reportId)
      .sort();
    expect(reportHits).toEqual(expected);
    for (const h of hits) {
      expect(h.highlights.length).toBeGreaterThan(0);
      for (const [s, e] of h.highlights) expect(h.snippet.slice(s, e)).toBe(word);
    }
  });

  it('exports XLSX that reads back to the same cells as the CSV', async () => {
    const tables = await store.exportTables();
    expect(tables.map((t) => t.name)).toEqual(['reports', 'quantities', 'indicators', 'series', 'conflicts', 'events', 'items', 'failures']);
    const grids = await xlsxToGrids(await tablesToXlsx(tables));
    for (const table of tables) {
      const csv = tableToCsv(table);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain(table.columns[0].header);
      const grid = grids.get(table.title);
      expect(grid, table.title).toBeDefined();
      expect(gridToCsv(grid!)).toBe(csv);
    }
    const quantities = tables.find((t) => t.name === 'quantities')!;
    expect(quantities.rows.length).toBe((await store.stats()).quantities);
  });

  it('keeps the raw bytes of every report', async () => {
    for await (const raw of store.raws()) {
      const original = readFileSync(raw.location);
      expect(Buffer.from(raw.bytes!).equals(original)).toBe(true);
    }
  });
});

describe('derived state kept up to date report by report', () => {
  /** Everything refreshDerived derives, as the queries return it. */
  const derived = async (s: Store) => {
    const all = [];
    for (const i of await s.indicators()) {
      const detail = (await s.indicator(i.id))!;
      // row ids are the rebuild's: a conflict is known by its key, a value by its place in the series
      const conflicts = detail.conflicts.map(({ id: _id, members, ...c }) => ({ ...c, members: members.map(({ pointId: _p, ...m }) => m) }));
      all.push({ ...detail, conflicts });
    }
    return all;
  };

  it('refreshing after each report, and replacing one, ends where one full rebuild does', async () => {
    const stepDir = mkdtempSync(join(tmpdir(), 'twincity-steps-'));
    try {
      const steps = await openStore(join(stepDir, 'steps.db'));
      const docs = [];
      for await (const result of readInputs([corpusDir])) {
        if (!result.ok) throw result.error;
        docs.push(processDocument(result.doc));
      }
      // one report at a time, with a refresh after each: only the touched indicators are rebuilt
      for (const doc of docs) {
        await steps.ingestDocument(doc);
        await steps.refreshDerived();
      }
      // a report replaced by a version without its facts, then restored
      const [first] = docs;
      await steps.ingestDocument({ ...first, contentHash: 'changed', quantities: [] });
      await steps.refreshDerived();
      expect((await steps.stats()).quantities).toBeLessThan((await store.stats()).quantities);
      const withoutFirst = await derived(steps);
      await steps.refreshDerived({ full: true });
      expect(await derived(steps)).toEqual(withoutFirst);
      await steps.ingestDocument(first);
      await steps.refreshDerived();
      const incremental = await derived(steps);
      await steps.refreshDerived({ full: true });
      expect(await derived(steps)).toEqual(incremental);
      expect(incremental.length).toBeGreaterThan(10);
      await steps.close();
    } finally {
      rmSync(stepDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('pages through every source of a point, the first ones stored with it', async () => {
    const [busiest] = (await store.indicators()).sort((a, b) => b.pointCount - a.pointCount);
    const detail = (await store.indicator(busiest.id))!;
    const ord = detail.series.findIndex((p) => p.sources.length > 0);
    const point = detail.series[ord];
    const all = (await store.pointSources(busiest.id, ord, { limit: 200 }))!;
    expect(all.total).toBe(point.sourceTotal);
    expect(all.rows.map((s) => s.quantityId).sort()).toEqual(expect.arrayContaining(point.sources.map((s) => s.quantityId).sort()));
    for (const source of all.rows) expect(textOf((await store.report(source.reportId))!.text, source.span)).toBe(source.text);
    expect(await store.pointSources(busiest.id, 99_999)).toBeNull();
  });
});

describe('cooperation items', () => {
  it('are paged and filtered by key area in SQL', async () => {
    const all = await store.items({ limit: 1000 });
    expect(all.total).toBe(all.rows.length);
    expect(all.total).toBeGreaterThan(2);
    const page = await store.items({ limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 3).map((r) => r.id));
    const area = all.rows.flatMap((r) => r.areas)[0];
    expect(area).toBeDefined();
    const filtered = await store.items({ area, limit: 1000 });
    expect(filtered.total).toBe(all.rows.filter((r) => r.areas.includes(area)).length);
    expect(filtered.rows.every((r) => r.areas.includes(area))).toBe(true);
  });
});

describe('the timeline', () => {
  it('merges events and items in date order (undated last), and a limit or a bound cuts that one list', async () => {
    const all = await store.timeline({ limit: 10_000 });
    expect(all.some((t) => t.kind === 'event')).toBe(true);
    expect(all.some((t) => t.kind === 'item')).toBe(true);
    const key = (t: (typeof all)[number]) => [t.date === null ? 1 : 0, t.date ?? '', t.reportId, t.kind, t.id] as const;
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [key(all[i - 1]), key(all[i])];
      const order = a[0] - b[0] || a[1].localeCompare(b[1]) || a[2] - b[2] || a[3].localeCompare(b[3]) || a[4] - b[4];
      expect(order, `${JSON.stringify(a)} before ${JSON.stringify(b)}`).toBeLessThan(0);
    }
    expect(await store.timeline({ limit: 7 })).toEqual(all.slice(0, 7));
    const from = all[Math.floor(all.length / 2)].date!;
    expect(await store.timeline({ from, limit: 10_000 })).toEqual(all.filter((t) => t.date !== null && t.date >= from));
    const area = all.flatMap((t) => t.areas)[0];
    expect(await store.timeline({ area, limit: 10_000 })).toEqual(all.filter((t) => t.areas.includes(area)));
  });
});
