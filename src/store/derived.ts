/**
 * The derived rebuild: indicators, series points, their sources and conflicts, kept from the facts.
 * Only the indicators whose facts changed (dirty_indicators) are rebuilt, each from its own range of
 * indicator_facts; a change of catalogue, conflict window or DERIVED_VERSION refiles everything.
 */
import { createHash } from 'node:crypto';
import { buildSeries, filingLexiconText, findConflictGroups, type Catalog, type Point, type ReconcileFact } from '../reconcile/index.ts';
import { recordDerivedChanges } from './changes.ts';
import { insertConflictGroups } from './conflict-rows.ts';
import { getMeta, idsByOrd, insertRows, setMeta, type StoreContext } from './context.ts';
import { curatedIndicators } from './curation.ts';
import { reassignAll } from './filing.ts';
import { factValuesOfRow } from './quantity-columns.ts';
import { sourceFromRow, type IndicatorFactRow, type SourceRow } from './rows.ts';
import { fillSentences } from './sentence-text.ts';
import type { SeriesPoint, SourceRef } from './types.ts';
import { json, nowIso } from './values.ts';

/**
 * A series point (and so a conflict's value) carries at most this many of its sources, the first ingested
 * (sourceTotal says how many there are; pointSources() pages through all of them).
 */
export const SOURCES_PER_POINT = 3;

/**
 * Bump when reconciling (assignment, series, conflicts) changes what it derives from the same facts:
 * a store derived under another version is rebuilt whole when next opened for writing.
 */
const DERIVED_VERSION = 5;

/** A fingerprint of what derived rows depend on besides the facts. */
export function derivedBasisOf(catalog: Catalog, windowDays: number): string {
  const rules = JSON.stringify(catalog.entries, (_key, value: unknown) => (value instanceof RegExp ? `/${value.source}/${value.flags}` : value));
  return createHash('sha256').update(`${DERIVED_VERSION}\n${windowDays}\n${rules}\n${filingLexiconText()}`).digest('hex').slice(0, 16);
}

/**
 * Brings indicators, series and conflicts up to date (see Store.refreshDerived). Inside a
 * transaction: readers see the old derived state until it commits.
 */
export async function refreshDerived(ctx: StoreContext, opts: { full?: boolean } = {}): Promise<void> {
  const { db } = ctx;
  const full = opts.full === true || (await getMeta(db, 'derived_basis')) !== ctx.derivedBasis;
  ctx.markedInTransaction.clear();
  if (full) await reassignAll(ctx);
  // Catalogue entries: their names and rules as the catalogue says now; counts are kept.
  for (const e of ctx.catalog.entries) {
    await db.run(
      `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT(id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
          area = excluded.area, unit = excluded.unit, measure = excluded.measure, catalogued = 1, description = excluded.description,
          patterns = excluded.patterns`,
      [e.id, e.nameZh, e.nameEn, e.area, e.unit, e.measure, e.description, json(e.patterns.map((p) => p.source))],
    );
  }
  await applyCuratedIndicators(ctx);
  // in id order, so that series and conflict rows are numbered alike on every database
  const dirty = await db.all<{ indicator_id: string }>('SELECT indicator_id FROM dirty_indicators ORDER BY indicator_id');
  for (const { indicator_id: indicatorId } of dirty) await rebuildIndicator(ctx, indicatorId);
  await db.run('DELETE FROM dirty_indicators');
  await setMeta(db, 'derived_basis', ctx.derivedBasis);
  await setMeta(db, 'derived_at', nowIso());
}

/** Indicators as analysts shaped them, over what the catalogue and the automatic groups give. Inside a transaction. */
async function applyCuratedIndicators(ctx: StoreContext): Promise<void> {
  for (const c of await curatedIndicators(ctx.db)) {
    if (c.merged_into) continue;
    // a split-off or promoted indicator, or one figures were moved to, exists even when no machine filing made it
    if (c.catalogued === 1 || c.unit) {
      await ctx.db.run(
        `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns) VALUES (?, ?, NULL, ?, ?, ?, ?, NULL, '[]')
          ON CONFLICT DO NOTHING`,
        [c.id, c.name_zh ?? c.id, c.area, c.unit ?? '', c.measure ?? 'level', c.catalogued],
      );
    }
    await ctx.db.run(
      `UPDATE indicators SET name_zh = COALESCE(?, name_zh), area = COALESCE(?, area),
        catalogued = CASE WHEN ? = 1 THEN 1 ELSE catalogued END WHERE id = ?`,
      [c.name_zh, c.area, c.catalogued, c.id],
    );
  }
}

