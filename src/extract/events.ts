/**
 * The event finder (GUIDE.md §3): dated milestones — a meeting held, a document issued, a plan
 * approved, a line opened — whose date is given to the day or the month, in running text and in
 * timelines. In a timeline (paragraphs led by a bare date, as in "1月6日 重庆市委常委会召开…") a
 * date without a year takes the timeline's year, and a month that goes back starts the next year.
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { eventDates, scopeEnd } from './events-dates.ts';
import { documentDate } from './events-document.ts';
import { datesMilestone, predicateAt } from './events-filters.ts';
import { withoutRestatingHeadlines } from './events-headlines.ts';
import { occasionEvents } from './events-occasion.ts';
import { eventWords } from './events-words.ts';
import { startsWithin } from './sorted.ts';
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
  /** The report's title: a document's signature date (国务院⏎2019年1月12日) issues it. */
  title?: string | null;
}

/** A summary longer than this is cut at its first sentence break: a summary is one line. */
const MAX_SUMMARY = 120;
/** A summary from the sentence's head keeps at least this much room after the date. */
const DATE_ROOM = 30;

export function findEvents(input: EventInput): EventFinding[] {
  const { text, sentences, paragraphs, times } = input;
  const { verbs } = eventWords();
  const dated = eventDates(text, times);
  const events: EventFinding[] = [];
  const headings = dated.filter((t) => isHeading(text, t, paragraphs));
  const timeStarts = new Set(times.map((t) => t.start));
  // "2020年" standing alone as a paragraph heads the entries after it.
  const yearHeadings = times.filter((t) => t.precision === 'year' && t.explicitYear && standsAlone(text, t, paragraphs));
  let nextYearHeading = 0;

  // Timelines: a date standing as a heading, its entries the paragraphs under it.
  let timelineYear: number | null = null;
  let lastMonth = 0;
  headings.forEach((heading, k) => {
    // The last heading of a timeline owns its first sentence only: what follows may be running text.
    const limit =
      headings[k + 1]?.start ?? fullSentenceEnd(text, skipSpace(text, headingEnd(text, heading)), Math.min(text.length, heading.end + 2 * MAX_SUMMARY));
    let headedYear: number | null = null;
    while (nextYearHeading < yearHeadings.length && yearHeadings[nextYearHeading].start < heading.start) headedYear = yearOf(yearHeadings[nextYearHeading++]);
    if (heading.explicitYear) timelineYear = Number(heading.date!.slice(0, 4));
    else if (headedYear !== null) timelineYear = headedYear;
    else if (timelineYear === null || !isSameRun(headings[k - 1], heading)) timelineYear = firstYearAhead(times, heading.end) ?? yearOf(heading);
    else if (heading.month !== null && heading.month < lastMonth) timelineYear++; // a month going back starts the next year
    lastMonth = heading.month ?? lastMonth;
    if (timelineYear === null || heading.month === null) return;
    const date = heading.day === null ? `${timelineYear}-${pad(heading.month)}` : `${timelineYear}-${pad(heading.month)}-${pad(heading.day)}`;
    const signature = heading.explicitYear ? signatureEvent(text, paragraphs, heading, input.title) : null;
    if (signature) {
      events.push({ ...signature, date, sentence: sentenceAround(sentences, signature.span[0], signature.span[1]) });
      return;
    }
    let entryStart = skipSpace(text, headingEnd(text, heading));
    // A date run into its sentence (8月16日出版的…) heads that paragraph only, not the paragraphs after it.
    const entryLimit = /\s/u.test(text[headingEnd(text, heading)] ?? '\n') ? limit : Math.min(limit, paragraphEnd(paragraphs, heading.start, limit));
    let first = true;
    while (entryStart < entryLimit) {
      const entryEnd = fullSentenceEnd(text, entryStart, entryLimit);
      const summary = summarize(text.slice(entryStart, entryEnd));
      // The first sentence under a heading is its event; a later paragraph under the same heading is
      // another event when it opens with its own actor (四川省委常委会召开…), not a verb (审议通过…).
      // An entry that opens with a date of its own (2021年，面对…) is not dated by the heading above it.
      if (summary && verbs.test(summary) && !timeStarts.has(entryStart) && (first || (startsParagraph(text, entryStart) && !opensWithVerb(summary)))) {
        events.push({ span: [heading.start, entryEnd], date, summary, sentence: sentenceAround(sentences, entryStart, entryEnd) });
      }
      first = false;
      entryStart = skipSpace(text, entryEnd);
    }
  });

  // Running text: a sentence with a dated expression and an event predicate.
  const running = runningEvents(input, dated, headings);
  events.push(...running);
  for (const o of occasionEvents(input, events)) {
    const summary = summarize(o.text);
    if (summary) events.push({ span: o.span, date: o.date, summary, sentence: o.sentence });
  }
  events.sort((a, b) => a.span[0] - b.span[0]);
  return events;
}

