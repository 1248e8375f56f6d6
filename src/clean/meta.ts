/**
 * Title, publication date, site and author, from what a report says about itself, strongest
 * evidence first: structured metadata (Open Graph, article:*, Dublin Core, JSON-LD, `<time>`),
 * then the byline printed under the headline (`时间: 2025-03-07 来源: …`), then a dated line near the
 * top. Nothing is invented: when the report does not say, the field stays null.
 */
import type { AnyNode, Element } from 'domhandler';
import { isoDate, parseDate, MONTH_FIRST_DATE, NUMERIC_DATE } from '../document/dates.ts';
import { CJK, PROSE_PUNCT, squash, weightedLength } from './chars.ts';
import { childrenOf, elementsBelow, HEADING_TAGS, isElement, walkInOut, type HtmlDom } from './html-dom.ts';

export interface FoundMeta {
  title: string | null;
  published: string | null;
  site: string | null;
  author: string | null;
  url: string | null;
}

const clean = (s: string | undefined | null): string | null => {
  // Markup some CMSs leave inside titles ("标题<div>——副题</div>") is not part of the words.
  const t = s
    ?.replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t ? t : null;
};

/** Byline words: a short line holding one of these and a date is the report's dateline. */
const BYLINE_DATE = new RegExp(
  String.raw`(?:发布时间|发布日期|发表时间|发表日期|更新时间|时间|日期|发布|发表于|Published|Posted|Updated|Date)\s*[:：]?\s*(` +
    NUMERIC_DATE.source +
    '|' +
    MONTH_FIRST_DATE.source +
    ')',
  'i',
);
const TIMED_DATE = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?[T\s]*\d{1,2}[:：]\d{2}/;
/** Dates in a page's own URL (/2005-03-21/, /2005/07/18/, /20050718/). */
const URL_DATE = /\/((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[/_\-.]|\d|$)/;
const SITE_IN_BYLINE = /(?:来源|来自|出处|稿源)\s*[:：]\s*((?:(?!作者|记者|编辑|责编|时间|日期|发布|浏览|点击|阅读|字号)[^\s|丨/【\[（(])+)/;
const AUTHOR_IN_BYLINE = /(?:作者|记者|撰文|文)\s*[:：/]\s*([^\s|丨/（(]{2,20})/;

/** A short line that gives the date (and usually source, author, editor, views): the dateline. */
export function readByline(line: string): { published: string | null; site: string | null; author: string | null; strong: boolean } | null {
  const flat = line.trim();
  if (flat.length > 120) return null;
  const dated = BYLINE_DATE.exec(flat);
  const date = dated ? parseDate(dated[1]) : null;
  const bare = !date && NUMERIC_DATE.test(flat) && flat.replace(NUMERIC_DATE, '').replace(/[\s\d:：\-]/g, '').length <= 12 ? parseDate(flat) : null;
  // A date with a clock time beside it ("2005年03月21日 11:21") is a dateline, whatever else the line holds.
  const timed = TIMED_DATE.exec(flat);
  const published = date ?? bare ?? (timed ? isoDate(+timed[1], +timed[2], +timed[3]) : null);
  const looksLikeByline = published && (dated || /来源|作者|编辑|记者|点击|阅读|浏览/.test(flat) || bare || timed);
  if (!looksLikeByline) return null;
  // Strong: a publishing word says the date is the report's, not any date (建立于 …, a comment's time).
  const strong = !!date;
  return { published, site: clean(SITE_IN_BYLINE.exec(flat)?.[1]), author: clean(AUTHOR_IN_BYLINE.exec(flat)?.[1]), strong };
}

// ---------------------------------------------------------------- HTML

/** Script-like elements whose text is not the page's (a walk below the element asked for does not enter them). */
const SCRIPT_LIKE = new Set(['script', 'style', 'noscript']);

/** The text below a node; a <br>'s children (it has none, unless a flattened page made some) join with a line break. */
function textOfElement(el: AnyNode): string {
  if (el.type === 'text') return (el as unknown as { data: string }).data;
  if (!isElement(el) || SCRIPT_LIKE.has(el.name)) return '';
  let out = '';
  // Pending items: nodes to read, or the line break a <br> puts between two of its children.
  const stack: (AnyNode | string)[] = [el];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') out += item;
    else if (item.type === 'text') out += (item as unknown as { data: string }).data;
    else if (isElement(item) && (item === el || !SCRIPT_LIKE.has(item.name))) {
      for (let i = item.children.length - 1; i >= 0; i--) {
        stack.push(item.children[i]);
        if (i > 0 && item.name === 'br') stack.push('\n');
      }
    }
  }
  return out;
}

/** Elements that end a line of visible text, and those that hold none. */
const LINE_BREAKING = new Set<string>([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'td',
  ...HEADING_TAGS,
  'section',
  'article',
  'header',
  'footer',
  'ul',
  'ol',
  'table',
  'span',
  'dd',
  'dt',
]);
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'head', 'select', 'option', 'template']);

/** Visible text with line breaks at block boundaries, for byline search. */
function pageLines(root: AnyNode | HtmlDom, limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  let size = 0;
  const endLine = () => {
    if (!line.trim()) return;
    lines.push(line.replace(/\s+/g, ' ').trim());
    line = '';
  };
  walkInOut(childrenOf(root), null, (n) => {
    if (size > limit) return null;
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      line += data;
      size += data.length;
      return null;
    }
    if (!isElement(n) || NOT_TEXT.has(n.name)) return null;
    if (!LINE_BREAKING.has(n.name)) return { state: null };
    endLine();
    return { state: null, leave: endLine };
  });
  endLine();
  return lines;
}

