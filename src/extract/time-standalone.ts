/**
 * Forms that read as a time only when the whole string is one: in running text a bare 2018 or 09-01
 * is as often a count or a code, and 周一 or 全天 is no report period. Month-days without a year
 * take the reference's year (a report speaks of its own year), not JioNLP's nearest-future one.
 * One entry per form, tried in order; the first that matches resolves the string.
 */
import {
  dayExpression,
  monthEnd,
  monthExpression,
  monthStart,
  nthWeekday,
  prefixYear,
  readNum,
  shiftDate,
  shiftDays,
  YEAR_PREFIX,
  yearExpression,
} from './time-calendar.ts';
import { festivals } from './lexicon.ts';
import { readLunar } from './time-lunar.ts';
import { NUM, RANGE } from './time-pattern.ts';
import { scanTimeExpressions } from './time-scan.ts';
import type { TimeContext, TimeExpression } from './time.ts';

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

/** A time expression is a few characters; anything longer is a phrase, not a standalone time. */
const MAX_STANDALONE = 24;

const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
/** A year prefix written with digits (2019年, 零六年), not a relative one (去年). */
const WRITTEN_YEAR = /[0-9〇零一二三四五六七八九]/;

interface StandaloneForm {
  patterns: readonly RegExp[];
  /** What of the context the form reads against: without it, the form is passed over. */
  needs?: 'anchor' | 'year';
  /** A further test of the match; when it fails the form is passed over. */
  accepts?: (m: RegExpExecArray) => boolean;
  /** The time the string names; null when the form matched but names none; undefined passes it on. */
  read(m: RegExpExecArray, context: TimeContext, text: string): TimeExpression | null | undefined;
}

/** A year prefix (maybe none) and a word: 2019年国庆节, 母亲节. */
const YEAR_AND_WORD = new RegExp(`^${YEAR_PREFIX}(\\S+)$`);

const dayOf = (iso: string) => dayExpression(...(iso.split('-').map(Number) as [number, number, number]));
const awayFrom = (m: string, n: number) => (m.endsWith('前') ? -n : n);
const shiftOf = (word: string, step: number) => (word === '上' ? -step : word === '下' ? step : 0);

