/**
 * Sentence splitting: a sentence ends at 。！？；… (and their ASCII forms, with any closing quotes or
 * brackets that follow) or at a line break; paragraphs are separated by "\n\n" in the clean text.
 */
import { makeSpan, type Span } from '../document/index.ts';

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', "'", '》', '…']);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u3000' || c === '\r' || c === '\u00a0';

/** Sentence spans over `text`, in order, trimmed of surrounding whitespace, never empty. */
export function findSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && (isSpace(text[s]) || text[s] === '\n')) s++;
    while (e > s && (isSpace(text[e - 1]) || text[e - 1] === '\n')) e--;
    if (e > s) spans.push(makeSpan(text, s, e, 'sentence'));
  };
  const breaks = /[\n。！？；!?;…]/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    const i = m.index;
    const c = text[i];
    if (c === '\n') {
      push(start, i);
      start = i + 1;
    } else if (TERMINATORS.has(c)) {
      let end = i + 1;
      while (end < text.length && CLOSERS.has(text[end])) end++;
      push(start, end);
      start = end;
      breaks.lastIndex = end;
    }
  }
  push(start, text.length);
  return spans;
}

/** Paragraph spans: runs of text between blank lines. */
export function findParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t\u3000]*\n+/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) spans.push(makeSpan(text, start, m.index, 'paragraph'));
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push(makeSpan(text, start, text.length, 'paragraph'));
  return spans;
}
