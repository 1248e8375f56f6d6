/**
 * A news item's headline that restates its lead (GUIDE.md §3: one milestone, one event): a dated
 * headline standing as its own short paragraph with no sentence stop (朱镕基同志遗体18日火化 天安门等地将
 * 下半旗志哀), followed by a lead that reports a milestone of the same date: the lead's sentences are
 * the events.
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';

/** A headline is shorter than this. */
const MAX_HEADLINE = 60;

/** Whether paragraph `p` reads as a headline: short, and ending in no sentence stop. */
function isHeadline(text: string, paragraphs: readonly Span[], p: number): boolean {
  const line = text.slice(paragraphs[p][0], paragraphs[p][1]).trim();
  return line.length > 0 && line.length <= MAX_HEADLINE && !/[。！？!?…；;：:”"]$/u.test(line);
}

/** The events with every headline that restates the lead below it left out (events in text order). */
export function withoutRestatingHeadlines<E extends { span: Span; date: string }>(text: string, paragraphs: readonly Span[], events: readonly E[]): E[] {
  const paragraphOf = events.map((e) => findSpanAt(paragraphs, e.span[0]));
  return events.filter((e, i) => {
    const p = paragraphOf[i];
    if (p < 0 || !isHeadline(text, paragraphs, p)) return true;
    // the lead: an event of the same date in the paragraph right below
    for (let k = i + 1; k < events.length && paragraphOf[k] <= p + 1; k++) {
      if (paragraphOf[k] === p + 1 && events[k].date === e.date) return false;
    }
    return true;
  });
}
