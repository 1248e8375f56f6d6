/**
 * The event finder (GUIDE.md §3): dated milestones — a meeting held, a document issued, a plan
 * approved, a line opened — whose date is given to the day or the month, in running text and in
 * timelines. In a timeline (paragraphs led by a bare date, as in "1月6日 重庆市委常委会召开…") a
 * date without a year takes the timeline's year, and a month that goes back starts the next year.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import type { TimeContext, TimeExpression } from './time.ts';

export interface EventFinding {
  span: Span;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  date: string;
  summary: string;
  sentence: Span;
}

export interface EventInput {
  text: string;
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  time: TimeContext;
  times: readonly TimeExpression[];
}

let verbPattern: RegExp | null = null;
function eventVerbs(): RegExp {
  if (verbPattern) return verbPattern;
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicon', 'events.json');
  const { verbs } = JSON.parse(readFileSync(file, 'utf8')) as { verbs: string[] };
  verbPattern = new RegExp(verbs.sort((a, b) => b.length - a.length).join('|'));
  return verbPattern;
}

/** A summary longer than this is cut at its first sentence break: a summary is one line. */
const MAX_SUMMARY = 120;

export function findEvents(input: EventInput): EventFinding[] {
  const { text, sentences, paragraphs, times } = input;
  const verbs = eventVerbs();
  const dated = times.filter((t) => t.open === null && (t.precision === 'day' || t.precision === 'month'));
  const events: EventFinding[] = [];
  const usedInTimeline = new Set<TimeExpression>();

  // Timelines: paragraphs that open with a date and no comma after it.
  let timelineYear: number | null = null;
  let lastMonth = 0;
  let current: { date: TimeExpression; year: number } | null = null;
  for (const [ps, pe] of paragraphs) {
    const lead = dated.find((t) => t.start === ps || (t.start > ps && t.start <= ps + 1));
    const isEntry = lead && !/^[，,、]/.test(text.slice(lead.end, lead.end + 1)) && lead.precision === 'day';
    if (isEntry && lead) {
      if (lead.explicitYear) timelineYear = Number(lead.date!.slice(0, 4));
      else {
        if (timelineYear === null) timelineYear = firstYearAhead(text, times, lead.end) ?? yearOf(lead);
        else if (lead.month !== null && lead.month < lastMonth) timelineYear++;
      }
      lastMonth = lead.month ?? lastMonth;
      current = { date: lead, year: timelineYear };
      usedInTimeline.add(lead);
      const body = text.slice(lead.end, pe).trim() ? [lead.end, pe] as Span : null;
      if (body) pushEntry(events, text, sentences, current, body, verbs);
      continue;
    }
    if (current && !lead && startsNewSentence(text, ps)) {
      if (pushEntry(events, text, sentences, current, [ps, pe], verbs)) continue;
    }
    if (lead || !current || !startsNewSentence(text, ps)) {
      // A paragraph of running text ends the timeline.
      if (!lead) current = null;
    }
    if (!lead) {
      current = current && verbs.test(text.slice(ps, pe)) ? current : null;
    }
  }

  // Running text: a sentence with a dated expression and an event predicate.
  for (const t of dated) {
    if (usedInTimeline.has(t) || !t.date) continue;
    const si = findSpanAt(sentences, t.start);
    if (si < 0) continue;
    const [ss, se] = sentences[si];
    const rest = text.slice(t.end, se);
    if (!verbs.test(rest) && !verbs.test(text.slice(ss, t.start))) continue;
    const summary = summarize(text.slice(ss, se));
    if (!summary) continue;
    events.push({ span: [t.start, se], date: t.date, summary, sentence: [ss, se] });
  }
  events.sort((a, b) => a.span[0] - b.span[0]);
  return events;
}

function yearOf(t: TimeExpression): number | null {
  const y = Number((t.date ?? t.period.start ?? '').slice(0, 4));
  return Number.isFinite(y) && y > 0 ? y : null;
}

/** The first year written after `from` (a timeline entry that says 2020年第一次调度会). */
function firstYearAhead(text: string, times: readonly TimeExpression[], from: number): number | null {
  const t = times.find((x) => x.start >= from && x.explicitYear && x.start < from + 2000);
  return t ? yearOf(t) : null;
}

const startsNewSentence = (text: string, at: number): boolean => {
  const before = text.slice(Math.max(0, at - 4), at).replace(/\s+$/, '');
  return before === '' || /[。！？；”」）)]$/.test(before);
};

/** One timeline entry: the first sentence of `body` that names an event, dated by the heading. */
function pushEntry(events: EventFinding[], text: string, sentences: readonly Span[], entry: { date: TimeExpression; year: number | null }, body: Span, verbs: RegExp): boolean {
  const si = findSpanAt(sentences, body[0]);
  const sentence: Span = si >= 0 ? [Math.max(sentences[si][0], body[0]), sentences[si][1]] : body;
  // A heading date alone in its paragraph: the entry is the next sentence.
  let [ss, se] = sentence;
  if (!text.slice(ss, se).trim()) {
    const next = sentences[si + 1];
    if (!next) return false;
    [ss, se] = next;
  }
  const summary = summarize(text.slice(ss, se));
  if (!summary || !verbs.test(summary) || entry.year === null) return false;
  const { month, day } = entry.date;
  if (month === null) return false;
  const date = day === null ? `${entry.year}-${pad(month)}` : `${entry.year}-${pad(month)}-${pad(day)}`;
  events.push({ span: [entry.date.start, se], date, summary, sentence: [ss, se] });
  return true;
}

const pad = (n: number) => String(n).padStart(2, '0');

function summarize(sentence: string): string {
  let s = sentence.replace(/\s+/g, ' ').trim().replace(/^[，,、：:\s]+/, '');
  if (s.length > MAX_SUMMARY) s = s.slice(0, MAX_SUMMARY);
  return s;
}
