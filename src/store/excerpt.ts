/**
 * The sentence a fact is shown in, bounded. A fact keeps its sentence as offsets into the report's
 * text; the copy stored beside it (for lists, exports and search hits that do not load the whole
 * report) is cut to a bound at clause punctuation around the fact. Without the bound a text with no
 * sentence breaks made every fact carry the whole text: a 104 KB upload became a 1.8 GB store.
 */
import type { Span } from '../document/index.ts';

/** Longest excerpt kept, in UTF-16 units (about four lines of Chinese). */
export const MAX_EXCERPT = 240;
const CLAUSE_END = /[，,；;：:、。！？!?\n]/u;

/** The sentence's text when short enough, else the clauses around `focus` that fit, marked with … where cut. */
export function sentenceExcerpt(text: string, sentence: Span, focus: Span, max = MAX_EXCERPT): string {
  const [start, end] = sentence;
  if (end - start <= max) return text.slice(start, end);
  const from = Math.max(start, Math.min(focus[0], end));
  const to = Math.min(end, Math.max(focus[1], from));
  if (to - from >= max) return `${text.slice(from, from + max)}…`;
  // Grow clause by clause on both sides while the excerpt fits.
  let left = clauseStartBefore(text, from, start);
  let right = clauseEndAfter(text, to, end);
  // The fact's own clauses are too long already: a window centred on the fact instead.
  if (right - left > max) {
    left = Math.max(start, from - Math.floor((max - (to - from)) / 2));
    right = Math.min(end, left + max);
  }
  for (;;) {
    const widerLeft = left > start ? clauseStartBefore(text, left - 1, start) : left;
    const widerRight = right < end ? clauseEndAfter(text, right + 1, end) : right;
    if (widerLeft < left && widerRight - widerLeft <= max && right - widerLeft <= max) left = widerLeft;
    else if (widerRight > right && widerRight - left <= max) right = widerRight;
    else break;
  }
  return `${left > start ? '…' : ''}${text.slice(left, right)}${right < end ? '…' : ''}`;
}

/** Index just after the clause punctuation before `at` (bounded by `floor`), scanning at most MAX_EXCERPT back. */
function clauseStartBefore(text: string, at: number, floor: number): number {
  const limit = Math.max(floor, at - MAX_EXCERPT);
  for (let i = at - 1; i >= limit; i--) if (CLAUSE_END.test(text[i])) return i + 1;
  return limit;
}

/** Index just after the clause punctuation at or after `at` (bounded by `ceiling`), scanning at most MAX_EXCERPT on. */
function clauseEndAfter(text: string, at: number, ceiling: number): number {
  const limit = Math.min(ceiling, at + MAX_EXCERPT);
  for (let i = at; i < limit; i++) if (CLAUSE_END.test(text[i])) return i + 1;
  return limit;
}

/**
 * What a fact stores of its sentence: the sentence when it is short (lists and exports then read
 * it without the report), nothing when it is longer than the bound — it is cut from the report's
 * text when read (sentence-text.ts), so a text without sentence breaks is stored once, not once per fact.
 */
export function storedSentence(text: string, sentence: Span, max = MAX_EXCERPT): string {
  return sentence[1] - sentence[0] <= max ? text.slice(sentence[0], sentence[1]) : '';
}