/** One indicator's series, conflicts and counts from its facts. Inside a transaction. */
async function rebuildIndicator(ctx: StoreContext, indicatorId: string): Promise<void> {
  const { db } = ctx;
  await db.run('DELETE FROM conflict_members WHERE conflict_id IN (SELECT id FROM conflicts WHERE indicator_id = ?)', [indicatorId]);
  await db.run('DELETE FROM conflicts WHERE indicator_id = ?', [indicatorId]);
  await db.run('DELETE FROM point_sources WHERE point_id IN (SELECT id FROM series_points WHERE indicator_id = ?)', [indicatorId]);
  await db.run('DELETE FROM series_points WHERE indicator_id = ?', [indicatorId]);
  const rows = await db.all<IndicatorFactRow>('SELECT * FROM indicator_facts WHERE indicator_id = ? ORDER BY report_id, ord', [indicatorId]);
  if (!rows.length) {
    // An automatic indicator lives as long as a fact names it; a catalogued one stays, empty.
    await db.run('DELETE FROM indicators WHERE id = ? AND catalogued = 0', [indicatorId]);
    await db.run("UPDATE indicators SET point_count = 0, source_count = 0, conflict_count = 0, series = '[]' WHERE id = ?", [indicatorId]);
    return;
  }
  const facts = rows.map((r): ReconcileFact => ({ quantityId: r.quantity_id, reportId: r.report_id, ...factValuesOfRow(r), refDate: r.ref_date }));
  const points = buildSeries(indicatorId, facts, { windowDays: ctx.windowDays });
  const ids = await insertPoints(ctx, indicatorId, points);
  const pointIds = new Map<Point, number>(points.map((p, ord) => [p, ids[ord]]));
  await insertRows(
    db,
    'INSERT INTO point_sources (point_id, quantity_id) VALUES ',
    '(?, ?)',
    points.flatMap((p, ord) => p.quantityIds.map((q) => [ids[ord], q])),
  );
  const conflicts = findConflictGroups(points, { windowDays: ctx.windowDays });
  await recordDerivedChanges(db, indicatorId, points, conflicts);
  await insertConflictGroups(ctx, indicatorId, conflicts, pointIds);
  await db.run('UPDATE indicators SET point_count = ?, source_count = ?, conflict_count = ?, series = ? WHERE id = ?', [
    points.length,
    new Set(facts.map((f) => f.reportId)).size,
    conflicts.length,
    json(points.map(seriesPointOf)),
    indicatorId,
  ]);
}

/** A point as the indicator's series document keeps it: no sources inline (series_points has the first ones). */
function seriesPointOf(p: Point): SeriesPoint {
  const stated = p.period?.stated ?? false;
  return {
    value: p.value,
    valueMax: p.valueMax,
    unit: p.unit,
    approx: p.approx,
    measure: p.measure,
    period: stated ? { start: p.period!.start, end: p.period!.end } : null,
    date: p.date,
    region: p.region,
    sources: [],
    sourceTotal: p.quantityIds.length,
  };
}

/** An indicator's series points, each with its first sources inline; their ids in series order. */
async function insertPoints(ctx: StoreContext, indicatorId: string, points: readonly Point[]): Promise<number[]> {
  // the first sources of every point, read at once
  const firstSources = points.map((p) => [...p.quantityIds].sort((a, b) => a - b).slice(0, SOURCES_PER_POINT));
  // sourceRefs gives them in display order: a point lists its own in that order too
  const refs = await sourceRefs(ctx, firstSources.flat());
  const rank = new Map(refs.map((r, i) => [r.quantityId, i]));
  return idsByOrd(
    await insertRows<{ id: number; ord: number }>(
      ctx.db,
      `INSERT INTO series_points (indicator_id, ord, value, value_max,
      unit, approx, measure, period_start, period_end, has_period, date, region, source_count, sources) VALUES `,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      points.map((p, ord) => {
        const stated = p.period?.stated ?? false;
        const sources = firstSources[ord]
          .filter((q) => rank.has(q))
          .sort((a, b) => rank.get(a)! - rank.get(b)!)
          .map((q) => refs[rank.get(q)!]);
        return [
          indicatorId,
          ord,
          p.value,
          p.valueMax,
          p.unit,
          p.approx,
          p.measure,
          stated ? p.period!.start : null,
          stated ? p.period!.end : null,
          stated ? 1 : 0,
          p.date,
          p.region,
          p.quantityIds.length,
          json(sources),
        ];
      }),
      ' RETURNING id, ord',
    ),
  );
}

/** Quantities as the sources a point shows: report, sentence and span; by publication date. */
async function sourceRefs(ctx: StoreContext, quantityIds: readonly number[]): Promise<SourceRef[]> {
  const rows: SourceRow[] = [];
  for (let at = 0; at < quantityIds.length; at += 500) {
    const part = quantityIds.slice(at, at + 500);
    rows.push(
      ...(await ctx.db.all<SourceRow>(
        `SELECT q.id AS quantity_id, q.report_id, q.ord, q.span_start, q.span_end, q.surface,
        q.sentence_start, q.sentence_end, q.sentence_text, r.title, r.published, r.source FROM quantities q JOIN reports r ON r.id = q.report_id
        WHERE q.id IN (${part.map(() => '?').join(', ')})`,
        part,
      )),
    );
  }
  rows.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.report_id - b.report_id || a.ord - b.ord);
  await fillSentences(ctx.db, rows);
  return rows.map(sourceFromRow);
}
