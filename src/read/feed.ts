/** RSS 2.0 / RSS 1.0 (RDF) / Atom feeds: every item is a report with its link, date and content. */
import type { Element } from 'domhandler';
import { getElementsByTagName, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { emptyMeta, type DocumentMeta } from '../document/index.ts';
import { parseDate } from '../document/dates.ts';

export interface FeedItem {
  meta: DocumentMeta;
  /** The item's content: HTML or text, entities already decoded. */
  content: string;
  /**
   * The item on its own, as text that reads back as this one item (a one-item feed, a record's JSON):
   * what the store keeps to read it again, instead of the whole container's bytes for every item.
   */
  own?: string;
}

/** The item's XML inside an empty copy of its feed's root (and channel), so that it reads back alone. */
function ownFeed(xml: string, root: Element, item: Element): string {
  const attrs = Object.entries(root.attribs)
    .map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  const body = xml.slice(item.startIndex ?? 0, (item.endIndex ?? xml.length - 1) + 1);
  const inner = root.name.toLowerCase() === 'rss' ? `<channel>${body}</channel>` : body;
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root.name}${attrs}>${inner}</${root.name}>\n`;
}

const childrenNamed = (el: Element, ...names: string[]): Element[] =>
  el.children.filter((c): c is Element => c.type === 'tag' && names.includes((c as Element).name.toLowerCase()));

function firstText(el: Element, ...names: string[]): string | null {
  for (const name of names) {
    const [child] = childrenNamed(el, name);
    const text = child ? textContent(child).trim() : '';
    if (text) return text;
  }
  return null;
}

function itemLink(item: Element): string | null {
  const links = childrenNamed(item, 'link');
  for (const link of links) {
    const href = link.attribs.href;
    if (href && (!link.attribs.rel || link.attribs.rel === 'alternate')) return href.trim();
  }
  const text = links.map((l) => textContent(l).trim()).find(Boolean);
  if (text) return text;
  const [guid] = childrenNamed(item, 'guid');
  return guid && guid.attribs.ispermalink !== 'false' && /^https?:/.test(textContent(guid).trim()) ? textContent(guid).trim() : null;
}

function itemAuthor(item: Element): string | null {
  const [author] = childrenNamed(item, 'author', 'dc:creator');
  if (!author) return null;
  return firstText(author, 'name') ?? (textContent(author).trim() || null);
}

/** Parses a feed; returns null when the XML has no feed root (the caller then reads it as a page). */
export function parseFeed(xml: string): FeedItem[] | null {
  const dom = parseDocument(xml, { xmlMode: true, decodeEntities: true, withStartIndices: true, withEndIndices: true });
  const roots = getElementsByTagName((n) => ['rss', 'feed', 'rdf:rdf'].includes(n.toLowerCase()), dom.children, false, 1);
  if (!roots.length) return null;
  const items = getElementsByTagName((n) => n === 'item' || n === 'entry', roots[0].children, true);
  return items.map((item) => {
    const meta = emptyMeta();
    meta.title = firstText(item, 'title');
    meta.url = itemLink(item);
    meta.published = parseDate(firstText(item, 'pubdate', 'pubDate', 'dc:date', 'published', 'issued', 'updated'));
    meta.author = itemAuthor(item);
    meta.categories = childrenNamed(item, 'category', 'dc:subject')
      .map((c) => (c.attribs.term ?? textContent(c)).trim())
      .filter(Boolean);
    const content = firstText(item, 'content:encoded', 'content', 'description', 'summary') ?? '';
    return { meta, content, own: ownFeed(xml, roots[0], item) };
  });
}
