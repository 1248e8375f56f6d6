/**
 * From facts to indicators, series and conflicts — pure functions over plain rows, so they can be
 * tested on hand-built facts and re-run over the whole store at any time (what is derived can
 * always be rebuilt from what is stored).
 */
import type { Approx, Measure, Quantity } from '../document/index.ts';
import type { Catalog } from './catalog.ts';
import { fileFigures } from './context.ts';
import { withoutPlaces } from './indicator.ts';

/** One stored quantity, as reconciliation sees it: the figure's reading as extraction made it, and where it is stored. */
export interface ReconcileFact extends Pick<Quantity, 'value' | 'unit' | 'approx' | 'measure' | 'subject' | 'period' | 'region'> {
  quantityId: number;
  reportId: number;
  /** Its place among its report's figures (filing reads a figure after the ones before it); input order when absent. */
  ord?: number;
  valueMax: number | null;
  /** The report's reference date (published, else its latest dated event), `YYYY-MM-DD`. */
  refDate: string | null;
}

export interface AutoIndicator {
  id: string;
  nameZh: string;
  unit: string;
  measure: Measure;
}

export interface Assignment {
  quantityId: number;
  indicatorId: string;
}

export interface Assignments {
  assignments: Assignment[];
  /** Groups formed from quantities no catalogue entry matched (uncatalogued indicators). */
  auto: AutoIndicator[];
}

/** Region and time words that open a subject without changing what is measured. */
const SUBJECT_PREFIX = /^(?:截至目前|目前|今年以来|去年|今年|累计|共有|已有|已|两地|双方|川渝两地|成渝两地|川渝|成渝|重庆市?|四川省?|成都市?)+/u;
const SUBJECT_NOISE = /[\s"'“”‘’「」『』《》〈〉()（）【】\[\]、，,。.；;：:！!？?·•●—–\-]+/gu;

/** The key an uncatalogued quantity is grouped under: what was measured, stripped of framing. */
export function normalizeSubject(subject: string): string {
  const compact = subject.normalize('NFKC').replace(SUBJECT_NOISE, '');
  const stripped = compact.replace(SUBJECT_PREFIX, '');
  return (stripped || compact).replace(/等$/u, '');
}

export function autoIndicatorId(subject: string, unit: string, measure: Measure): string {
  return `auto:${normalizeSubject(subject)}:${unit}:${measure}`;
}

/**
 * Each quantity goes to its catalogue indicator, or else to an automatic group keyed by normalized
 * subject + unit + measure. Quantities with no subject to speak of stay unassigned: grouping them
 * would merge unrelated figures that merely share a unit. A report's quantities are filed together
 * in their order (`ord`), as the reconcile stage files them: a figure may take what it measures from
 * one before it (context.ts). Filing a few of a report's quantities alone files them without that.
 */
export function assignIndicators(facts: readonly ReconcileFact[], catalog: Catalog): Assignments {
  const assignments: Assignment[] = [];
  const auto = new Map<string, AutoIndicator>();
  const byReport = new Map<number, ReconcileFact[]>();
  for (const fact of facts) (byReport.get(fact.reportId) ?? byReport.set(fact.reportId, []).get(fact.reportId)!).push(fact);
  for (const figures of byReport.values()) {
    const ordered = figures.every((f) => f.ord !== undefined) ? [...figures].sort((a, b) => a.ord! - b.ord!) : figures;
    // The same filing the pipeline's reconcile stage prints (context.ts): one rule for both.
    const filed = fileFigures(ordered, catalog, withoutPlaces);
    ordered.forEach((fact, i) => {
      const filing = filed[i];
      if (!filing) return;
      if (filing.id.startsWith('auto:') && !auto.has(filing.id))
        auto.set(filing.id, { id: filing.id, nameZh: filing.name, unit: fact.unit, measure: fact.measure });
      assignments.push({ quantityId: fact.quantityId, indicatorId: filing.id });
    });
  }
  return { assignments, auto: [...auto.values()] };
}

/** The period a figure is taken to cover: its own, else "as of" its report's date. */
export interface EffectivePeriod {
  start: string | null;
  end: string | null;
  /** false when the period was inferred from the report date. */
  stated: boolean;
}

export function effectivePeriod(fact: Pick<ReconcileFact, 'period' | 'refDate'>): EffectivePeriod | null {
  if (fact.period && (fact.period.start || fact.period.end)) return { ...fact.period, stated: true };
  if (fact.refDate) return { start: null, end: fact.refDate, stated: false };
  return null;
}

/** The date a point is placed at on a time axis. */
export function pointDate(period: EffectivePeriod | null, refDate: string | null): string | null {
  if (!period) return refDate;
  return period.end ?? refDate ?? period.start;
}

export interface Point {
  indicatorId: string;
  value: number;
  valueMax: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  period: EffectivePeriod | null;
  date: string | null;
  region: string | null;
  /** The quantities this point rests on, in input order (several reports may state the same figure). */
  quantityIds: number[];
  reportIds: number[];
}

/**
 * An indicator's series: one point per distinct (region, value, qualifier, period); the same value
 * for the same period from several reports is one point with several sources. A figure "as of" a
 * date restated by reports within `windowDays` of each other (311项 on 6月21日 and 6月28日) is one
 * point too, dated by its latest statement. Ordered by date (undated last), then region and value.
 */
export function buildSeries(
  indicatorId: string,
  facts: readonly ReconcileFact[],
  opts: ConflictOptions = { windowDays: DEFAULT_CONFLICT_WINDOW_DAYS },
): Point[] {
  const points = new Map<string, Point>();
  for (const fact of facts) {
    const period = effectivePeriod(fact);
    const key = JSON.stringify([fact.region, fact.unit, fact.measure, fact.value, fact.valueMax, fact.approx, period?.start ?? null, period?.end ?? null]);
    let point = points.get(key);
    if (!point) {
      point = {
        indicatorId,
        value: fact.value,
        valueMax: fact.valueMax,
        unit: fact.unit,
        approx: fact.approx,
        measure: fact.measure,
        period,
        date: pointDate(period, fact.refDate),
        region: fact.region,
        quantityIds: [],
        reportIds: [],
      };
      points.set(key, point);
    }
    // A stated period beats one inferred from a report date for the same figure.
    if (period?.stated && !point.period?.stated) point.period = period;
    point.quantityIds.push(fact.quantityId);
    if (!point.reportIds.includes(fact.reportId)) point.reportIds.push(fact.reportId);
  }
  return mergeRestatements([...points.values()], opts.windowDays).sort(comparePoints);
}

/** Joins as-of points stating the same figure within the window of the first of them. */
function mergeRestatements(points: Point[], windowDays: number): Point[] {
  const kept: Point[] = [];
  const claims = new Map<string, Point[]>();
  for (const p of points) {
    if (isFlow(p.period) || p.date === null) {
      kept.push(p);
      continue;
    }
    const key = JSON.stringify([p.region, p.unit, p.measure, p.value, p.valueMax, p.approx]);
    claims.set(key, [...(claims.get(key) ?? []), p]);
  }
  for (const same of claims.values()) {
    same.sort(comparePoints);
    let first: string | null = null;
    let merged: Point | null = null;
    for (const p of same) {
      if (merged && first !== null && daysBetween(first, p.date!) <= windowDays) {
        merged.date = p.date;
        merged.period = p.period;
        merged.quantityIds.push(...p.quantityIds);
        for (const r of p.reportIds) if (!merged.reportIds.includes(r)) merged.reportIds.push(r);
      } else {
        first = p.date;
        merged = { ...p, quantityIds: [...p.quantityIds], reportIds: [...p.reportIds] };
        kept.push(merged);
      }
    }
  }
  return kept;
}

function comparePoints(a: Point, b: Point): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  const ra = a.region ?? '';
  const rb = b.region ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.value - b.value;
}

