/**
 * The time resolver: finds time expressions in Chinese text and resolves them against the report's
 * date — absolute dates and months, years, month ranges (1—5月), halves and quarters (上半年, 一季度),
 * first-N-months (前五个月), relative years (今年, 去年), open periods (截至…末, …以来, 到2025年,
 * N年来) and "now" (截至目前).
 *
 * Hand-written on purpose: chrono-node's Chinese parser reads 去年12月 and 今年1—5月 wrongly, and
 * the rules here are few. Pure functions; `findTimeExpressions` runs in linear time. The lunar
 * calendar and the 24 solar terms (春节, 中秋, 农历八月二十三, 芒种) come from lunar-typescript's tables.
 */
import type { Period } from '../document/index.ts';
import { Lunar, Solar } from 'lunar-typescript';
import { parseChineseNumeral } from './numbers.ts';

export interface TimeContext {
  /** The report's publication date `YYYY-MM-DD`: the anchor for 截至目前 and N年来. */
  anchor: string | null;
  /** The year 今年 and a bare month refer to: the anchor's year, or the report's own year. */
  year: number | null;
}

export type Precision = 'day' | 'month' | 'year' | 'span';

export interface TimeExpression {
  start: number;
  end: number;
  /** The time the expression covers; either end may be open. */
  period: Period;
  /** A single day or month as an event's date (`YYYY-MM-DD` / `YYYY-MM`); null for spans. */
  date: string | null;
  precision: Precision;
  /** The year was written (2020年), not taken from the context. */
  explicitYear: boolean;
  /** A month written without a year (6月21日): the caller may re-read it in a timeline. */
  month: number | null;
  day: number | null;
  /** 到2025年, 截至…: the period ends here; 以来: it starts here. */
  open: 'until' | 'since' | null;
  /** 去年同期 (1), 前年同期 (2): the same span as the one spoken of before, that many years earlier. */
  sameYearsBack?: number;
}

const NUM = '[0-9０-９一二两三四五六七八九十]{1,3}';
const SP = '[ \\t\\u3000]*';
const RANGE = '[—–―‒﹣\\-－~～〜至到]';

/**
 * One pass over the text. Groups: a prefix (截至, 到, 自…), a year (4 digits or 今/去/前/明年),
 * then a half, quarter, first-N-months, month range or month[-day], then a suffix (末, 底, 以来).
 */
