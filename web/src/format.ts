/** How numbers, qualifiers and periods read on the dashboard: as a Chinese report would print them. */
import type { Lang } from './i18n.tsx';

type Approx = 'exact' | 'about' | 'over' | 'under';
interface Period {
  start: string | null;
  end: string | null;
}

const trim = (n: number, digits: number): string => {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};

/** 1475 → "1,475"; 4.928e5 → "49.28万"; 2.3e11 → "2300亿" (zh) or "230 bn" (en). */
export function formatNumber(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  if (lang === 'zh') {
    if (abs >= 1e12) return trim(value / 1e12, 4) + '万亿';
    if (abs >= 1e8) return trim(value / 1e8, 4) + '亿';
    if (abs >= 1e5) return trim(value / 1e4, 4) + '万';
    return value.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  }
  if (abs >= 1e9) return trim(value / 1e9, 3) + ' bn';
  if (abs >= 1e6) return trim(value / 1e6, 3) + ' m';
  return value.toLocaleString('en', { maximumFractionDigits: 4 });
}

const APPROX_ZH: Record<Approx, [string, string]> = { exact: ['', ''], about: ['约', ''], over: ['', '余'], under: ['不足', ''] };
const APPROX_EN: Record<Approx, string> = { exact: '', about: '~', over: '>', under: '<' };

/** The value with its qualifier and unit: "300余家", "约21%", "> 300 家". */
export function formatValue(p: { value: number; valueMax?: number | null; unit: string; approx: Approx }, lang: Lang): string {
  const number = formatNumber(p.value, lang) + (p.valueMax != null ? '—' + formatNumber(p.valueMax, lang) : '');
  const unit = p.unit === '%' ? '%' : lang === 'zh' ? p.unit : ` ${p.unit}`;
  if (lang === 'zh') {
    // 余 follows a whole count (300余家); after a magnitude or a percentage it reads wrong
    // (2800亿余元, 30余%), so those say 超 (超2800亿元, 超30%).
    if (p.approx === 'over' && (p.unit === '%' || /[万亿.]/.test(number))) return `超${number}${unit}`;
    const [before, after] = APPROX_ZH[p.approx] ?? ['', ''];
    return `${before}${number}${after}${unit}`;
  }
  const mark = APPROX_EN[p.approx] ?? '';
  return `${mark ? mark + ' ' : ''}${number}${unit}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ymd = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A period as a person says it: "2024年", "2022年1—5月", "截至2020年12月末", "2022-06-28". */
export function formatPeriod(period: Period | null | undefined, lang: Lang): string {
  if (!period || (!period.start && !period.end)) return '—';
  const { start, end } = period;
  if (start && end) {
    const [ys, ms, ds] = ymd(start);
    const [ye, me, de] = ymd(end);
    const wholeMonths = ds === 1 && de === lastDay(ye, me);
    if (start === end) return lang === 'zh' ? `${ys}年${ms}月${ds}日` : start;
    if (wholeMonths && ys === ye) {
      if (ms === 1 && me === 12) return lang === 'zh' ? `${ys}年` : String(ys);
      if (ms === me) return lang === 'zh' ? `${ys}年${ms}月` : `${MONTHS_EN[ms - 1]} ${ys}`;
      return lang === 'zh' ? `${ys}年${ms}—${me}月` : `${MONTHS_EN[ms - 1]}–${MONTHS_EN[me - 1]} ${ys}`;
    }
    if (wholeMonths && ms === 1 && me === 12) return lang === 'zh' ? `${ys}—${ye}年` : `${ys}–${ye}`;
    return `${start} — ${end}`;
  }
  if (end) {
    const [y, m, d] = ymd(end);
    if (lang === 'en') return `as of ${end}`;
    return d === lastDay(y, m) ? `截至${y}年${m}月末` : `截至${y}年${m}月${d}日`;
  }
  return lang === 'zh' ? `${start}起` : `from ${start}`;
}

/** "2022-06" → "2022年6月", "2022-06-28" → "2022年6月28日". */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '—';
  if (lang === 'en') return date;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年` + (m ? `${m}月` : '') + (d ? `${d}日` : '');
}

/** A point's period, or — when the text set none — the date it is filed under (the report's date), marked as such. */
export function formatPointTime(p: { period: Period | null; date: string | null }, lang: Lang): string {
  if (p.period && (p.period.start || p.period.end)) return formatPeriod(p.period, lang);
  if (!p.date) return '—';
  return lang === 'zh' ? `${formatDate(p.date, lang)}（报道日）` : `${p.date} (report date)`;
}

/** The kind of time a figure covers: points of different kinds are never joined by one line. */
export type PeriodKind = 'cumulative' | 'year-to-date' | 'year' | 'quarter' | 'month' | 'day' | 'span' | 'undated';

export function periodKind(period: { start: string | null; end: string | null } | null): PeriodKind {
  if (!period || (!period.start && !period.end)) return 'undated';
  const { start, end } = period;
  if (!start) return 'cumulative';
  if (!end) return 'span';
  if (start === end) return 'day';
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(ey, em, 0)).getUTCDate() === ed;
  if (sy !== ey || sd !== 1 || !monthEnd) return 'span';
  if (sm === 1 && em === 12) return 'year';
  if (sm === em) return 'month';
  if (sm === 1) return 'year-to-date';
  if ((sm - 1) % 3 === 0 && em === sm + 2) return 'quarter';
  return 'span';
}

const KIND_LABEL: Record<PeriodKind, [string, string]> = {
  cumulative: ['截至', 'as of'],
  'year-to-date': ['年初至今', 'year to date'],
  year: ['全年', 'year'],
  quarter: ['季度', 'quarter'],
  month: ['月度', 'month'],
  day: ['当日', 'day'],
  span: ['时段', 'span'],
  undated: ['报道日', 'report date'],
};

export function periodKindLabel(kind: PeriodKind, lang: Lang): string {
  return KIND_LABEL[kind][lang === 'zh' ? 0 : 1];
}
