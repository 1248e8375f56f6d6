/**
 * Conflicts as groups (issue 16): every value that disagrees with another for one indicator, region
 * and date, gathered in one group, where pairs made n·(n−1)/2 rows (1,500 one-line reports giving
 * 1,500 values for one period made 1,124,250). "Comparable" is findConflicts' rule unchanged: the
 * same flow period, or as-of dates within the window, the later date naming the pair; a group is
 * every pair so named, which is also the key analysts' decisions are kept by.
 */
import { describeFigure, sweepConflicts, type ConflictOptions, type Point } from './series.ts';
import { DEFAULT_CONFLICT_WINDOW_DAYS } from './series.ts';

export interface ConflictGroup {
  indicatorId: string;
  region: string | null;
  /** The period end (or latest as-of date) the members speak about. */
  date: string | null;
  /** Each disagrees with at least one other: most reports first, then by value. */
  members: Point[];
  /** In words, bounded: "同期 3 个数值相互矛盾：210项（2篇报道）、311项（1篇报道）…". */
  reason: string;
}

/** The reason names this many values; the members list has them all. */
export const REASON_VALUES = 5;

/** The conflict groups of one indicator's points (see findConflicts for when two points disagree). */
export function findConflictGroups(points: readonly Point[], opts: ConflictOptions = { windowDays: DEFAULT_CONFLICT_WINDOW_DAYS }): ConflictGroup[] {
  type Group = { indicatorId: string; region: string | null; date: string | null; members: Set<Point> };
  // by region, then date: looked up for every candidate pair, so without building a key
  const groups = new Map<string | null, Map<string | null, Group>>();
  const groupOf = (a: Point, date: string | null) => groups.get(a.region)?.get(date);
  sweepConflicts(
    points,
    opts,
    (a, b, date) => {
      let group = groupOf(a, date);
      if (!group) {
        group = { indicatorId: a.indicatorId, region: a.region, date, members: new Set() };
        const byDate = groups.get(a.region) ?? new Map<string | null, Group>();
        groups.set(a.region, byDate.set(date, group));
      }
      group.members.add(a).add(b);
    },
    // both already members: whether they disagree adds nothing (1,500 values cost one pass, not a million comparisons)
    (a, b, date) => {
      const members = groupOf(a, date)?.members;
      return members !== undefined && members.has(a) && members.has(b);
    },
  );
  const order = new Map(points.map((p, i) => [p, i]));
  return [...groups.values()]
    .flatMap((byDate) => [...byDate.values()])
    .map((g) => {
      const members = [...g.members].sort((x, y) => y.reportIds.length - x.reportIds.length || x.value - y.value || order.get(x)! - order.get(y)!);
      return { indicatorId: g.indicatorId, region: g.region, date: g.date, members, reason: describeGroup(members) };
    })
    .sort((x, y) => (x.date ?? '').localeCompare(y.date ?? '') || (x.region ?? '').localeCompare(y.region ?? ''));
}

/** "同期 3 个数值相互矛盾：210项（2篇报道）、311项（1篇报道）、300项以上（1篇报道）", the first REASON_VALUES of them. */
export function describeGroup(members: readonly Point[]): string {
  const named = members.slice(0, REASON_VALUES).map((m) => `${describeFigure(m)}（${m.reportIds.length}篇报道）`);
  const more = members.length > REASON_VALUES ? `等，另有 ${members.length - REASON_VALUES} 个数值` : '';
  return `同期 ${members.length} 个数值相互矛盾：${named.join('、')}${more}`;
}
