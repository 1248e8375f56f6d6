/**
 * Main text of a web page. The page is parsed with htmlparser2 (a tolerant streaming parser) into a
 * DOM; the rest is hand-written:
 *
 * 1. prune: scripts, styles, form widgets, navigation, hidden elements and image captions go; so do
 *    elements whose tag or class/id says chrome (comment, share, related, footer, breadcrumb …),
 *    unless one holds a large share of the page's text (a theme's wrapper, not a sidebar);
 * 2. score: every paragraph-like element scores by its punctuation and length (CJK weighted), and
 *    hands the score to its ancestors with decay (after Arc90/Readability); a candidate's score is
 *    discounted by its link density and nudged by its class/id;
 * 3. select: the best candidate, moved up to a common ancestor when strong candidates share one or
 *    when the article comes in like-classed chunks, plus siblings that look like content;
 * 4. blocks: the selection is walked in document order into paragraph/heading/caption/list-item
 *    blocks (each text piece keeps its raw offset); link lists, chrome lines, a trailing run of
 *    headlines and (in the stage) repeats are dropped.
 *
 * Everything runs in a few linear passes over the DOM, so a page costs about one parse.
 */
import { Element as DomElement, type AnyNode, type ChildNode, type Element, type Text } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { Block } from '../document/index.ts';
import { chromeRule, isKeywordStuffing, isRelatedHeading } from './boilerplate.ts';
import { countCjk, countNonSpace, countProsePunct, joinsWithoutSpace, squash, weightedLength } from './chars.ts';
import { blockText, trimBlock, type DraftBlock } from './segments.ts';