/** Running text: each sentence with a dated expression (not a heading) and an event predicate. */
function runningEvents(input: EventInput, dated: readonly TimeExpression[], headings: readonly TimeExpression[]): EventFinding[] {
  const { text, sentences } = input;
  const { bornAfterDate } = eventWords();
  const headingSet = new Set(headings);
  const running: EventFinding[] = [];
  const byDate = new Map<string, number[]>();
  let nextHeading = 0;
  for (const t of dated) {
    if (headingSet.has(t) || !t.date) continue;
    const si = findSpanAt(sentences, t.start);
    if (si < 0) continue;
    const [ss, se] = sentences[si];
    while (nextHeading < headings.length && headings[nextHeading].start <= t.start) nextHeading++;
    // A heading later in the same sentence owns what follows it (OCR glued it to this line).
    if (nextHeading < headings.length && headings[nextHeading].start < se) continue;
    // 关于…的意见⏎（2023年5月14日）: the document's own date.
    const document = documentDate(text, input.paragraphs, t);
    if (document) {
      running.push({ ...document, date: t.date, sentence: [ss, se] });
      continue;
    }
    // 从今年1月起…: a service starting on a date is a milestone too; so is a birth (1928年10月生).
    const startsOrBorn = text[t.end] === '起' || bornAfterDate.test(text.slice(t.end, t.end + 4));
    const predicate = startsOrBorn ? t.end : predicateAt(text, t.end, scopeEnd(text, dated, t, se));
    if (predicate < 0 || !isEventDate(text, t, se) || !datesMilestone(text, t, ss, se, dated)) continue;
    const summary = summaryAround(text, sentenceHead(text, sentences, si, headings), se, t.start, predicate);
    if (!summary) continue;
    // A lead that restates a milestone of the body (same date, same long phrase) is one event.
    // (Compared with the last few events of that date only, so that no input makes this quadratic.)
    const sameDate = byDate.get(t.date) ?? [];
    // (The date itself is no shared phrase: two events of 2016年1月 share it and the actor after it.)
    const dateText = text.slice(t.start, t.end);
    const undated = (s: string) => s.split(dateText).join('');
    const restated = sameDate.findIndex((i) => restates(undated(running[i].summary), undated(summary)));
    const event: EventFinding = { span: [t.start, boundedEnd(text, t.start, se)], date: t.date, summary, sentence: [ss, se] };
    if (restated < 0) {
      sameDate.push(running.length);
      if (sameDate.length > MAX_SAME_DATE_COMPARED) sameDate.shift();
      byDate.set(t.date, sameDate);
      running.push(event);
    } else if (summary.length > running[sameDate[restated]].summary.length) running[sameDate[restated]] = event;
  }
  return withoutRestatingHeadlines(text, input.paragraphs, running);
}

/** A signature's issuer: a short line with no sentence punctuation (国务院办公厅, 中共四川省委). */
const ISSUER = /^[\p{Script=Han}（）()\s]{2,40}$/u;
/** Lines that may follow a signature date: notes on the release, not entries of a timeline. */
const AFTER_SIGNATURE = /^[（(【[][^）)】\]]{1,20}[）)】\]]$|^本文由|^来源|^（?责任编辑|^\s*$/;
/** A signature stands among the last few paragraphs of a document. */
const SIGNATURE_TAIL = 4;

/**
 * 国务院⏎2019年1月12日⏎（此件公开发布）: a dated signature at a document's end — its issuer alone on
 * the line above, nothing but release notes below — is the document's issue date, so the event is
 * the document (its title), not the note under the date.
 */
function signatureEvent(
  text: string,
  paragraphs: readonly Span[],
  heading: TimeExpression,
  title: string | null | undefined,
): Pick<EventFinding, 'span' | 'summary'> | null {
  const p = findSpanAt(paragraphs, heading.start);
  if (p < 1 || paragraphs.length - p > SIGNATURE_TAIL || !title) return null;
  const [ps, pe] = paragraphs[p];
  if (text.slice(ps, pe).trim() !== text.slice(heading.start, headingEnd(text, heading)).trim()) return null;
  for (let k = p + 1; k < paragraphs.length; k++) if (!AFTER_SIGNATURE.test(text.slice(paragraphs[k][0], paragraphs[k][1]).trim())) return null;
  const issuer = text.slice(paragraphs[p - 1][0], paragraphs[p - 1][1]).trim();
  if (!ISSUER.test(issuer)) return null;
  const summary = summarize(`${issuer.replace(/\s+/g, '')}印发《${title}》`);
  return { span: [paragraphs[p - 1][0], pe], summary };
}

