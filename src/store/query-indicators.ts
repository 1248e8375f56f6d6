/** Queries over indicators: the list (with sparklines), one indicator with its series, and a point's sources. */
import { NO_LIMIT } from './context.ts';
import { conflicts } from './query-conflicts.ts';
import { pointFromRow, sourceFromRow, type IndicatorRow, type PointRow, type SourceRow } from './rows.ts';
import { fillSentences } from './sentence-text.ts';
import type { SqlDriver } from './sql.ts';
import type { IndicatorDetail, IndicatorSummary, KeyArea, Page, SeriesPoint, SourceRef } from './types.ts';
import { clampLimit, clampOffset, parseJson } from './values.ts';

/**
 * An indicator's detail carries the sources of its last this many points inline; earlier points
 * carry their count only (sourceTotal), and pointSources() gives their sources on demand.
 */
export const SERIES_SOURCES_INLINE = 200;

/** An indicator's detail carries its newest this many conflicts (conflictCount says how many; conflicts() pages them all). */
export const DETAIL_CONFLICTS = 100;

export async function pointSources(
  db: SqlDriver,
  indicatorId: string,
  ord: number,
  q: { limit?: number; offset?: number } = {},
): Promise<Page<SourceRef> | null> {
  const limit = clampLimit(q.limit, 50);
  const offset = clampOffset(q.offset);
  const point = await db.get<{ id: number; source_count: number }>('SELECT id, source_count FROM series_points WHERE indicator_id = ? AND ord = ?', [
    indicatorId,
    ord,
  ]);
  if (!point) return null;
  // In ingest order, through the point_sources key: a page costs its own rows, not a sort of all of them.
  const rows = await db.all<SourceRow>(
    `SELECT q.id AS quantity_id, q.report_id, q.ord, q.span_start, q.span_end, q.surface,
    q.sentence_start, q.sentence_end, q.sentence_text, r.title, r.published, r.source
    FROM (SELECT quantity_id FROM point_sources WHERE point_id = ? ORDER BY quantity_id LIMIT ? OFFSET ?) ps
    JOIN quantities q ON q.id = ps.quantity_id JOIN reports r ON r.id = q.report_id ORDER BY ps.quantity_id`,
    [point.id, limit, offset],
  );
  await fillSentences(db, rows);
  return { total: point.source_count, limit, offset, rows: rows.map(sourceFromRow) };
}

export async function indicatorSummaries(db: SqlDriver, where: string, params: Record<string, unknown>): Promise<IndicatorSummary[]> {
  const rows = await db.all<IndicatorRow & { point_count: number; source_count: number; conflict_count: number }>(
    // every column but the series document: sorting whole rows would read every indicator's series
    `SELECT i.id, i.name_zh, i.name_en, i.area, i.unit, i.measure, i.catalogued, i.description, i.patterns, i.point_count,
      i.source_count, i.conflict_count FROM indicators i ${where}
      ORDER BY i.catalogued DESC, i.source_count DESC, i.point_count DESC, i.id LIMIT @limit`,
    { limit: NO_LIMIT, ...params },
  );
  const summaries: IndicatorSummary[] = [];
  for (const i of rows) {
    const points = (await db.all<PointRow>('SELECT * FROM series_points WHERE indicator_id = ? ORDER BY ord DESC LIMIT 12', [i.id])).reverse();
    const last = points.at(-1);
    summaries.push({
      id: i.id,
      nameZh: i.name_zh,
      nameEn: i.name_en,
      area: (i.area as KeyArea | null) ?? null,
      unit: i.unit,
      measure: i.measure,
      catalogued: i.catalogued === 1,
      latest: last ? pointFromRow(last) : null,
      pointCount: i.point_count,
      sourceCount: i.source_count,
      conflictCount: i.conflict_count,
      sparkline: points.map((p) => ({ date: p.date, value: p.value })),
    });
  }
  return summaries;
}

export function indicators(db: SqlDriver, q: { area?: string; catalogued?: boolean; limit?: number } = {}): Promise<IndicatorSummary[]> {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.area) {
    clauses.push('i.area = @area');
    params.area = q.area;
  }
  if (q.catalogued !== undefined) {
    clauses.push('i.catalogued = @catalogued');
    params.catalogued = q.catalogued ? 1 : 0;
  }
  if (q.limit !== undefined) params.limit = clampLimit(q.limit, q.limit, 100_000);
  return indicatorSummaries(db, clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params);
}

export async function indicator(db: SqlDriver, id: string): Promise<IndicatorDetail | null> {
  const [summary] = await indicatorSummaries(db, 'WHERE i.id = @id', { id });
  if (!summary) return null;
  const row = (await db.get<Pick<IndicatorRow, 'description' | 'patterns'> & { series: string }>(
    'SELECT description, patterns, series FROM indicators WHERE id = ?',
    [id],
  ))!;
  // The series document, then the sources of its last points: two reads however long the series.
  const series = parseJson<SeriesPoint[]>(row.series, []);
  const from = Math.max(0, series.length - SERIES_SOURCES_INLINE);
  for (const p of await db.all<{ ord: number; sources: string }>('SELECT ord, sources FROM series_points WHERE indicator_id = ? AND ord >= ? ORDER BY ord', [
    id,
    from,
  ])) {
    if (series[p.ord]) series[p.ord].sources = parseJson<SourceRef[]>(p.sources, []);
  }
  const curated = await db.get<{ merged_into: string | null; actor: string; at: string }>(
    'SELECT merged_into, actor, at FROM curated_indicators WHERE id = ?',
    [id],
  );
  return {
    ...summary,
    filedBy: await filingReasons(db, id),
    mergedInto: curated?.merged_into ?? null,
    curated: curated ? { actor: curated.actor, at: curated.at } : null,
    description: row.description,
    patterns: parseJson<string[]>(row.patterns, []),
    series,
    conflicts: (await conflicts(db, { indicatorId: id, limit: DETAIL_CONFLICTS })).rows,
    conflictedOrds: (
      await db.all<{ ord: number }>(
        `SELECT DISTINCT sp.ord FROM conflicts c JOIN conflict_members cm ON cm.conflict_id = c.id JOIN series_points sp ON sp.id = cm.point_id
        WHERE c.indicator_id = ? ORDER BY sp.ord`,
        [id],
      )
    ).map((r) => r.ord),
  };
}

/** The rules that filed an indicator's figures (a bounded sample of them), with how many each filed. */
async function filingReasons(db: SqlDriver, indicatorId: string): Promise<{ rule: string; figures: number }[]> {
  const rows = await db.all<{ cues: string | null; indicator_override: string | null; curation_id: number | null }>(
    `SELECT q.cues, q.indicator_override, q.curation_id FROM quantity_indicator qi JOIN quantities q ON q.id = qi.quantity_id
    WHERE qi.indicator_id = ? LIMIT 5000`,
    [indicatorId],
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const rule = r.indicator_override
      ? `analyst: moved here (decision ${r.curation_id ?? '?'})`
      : (parseJson<{ indicator?: string | null }>(r.cues, {}).indicator ?? 'unrecorded (read before rules were kept)');
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 30)
    .map(([rule, figures]) => ({ rule, figures }));
}
