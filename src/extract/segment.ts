/**
 * Chinese word segmentation through @node-rs/jieba (a maintained Rust port of jieba). The instance
 * loads its dictionary once, lazily, on first use: it costs a few hundred milliseconds.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface TaggedWord {
  word: string;
  tag: string;
}

let instance: Jieba | null = null;

function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/** Words with their part-of-speech tags (jieba's tag set: n noun, v verb, p preposition, uj 的…). */
export function tagWords(text: string): TaggedWord[] {
  return text ? jieba().tag(text, true) : [];
}

export function cutWords(text: string): string[] {
  return text ? jieba().cut(text, true) : [];
}