const YEAR = [
  `(?:(?<![0-9０-９])(?<year>[12][0-9]{3}|[〇零一二][〇零一二三四五六七八九]{3})${SP}年(?!代|度)`,
  `|(?<![0-9０-９])(?<year2>[0-9]{2}|[〇零一二三四五六七八九]{2})年(?=${SP}${NUM}${SP}月)`,
  `|(?<rel>今|去|前|明|上|本|当|同)年(?!代|度))`,
].join('');
const PART = [
  `(?:(?<half>上半年|下半年)|(?<quarter>第?[一二三四1-4]季度|前[二两三]季度|前三个季度)(?<qSuffix>末|底|初)?|[前首](?<firstN>${NUM})个?月`,
  `|(?<m1>${NUM})${SP}(?:${RANGE}${SP}(?<m2>${NUM})${SP})?月份?(?:${SP}(?<day>${NUM})${SP}[日号])?(?<mSuffix>末|底|初|上旬|中旬|下旬)?`,
  `|(?<ySuffix>年初|年底|年末|年中(?![国央华心部东西南北文外共医药])|底|末|初|全年))`,
].join('');
/** The same pattern without group names (a lookahead may not repeat them). */
function unnamed(pattern: string): string {
  return pattern.replace(/\(\?<([A-Za-z0-9]+)>/g, '(?:').replace(/\\k<[A-Za-z0-9]+>/g, '');
}

const TIME_RE = new RegExp(
  [
    // Every expression starts with one of these: a cheap first test at each offset.
    `(?=[截到至自从目今当现如眼昨明后本上下去前首同第年底末初全近最过这0-9０-９〇零一二两三四五六七八九十 \\t\\u3000])`,
    `(?<prefix>截至|截止到|截止|截到|到|至|自|从)?${SP}`,
    `(?:`,
    `(?<now>目前|今日|当前|现在|今天|至今|如今|眼下|现有(?=[\u4e00-\u9fff]))`,
    `|(?<dayRel>昨天|昨日|前天|明天|明日|后天)`,
    // 普京17日在论坛上…: a day of the report's month (or the month before, for a day still to come).
    `|(?<![0-9０-９月号/.\\-第每至到—–~～])(?<dayOnly>[0-9]{1,2})日(?!内|以内|之内|游|左右|以上|以下|均|起算|后)`,
    `|(?<![0-9０-９.])(?<ny>[12][0-9]{3})(?<sep>[./-])(?<nm>[0-9]{1,2})\\k<sep>(?<nd>[0-9]{1,2})(?![0-9])`,
    `|(?<monthRel>本月|当月|上个?月|下个?月)(?:${SP}(?<relDay>${NUM})${SP}[日号])?`,
    `|(?<![0-9０-９.〇零一二两三四五六七八九十百千万])(?<ago>${NUM})${SP}(?<agoUnit>年|个月)(?:多|余)?(?:以来|来)`,
    // 近五年, 过去3年, 最近两个月, 这五年来: the span up to the report's date. 近 alone also
    // approximates a duration (工期近五年), so it reads as a time only where a time phrase stands:
    // before 来/以来/里/间/中, or before a clause break.
    `|(?<recentWord>过去的?|最近|近|这)${SP}(?<recent>${NUM})${SP}(?<recentUnit>年|个月)(?=(?:多|余)?(?:以来|来|里|间|中|，|,))(?:多|余)?(?:以来|来|里|间|中)?`,
    // 两年前, 3个月前: the calendar year or month that long before the report's date.
    `|(?<![0-9０-９.〇零一二两三四五六七八九十百千万第])(?<before>${NUM})${SP}(?<beforeUnit>年|个月)(?<beforeWord>以前|之前|前)(?![0-9０-９一二三四五六七八九十])`,
    // 去年同期, 上年同期: the span the sentence speaks of, one year earlier (filled in by the scan).
    `|(?<sameRel>去|上|前)一?年同期`,
    // A year and/or a part (2020年1月3日, 今年上半年, 1—5月). The lookahead makes sure one of them is
    // there, so the regex never matches empty and the engine scans the text natively.
    `|(?=${unnamed(YEAR)}|${unnamed(PART)})${YEAR}?${SP}${PART}?`,
    `)`,
    `(?<suffix>以来)?`,
  ].join(''),
  'g',
);

const readNum = (s: string): number | null => {
  const ascii = s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  return /^[0-9]+$/.test(ascii) ? Number(ascii) : parseChineseNumeral(ascii);
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthStart = (y: number, m: number) => ymd(y, m, 1);
const monthEnd = (y: number, m: number) => ymd(y, m, lastDay(y, m));

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
function yearsEarlier(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return d === lastDay(y, m) ? monthEnd(y - years, m) : shiftDate(iso, -years);
}

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

/** The span `reference` covers, `years` years earlier: 去年同期 of 今年1—5月 is last year's 1—5月. */
function sameSpanEarlier(reference: TimeExpression, years: number, context: TimeContext): Period {
  const { start, end } = reference.period;
  // 今年以来 runs to the report's date: its same span last year ends a year before that date.
  const until = end ?? (reference.open === 'since' ? context.anchor : null);
  return { start: start && yearsEarlier(start, years), end: until && yearsEarlier(until, years) };
}

/** The last report's results by context, so the stages that all need them scan a report once. */
let lastText: string | null = null;
const lastResults = new Map<string, TimeExpression[]>();

/** Finds and resolves every time expression in `text`. */
export function findTimeExpressions(text: string, context: TimeContext): TimeExpression[] {
  if (lastText !== text) {
    lastText = text;
    lastResults.clear();
  }
  const key = `${context.anchor}|${context.year}`;
  let found = lastResults.get(key);
  if (!found) {
    found = scanTimeExpressions(text, context);
    lastResults.set(key, found);
  }
  return found.slice();
}

/** The time expressions of a short string of its own (a table header), leaving the report's cached scan alone. */
export function timeExpressionsOf(text: string, context: TimeContext): TimeExpression[] {
  return scanTimeExpressions(text, context);
}

function scanTimeExpressions(text: string, context: TimeContext): TimeExpression[] {
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
    } else if (!/(?:较|比|与|同比)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      const end = text.indexOf('\n\n', resolved.end);
      reference = { expression: resolved, paragraphEnd: end < 0 ? text.length : end };
    }
    const last = found.at(-1);
    if (last && joinsDayRange(text, last, resolved)) {
      // 9月30日至10月4日: one span from the first day to the second, dated (for a timeline) by its first
      found[found.length - 1] = { ...last, end: resolved.end, period: { start: last.period.start, end: resolved.period.end } };
      continue;
    }
    found.push(resolved);
    if (resolved.precision === 'day' && !resolved.open) {
      // 10月1日至3日: the second day has no month of its own (and is no day of the report's month)
      const tail = new RegExp(`^${SP}${RANGE}${SP}(${NUM})${SP}[日号]`).exec(text.slice(resolved.end));
      const day = tail ? readNum(tail[1]) : null;
      const first = resolved.period.start;
      if (tail && day && first && day > Number(first.slice(8, 10)) && day <= lastDay(Number(first.slice(0, 4)), Number(first.slice(5, 7)))) {
        found[found.length - 1] = {
          ...resolved,
          end: resolved.end + tail[0].length,
          period: { start: first, end: `${first.slice(0, 8)}${String(day).padStart(2, '0')}` },
        };
        TIME_RE.lastIndex = resolved.end + tail[0].length;
      }
    }
    if (resolved.explicitYear && resolved.precision === 'year' && !resolved.open && !/(?:较|比|与|同比)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      // (A year after the report's own is a target, not what it reviews.)
      if (context.year === null || Number(resolved.date) <= context.year) topicYear = Number(resolved.date);
    }
    if (resolved.explicitYear && resolved.open !== 'until') {
      const end = text.indexOf('\n\n', resolved.end);
      paragraphYear = { year: Number((resolved.period.start ?? resolved.period.end ?? '').slice(0, 4)), paragraphEnd: end < 0 ? text.length : end };
    }
  }
  return found;
}

