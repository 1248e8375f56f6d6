/**
 * The scan over a report's figures, in text order: each figure read in its place — its clause and
 * the words of its own before it, its measure, subject, period, status and region — carrying along
 * what the figure before it said (a list goes on, a 其中 divides a whole, an actor leads the sentence).
 */
import type { Approx, Cue, Measure, Period, Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { findClauseStart, fullStopBefore, MAX_LOOKBACK } from './clauses.ts';
import { contextPeriod, contextRegion, headingSpanAt, type DocumentContext } from './context.ts';
import { fitPeriodToMeasure } from './stock-flow.ts';
import { findApproxBefore, findMeasure, hasShareVerb } from './measure.ts';
import { isQuantity } from './non-quantities.ts';
import { findPeriod } from './period.ts';
import type { QuantityFinding } from './quantities.ts';
import { findRegion, type RegionFind } from './region.ts';
import { hasMention, type RegionMention } from './region-mentions.ts';
import { findStatus, sectionPlanAt, type SectionPlan } from './status.ts';
import { cleanLeft, findSubject, isContentFree, joinPart, joinSubject, nounAfter, sentenceActor } from './subject.ts';
import type { TableCells } from './table-cells.ts';
import type { TimeExpression } from './time.ts';
import type { Reading } from './units.ts';

/** Words that join the members of a list of figures: 9.3%、16.8% / 14%和30%. */
const LIST_JOINERS = new Set(['、', '和', '与', '及', '或', '，', ',']);

/** What the scan knows of the whole report before it reads a figure. */
export interface ReportScope {
  text: string;
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  times: readonly TimeExpression[];
  reportYear: number | null;
  /** The month of the report's date, or null. */
  reportMonth: number | null;
  tables: TableCells;
  regions: readonly RegionMention[];
  /** The region the report speaks of most, for a figure nothing else places. */
  defaultRegion: RegionFind | null;
  /** A goal the headline states (2025年目标), for the figures that state no time of their own. */
  plannedByHeadline: Cue | null;
  /** The sections that set out the year's tasks: their figures are planned. */
  plannedSections: readonly SectionPlan[];
  context: DocumentContext;
}

/** The figure before, in the same sentence: what a list member or a rate takes its words from. */
type PreviousFigure = QuantityFinding & { subjectEnd: number; clauseStart: number; measureByVerb: boolean; regionFind: RegionFind | null };

/** What the scan carries from figure to figure, and what it has found. */
export interface FigureScan {
  findings: QuantityFinding[];
  /** The words after each finding's unit (its counted noun), for the list pass at the end. */
  aheads: string[];
  /** Where each finding's trailing qualifier ends (30%以上), for telling the members of a list. */
  tailEnds: number[];
  previous: PreviousFigure | null;
  /** The actor named at the head of the current sentence (重庆参保人), for its later clauses. */
  actor: { clauseStart: number; window: string; windowStart: number; words: string | null };
  /** The whole a 其中 list divides (项目248个，其中重庆132个、四川116个): every part counts its things. */
  whole: { subject: string; unit: string; fullStart: number } | null;
  previousWasPart: boolean;
}

export function startScan(): FigureScan {
  return {
    findings: [],
    aheads: [],
    tailEnds: [],
    previous: null,
    actor: { clauseStart: -1, window: '', windowStart: 0, words: '' },
    whole: null,
    previousWasPart: false,
  };
}

/** Where a figure stands: its sentence, its clause, and the window of its own words before it. */
interface FigurePlace {
  start: number;
  sentence: Span;
  clauseStart: number;
  /** The figure before stands in the same sentence. */
  sameSentence: boolean;
  windowStart: number;
  window: string;
  /** Only a list joiner stands between it and the figure before (9.3%、16.8%). */
  isListContinuation: boolean;
}

/** How the figure is stated: its own measure, the one it takes, and whether a verb set it. */
interface Stated {
  ownMeasure: Measure;
  measure: Measure;
  measureByVerb: boolean;
}

/** Reads one number with its unit as a finding, when it is a quantity at all. */
export function readFigure(report: ReportScope, scan: FigureScan, r: Reading): void {
  const unit = r.unit?.unit ?? r.inheritedUnit;
  if (!unit || !isQuantity(report.text, r, unit)) return;
  const { text } = report;
  const previous = scan.previous;
  const place = placeOf(report, previous, r);
  const approx: Approx = r.approxInside ?? r.approxAfter ?? (isBareOver(text, r) ? 'over' : null) ?? findApproxBefore(place.window) ?? 'exact';
  const stated = measureOf(text, place, previous, unit, r);
  // After a classifier stands the thing counted (548个港口); after a share, what it is of (21%的动力电池).
  const countsSomething = unit !== '%' && unit !== '百分点';
  const after = countsSomething || text[r.tailEnd] === '的' ? nounAfter(text, r.tailEnd, place.sentence[1]) : { words: '', end: r.tailEnd };
  const fullStart = fullStopBefore(text, place.sentence[0], report.paragraphs, place.start);
  const { subject, measure } = subjectOf(report, scan, place, after, unit, stated, fullStart);
  const { period, status, region } = scopeOf(report, previous, place, { end: after.end, words: subject }, fullStart);
  const finding: QuantityFinding = {
    span: [place.start, r.end],
    value: r.number.value,
    ...(r.number.valueMax !== undefined ? { valueMax: r.number.valueMax } : {}),
    unit,
    approx,
    measure,
    subject,
    period: period?.period ?? null,
    region: region?.region ?? null,
    status: status.status,
    cues: { period: period?.cue ?? null, region: region?.cue ?? null, status: status.cue },
    sentence: place.sentence,
  };
  scan.findings.push(finding);
  scan.aheads.push(after.words);
  scan.tailEnds.push(r.tailEnd);
  scan.previous = { ...finding, subjectEnd: after.end, clauseStart: place.clauseStart, measureByVerb: stated.measureByVerb, regionFind: region };
}

/**
 * 年初以来 in a report with no printed date runs to an unknown day: where the report's headline,
 * heading or lead sets a span from the same start (首季, 一季度), the figure's span ends where it does.
 */
function closedByContext(own: { period: Period; cue: Cue } | null, context: DocumentContext, at: number): { period: Period; cue: Cue } | null {
  if (!own || own.period.start === null || own.period.end !== null) return own;
  const set = contextPeriod(context, at);
  if (!set || set.period.start !== own.period.start || set.period.end === null) return own;
  return { period: { start: own.period.start, end: set.period.end }, cue: own.cue };
}

/** The last word a section heading's measured thing shares with a subject that names only it (投资 of 固定资产投资). */
const GENERIC_THING = /(?<=^|[^\u4e00-\u9fff]|完成|实现|累计|共|新增)(投资|收入|支出|产量|销售额|营业收入)(?=分别|同比|比上年|增长|下降|[^\u4e00-\u9fff]|$)/u;

/**
 * Under a section heading that names what its figures measure (（三）固定资产投资), a subject that says
 * only the generic word of it after a verb (…新区完成投资分别增长) means the heading's thing.
 */
function withSectionThing(report: ReportScope, at: number, subject: string): string {
  const heading = headingSpanAt(report.context, at);
  if (!heading) return subject;
  const thing = report.text
    .slice(heading[0], heading[1])
    .replace(/^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])\s*/u, '')
    .trim();
  const m = GENERIC_THING.exec(subject);
  if (!m || thing.length > 12 || !/^[\u4e00-\u9fff]+$/u.test(thing) || !thing.endsWith(m[1]) || thing === m[1] || subject.includes(thing)) return subject;
  return subject.slice(0, m.index) + thing + subject.slice(m.index + m[1].length);
}

