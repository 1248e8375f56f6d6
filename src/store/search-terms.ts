/**
 * Chinese word segmentation for full-text search, with the same library extraction uses
 * (@node-rs/jieba). FTS5's own tokenizers cannot split Chinese into words, so the store indexes
 * space-joined jieba tokens and lets FTS5's unicode61 tokenizer split on the spaces. Beside them it
 * indexes overlapping character pairs, which find a word jieba merged into a longer unknown one.
 */
import { jieba as segmenter } from '../extract/words.ts';

/** A token worth indexing: it has a letter or digit (drops punctuation and spaces). */
const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Index tokens in search mode: long words and the shorter words inside them (中欧班列 → 中欧, 班列,
 * 中欧班列), so a query for a two-character word finds it inside a compound.
 */
export function indexTokens(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((t) => t.trim())
    .filter((t) => WORDLIKE.test(t));
}

/**
 * indexTokens as the index column takes them, space-joined. Not filtered: FTS5's unicode61
 * tokenizer drops the punctuation and spaces itself, and filtering token by token was a third of
 * the cost of segmenting a report.
 */
export function indexTokenText(text: string): string {
  return segmenter().cutForSearch(text, true).join(' ');
}

/** The words of a query as the user separated them (by spaces); each must occur. */
export function queryWords(query: string): string[] {
  return query.split(/\s+/u).filter((w) => WORDLIKE.test(w));
}

/** A query word's jieba words (the precise cut), as the token column holds them. */
export function queryTokens(word: string): string[] {
  return segmenter()
    .cut(word, true)
    .map((t) => t.trim())
    .filter((t) => WORDLIKE.test(t));
}

/** Overlapping pairs of Han characters (a lone character stands alone); other text as it is. */
export function hanBigrams(text: string): string {
  return text.replace(HAN_RUN, (run) => {
    const chars = [...run];
    if (chars.length === 1) return ` ${run} `;
    const pairs: string[] = [];
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    return ` ${pairs.join(' ')} `;
  });
}

/**
 * What each query word must match: all its jieba words, or its run of character pairs as a phrase
 * (adjacent: 川渝 finds 川渝通办 even where jieba cut it 川渝通|办, and where it cut the query
 * itself 川|渝). A lone Han character has no pair: its jieba word alone. Each store's index
 * writes this in its own query syntax.
 */
export function queryTerms(words: readonly string[]): { tokens: string[]; grams: string[] }[] {
  return words.map((word) => {
    const lone = [...word].length === 1 && /\p{Script=Han}/u.test(word);
    return { tokens: queryTokens(word), grams: lone ? [] : hanBigrams(word).trim().split(/\s+/u).filter(Boolean) };
  });
}

/** What the search index stores for one text: its jieba tokens and its Han bigrams. */
export interface SearchTerms {
  tokens: string;
  grams: string;
}

export function searchTermsOf(text: string): SearchTerms {
  return { tokens: indexTokenText(text), grams: hanBigrams(text) };
}

/** What a report is searched by: its title and text. */
export const reportSearchText = (title: string | null, text: string): string => `${title ?? ''}\n${text}`;

/**
 * The search terms of every text the store indexes for a report (its title + text, and each
 * fact's sentence), keyed by that text. Segmenting is most of a report's write cost, so the
 * extraction workers compute this and the single writer only looks the terms up.
 */
export function reportSearchTerms(doc: {
  text: string;
  meta: { title: string | null };
  quantities: readonly { sentence: readonly [number, number] }[];
  events: readonly { sentence: readonly [number, number] }[];
  items: readonly { sentence: readonly [number, number] }[];
}): Record<string, SearchTerms> {
  const out: Record<string, SearchTerms> = {};
  const add = (text: string) => {
    if (!Object.hasOwn(out, text)) out[text] = searchTermsOf(text);
  };
  add(reportSearchText(doc.meta.title, doc.text));
  for (const fact of [...doc.quantities, ...doc.events, ...doc.items]) add(doc.text.slice(fact.sentence[0], fact.sentence[1]));
  return out;
}
