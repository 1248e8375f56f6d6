/**
 * The store's query commands end to end: `twincity ingest` the bundled corpus into a temporary
 * store, then each command's `--json` output and its human table, export files and reindex.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../test/helpers.ts';
import { xlsxToGrids } from '../store/export.ts';
import type { Conflict, IndicatorDetail, IndicatorSummary, Page, SearchHit, TimelineEntry } from '../store/index.ts';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCliInProcess([...args, '--store', db]);
const cliJson = async <T>(...args: string[]): Promise<T> => JSON.parse(await cli(...args, '--json')) as T;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twincity-cli-'));
  db = join(dir, 'o.db');
  await runCliInProcess(['ingest', 'data/corpus', '--store', db, '--no-progress']);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store commands', { timeout: 60_000 }, () => {
  it('conflicts --json lists both required conflicts with their sources', async () => {
    const page = await cliJson<Page<Conflict>>('conflicts');
    // one group per indicator, region and date, with its values
    const ids = page.rows.map(
      (c) =>
        `${c.indicatorId}:${c.members
          .map((m) => m.value)
          .sort((x, y) => x - y)
          .join('/')}`,
    );
    expect(ids).toEqual(expect.arrayContaining(['parts_suppliers_cross_supply:130/300', 'chuanyu_tongban_items:210/311']));
    expect(page.rows.every((c) => c.members.length === c.memberCount && c.members.every((m) => m.sources.length > 0))).toBe(true);
    const table = await cli('conflicts', '--indicator', 'chuanyu_tongban_items');
    expect(table).toMatch(/川渝通办事项数.*(311项.*210项|210项.*311项)/);
    expect(table).toMatch(/1 conflict group/);
  });

  it('series ID prints the points with report, span and sentence', async () => {
    const detail = await cliJson<IndicatorDetail>('series', 'chuanyu_tongban_items');
    expect(detail.series.flatMap((p) => p.sources.map((s) => s.text))).toEqual(expect.arrayContaining(['210项', '311项']));
    const table = await cli('series', 'chuanyu_tongban_items');
    expect(table).toContain('川渝通办事项数');
    expect(table).toMatch(/210项\s+\d+–\d+/);
  });

  it('indicators filters by area and marks uncatalogued groups', async () => {
    const manufacturing = await cliJson<IndicatorSummary[]>('indicators', '--area', '先进制造业');
    expect(manufacturing.length).toBeGreaterThan(0);
    expect(manufacturing.every((i) => i.area === '先进制造业' && i.catalogued)).toBe(true);
    const auto = await cliJson<IndicatorSummary[]>('indicators', '--uncatalogued');
    expect(auto.length).toBeGreaterThan(0);
    expect(auto.every((i) => !i.catalogued && i.id.startsWith('auto:'))).toBe(true);
    expect(await runCliInProcess(['indicators', '--area', '火星', '--store', db], { allowFail: true })).toBe('');
  });

  it('search finds 氢能 and 高铁 with highlighted snippets', async () => {
    for (const word of ['氢能', '高铁']) {
      const page = await cliJson<Page<SearchHit>>('search', word);
      expect(page.total).toBeGreaterThan(0);
      expect(page.rows.every((h) => h.snippet.includes(`[${word}`))).toBe(true);
    }
  });

  it('timeline is in date order and honours --from/--to', async () => {
    const all = await cliJson<TimelineEntry[]>('timeline');
    expect(all.length).toBeGreaterThan(0);
    const dates = all.map((t) => t.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
    const in2022 = await cliJson<TimelineEntry[]>('timeline', '--from', '2022', '--to', '2022');
    expect(in2022.length).toBeGreaterThan(0);
    expect(in2022.every((t) => t.date!.startsWith('2022'))).toBe(true);
  });

  it('export writes CSV with a BOM, XLSX with Chinese sheet names, and JSON', async () => {
    const csvDir = join(dir, 'csv');
    await cli('export', '--format', 'csv', '--out', csvDir);
    const conflicts = readFileSync(join(csvDir, 'conflicts.csv'), 'utf8');
    expect(conflicts.startsWith('\uFEFF冲突编号,')).toBe(true);
    const xlsx = join(dir, 'o.xlsx');
    await cli('export', '--format', 'xlsx', '--out', xlsx);
    const grids = await xlsxToGrids(readFileSync(xlsx));
    expect([...grids.keys()]).toEqual(['报告', '数据', '指标', '序列', '冲突', '事件', '合作事项', '失败']);
    const json = JSON.parse(await cli('export', '--format', 'json', '--table', 'reports')) as { reports: unknown[] };
    expect(json.reports).toHaveLength(5);
  });

  it('reindex skips reports made by the current stages and re-extracts with --force', async () => {
    expect(await cli('reindex')).toMatch(/5 report\(s\): 0 re-extracted, 5 already current, 0 failed/);
    // A report made by an older extractor is re-extracted, and then carries the current stages.
    const db0 = new Database(db);
    db0.prepare(`UPDATE reports SET stages = '["extract.quantities@0.0.1"]' WHERE id = (SELECT min(id) FROM reports)`).run();
    db0.close();
    expect(await cli('reindex')).toMatch(/5 report\(s\): 1 re-extracted, 4 already current, 0 failed/);
    expect(await cli('reindex')).toMatch(/0 re-extracted, 5 already current/);
    const before = (await cliJson<Page<Conflict>>('conflicts')).total;
    expect(await cli('reindex', '--force')).toMatch(/5 re-extracted/);
    expect((await cliJson<Page<Conflict>>('conflicts')).total).toBe(before);
  });

  it('a query on a missing store says so instead of creating one', async () => {
    const missing = join(dir, 'missing.db');
    expect(await runCliInProcess(['conflicts', '--store', missing], { allowFail: true })).toBe('');
    expect(existsSync(missing)).toBe(false);
  });
});
