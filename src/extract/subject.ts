/**
 * A figure's subject (GUIDE.md §2): the words naming what was measured, from its clause before it,
 * the noun phrase after its unit, the figure before it in the sentence and the actor leading the sentence.
 */
import type { Measure, Span } from '../document/index.ts';
import { CLAUSE_END, MAX_LOOKBACK, previousClauseStart } from './clauses.ts';
import type { RegionMention } from './region-mentions.ts';
import { alternation, lexicon } from './lexicon.ts';
import { tagWords } from './words.ts';
import { lastStartingBefore } from './sorted.ts';
import type { TimeExpression } from './time.ts';

const MAX_SUBJECT_AHEAD = 24;

/** The word lists of subject-words.json as the finder matches them, compiled once. */
interface SubjectPatterns {
  /** Words that open a clause without naming anything: dropped from the front of a subject. */
  leadingFillers: RegExp;
  /** Words that close a subject without naming anything: verbs of being and reaching, approximators. */
  trailingFillers: RegExp;
  /** Words that say how a figure moved or compares, but not what it is of. */
  measureOnly: RegExp;
  /** Words that end the noun phrase after a figure: a copula, a comparison, an approximator. */
  nounStops: Set<string>;
  /** Words that end the actor at the head of a sentence (see sentenceActor). */
  actorEnd: RegExp;
}

let compiled: SubjectPatterns | null = null;

function subjectPatterns(): SubjectPatterns {
  if (compiled) return compiled;
  const words = lexicon().subjectWords;
  compiled = {
    // Bullets and list marks first, clause punctuation last, the words in their order between.
    // (a section number left of its bracket: （一） → 一）)
    leadingFillers: new RegExp(`^(?:[●•·◆■▲★☆○◎\\-—*（(]|[一二三四五六七八九十]{1,3}[）)、]|${alternation(words.leadingFillers)}|[，,、：:\\s])+`),
    // (an aside opened right before the figure: 改革举措（共23项）)
    trailingFillers: new RegExp(`(?:${alternation(words.trailingFillers)}|[（(]|\\s)+$`),
    // 拉动GDP增长, 负向拉动全市投资: a contribution to a total's growth, whatever total it names
    measureOnly: new RegExp(
      `^(?:[两二三四五六七八九十\\d]+年平均|(?:${alternation(words.contribution.verbs)})[^，。；]{0,10}?(?:增长|下降)|(?:${alternation(words.contribution.sides)})(?:${alternation(words.contribution.verbs)})[^，。；]{0,10}|${alternation(words.measureOnly)}|\\s)*$`,
    ),
    nounStops: new Set(words.nounStops),
    actorEnd: new RegExp(alternation(words.actorEnds)),
  };
  return compiled;
}

/** What a figure's subject takes from the figure before it in the same sentence. */
export interface PreviousSubject {
  subject: string;
  clauseStart: number;
  sentence: Span;
  measure: Measure;
}

export interface SubjectInput {
  text: string;
  times: readonly TimeExpression[];
  /** The figure's own words before it: from its clause start or the figure before. */
  window: string;
  windowStart: number;
  /** The noun phrase after its unit. */
  ahead: string;
  clauseStart: number;
  sentence: Span;
  measure: Measure;
  isListContinuation: boolean;
  previous: PreviousSubject | null;
}

/** The words naming what a figure measures (GUIDE.md §2 subject), from the clause structure. */
export function findSubject(input: SubjectInput): string {
  const { text, times, window, windowStart, ahead, clauseStart, sentence, measure, previous } = input;
  if (input.isListContinuation && previous) return ahead ? joinSubject(previous.subject, ahead) : previous.subject;
  const own = cleanLeft(window, windowStart, times);
  const subject = joinSubject(own, ahead);
  const clauseBefore = previousClauseStart(text, clauseStart, sentence[0]);
  const near = previous !== null && previous.clauseStart >= clauseBefore;
  if (previous && near && previous.clauseStart === clauseStart && isContentFree(own) && ahead) {
    // 123个国家和地区的514个港口: the words before belong to both figures.
    return joinSubject(previous.subject, ahead);
  }
  if (CONSEQUENCE.test(own) && previous === null) {
    // 举办就业创业活动周，吸引近10万人次参与: what drew them is named in the clause before.
    const before = cleanLeft(text.slice(clauseBefore, clauseStart), clauseBefore, times).replace(/[，,；;：:\s]+$/, '');
    if (before && !isContentFree(before)) return joinSubject(before, subject);
  }
  if (isContentFree(subject)) {
    // 分别增长14%: the words are in the figure before, or in the clause before (机场群旅客和货邮吞吐量…).
    if (previous && near) return joinSubject(previous.subject, subject);
    const before = cleanLeft(text.slice(clauseBefore, clauseStart), clauseBefore, times);
    // 地区生产总值19917.0亿元，按可比价格计算，比上年增长8.6%: a clause that says how it was counted
    // names nothing; the figure before in the sentence does.
    if (previous && previous.sentence[0] === sentence[0] && METHOD_CLAUSE.test(before.replace(/[，,；;：:\s]+$/, '')))
      return joinSubject(previous.subject, subject);
    return joinSubject(before, subject);
  }
  if (previous && near && GENERIC_MEASURE.test(subject) && !subject.includes(previous.subject)) {
    // 棚室果蔬类播种面积18.9万亩，产量43万吨: an amount the clause names only by its kind is of the
    // thing the figure before measured (its area word aside)
    const thing = previous.subject.replace(AREA_WORDS, '').trim();
    if (thing && thing !== previous.subject) return joinSubject(thing, subject);
  }
  if (previous && near && /^[，,、：:\s]*其中/.test(window) && !subject.includes(previous.subject)) {
    // 重大项目248个，其中四川12个: a part counts the same things as the whole before it.
    return joinSubject(previous.subject, subject);
  }
  if (previous && near && previous.measure === 'level' && measure !== 'level' && !subject.includes(previous.subject)) {
    // 1475列，约占全国开行量的21%: a share or growth rate qualifies the figure before it.
    return joinSubject(previous.subject, subject);
  }
  return subject;
}

