// Analysts' decisions on a store, SQLite and PostgreSQL alike: corrections and rejections reach the
// series and the exports, survive re-reading the report, and a decision whose characters are gone
// is listed for review. The audit log keeps every decision and refuses to be edited.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDocument, readInputs } from '../pipeline.ts';
import type { Document } from '../document/index.ts';
import { freshDatabase, postgresAvailable } from '../../test/postgres.ts';
import { runCliInProcess } from '../../test/helpers.ts';
import { openStore, type Store, type StoredQuantity } from './index.ts';

const FIRST = '2024年1—5月，川渝两地累计开行中欧班列2500列，同比增长12%。截至5月底，川渝通办事项达到311项。';
const SECOND = '截至2024年5月底，川渝两地累计开行中欧班列2600列。川渝通办事项达到311项。年末共有普通中学645所，在校学生69.1万人。';

async function read(path: string): Promise<{ doc: Document; bytes: Uint8Array }> {
  for await (const r of readInputs([path])) {
    if (!r.ok) throw r.error;
    return { doc: processDocument(r.doc), bytes: r.bytes! };
  }
  throw new Error(`nothing read from ${path}`);
}

const figure = (quantities: StoredQuantity[], text: string): StoredQuantity => {
  const found = quantities.find((q) => q.text === text);
  if (!found) throw new Error(`no figure "${text}" among ${quantities.map((q) => q.text).join(', ')}`);
  return found;
};

const cases: [string, () => Promise<{ location: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ location: join(mkdtempSync(join(tmpdir(), 'tc-curation-')), 'o.db'), drop: async () => undefined })],
];
if (postgresAvailable)
  cases.push([
    'PostgreSQL',
    async () => {
      const db = await freshDatabase();
      return { location: db.url, drop: db.drop };
    },
  ]);

