/** A figure's own period (GUIDE.md §2 `period`): the time its sentence or its paragraph's lead names. */
import type { Cue, Period, Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { fullStopBefore, insideBrackets, MAX_LOOKBACK } from './clauses.ts';
import { lastStartingBefore } from './sorted.ts';
import type { TimeExpression } from './time.ts';

/**
 * The period: the nearest time expression before the figure in its sentence; else the time phrase
 * that leads its paragraph (今年上半年，…); else none.
 */
export function findPeriod(
  text: string,
  times: readonly TimeExpression[],
  at: number,
  sentence: Span,
  paragraphs: readonly Span[],
): { period: Period; cue: Cue } | null {
  let level: Cue['level'] = 'sentence';
  let best: TimeExpression | null = null;
  // A lead phrase governs the clauses after it up to the full stop, across semicolons.
  const scopeStart = fullStopBefore(text, sentence[0], paragraphs, at);
  for (let i = lastStartingBefore(times, at); i >= 0 && times[i].start >= scopeStart; i--) {
    // 较2022年增长28%, 比上年提高: the base of a comparison is not the figure's period.
    if (/(?:较|比|相比|同比|与)$/.test(text.slice(Math.max(0, times[i].start - 2), times[i].start))) continue;
    // 从2012年的1000只增加到2555只: the year dates the starting value, not what it rose to or what follows.
    if (times[i].end <= at && isStartingValueDate(text, times[i], at)) continue;
    if (times[i].end <= at) {
      best = times[i];
      break;
    }
  }
  // 截至10月19日，机场今年累计保障旅客2000万人次: a cumulative figure runs to the 截至 date, not the whole year.
  // 截至6月17日24时，现有确诊病例914例: the 截至 date says when 现有 is.
  const deicticNow = best !== null && /^(?:目前|当前|现在|如今|眼下|现有)/.test(text.slice(best.start, best.end));
  if (best && ((best.precision === 'year' && best.open === null) || deicticNow)) {
    for (let i = lastStartingBefore(times, best.start); i >= 0 && times[i].start >= scopeStart; i--) {
      const t = times[i];
      if (t.open === 'until' && t.period.end && (deicticNow || t.period.end.slice(0, 4) === best.period.end?.slice(0, 4))) {
        best = t;
        break;
      }
    }
  }
  if (!best) {
    const p = findSpanAt(paragraphs, at);
    if (p >= 0) {
      const paragraphStart = paragraphs[p][0];
      const i = lastStartingBefore(times, paragraphStart + 3);
      const lead = i >= 0 ? times[i] : null;
      // A day's date leading a paragraph dates its first news, not every figure after it.
      if (lead && lead.precision !== 'day' && lead.start >= paragraphStart && lead.end < at && /^[，,]/.test(text.slice(lead.end, lead.end + 1))) {
        best = lead;
        level = 'paragraph';
      }
      // 一季度全市实现地区生产总值626.9亿元…。其中，一产实现增加值16.9亿元: a later sentence of the
      // paragraph that names no time speaks of the time its paragraph last named.
      // (A few time phrases back at most, so a paragraph of dates stays linear.)
      const last = lastStartingBefore(times, scopeStart);
      for (let i = last; !best && i >= 0 && i > last - 8 && times[i].start >= paragraphStart; i--) {
        const t = times[i];
        // Not a comparison's base (较2016年, 2016年同期) nor an aside in brackets.
        if (t.precision === 'day' || t.open === 'since' || /(?:较|比|相比|同比|与)$/.test(text.slice(Math.max(0, t.start - 2), t.start))) continue;
        if (/^同期/.test(text.slice(t.end, t.end + 2)) || insideBrackets(text, Math.max(paragraphStart, t.start - 4 * MAX_LOOKBACK), t.start)) continue;
        best = t;
        level = 'paragraph';
      }
    }
  }
  if (!best || (best.period.start === null && best.period.end === null)) return null;
  return { period: best.period, cue: { level, span: [best.start, best.end], text: text.slice(best.start, best.end) } };
}

/** A change's starting value (从/由 T 的 N …增加到 M): T dates N, the number right after it, and no other figure. */
function isStartingValueDate(text: string, t: TimeExpression, at: number): boolean {
  // (从 may open the time expression itself: 从2012年)
  if (!/[从由]/.test(text.slice(Math.max(0, t.start - 1), t.start + 1)) || text[t.end] !== '的') return false;
  return at > t.end + 1;
}