/** Never text: dropped with everything inside. */
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'area',
  'select',
  'option',
  'optgroup',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'nav',
  'dialog',
  'menu',
  'datalist',
  'label',
]);
/** Dropped unless they hold most of the page (some CMSs put the article in an <aside> or <header>). */
const CHROME_TAGS = new Set(['header', 'footer', 'aside']);
/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'aside',
  'br',
  'tt',
  'legend',
]);
/** Elements readability treats as paragraphs whatever they hold. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'h2', 'h3', 'h4', 'dd', 'li']);
const HEADING = /^h[1-6]$/;

const UNLIKELY =
  /(?:^|[-_\s])(?:ad|ads|advert\w*|banner|breadcrumbs?|combx|comments?|community|cover-wrap|disqus|extra|foot|footer|gdpr|header|legends?|menu|nav|navbar|related|remark|replies|rss|shoutbox|sidebar|side|skyscraper|social|sponsor\w*|supplemental|pagination|pager|popup|share|sharing|bdshare|jiathis|qr|qrcode|ewm|erweima|copyright|copy|crumbs?|location|position|weizhi|xgwz|xgxw|tuijian|recommend\w*|hot|rank|toolbar|tools|subscribe|newsletter|promo|login|signup|modal|cookie|print|editor|keywords?|tags?|author-info|byline|meta)(?:$|[-_\s\d])/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow|text|detail|zhengwen|news_txt|TRS_Editor|story|entry|post/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|zhengwen|wenzhang|neirong|TRS_Editor|cont|txt|con_/i;
const NEGATIVE =
  /-ad-|hidden|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|copyright|qrcode|erweima|tuijian|recommend|hot|rank|list/i;

interface Stats {
  /** Characters of text, whitespace removed. */
  chars: number;
  /** Characters inside links. */
  linkChars: number;
  /** Prose punctuation marks outside links. */
  punct: number;
  /** CJK characters (for weighted length). */
  cjk: number;
  /** The same three for the text the element holds directly (its own text and inline children). */
  directChars: number;
  directPunct: number;
  directCjk: number;
}

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const isText = (n: AnyNode): n is Text => n.type === 'text';
const classAndId = (el: Element): string => `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;

function isHidden(el: Element): boolean {
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return 'hidden' in el.attribs || el.attribs['aria-hidden'] === 'true';
}

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

/** Parses once; the same DOM serves the metadata reader and the main-text extractor. */
export function parseHtml(html: string) {
  const dom = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  flattenDeep(dom, MAX_DEPTH);
  return dom;
}
export type HtmlDom = ReturnType<typeof parseHtml>;

/** Deeper than this, a page is malformed (thousands of unclosed tags); the walkers below recurse. */
const MAX_DEPTH = 250;

/**
 * Replaces what hangs below `maxDepth` by a flat run of its text nodes, with a <br> where a block
 * element began, so text and paragraph breaks survive and no walker recurses past the limit.
 * Iterative: it must not itself overflow the stack it protects.
 */
function flattenDeep(root: HtmlDom, maxDepth: number): void {
  const stack: [AnyNode, number][] = [[root as unknown as AnyNode, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    const children = (node as { children?: ChildNode[] }).children;
    if (!children) continue;
    if (depth < maxDepth) {
      for (const child of children) stack.push([child, depth + 1]);
      continue;
    }
    const flat: ChildNode[] = [];
    const pending: ChildNode[] = [...children].reverse();
    while (pending.length) {
      const next = pending.pop()!;
      if (isText(next)) flat.push(next);
      else if (isElement(next) && !DROP_TAGS.has(next.name)) {
        if (BLOCK_TAGS.has(next.name)) flat.push(new DomElement('br', {}));
        for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]);
      }
    }
    flat.forEach((child, i) => {
      child.parent = node as Element;
      child.prev = flat[i - 1] ?? null;
      child.next = flat[i + 1] ?? null;
    });
    (node as Element).children = flat;
  }
}

/** Counts of one text node: characters, prose punctuation, CJK characters. */
type TextCounts = { chars: number; punct: number; cjk: number };

/**
 * Counts a text node once per page: the stats are computed again after chrome pruning, on the same
 * text nodes, and counting characters is most of their cost.
 */
function countText(node: Text, cache: Map<Text, TextCounts>): TextCounts {
  let counts = cache.get(node);
  if (!counts) {
    const chars = countNonSpace(node.data);
    counts = { chars, punct: chars ? countProsePunct(node.data) : 0, cjk: chars ? countCjk(node.data) : 0 };
    cache.set(node, counts);
  }
  return counts;
}

function computeStats(root: AnyNode | HtmlDom, stats: Map<Element, Stats>, textCounts: Map<Text, TextCounts>, inLink = false): Stats {
  const total: Stats = { chars: 0, linkChars: 0, punct: 0, cjk: 0, directChars: 0, directPunct: 0, directCjk: 0 };
  if (isText(root)) {
    addTextCounts(total, countText(root, textCounts), inLink);
    return total;
  }
  if (!isElement(root) && root.type !== 'root') return total;
  const link = inLink || (isElement(root) && root.name === 'a');
  for (const child of (root as { children: ChildNode[] }).children) {
    // Text children add straight into the total (no object per text node: pages have thousands).
    if (isText(child)) {
      addTextCounts(total, countText(child, textCounts), link);
      continue;
    }
    if (!isElement(child)) continue; // comments and the like hold no text
    const s = computeStats(child, stats, textCounts, link);
    total.chars += s.chars;
    total.linkChars += s.linkChars;
    total.punct += s.punct;
    total.cjk += s.cjk;
    // Text of inline children counts as the element's own; block children hold their own.
    if (!BLOCK_TAGS.has(child.name)) {
      total.directChars += s.directChars;
      total.directPunct += s.directPunct;
      total.directCjk += s.directCjk;
    }
  }
  if (isElement(root)) stats.set(root, total);
  return total;
}

/** Adds one text node's counts to an element's stats; punctuation inside links does not count. */
function addTextCounts(total: Stats, counts: TextCounts, inLink: boolean): void {
  const punct = inLink ? 0 : counts.punct;
  total.chars += counts.chars;
  if (inLink) total.linkChars += counts.chars;
  total.punct += punct;
  total.cjk += counts.cjk;
  total.directChars += counts.chars;
  total.directPunct += punct;
  total.directCjk += counts.cjk;
}

/** A cell that is only a label (索 引 号：, 发布日期：). */
const LABEL_CELL = /^[\p{Script=Han}\s\u3000]{2,10}[:：]$/u;

/**
 * A record table: the labelled fields a portal prints above a document (索引号、主题分类、发文机关…).
 * Metadata reads them (meta.ts); they are not the report's text.
 */
function isRecordTable(table: Element): boolean {
  let labels = 0;
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'td' || child.name === 'th') {
        if (LABEL_CELL.test(textContent(child).trim())) labels++;
      } else if (child.name !== 'table') walk(child);
    }
  };
  walk(table);
  // Small, too: a layout table around a whole page may hold a few labels (来源：, 作者：) as well.
  return labels >= 3 && squash(textContent(table)).length <= 400;
}

/** Removes what is never text: scripts, styles, forms' widgets, hidden elements, comments, record tables. */
function pruneTags(root: Element | HtmlDom, fragment = false): void {
  const walk = (parent: { children: ChildNode[] }) => {
    parent.children = parent.children.filter((child) => {
      if (child.type === 'comment' || child.type === 'directive') return false;
      if (!isElement(child)) return true;
      if (DROP_TAGS.has(child.name) || isHidden(child)) return false;
      if (child.name === 'table' && isRecordTable(child)) return false;
      // An image's caption describes the picture, not the story (the benchmarks' notion too).
      if (child.name === 'figcaption' && !fragment) return false;
      walk(child);
      return true;
    });
  };
  walk(root);
}

/**
 * Removes elements whose tag or class/id says chrome (header, sidebar, share, related …) — unless
 * one holds a large share of the page's text: a wrapper named "header-style-2" around everything is
 * a theme's quirk, not a header.
 */
function pruneChrome(root: Element | HtmlDom, stats: Map<Element, Stats>, pageChars: number): void {
  const walk = (parent: { children: ChildNode[] }) => {
    parent.children = parent.children.filter((child) => {
      if (!isElement(child)) return true;
      if (child.name !== 'body' && child.name !== 'html' && child.name !== 'a') {
        const names = classAndId(child);
        const chrome = (CHROME_TAGS.has(child.name) || (names.trim() && UNLIKELY.test(names))) && !MAYBE_CANDIDATE.test(names);
        if (chrome && (stats.get(child)?.chars ?? 0) < pageChars * 0.4) return false;
      }
      walk(child);
      return true;
    });
  };
  walk(root);
}

function classWeight(el: Element): number {
  let weight = 0;
  for (const name of [el.attribs.class, el.attribs.id]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) weight -= 25;
    if (POSITIVE.test(name)) weight += 25;
  }
  if (el.name === 'article' || el.name === 'main') weight += 25;
  return weight;
}

/** The text an element holds directly (text children and inline descendants), for scoring. */
function directText(el: Element): string {
  let out = '';
  const visit = (n: AnyNode) => {
    if (isText(n)) out += n.data;
    else if (isElement(n) && !BLOCK_TAGS.has(n.name)) n.children.forEach(visit);
  };
  el.children.forEach(visit);
  return out;
}

function selectContent(body: Element | HtmlDom, stats: Map<Element, Stats>): Element[] {
  const scores = new Map<Element, number>();
  const allElements: Element[] = [];
  const collect = (n: AnyNode) => {
    if (!isElement(n)) return;
    allElements.push(n);
    n.children.forEach(collect);
  };
  (body as { children: ChildNode[] }).children.forEach(collect);

  for (const el of allElements) {
    const s = stats.get(el);
    if (!s) continue;
    // A paragraph tag scores all its text; any other element the text it holds directly.
    const paragraph = PARAGRAPH_TAGS.has(el.name);
    if (!paragraph && s.directChars < 10) continue;
    const len = paragraph ? s.chars - s.cjk + s.cjk * 2.5 : s.directChars - s.directCjk + s.directCjk * 2.5;
    if (len < 25) continue;
    const punct = paragraph ? s.punct : s.directPunct;
    const linkShare = s.chars ? s.linkChars / s.chars : 0;
    const score = (1 + punct + Math.min(Math.floor(len / 100), 3)) * (1 - linkShare);
    let node: Element | null = el.parent && isElement(el.parent) && stats.has(el.parent) ? el.parent : null;
    if (!paragraph) node = el; // an element holding text directly is itself a container of it
    for (let level = 0; node && level < 5; level++) {
      if (!scores.has(node)) scores.set(node, classWeight(node));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(node, scores.get(node)! + score / divider);
      node = node.parent && isElement(node.parent) && stats.has(node.parent) ? node.parent : null;
    }
  }
  if (!scores.size) return [];
  const ranked = [...scores.entries()]
    .map(([el, score]) => {
      const s = stats.get(el)!;
      return { el, score: score * (1 - (s.chars ? s.linkChars / s.chars : 0)) };
    })
    // Near-ties go to the smaller element: nested layout tables pass one score up unchanged.
    .sort((a, b) => (Math.abs(b.score - a.score) <= 0.01 * Math.max(a.score, b.score) ? stats.get(a.el)!.chars - stats.get(b.el)!.chars : b.score - a.score));
  let top = ranked[0].el;
  const topScore = ranked[0].score;

  // A strong runner-up like the top candidate and near it: the article is split into chunks (between
  // ads); their nearest common ancestor holds all of it, when it is only a few levels up.
  const strong = ranked
    .slice(1, 6)
    .filter((c) => c.score >= topScore * 0.75)
    .map((c) => c.el);
  // Several strong candidates under one ancestor (readability's rule).
  if (strong.length >= 2) {
    for (let parent = top.parent; parent && isElement(parent) && parent.name !== 'body'; parent = parent.parent) {
      if (strong.filter((c) => contains(parent as Element, c)).length >= 2) {
        top = parent as Element;
        break;
      }
    }
  }
  const chunks = ranked
    .slice(1, 10)
    .filter((c) => c.score >= topScore * 0.3)
    .map((c) => c.el);
  for (const other of chunks) {
    if (contains(top, other) || contains(other, top)) continue; // the same content, nested
    // Chunks of one article look alike (same tag and class); posts on a blog page often do not.
    if (other.name !== top.name || !top.attribs.class || firstClass(other) !== firstClass(top)) continue;
    const ancestor = commonAncestor(top, other, 5);
    // Only an ancestor made mostly of the chunks themselves, not of what stands around them.
    const chunkChars = (stats.get(top)?.chars ?? 0) + (stats.get(other)?.chars ?? 0);
    if (ancestor && ancestor.name !== 'body' && (stats.get(ancestor)?.chars ?? Infinity) <= chunkChars * 1.5) top = ancestor;
  }
  // A lone child adds nothing: its parent is the container.
  while (top.parent && isElement(top.parent) && top.parent.name !== 'body' && top.parent.children.filter(isElement).length === 1) {
    top = top.parent;
  }

  const parent = top.parent;
  if (!parent || !isElement(parent)) return [top];
  const finalScore = scores.get(top) ?? topScore;
  const threshold = Math.max(10, finalScore * 0.2);
  const topClass = top.attribs.class;
  const chosen: Element[] = [];
  for (const sibling of parent.children) {
    if (!isElement(sibling)) continue;
    if (sibling === top) {
      chosen.push(sibling);
      continue;
    }
    const s = stats.get(sibling);
    if (!s || !s.chars) continue;
    let bonus = 0;
    if (topClass && sibling.attribs.class === topClass) bonus += finalScore * 0.2;
    const linkShare = s.linkChars / s.chars;
    // Siblings compete on the same link-discounted score as the candidates did.
    const score = (scores.get(sibling) ?? 0) * (1 - linkShare) + bonus;
    if (score >= threshold) chosen.push(sibling);
    else if (sibling.name === 'p' || !BLOCK_TAGS.has(sibling.name)) {
      const text = directText(sibling);
      const len = weightedLength(text);
      if ((len > 80 && linkShare < 0.25) || (len > 0 && len < 80 && linkShare === 0 && /[。.!?！？]\s*$/.test(text.trim()))) chosen.push(sibling);
    }
  }
  return chosen;
}

const firstClass = (el: Element): string => (el.attribs.class ?? '').trim().split(/\s+/)[0];

/** The nearest element holding both `a` and `b`, if it is at most `maxUp` levels above `a`. */
function commonAncestor(a: Element, b: Element, maxUp: number): Element | null {
  let node: AnyNode | null = a;
  for (let up = 0; node && up <= maxUp; up++, node = node.parent) {
    if (isElement(node) && contains(node, b)) return node;
  }
  return null;
}

function contains(ancestor: Element, node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Whether the blocks on both sides of `i` are short cells (a name, a unit, a number), as in a table. */
function isBetweenCells(blocks: readonly DraftBlock[], i: number): boolean {
  const short = (b: DraftBlock | undefined) => b !== undefined && squash(blockText(b)).length <= 24 && !/[。！？]/.test(blockText(b));
  return short(blocks[i - 1]) && short(blocks[i + 1]);
}

/** Walks the selection in document order into blocks, keeping raw offsets and link shares. */
function toBlocks(roots: readonly AnyNode[], opts: HtmlExtractOptions): { blocks: DraftBlock[]; linkShare: number[] } {
  const base = opts.rawBase ?? 0;
  const blocks: DraftBlock[] = [];
  const linkShare: number[] = [];
  let current: DraftBlock = { kind: 'paragraph', pieces: [] };
  let linkChars = 0;
  let lastChar = '';
  let pendingSpace = false;
  let sourceBreak = false;
  let kind: Block['kind'] = 'paragraph';

  const flush = () => {
    const block = trimBlock(current);
    const text = blockText(block);
    if (text) {
      blocks.push(block);
      linkShare.push(linkChars / Math.max(1, squash(text).length));
    }
    current = { kind, pieces: [] };
    linkChars = 0;
    lastChar = '';
    pendingSpace = false;
  };

  /** Emits `data` (which starts at raw offset `raw`, or -1 when offsets inside it are not exact). */
  const emit = (data: string, raw: number, rawLength: number, inLink: boolean) => {
    const exact = raw >= 0 && rawLength === data.length; // no entities: word offsets are exact
    const words = /\S+|\s+/g;
    for (let m = words.exec(data); m; m = words.exec(data)) {
      const piece = m[0];
      if (/^\s/.test(piece)) {
        if (opts.blankLineBreaks && /\n[^\S\n]*\n/.test(piece)) flush();
        else {
          pendingSpace = true;
          sourceBreak = /[\n\r]/.test(piece);
        }
        continue;
      }
      if (pendingSpace && lastChar) {
        // A source line break between two Han characters is formatting, not a space.
        const cjkJoin = sourceBreak && joinsWithoutSpace(lastChar, piece[0]);
        if (!cjkJoin) current.pieces.push({ text: ' ', raw: -1, rawLength: 0 });
      }
      pendingSpace = false;
      current.kind = kind;
      current.pieces.push(
        exact
          ? { text: piece, raw: base + raw + m.index, rawLength: piece.length }
          : { text: piece, raw: raw >= 0 ? base + raw : -1, rawLength: raw >= 0 ? rawLength : 0 },
      );
      if (inLink) linkChars += piece.length;
      lastChar = piece[piece.length - 1];
    }
  };

  /** Markdown between the tags of a Markdown body: block marks start blocks, inline marks go. */
  const emitMarkdown = (data: string, raw: number, inLink: boolean) => {
    const lineRe = /[^\n]*\n?/g;
    for (let m = lineRe.exec(data); m && m[0]; m = lineRe.exec(data)) {
      const line = m[0];
      const at = m.index;
      // A blank line ends a Markdown paragraph (the line walk sees it alone, so say so here).
      if (opts.blankLineBreaks && !line.trim() && at > 0) {
        flush();
        continue;
      }
      const mark = /^[^\S\n]{0,3}(?:(#{1,6})[^\S\n]+|>[^\S\n]?|(?:[-*+]|\d{1,3}[.)])[^\S\n]+)/.exec(line);
      const outer = kind;
      let from = 0;
      if (mark) {
        flush();
        kind = mark[1] ? 'heading' : mark[0].trim().startsWith('>') ? 'paragraph' : 'list-item';
        current.kind = kind;
        from = mark[0].length;
      }
      const inline = /!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)]*\)|\*\*|__|`/g;
      inline.lastIndex = from;
      let last = from;
      const body = line.replace(/[^\S\n]#+[^\S\n]*(\n?)$/, '$1'); // closing ### of a heading
      for (let t = inline.exec(body); t; t = inline.exec(body)) {
        emit(body.slice(last, t.index), raw >= 0 ? raw + at + last : -1, t.index - last, inLink);
        if (t[1]) emit(t[1], raw >= 0 ? raw + at + t.index + 1 : -1, t[1].length, true);
        last = t.index + t[0].length;
      }
      emit(body.slice(last), raw >= 0 ? raw + at + last : -1, body.length - last, inLink);
      if (mark) {
        flush();
        kind = outer;
        current.kind = kind;
      }
    }
  };

  const addText = (node: Text, inLink: boolean) => {
    const raw = node.startIndex ?? -1;
    const rawLength = node.endIndex !== null && node.startIndex !== null ? node.endIndex - node.startIndex + 1 : node.data.length;
    if (opts.markdown && rawLength === node.data.length) emitMarkdown(node.data, raw, inLink);
    else emit(node.data, raw, rawLength, inLink);
  };

  const visit = (node: AnyNode, inLink: boolean) => {
    if (isText(node)) return addText(node, inLink);
    if (!isElement(node)) return;
    if (node.name === 'br' || node.name === 'hr') return flush();
    const lead = isLeadHeading(node);
    const block = BLOCK_TAGS.has(node.name) || lead;
    const outerKind = kind;
    if (block) {
      flush();
      if (HEADING.test(node.name) || lead) kind = 'heading';
      else if (node.name === 'figcaption' || node.name === 'caption') kind = 'caption';
      else if (node.name === 'li' || node.name === 'dt' || node.name === 'dd') kind = 'list-item';
      else if (kind !== 'list-item') kind = 'paragraph'; // a <p> inside an <li> is still the list item
      current.kind = kind;
    }
    for (const child of node.children) visit(child, inLink || node.name === 'a');
    if (block) {
      flush();
      kind = outerKind;
      current.kind = kind;
    }
  };
  for (const root of roots) visit(root, false);
  flush();
  return { blocks, linkShare };
}

