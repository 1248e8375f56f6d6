/** Queries over conflicts: a page of them, filtered, with both sides and any analyst's verdict. */
import { count } from './context.ts';
import { CONFLICT_DECISION_COLUMNS, CONFLICT_DECISION_JOIN, decisionOf } from './curation.ts';
import { pointFromRow, type ConflictRow, type PointRow } from './rows.ts';
import type { SqlDriver } from './sql.ts';
import type { Conflict, ConflictQuery, ConflictSide, KeyArea, Page } from './types.ts';
import { clampLimit, clampOffset } from './values.ts';

export async function conflicts(db: SqlDriver, q: ConflictQuery = {}): Promise<Page<Conflict>> {
  const limit = clampLimit(q.limit, 100);
  const offset = clampOffset(q.offset);
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.indicatorId) {
    clauses.push('c.indicator_id = @indicatorId');
    params.indicatorId = q.indicatorId;
  }
  if (q.area) {
    clauses.push('i.area = @area');
    params.area = q.area;
  }
  if (q.region) {
    clauses.push('c.region = @region');
    params.region = q.region;
  }
  return conflictsWhere(db, clauses.join(' AND '), params, limit, offset);
}

/** A page of conflicts matching `condition` (SQL over c = conflicts, i = indicators), with their sides and decisions. */
export async function conflictsWhere(
  db: SqlDriver,
  condition: string,
  conditionParams: Record<string, unknown>,
  limit: number,
  offset: number,
): Promise<Page<Conflict>> {
  const where = condition ? `WHERE ${condition}` : '';
  const params = { ...conditionParams, limit, offset };
  const total = await count(db, `SELECT count(*) AS n FROM conflicts c JOIN indicators i ON i.id = c.indicator_id ${where}`, params);
  const rows = await db.all<ConflictRow & { name_zh: string; area: string | null } & Parameters<typeof decisionOf>[0]>(
    `SELECT c.*, i.name_zh, i.area, ${CONFLICT_DECISION_COLUMNS} FROM conflicts c
    JOIN indicators i ON i.id = c.indicator_id ${CONFLICT_DECISION_JOIN} ${where}
    ORDER BY i.catalogued DESC, c.date DESC, c.id LIMIT @limit OFFSET @offset`,
    params,
  );
  // both sides of every conflict on the page in one read
  const pointIds = [...new Set(rows.flatMap((c) => [c.a_point_id, c.b_point_id]))];
  const points = new Map<number, PointRow>();
  if (pointIds.length) {
    for (const p of await db.all<PointRow>(`SELECT * FROM series_points WHERE id IN (${pointIds.map(() => '?').join(', ')})`, pointIds)) {
      points.set(p.id, p);
    }
  }
  const side = (pointId: number): ConflictSide => {
    const p = points.get(pointId)!;
    const { value, valueMax, unit, approx, period, date, sources, sourceTotal } = pointFromRow(p);
    return { ord: p.ord, value, valueMax, unit, approx, period, date, sources, sourceTotal };
  };
  return {
    total,
    limit,
    offset,
    rows: rows.map((c) => ({
      id: c.id,
      indicatorId: c.indicator_id,
      indicatorName: c.name_zh,
      area: (c.area as KeyArea | null) ?? null,
      region: c.region,
      date: c.date,
      a: side(c.a_point_id),
      b: side(c.b_point_id),
      reason: c.reason,
      decision: decisionOf(c),
    })),
  };
}
