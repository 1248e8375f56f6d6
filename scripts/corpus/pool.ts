/**
 * The material the generator recombines: the paragraphs of the bundled corpus (data/corpus), read
 * and cleaned by the project's own reader and cleaner, so a generated report's body is made of
 * sentences real reports print — with their figures, dates and places — and none of their chrome.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../src/document/index.ts';
import { cleanStages } from '../../src/clean/index.ts';
import { readInputs } from '../../src/read/index.ts';
import { hashString } from './random.ts';

export const bundledCorpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'corpus');

export interface SourceParagraph {
  /** Stable across runs: the index in the pool, which is built in file order. */
  id: number;
  /** A hash of the text: keys the paragraph's figures, so they do not depend on pool order. */
  key: number;
  text: string;
  /** The year the source report was published: figures and recent years are moved relative to it. */
  sourceYear: number;
}

export interface SourceTitle {
  text: string;
  sourceYear: number;
}

export interface ParagraphPool {
  paragraphs: SourceParagraph[];
  titles: SourceTitle[];
  /** sha1 of the paragraphs and titles: a corpus made from another pool (a changed cleaner) is another corpus. */
  digest: string;
}

const CJK = /[\u4e00-\u9fff]/g;
/** Chrome or markup that a clean paragraph never holds (a cleaner's leftover must not be multiplied). */
const NOT_BODY = /[<>{}]|https?:|www\.|\d{3,4}-\d{4}|版权所有|责任编辑|扫一扫|点击数|阅读量/;
/** A body paragraph ends a sentence; headings, captions and bylines do not. */
const ENDS_SENTENCE = /[。！？；…”）)]$/;

/** Splits clean text into the paragraphs worth recombining. */
export function selectParagraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s*\n\s*/g, '').trim())
    .filter((p) => (p.match(CJK)?.length ?? 0) >= 16 && p.length <= 900 && !NOT_BODY.test(p) && ENDS_SENTENCE.test(p));
}

/** The year a report speaks from: its publication date, else the latest year it names. */
export function sourceYearOf(published: string | null, text: string): number {
  if (published && /^\d{4}/.test(published)) return Number(published.slice(0, 4));
  const years = [...text.matchAll(/(20[12]\d)年/g)].map((m) => Number(m[1])).filter((y) => y <= 2026);
  return years.length ? Math.max(...years) : 2022;
}

export async function loadPool(dir: string = bundledCorpusDir): Promise<ParagraphPool> {
  const files = readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
  const clean = createPipeline(cleanStages);
  const paragraphs: SourceParagraph[] = [];
  const titles: SourceTitle[] = [];
  const seen = new Set<string>();
  for await (const result of readInputs(files)) {
    if (!result.ok) throw new Error(`corpus pool: cannot read ${result.error.message}`);
    let doc;
    try {
      doc = clean.run(result.doc);
    } catch (error) {
      // one source the cleaner cannot take leaves the others usable; say which
      process.emitWarning(`corpus pool: skipped ${result.doc.source}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const sourceYear = sourceYearOf(doc.meta.published, doc.text);
    if (doc.meta.title) titles.push({ text: doc.meta.title, sourceYear });
    for (const text of selectParagraphs(doc.text)) {
      if (seen.has(text)) continue; // a page printing its article twice gives its paragraphs once
      seen.add(text);
      paragraphs.push({ id: paragraphs.length, key: hashString(text), text, sourceYear });
    }
  }
  if (paragraphs.length < 20) {
    throw new Error(`corpus pool: only ${paragraphs.length} body paragraphs in ${dir}; the generator needs at least 20`);
  }
  const digest = createHash('sha1')
    .update(JSON.stringify([paragraphs.map((p) => [p.text, p.sourceYear]), titles]))
    .digest('hex');
  return { paragraphs, titles, digest };
}