/** 上百万元, 上千家: a bare magnitude after 上, which says "over" (numbers.ts reads the magnitude as one of itself). */
function isBareOver(text: string, r: Reading): boolean {
  return text[r.number.start - 1] === '上' && r.number.magnitude !== '' && text.slice(r.number.start, r.number.end) === r.number.magnitude;
}

function placeOf(report: ReportScope, previous: PreviousFigure | null, r: Reading): FigurePlace {
  const { text, sentences } = report;
  const start = r.number.start;
  const sentenceIndex = findSpanAt(sentences, start);
  const sentence: Span = sentenceIndex >= 0 ? sentences[sentenceIndex] : [start, r.end];
  const clauseStart = findClauseStart(text, start, sentence[0]);
  const sameSentence: boolean = previous !== null && previous.sentence[0] === sentence[0];
  // The figure's own words run from the clause start, or from the end of the figure before it.
  // (When the figure before reached past an aside holding this one — 50亿元（首期10亿元）的基金 — from its end.)
  const previousEnd: number = sameSentence ? (previous!.subjectEnd > start ? previous!.span[1] : previous!.subjectEnd) : -1;
  const windowStart: number = sameSentence && previousEnd > clauseStart ? previousEnd : clauseStart;
  // (上百万元: the 上 is the figure's "over", not a word of what it measures)
  const window = text.slice(Math.min(windowStart, start), isBareOver(text, r) ? start - 1 : start);
  const isListContinuation: boolean = sameSentence && window.length > 0 && [...window.trim()].every((c) => LIST_JOINERS.has(c));
  return { start, sentence, clauseStart, sameSentence, windowStart, window, isListContinuation };
}