interface JsonLdArticle {
  headline?: unknown;
  name?: unknown;
  datePublished?: unknown;
  dateCreated?: unknown;
  author?: unknown;
  publisher?: unknown;
  '@graph'?: unknown;
}

function jsonLd(all: Element[]): JsonLdArticle[] {
  const out: JsonLdArticle[] = [];
  for (const el of all) {
    if (el.name !== 'script' || !/ld\+json/i.test(el.attribs.type ?? '')) continue;
    try {
      const data: unknown = JSON.parse(
        textOfElement({ ...el, name: 'div' } as Element) || el.children.map((c) => (c as { data?: string }).data ?? '').join(''),
      );
      const stack: unknown[] = [data];
      while (stack.length) {
        const item = stack.pop();
        if (Array.isArray(item)) stack.push(...item);
        else if (item && typeof item === 'object') {
          const obj = item as JsonLdArticle;
          if (obj['@graph']) stack.push(obj['@graph']);
          if (obj.headline || obj.datePublished) out.push(obj);
        }
      }
    } catch {
      // Broken JSON-LD is common; the other evidence still counts.
    }
  }
  return out;
}

const nameOf = (v: unknown): string | null =>
  typeof v === 'string' ? clean(v) : Array.isArray(v) ? nameOf(v[0]) : v && typeof v === 'object' ? nameOf((v as { name?: unknown }).name) : null;

/** A site name glued to the end of a title ("…的“洛克菲勒”-搜狐财经", "… 松花江网"). */
const SITE_SUFFIX = /^(.{6,}?)\s*(?:[-－_|｜]\s*|\s+)([\p{L}\p{N}.]{2,12}(?:网|报|新闻|频道|在线|财经|日报|晚报|电视台|政府|\.com|\.cn|\.net))$/u;

/** A title part that names a site, not the report: "重庆市人民政府网", "四川日报数字版", "华龙网". */
const SITE_NAME =
  /^[\p{L}\p{N}.·]{1,14}(?:网|网站|门户网站|日报|晚报|商报|都市报|时报|数字版|电子版|新闻|新闻网|频道|在线|政府|客户端|电视台|\.com|\.cn|\.net)$/u;
