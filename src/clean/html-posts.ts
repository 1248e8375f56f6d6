/**
 * A page that lists dated posts — a blog's archive or index page, a board's list of entries: the
 * best-scoring body is one of several of the same make (same tag, same class), each post prints its
 * own date-stamp (in its title row or its footer) between it and the next. The page's article is
 * then the first post, the newest — not the longest of them, nor all of them run together.
 * The chunks of one article split by ads look alike too, but no date stands between them.
 */
import type { Element } from 'domhandler';
import { MONTH_FIRST_DATE, NUMERIC_DATE } from '../document/dates.ts';
import { descendants, elementsBelow, isElement, isText, type HtmlDom } from './html-dom.ts';
import type { Stats } from './html-score.ts';

/** How many posts make a list (two bodies alike may be an article and its sidebar teaser). */
const MIN_POSTS = 3;
/** How far above the best candidate the post's own element may be (a body holds nested tables). */
const MAX_UP = 5;
/** Prose punctuation a post's body holds at least (a teaser line or a caption holds fewer). */
const MIN_PUNCT = 3;

const hasDate = (text: string): boolean => NUMERIC_DATE.test(text) || MONTH_FIRST_DATE.test(text);

/** The elements of the page with the tag and class of `el` that hold prose, outermost only. */
function postsLike(el: Element, all: readonly Element[], stats: Map<Element, Stats>): Element[] {
  const cls = el.attribs.class?.trim();
  const alike = all.filter((e) => e.name === el.name && e.attribs.class?.trim() === cls && (stats.get(e)?.punct ?? 0) >= MIN_PUNCT);
  const set = new Set(alike);
  const inside = (e: Element): boolean => {
    for (let p = e.parent; p && isElement(p); p = p.parent) if (set.has(p)) return true;
    return false;
  };
  return alike.filter((e) => !inside(e));
}

/** Whether a date-stamp stands between every two consecutive posts (text outside the posts). */
function datedBetween(root: Element | HtmlDom, posts: readonly Element[]): boolean {
  const set = new Set<unknown>(posts);
  let seen = 0;
  let gap = '';
  for (const node of descendants(root, (n) => !set.has(n))) {
    if (set.has(node)) {
      if (seen++ > 0 && !hasDate(gap)) return false;
      if (seen === posts.length) return true;
      gap = '';
    } else if (isText(node)) gap += node.data;
  }
  return false;
}

/** The first post when the best candidate is one of a list of dated posts; else null. */
export function firstOfPostList(root: Element | HtmlDom, best: Element, stats: Map<Element, Stats>): Element | null {
  let all: Element[] | null = null;
  let el: Element | null = best;
  for (let up = 0; el && up < MAX_UP; up++, el = el.parent && isElement(el.parent) ? el.parent : null) {
    if (el.name === 'body' || !el.attribs.class?.trim()) continue;
    all ??= elementsBelow(root);
    const posts = postsLike(el, all, stats);
    if (posts.length < MIN_POSTS) continue;
    return datedBetween(root, posts) ? posts[0] : null;
  }
  return null;
}
