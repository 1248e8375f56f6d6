/**
 * Pruning a page before scoring: what is never text (scripts, styles, form widgets, hidden elements,
 * record tables, image captions), then what is named as chrome (header, sidebar, share, related …).
 */
import type { ChildNode, Element } from 'domhandler';
import { DROP_TAGS, filterTree, isElement, type HtmlDom } from './html-dom.ts';
import type { Stats } from './html-score.ts';
import { isRecordTable } from './html-tables.ts';

/** Dropped unless they hold most of the page (some CMSs put the article in an <aside> or <header>). */
const CHROME_TAGS = new Set(['header', 'footer', 'aside']);

const UNLIKELY =
  /(?:^|[-_\s])(?:ad|ads|advert\w*|banner|breadcrumbs?|combx|comments?|community|cover-wrap|disqus|extra|foot|footer|gdpr|header|legends?|menu|nav|navbar|related|remark|replies|rss|shoutbox|sidebar|side|skyscraper|social|sponsor\w*|supplemental|pagination|pager|popup|share|sharing|bdshare|jiathis|qr|qrcode|ewm|erweima|copyright|copy|crumbs?|location|position|weizhi|xgwz|xgxw|tuijian|recommend\w*|hot|rank|toolbar|tools|subscribe|newsletter|promo|login|signup|modal|cookie|print|editor|keywords?|tags?|author-info|byline|meta)(?:$|[-_\s\d])/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow|text|detail|zhengwen|news_txt|TRS_Editor|story|entry|post/i;

const classAndId = (el: Element): string => `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;

function isHidden(el: Element): boolean {
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return 'hidden' in el.attribs || el.attribs['aria-hidden'] === 'true';
}

/** Removes what is never text: scripts, styles, forms' widgets, hidden elements, comments, record tables. */
export function pruneTags(root: Element | HtmlDom, fragment = false): void {
  filterTree(root, (child: ChildNode) => {
    if (child.type === 'comment' || child.type === 'directive') return false;
    if (!isElement(child)) return true;
    if (DROP_TAGS.has(child.name) || isHidden(child)) return false;
    if (child.name === 'table' && isRecordTable(child)) return false;
    // An image's caption describes the picture, not the story (the benchmarks' notion too).
    return !(child.name === 'figcaption' && !fragment);
  });
}

/**
 * Removes elements whose tag or class/id says chrome (header, sidebar, share, related …) — unless
 * one holds a large share of the page's text: a wrapper named "header-style-2" around everything is
 * a theme's quirk, not a header. Returns how many it removed.
 */
export function pruneChrome(root: Element | HtmlDom, stats: Map<Element, Stats>, pageChars: number): number {
  let removed = 0;
  filterTree(root, (child: ChildNode) => {
    if (!isElement(child) || child.name === 'body' || child.name === 'html' || child.name === 'a') return true;
    const names = classAndId(child);
    const chrome = (CHROME_TAGS.has(child.name) || (names.trim() && UNLIKELY.test(names))) && !MAYBE_CANDIDATE.test(names);
    if (chrome && (stats.get(child)?.chars ?? 0) < pageChars * 0.4) {
      removed++;
      return false;
    }
    return true;
  });
  return removed;
}