/** The same name glued before the headline with a bare separator ("重庆市人民政府网-川渝签署共建协议"). */
const SITE_PREFIX =
  /^([\p{L}\p{N}.·]{1,14}(?:网|网站|门户网站|日报|晚报|数字版|电子版|新闻网|在线|政府|客户端|电视台|\.com|\.cn|\.net))\s*[-－_|｜]\s*(.{6,})$/u;

/**
 * A headline line copied with the site's name glued on by a separator ("标题_重庆市人民政府网",
 * "四川日报数字版 | 标题"): the name goes. A separator alone never splits a headline ("打造增长极| 双城…").
 */
export function stripSiteName(title: string): string {
  const trimmed = title.trim();
  const suffix = /^(.{6,}?)\s*[-－_|｜—]+\s*([\p{L}\p{N}.·]{1,14})$/u.exec(trimmed);
  if (suffix && SITE_NAME.test(suffix[2])) return suffix[1];
  const prefix = /^([\p{L}\p{N}.·]{1,14})\s*[-－_|｜—]+\s*(.{6,})$/u.exec(trimmed);
  if (prefix && SITE_NAME.test(prefix[1])) return prefix[2];
  return title;
}

function stripSiteSuffix(title: string): string {
  const trimmed = title.trim();
  const head = SITE_SUFFIX.exec(trimmed)?.[1];
  if (head) return head.replace(/[\s\-－_|｜—]+$/, '');
  return SITE_PREFIX.exec(trimmed)?.[2] ?? title;
}

/**
 * Splits "Headline - Site" / "标题_栏目_新浪网" and keeps the headline: the first part, as sites put
 * it first, unless another part is more than twice as long ("重庆日报 | 一个长标题"). A part naming the
 * site is never the headline.
 */
export function headlineOfTitleTag(title: string, site: string | null = null): string {
  const siteFlat = site ? squash(site) : null;
  const parts = stripSiteSuffix(title)
    .split(/\s+[|–—\-:·»]\s+|\s*[_|｜]\s*|\s+-\s*|--/)
    .map((p) => p.trim())
    .filter((p) => p && squash(p) !== siteFlat);
  // Parts that name a site go, as long as one part is left.
  const named = parts.filter((p) => !SITE_NAME.test(squash(p)));
  if (named.length && named.length < parts.length) parts.splice(0, parts.length, ...named);
  if (parts.length < 2) return parts[0] ?? title.trim();
  const longest = parts.reduce((a, b) => (squash(b).length > squash(a).length ? b : a));
  return squash(longest).length > 2 * squash(parts[0]).length ? longest : parts[0];
}

/** The page's <meta> tags by lower-cased name (the first of each); `meta(…keys)` the first present. */
function metaTagsOf(all: Element[]): (...keys: string[]) => string | null {
  const metaTags = new Map<string, string>();
  for (const el of all) {
    if (el.name !== 'meta') continue;
    const key = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop ?? el.attribs['http-equiv'] ?? '').toLowerCase();
    const content = clean(el.attribs.content);
    if (key && content && !metaTags.has(key)) metaTags.set(key, content);
  }
  return (...keys: string[]) => keys.map((k) => metaTags.get(k)).find(Boolean) ?? null;
}

type MetaLookup = ReturnType<typeof metaTagsOf>;

const PUBLISHED_META_KEYS = [
  'article:published_time',
  'og:published_time',
  'og:release_date',
  'publishdate',
  'publish_date',
  'pubdate',
  'pubdatetime',
  'publishtime',
  'dc.date.issued',
  'dc.date',
  'date',
  'sailthru.date',
  'parsely-pub-date',
  'datepublished',
  'article.published',
  'weibo: article:create_at',
];