/** The forms in the order they are tried. */
const STANDALONE_FORMS: readonly StandaloneForm[] = [
  // Approximate dates (2020年3月左右, 前年9月2号左右, 中秋节前后): the date they hover round.
  { patterns: [/^(.+?)(?:左右|前后)$/], read: (m, context) => resolveTime(m[1], context) },
  // 2024年内: that year.
  { patterns: [/^(.+年)内$/], read: (m, context) => resolveTime(m[1], context) },
  // Compact and mixed-separator numeric dates: 20240307, 2022 11 23, 1994.01-19.
  {
    patterns: [/^([12][0-9]{3})(0[1-9]|1[0-2])([0-3][0-9])$/, /^([12][0-9]{3})[ .\-/]([0-9]{1,2})[ .\-/]([0-9]{1,2})$/],
    read: (m) => dayExpression(Number(m[1]), Number(m[2]), Number(m[3]), true),
  },
  // A bare four-digit year: 2018.
  { patterns: [/^([12][0-9]{3})$/], read: (m) => yearExpression(Number(m[1]), true) },
  // A month-day in the reference year: 6·30, 09-01, 1月3, 十月31, 四月十三.
  {
    patterns: [/^([0-9]{1,2})[·.\-/]([0-9]{1,2})$/, new RegExp(`^(${NUM})月(${NUM})$`)],
    needs: 'year',
    read: (m, context) => {
      const [mo, d] = [readNum(m[1]), readNum(m[2])];
      return mo && d ? dayExpression(context.year!, mo, d) : null;
    },
  },
  // A day of the reference month: 30日, 三号.
  {
    patterns: [new RegExp(`^(${NUM})[日号]$`)],
    needs: 'anchor',
    read: (m, context) => {
      const d = readNum(m[1]);
      const [y, mo] = context.anchor!.split('-').map(Number);
      return d ? dayExpression(y, mo, d) : null;
    },
  },
  // The reference day: 今天, 本日, 今日, 全天.
  { patterns: [/^(?:今天|本日|今日|全天|当天|当日)$/], needs: 'anchor', read: (_m, context) => dayOf(context.anchor!) },
  // N天后 / N天前.
  {
    patterns: [new RegExp(`^(${NUM})天(前|后|以前|以后|之前|之后)$`)],
    needs: 'anchor',
    read: (m, context) => {
      const n = readNum(m[1]);
      return n === null ? null : dayOf(shiftDays(context.anchor!, awayFrom(m[2], n)));
    },
  },
  // N年前 / N年后: that calendar year.
  {
    patterns: [new RegExp(`^(${NUM})年(前|后|以前|以后|之前|之后)$`)],
    needs: 'year',
    read: (m, context) => {
      const n = readNum(m[1]);
      return n === null ? null : yearExpression(context.year! + awayFrom(m[2], n));
    },
  },
  // 半年后, 一年半后, 3年半前, 5个月后, 三个季度后: the calendar month that many months away.
  {
    patterns: [new RegExp(`^(?:(${NUM})年半|(半)年|(${NUM})个月|(${NUM})个季度)(前|后|以前|以后|之前|之后)$`)],
    needs: 'anchor',
    read: (m, context) => {
      const months = m[1] ? (readNum(m[1]) ?? NaN) * 12 + 6 : m[2] ? 6 : m[3] ? (readNum(m[3]) ?? NaN) : (readNum(m[4]) ?? NaN) * 3;
      if (!Number.isFinite(months)) return null;
      const [y, mo] = shiftDate(context.anchor!, 0, awayFrom(m[5], months)).split('-').map(Number);
      return monthExpression(y, mo);
    },
  },
  // 大后天, 大大后天, 大前天: three or more days away.
  {
    patterns: [/^((?:大)+)(后|前)天$/],
    needs: 'anchor',
    read: (m, context) => dayOf(shiftDays(context.anchor!, (m[1].length + 2) * (m[2] === '后' ? 1 : -1))),
  },
  // 6月第3个星期日, 八月份的第一个周二, and the festivals defined that way (母亲节, 父亲节, 感恩节).
  {
    patterns: [new RegExp(`^${YEAR_PREFIX}(${NUM})月份?的?第(${NUM})个(?:周|星期|礼拜)([一二三四五六日天1-7])$`)],
    read: (m, context) => {
      const y = prefixYear(m[1] ?? '', context);
      const [mo, n] = [readNum(m[2]), readNum(m[3])];
      return y === null || !mo || !n ? null : nthWeekday(y, mo, n, WEEKDAYS[m[4]]);
    },
  },
  {
    patterns: [YEAR_AND_WORD],
    accepts: (m) => m[2] in festivals().nthWeekday,
    read: (m, context) => {
      const y = prefixYear(m[1] ?? '', context);
      const [mo, n, weekday] = festivals().nthWeekday[m[2]];
      return y === null ? null : nthWeekday(y, mo, n, weekday);
    },
  },
  // 上一个月, 下一个月, 这个月.
  {
    patterns: [/^(上|下|这|本)一?个月$/],
    needs: 'anchor',
    read: (m, context) => {
      const [y, mo] = shiftDate(context.anchor!, 0, shiftOf(m[1], 1)).split('-').map(Number);
      return monthExpression(y, mo);
    },
  },
  // 上季度末, 本季度初, 下个季度: the quarter around the reference; 末/初 its last/first month.
  { patterns: [/^(上|下|这|本)一?个?季度(末|底|初)?$/], needs: 'anchor', read: readQuarterAround },
  // Year words alone: 上一年, 这一年, 本年, 二位年 (24年, 三三年).
  {
    patterns: [new RegExp(`^${YEAR_PREFIX}$`)],
    accepts: (m) => Boolean(m[1]),
    read: (m, context) => {
      const y = prefixYear(m[1], context);
      return y === null ? null : yearExpression(y, WRITTEN_YEAR.test(m[1]));
    },
  },
  // 2005年首月, 二零二二年伊始, 70年第8个月: a month of a year.
  {
    patterns: [new RegExp(`^${YEAR_PREFIX}(首月|伊始|开年|第(${NUM})个月)$`)],
    read: (m, context) => {
      const y = prefixYear(m[1] ?? '', context);
      const month = m[3] ? readNum(m[3]) : 1;
      return y === null || month === null ? null : monthExpression(y, month, Boolean(m[1]));
    },
  },
  // 从2015年1月至12月: a month range written with 月 on both ends.
  { patterns: [new RegExp(`^[从自]?${YEAR_PREFIX}(${NUM})月${RANGE}(${NUM})月$`)], read: readMonthRange },
  // Fixed festivals of the solar calendar (festivals.json) with an optional year: 元旦, 去年元旦, 2019年国庆节.
  {
    patterns: [YEAR_AND_WORD],
    accepts: (m) => m[2] in festivals().solar,
    read: (m, context) => {
      const y = prefixYear(m[1] ?? '', context);
      const [mo, d] = festivals().solar[m[2]];
      return y === null ? null : dayExpression(y, mo, d, Boolean(m[1]) && WRITTEN_YEAR.test(m[1]));
    },
  },
  // Lunar dates, lunar festivals and solar terms (standalone only: 十五, 初一 alone are ordinals in prose).
  { patterns: [/^/], read: (_m, context, text) => readLunar(text, context) ?? undefined },
  // Weekdays in the reference's week (Monday first), or the week before/after: 周一, 星期天, 下周六, 上个礼拜天.
  {
    patterns: [/^(上|下|这|本)?个?(?:周|星期|礼拜)(?:周|星期)?([一二三四五六日天1-7])$/],
    needs: 'anchor',
    read: (m, context) => {
      const anchor = context.anchor!;
      const weekday = new Date(`${anchor}T00:00:00Z`).getUTCDay() || 7;
      return dayOf(shiftDays(anchor, shiftOf(m[1], 7) + WEEKDAYS[m[2]] - weekday));
    },
  },
];