function measureOf(text: string, place: FigurePlace, previous: PreviousFigure | null, unit: string, r: Reading): Stated {
  const { window, sameSentence, clauseStart } = place;
  const ownMeasure = findMeasure(window, unit, text.slice(r.tailEnd, r.tailEnd + 5));
  // In a list (减少环节327个、时间569个工作日) a member with no verb of its own shares the first one's.
  const continuesList: boolean = place.isListContinuation || (sameSentence && previous!.clauseStart === clauseStart && /^[、和及与]/.test(window));
  // Only a verb carries over (占全国的6.5%、西部的30.4%); in 全球2/3的iPad、8000万台笔记本电脑 the
  // share belongs to the first alone.
  const measure: Measure = continuesList && ownMeasure === 'level' && previous!.measureByVerb ? previous!.measure : ownMeasure;
  const measureByVerb: boolean = measure === 'change' || (measure === 'share' && (ownMeasure !== 'share' || hasShareVerb(window)));
  return { ownMeasure, measure, measureByVerb };
}

/** The figure's subject, and its measure as the figures it speaks of (上年同期, a table's column) make it. */
function subjectOf(
  report: ReportScope,
  scan: FigureScan,
  place: FigurePlace,
  after: { words: string; end: number },
  unit: string,
  stated: Stated,
  fullStart: number,
): { subject: string; measure: Measure } {
  const { text, times } = report;
  const { window, windowStart, clauseStart, sameSentence, start } = place;
  const previous = scan.previous;
  let subject = findSubject({
    text,
    times,
    window,
    windowStart,
    ahead: after.words,
    clauseStart,
    sentence: place.sentence,
    measure: stated.measure,
    isListContinuation: place.isListContinuation,
    previous: sameSentence ? previous : null,
  });
  subject = withActor(report, scan, place, after.end, subject);
  subject = withWhole(text, scan, start, fullStart, unit, subject);
  subject = withSectionThing(report, start, subject);
  let measure = stated.measure;
  if (
    sameSentence &&
    previous!.unit === unit &&
    stated.ownMeasure === 'level' &&
    /年同期/.test(window) &&
    isContentFree(cleanLeft(window, windowStart, times))
  ) {
    // 增长8%，上年同期为6%: last year's figure is the same kind of figure.
    measure = previous!.measure;
  }
  if (!sameSentence && isContentFree(subject)) {
    // 同比增长5.6%；去年同期为2.9万亿元: a clause naming nothing, after a semicolon, speaks of the
    // figure of the same unit before it in the full sentence (else of the last one).
    const base = figureSpokenOf(scan.findings, fullStart, unit);
    if (base) {
      subject = joinSubject(base.subject, subject);
      // 增长8%，上年同期为6%: last year's figure is the same kind of figure.
      if (base.unit === unit && stated.ownMeasure === 'level' && /同期/.test(text.slice(clauseStart, start))) measure = base.measure;
    }
  }
  const tableSubject = report.tables.subjects.get(start);
  if (tableSubject) {
    subject = tableSubject;
    // 同比增长（%）, 占比（%）: the column's name says what kind of figure its cells are.
    if (measure === 'level') measure = findMeasure(tableSubject.split(' ')[0], unit, '');
  }
  return { subject, measure };
}

/** The latest finding of the full sentence in `unit`, else its latest finding at all. */
function figureSpokenOf(findings: readonly QuantityFinding[], fullStart: number, unit: string): QuantityFinding | null {
  let base: QuantityFinding | null = null;
  for (let k = findings.length - 1; k >= 0 && findings[k].span[0] >= fullStart; k--) {
    if (findings[k].unit === unit) {
      base = findings[k];
      break;
    }
    base ??= findings[k];
  }
  return base;
}

