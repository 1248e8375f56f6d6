/**
 * What a fetched source points at: a feed's item links, or a list page's article links (same site
 * only). Each item is an article URL, which is what the source remembers as seen — a URL is a
 * stable identity where a feed item's position (`feed.xml#3`) is not.
 */
import { getElementsByTagName } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { decodeBytes } from '../read/index.ts';
import { parseFeed } from '../read/feed.ts';
import type { SourceKind } from '../store/index.ts';

export interface SourceItems {
  /** What the body turned out to be (a source added as a page may answer with a feed). */
  kind: 'feed' | 'page';
  /** Absolute article URLs, in the source's order, without repeats. */
  urls: string[];
}

/** A page's own links that lead to articles rather than to sections: a path with a run of digits (a date or an id). */
const ARTICLE_PATH = /\d{4,}/;
/** Links to things that are not reports. */
const NOT_A_REPORT = /\.(?:css|js|json|png|jpe?g|gif|svg|webp|ico|mp4|mp3|zip|rar|docx?|xlsx?)$/i;

const siteOf = (host: string): string => host.toLowerCase().replace(/^www\./, '');

function absolute(href: string, base: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

/**
 * The articles a source's body points at. A feed (kind `feed`, or any body with a feed root) gives
 * its items' links, wherever they lead; a page gives its links to articles on its own site. Throws
 * naming the source when a feed is malformed (no feed root, an item without a link) or a page has
 * no article links at all.
 */
export function sourceItems(bytes: Uint8Array, url: string, declared: Exclude<SourceKind, 'folder'>, transport: { charset?: string } = {}): SourceItems {
  const { text } = decodeBytes(bytes, { transportCharset: transport.charset });
  const items = /<(?:rss|feed|rdf:RDF)\b/i.test(text.slice(0, 4096)) ? parseFeed(text) : null;
  if (items) {
    const urls: string[] = [];
    for (const [n, item] of items.entries()) {
      const link = item.meta.url ? absolute(item.meta.url, url) : null;
      if (!link) throw new Error(`malformed feed: item ${n + 1}${item.meta.title ? ` (${item.meta.title})` : ''} has no http(s) link`);
      urls.push(link.href);
    }
    return { kind: 'feed', urls: [...new Set(urls)] };
  }
  if (declared === 'feed') throw new Error('malformed feed: no <rss>, <feed> or <rdf:RDF> root in the answer');
  const urls = pageArticleLinks(text, url);
  if (!urls.length) throw new Error('the page has no links to articles on its own site');
  return { kind: 'page', urls };
}

/** Links of a list page to articles on its own site (the page itself and its sections left out). */
export function pageArticleLinks(html: string, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dom = parseDocument(html, { decodeEntities: true });
  const urls = new Set<string>();
  for (const a of getElementsByTagName('a', dom.children, true)) {
    const link = a.attribs.href ? absolute(a.attribs.href, pageUrl) : null;
    if (!link || siteOf(link.host) !== siteOf(page.host)) continue;
    if (link.pathname === page.pathname && link.search === page.search) continue;
    if (NOT_A_REPORT.test(link.pathname) || !ARTICLE_PATH.test(link.pathname + link.search)) continue;
    urls.add(link.href);
  }
  return [...urls];
}