function readQuarterAround(m: RegExpExecArray, context: TimeContext): TimeExpression | null {
  const [y, mo] = shiftDate(context.anchor!, 0, shiftOf(m[1], 3)).split('-').map(Number);
  const first = Math.floor((mo - 1) / 3) * 3 + 1;
  if (m[2] === '初') return monthExpression(y, first);
  if (m[2]) return monthExpression(y, first + 2);
  return { ...monthExpression(y, first)!, period: { start: monthStart(y, first), end: monthEnd(y, first + 2) }, date: null, precision: 'span', month: null };
}

function readMonthRange(m: RegExpExecArray, context: TimeContext): TimeExpression | null {
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

function resolveStandalone(text: string, context: TimeContext): TimeExpression | null {
  if (text.length > MAX_STANDALONE) return null;
  const t = readStandalone(text, context);
  return t ? { ...t, start: 0, end: text.length } : null;
}

function readStandalone(text: string, context: TimeContext): TimeExpression | null {
  for (const form of STANDALONE_FORMS) {
    if ((form.needs === 'anchor' && !context.anchor) || (form.needs === 'year' && context.year === null)) continue;
    let m: RegExpExecArray | null = null;
    for (const pattern of form.patterns) if ((m = pattern.exec(text))) break;
    if (!m || (form.accepts && !form.accepts(m))) continue;
    const read = form.read(m, context, text);
    if (read !== undefined) return read;
  }
  return null;
}
