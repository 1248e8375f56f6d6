/**
 * Scoring and selection of a page's content: every paragraph-like element scores by its
 * punctuation and length (CJK weighted) and hands the score to its ancestors with decay (after
 * Arc90/Readability); a candidate's score is discounted by its link density and nudged by its
 * class/id; the best one is moved up to a common ancestor when strong candidates share one or when
 * the article comes in like-classed chunks, and takes the siblings that look like content.
 */
import type { AnyNode, ChildNode, Element, Text } from 'domhandler';
import { countCjk, countNonSpace, countProsePunct, weightedLength } from './chars.ts';
import { BLOCK_TAGS, descendants, elementsBelow, isElement, isText, type HtmlDom } from './html-dom.ts';
import { firstOfPostList } from './html-posts.ts';

/** Elements readability treats as paragraphs whatever they hold. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'h2', 'h3', 'h4', 'dd', 'li']);
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|zhengwen|wenzhang|neirong|TRS_Editor|cont|txt|con_/i;
const NEGATIVE =
  /-ad-|hidden|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|copyright|qrcode|erweima|tuijian|recommend|hot|rank|list/i;

export interface Stats {
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

/** Counts of one text node: characters, prose punctuation, CJK characters. */
export type TextCounts = { chars: number; punct: number; cjk: number };

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

const emptyStats = (): Stats => ({ chars: 0, linkChars: 0, punct: 0, cjk: 0, directChars: 0, directPunct: 0, directCjk: 0 });

/** Adds a finished child's stats to its parent's; text of inline children counts as the parent's own. */
function addChildStats(total: Stats, child: Element, s: Stats): void {
  total.chars += s.chars;
  total.linkChars += s.linkChars;
  total.punct += s.punct;
  total.cjk += s.cjk;
  if (!BLOCK_TAGS.has(child.name)) {
    total.directChars += s.directChars;
    total.directPunct += s.directPunct;
    total.directCjk += s.directCjk;
  }
}

/** Stats of `root` and (in `stats`) of every element below it, in one post-order pass with an explicit stack. */
export function computeStats(root: AnyNode | HtmlDom, stats: Map<Element, Stats>, textCounts: Map<Text, TextCounts>): Stats {
  const rootNode = root as AnyNode;
  if (!isElement(rootNode) && rootNode.type !== 'root') return emptyStats();
  type Frame = { node: Element | null; children: ChildNode[]; next: number; total: Stats; link: boolean };
  const frameOf = (node: AnyNode, link: boolean): Frame => ({
    node: isElement(node) ? node : null,
    children: (node as { children: ChildNode[] }).children,
    next: 0,
    total: emptyStats(),
    link: link || (isElement(node) && node.name === 'a'),
  });
  const stack: Frame[] = [frameOf(rootNode, false)];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      // Text children add straight into the total (no object per text node: pages have thousands).
      if (isText(child)) addTextCounts(frame.total, countText(child, textCounts), frame.link);
      else if (isElement(child)) stack.push(frameOf(child, frame.link)); // comments and the like hold no text
      continue;
    }
    stack.pop();
    if (frame.node) stats.set(frame.node, frame.total);
    const parent = stack[stack.length - 1];
    if (!parent) return frame.total;
    addChildStats(parent.total, frame.node!, frame.total);
  }
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
  for (const n of descendants(el, (node) => isElement(node) && !BLOCK_TAGS.has(node.name))) if (isText(n)) out += n.data;
  return out;
}

/** Each paragraph-like element's score, handed up to five ancestors with decay. */
function scoreCandidates(body: Element | HtmlDom, stats: Map<Element, Stats>): Map<Element, number> {
  const scores = new Map<Element, number>();
  for (const el of elementsBelow(body)) {
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
  return scores;
}

type Ranked = { el: Element; score: number }[];

/** Candidates by link-discounted score, best first. */
function rankCandidates(scores: Map<Element, number>, stats: Map<Element, Stats>): Ranked {
  return (
    [...scores.entries()]
      .map(([el, score]) => {
        const s = stats.get(el)!;
        return { el, score: score * (1 - (s.chars ? s.linkChars / s.chars : 0)) };
      })
      // Near-ties go to the smaller element: nested layout tables pass one score up unchanged.
      .sort((a, b) => (Math.abs(b.score - a.score) <= 0.01 * Math.max(a.score, b.score) ? stats.get(a.el)!.chars - stats.get(b.el)!.chars : b.score - a.score))
  );
}

/** The top candidate, moved up to the container of the article when the article comes in pieces. */
function widenTop(ranked: Ranked, stats: Map<Element, Stats>): Element {
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
  return top;
}

/** The top container and those of its siblings that score near it or read as prose. */
function withSiblings(top: Element, parent: Element, finalScore: number, scores: Map<Element, number>, stats: Map<Element, Stats>): Element[] {
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

/** The elements holding the page's article (none when nothing scores). */
export function selectContent(body: Element | HtmlDom, stats: Map<Element, Stats>): Element[] {
  const scores = scoreCandidates(body, stats);
  if (!scores.size) return [];
  const ranked = rankCandidates(scores, stats);
  const post = firstOfPostList(body, ranked[0].el, stats);
  if (post) return [post];
  const top = widenTop(ranked, stats);
  const parent = top.parent;
  if (!parent || !isElement(parent)) return [top];
  return withSiblings(top, parent, scores.get(top) ?? ranked[0].score, scores, stats);
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