/**
 * Resolves one whole expression ("今年1—5月", "截至2020年12月末"), or null when it is not one.
 * A string that is known to be a time as a whole may also take the loose forms of
 * `resolveStandalone` (20240307, 09-01, 2018, 30日, 周一, 国庆…), which running text never does.
 */
export function resolveTime(expression: string, context: TimeContext): TimeExpression | null {
  // Scanned directly, not through findTimeExpressions' cache, which holds the report being extracted.
  const all = scanTimeExpressions(expression, context);
  if (all.length === 1 && all[0].start === 0 && all[0].end === expression.trim().length) return all[0];
  return resolveStandalone(expression.trim(), context);
}

const MAX_STANDALONE = 24;

/** Two-digit years (24年, 三三年, 98年) fall in the hundred years ending ten years after the reference. */
function fullYear(yy: number, referenceYear: number | null): number {
  return 2000 + yy <= (referenceYear ?? 2030) + 10 ? 2000 + yy : 1900 + yy;
}

const DIGIT_YEAR = /^[〇零一二三四五六七八九]+$/;
/** A year prefix of a standalone expression: '', 今年/去年/前年/明年/后年/上一年/这一年, 2019年, 零六年. */
function prefixYear(prefix: string, context: TimeContext): number | null {
  if (prefix === '') return context.year;
  const rel: Record<string, number> = { 今年: 0, 本年: 0, 这一年: 0, 今一年: 0, 去年: -1, 上一年: -1, 前年: -2, 明年: 1, 下一年: 1, 后年: 2 };
  if (prefix in rel) return context.year === null ? null : context.year + rel[prefix];
  const m = /^([0-9]{2}|[0-9]{4}|[〇零一二三四五六七八九]{2}|[〇零一二三四五六七八九]{4})年$/.exec(prefix);
  if (!m) return null;
  const digits = DIGIT_YEAR.test(m[1]) ? [...m[1]].map((c) => String(readNum(c))).join('') : m[1];
  const n = Number(digits);
  return digits.length === 2 ? fullYear(n, context.year) : n;
}

/** Fixed-date festivals of the solar calendar (lunar ones — 春节, 中秋 — need a calendar table). */
const FESTIVALS: Record<string, [number, number]> = {
  元旦: [1, 1],
  妇女节: [3, 8],
  三八妇女节: [3, 8],
  植树节: [3, 12],
  劳动节: [5, 1],
  五一劳动节: [5, 1],
  青年节: [5, 4],
  五四青年节: [5, 4],
  儿童节: [6, 1],
  六一儿童节: [6, 1],
  建党节: [7, 1],
  建军节: [8, 1],
  教师节: [9, 10],
  国庆: [10, 1],
  国庆节: [10, 1],
  圣诞节: [12, 25],
};
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const YEAR_PREFIX = '((?:[0-9]{2}|[0-9]{4}|[〇零一二三四五六七八九]{2}|[〇零一二三四五六七八九]{4})年|今年|本年|这一年|去年|上一年|前年|明年|下一年|后年)?';