/** Title: the page's h1 when the <title> or og:title confirms it, else og:title, else <title>. */
function findTitle(all: Element[], meta: MetaLookup, ld: JsonLdArticle[], labelled: { title: string | null }, siteName: string | null): string | null {
  const titleTag = clean(textOfElement(all.find((e) => e.name === 'title') ?? ({ type: 'text', data: '' } as unknown as AnyNode)));
  const ogTitle = meta('og:title', 'twitter:title', 'title', 'headline', 'articletitle', 'dc.title');
  const ldTitle = nameOf(ld.find((a) => a.headline)?.headline);
  const h1s = all
    .filter((e) => e.name === 'h1')
    .map((e) => clean(textOfElement(e)))
    .filter((t): t is string => !!t && t.length <= 200);
  // An h1 is the headline when the page's other titles agree: equal to one's headline part, or
  // (when long enough not to be a logo) contained in one.
  const confirmers = [titleTag, ogTitle, ldTitle].filter((t): t is string => !!t);
  const h1 = h1s.find((h) => {
    const flat = squash(h);
    if (siteName && flat === squash(siteName)) return false;
    return confirmers.some((c) => squash(headlineOfTitleTag(c, siteName)) === flat || (flat.length >= 8 && squash(c).includes(flat)));
  });
  return (
    h1 ??
    labelled.title ??
    ldTitle ??
    (ogTitle ? headlineOfTitleTag(ogTitle, siteName) : null) ??
    (titleTag ? headlineOfTitleTag(titleTag, siteName) : null) ??
    h1s.find((h) => weightedLength(h) >= 10) ??
    null
  );
}

/** The structured publication date: labelled fields, meta tags, JSON-LD, <time>, itemprop. */
function structuredPublished(all: Element[], meta: MetaLookup, ld: JsonLdArticle[], labelled: { published: string | null }): string | null {
  return (
    parseDate(labelled.published) ??
    parseDate(meta(...PUBLISHED_META_KEYS)) ??
    parseDate(ld.map((a) => a.datePublished ?? a.dateCreated).find(Boolean)) ??
    parseDate(all.find((e) => e.name === 'time' && (e.attribs.datetime || e.attribs.pubdate !== undefined))?.attribs.datetime) ??
    parseDate(all.find((e) => e.attribs.itemprop === 'datePublished')?.attribs.content ?? null)
  );
}

type Fields = Pick<FoundMeta, 'published' | 'site' | 'author'>;

/** Fills what is still missing from the byline just under the headline, then from the page's own URL. Returns whether a byline was found. */
function fromNearByline(found: Fields, near: string[], url: string | null): boolean {
  let bylineFound = false;
  for (const line of near) {
    const byline = readByline(line);
    if (!byline) continue;
    found.published ??= byline.published;
    found.site ??= byline.site;
    found.author ??= byline.author;
    bylineFound = true;
    break;
  }
  // The source often stands on its own line beside the date ("日期：… | 来源：四川日报").
  if (!found.site) {
    for (const line of near) {
      const source = line.length <= 80 ? SITE_IN_BYLINE.exec(line)?.[1] : undefined;
      if (source && source.length >= 2 && source.length <= 30 && !/^(?:转载|网络|互联网|转载文章|未知)$/.test(source)) {
        found.site = clean(source);
        break;
      }
    }
  }
  const urlDate = url ? URL_DATE.exec(url) : null;
  found.published ??= urlDate ? parseDate(`${urlDate[1]}-${urlDate[2]}-${urlDate[3]}`) : null;
  return bylineFound;
}

/**
 * Anywhere on the page: a line that says it gives the publication (发表于, 发布时间 …) before a
 * date that merely stands on a line (a blog's "建立于: 2004年10月6日" box, a comment's time).
 */
function fromAnyByline(found: Fields, lines: string[]): void {
  const bylines = lines.map(readByline).filter((b) => b !== null);
  const byline = bylines.find((b) => b.strong) ?? bylines[0];
  if (!byline) return;
  found.published ??= byline.published;
  found.site ??= byline.site;
  found.author ??= byline.author;
}