/**
 * 重庆参保人在四川就医备案11.54万人，住院结算9.42万人次: the sentence's actor is the later clause's
 * too. (Found only when a later clause needs it: segmenting every sentence would cost.)
 */
function withActor(report: ReportScope, scan: FigureScan, place: FigurePlace, subjectEnd: number, subject: string): string {
  const { clauseStart, window, windowStart } = place;
  const actor = scan.actor;
  if (!place.sameSentence) scan.actor = { clauseStart, window, windowStart, words: null };
  else if (clauseStart > actor.clauseStart && !hasMention(report.regions, clauseStart, subjectEnd)) {
    actor.words ??= sentenceActor(
      report.text,
      report.regions,
      cleanLeft(actor.window, actor.windowStart, report.times),
      actor.windowStart,
      actor.windowStart + actor.window.length,
    );
    if (actor.words && !subject.includes(actor.words)) return joinSubject(actor.words, subject);
  }
  return subject;
}

/** 重大项目248个，其中重庆132个、四川116个: a part of a whole counts the whole's things. */
function withWhole(text: string, scan: FigureScan, start: number, fullStart: number, unit: string, subject: string): string {
  const previous = scan.previous;
  let isPart = false;
  if (previous && previous.span[0] >= fullStart && text.slice(previous.span[1], start).includes('其中')) {
    if (!(scan.previousWasPart && scan.whole && scan.whole.fullStart === fullStart)) scan.whole = { subject: previous.subject, unit: previous.unit, fullStart };
    isPart = true;
  } else if (scan.whole && scan.whole.fullStart === fullStart && scan.previousWasPart) {
    // The list goes on (…、四川116个; 能源项目30个): a part as long as it counts in the whole's unit.
    isPart = scan.whole.unit === unit;
  } else scan.whole = null;
  const whole = scan.whole;
  scan.previousWasPart = isPart;
  if (isPart && whole && whole.subject && !subject.includes(whole.subject)) return joinPart(whole.subject, subject);
  return subject;
}

/** The figure's period, status and region: its own words first, then the heading, headline and report above. */
function scopeOf(report: ReportScope, previous: PreviousFigure | null, place: FigurePlace, subject: { end: number; words: string }, fullStart: number) {
  const subjectEnd = subject.end;
  const { text, times, paragraphs, regions, context } = report;
  const { start, sentence, clauseStart, windowStart } = place;
  // Own words first (the sentence, the paragraph's lead), then the heading and the headline above.
  const ownPeriod = closedByContext(findPeriod(text, times, start, sentence, paragraphs), context, start);
  // A stock is read at a moment, a flow over the year up to it (stock-flow.ts).
  const period: { period: Period; cue: Cue } | null = fitPeriodToMeasure(
    ownPeriod ?? report.tables.periods.get(start) ?? contextPeriod(context, start),
    `${text.slice(clauseStart, start)} ${subject.words}`,
    // a span in the figure's own clause is kept as written; one leading its sentence or paragraph
    // (全年新开通5条…，航线增至131条) still holds a stock at its end
    ownPeriod !== null && (ownPeriod.cue.span === null || ownPeriod.cue.span[0] >= clauseStart),
  );
  // A goal word governs its full sentence, but not further than a sentence reasonably runs.
  const status = findStatus({
    text,
    at: start,
    scopeStart: Math.max(fullStart, start - 4 * MAX_LOOKBACK),
    reportYear: report.reportYear,
    reportMonth: report.reportMonth,
    ownPeriod: ownPeriod !== null,
    headlinePlan: report.plannedByHeadline,
    sectionPlan: sectionPlanAt(report.plannedSections, start),
    pastPeriod: !!ownPeriod?.period.end && report.reportYear !== null && Number(ownPeriod.period.end.slice(0, 4)) < report.reportYear,
  });
  // A later clause naming no place keeps the region of the sentence's figures before it.
  const region: RegionFind | null =
    findRegion(text, regions, start, sentence, paragraphs, clauseStart, subjectEnd, place.sameSentence ? previous!.regionFind : null, windowStart) ??
    contextRegion(context, start, report.defaultRegion);
  return { period, status, region };
}
