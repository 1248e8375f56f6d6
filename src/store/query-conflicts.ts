/** Queries over conflicts: a page of groups, filtered, with their first values and any analyst's verdict; a group's values paged. */
import { describeFigure } from '../reconcile/index.ts';
import { count } from './context.ts';
import { CONFLICT_DECISION_COLUMNS, CONFLICT_DECISION_JOIN, decisionOf } from './curation.ts';
import { pointFromRow, type ConflictRow, type PointRow } from './rows.ts';
import type { SqlDriver } from './sql.ts';
import type { Conflict, ConflictMember, ConflictQuery, KeyArea, Page } from './types.ts';
import { clampLimit, clampOffset } from './values.ts';

/**
 * A conflict in a listing carries its first this many values (memberCount says how many;
 * conflictMembers() pages them all): 1,500 reports giving 1,500 values make one bounded row.
 */
export const CONFLICT_MEMBERS_INLINE = 20;

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

type MemberRow = PointRow & { conflict_id: number; member_ord: number };

const memberOf = (p: PointRow): ConflictMember => {
  const { value, valueMax, unit, approx, period, date, sources, sourceTotal } = pointFromRow(p);
  const printed = sources[0]?.text ?? describeFigure({ value, valueMax, unit, approx });
  return { pointId: p.id, ord: p.ord, printed, value, valueMax, unit, approx, period, date, sources, sourceTotal };
};

/** A page of conflicts matching `condition` (SQL over c = conflicts, i = indicators), with their first values and decisions. */
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
  // the first values of every conflict on the page in one read, through the member key
  const members = new Map<number, ConflictMember[]>(rows.map((c) => [c.id, []]));
  if (rows.length) {
    const ids = rows.map((c) => c.id);
    for (const m of await db.all<MemberRow>(
      `SELECT sp.*, cm.conflict_id, cm.ord AS member_ord FROM conflict_members cm JOIN series_points sp ON sp.id = cm.point_id
      WHERE cm.conflict_id IN (${ids.map(() => '?').join(', ')}) AND cm.ord < ? ORDER BY cm.conflict_id, cm.ord`,
      [...ids, CONFLICT_MEMBERS_INLINE],
    )) {
      members.get(m.conflict_id)!.push(memberOf(m));
    }
  }
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
      members: members.get(c.id)!,
      memberCount: c.member_count,
      reportCount: c.report_count,
      reason: c.reason,
      decision: decisionOf(c),
    })),
  };
}

/** Every value of one conflict, a page at a time in the group's order; null when there is no such conflict. */
export async function conflictMembers(db: SqlDriver, conflictId: number, q: { limit?: number; offset?: number } = {}): Promise<Page<ConflictMember> | null> {
  const limit = clampLimit(q.limit, 100);
  const offset = clampOffset(q.offset);
  const conflict = await db.get<{ member_count: number }>('SELECT member_count FROM conflicts WHERE id = ?', [conflictId]);
  if (!conflict) return null;
  const rows = await db.all<MemberRow>(
    `SELECT sp.*, cm.conflict_id, cm.ord AS member_ord FROM conflict_members cm JOIN series_points sp ON sp.id = cm.point_id
    WHERE cm.conflict_id = ? AND cm.ord >= ? ORDER BY cm.ord LIMIT ?`,
    [conflictId, offset, limit],
  );
  return { total: conflict.member_count, limit, offset, rows: rows.map(memberOf) };
}