/** Meetings and visits that last several days are dated by their first (12月17日至18日召开). */
const SPANNING_EVENT = /召开|举行|举办|考察|视察|访问|调研|出席|会见|会谈|开幕|闭幕/u;

/**
 * Whether a dated expression dates an event: not the cut-off of a count (截至今天（8月13日）), and
 * not the first day of a span figures are counted over (10月1日至3日，…接待游客) — unless a meeting
 * or a visit spans those days.
 */
function isEventDate(text: string, t: TimeExpression, sentenceEnd: number): boolean {
  if (/截[至止](?:今天|今日|昨天)?[（(]?$/u.test(text.slice(Math.max(0, t.start - 6), t.start))) return false;
  const spanStart =
    /[—–\-－~～至到]/u.test(text.slice(t.start, t.end)) || /^(?:[—–\-－~～]|至|到)[0-9０-９一二三四五六七八九十]/u.test(text.slice(t.end, t.end + 3));
  return !spanStart || SPANNING_EVENT.test(text.slice(t.end, sentenceEnd));
}

/**
 * Where the sentence `si` really starts: a line broken inside a sentence (《重庆市优化营商环境⏎⏎条例》经…
 * 通过) leaves a piece that ends in no stop; the sentence runs back over such pieces, not past a
 * heading date or a stop, and no further than a summary's length.
 */
function sentenceHead(text: string, sentences: readonly Span[], si: number, headings: readonly TimeExpression[]): number {
  let start = sentences[si][0];
  for (let k = si - 1; k >= 0; k--) {
    const [ps, pe] = sentences[k];
    const between = text.slice(pe, start);
    if (!/^\s*\n\s*$/.test(between) || '。！？!?；;…：:”"）)'.includes(text[pe - 1]) || sentences[si][1] - ps > MAX_SUMMARY) break;
    // A heading date standing as its own line is no part of the sentence.
    if (startsWithin(headings, ps, pe)) break;
    start = ps;
  }
  return start;
}

/** Two dated sentences sharing a phrase this long name the same milestone. */
const SAME_EVENT_RUN = 12;
const MAX_SAME_DATE_COMPARED = 8;

/** Two summaries of one date name one event: a long phrase in common, or the one (a headline) wholly in the other. */
function restates(a: string, b: string): boolean {
  const run = longestCommonRun(a, b);
  return run >= SAME_EVENT_RUN || (run >= 6 && run >= Math.min(a.length, b.length));
}

/** Length of the longest run of characters two strings share (dynamic programming, short strings). */
function longestCommonRun(a: string, b: string): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        current[j] = previous[j - 1] + 1;
        if (current[j] > best) best = current[j];
      }
    }
    previous = current;
  }
  return best;
}

/**
 * A date used as a heading: followed by a line break (1月6日⏎重庆市委常委会召开…), or opening its
 * paragraph (after a bullet) with no comma after it (1月6日 重庆市委常委会召开…).
 */
function isHeading(text: string, t: TimeExpression, paragraphs: readonly Span[]): boolean {
  if (t.precision !== 'day' && t.precision !== 'month') return false;
  const after = headingEnd(text, t);
  if (after >= text.length || text[after] === '\n') return true;
  const p = findSpanAt(paragraphs, t.start);
  if (p < 0) return false;
  const lead = text.slice(paragraphs[p][0], t.start);
  return /^[\s●•·◆■▲★☆○◎]*$/.test(lead) && !/[，,、的至到起前后以—–\-]/.test(text[t.end] ?? '');
}

/** The expression is the whole of its paragraph (a year heading: "2020年"). */
function standsAlone(text: string, t: TimeExpression, paragraphs: readonly Span[]): boolean {
  const p = findSpanAt(paragraphs, t.start);
  if (p < 0) return false;
  const [ps, pe] = paragraphs[p];
  return /^[\s●•·◆■]*$/.test(text.slice(ps, t.start)) && /^[\s:：]*$/.test(text.slice(t.end, pe));
}

/** Where a heading date ends, with the last day of a span (12月17日—18日) taken in. */
function headingEnd(text: string, t: TimeExpression): number {
  const tail = /^[—–\-－~～至][0-9０-９]{1,2}日/.exec(text.slice(t.end, t.end + 5));
  return t.end + (tail ? tail[0].length : 0);
}

