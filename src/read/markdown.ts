/** Markdown with YAML front matter, as feed archives (Hexo, Jekyll, Hugo) store reports. */
import { parseDocument } from 'yaml';
import { emptyMeta, type DocumentMeta, type Message } from '../document/index.ts';
import { parseDate } from '../document/dates.ts';
import { FRONT_MATTER, frontMatterEnd } from '../document/front-matter.ts';

export interface FrontMatter {
  meta: DocumentMeta;
  /** Offset in the decoded text where the body starts (after the closing `---`). */
  bodyStart: number;
  messages: Message[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(list);
  const s = str(v);
  return s ? s.split(/\s*,\s*/).filter(Boolean) : [];
}

/** Plain scalars the YAML core schema reads as something other than a string (left to the library). */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const KEY_LINE = /^([A-Za-z_][\w-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;

/**
 * One scalar of the simple subset, as the YAML core schema reads it, or undefined when it is
 * outside the subset (numbers, escapes, flow collections, anchors, tags, comments, block scalars…).
 */
function simpleScalar(raw: string): unknown {
  const text = raw.replace(/^ +| +$/g, ''); // YAML trims spaces only, not other white space
  if (/^\s|\s$/.test(text)) return undefined;
  if (!text || NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text[0] === 't' || text[0] === 'T';
  if (text[0] === "'") {
    const body = text.slice(1, -1);
    return text.length >= 2 && text.endsWith("'") && !body.replace(/''/g, '').includes("'") ? body.replace(/''/g, "'") : undefined;
  }
  if (text[0] === '"') {
    const body = text.slice(1, -1);
    return text.length >= 2 && text.endsWith('"') && !/["\\]/.test(body) ? body : undefined;
  }
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(text) || /: | #|:$/.test(text) || NUMBER_LIKE.test(text)) return undefined;
  return text;
}

/**
 * Front matter of the shape feed archives write (`key: value` lines, block lists of scalars) read
 * without the YAML library, which costs more than the rest of reading such a report; null for
 * anything else, which the library then reads. For what it accepts, the result is the library's
 * (checked against it in read.test.ts).
 */
export function readSimpleYaml(source: string): Record<string, unknown> | null {
  if (/[\t\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(source.replace(/\r\n/g, '\n'))) return null;
  const data: Record<string, unknown> = {};
  let list: unknown[] | null = null;
  let listIndent = -1;
  for (const line of source.split(/\r?\n/)) {
    if (!/[^ ]/.test(line)) continue;
    const item = ITEM_LINE.exec(line);
    if (item && list) {
      if (listIndent >= 0 && item[1].length !== listIndent) return null;
      listIndent = item[1].length;
      const value = simpleScalar(item[2]);
      if (value === undefined || value === null) return null;
      list.push(value);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry || entry[1] === '__proto__' || Object.hasOwn(data, entry[1]) || simpleScalar(entry[1]) !== entry[1]) return null;
    const value = simpleScalar(entry[2] ?? '');
    if (value === undefined) return null;
    list = null;
    if (!(entry[2] ?? '').trim()) {
      // An empty value may open a block list on the lines below; without one it stays null.
      list = [];
      listIndent = -1;
    }
    data[entry[1]] = list ?? value;
  }
  // A key whose list never got an item is null, as in YAML.
  for (const [key, value] of Object.entries(data)) if (Array.isArray(value) && !value.length) data[key] = null;
  return data;
}

export { frontMatterEnd };

/**
 * The library's reading of front matter, its warnings (an unknown tag) kept as one Message on the
 * report instead of printed, unnamed, by the library; its first error thrown as `parse` would.
 */
function parseYaml(text: string, messages: Message[]): unknown {
  const doc = parseDocument(text, { logLevel: 'silent' });
  if (doc.errors.length) throw doc.errors[0];
  if (doc.warnings.length) {
    messages.push({
      reason: `front matter: ${doc.warnings.map((w) => w.message.split('\n')[0].replace(/:$/, '')).join('; ')}`,
      ruleId: 'markdown:front-matter-warning',
      source: 'read.markdown',
      severity: 'warning',
    });
  }
  return doc.toJS();
}

/** Splits and reads the front matter; a text without any returns the empty meta and offset 0. */
export function readFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  const meta = emptyMeta();
  if (!match) return { meta, bodyStart: 0, messages: [] };
  const messages: Message[] = [];
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = readSimpleYaml(match[1]) ?? parseYaml(match[1], messages);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch (error) {
    messages.push({
      reason: `front matter is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : error}); body read without it`,
      ruleId: 'markdown:front-matter-invalid',
      source: 'read.markdown',
      severity: 'warning',
    });
  }
  const pick = (...keys: string[]): unknown => keys.map((k) => data[k]).find((v) => v !== undefined && v !== null && v !== '');
  meta.title = str(pick('title', 'headline'));
  meta.published = parseDate(pick('date', 'published', 'pubDate', 'publishDate', 'created'));
  const author = pick('author', 'authors');
  meta.author = Array.isArray(author) ? list(author).join(', ') || null : str(author);
  meta.site = str(pick('source', 'site', 'publisher'));
  meta.url = str(pick('url', 'link', 'permalink', 'canonical'));
  meta.categories = [...new Set([...list(data.categories), ...list(data.category), ...list(data.tags)])];
  return { meta, bodyStart: match[0].length, messages };
}