describe.each(cases)('curation on %s', (_name, make) => {
  let dir: string;
  let store: Store;
  let location: string;
  let drop: () => Promise<void>;
  let first: string;

  beforeAll(async () => {
    ({ location, drop } = await make());
    dir = mkdtempSync(join(tmpdir(), 'tc-curation-reports-'));
    first = join(dir, '2024-06-03-first.txt');
    writeFileSync(first, `川渝合作进展\n\n${FIRST}\n`);
    writeFileSync(join(dir, '2024-06-05-second.txt'), `川渝合作进展二\n\n${SECOND}\n`);
    store = await openStore(location);
    for (const path of [first, join(dir, '2024-06-05-second.txt')]) {
      const { doc, bytes } = await read(path);
      await store.ingestDocument(doc, bytes);
    }
    await store.refreshDerived();
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const reportOf = async (path: string) => (await store.reports({ limit: 10 })).rows.find((r) => r.location === path)!;

  it('applies a correction to the figure, its series and the export, and audits it', async () => {
    const id = (await reportOf(first)).id;
    const trains = figure((await store.report(id))!.quantities, '2500列');
    expect(trains.curation).toBeNull();
    const indicatorId = trains.indicatorId!;
    const corrected = await store.curateFigure(
      trains.id,
      { action: 'correct', fields: { value: 2550, period: { start: '2024-01', end: '2024-06' } }, reason: '据原始公报' },
      'ana',
    );
    expect(corrected?.value).toBe(2550);
    expect(corrected?.period).toEqual({ start: '2024-01', end: '2024-06' });
    expect(corrected?.curation).toMatchObject({ action: 'correct', actor: 'ana', reason: '据原始公报', machine: { value: 2500 } });
    const series = (await store.indicator(corrected!.indicatorId!))!.series;
    expect(series.some((p) => p.value === 2550 && p.period?.end === '2024-06')).toBe(true);
    expect(series.some((p) => p.value === 2500)).toBe(false);
    const exported = (await store.exportTables()).find((t) => t.name === 'quantities')!;
    expect(exported.rows.find((r) => r.id === trains.id)).toMatchObject({ value: 2550, curation: 'correct', curated_by: 'ana' });
    const changes = await store.changes({ kinds: ['decision'] });
    expect(changes.at(-1)).toMatchObject({ kind: 'decision', reportId: id, title: expect.stringContaining('figure.correct') });
    const audit = await store.audit({ action: 'figure' });
    expect(audit.rows[0]).toMatchObject({ actor: 'ana', action: 'figure.correct', reason: '据原始公报', before: { value: 2500 }, after: { value: 2550 } });
    expect(indicatorId).toBeTruthy();
  });

  it('files a corrected figure in its report’s context, as on ingest (在校学生 after 普通中学645所)', async () => {
    const second = (await store.reports({ limit: 10 })).rows.find((r) => r.location.endsWith('second.txt'))!;
    const students = figure((await store.report(second.id))!.quantities, '69.1万人');
    const before = students.indicatorId;
    expect(before).toContain('普通中学');
    const corrected = await store.curateFigure(students.id, { action: 'correct', fields: { approx: 'about' }, reason: '约数' }, 'ana');
    expect(corrected?.indicatorId).toBe(before);
  });

  it('takes a rejected figure out of every series', async () => {
    const id = (await reportOf(first)).id;
    const growth = figure((await store.report(id))!.quantities, '12%');
    const before = growth.indicatorId!;
    const rejected = await store.curateFigure(growth.id, { action: 'reject', reason: '口径不明' }, 'ana');
    expect(rejected?.curation?.action).toBe('reject');
    expect(rejected?.indicatorId).toBeNull();
    const still = await store.indicator(before);
    expect(still === null || still.series.every((p) => p.sources.every((s) => s.quantityId !== growth.id))).toBe(true);
  });

  it('refuses a bad correction, naming the field, and changes nothing', async () => {
    const id = (await reportOf(first)).id;
    const items = figure((await store.report(id))!.quantities, '311项');
    await expect(store.curateFigure(items.id, { action: 'correct', fields: { indicatorId: 'no-such-indicator' } }, 'ana')).rejects.toThrow(/indicatorId/);
    expect((await store.report(id))!.quantities.find((q) => q.id === items.id)!.curation).toBeNull();
    expect(await store.curateFigure(99_999_999, { action: 'accept' }, 'ana')).toBeNull();
  });

  it('keeps every decision through a re-reading of the same report', async () => {
    const { doc } = await read(first);
    const id = (await reportOf(first)).id;
    await store.replaceFacts(id, doc);
    await store.refreshDerived();
    const quantities = (await store.report(id))!.quantities;
    expect(figure(quantities, '2500列')).toMatchObject({ value: 2550, curation: { action: 'correct' } });
    expect(figure(quantities, '12%')).toMatchObject({ indicatorId: null, curation: { action: 'reject' } });
    expect((await store.curations({ state: 'stale' })).total).toBe(0);
  });

  it('keeps every decision through `twincity reindex --force`', async () => {
    await runCliInProcess(['reindex', '--force', '--store', location]);
    const id = (await reportOf(first)).id;
    const quantities = (await store.report(id))!.quantities;
    expect(figure(quantities, '2500列')).toMatchObject({ value: 2550, curation: { action: 'correct' } });
    expect(figure(quantities, '12%')).toMatchObject({ indicatorId: null, curation: { action: 'reject' } });
    expect((await store.curations({ state: 'stale' })).total).toBe(0);
  });

  it('lists for review a decision whose characters a changed report no longer has', async () => {
    writeFileSync(first, `川渝合作进展\n\n这是更新后的报道。${FIRST.replace('，同比增长12%', '')}\n`);
    const { doc, bytes } = await read(first);
    expect((await store.ingestDocument(doc, bytes)).status).toBe('replaced');
    await store.refreshDerived();
    const id = (await reportOf(first)).id;
    const quantities = (await store.report(id))!.quantities;
    // the sentence moved but still holds 2500列: the correction follows it
    expect(figure(quantities, '2500列')).toMatchObject({ value: 2550, curation: { action: 'correct' } });
    const stale = await store.curations({ state: 'stale' });
    expect(stale.rows.map((c) => [c.surface, c.action])).toEqual([['12%', 'reject']]);
  });

  it('keeps a verdict on a conflict by what makes it one, through a rebuild', async () => {
    // the two reports' 311项 made to disagree: the same indicator and period, another value
    const second = (await store.reports({ limit: 10 })).rows.find((r) => r.location !== first)!;
    const mine = figure((await store.report(second.id))!.quantities, '311项');
    const other = (await store.indicator(mine.indicatorId!))!.series.flatMap((p) => p.sources).find((s) => s.reportId !== second.id);
    const otherFigure = other ? (await store.report(other.reportId))!.quantities.find((q) => q.id === other.quantityId)! : mine;
    await store.curateFigure(mine.id, { action: 'correct', fields: { value: 300, period: otherFigure.period } }, 'ana');
    const conflicts = await store.conflicts({ indicatorId: mine.indicatorId! });
    expect(conflicts.rows.length).toBeGreaterThan(0);
    const decided = await store.decideConflict(conflicts.rows[0].id, { verdict: 'not_conflict', reason: '口径不同' }, 'ana');
    expect(decided?.decision).toMatchObject({ verdict: 'not_conflict', actor: 'ana', reason: '口径不同' });
    await store.refreshDerived({ full: true });
    expect((await store.conflicts({ indicatorId: mine.indicatorId! })).rows[0].decision?.verdict).toBe('not_conflict');
    expect((await store.audit({ targetKind: 'conflict' })).rows[0]).toMatchObject({ action: 'conflict.not_conflict', actor: 'ana' });
  });

  it('renames, splits and merges indicators, each audited', async () => {
    const second = (await store.reports({ limit: 10 })).rows.find((r) => r.location !== first)!;
    const trains = figure((await store.report(second.id))!.quantities, '2600列');
    const target = trains.indicatorId!;
    const renamed = await store.curateIndicator({ op: 'rename', id: target, nameZh: '中欧班列（成渝）开行量' }, 'ana');
    expect(renamed?.nameZh).toBe('中欧班列（成渝）开行量');
    const firstId = (await reportOf(first)).id;
    const moved = figure((await store.report(firstId))!.quantities, '311项');
    const split = await store.curateIndicator({ op: 'split', id: moved.indicatorId!, quantityIds: [moved.id], nameZh: '川渝通办事项（试）' }, 'ana');
    expect(split).toMatchObject({ nameZh: '川渝通办事项（试）', catalogued: true });
    // the indicator page says why its figures are there: the analyst's move, or the filing rule
    expect((await store.indicator(split!.id))!.filedBy).toEqual([{ rule: expect.stringMatching(/^analyst: moved here/), figures: 1 }]);
    expect((await store.indicator(target))!.filedBy.every((f) => /^(catalogue|auto):/.test(f.rule))).toBe(true);
    const merged = await store.curateIndicator({ op: 'merge', id: split!.id, into: target }, 'ana');
    expect(merged?.id).toBe(target);
    expect((await store.report(firstId))!.quantities.find((q) => q.id === moved.id)!.indicatorId).toBe(target);
    const actions = (await store.audit({ action: 'indicator' })).rows.map((e) => e.action);
    expect(actions).toEqual(['indicator.merge', 'indicator.split', 'indicator.rename']);
  });

  it('keeps decisions through a full rebuild of the derived state', async () => {
    await store.refreshDerived({ full: true });
    const id = (await reportOf(first)).id;
    const trains = figure((await store.report(id))!.quantities, '2500列');
    expect(trains.value).toBe(2550);
    expect((await store.indicator(trains.indicatorId!))!.series.some((p) => p.value === 2550)).toBe(true);
  });

  it.runIf(_name === 'SQLite')('refuses to edit or delete the audit log', async () => {
    const db = new Database(location);
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
