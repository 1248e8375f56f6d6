/**
 * Chinese words through @node-rs/jieba (a maintained Rust port of jieba). The instance
 * loads its dictionary once, lazily, on first use: it costs a few hundred milliseconds.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface TaggedWord {
  word: string;
  tag: string;
}

let instance: Jieba | null = null;

/** The one jieba instance of a process (a worker): extraction's tagging and the store's search terms share it. */
export function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/** Short phrases tagged before (the same head phrases recur across a report's figures). */
const tagged = new Map<string, TaggedWord[]>();
const MAX_TAGGED = 20_000;

/** Words with their part-of-speech tags (jieba's tag set: n noun, v verb, p preposition, uj 的…). */
export function tagWords(text: string): TaggedWord[] {
  if (!text) return [];
  if (text.length > 32) return jieba().tag(text, true);
  let words = tagged.get(text);
  if (!words) {
    if (tagged.size >= MAX_TAGGED) tagged.clear();
    tagged.set(text, (words = jieba().tag(text, true)));
  }
  return words;
}

export function cutWords(text: string): string[] {
  return text ? jieba().cut(text, true) : [];
}
