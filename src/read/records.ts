/**
 * JSON records, as news APIs and crawlers hand them over: a top-level array of records, an object
 * whose one list field holds them (`{news: […]}`, `{videoList: […]}`), a single record object, or
 * JSON Lines. Every record with text is a report, with its title, date, link and site taken from
 * the fields publishers commonly use. Field names are data (the lists below), not code paths.
 */
import { emptyMeta, ReportError, type DocumentMeta } from '../document/index.ts';
import { dateInName, parseDate } from '../document/dates.ts';
import type { FeedItem } from './feed.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Fields in order of preference; the first that holds a non-empty string wins. */
const TITLE_FIELDS = ['title', 'headline', 'video_title', 'name', 'subject'];
const CONTENT_FIELDS = ['content', 'body', 'text', 'article', 'content_html', 'contentHtml', 'html', 'articleBody', 'detail', 'fulltext'];
/** Short stand-ins, used only when a record carries no full content. */
const SUMMARY_FIELDS = ['summary', 'brief', 'snippet', 'description', 'abstract', 'digest', 'excerpt', 'lead'];
/** Publication dates; crawl times (`timestamp`, `scrapedAt`, `crawled_at`) are not among them. */
const DATE_FIELDS = [
  'pub_date',
  'pubDate',
  'publish_time',
  'publishTime',
  'published',
  'published_at',
  'publishedAt',
  'pubtime',
  'pub_time',
  'release_time',
  'releaseDate',
  'date',
  'datePublished',
  'created_at',
  'ctime',
];
const URL_FIELDS = ['url', 'link', 'sourceUrl', 'source_url', 'href', 'share_url', 'video_url'];
const SITE_FIELDS = ['source', 'site', 'siteName', 'site_name', 'media', 'publisher'];
const AUTHOR_FIELDS = ['author', 'byline', 'editor'];
const CATEGORY_FIELDS = ['category', 'categories', 'tags', 'channel', 'column'];
/** Nested objects that hold a record's detail (`video_detail: {content, pubtime}`). */
const DETAIL_FIELDS = ['video_detail', 'detail', 'data', 'article', 'item'];

/** A media tag before a headline: `[视频]`, `【视频】`, `[组图]`. */
const MEDIA_TAG = /^\s*[[【](?:视频|组图|图集|音频|直播|图文|快讯)[\]】]\s*/;

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstString(record: JsonObject, fields: string[]): string | null {
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

function firstDate(record: JsonObject, fields: string[]): string | null {
  for (const field of fields) {
    const value = record[field];
    const date = typeof value === 'string' || typeof value === 'number' ? parseDate(value) : null;
    if (date) return date;
  }
  return null;
}

/** Where a record's fields are: itself first, then its detail objects. */
function layers(record: JsonObject): JsonObject[] {
  const out = [record];
  for (const field of DETAIL_FIELDS) {
    const value = record[field];
    if (isObject(value)) out.push(value);
  }
  return out;
}

const fromLayers = <T>(record: JsonObject, read: (layer: JsonObject) => T | null): T | null => {
  for (const layer of layers(record)) {
    const got = read(layer);
    if (got !== null) return got;
  }
  return null;
};

function categoriesOf(record: JsonObject): string[] {
  for (const field of CATEGORY_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.trim())
      return value
        .split(/[,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && !!v.trim()).map((s) => s.trim());
  }
  return [];
}

/** One record → a report, or null when it carries no text at all. */
export function recordToItem(record: JsonObject): FeedItem | null {
  const content = fromLayers(record, (l) => firstString(l, CONTENT_FIELDS)) ?? fromLayers(record, (l) => firstString(l, SUMMARY_FIELDS));
  const title = fromLayers(record, (l) => firstString(l, TITLE_FIELDS));
  if (!content && !title) return null;
  const meta: DocumentMeta = emptyMeta();
  meta.title = title ? title.replace(MEDIA_TAG, '').trim() || title : null;
  meta.url = fromLayers(record, (l) => firstString(l, URL_FIELDS));
  meta.published = fromLayers(record, (l) => firstDate(l, DATE_FIELDS)) ?? dateInName(meta.url); // a date the link prints (/story20230317-…)
  const site = fromLayers(record, (l) => firstString(l, SITE_FIELDS));
  meta.site = site && site.length <= 40 ? site : null;
  const author = fromLayers(record, (l) => firstString(l, AUTHOR_FIELDS));
  meta.author = author && author.length <= 40 ? author : null;
  meta.categories = categoriesOf(record);
  // A record that is only a headline (a broadcast's full-programme entry) is read as that headline.
  // A record's own bytes, kept for reading it again: the record alone, not the whole file.
  return { meta, content: content ?? meta.title ?? '', own: JSON.stringify(record) };
}

/** The records a parsed JSON value holds: the array itself, or the object's longest list of objects. */
function recordsOf(value: Json): JsonObject[] | null {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return null;
  let best: JsonObject[] | null = null;
  for (const field of Object.keys(value)) {
    const list = value[field];
    if (!Array.isArray(list)) continue;
    const objects = list.filter(isObject);
    if (objects.length && objects.some((o) => recordToItem(o)) && (!best || objects.length > best.length)) best = objects;
  }
  // An object without a list of records is one record itself.
  return best ?? [value];
}

function parseJson(text: string, location: string, line?: number): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const where = line === undefined ? '' : ` on line ${line}`;
    throw new ReportError(location, `not valid JSON${where} (${(error as Error).message})`, 'read:bad-json', { cause: error });
  }
}

/**
 * Parses JSON or JSON Lines into reports. Throws a ReportError naming the file when the text is
 * not JSON, or holds no record with a title or text.
 */
export function parseRecords(text: string, location: string): FeedItem[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  let records: JsonObject[] | null;
  const lines = body.split(/\r?\n/).filter((l) => l.trim());
  const jsonLines = lines.length > 1 && lines.every((l) => /^\s*[{[]/.test(l) && /[}\]]\s*$/.test(l)) && !/^\s*\[/.test(body);
  if (jsonLines) {
    records = lines.flatMap((line, n) => recordsOf(parseJson(line, location, n + 1)) ?? []);
  } else {
    records = recordsOf(parseJson(body, location));
  }
  if (!records) throw new ReportError(location, 'JSON holds no records (a bare string, number or null)', 'read:no-records');
  const items = records.map(recordToItem).filter((item): item is FeedItem => item !== null);
  if (!items.length) {
    throw new ReportError(
      location,
      `JSON holds no record with a title or text (looked for ${[...TITLE_FIELDS, ...CONTENT_FIELDS].join(', ')})`,
      'read:no-records',
    );
  }
  return items;
}
