/**
 * Milestones dated by the event before them (GUIDE.md §3): a sentence that opens on the occasion of
 * a dated event — 会上，四川电信发布《行动计划》; 同时，…五周年庆典在此举办 — names a milestone of the
 * same date, though it writes no date of its own.
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { startsWithin } from './sorted.ts';
import { predicateAt } from './events-filters.ts';
import { eventWords } from './events-words.ts';
import type { TimeExpression } from './time.ts';

export interface OccasionInput {
  text: string;
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  times: readonly TimeExpression[];
}

export interface OccasionEvent {
  span: Span;
  date: string;
  sentence: Span;
  /** The summary's text: the sentence. */
  text: string;
}

/** How many sentences after a dated event may still be on its occasion. */
const OCCASION_REACH = 3;

/**
 * For each dated event (its date and its sentence), the sentences after it, in the same paragraph or
 * the next, that open on its occasion and name a milestone; the walk stops at the next dated sentence.
 */
export function occasionEvents(input: OccasionInput, events: readonly { date: string; sentence: Span }[]): OccasionEvent[] {
  const { text, sentences, paragraphs, times } = input;
  const { sameOccasion, modal } = eventWords();
  const out: OccasionEvent[] = [];
  const taken = new Set<number>();
  for (const e of events) {
    const from = findSpanAt(sentences, Math.max(e.sentence[0], e.sentence[1] - 1));
    if (from < 0) continue;
    const paragraph = findSpanAt(paragraphs, e.sentence[0]);
    for (let k = from + 1; k < sentences.length && k <= from + OCCASION_REACH; k++) {
      const [ss, se] = sentences[k];
      if (startsWithin(times, ss, se)) break;
      if (paragraph >= 0 && findSpanAt(paragraphs, ss) > paragraph + 1) break;
      let at = ss;
      while (at < se && /[\s●•·]/u.test(text[at])) at++;
      const opening = sameOccasion.exec(text.slice(at, se));
      if (!opening || taken.has(k)) continue;
      // 同时，各地要加强组织实施: a task, not a milestone.
      const predicate = predicateAt(text, at + opening[0].length, se);
      if (predicate < 0 || modal.test(text.slice(at, predicate))) continue;
      taken.add(k);
      out.push({ span: [at, se], date: e.date, sentence: [ss, se], text: text.slice(at, se) });
    }
  }
  return out;
}
