/**
 * Calendar arithmetic for the time resolver: ISO dates, months' lengths, shifting by days, months
 * and years, the expressions of one day, month or year, and the year a prefix (2019年, 去年, 零六年) names.
 */
import type { TimeContext, TimeExpression } from './time.ts';
import { parseChineseNumeral } from './numbers.ts';

export const readNum = (s: string): number | null => {
  const ascii = s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  return /^[0-9]+$/.test(ascii) ? Number(ascii) : parseChineseNumeral(ascii);
};

export const pad = (n: number) => String(n).padStart(2, '0');
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const monthStart = (y: number, m: number) => ymd(y, m, 1);
export const monthEnd = (y: number, m: number) => ymd(y, m, lastDay(y, m));

/** Moves an ISO date by whole days. */
export function shiftDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`).getTime() + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Moves an ISO date by whole years or months (day clamped to the month's length). */
export function shiftDate(iso: string, years: number, months = 0): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + years * 12 + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return ymd(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** Moves a date back by whole years; a month's last day stays its month's last day (02-28 → 02-29). */
export function yearsEarlier(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return d === lastDay(y, m) ? monthEnd(y - years, m) : shiftDate(iso, -years);
}

/** Two-digit years (24年, 三三年, 98年) fall in the hundred years ending ten years after the reference. */
export function fullYear(yy: number, referenceYear: number | null): number {
  return 2000 + yy <= (referenceYear ?? 2030) + 10 ? 2000 + yy : 1900 + yy;
}

const DIGIT_YEAR = /^[〇零一二三四五六七八九]+$/;
/** A year prefix of a standalone expression: '', 今年/去年/前年/明年/后年/上一年/这一年, 2019年, 零六年. */
export function prefixYear(prefix: string, context: TimeContext): number | null {
  if (prefix === '') return context.year;
  const rel: Record<string, number> = { 今年: 0, 本年: 0, 这一年: 0, 今一年: 0, 去年: -1, 上一年: -1, 前年: -2, 明年: 1, 下一年: 1, 后年: 2 };
  if (prefix in rel) return context.year === null ? null : context.year + rel[prefix];
  const m = /^([0-9]{2}|[0-9]{4}|[〇零一二三四五六七八九]{2}|[〇零一二三四五六七八九]{4})年$/.exec(prefix);
  if (!m) return null;
  const digits = DIGIT_YEAR.test(m[1]) ? [...m[1]].map((c) => String(readNum(c))).join('') : m[1];
  const n = Number(digits);
  return digits.length === 2 ? fullYear(n, context.year) : n;
}

export const YEAR_PREFIX =
  '((?:[0-9]{2}|[0-9]{4}|[〇零一二三四五六七八九]{2}|[〇零一二三四五六七八九]{4})年|今年|本年|这一年|去年|上一年|前年|明年|下一年|后年)?';

export function dayExpression(y: number, m: number, d: number, explicitYear = false): TimeExpression | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  const date = ymd(y, m, d);
  return { start: 0, end: 0, period: { start: date, end: date }, date, precision: 'day', explicitYear, month: m, day: d, open: null };
}
export function monthExpression(y: number, m: number, explicitYear = false): TimeExpression | null {
  if (m < 1 || m > 12) return null;
  return {
    start: 0,
    end: 0,
    period: { start: monthStart(y, m), end: monthEnd(y, m) },
    date: `${y}-${pad(m)}`,
    precision: 'month',
    explicitYear,
    month: m,
    day: null,
    open: null,
  };
}
export function yearExpression(y: number, explicitYear = false): TimeExpression {
  return {
    start: 0,
    end: 0,
    period: { start: ymd(y, 1, 1), end: ymd(y, 12, 31) },
    date: String(y),
    precision: 'year',
    explicitYear,
    month: null,
    day: null,
    open: null,
  };
}

/** The n-th given weekday (1 = Monday … 7 = Sunday) of a month, or null past its end. */
export function nthWeekday(y: number, m: number, n: number, weekday: number): TimeExpression | null {
  if (m < 1 || m > 12) return null;
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay() || 7;
  return dayExpression(y, m, 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7);
}