/**
 * A bold line standing between paragraphs (<strong>国内联播快讯</strong><p>…</p>, or a <p> holding
 * only it): a story's headline in a digest or a section's name, so a heading.
 */
function isLeadHeading(node: Element): boolean {
  if (node.name !== 'strong' && node.name !== 'b') return false;
  const text = squash(textContent(node));
  if (!text || text.length > 60 || /[。！？!?；;，,：:]$/.test(text)) return false;
  const siblings = (node.parent as { children?: ChildNode[] } | null)?.children ?? [];
  // (Its siblings: whitespace, blocks, or other such bold lines — the next story's headline.)
  const alone = siblings.every(
    (c) => c === node || (isText(c) ? !c.data.trim() : isElement(c) && (BLOCK_TAGS.has(c.name) || c.name === 'br' || c.name === node.name)),
  );
  if (!alone) return false;
  // Inside a <p>, the bold text is the whole paragraph; at the top, it stands between blocks.
  return (
    siblings.some((c) => c !== node && isElement(c) && BLOCK_TAGS.has(c.name)) || (isElement(node.parent as AnyNode) && (node.parent as Element).name === 'p')
  );
}

/** Drops chrome blocks: link lists, boilerplate lines, keyword stuffing, the headline itself. */
function keepContentBlocks(blocks: DraftBlock[], linkShare: number[], opts: HtmlExtractOptions): DraftBlock[] {
  const title = opts.title ? squash(opts.title) : null;
  // A "相关新闻 / You may also like" heading after most of the article ends it when what follows are
  // other reports' headlines and teasers, which the link test lets through when they carry text.
  if (!opts.fragment) {
    const lengths = blocks.map((b, i) => (linkShare[i] > 0.5 ? 0 : weightedLength(blockText(b))));
    const total = lengths.reduce((a, b) => a + b, 0);
    let before = 0;
    for (let i = 0; i < blocks.length; i++) {
      // Only over a list (headlines, short teasers): a related report printed in full is text.
      if (before >= 200 && before >= total * 0.6 && isRelatedHeading(blockText(blocks[i])) && lengths.slice(i + 1).every((n) => n <= 200)) {
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
  return kept.length - end >= 3 ? kept.slice(0, end) : kept;
}

function isHeadlineLike(text: string): boolean {
  const length = weightedLength(text);
  // A schedule or a numbered line ("June 9 -- Tampa", "2. …") is a list the article gives, not a teaser.
  if (/^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)/i.test(text.trim())) return false;
  return length >= 15 && length <= 160 && !/[。！？!?.…:：]["'”’」）)]*$/.test(text.trim());
}

/**
 * The main text of a page as blocks. `dom` may be a DOM of `html` already parsed (the metadata
 * reader shares it); it is pruned in place. A retry without chrome-name pruning parses `html` again.
 */
export function extractHtml(html: string, opts: HtmlExtractOptions = {}, dom: HtmlDom = parseHtml(html)): HtmlExtract {
  const notes: ExtractNote[] = [];
  const body = (findFirst(dom, 'body') ?? dom) as Element | HtmlDom;
  pruneTags(body, opts.fragment);
  const children = (node: Element | HtmlDom) => (node as { children: ChildNode[] }).children;
  if (opts.fragment) {
    const { blocks, linkShare } = toBlocks(children(body), opts);
    return { blocks: keepContentBlocks(blocks, linkShare, opts), notes };
  }
  const pageStats = new Map<Element, Stats>();
  const textCounts = new Map<Text, TextCounts>();
  const page = computeStats(body, pageStats, textCounts);
  // First with chrome-named elements pruned; if that leaves too little, again on a fresh parse without.
  const attempts: { chrome: boolean }[] = [{ chrome: true }, { chrome: false }];
  let best: DraftBlock[] | null = null;
  let bestLength = -1;
  for (const { chrome } of attempts) {
    let root = body;
    if (chrome) pruneChrome(body, pageStats, page.chars);
    else {
      root = (findFirst(parseHtml(html), 'body') ?? parseHtml(html)) as Element | HtmlDom;
      pruneTags(root);
    }
    const stats = new Map<Element, Stats>();
    computeStats(root, stats, textCounts);
    const selected = selectContent(root, stats);
    if (!selected.length) continue;
    const { blocks, linkShare } = toBlocks(selected, opts);
    const kept = keepContentBlocks(blocks, linkShare, opts);
    const length = kept.reduce((n, b) => n + weightedLength(blockText(b)), 0);
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
  const { blocks, linkShare } = toBlocks(children(body), opts);
  return { blocks: keepContentBlocks(blocks, linkShare, opts), notes };
}

/** The first element named `name`, depth first. */
export function findFirst(root: AnyNode | HtmlDom, name: string): Element | null {
  for (const child of (root as { children?: ChildNode[] }).children ?? []) {
    if (!isElement(child)) continue;
    if (child.name === name) return child;
    const found = findFirst(child, name);
    if (found) return found;
  }
  return null;
}