/** A subject that names only the kind of amount (产量, 实现增加值, 产值): of what, the clause does not say. */
const GENERIC_MEASURE = /^(?:实现|完成|共|累计)?(?:产量|总产量|增加值|产值|总产值|销售额|销售收入|营业收入|收入|利润)$/u;
/** The area or size word closing a subject (播种面积, 种植面积): the thing is before it. */
const AREA_WORDS = /(?:类)?(?:总)?(?:播种面积|种植面积|养殖面积|面积|规模)(?:达到|达|为)?$/u;

/** A clause that says how a figure was counted, not what it is of. */
const METHOD_CLAUSE = /^(?:按[^，。；]{1,12}(?:计算|计)|扣除[^，。；]{1,12}因素|剔除[^，。；]{1,12}|以[^，。；]{1,8}计)$/;

/** A clause that only says what the clause before brought about: 吸引, 带动, 惠及. */
const CONSEQUENCE = /^(?:吸引|带动|惠及|覆盖|辐射|服务)了?$/;

/** Whether a subject says only how a figure moved or compares (同比增长, 占全国的), not what it is of. */
export const isContentFree = (subject: string): boolean => subjectPatterns().measureOnly.test(subject);

/** The noun phrase right after a classifier (548个港口 → 港口), up to a clause break, 的 or a preposition. */
/** Campaign slogans that open section headings (加快共建…): no measured thing; filing (reconcile/head.ts) cuts them too. */
export const SLOGAN = /加快共建|加快建设|加快打造|携手共建|奋力打造/u;

export function nounAfter(text: string, from: number, limit: number): { words: string; end: number } {
  // 总规模50亿元（首期10亿元）的母基金: an aside in brackets after the figure (or the bracket closing
  // around it) stands between the figure and what it measures.
  if (text[from] === '（' || text[from] === '(') {
    // (14.4亿新台币（6324万新元）零附件合约: a conversion in brackets, too)
    const close = text.slice(from, Math.min(limit, from + MAX_SUBJECT_AHEAD)).search(/[）)]/);
    if (close > 0) from += close + 1;
  } else if (text[from] === '）' || text[from] === ')') {
    // (共23项）: the figure closes an aside; what it counts stands before the bracket
    if (text[from + 1] !== '的') return { words: '', end: from };
    from += 1;
  }
  let end = from;
  const max = Math.min(limit, from + MAX_SUBJECT_AHEAD);
  // (a space ends it too: a headline's two halves, 票房破百亿元 电影全产业链产值超4000亿元)
  while (end < max && !CLAUSE_END.has(text[end]) && text[end] !== '、' && !/[0-9０-９\s]/.test(text[end])) end++;
  // …440辆加快共建西部科学城: a campaign slogan an OCR'd page ran in (a section heading) is no noun.
  const slogan = text.slice(from, end).search(SLOGAN);
  if (slogan >= 0) end = from + slogan;
  const span = text.slice(from, end);
  if (!span) return { words: '', end: from };
  const words = tagWords(span);
  const { nounStops } = subjectPatterns();
  let at = from;
  // 1300亿元的项目, 300万元的集装箱: after 的 stands what the figure measures.
  if (words[0]?.word === '的' && words.length > 1) at += words.shift()!.word.length;
  let taken = '';
  for (const { word, tag } of words) {
    // A joiner right after the figure (95个和60个) starts the next member, not a noun.
    if (tag === 'uj' || tag === 'p' || tag === 'ul' || nounStops.has(word) || (!taken && tag === 'c')) break;
    taken += word;
    if (taken.length >= 16) break;
  }
  // Whitespace inside the phrase stays in the text; the subject shows the words.
  return { words: taken.trim(), end: at + taken.length };
}

