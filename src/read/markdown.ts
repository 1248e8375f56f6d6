/** Markdown with YAML front matter, as feed archives (Hexo, Jekyll, Hugo) store reports. */
import { parse as parseYaml } from 'yaml';
import { emptyMeta, type DocumentMeta, type Message } from '../document/index.ts';
import { parseDate } from './dates.ts';
import { FRONT_MATTER } from './sniff.ts';

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

/** Where the body starts (after the closing `---`), 0 without front matter; no YAML is parsed. */
export function frontMatterEnd(text: string): number {
  return FRONT_MATTER.exec(text)?.[0].length ?? 0;
}

/** Splits and reads the front matter; a text without any returns the empty meta and offset 0. */
export function readFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  const meta = emptyMeta();
  if (!match) return { meta, bodyStart: 0, messages: [] };
  const messages: Message[] = [];
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(match[1]);
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
