/**
 * The scan of a text for time expressions: one pass of TIME_RE, each match resolved by its form
 * (time-forms.ts), with what the text said before it — the year its paragraph names, the span
 * 去年同期 is the same as, the year a review speaks of — and ranges of days joined into one span.
 */
import type { Period } from '../document/index.ts';
import { lastDay, readNum, yearsEarlier } from './time-calendar.ts';
import { resolveMatch } from './time-forms.ts';
import { NUM, RANGE, SP, TIME_RE } from './time-pattern.ts';
import type { TimeContext, TimeExpression } from './time.ts';

/** 较2022年, 比上年, 同比: what stands before the base of a comparison. */
const COMPARISON_BEFORE = /(?:较|比|与|同比)$/;
/** 10月1日至3日: the second day of a range, written without its month. */
const DAY_RANGE_TAIL = new RegExp(`^${SP}${RANGE}${SP}(${NUM})${SP}[日号]`);

/** `至10月4日` right after `9月30日`: the end of a range of days, not a deadline of its own. */
function joinsDayRange(text: string, first: TimeExpression, second: TimeExpression): boolean {
  return (
    first.precision === 'day' &&
    !first.open &&
    second.open === 'until' &&
    second.start === first.end &&
    /^[至到—–―~～-]/.test(text.slice(second.start, second.start + 1)) &&
    first.period.start !== null &&
    second.period.end !== null &&
    second.period.end.length === 10 &&
    second.period.end > first.period.start
  );
}

/** `5月` right after `4月、`: consecutive months listed as one span (not 3月、6月分别…, two figures). */
function joinsMonthList(text: string, first: TimeExpression, second: TimeExpression): boolean {
  if (first.precision !== 'month' || second.precision !== 'month' || first.open || second.open) return false;
  if (!/^[、和及]$/u.test(text.slice(first.end, second.start))) return false;
  const [a, b] = [first.period.end, second.period.start];
  if (!a || !b || /分别/u.test(text.slice(second.end, second.end + 12))) return false;
  const next = new Date(`${a}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === b;
}

/** The span `reference` covers, `years` years earlier: 去年同期 of 今年1—5月 is last year's 1—5月. */
function sameSpanEarlier(reference: TimeExpression, years: number, context: TimeContext): Period {
  const { start, end } = reference.period;
  // 今年以来 runs to the report's date: its same span last year ends a year before that date.
  const until = end ?? (reference.open === 'since' ? context.anchor : null);
  return { start: start && yearsEarlier(start, years), end: until && yearsEarlier(until, years) };
}

/** Where the paragraph holding `from` ends. */
function paragraphEnd(text: string, from: number): number {
  const end = text.indexOf('\n\n', from);
  return end < 0 ? text.length : end;
}

/** Finds and resolves every time expression in `text`, in text order. */
export function scanTimeExpressions(text: string, context: TimeContext): TimeExpression[] {
  const found: TimeExpression[] = [];
  // "2023年……。全年……", "2023年1—5月……；6月……": a bare month or 全年 takes the year written last
  // in its paragraph; without one (or for a bare day), the report's year.
  let paragraphYear: { year: number; paragraphEnd: number } | null = null;
  // The last span the paragraph spoke of (not a base of comparison), for 去年同期.
  let reference: { expression: TimeExpression; paragraphEnd: number } | null = null;
  /** The last year the report named as a whole (2023年，…), for a later paragraph's 全年. */
  let topicYear: number | null = null;
  TIME_RE.lastIndex = 0;
  for (let m = TIME_RE.exec(text); m; m = TIME_RE.exec(text)) {
    if (m[0].length === 0) {
      TIME_RE.lastIndex++;
      continue;
    }
    if (paragraphYear && m.index >= paragraphYear.paragraphEnd) paragraphYear = null;
    if (reference && m.index >= reference.paragraphEnd) reference = null;
    // 全年, 年末 in a paragraph naming no year: the year the report has been speaking of (a
    // statistical review's 2023年 lead), not the publication year.
    const wholeYear = !paragraphYear && topicYear !== null && m.groups?.ySuffix && !m.groups.year && !m.groups.year2 && !m.groups.rel;
    let resolved = resolveMatch(m, context, (wholeYear ? topicYear : paragraphYear?.year) ?? null);
    if (!resolved) continue;
    if (resolved.sameYearsBack) {
      // 今年1—5月……较去年同期增长: last year's 1—5月.
      if (reference) resolved = { ...resolved, period: sameSpanEarlier(reference.expression, resolved.sameYearsBack, context) };
    } else if (!COMPARISON_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      reference = { expression: resolved, paragraphEnd: paragraphEnd(text, resolved.end) };
    }
    const last = found.at(-1);
    if (last && joinsMonthList(text, last, resolved)) {
      // 今年4月、5月连续两个月: one span over both months
      found[found.length - 1] = { ...last, end: resolved.end, date: null, precision: 'span', period: { start: last.period.start, end: resolved.period.end } };
      continue;
    }
    if (last && joinsDayRange(text, last, resolved)) {
      // 9月30日至10月4日: one span from the first day to the second, dated (for a timeline) by its first
      found[found.length - 1] = { ...last, end: resolved.end, period: { start: last.period.start, end: resolved.period.end } };
      continue;
    }
    found.push(resolved);
    const ranged = resolved.precision === 'day' && !resolved.open ? withDayRangeTail(text, resolved) : null;
    if (ranged) {
      found[found.length - 1] = ranged;
      TIME_RE.lastIndex = ranged.end;
    }
    // 为2013年有监测以来最低: a year a record is counted from, not the year the paragraph speaks of
    const recordSince = /^[^，。；,;]{0,6}以来/u.test(text.slice(resolved.end, resolved.end + 8));
    if (
      resolved.explicitYear &&
      resolved.precision === 'year' &&
      !resolved.open &&
      !recordSince &&
      !COMPARISON_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))
    ) {
      // (A year after the report's own is a target, not what it reviews.)
      if (context.year === null || Number(resolved.date) <= context.year) topicYear = Number(resolved.date);
    }
    // 过去一年 of a work report: the year it reviews, for its later 全年
    if (resolved.reviewedYear) topicYear = Number(resolved.date);
    if (resolved.explicitYear && resolved.open !== 'until' && !recordSince) {
      paragraphYear = { year: Number((resolved.period.start ?? resolved.period.end ?? '').slice(0, 4)), paragraphEnd: paragraphEnd(text, resolved.end) };
    }
  }
  return found;
}

/** 10月1日至3日: the day with the second day of its range taken in (the second is no day of the report's month), or null. */
function withDayRangeTail(text: string, resolved: TimeExpression): TimeExpression | null {
  const tail = DAY_RANGE_TAIL.exec(text.slice(resolved.end));
  const day = tail ? readNum(tail[1]) : null;
  const first = resolved.period.start;
  if (!tail || !day || !first || day <= Number(first.slice(8, 10)) || day > lastDay(Number(first.slice(0, 4)), Number(first.slice(5, 7)))) return null;
  return { ...resolved, end: resolved.end + tail[0].length, period: { start: first, end: `${first.slice(0, 8)}${String(day).padStart(2, '0')}` } };
}