/** How far 约/左右 lets a figure stray, as a fraction of it. */
export const ABOUT_TOLERANCE = 0.1;

/** The values a figure allows given its qualifier: 300余 → [300, ∞), 约21 → [18.9, 23.1], 3—5 → [3, 5]. */
export function allowedRange(p: Pick<Point, 'value' | 'valueMax' | 'approx'>): [number, number] {
  const lo = Math.min(p.value, p.valueMax ?? p.value);
  const hi = Math.max(p.value, p.valueMax ?? p.value);
  switch (p.approx) {
    case 'exact':
      return [lo, hi];
    case 'about':
      return [lo - Math.abs(lo) * ABOUT_TOLERANCE, hi + Math.abs(hi) * ABOUT_TOLERANCE];
    case 'over':
      return [lo, Infinity];
    case 'under':
      return [-Infinity, hi];
  }
}

/** Whether two figures can both be true: their allowed ranges meet (within float noise). */
export function compatible(a: Pick<Point, 'value' | 'valueMax' | 'approx'>, b: Pick<Point, 'value' | 'valueMax' | 'approx'>): boolean {
  const [alo, ahi] = allowedRange(a);
  const [blo, bhi] = allowedRange(b);
  const eps = 1e-9 * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return alo <= bhi + eps && blo <= ahi + eps;
}

export interface ConflictOptions {
  /** As-of dates this many days apart still describe the same moment. */
  windowDays: number;
}

export const DEFAULT_CONFLICT_WINDOW_DAYS = 31;

export interface PointConflict {
  a: Point;
  b: Point;
  date: string | null;
  reason: string;
}

const DAY_MS = 86_400_000;

function daysBetween(a: string, b: string): number {
  const ta = Date.parse(a.length === 7 ? `${a}-01` : a);
  const tb = Date.parse(b.length === 7 ? `${b}-01` : b);
  return Math.abs(ta - tb) / DAY_MS;
}

