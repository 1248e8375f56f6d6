/**
 * The dates events can take, read off the report's time expressions (GUIDE.md §3: a date given to
 * the day or the month). Two forms the time resolver leaves as something else date an event too:
 * a part of a month (4月底, 7月末: counted as the end of a span, but an event then happened in that
 * month), and the first day of a span of days written with one 日 (2024年1月22至23日: the resolver
 * stops at the month).
 */
import type { TimeExpression } from './time.ts';
import { eventWords } from './events-words.ts';

/** 22至23日, 22—23日: the days of a span after a month written alone. */
const DAY_SPAN_AFTER_MONTH = /^([0-9０-９]{1,2})\s*[—–\-－~～至到]\s*[0-9０-９]{1,2}\s*日/u;

const pad = (n: number) => String(n).padStart(2, '0');
const digits = (s: string) => Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));

/** `YYYY-MM` of a month-precision date or of a period's end. */
function monthOf(t: TimeExpression): string | null {
  const date = t.date ?? t.period.end;
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null;
}

/**
 * The expression as an event's date, or null when it dates no event (a span, an open period, a
 * year). A month-part becomes its month; a month followed by a span of days becomes the first day.
 */
export function asEventDate(text: string, t: TimeExpression): TimeExpression | null {
  if (t.open !== null) return null;
  if (t.precision === 'month' && t.day === null) {
    const span = DAY_SPAN_AFTER_MONTH.exec(text.slice(t.end, t.end + 12));
    const month = monthOf(t);
    if (span && month) {
      const day = digits(span[1]);
      if (day >= 1 && day <= 31) return { ...t, end: t.end + span[1].length, precision: 'day', date: `${month}-${pad(day)}`, day };
    }
  }
  if (t.precision === 'day' || t.precision === 'month') return t.date ? t : null;
  // 10月底前: a deadline, not a time something happened.
  if (t.precision === 'span' && eventWords().monthPart.test(text.slice(t.start, t.end)) && !/^(?:以|之)?前/u.test(text.slice(t.end, t.end + 2))) {
    const month = monthOf(t);
    if (!month || (t.period.start !== null && t.period.start.slice(0, 7) !== month)) return null;
    const written = /(\d{1,2})月[^月]*$/.exec(text.slice(t.start, t.end));
    return { ...t, precision: 'month', date: month, month: t.explicitYear ? t.month : written ? Number(written[1]) : t.month, day: null };
  }
  return null;
}

/** Every expression that can date an event, as its event date, in text order. */
export function eventDates(text: string, times: readonly TimeExpression[]): TimeExpression[] {
  const out: TimeExpression[] = [];
  for (const t of times) {
    const d = asEventDate(text, t);
    if (d) out.push(d);
  }
  return out;
}

/** Between two dates, only the sign of a span (5日—8日, 22日至23日) or of a list (分别于4月、7月运抵). */
const SPAN_SIGN = /^\s*[—–\-－~～至到、和及与]\s*$/u;

/**
 * Where the predicate of the date `t` may stand: up to the next date of its sentence (1948年12月参加革命
 * 工作，1949年10月加入…: each date its own predicate), or the sentence's end. A date that ends a span
 * begun by `t` (1月22日—1月23日) or stands in a list with it (4月、7月) is part of it.
 */
export function scopeEnd(text: string, dated: readonly TimeExpression[], t: TimeExpression, sentenceEnd: number): number {
  let lo = 0;
  let hi = dated.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dated[mid].start < t.end) lo = mid + 1;
    else hi = mid;
  }
  let from = t.end;
  for (let k = lo; k < dated.length && dated[k].start < sentenceEnd; k++) {
    if (!SPAN_SIGN.test(text.slice(from, dated[k].start))) return dated[k].start;
    from = dated[k].end;
  }
  return sentenceEnd;
}
