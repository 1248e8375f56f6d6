/**
 * The forms of time in running text and how each resolves: one entry per family of TIME_RE
 * (time-pattern.ts), tried in order; the first whose group matched resolves the match. The last
 * family, a year and/or a part of one (2020年1月3日, 今年上半年, 1—5月, 年底), has its own table of parts.
 */
import type { Period } from '../document/index.ts';
import { fullYear, lastDay, monthEnd, monthExpression, monthStart, pad, readNum, shiftDate, shiftDays, yearExpression, ymd } from './time-calendar.ts';
import type { Precision, TimeContext, TimeExpression } from './time.ts';

type Groups = Record<string, string | undefined>;

/** What every form knows of its match; `base` is the expression's frame, which a form fills in. */
interface Matched {
  g: Groups;
  prefix: string | null;
  start: number;
  end: number;
  /** The text the match was found in (for a look at what follows it). */
  input: string;
  base: { start: number; end: number; explicitYear: boolean; month: number | null; day: number | null };
}

interface TimeForm {
  /** The named groups of TIME_RE any of which marks the family. */
  groups: readonly string[];
  resolve(m: Matched, context: TimeContext, paragraphYear: number | null): TimeExpression | null;
}

/** The prefixes that make a time the end of an open span (截至2020年底, 到2025年). */
const UNTIL_PREFIXES = ['截至', '截止', '截止到', '截到', '到', '至'];
/** The prefixes after which 今天/现在 mean "up to now" (截至今天). */
const NOW_PREFIXES = ['截至', '截止', '截止到', '截到', '至'];
/** Deictic words that mean "up to now" without a prefix. */
const NOW_ALONE = ['目前', '当前', '至今', '如今', '眼下', '现有'];
const DAY_OFFSETS: Record<string, number> = { 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1, 后天: 2 };
const YEAR_OFFSETS: Record<string, number> = { 今: 0, 本: 0, 当: 0, 同: 0, 去: -1, 上: -1, 前: -2, 明: 1 };

const dayOf = (base: Matched['base'], date: string): TimeExpression => ({ ...base, period: { start: date, end: date }, date, precision: 'day', open: null });
const spanUpTo = (base: Matched['base'], from: string, anchor: string): TimeExpression => ({
  ...base,
  period: { start: from, end: anchor },
  date: null,
  precision: 'span',
  open: null,
});