/** A flow period has both ends (一季度, 2024年); anything else is a stock "as of" a date. */
const isFlow = (p: EffectivePeriod | null): p is EffectivePeriod & { start: string; end: string } => !!p && p.start !== null && p.end !== null;

/** When two points speak about the same moment, the date they share; otherwise undefined. */
export function sameMoment(a: Point, b: Point, opts: ConflictOptions): string | null | undefined {
  if (isFlow(a.period) || isFlow(b.period)) {
    if (isFlow(a.period) && isFlow(b.period) && a.period.start === b.period.start && a.period.end === b.period.end) return a.period.end;
    return undefined;
  }
  if (!a.date || !b.date) return undefined;
  if (daysBetween(a.date, b.date) > opts.windowDays) return undefined;
  return a.date > b.date ? a.date : b.date;
}

export function describeFigure(p: Pick<Point, 'value' | 'valueMax' | 'approx' | 'unit'>): string {
  const n = (v: number) => String(Number(v.toPrecision(12)));
  const body = p.valueMax !== null && p.valueMax !== p.value ? `${n(p.value)}—${n(p.valueMax)}` : n(p.value);
  switch (p.approx) {
    case 'exact':
      return `${body}${p.unit}`;
    case 'about':
      return `约${body}${p.unit}`;
    case 'over':
      return `${body}${p.unit}以上`;
    case 'under':
      return `${body}${p.unit}以下`;
  }
}

function describeRange(p: Point): string {
  const [lo, hi] = allowedRange(p);
  const n = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : v > 0 ? '∞' : '-∞');
  return `[${n(lo)}, ${n(hi)}]`;
}

/**
 * Conflicts within one indicator's points: same region, unit and measure, the same period (or as-of
 * dates within the window), and values whose qualifiers cannot both hold. Points from one report
 * only are not set against each other (a report restating itself in another unit of account is the
 * extractor's business, not a disagreement between sources). Every pair: findConflictGroups
 * (conflict-groups.ts) gathers them by indicator, region and date without listing them.
 */
export function findConflicts(points: readonly Point[], opts: ConflictOptions = { windowDays: DEFAULT_CONFLICT_WINDOW_DAYS }): PointConflict[] {
  const conflicts: PointConflict[] = [];
  sweepConflicts(points, opts, (a, b, date) =>
    conflicts.push({
      a,
      b,
      date,
      reason: `${describeFigure(a)} 与 ${describeFigure(b)} 不能同时成立：允许范围 ${describeRange(a)} 与 ${describeRange(b)} 不相交`,
    }),
  );
  return conflicts;
}

/**
 * Calls `found` for every pair of points that conflict (findConflicts says when), with the date they
 * share. `skip` may pass over a candidate pair before its values are compared: a caller that has
 * learnt all a pair could tell it (both already in the same group) saves the comparison.
 */
export function sweepConflicts(
  points: readonly Point[],
  opts: ConflictOptions,
  found: (a: Point, b: Point, date: string | null) => void,
  skip?: (a: Point, b: Point, date: string | null) => boolean,
): void {
  // Candidates share indicator, region, unit and measure, and either the same flow period or an
  // as-of date: as-of points are swept in date order so each is compared only with those inside
  // the window (linear in the points for a series spread over time, not quadratic).
  const groups = new Map<string, Point[]>();
  for (const p of points) {
    const flow = isFlow(p.period) ? [p.period.start, p.period.end] : null;
    if (!flow && !p.date) continue;
    const key = JSON.stringify([p.indicatorId, p.region, p.unit, p.measure, flow]);
    const group = groups.get(key) ?? [];
    group.push(p);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const byReport = new Map<number, Point[]>();
    for (const p of group) {
      for (const r of p.reportIds) {
        const of = byReport.get(r);
        if (of) of.push(p);
        else byReport.set(r, [p]);
      }
    }
    const ordered = [...group].sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        const a = ordered[i];
        const b = ordered[j];
        const date = sameMoment(a, b, opts);
        if (date === undefined) {
          if (!isFlow(a.period)) break; // sorted by date: every later point is further away
          continue;
        }
        if (skip?.(a, b, date)) continue;
        if (sameReports(a, b) || compatible(a, b) || statedTogether(a, b, byReport)) continue;
        found(a, b, date);
      }
    }
  }
}

/**
 * Whether a report behind one figure itself also states a figure compatible with the other: then
 * the two are different things the catalogue lumps together (各选派63名、60名; 7个中心和8个实验室),
 * not a disagreement between sources.
 */
function statedTogether(a: Point, b: Point, byReport: Map<number, Point[]>): boolean {
  const states = (from: Point, other: Point) => from.reportIds.some((r) => byReport.get(r)!.some((p) => p !== from && compatible(p, other)));
  return states(a, b) || states(b, a);
}

const sameReports = (a: Point, b: Point): boolean => a.reportIds.length === b.reportIds.length && a.reportIds.every((r) => b.reportIds.includes(r));
