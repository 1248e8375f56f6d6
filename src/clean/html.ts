/**
 * Main text of a web page. The page is parsed with htmlparser2 (a tolerant streaming parser) into a
 * DOM (html-dom.ts); the rest is hand-written:
 *
 * 1. prune (html-prune.ts): scripts, styles, form widgets, navigation, hidden elements and image
 *    captions go; so do elements whose tag or class/id says chrome (comment, share, related, footer,
 *    breadcrumb …), unless one holds a large share of the page's text (a theme's wrapper, not a sidebar);
 * 2. score and select (html-score.ts): every paragraph-like element scores by its punctuation and
 *    length and hands the score to its ancestors; the best candidate, widened to the article's
 *    container, plus siblings that look like content;
 * 3. blocks (html-blocks.ts): the selection is walked in document order into
 *    paragraph/heading/caption/list-item blocks (each text piece keeps its raw offset);
 * 4. keep (html-keep.ts): link lists, chrome lines, a trailing run of headlines and (in the stage)
 *    repeats are dropped.
 *
 * Everything runs in a few linear passes over the DOM, so a page costs about one parse.
 */
import type { ChildNode, Element, Text } from 'domhandler';
import { weightedLength } from './chars.ts';
import { blockText, type DraftBlock } from './draft-blocks.ts';
import { toBlocks } from './html-blocks.ts';
import { findFirst, parseHtml, type HtmlDom } from './html-dom.ts';
import { keepContentBlocks } from './html-keep.ts';
import { pruneChrome, pruneTags } from './html-prune.ts';
import { computeStats, selectContent, type Stats, type TextCounts } from './html-score.ts';

export { findFirst, parseHtml, type HtmlDom } from './html-dom.ts';

export interface HtmlExtractOptions {
  /** Take all text (a feed item's content, a Markdown body) instead of looking for the article. */
  fragment?: boolean;
  /** Blank lines inside text nodes end a block (Markdown bodies). */
  blankLineBreaks?: boolean;
  /** Text between tags is Markdown: `#` headings, lists, quotes, `**`, links. */
  markdown?: boolean;
  /** Added to every raw offset (the fragment's place in `raw`). */
  rawBase?: number;
  /** Blocks equal to the title are dropped (the headline is meta, not body). */
  title?: string | null;
}

/** How the extraction went, when it did not go the usual way. */
export interface ExtractNote {
  reason: string;
  ruleId: 'clean:html-retry' | 'clean:html-fallback';
}

export interface HtmlExtract {
  blocks: DraftBlock[];
  /** Why the result may be poor (no candidate found, fell back to the whole page …). */
  notes: ExtractNote[];
}

type Attempt = { kept: DraftBlock[]; length: number };

/** One try at the article of a pruned DOM: select, walk into blocks, keep content; null when nothing scores. */
function attempt(root: Element | HtmlDom, textCounts: Map<Text, TextCounts>, opts: HtmlExtractOptions): Attempt | null {
  const stats = new Map<Element, Stats>();
  computeStats(root, stats, textCounts);
  const selected = selectContent(root, stats);
  if (!selected.length) return null;
  const { blocks, linkShare } = toBlocks(selected, opts);
  const kept = keepContentBlocks(blocks, linkShare, opts);
  return { kept, length: kept.reduce((n, b) => n + weightedLength(blockText(b)), 0) };
}

/** The body of a fresh parse of `html`, pruned of what is never text only. */
function freshBody(html: string): Element | HtmlDom {
  const dom = parseHtml(html);
  const body = (findFirst(dom, 'body') ?? dom) as Element | HtmlDom;
  pruneTags(body);
  return body;
}

const childrenOf = (node: Element | HtmlDom) => (node as { children: ChildNode[] }).children;

/**
 * The main text of a page as blocks. `dom` may be a DOM of `html` already parsed (the metadata
 * reader shares it); it is pruned in place. A retry without chrome-name pruning parses `html` again
 * (once, and only when that pruning removed something: else the retry would read the same DOM).
 */
export function extractHtml(html: string, opts: HtmlExtractOptions = {}, dom: HtmlDom = parseHtml(html)): HtmlExtract {
  const notes: ExtractNote[] = [];
  const body = (findFirst(dom, 'body') ?? dom) as Element | HtmlDom;
  pruneTags(body, opts.fragment);
  if (opts.fragment) {
    const { blocks, linkShare } = toBlocks(childrenOf(body), opts);
    return { blocks: keepContentBlocks(blocks, linkShare, opts), notes };
  }
  const pageStats = new Map<Element, Stats>();
  const textCounts = new Map<Text, TextCounts>();
  const page = computeStats(body, pageStats, textCounts);
  // First with chrome-named elements pruned; if that leaves too little, again on a fresh parse without.
  const removed = pruneChrome(body, pageStats, page.chars);
  const first = attempt(body, textCounts, opts);
  const attempts = [() => first, () => (removed ? attempt(freshBody(html), textCounts, opts) : first)];
  let best: DraftBlock[] | null = null;
  let bestLength = -1;
  for (const run of attempts) {
    const result = run();
    if (!result) continue;
    const { kept, length } = result;
    if (length > bestLength * 2 || best === null) {
      best = kept;
      bestLength = length;
    }
    // Enough text, or a page that has little text anyway: done.
    if (length >= 250 || page.chars < 500) break;
    notes.push({ reason: 'little text left after removing chrome-named elements; retried without that step', ruleId: 'clean:html-retry' });
  }
  if (best && best.length) return { blocks: best, notes };
  notes.push({ reason: 'no article container found; kept every text block', ruleId: 'clean:html-fallback' });
  const { blocks, linkShare } = toBlocks(childrenOf(body), opts);
  return { blocks: keepContentBlocks(blocks, linkShare, opts), notes };
}