/** 截至目前, 目前, 至今: up to the report's date. 今天/现在 need the prefix (现在的, 今天的 are not periods). */
function resolveNow({ g, prefix, end, input, base }: Matched, context: TimeContext): TimeExpression | null {
  const now = g.now!;
  // 现在，… (a clause of its own) speaks of now too.
  const after = input.slice(end, end + 1);
  // 今天凌晨, 今天（8月14日）, 今日上午: the report's day, a date as a broadcast gives it; so is a
  // broadcast's 今天 before its predicate (今天启动…, 今天在首尔举行…), but not 今天的, 今天起, 今天以来.
  const beforePredicate = /^[\u4e00-\u9fff]/.test(after) && !/^[的之起以为]/.test(after);
  if ((now === '今天' || now === '今日') && !prefix && !g.suffix && context.anchor && (/^[（(，,上下中凌早晚]/.test(after) || beforePredicate)) {
    return dayOf(base, context.anchor);
  }
  const needsPrefix = !NOW_ALONE.includes(now) && !(now === '现在' && /^[，,]/.test(after));
  if (needsPrefix && (!prefix || !NOW_PREFIXES.includes(prefix))) return null;
  return { ...base, period: { start: null, end: context.anchor }, date: null, precision: 'span', open: 'until' };
}

/** 普京17日在论坛上…: a day of the report's month (大会17日举行, announced on the 16th, too). */
function resolveDayOnly({ g, base, prefix }: Matched, context: TimeContext): TimeExpression | null {
  if (!context.anchor) return null;
  const d = Number(g.dayOnly);
  const [y, mo] = context.anchor.split('-').map(Number);
  if (d < 1 || d > lastDay(y, mo)) return null;
  const day = dayOf({ ...base, month: mo, day: d }, ymd(y, mo, d));
  // 截至13日晚: what stood by that day
  if (prefix?.startsWith('截')) return { ...day, period: { start: null, end: day.period.end }, date: null, precision: 'span', open: 'until' };
  return day;
}

/** 2020-01-03, 2020.1.3: a numeric date. */
function resolveNumericDate({ g, base }: Matched): TimeExpression | null {
  const [y, mo, d] = [Number(g.ny), Number(g.nm), Number(g.nd)];
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return dayOf({ ...base, explicitYear: true, month: mo, day: d }, ymd(y, mo, d));
}

/** 本月, 上个月, 下月5日: the report's month or the one before or after, or a day of it. */
function resolveMonthRel({ g, base }: Matched, context: TimeContext): TimeExpression | null {
  if (!context.anchor) return null;
  const shift = g.monthRel!.startsWith('上') ? -1 : g.monthRel!.startsWith('下') ? 1 : 0;
  const [y, mo] = shiftDate(context.anchor, 0, shift).split('-').map(Number);
  if (g.relDay) {
    const d = readNum(g.relDay);
    if (!d || d > lastDay(y, mo)) return null;
    return dayOf({ ...base, month: mo, day: d }, ymd(y, mo, d));
  }
  return { ...base, month: mo, period: { start: monthStart(y, mo), end: monthEnd(y, mo) }, date: `${y}-${pad(mo)}`, precision: 'month', open: null };
}

/**
 * The calendar year 过去一年 / 一年来 looks back on: a work report or review of January to April
 * speaks of the year before, one of November or December of the year ending; between, it is the
 * last twelve months (no calendar year).
 */
function reviewedYear(anchor: string): number | null {
  const [y, mo] = anchor.split('-').map(Number);
  return mo <= 4 ? y - 1 : mo >= 11 ? y : null;
}

/** 近五年, 过去3年 (recent) and 5年来, 3个月以来 (ago): the span up to the report's date. */
function resolveDuration(count: string, unit: string | undefined, m: Matched, context: TimeContext, zeroIsNone: boolean): TimeExpression | null {
  const n = readNum(count);
  if (n === null || (zeroIsNone && n === 0) || !context.anchor) return null;
  const reviewed = n === 1 && unit === '年' && m.g.recentWord !== '近' && m.g.recentWord !== '最近' ? reviewedYear(context.anchor) : null;
  if (reviewed !== null) return { ...yearExpression(reviewed), start: m.start, end: m.end, reviewedYear: true };
  const from = unit === '年' ? shiftDate(context.anchor, -n) : shiftDate(context.anchor, 0, -n);
  return spanUpTo(m.base, from, context.anchor);
}

/** 两年前, 3个月前: the calendar year or month that long before the report's date. */
function resolveBefore({ g, start, end }: Matched, context: TimeContext): TimeExpression | null {
  const n = readNum(g.before!);
  if (n === null || n === 0) return null;
  if (g.beforeUnit === '年') return context.year === null ? null : { ...yearExpression(context.year - n), start, end };
  if (!context.anchor) return null;
  const [y, mo] = shiftDate(context.anchor, 0, -n).split('-').map(Number);
  return { ...monthExpression(y, mo)!, start, end };
}

/** The families of TIME_RE, in the order they are tried. */
const TIME_FORMS: readonly TimeForm[] = [
  { groups: ['now'], resolve: resolveNow },
  { groups: ['dayOnly'], resolve: resolveDayOnly },
  {
    groups: ['dayRel'],
    resolve: ({ g, base }, context) => (context.anchor ? dayOf(base, shiftDays(context.anchor, DAY_OFFSETS[g.dayRel!])) : null),
  },
  { groups: ['ny'], resolve: resolveNumericDate },
  { groups: ['monthRel'], resolve: resolveMonthRel },
  { groups: ['recent'], resolve: (m, context) => resolveDuration(m.g.recent!, m.g.recentUnit, m, context, true) },
  { groups: ['before'], resolve: resolveBefore },
  {
    // 去年同期: filled in by the scan from the span the paragraph spoke of before; unknown alone.
    groups: ['sameRel'],
    resolve: ({ g, base }) => ({
      ...base,
      period: { start: null, end: null },
      date: null,
      precision: 'span',
      open: null,
      sameYearsBack: g.sameRel === '前' ? 2 : 1,
    }),
  },
  { groups: ['ago'], resolve: (m, context) => resolveDuration(m.g.ago!, m.g.agoUnit, m, context, false) },
  { groups: ['year', 'year2', 'rel', 'half', 'quarter', 'firstN', 'm1', 'ySuffix'], resolve: resolveYearAndPart },
];

/** Resolves one match of TIME_RE, or null when it is no time expression after all. */
export function resolveMatch(m: RegExpExecArray, context: TimeContext, paragraphYear: number | null = null): TimeExpression | null {
  const g: Groups = m.groups ?? {};
  const start = m.index;
  const end = m.index + m[0].length;
  const matched: Matched = { g, prefix: g.prefix ?? null, start, end, input: m.input, base: { start, end, explicitYear: false, month: null, day: null } };
  for (const form of TIME_FORMS) {
    for (const group of form.groups) if (g[group]) return form.resolve(matched, context, paragraphYear);
  }
  return null;
}

/** The year a year-and-part form speaks of; marks `base` when the year was written. */
function yearOf({ g, base }: Matched, context: TimeContext, paragraphYear: number | null): number | null {
  if (g.year) {
    base.explicitYear = true;
    return readNum(g.year);
  }
  if (g.year2) {
    // 98年4月, 零七年八月: a two-digit year (see fullYear).
    const yy = readNum(g.year2.length === 2 && /[〇零一二三四五六七八九]/.test(g.year2) ? [...g.year2].map((c) => String(readNum(c))).join('') : g.year2);
    if (yy === null || yy > 99) return null;
    base.explicitYear = true;
    return fullYear(yy, context.year);
  }
  if (g.rel) return context.year === null ? null : context.year + YEAR_OFFSETS[g.rel];
  // A bare span (全年, 1—5月, 上半年) reads in the paragraph's year; a bare day (1月1日) is news,
  // dated in the report's year.
  return g.day ? context.year : (paragraphYear ?? context.year);
}

/** What a part of a year covers, as the parts' table resolves it. */
interface PartReading {
  period: Period;
  date: string | null;
  precision: Precision;
}

const spanPart = (period: Period): PartReading => ({ period, date: null, precision: 'span' });

/** 上半年, 下半年. */
function halfPart(g: Groups, year: number): PartReading {
  return spanPart(g.half === '上半年' ? { start: ymd(year, 1, 1), end: ymd(year, 6, 30) } : { start: ymd(year, 7, 1), end: ymd(year, 12, 31) });
}

/** 一季度, 前三季度; 一季度末 (a stock at the quarter's end: no start); 一季度初: its first month. */
function quarterPart(g: Groups, year: number): PartReading | null {
  const quarter = g.quarter!;
  const q = quarter.startsWith('前') ? readNum(quarter.replace(/[^0-9一二两三四]/g, '')) : readNum(quarter.replace(/[^0-9一二三四]/g, ''));
  if (!q || q > 4) return null;
  const first = quarter.startsWith('前') ? 1 : (q - 1) * 3 + 1;
  if (g.qSuffix === '末' || g.qSuffix === '底') return spanPart({ start: null, end: monthEnd(year, q * 3) });
  if (g.qSuffix === '初') return spanPart({ start: monthStart(year, first), end: monthEnd(year, first) });
  return spanPart({ start: monthStart(year, first), end: monthEnd(year, q * 3) });
}

/** 前五个月, 首3月. */
function firstMonthsPart(g: Groups, year: number): PartReading | null {
  const n = readNum(g.firstN!);
  if (!n || n > 12) return null;
  return spanPart({ start: monthStart(year, 1), end: monthEnd(year, n) });
}

/** 6月, 1—5月, 6月21日, 7月末 (a stock at the month's end, as of that day). */
function monthPart(g: Groups, year: number, base: Matched['base']): PartReading | null {
  const m1 = readNum(g.m1!);
  const m2 = g.m2 ? readNum(g.m2) : null;
  if (!m1 || m1 > 12 || (g.m2 && (!m2 || m2 > 12 || m2 <= m1))) return null;
  base.month = m1;
  if (m2) return spanPart({ start: monthStart(year, m1), end: monthEnd(year, m2) });
  if (g.day) {
    const d = readNum(g.day);
    if (!d || d > lastDay(year, m1)) return null;
    base.day = d;
    const date = ymd(year, m1, d);
    return { period: { start: date, end: date }, date, precision: 'day' };
  }
  if (g.mSuffix === '末' || g.mSuffix === '底') return spanPart({ start: null, end: monthEnd(year, m1) });
  return { period: { start: monthStart(year, m1), end: monthEnd(year, m1) }, date: `${year}-${pad(m1)}`, precision: 'month' };
}

/** 年底 / 年末 (a stock as of the year's last day), 年初, 全年, and 年中 (a mid-year stock, said only with a year). */
function yearSuffixPart(g: Groups, year: number): PartReading | null {
  const s = g.ySuffix!;
  if (s.endsWith('底') || s.endsWith('末')) return spanPart({ start: null, end: ymd(year, 12, 31) });
  if (s === '年中') return !g.year && !g.rel ? null : spanPart({ start: null, end: ymd(year, 6, 30) });
  if (s.endsWith('初')) return spanPart({ start: ymd(year, 1, 1), end: ymd(year, 1, 1) });
  return spanPart({ start: ymd(year, 1, 1), end: ymd(year, 12, 31) });
}

/** The parts of a year, in the order they are tried. */
const YEAR_PARTS: readonly { group: string; read(g: Groups, year: number, base: Matched['base']): PartReading | null }[] = [
  { group: 'half', read: halfPart },
  { group: 'quarter', read: quarterPart },
  { group: 'firstN', read: firstMonthsPart },
  { group: 'm1', read: monthPart },
  { group: 'ySuffix', read: yearSuffixPart },
];

/** 2024年, 今年上半年, 1—5月, 2020年1月3日, 截至2020年底, 2020年以来. */
function resolveYearAndPart(m: Matched, context: TimeContext, paragraphYear: number | null): TimeExpression | null {
  const { g, prefix, base } = m;
  // A bare 底/末/初 is a month's or year's end only after a written year (2020年底), not in 初步.
  if (g.ySuffix && g.ySuffix.length === 1 && !g.year && !g.rel) return null;
  const year = yearOf(m, context, paragraphYear);
  if (year === null) return null;
  let part: (typeof YEAR_PARTS)[number] | undefined;
  for (const p of YEAR_PARTS) if (!part && g[p.group]) part = p;
  // A year alone: 2024年, 今年.
  const reading: PartReading | null = part
    ? part.read(g, year, base)
    : { period: { start: ymd(year, 1, 1), end: ymd(year, 12, 31) }, date: String(year), precision: 'year' };
  if (!reading) return null;
  let { period, date, precision } = reading;
  let open: TimeExpression['open'] = null;
  if (g.suffix) {
    // 2020年以来: from the start of that time on, up to the report's date (as 截至目前 is).
    period = { start: period.start, end: context.anchor && period.start && context.anchor >= period.start ? context.anchor : null };
    open = 'since';
    date = null;
    precision = 'span';
  } else if (prefix && UNTIL_PREFIXES.includes(prefix)) {
    period = { start: null, end: period.end };
    open = 'until';
    date = null;
    precision = 'span';
  }
  return { ...base, period, date, precision, open };
}
