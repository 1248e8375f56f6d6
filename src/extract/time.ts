/**
 * The time resolver: finds time expressions in Chinese text and resolves them against the report's
 * date — absolute dates and months, years, month ranges (1—5月), halves and quarters (上半年, 一季度),
 * first-N-months (前五个月), relative years (今年, 去年), open periods (截至…末, …以来, 到2025年,
 * N年来) and "now" (截至目前).
 *
 * Hand-written on purpose: chrono-node's Chinese parser reads 去年12月 and 今年1—5月 wrongly, and
 * the rules here are few. Pure functions; `findTimeExpressions` runs in linear time. The lunar
 * calendar and the 24 solar terms (春节, 中秋, 农历八月二十三, 芒种) come from lunar-typescript's tables.
 *
 * The passes: time-pattern.ts (the regex and its families of forms), time-forms.ts (how each family
 * resolves), time-scan.ts (the scan of a text), time-standalone.ts and time-lunar.ts (forms only a
 * whole string takes), time-calendar.ts (date arithmetic).
 */
import type { TimeContext, TimeExpression } from '../document/index.ts';
import { scanTimeExpressions } from './time-scan.ts';

export type { Precision, TimeContext, TimeExpression } from '../document/index.ts';

export { resolveTime } from './time-standalone.ts';

/** Finds and resolves every time expression in `text` (the extract.times stage runs it once per report). */
export function findTimeExpressions(text: string, context: TimeContext): TimeExpression[] {
  return scanTimeExpressions(text, context);
}

/** The time expressions of a short string of its own (a table header), leaving the report's cached scan alone. */
export function timeExpressionsOf(text: string, context: TimeContext): TimeExpression[] {
  return scanTimeExpressions(text, context);
}

/**
 * The year a report speaks from when it prints no date: the latest year it names, leaving out
 * targets (到2035年, 2021年底前), the starts of open spans (2020年以来) and the ends of plans' spans
 * (2020-2022年) — news reports name their own year and the years before it.
 */
export function inferReportYear(text: string): number | null {
  let best: number | null = null;
  for (const t of findTimeExpressions(text, { anchor: null, year: null })) {
    // 到2025年 is a target; 2020年以来 only says the report was written after that year began.
    if (!t.explicitYear || t.open !== null || /^[前内]/.test(text.slice(t.end, t.end + 1))) continue;
    if (/[-－—–~～至到]$/.test(text.slice(Math.max(0, t.start - 1), t.start))) continue; // 2020-2022年: a plan's span
    const y = Number((t.period.start ?? t.period.end ?? '').slice(0, 4));
    if (y > 0 && (best === null || y > best)) best = y;
  }
  return best;
}

/** The context for a report: its date when it has one, else the year it speaks from. */
export function timeContextFor(text: string, published: string | null): TimeContext {
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) return { anchor: published, year: Number(published.slice(0, 4)) };
  return { anchor: null, year: inferReportYear(text) };
}
