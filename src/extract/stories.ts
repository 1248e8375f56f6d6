/**
 * Where a news story starts inside a paragraph. A feed or a broadcast's roundup (国内联播快讯) often
 * runs its stories together: a headline glued to the story's first sentence, with no break
 * (…获得圆满成功。今年以来广州白云机场入境人员超650万人次据广州海关统计，…). A place one story named is
 * no scope for the next, and a glued headline sets its own story's place and period as a heading does.
 */
import type { Block, Span } from '../document/index.ts';

/**
 * A story's opening words: a reporter's or an agency's lead (记者今天从…获悉, 据…统计, 新华社…电,
 * 当地时间) or a broadcast's date (今天（8月13日）).
 */
const OPENER =
  /记者(?:今天|近日|日前|昨天|从|在|获悉|了解到)|今天（\d{1,2}月\d{1,2}日）|据[^，,。；;：:]{1,16}(?:统计|消息|报道|介绍|数据)|新华社[^，,。]{0,12}电|当地时间/u;
/** How far into a sentence, before any comma, the opener may stand (a glued headline before it). */
const OPENER_REACH = 64;
/** A glued headline is at least this long (shorter, the words before the opener are the sentence's own: 今年以来，据统计). */
const HEADLINE_MIN = 8;

interface Opening {
  /** Where the opener's words start. */
  opener: number;
}

/** The opener that starts the sentence at `from`, within its first words before any comma, or null. */
function openingAt(text: string, from: number): Opening | null {
  const head = text.slice(from, from + OPENER_REACH);
  const comma = head.search(/[，,。；;：:！？]/u);
  const m = OPENER.exec(comma >= 0 ? head.slice(0, comma + 1) : head);
  return m ? { opener: from + m.index } : null;
}

/** Whether a story starts at a sentence in `[from, to)` (searched within the stretch, bounded). */
export function storyBetween(text: string, from: number, to: number, reach = 2000): boolean {
  if (to - from > reach) return false;
  const stretch = text.slice(from, to);
  for (let k = stretch.indexOf('。'); k >= 0; k = stretch.indexOf('。', k + 1)) {
    if (openingAt(text, from + k + 1)) return true;
  }
  return false;
}

/**
 * The glued headlines inside paragraphs: after a sentence's end, eight or more characters with no
 * punctuation but a space, then a story's opener. Each span is the headline's words.
 */
export function gluedHeadlines(text: string, blocks: readonly Block[]): Span[] {
  const found: Span[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const [start, end] = block.span;
    for (let k = text.indexOf('。', start); k >= 0 && k < end; k = text.indexOf('。', k + 1)) {
      const from = k + 1;
      const opening = openingAt(text, from);
      if (!opening || opening.opener - from < HEADLINE_MIN || opening.opener > end) continue;
      // the headline's words: no sentence punctuation, no quotation run into it
      if (/[，,、；;：:“”"（）()]/u.test(text.slice(from, opening.opener))) continue;
      found.push([from, opening.opener]);
    }
  }
  return found;
}