/** The clause's own words before the figure, without a leading time phrase or trailing verbs. */
export function cleanLeft(window: string, windowStart: number, times: readonly TimeExpression[]): string {
  const { leadingFillers, trailingFillers } = subjectPatterns();
  // A space between Chinese words ends a headline's half (…双创历史新高 2026暑期档电影票房): the
  // subject is in the part next to the figure.
  // (not when what follows is a verb or two: 印尼洪灾持续 已致43人)
  // So does a year glued to a story's first words after its headline (…双创历史新高2026暑期档电影票房).
  let s = stripTime(window, times, windowStart);
  // Inside a bracket opened before the figure (…特点（GDP实现1.5%的正增长、…）), the aside's own
  // words, when they name a thing (发酵酒（增长87%）: the thing stands before the bracket)
  const aside = /[（(]([^（(）)]{2,})$/u.exec(s);
  if (aside && !isContentFree(aside[1].replace(subjectPatterns().trailingFillers, ''))) s = aside[1];
  s = s
    .replace(/^[^]*[\u4e00-\u9fff]\s+(?=[\u4e00-\u9fff0-9][^\s]{3,}$)/u, '')
    .replace(/^[^]*[\u4e00-\u9fff](?<![在于从自至到])(?=(?:19|20)\d\d[\u4e00-\u9fff]{3,})/u, '');
  let previous = '';
  while (previous !== s) {
    previous = s;
    s = s.replace(leadingFillers, '').replace(trailingFillers, '');
  }
  return s;
}

/** Removes time expressions inside the window (今年1—5月, 截至目前) from a subject. */
function stripTime(window: string, times: readonly TimeExpression[], windowStart: number): string {
  const end = windowStart + window.length;
  let out = '';
  let cursor = windowStart;
  // Only expressions starting within a lookback of the window can overlap it (binary search, not a scan).
  let first = lastStartingBefore(times, windowStart - MAX_LOOKBACK);
  if (first < 0) first = 0;
  for (let i = first; i < times.length && times[i].start < end; i++) {
    const t = times[i];
    if (t.end <= windowStart) continue;
    out += window.slice(cursor - windowStart, Math.max(cursor, t.start) - windowStart);
    cursor = Math.max(cursor, t.end);
  }
  out += window.slice(Math.min(cursor, end) - windowStart);
  // 今天（8月16日）: the brackets a removed date stood in go with it
  return out.replace(/[（(]\s*[）)]/gu, '').replace(/^[，,、：:\s]+/, '');
}

/** A subject names a thing in a few words; one carried along a long list must not grow with it. */
const MAX_SUBJECT = 48;

/** A part's subject: the whole's words, cut short if need be, then all of the part's own. */
export function joinPart(whole: string, part: string): string {
  if (!part) return joinSubject(whole, part);
  const room = MAX_SUBJECT - part.length - 1;
  return room <= 0 ? part : `${whole.slice(0, room)} ${part}`;
}

export function joinSubject(left: string, right: string): string {
  const joined = !left ? right : !right ? left : `${left} ${right}`;
  return joined.length > MAX_SUBJECT ? joined.slice(0, MAX_SUBJECT) : joined;
}

const ACTOR_MAX = 12;

/**
 * The actor at the head of a sentence's first clause, when a place leads it: 重庆参保人 of
 * 重庆参保人在四川就医累计备案, 川渝两地 of 川渝两地共同实施重大项目, 重庆市与四川省 of 重庆市与四川省签署.
 * '' when no place leads the clause. It ends at the first of subject-words.json's `actorEnds`
 * (prepositions, adverbs, comparisons and the verbs these reports state figures with): matched as
 * words, not segmented, since running the segmenter on every sentence's head would cost more than
 * the rest of the finder.
 */
export function sentenceActor(text: string, mentions: readonly RegionMention[], words: string, from: number, to: number): string {
  // The first place named in the clause, if the clause's words (time phrase and fillers gone) open with it.
  const i = lastStartingBefore(mentions, from) + 1;
  const lead = i < mentions.length && mentions[i].end <= to ? text.slice(mentions[i].start, mentions[i].end) : '';
  if (!lead || !words.startsWith(lead)) return '';
  const end = subjectPatterns().actorEnd.exec(words.slice(lead.length));
  const actor = end ? words.slice(0, lead.length + end.index) : words;
  return actor.length <= ACTOR_MAX && actor.length < words.length ? actor : '';
}