/** Two headings belong to one timeline when only entries stand between them (no year reset). */
function isSameRun(previous: TimeExpression | undefined, current: TimeExpression): boolean {
  return previous !== undefined && current.start - previous.end < 600;
}

const skipSpace = (text: string, at: number): number => {
  while (at < text.length && /[\s●•·◆■▲★☆○◎]/.test(text[at])) at++;
  return at;
};

/** The end of the sentence starting at `from`, read across OCR line breaks: the next 。！？ or `limit`. */
function fullSentenceEnd(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    if ('。！？!?'.includes(text[i])) return i + 1;
    // A paragraph ending in a sentence-final position ends the sentence too.
    if (text[i] === '\n' && text[i + 1] === '\n' && i - from > MAX_SUMMARY) return i;
  }
  return limit;
}

/** The end of the paragraph holding `at`, or `fallback` when none does. */
function paragraphEnd(paragraphs: readonly Span[], at: number, fallback: number): number {
  const p = findSpanAt(paragraphs, at);
  return p < 0 ? fallback : paragraphs[p][1];
}

const startsParagraph = (text: string, at: number): boolean => at === 0 || /\n\s*$/.test(text.slice(Math.max(0, at - 3), at));

/** 审议通过…, 传达学习…: a clause that continues the entry above rather than naming a new event. */
const opensWithVerb = (summary: string): boolean => eventWords().continuing.test(summary);

function sentenceAround(sentences: readonly Span[], start: number, end: number): Span {
  const si = findSpanAt(sentences, start);
  const sj = findSpanAt(sentences, Math.max(start, end - 1));
  return [si >= 0 ? sentences[si][0] : start, sj >= 0 ? sentences[sj][1] : end];
}

function yearOf(t: TimeExpression): number | null {
  const y = Number((t.date ?? t.period.start ?? '').slice(0, 4));
  return Number.isFinite(y) && y > 0 ? y : null;
}

/** The first year written in a timeline's entries (…主任2020年第一次调度会…) sets the timeline's year. */
function firstYearAhead(times: readonly TimeExpression[], from: number): number | null {
  // Binary search to the first expression at or after `from`, then a bounded walk.
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < times.length && times[i].start < from + 1500; i++) if (times[i].explicitYear) return yearOf(times[i]);
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The summary of the sentence [head, end) dated at `date`, whose event predicate stands at `predicate`:
 * the sentence from its head, or, when the date stands far from the head and the summary would run
 * past MAX_SUMMARY before the predicate's clause ends (a long
 * preamble: 中国共产党中央委员会……沉痛宣告：…朱镕基同志，因病医治无效，于…逝世), the stretch that ends with
 * that clause, opened at a clause break — so the summary holds what happened and who it happened to.
 */
function summaryAround(text: string, head: number, end: number, date: number, predicate: number): string {
  let clauseEnd = predicate;
  while (clauseEnd < end && !CLAUSE_PUNCTUATION.test(text[clauseEnd]) && !'。！？!?'.includes(text[clauseEnd])) clauseEnd++;
  const whole = summarize(text.slice(head, end));
  // A date near the head: the head names the actor (a far predicate is more likely a stray word).
  if (text.slice(head, date).replace(/\s+/g, '').length <= MAX_SUMMARY - DATE_ROOM || text.slice(head, clauseEnd).replace(/\s+/g, '').length <= MAX_SUMMARY)
    return whole;
  let start = Math.max(head, clauseEnd - MAX_SUMMARY);
  const firstBreak = text.slice(start, predicate).search(CLAUSE_PUNCTUATION);
  if (firstBreak >= 0) start += firstBreak + 1;
  return summarize(text.slice(start, end));
}

function summarize(sentence: string): string {
  let s = sentence
    .replace(/\s+/g, '')
    .trim()
    .replace(/^[，,、：:●•·]+/, '');
  if (s.length > MAX_SUMMARY) s = s.slice(0, MAX_SUMMARY);
  return s;
}

/** An event's span runs from its date to the end of its sentence, but no further than this. */
const MAX_EVENT_SPAN = 300;
const CLAUSE_PUNCTUATION = /[，,；;：:、]/u;

/**
 * Where an event's span ends: its sentence's end, or in a sentence that runs on for pages (a text
 * without sentence breaks), the last clause break within MAX_EVENT_SPAN of the date.
 */
function boundedEnd(text: string, start: number, sentenceEnd: number): number {
  if (sentenceEnd - start <= MAX_EVENT_SPAN) return sentenceEnd;
  const limit = start + MAX_EVENT_SPAN;
  for (let i = limit - 1; i > start; i--) if (CLAUSE_PUNCTUATION.test(text[i])) return i + 1;
  return limit;
}