export function findHtmlMeta(dom: HtmlDom): FoundMeta {
  const all = elementsBelow(dom);
  const meta = metaTagsOf(all);
  const ld = jsonLd(all);
  const siteName = meta('og:site_name', 'application-name', 'sitename', 'site_name');
  const labelled = labelledFields(all);
  const title = findTitle(all, meta, ld, labelled, siteName);
  // Date: structured first, then the dateline near the headline.
  const found: Fields = {
    published: structuredPublished(all, meta, ld, labelled),
    site: siteName ?? nameOf(ld.find((a) => a.publisher)?.publisher),
    author: meta('author', 'article:author', 'dc.creator', 'byl', 'parsely-author') ?? nameOf(ld.find((a) => a.author)?.author),
  };
  const body = all.find((e) => e.name === 'body') ?? dom;
  const lines = pageLines(body, 200_000);
  const titleHead = title ? squash(title).slice(0, 20) : null;
  const titleAt = titleHead !== null ? lines.findIndex((l) => squash(l).includes(titleHead)) : -1;
  const url = all.find((e) => e.name === 'link' && /\bcanonical\b/i.test(e.attribs.rel ?? ''))?.attribs.href ?? meta('og:url');
  // The dateline sits just under the headline; then the page's own URL; then any dateline on the page.
  const near = titleAt >= 0 ? lines.slice(titleAt, titleAt + 12) : [];
  if (!fromNearByline(found, near, url)) fromAnyByline(found, lines);
  return { title, ...found, url: clean(url) };
}

/** Labels of a record table (政府信息公开 pages: 标题：… 发布日期：…), label text whitespace removed. */
const TITLE_LABEL = /^(?:标题|题目|文件名称|信息名称)[:：]?$/;
const PUBLISHED_LABEL = /^(?:发布日期|发布时间|公开日期|发文日期|印发日期|成文日期)[:：]?$/;

/**
 * Title and date a page gives as labelled fields: a cell or term holding only the label, the value
 * in the cell or definition after it. The publication date wins over the date a document was signed.
 */
function labelledFields(all: Element[]): { title: string | null; published: string | null } {
  let title: string | null = null;
  const dates = new Map<string, string>();
  for (const el of all) {
    if (el.name !== 'td' && el.name !== 'th' && el.name !== 'dt') continue;
    const label = squash(textOfElement(el)).replace(/\s/g, '');
    if (label.length > 8) continue;
    const isTitle = TITLE_LABEL.test(label);
    const isDate = PUBLISHED_LABEL.test(label);
    if (!isTitle && !isDate) continue;
    const next = el.next && isElement(el.next) ? el.next : el.parent?.children.filter(isElement).find((c, i, cs) => cs[i - 1] === el);
    const value = next ? clean(textOfElement(next)) : null;
    if (!value) continue;
    if (isTitle) title ??= value.length <= 200 ? value : null;
    else if (!dates.has(label.replace(/[:：]$/, ''))) dates.set(label.replace(/[:：]$/, ''), value);
  }
  const published = ['发布日期', '发布时间', '公开日期', '发文日期', '印发日期', '成文日期'].map((k) => dates.get(k)).find(Boolean) ?? null;
  return { title, published };
}

// ---------------------------------------------------------------- text

/** A line that can be a report's headline: short, no sentence punctuation, at least 8 characters. */
export function isTitleLike(line: string): boolean {
  const flat = squash(line);
  const cjk = CJK.test(flat);
  if (flat.length < (cjk ? 8 : 12) || flat.length > (cjk ? 80 : 160)) return false;
  if (/[。！？!?；;]$|[，,、：:\-‐]$/.test(flat)) return false; // a sentence, or a line that runs on
  if (/^[-•●*>#\d]/.test(flat) && !/^\d{4}/.test(flat)) return false;
  // Prose has several commas; a headline has at most one or two.
  return (flat.match(/[，,。]/g)?.length ?? 0) <= 2 && !PROSE_PUNCT.test(flat.slice(-1));
}
