/**
 * The time resolver: finds time expressions in Chinese text and resolves them against the report's
 * date — absolute dates and months, years, month ranges (1—5月), halves and quarters (上半年, 一季度),
 * first-N-months (前五个月), relative years (今年, 去年), open periods (截至…末, …以来, 到2025年,
 * N年来) and "now" (截至目前).
 *
 * Hand-written on purpose: chrono-node's Chinese parser reads 去年12月 and 今年1—5月 wrongly, and
 * the rules here are few. Pure functions; `findTimeExpressions` runs in linear time.
 */
import type { Period } from '../document/index.ts';
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
}

const NUM = '[0-9０-９一二两三四五六七八九十]{1,3}';
const SP = '[ \\t\\u3000]*';
const RANGE = '[—–\\-－~～至到]';

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
  `(?:(?<half>上半年|下半年)|(?<quarter>第?[一二三四1-4]季度|前[二两三]季度|前三个季度)(?<qSuffix>末|底|初)?|前(?<firstN>${NUM})个?月`,
  `|(?<m1>${NUM})${SP}(?:${RANGE}${SP}(?<m2>${NUM})${SP})?月份?(?:${SP}(?<day>${NUM})${SP}[日号])?(?<mSuffix>末|底|初|上旬|中旬|下旬)?`,
  `|(?<ySuffix>年初|年底|年末|底|末|初|全年))`,
].join('');
/** The same pattern without group names (a lookahead may not repeat them). */
function unnamed(pattern: string): string {
  return pattern.replace(/\(\?<([A-Za-z0-9]+)>/g, '(?:').replace(/\\k<[A-Za-z0-9]+>/g, '');
}

const TIME_RE = new RegExp(
  [
    // Every expression starts with one of these: a cheap first test at each offset.
    `(?=[截到至自从目今当现昨明后本上下去前同第年底末初全0-9０-９〇零一二两三四五六七八九十 \\t\\u3000])`,
    `(?<prefix>截至|截止到|截止|截到|到|至|自|从)?${SP}`,
    `(?:`,
    `(?<now>目前|今日|当前|现在|今天|至今)`,
    `|(?<dayRel>昨天|昨日|前天|明天|明日|后天)`,
    `|(?<![0-9０-９.])(?<ny>[12][0-9]{3})(?<sep>[./-])(?<nm>[0-9]{1,2})\\k<sep>(?<nd>[0-9]{1,2})(?![0-9])`,
    `|(?<monthRel>本月|当月|上个?月|下个?月)(?:${SP}(?<relDay>${NUM})${SP}[日号])?`,
    `|(?<ago>${NUM})${SP}(?<agoUnit>年|个月)(?:以来|来)`,
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

function scanTimeExpressions(text: string, context: TimeContext): TimeExpression[] {
  const found: TimeExpression[] = [];
  // "2023年……。全年……", "2023年1—5月……；6月……": a bare month or 全年 takes the year written last
  // in its paragraph; without one (or for a bare day), the report's year.
  let paragraphYear: { year: number; paragraphEnd: number } | null = null;
  TIME_RE.lastIndex = 0;
  for (let m = TIME_RE.exec(text); m; m = TIME_RE.exec(text)) {
    if (m[0].length === 0) {
      TIME_RE.lastIndex++;
      continue;
    }
    if (paragraphYear && m.index >= paragraphYear.paragraphEnd) paragraphYear = null;
    const resolved = resolveMatch(m, context, paragraphYear?.year ?? null);
    if (!resolved) continue;
    found.push(resolved);
    if (resolved.explicitYear && resolved.open !== 'until') {
      const end = text.indexOf('\n\n', resolved.end);
      paragraphYear = { year: Number((resolved.period.start ?? resolved.period.end ?? '').slice(0, 4)), paragraphEnd: end < 0 ? text.length : end };
    }
  }
  return found;
}

/** Resolves one whole expression ("今年1—5月", "截至2020年12月末"), or null when it is not one. */
export function resolveTime(expression: string, context: TimeContext): TimeExpression | null {
  const all = findTimeExpressions(expression, context);
  return all.length === 1 && all[0].start === 0 && all[0].end === expression.trim().length ? all[0] : null;
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
    const needsPrefix = !['目前', '当前', '至今'].includes(g.now);
    if (needsPrefix && (!prefix || !['截至', '截止', '截止到', '截到', '至'].includes(prefix))) return null;
    return { ...base, period: { start: null, end: context.anchor }, date: null, precision: 'span', open: 'until' };
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
  if (g.ago) {
    const n = readNum(g.ago);
    if (n === null || !context.anchor) return null;
    const from = g.agoUnit === '年' ? shiftDate(context.anchor, -n) : shiftDate(context.anchor, 0, -n);
    return { ...base, period: { start: from, end: context.anchor }, date: null, precision: 'span', open: null };
  }

  // A bare 底/末/初 is a month's or year's end only after a written year (2020年底), not in 初步.
  if (g.ySuffix && g.ySuffix.length === 1 && !g.year && !g.rel) return null;
  let year: number | null = null;
  if (g.year) {
    year = readNum(g.year);
    base.explicitYear = true;
  } else if (g.year2) {
    // 98年4月, 零七年八月: a two-digit year, in the century that puts it nearest before the anchor.
    const yy = readNum(g.year2.length === 2 && /[〇零一二三四五六七八九]/.test(g.year2) ? [...g.year2].map((c) => String(readNum(c))).join('') : g.year2);
    if (yy === null || yy > 99) return null;
    const pivot = (context.year ?? 2030) % 100;
    year = (yy <= pivot ? 2000 : 1900) + yy;
    base.explicitYear = true;
  } else if (g.rel) {
    if (context.year === null) return null;
    const offset: Record<string, number> = { 今: 0, 本: 0, 当: 0, 同: 0, 去: -1, 上: -1, 前: -2, 明: 1 };
    year = context.year + offset[g.rel];
  } else {
    // A bare span (全年, 1—5月, 上半年) reads in the paragraph's year; a bare day (1月1日) is news,
    // dated in the report's year.
    year = g.day ? context.year : paragraphYear ?? context.year;
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
    if (g.qSuffix === '末' || g.qSuffix === '底') period = { start: monthStart(year, q * 3), end: monthEnd(year, q * 3) };
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
      period = { start: monthEnd(year, m1), end: monthEnd(year, m1) };
    } else {
      period = { start: monthStart(year, m1), end: monthEnd(year, m1) };
      date = `${year}-${pad(m1)}`;
      precision = 'month';
    }
  } else {
    // 年底 / 年末 / 年初 / 全年
    const s = g.ySuffix;
    if (s.endsWith('底') || s.endsWith('末')) period = { start: ymd(year, 12, 31), end: ymd(year, 12, 31) };
    else if (s.endsWith('初')) period = { start: ymd(year, 1, 1), end: ymd(year, 1, 1) };
    else period = { start: ymd(year, 1, 1), end: ymd(year, 12, 31) };
  }

  let open: TimeExpression['open'] = null;
  if (g.suffix) {
    // 2020年以来: from the start of that time on.
    period = { start: period.start, end: null };
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
  return Boolean(g.now || g.dayRel || g.ny || g.monthRel || g.ago || g.year || g.year2 || g.rel || g.half || g.quarter || g.firstN || g.m1 || g.ySuffix);
}

/**
 * The year a report speaks from when it prints no date: the latest year it names, leaving out
 * targets (到2035年, 2021年底前) and the ends of plans' spans (2020-2022年) — news reports name their own year and the years before it.
 */
export function inferReportYear(text: string): number | null {
  let best: number | null = null;
  for (const t of findTimeExpressions(text, { anchor: null, year: null })) {
    if (!t.explicitYear || t.open === 'until' || /^[前内]/.test(text.slice(t.end, t.end + 1))) continue;
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
