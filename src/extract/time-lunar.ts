/**
 * The lunar calendar and the 24 solar terms (春节, 中秋, 农历八月二十三, 芒种), from lunar-typescript's
 * tables: standalone forms only (十五, 初一 alone are ordinals in prose).
 */
import { Lunar, Solar } from 'lunar-typescript';
import { festivals } from './lexicon.ts';
import { dayExpression, prefixYear, readNum, shiftDays, YEAR_PREFIX } from './time-calendar.ts';
import type { TimeContext, TimeExpression } from './time.ts';

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
export function readLunar(text: string, context: TimeContext): TimeExpression | null {
  const m = new RegExp(`^${YEAR_PREFIX}(农历|阴历)?(.+)$`).exec(text);
  if (!m) return null;
  const year = prefixYear(m[1] ?? '', context);
  if (year === null) return null;
  const rest = m[3];
  const explicit = Boolean(m[1]) && /[0-9〇零一二三四五六七八九]/.test(m[1]);
  const mark = (t: TimeExpression | null) => (t ? { ...t, explicitYear: explicit } : null);
  let d: RegExpExecArray | null;
  if (rest in festivals().lunar) return mark(lunarToSolar(year, ...festivals().lunar[rest]));
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
