/**
 * Stocks and flows (GUIDE §2 `period`): a balance, a herd on hand or a count of schools is a stock,
 * read at a moment (年末 → start null), while a flow — output, new openings, animals slaughtered —
 * runs from the start of the year up to that moment (一季度末…出栏80.9万头 covers January to March).
 * The words that set a period do not always say which; what the figure measures does.
 */
import type { Cue, Period } from '../document/index.ts';

/** Words naming a quantity held at a moment. */
const STOCK = /余额|存栏|存量|保有量|累计|共有|现有|拥有|在校|在园|在读|在册|专任教师|增至|增加到|总数达|常住人口|户籍人口|装机容量|总装机/;
/** Words naming a quantity made or moved over time. */
const FLOW =
  /新增(?!.*累计)|新开通|新开工|新设|新建成?|新注册|出栏|产量|增加值|营业收入|销售收入|零售额|进出口|接待|发送|开行(?!.*累计)|完成投资|实现(?:地区生产总值|营业|销售|利润|收入)/;
/** A cue naming the moment a span ends at (年末, 一季度末, 3月底), not a cut-off (截至…). */
const AT_PERIOD_END = /^(?!截至|截止|到|至).*[末底]$/;

export interface FittedPeriod {
  period: Period;
  cue: Cue;
}

/**
 * The period as what the figure measures reads it: a flow under a period's end (年末, 季度末)
 * covers the year up to it; a stock under a span its report or section sets (a bulletin's 2021年)
 * is held at the span's end. A span the figure's own sentence gives (2012年的1000只, 今年以来累计…)
 * is kept as written.
 */
export function fitPeriodToMeasure(found: FittedPeriod | null, words: string, own: boolean): FittedPeriod | null {
  if (!found) return found;
  const { start, end } = found.period;
  if (!end) return found;
  if (start === null) {
    if (!AT_PERIOD_END.test(found.cue.text) || STOCK.test(words) || !FLOW.test(words)) return found;
    return { ...found, period: { start: `${end.slice(0, 4)}-01-01`, end } };
  }
  // a span from a year's start (全年, 2021年, 一季度, 1—5月) to its end; a day or a month is no span to hold at
  const fromYearStart = start.endsWith('-01-01') && start.slice(0, 4) === end.slice(0, 4) && end.slice(5) >= '03-31';
  // 今年以来…累计: a total over the span since, not a stock held at its end
  if (own || !fromYearStart || /以来$/.test(found.cue.text) || !STOCK.test(words) || FLOW.test(words)) return found;
  return { ...found, period: { start: null, end } };
}
