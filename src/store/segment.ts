/**
 * Chinese word segmentation for full-text search, with the same library extraction uses
 * (@node-rs/jieba). FTS5's own tokenizers cannot split Chinese into words, so the store indexes
 * space-joined jieba tokens and lets FTS5's unicode61 tokenizer split on the spaces.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

/** A token worth indexing: it has a letter or digit (drops punctuation and spaces). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Index tokens in search mode: long words and the shorter words inside them (中欧班列 → 中欧, 班列,
 * 中欧班列), so a query for a two-character word finds it inside a compound.
 */
export function indexTokens(text: string): string[] {
  return segmenter().cutForSearch(text, true).map((t) => t.trim()).filter((t) => WORDLIKE.test(t));
}

/** Query tokens: the precise cut, so 高铁建设 looks for 高铁 and 建设. */
export function queryTokens(query: string): string[] {
  return segmenter().cut(query, true).map((t) => t.trim()).filter((t) => WORDLIKE.test(t));
}

/** An FTS5 MATCH expression: every token, each quoted so FTS5 operators in user input are inert. */
export function toMatchExpression(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}