function dayExpression(y: number, m: number, d: number, explicitYear = false): TimeExpression | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  const date = ymd(y, m, d);
  return { start: 0, end: 0, period: { start: date, end: date }, date, precision: 'day', explicitYear, month: m, day: d, open: null };
}
function monthExpression(y: number, m: number, explicitYear = false): TimeExpression | null {
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
function yearExpression(y: number, explicitYear = false): TimeExpression {
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
function nthWeekday(y: number, m: number, n: number, weekday: number): TimeExpression | null {
  if (m < 1 || m > 12) return null;
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay() || 7;
  return dayExpression(y, m, 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7);
}

/**
 * Forms that read as a time only when the whole string is one: in running text a bare 2018 or 09-01
 * is as often a count or a code, and 周一 or 全天 is no report period. Month-days without a year
 * take the reference's year (a report speaks of its own year), not JioNLP's nearest-future one.
 */
function resolveStandalone(text: string, context: TimeContext): TimeExpression | null {
  // A time expression is a few characters; anything longer is a phrase, not a standalone time.
  if (text.length > MAX_STANDALONE) return null;
  const spanned = (t: TimeExpression | null) => (t ? { ...t, start: 0, end: text.length } : null);
  return spanned(readStandalone(text, context));
}

function readStandalone(text: string, context: TimeContext): TimeExpression | null {
  const anchor = context.anchor;
  const refYear = context.year;
  let m: RegExpExecArray | null;
  // Approximate dates (2020年3月左右, 前年9月2号左右, 中秋节前后): the date they hover round.
  if ((m = /^(.+?)(?:左右|前后)$/.exec(text))) return resolveTime(m[1], context);
  // 2024年内: that year.
  if ((m = /^(.+年)内$/.exec(text))) return resolveTime(m[1], context);
  // Compact and mixed-separator numeric dates: 20240307, 2022 11 23, 1994.01-19.
  if ((m = /^([12][0-9]{3})(0[1-9]|1[0-2])([0-3][0-9])$/.exec(text)) || (m = /^([12][0-9]{3})[ .\-/]([0-9]{1,2})[ .\-/]([0-9]{1,2})$/.exec(text)))
    return dayExpression(Number(m[1]), Number(m[2]), Number(m[3]), true);
  // A bare four-digit year: 2018.
  if ((m = /^([12][0-9]{3})$/.exec(text))) return yearExpression(Number(m[1]), true);
  // A month-day in the reference year: 6·30, 09-01, 1月3, 十月31, 四月十三.
  if (refYear !== null && ((m = /^([0-9]{1,2})[·.\-/]([0-9]{1,2})$/.exec(text)) || (m = new RegExp(`^(${NUM})月(${NUM})$`).exec(text)))) {
    const [mo, d] = [readNum(m[1]), readNum(m[2])];
    return mo && d ? dayExpression(refYear, mo, d) : null;
  }
  // A day of the reference month: 30日, 三号.
  if (anchor && (m = new RegExp(`^(${NUM})[日号]$`).exec(text))) {
    const d = readNum(m[1]);
    const [y, mo] = anchor.split('-').map(Number);
    return d ? dayExpression(y, mo, d) : null;
  }
  // The reference day: 今天, 本日, 今日, 全天.
  if (anchor && /^(?:今天|本日|今日|全天|当天|当日)$/.test(text)) return dayExpression(...(anchor.split('-').map(Number) as [number, number, number]));
  // N天后 / N天前.
  if (anchor && (m = new RegExp(`^(${NUM})天(前|后|以前|以后|之前|之后)$`).exec(text))) {
    const n = readNum(m[1]);
    if (n === null) return null;
    return dayExpression(
      ...(shiftDays(anchor, m[2].endsWith('前') ? -n : n)
        .split('-')
        .map(Number) as [number, number, number]),
    );
  }
  // N年前 / N年后: that calendar year.
  if (refYear !== null && (m = new RegExp(`^(${NUM})年(前|后|以前|以后|之前|之后)$`).exec(text))) {
    const n = readNum(m[1]);
    return n === null ? null : yearExpression(refYear + (m[2].endsWith('前') ? -n : n));
  }
  // 半年后, 一年半后, 3年半前, 5个月后, 三个季度后: the calendar month that many months away.
  if (anchor && (m = new RegExp(`^(?:(${NUM})年半|(半)年|(${NUM})个月|(${NUM})个季度)(前|后|以前|以后|之前|之后)$`).exec(text))) {
    const months = m[1] ? (readNum(m[1]) ?? NaN) * 12 + 6 : m[2] ? 6 : m[3] ? (readNum(m[3]) ?? NaN) : (readNum(m[4]) ?? NaN) * 3;
    if (!Number.isFinite(months)) return null;
    const [y, mo] = shiftDate(anchor, 0, m[5].endsWith('前') ? -months : months)
      .split('-')
      .map(Number);
    return monthExpression(y, mo);
  }
  // 大后天, 大大后天, 大前天: three or more days away.
  if (anchor && (m = /^((?:大)+)(后|前)天$/.exec(text))) {
    const n = (m[1].length + 2) * (m[2] === '后' ? 1 : -1);
    return dayExpression(...(shiftDays(anchor, n).split('-').map(Number) as [number, number, number]));
  }
  // 6月第3个星期日, 八月份的第一个周二, and the festivals defined that way (母亲节, 父亲节, 感恩节).
  if ((m = new RegExp(`^${YEAR_PREFIX}(${NUM})月份?的?第(${NUM})个(?:周|星期|礼拜)([一二三四五六日天1-7])$`).exec(text))) {
    const y = prefixYear(m[1] ?? '', context);
    const [mo, n] = [readNum(m[2]), readNum(m[3])];
    return y === null || !mo || !n ? null : nthWeekday(y, mo, n, WEEKDAYS[m[4]]);
  }
  if ((m = new RegExp(`^${YEAR_PREFIX}(母亲节|父亲节|感恩节)$`).exec(text))) {
    const y = prefixYear(m[1] ?? '', context);
    const [mo, n, weekday] = ({ 母亲节: [5, 2, 7], 父亲节: [6, 3, 7], 感恩节: [11, 4, 4] } as Record<string, [number, number, number]>)[m[2]];
    return y === null ? null : nthWeekday(y, mo, n, weekday);
  }
  // 上一个月, 下一个月, 这个月.
  if (anchor && (m = /^(上|下|这|本)一?个月$/.exec(text))) {
    const [y, mo] = shiftDate(anchor, 0, m[1] === '上' ? -1 : m[1] === '下' ? 1 : 0)
      .split('-')
      .map(Number);
    return monthExpression(y, mo);
  }
  // 上季度末, 本季度初, 下个季度: the quarter around the reference; 末/初 its last/first month.
  if (anchor && (m = /^(上|下|这|本)一?个?季度(末|底|初)?$/.exec(text))) {
    const [y, mo] = shiftDate(anchor, 0, m[1] === '上' ? -3 : m[1] === '下' ? 3 : 0)
      .split('-')
      .map(Number);
    const first = Math.floor((mo - 1) / 3) * 3 + 1;
    if (m[2] === '初') return monthExpression(y, first);
    if (m[2]) return monthExpression(y, first + 2);
    return { ...monthExpression(y, first)!, period: { start: monthStart(y, first), end: monthEnd(y, first + 2) }, date: null, precision: 'span', month: null };
  }
  // Year words alone: 上一年, 这一年, 本年, 二位年 (24年, 三三年).
  if ((m = new RegExp(`^${YEAR_PREFIX}$`).exec(text)) && m[1]) {
    const y = prefixYear(m[1], context);
    return y === null ? null : yearExpression(y, /[0-9〇零一二三四五六七八九]/.test(m[1]));
  }
  // 2005年首月, 二零二二年伊始, 70年第8个月: a month of a year.
  if ((m = new RegExp(`^${YEAR_PREFIX}(首月|伊始|开年|第(${NUM})个月)$`).exec(text))) {
    const y = prefixYear(m[1] ?? '', context);
    const month = m[3] ? readNum(m[3]) : 1;
    return y === null || month === null ? null : monthExpression(y, month, Boolean(m[1]));
  }
  // 从2015年1月至12月: a month range written with 月 on both ends.
  if ((m = new RegExp(`^[从自]?${YEAR_PREFIX}(${NUM})月${RANGE}(${NUM})月$`).exec(text))) {
    const y = prefixYear(m[1] ?? '', context);
    const [m1, m2] = [readNum(m[2]), readNum(m[3])];
    if (y === null || !m1 || !m2 || m1 > 12 || m2 > 12 || m2 < m1) return null;
    if (m1 === 1 && m2 === 12) return yearExpression(y, Boolean(m[1]));
    return {
      start: 0,
      end: 0,
      period: { start: monthStart(y, m1), end: monthEnd(y, m2) },
      date: null,
      precision: 'span',
      explicitYear: Boolean(m[1]),
      month: m1,
      day: null,
      open: null,
    };
  }
  // Fixed festivals with an optional year: 元旦, 去年元旦, 2019年国庆节.
  if ((m = new RegExp(`^${YEAR_PREFIX}(\\S+)$`).exec(text)) && m[2] in FESTIVALS) {
    const y = prefixYear(m[1] ?? '', context);
    const [mo, d] = FESTIVALS[m[2]];
    return y === null ? null : dayExpression(y, mo, d, Boolean(m[1]) && /[0-9〇零一二三四五六七八九]/.test(m[1]));
  }
  // Lunar dates, lunar festivals and solar terms (standalone only: 十五, 初一 alone are ordinals in prose).
  const lunar = readLunar(text, context);
  if (lunar) return lunar;
  // Weekdays in the reference's week (Monday first), or the week before/after: 周一, 星期天, 下周六, 上个礼拜天.
  if (anchor && (m = /^(上|下|这|本)?个?(?:周|星期|礼拜)(?:周|星期)?([一二三四五六日天1-7])$/.exec(text))) {
    const weekday = new Date(`${anchor}T00:00:00Z`).getUTCDay() || 7;
    const weeks = m[1] === '上' ? -1 : m[1] === '下' ? 1 : 0;
    return dayExpression(
      ...(shiftDays(anchor, weeks * 7 + WEEKDAYS[m[2]] - weekday)
        .split('-')
        .map(Number) as [number, number, number]),
    );
  }
  return null;
}

function resolveMatch(m: RegExpExecArray, context: TimeContext, paragraphYear: number | null = null): TimeExpression | null {
  const g = m.groups ?? {};
  const prefix = g.prefix ?? null;
  const start = m.index;
  const end = m.index + m[0].length;
  const base = { start, end, explicitYear: false, month: null as number | null, day: null as number | null };
  if (!hasCore(g)) return null;

  if (g.now) {
    // 截至目前, 目前, 至今: up to the report's date. 今天/现在 need the prefix (现在的, 今天的 are not periods).
    // 现在，… (a clause of its own) speaks of now too.
    const after = m.input.slice(end, end + 1);
    // 今天凌晨, 今天（8月14日）, 今日上午: the report's day, a date as a broadcast gives it.
    // 今天启动…, 今天在首尔举行…: a broadcast's "today" before its predicate is the report's day too
    // (今天的…, 今天起, 今天以来 are not).
    if (
      (g.now === '今天' || g.now === '今日') &&
      !prefix &&
      !g.suffix &&
      context.anchor &&
      (/^[（(，,上下中凌早晚]/.test(after) || (/^[\u4e00-\u9fff]/.test(after) && !/^[的之起以为]/.test(after)))
    ) {
      return { ...base, period: { start: context.anchor, end: context.anchor }, date: context.anchor, precision: 'day', open: null };
    }
    const needsPrefix = !['目前', '当前', '至今', '如今', '眼下', '现有'].includes(g.now) && !(g.now === '现在' && /^[，,]/.test(after));
    if (needsPrefix && (!prefix || !['截至', '截止', '截止到', '截到', '至'].includes(prefix))) return null;
    return { ...base, period: { start: null, end: context.anchor }, date: null, precision: 'span', open: 'until' };
  }
  if (g.dayOnly) {
    if (!context.anchor) return null;
    const d = Number(g.dayOnly);
    const [ay, am] = context.anchor.split('-').map(Number);
    // The report's month, as the loose resolver reads 30日 (大会17日举行, announced on the 16th, too).
    const [y, mo] = [ay, am];
    if (d < 1 || d > lastDay(y, mo)) return null;
    const date = ymd(y, mo, d);
    return { ...base, month: mo, day: d, period: { start: date, end: date }, date, precision: 'day', open: null };
  }
  if (g.dayRel) {
    if (!context.anchor) return null;
    const offset: Record<string, number> = { 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1, 后天: 2 };
    const date = shiftDays(context.anchor, offset[g.dayRel]);
    return { ...base, period: { start: date, end: date }, date, precision: 'day', open: null };
  }
  if (g.ny) {
    const [y, mo, d] = [Number(g.ny), Number(g.nm), Number(g.nd)];
    if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
    const date = ymd(y, mo, d);
    return { ...base, explicitYear: true, month: mo, day: d, period: { start: date, end: date }, date, precision: 'day', open: null };
  }
  if (g.monthRel) {
    if (!context.anchor) return null;
    const shift = g.monthRel.startsWith('上') ? -1 : g.monthRel.startsWith('下') ? 1 : 0;
    const [y, mo] = shiftDate(context.anchor, 0, shift).split('-').map(Number);
    if (g.relDay) {
      const d = readNum(g.relDay);
      if (!d || d > lastDay(y, mo)) return null;
      const date = ymd(y, mo, d);
      return { ...base, month: mo, day: d, period: { start: date, end: date }, date, precision: 'day', open: null };
    }
    return { ...base, month: mo, period: { start: monthStart(y, mo), end: monthEnd(y, mo) }, date: `${y}-${pad(mo)}`, precision: 'month', open: null };
  }
  if (g.recent) {
    const n = readNum(g.recent);
    if (n === null || n === 0 || !context.anchor) return null;
    const from = g.recentUnit === '年' ? shiftDate(context.anchor, -n) : shiftDate(context.anchor, 0, -n);
    return { ...base, period: { start: from, end: context.anchor }, date: null, precision: 'span', open: null };
  }
  if (g.before) {
    const n = readNum(g.before);
    if (n === null || n === 0) return null;
    if (g.beforeUnit === '年') return context.year === null ? null : { ...yearExpression(context.year - n), start, end };
    if (!context.anchor) return null;
    const [y, mo] = shiftDate(context.anchor, 0, -n).split('-').map(Number);
    return { ...monthExpression(y, mo)!, start, end };
  }
  if (g.sameRel) {
    // Filled in by the scan from the span the paragraph spoke of before; unknown alone.
    return { ...base, period: { start: null, end: null }, date: null, precision: 'span', open: null, sameYearsBack: g.sameRel === '前' ? 2 : 1 };
  }
  if (g.ago) {
    const n = readNum(g.ago);
    if (n === null || !context.anchor) return null;
    const from = g.agoUnit === '年' ? shiftDate(context.anchor, -n) : shiftDate(context.anchor, 0, -n);
    return { ...base, period: { start: from, end: context.anchor }, date: null, precision: 'span', open: null };
  }

  // A bare 底/末/初 is a month's or year's end only after a written year (2020年底), not in 初步.
  if (g.ySuffix && g.ySuffix.length === 1 && !g.year && !g.rel) return null;
  let year: number | null;
  if (g.year) {
    year = readNum(g.year);
    base.explicitYear = true;
  } else if (g.year2) {
    // 98年4月, 零七年八月: a two-digit year (see fullYear).
    const yy = readNum(g.year2.length === 2 && /[〇零一二三四五六七八九]/.test(g.year2) ? [...g.year2].map((c) => String(readNum(c))).join('') : g.year2);
    if (yy === null || yy > 99) return null;
    year = fullYear(yy, context.year);
    base.explicitYear = true;
  } else if (g.rel) {
    if (context.year === null) return null;
    const offset: Record<string, number> = { 今: 0, 本: 0, 当: 0, 同: 0, 去: -1, 上: -1, 前: -2, 明: 1 };
    year = context.year + offset[g.rel];
  } else {
    // A bare span (全年, 1—5月, 上半年) reads in the paragraph's year; a bare day (1月1日) is news,
    // dated in the report's year.
    year = g.day ? context.year : (paragraphYear ?? context.year);
  }

  let period: Period;
  let date: string | null = null;
  let precision: Precision = 'span';
  const hasPeriodPart = g.half || g.quarter || g.firstN || g.m1 || g.ySuffix;

  if (!hasPeriodPart) {
    // A year alone: 2024年, 今年.
    if (year === null) return null;
    period = { start: ymd(year, 1, 1), end: ymd(year, 12, 31) };
    precision = 'year';
    date = String(year);
  } else if (year === null) {
    return null;
  } else if (g.half) {
    period = g.half === '上半年' ? { start: ymd(year, 1, 1), end: ymd(year, 6, 30) } : { start: ymd(year, 7, 1), end: ymd(year, 12, 31) };
  } else if (g.quarter) {
    const q = g.quarter.startsWith('前') ? readNum(g.quarter.replace(/[^0-9一二两三四]/g, '')) : readNum(g.quarter.replace(/[^0-9一二三四]/g, ''));
    if (!q || q > 4) return null;
    const first = g.quarter.startsWith('前') ? 1 : (q - 1) * 3 + 1;
    period = { start: monthStart(year, first), end: monthEnd(year, q * 3) };
    // 一季度末: the quarter's last month; 一季度初: its first.
    // 一季度末 (a stock at the quarter's end: no start); 一季度初: its first month.
    if (g.qSuffix === '末' || g.qSuffix === '底') period = { start: null, end: monthEnd(year, q * 3) };
    else if (g.qSuffix === '初') period = { start: monthStart(year, first), end: monthEnd(year, first) };
  } else if (g.firstN) {
    const n = readNum(g.firstN);
    if (!n || n > 12) return null;
    period = { start: monthStart(year, 1), end: monthEnd(year, n) };
  } else if (g.m1) {
    const m1 = readNum(g.m1);
    const m2 = g.m2 ? readNum(g.m2) : null;
    if (!m1 || m1 > 12 || (g.m2 && (!m2 || m2 > 12 || m2 <= m1))) return null;
    base.month = m1;
    if (m2) {
      period = { start: monthStart(year, m1), end: monthEnd(year, m2) };
    } else if (g.day) {
      const d = readNum(g.day);
      if (!d || d > lastDay(year, m1)) return null;
      base.day = d;
      date = ymd(year, m1, d);
      period = { start: date, end: date };
      precision = 'day';
    } else if (g.mSuffix === '末' || g.mSuffix === '底') {
      // 7月末: a stock at the month's end, as of that day.
      period = { start: null, end: monthEnd(year, m1) };
    } else {
      period = { start: monthStart(year, m1), end: monthEnd(year, m1) };
      date = `${year}-${pad(m1)}`;
      precision = 'month';
    }
  } else {
    // 年底 / 年末 / 年初 / 全年
    const s = g.ySuffix;
    // 年末常住人口: a stock as of the year's last day.
    if (s.endsWith('底') || s.endsWith('末')) period = { start: null, end: ymd(year, 12, 31) };
    // 2011年年中达到了7681家: a stock at mid-year, said only with a year
    else if (s === '年中') {
      if (!g.year && !g.rel) return null;
      period = { start: null, end: ymd(year, 6, 30) };
    } else if (s.endsWith('初')) period = { start: ymd(year, 1, 1), end: ymd(year, 1, 1) };
    else period = { start: ymd(year, 1, 1), end: ymd(year, 12, 31) };
  }

  let open: TimeExpression['open'] = null;
  if (g.suffix) {
    // 2020年以来: from the start of that time on, up to the report's date (as 截至目前 is).
    period = { start: period.start, end: context.anchor && period.start && context.anchor >= period.start ? context.anchor : null };
    open = 'since';
    date = null;
    precision = 'span';
  } else if (prefix && ['截至', '截止', '截止到', '截到', '到', '至'].includes(prefix)) {
    period = { start: null, end: period.end };
    open = 'until';
    date = null;
    precision = 'span';
  }
  return { ...base, period, date, precision, open };
}

function hasCore(g: Record<string, string | undefined>): boolean {
  return Boolean(
    g.now ||
    g.dayOnly ||
    g.dayRel ||
    g.ny ||
    g.monthRel ||
    g.ago ||
    g.recent ||
    g.before ||
    g.sameRel ||
    g.year ||
    g.year2 ||
    g.rel ||
    g.half ||
    g.quarter ||
    g.firstN ||
    g.m1 ||
    g.ySuffix,
  );
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

const LUNAR_FESTIVALS: Record<string, [number, number]> = {
  春节: [1, 1],
  元宵: [1, 15],
  元宵节: [1, 15],
  端午: [5, 5],
  端午节: [5, 5],
  七夕: [7, 7],
  七夕节: [7, 7],
  中秋: [8, 15],
  中秋节: [8, 15],
  重阳: [9, 9],
  重阳节: [9, 9],
  腊八: [12, 8],
  腊八节: [12, 8],
};
const SOLAR_TERMS = new Set(
  '立春 雨水 惊蛰 春分 清明 谷雨 立夏 小满 芒种 夏至 小暑 大暑 立秋 处暑 白露 秋分 寒露 霜降 立冬 小雪 大雪 冬至 小寒 大寒'.split(' '),
);
/** lunar-typescript keys the terms that fall after the lunar year's end by their pinyin. */
const TERM_PINYIN: Record<string, string> = {
  大雪: 'DA_XUE',
  冬至: 'DONG_ZHI',
  小寒: 'XIAO_HAN',
  大寒: 'DA_HAN',
  立春: 'LI_CHUN',
  雨水: 'YU_SHUI',
  惊蛰: 'JING_ZHE',
};
const LUNAR_MONTH = '(正|冬|腊|[一二三四五六七八九十]{1,2}|[0-9]{1,2})';
const LUNAR_DAY = '(初[一二三四五六七八九十0-9]{1,2}|廿[一二三四五六七八九]?|卅|三十|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|[0-9]{1,2})';

function lunarMonthNumber(s: string): number | null {
  if (s === '正') return 1;
  if (s === '冬') return 11;
  if (s === '腊') return 12;
  return readNum(s);
}
function lunarDayNumber(s: string): number | null {
  if (s.startsWith('初')) return readNum(s.slice(1));
  if (s.startsWith('廿')) return 20 + (s.length > 1 ? (readNum(s.slice(1)) ?? NaN) : 0);
  if (s === '卅') return 30;
  return readNum(s);
}

/** The solar date of a lunar date, or null when that lunar month has no such day (leap months aside). */
function lunarToSolar(year: number, month: number, day: number): TimeExpression | null {
  if (!Number.isInteger(day) || month < 1 || month > 12 || day < 1 || day > 30) return null;
  try {
    const solar = Lunar.fromYmd(year, month, day).getSolar();
    return dayExpression(solar.getYear(), solar.getMonth(), solar.getDay());
  } catch {
    return null; // the month has 29 days
  }
}

/**
 * 农历八月二十三, 五月廿二, 腊月初十, 廿一 (a day of the reference's lunar month), 去年春节, 大年初十,
 * 大年三十/除夕 (the lunar year's last day), 芒种, 2017年大寒 (a term of that year's cycle, 立春 to 大寒).
 * A year prefix names the lunar year.
 */
function readLunar(text: string, context: TimeContext): TimeExpression | null {
  const m = new RegExp(`^${YEAR_PREFIX}(农历|阴历)?(.+)$`).exec(text);
  if (!m) return null;
  const year = prefixYear(m[1] ?? '', context);
  if (year === null) return null;
  const rest = m[3];
  const explicit = Boolean(m[1]) && /[0-9〇零一二三四五六七八九]/.test(m[1]);
  const mark = (t: TimeExpression | null) => (t ? { ...t, explicitYear: explicit } : null);
  let d: RegExpExecArray | null;
  if (rest in LUNAR_FESTIVALS) return mark(lunarToSolar(year, ...LUNAR_FESTIVALS[rest]));
  if (rest === '除夕' || rest === '大年三十' || rest === '大年二十九') {
    // The last day of the lunar year: its twelfth month has 29 or 30 days.
    const first = lunarToSolar(year + 1, 1, 1);
    return first ? mark(dayExpression(...(shiftDays(first.date!, -1).split('-').map(Number) as [number, number, number]))) : null;
  }
  if ((d = new RegExp(`^大年${LUNAR_DAY}$`).exec(rest))) return mark(lunarToSolar(year, 1, lunarDayNumber(d[1]) ?? NaN));
  if (SOLAR_TERMS.has(rest)) {
    const table = Lunar.fromYmd(year, 6, 1).getJieQiTable();
    const start = table['立春'].toYmd();
    const when = [table[rest], table[TERM_PINYIN[rest]]].map((t) => t?.toYmd()).find((t) => t && t >= start && t < `${year + 1}-02-28`);
    return when ? mark(dayExpression(...(when.split('-').map(Number) as [number, number, number]))) : null;
  }
  // A month and a day: lunar when 农历 is written, the month is 正/冬/腊, or the day is written 初N/廿N.
  if ((d = new RegExp(`^${LUNAR_MONTH}月${LUNAR_DAY}[日号]?$`).exec(rest))) {
    const lunarForm = Boolean(m[2]) || /^[正冬腊]$/.test(d[1]) || /^[初廿卅]/.test(d[2]);
    if (!lunarForm) return null;
    return mark(lunarToSolar(year, lunarMonthNumber(d[1]) ?? NaN, lunarDayNumber(d[2]) ?? NaN));
  }
  // 廿一, 初八 alone: that day of the reference's lunar month.
  if (!m[1] && context.anchor && (d = new RegExp(`^${LUNAR_DAY}$`).exec(rest)) && /^[初廿卅]/.test(d[1])) {
    const [y, mo, da] = context.anchor.split('-').map(Number);
    const lunarNow = Solar.fromYmd(y, mo, da).getLunar();
    // A leap month (negative in lunar-typescript) is left alone.
    return lunarNow.getMonth() > 0 ? lunarToSolar(lunarNow.getYear(), lunarNow.getMonth(), lunarDayNumber(d[1]) ?? NaN) : null;
  }
  return null;
}
