/** An indicator's conflict groups written out: one row per group, its values in conflict_members. Inside its rebuild's transaction. */
import type { ConflictGroup, Point } from '../reconcile/index.ts';
import { insertRows, type StoreContext } from './context.ts';

export async function insertConflictGroups(
  ctx: StoreContext,
  indicatorId: string,
  groups: readonly ConflictGroup[],
  pointIds: ReadonlyMap<Point, number>,
): Promise<void> {
  if (!groups.length) return;
  const { db } = ctx;
  await insertRows(
    db,
    'INSERT INTO conflicts (indicator_id, region, date, member_count, report_count, reason) VALUES ',
    '(?, ?, ?, ?, ?, ?)',
    groups.map((g) => [indicatorId, g.region, g.date, g.members.length, new Set(g.members.flatMap((m) => m.reportIds)).size, g.reason]),
  );
  // a group is one per indicator, region and date (conflicts_key): its id found by them
  const keyOf = (region: string | null, date: string | null) => `${region ?? ''}\u0000${date ?? ''}`;
  const ids = new Map(
    (
      await db.all<{ id: number; region: string | null; date: string | null }>('SELECT id, region, date FROM conflicts WHERE indicator_id = ?', [indicatorId])
    ).map((r) => [keyOf(r.region, r.date), r.id]),
  );
  await insertRows(
    db,
    'INSERT INTO conflict_members (conflict_id, ord, point_id) VALUES ',
    '(?, ?, ?)',
    groups.flatMap((g) => {
      const id = ids.get(keyOf(g.region, g.date));
      return g.members.map((m, ord) => [id, ord, pointIds.get(m)]);
    }),
  );
}
