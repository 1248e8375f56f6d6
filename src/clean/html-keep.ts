/**
 * Which of a page's blocks are content: link lists, chrome lines, keyword stuffing, the headline
 * itself and a trailing run of headlines go.
 */
import { chromeRule, isKeywordStuffing, isRelatedHeading } from './boilerplate.ts';
import { isNoticeHeading } from './chrome-lexicon.ts';
import { squash, weightedLength } from './chars.ts';
import { blockText, type DraftBlock } from './draft-blocks.ts';
import { isBetweenCells } from './html-tables.ts';

/** What the filter needs to know of the extraction. */
export interface KeepOptions {
  fragment?: boolean;
  title?: string | null;
}

/** Drops chrome blocks: link lists, boilerplate lines, keyword stuffing, the headline itself. */
export function keepContentBlocks(blocks: DraftBlock[], linkShare: number[], opts: KeepOptions): DraftBlock[] {
  const title = opts.title ? squash(opts.title) : null;
  // A "相关新闻 / You may also like" heading after most of the article ends it when what follows are
  // other reports' headlines and teasers, which the link test lets through when they carry text.
  if (!opts.fragment) {
    const lengths = blocks.map((b, i) => (linkShare[i] > 0.5 ? 0 : weightedLength(blockText(b))));
    const total = lengths.reduce((a, b) => a + b, 0);
    let before = 0;
    for (let i = 0; i < blocks.length; i++) {
      // Only over a list (headlines, short teasers): a related report printed in full is text.
      if (
        before >= 200 &&
        before >= total * 0.6 &&
        (isRelatedHeading(blockText(blocks[i])) || isNoticeHeading(blockText(blocks[i]))) &&
        lengths.slice(i + 1).every((n) => n <= 200)
      ) {
        blocks = blocks.slice(0, i);
        linkShare = linkShare.slice(0, i);
        break;
      }
      before += lengths[i];
    }
  }
  const kept = blocks.filter((block, i) => {
    const text = blockText(block);
    const flat = squash(text);
    if (!flat) return false;
    if (title && flat === title) return false;
    // A date standing alone in a report's own body (a fragment) heads a table column or a timeline entry.
    if (chromeRule(text, { dateLines: !opts.fragment })) return false;
    if (isKeywordStuffing(text)) return false;
    const share = linkShare[i];
    if (share > 0.5 && !opts.fragment) return false;
    // Symbols and separators only ("|", ">>", "·") — but a table's empty-value cell (—) between
    // short cells keeps its column, or the figures after it would line up under the wrong header.
    if (!/[\p{L}\p{N}]/u.test(flat)) return /^[—–\-－/]$/.test(flat) && isBetweenCells(blocks, i);
    return true;
  });
  // A trailing run of headlines (a "more stories" box that escaped the link test): three or more
  // blocks in a row after the last sentence, none of which ends a sentence.
  if (opts.fragment) return kept;
  let end = kept.length;
  while (end > 0 && isHeadlineLike(blockText(kept[end - 1]))) end--;
  return kept.length - end >= 3 && !isHardWrapped(kept.slice(end)) ? kept.slice(0, end) : kept;
}

/**
 * Lines of a text hard-wrapped at a fixed width (a <br> every 36 characters, as old pages and
 * mailing-list archives print prose): most are about as wide as the widest (a paragraph's first
 * line loses its indent, its last runs short), and they are prose, commas and full stops inside.
 * Headlines in a list vary in width, and few hold a comma.
 */
function isHardWrapped(lines: readonly DraftBlock[]): boolean {
  const texts = lines.map((b) => squash(blockText(b)));
  const widest = Math.max(...texts.map((t) => t.length));
  const wide = texts.filter((t) => t.length >= widest - 4).length;
  const prose = texts.filter((t) => /[，,。；;]/.test(t.slice(0, -1))).length;
  return wide >= lines.length * 0.5 && prose >= lines.length * 0.6;
}

function isHeadlineLike(text: string): boolean {
  const length = weightedLength(text);
  // A schedule or a numbered line ("June 9 -- Tampa", "2. …") is a list the article gives, not a teaser.
  if (/^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)/i.test(text.trim())) return false;
  // ●一季度，全省民营经济增加值实现7367.4亿元，同比增长1.9%: a bulleted fact box's lines are sentences without their full stop
  if (/^[●•■◆▲★▪]/.test(text.trim()) && /[，,；;]/.test(text)) return false;
  return length >= 15 && length <= 160 && !/[。！？!?.…:：]["'”’」）)]*$/.test(text.trim());
}
