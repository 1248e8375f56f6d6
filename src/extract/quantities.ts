/**
 * The quantity finder (GUIDE.md §2): every number with a measure word after it, read into a value in
 * base units, a unit, an approximation, a measure (level / change / share), the words naming what
 * was measured, the period it covers and the region it is scoped to.
 *
 * `findQuantities` is pure: text, sentences, paragraphs and a time context in, findings out.
 */
import type { Approx, Block, Cue, Measure, Period, Quantity, Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { contextPeriod, contextRegion, documentContext } from './context.ts';
import { lexicon, type UnitEntry } from './lexicon.ts';
import { findStatus, headlinePlan } from './status.ts';
import { findNumbers, scaleExact, type NumberReading } from './numbers.ts';
import { assignRespectively, figureLists } from './respective.ts';
import { nameBatches } from './batches.ts';
import { declaredUnits, type DeclaredUnit } from './tables.ts';
import { fitPeriodToMeasure } from './stock-flow.ts';
import { tagWords } from './segment.ts';
import { findTimeExpressions, timeExpressionsOf, type TimeContext, type TimeExpression } from './time.ts';

/** A quantity as the pure finder returns it; the stage adds `stage`. */
export type QuantityFinding = Omit<Quantity, 'stage'>;

export interface QuantityInput {
  text: string;
  sentences: readonly Span[];
  paragraphs: readonly Span[];
  time: TimeContext;
  /** Time expressions of `text` when the caller already has them. */
  times?: readonly TimeExpression[];
  /** The clean stage's blocks: headings set period and region for the figures under them. */
  blocks?: readonly Block[];
  /** The report's headline, which sets them for every figure that states none. */
  headline?: string | null;
}

/** Characters that end a clause: the unit within which a figure's own words are looked for. */
const CLAUSE_END = new Set(['，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':', '\n']);
/** Words that join the members of a list of figures: 9.3%、16.8% / 14%和30%. */
const LIST_JOINERS = new Set(['、', '和', '与', '及', '或', '，', ',']);
const OPEN_QUOTES = new Set(['“', '"', '「', '『', '‘', '《']);
const LATIN = /[A-Za-zＡ-Ｚａ-ｚ]/;
/** A number touching one of these is part of a code, model name or formula (5G, PM2.5, 1+N, 7×24). */
const CODE_NEIGHBOURS = /[A-Za-zＡ-Ｚａ-ｚ+＋×*＊#@_.．/／]/;
/** Looking further than this for a figure's words is never useful, and keeps the finder linear. */
const MAX_LOOKBACK = 80;
const MAX_SUBJECT_AHEAD = 24;

/** Words that open a clause without naming anything: dropped from the front of a subject. */
const LEADING_FILLERS =
  /^(?:[●•·◆■▲★☆○◎\-—*（(]|同时|此外|另外|其中|并且|而且|目前|当前|现在|累计|共计|总共|共(?![同建享商治赢])|已经|已|还(?![原款])|并(?![购联网表])|均(?![衡值价])|都(?![市])|分别|据不完全统计|据统计|据了解|记者了解到|我们将?|力争|[，,、：:\s])+/;
/** Words that close a subject without naming anything: verbs of being and reaching, approximators. */
const TRAILING_FILLERS =
  /(?:不少于|不低于|至少|最少|不多于|至多|最多|增至|增加到|增长到|提高到|提升至|达到|达|为|是|有|约为|约|近|将近|接近|超过|超出|超|逾|突破|不足|不到|共计|共|累计|总计|合计|分别|均|已|了|\s)+$/;

interface Reading {
  number: NumberReading;
  unit: UnitEntry | null;
  /** Where the figure as printed ends (after the unit). */
  end: number;
  /** Where the figure's trailing qualifier (以上, 左右, 多) ends. */
  tailEnd: number;
  approxInside: Approx | null;
  approxAfter: Approx | null;
  inheritedUnit?: string;
}

export function findQuantities(input: QuantityInput): QuantityFinding[] {
  const { text, sentences, paragraphs } = input;
  const lex = lexicon();
  const unitsByFirstChar = unitIndex(lex.units);
  const times = input.times ?? findTimeExpressions(text, input.time);
  const readings = findNumbers(text)
    .map((n) => readUnit(text, n, unitsByFirstChar))
    .filter((r): r is Reading => r !== null && !insideTime(times, r.number.start));

  // A bare figure in a table takes the unit its column or the table declares (总投资（亿元）, 单位：万元).
  const tableSubjects = new Map<number, string>();
  /** What a table's column header or caption says of when (2021年末（亿元）): its cells' period. */
  const tablePeriods = new Map<number, { period: Period; cue: Cue }>();
  /** A header or caption is read once, not once per cell under it. */
  const tableTimes = new Map<string, TimeExpression[]>();
  const declared = declaredUnits(text, lex.units);
  for (const r of declared.size ? readings : []) {
    const d = declared.get(r.number.start);
    if (r.unit || !d || d.end !== r.number.end || r.number.magnitude || r.number.percent || r.number.kind !== 'arabic') continue;
    r.number = {
      ...r.number,
      value: scaleExact(r.number.value, d.factor),
      ...(r.number.valueMax !== undefined ? { valueMax: scaleExact(r.number.valueMax, d.factor) } : {}),
    };
    r.unit = d.unit;
    tableSubjects.set(r.number.start, d.subject);
    const said = tableTime(d, input.time, tableTimes);
    if (said) tablePeriods.set(r.number.start, said);
  }

  // A number without its own unit takes the unit of the next one in a list: 0.8、1.5个百分点.
  for (let i = readings.length - 2; i >= 0; i--) {
    const r = readings[i];
    const next = readings[i + 1];
    const nextUnit = next.unit?.unit ?? next.inheritedUnit;
    if (r.unit || !nextUnit || next.number.percent) continue;
    const between = text.slice(r.number.end, next.number.start);
    if (between.length === 1 && '、和与及至'.includes(between) && r.number.kind === next.number.kind) r.inheritedUnit = nextUnit;
  }

  const regions = withDeicticPlaces(text, findRegionMentions(text));
  const dominant = dominantRegion(regions);
  const defaultRegion = dominant ? { region: dominant, cue: { level: 'report' as const, span: null, text: dominant } } : null;
  const headline = input.headline?.trim() ? input.headline.trim() : null;
  const plannedByHeadline = headlinePlan(headline, input.time.year);
  const context = documentContext({
    text,
    blocks: input.blocks ?? [],
    times,
    mentions: regions,
    nationalBodies: lexicon().nationalBodies,
    year: input.time.year,
    headline: headline ? { text: headline, times: findTimeExpressions(headline, input.time), mentions: findRegionMentions(headline) } : null,
  });
  const findings: QuantityFinding[] = [];
  /** The words after each finding's unit (its counted noun), for the list pass at the end. */
  const aheads: string[] = [];
  let previous: PreviousFigure | null = null;
  /** The actor named at the head of the current sentence (重庆参保人), for its later clauses. */
  let actor: { clauseStart: number; window: string; windowStart: number; words: string | null } = { clauseStart: -1, window: '', windowStart: 0, words: '' };
  /** Where each finding's trailing qualifier ends (30%以上), for telling the members of a list. */
  const tailEnds: number[] = [];
  /** The whole a 其中 list divides (项目248个，其中重庆132个、四川116个): every part counts its things. */
  let whole: { subject: string; unit: string; fullStart: number } | null = null;
  let previousWasPart = false;

  for (const r of readings) {
    const unit = r.unit?.unit ?? r.inheritedUnit;
    if (!unit || !isQuantity(text, r, unit)) continue;
    const start = r.number.start;
    const sentenceIndex = findSpanAt(sentences, start);
    const sentence: Span = sentenceIndex >= 0 ? sentences[sentenceIndex] : [start, r.end];
    const clauseStart = findClauseStart(text, start, sentence[0]);
    const sameSentence: boolean = previous !== null && previous.sentence[0] === sentence[0];
    // The figure's own words run from the clause start, or from the end of the figure before it.
    // (When the figure before reached past an aside holding this one — 50亿元（首期10亿元）的基金 — from its end.)
    const previousEnd: number = sameSentence ? (previous!.subjectEnd > start ? previous!.span[1] : previous!.subjectEnd) : -1;
    const windowStart: number = sameSentence && previousEnd > clauseStart ? previousEnd : clauseStart;
    const window = text.slice(Math.min(windowStart, start), start);
    const isListContinuation: boolean = sameSentence && window.length > 0 && [...window.trim()].every((c) => LIST_JOINERS.has(c));

    const approx = r.approxInside ?? r.approxAfter ?? findApproxBefore(window) ?? 'exact';
    const ownMeasure = findMeasure(window, unit, text.slice(r.tailEnd, r.tailEnd + 1));
    // In a list (减少环节327个、时间569个工作日) a member with no verb of its own shares the first one's.
    const continuesList: boolean = isListContinuation || (sameSentence && previous!.clauseStart === clauseStart && /^[、和及与]/.test(window));
    // Only a verb carries over (占全国的6.5%、西部的30.4%); in 全球2/3的iPad、8000万台笔记本电脑 the
    // share belongs to the first alone.
    let measure: Measure = continuesList && ownMeasure === 'level' && previous!.measureByVerb ? previous!.measure : ownMeasure;
    const measureByVerb: boolean = measure === 'change' || (measure === 'share' && (ownMeasure !== 'share' || hasShareVerb(window)));

    // After a classifier stands the thing counted (548个港口); after a share, what it is of (21%的动力电池).
    const countsSomething = unit !== '%' && unit !== '百分点';
    const after = countsSomething || text[r.tailEnd] === '的' ? nounAfter(text, r.tailEnd, sentence[1]) : { words: '', end: r.tailEnd };
    const ahead = after.words;
    let subject = findSubject({
      text,
      times,
      window,
      windowStart,
      ahead,
      clauseStart,
      sentence,
      measure,
      isListContinuation,
      previous: sameSentence ? previous : null,
    });
    if (!sameSentence) actor = { clauseStart, window, windowStart, words: null };
    else if (clauseStart > actor.clauseStart && !hasMention(regions, clauseStart, after.end)) {
      // 重庆参保人在四川就医备案11.54万人，住院结算9.42万人次: the sentence's actor is the later clause's
      // too. (Found only when a later clause needs it: segmenting every sentence would cost.)
      actor.words ??= sentenceActor(
        text,
        regions,
        cleanLeft(actor.window, actor.windowStart, times),
        actor.windowStart,
        actor.windowStart + actor.window.length,
      );
      if (actor.words && !subject.includes(actor.words)) subject = joinSubject(actor.words, subject);
    }

    const fullStart = fullStopBefore(text, sentence[0], paragraphs, start);
    let isPart = false;
    if (previous && previous.span[0] >= fullStart && text.slice(previous.span[1], start).includes('其中')) {
      if (!(previousWasPart && whole && whole.fullStart === fullStart)) whole = { subject: previous.subject, unit: previous.unit, fullStart };
      isPart = true;
    } else if (whole && whole.fullStart === fullStart && previousWasPart) {
      // The list goes on (…、四川116个; 能源项目30个): a part as long as it counts in the whole's unit.
      isPart = whole.unit === unit;
    } else whole = null;
    if (isPart && whole && whole.subject && !subject.includes(whole.subject)) subject = joinPart(whole.subject, subject);
    previousWasPart = isPart;

    if (sameSentence && previous!.unit === unit && ownMeasure === 'level' && /年同期/.test(window) && isContentFree(cleanLeft(window, windowStart, times))) {
      // 增长8%，上年同期为6%: last year's figure is the same kind of figure.
      measure = previous!.measure;
    }
    if (!sameSentence && isContentFree(subject)) {
      // 同比增长5.6%；去年同期为2.9万亿元: a clause naming nothing, after a semicolon, speaks of the
      // figure of the same unit before it in the full sentence (else of the last one).
      let base: QuantityFinding | null = null;
      for (let k = findings.length - 1; k >= 0 && findings[k].span[0] >= fullStart; k--) {
        if (findings[k].unit === unit) {
          base = findings[k];
          break;
        }
        base ??= findings[k];
      }
      if (base) {
        subject = joinSubject(base.subject, subject);
        // 增长8%，上年同期为6%: last year's figure is the same kind of figure.
        if (base.unit === unit && ownMeasure === 'level' && /同期/.test(text.slice(clauseStart, start))) measure = base.measure;
      }
    }
    // Own words first (the sentence, the paragraph's lead), then the heading and the headline above.
    const ownPeriod = findPeriod(text, times, start, sentence, paragraphs);
    const period = fitPeriodToMeasure(
      ownPeriod ?? tablePeriods.get(start) ?? contextPeriod(context, start),
      `${text.slice(clauseStart, start)} ${subject}`,
      ownPeriod !== null,
    );
    // A goal word governs its full sentence, but not further than a sentence reasonably runs.
    const status = findStatus({
      text,
      at: start,
      scopeStart: Math.max(fullStart, start - 4 * MAX_LOOKBACK),
      reportYear: input.time.year,
      ownPeriod: ownPeriod !== null,
      headlinePlan: plannedByHeadline,
    });
    // A later clause naming no place keeps the region of the sentence's figures before it.
    const region: RegionFind | null =
      findRegion(text, regions, start, sentence, paragraphs, clauseStart, after.end, sameSentence ? previous!.regionFind : null, windowStart) ??
      contextRegion(context, start, defaultRegion);
    const tableSubject = tableSubjects.get(start);
    if (tableSubject) {
      subject = tableSubject;
      // 同比增长（%）, 占比（%）: the column's name says what kind of figure its cells are.
      if (measure === 'level') measure = findMeasure(tableSubject.split(' ')[0], unit, '');
    }
    const finding: QuantityFinding = {
      span: [start, r.end],
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
      sentence,
    };
    findings.push(finding);
    aheads.push(ahead);
    tailEnds.push(r.tailEnd);
    previous = { ...finding, subjectEnd: after.end, clauseStart, measureByVerb, regionFind: region };
  }
  // 3批次311项“川渝通办”, 51名、50名优秀年轻干部: a classifier with nothing after it counts the
  // same thing as the figure right after it.
  for (let i = findings.length - 2; i >= 0; i--) {
    const f = findings[i];
    const next = findings[i + 1];
    if (
      aheads[i] ||
      next.span[0] - f.span[1] > 1 ||
      !'、和与及'.includes(text.slice(f.span[1], next.span[0])) ||
      f.unit === '%' ||
      f.unit === '百分点' ||
      f.unit === '倍'
    )
      continue;
    aheads[i] = aheads[i + 1];
    if (!f.subject) f.subject = next.subject;
    else if (aheads[i + 1] && !f.subject.includes(aheads[i + 1])) f.subject = joinSubject(f.subject, aheads[i + 1]);
  }
  for (const list of figureLists(text, findings, tailEnds)) {
    if (!pairWithFiguresBefore(text, findings, list)) assignRespectively(text, list, regions);
  }
  nameBatches(text, findings);
  return findings;
}

/**
 * 货物吞吐量2.1亿吨，集装箱吞吐量135万标箱，分别增长3.5%和8.2%: a list of rates right after as many
 * figures, 分别 between, gives each rate the subject (and region) of the figure in its place.
 */
function pairWithFiguresBefore(text: string, findings: QuantityFinding[], list: QuantityFinding[]): boolean {
  const at = findings.indexOf(list[0]);
  const n = list.length;
  if (at < n) return false;
  const before = findings.slice(at - n, at);
  const gap = text.slice(before[n - 1].span[1], list[0].span[0]);
  if (gap.length > 12 || !/^[，,；;]?\s*(?:同比|比上年|较上年)?分别/.test(gap.replace(/^(?:以上|左右|多|余)/, ''))) return false;
  if (before.some((f) => f.measure !== 'level' || f.sentence[0] !== list[0].sentence[0])) return false;
  if (list.some((f) => f.measure === 'level') || new Set(before.map((f) => f.subject)).size < n) return false;
  const verb = gap
    .replace(/^[^，,；;]*[，,；;]\s*/, '')
    .replace(/分别/g, '')
    .trim();
  list.forEach((f, i) => {
    f.subject = joinSubject(before[i].subject, verb);
    f.region = before[i].region;
  });
  return true;
}

/** Whether offset `at` lies inside a time expression (近五年, 两年前, 3个月以来): a period, not a figure. */
function insideTime(times: readonly TimeExpression[], at: number): boolean {
  const i = lastStartingBefore(times, at + 1);
  return i >= 0 && times[i].end > at;
}

/** The figure before, in the same sentence: what a list member or a rate takes its words from. */
type PreviousFigure = QuantityFinding & { subjectEnd: number; clauseStart: number; measureByVerb: boolean; regionFind: RegionFind | null };

interface SubjectInput {
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
  previous: PreviousFigure | null;
}

/** The words naming what a figure measures (GUIDE.md §2 subject), from the clause structure. */
function findSubject(input: SubjectInput): string {
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

const unitIndexes = new WeakMap<readonly UnitEntry[], Map<string, UnitEntry[]>>();
/** Units by their first character (longest first within each), so reading a unit is a short list. */
function unitIndex(units: readonly UnitEntry[]): Map<string, UnitEntry[]> {
  let index = unitIndexes.get(units);
  if (!index) {
    index = new Map();
    for (const u of units) {
      const list = index.get(u.surface[0]) ?? [];
      list.push(u);
      index.set(u.surface[0], list);
    }
    unitIndexes.set(units, index);
  }
  return index;
}

const MAGNITUDES: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };

/** Reads the unit (and any 余/多 before it, any 以上/左右 after it) that follows a number. */
function readUnit(text: string, n: NumberReading, unitsByFirstChar: Map<string, UnitEntry[]>): Reading | null {
  const lex = lexicon();
  if (n.percent) {
    const after = matchPrefix(text, n.end, lex.approxAfter);
    return {
      number: n,
      unit: { surface: '', unit: '%', chinese: true, arabic: true, scale: 1, notBefore: '' },
      end: n.end,
      tailEnd: n.end + (after?.[0].length ?? 0),
      approxInside: null,
      approxAfter: after?.[1] ?? null,
    };
  }
  let pos = n.end;
  const inside = matchPrefix(text, pos, lex.approxInside);
  let approxInside: Approx | null = null;
  if (inside) {
    approxInside = inside[1];
    pos += inside[0].length;
    // 100余万人, 30多亿元: the magnitude comes after the qualifier.
    let factor = 1;
    while (/[十百千万亿]/.test(text[pos] ?? '') && !/[伏瓦米克]/.test(text[pos + 1] ?? '')) factor *= MAGNITUDES[text[pos++]];
    if (factor > 1) n = { ...n, value: scaleExact(n.value, factor), ...(n.valueMax !== undefined ? { valueMax: scaleExact(n.valueMax, factor) } : {}) };
  }
  const candidates = unitsByFirstChar.get(text[pos] ?? '') ?? [];
  let entry: UnitEntry | null = null;
  for (const u of candidates) {
    if (!text.startsWith(u.surface, pos) || !(n.kind === 'chinese' ? u.chinese : u.arabic)) continue;
    // 三成员, 一成不变: the unit's characters begin another word.
    if (u.notBefore && u.notBefore.includes(text[pos + u.surface.length] ?? '\0')) continue;
    entry = u;
    break;
  }
  if (!entry) {
    // A bare number may still take its unit from the next one in a list (0.8、1.5个百分点).
    return inside ? null : { number: n, unit: null, end: n.end, tailEnd: n.end, approxInside: null, approxAfter: null };
  }
  const end = pos + entry.surface.length;
  // 三成 is 30 %: the unit carries a scale.
  if (entry.scale !== 1)
    n = { ...n, value: scaleExact(n.value, entry.scale), ...(n.valueMax !== undefined ? { valueMax: scaleExact(n.valueMax, entry.scale) } : {}) };
  // A Latin unit (kW, TEU) must end where the letters end.
  if (LATIN.test(entry.surface) && LATIN.test(text[end] ?? '')) return null;
  const after = matchPrefix(text, end, lex.approxAfter);
  // 多 after the unit qualifies it only at the end of a phrase (两年多来, 3个多): not in 多家.
  const afterOk = after && (after[0] !== '多' || /^[来，,。；、的]?$/.test(text[end + 1] ?? ''));
  return {
    number: n,
    unit: entry,
    end,
    tailEnd: afterOk ? end + after[0].length : end,
    approxInside,
    approxAfter: afterOk ? after[1] : null,
  };
}

function matchPrefix<T>(text: string, at: number, words: Map<string, T>): [string, T] | null {
  for (const [word, value] of words) if (text.startsWith(word, at)) return [word, value];
  return null;
}

/** What GUIDE.md §2 says is not a quantity: dates, years, ordinals, ranks, codes, names. */
function isQuantity(text: string, r: Reading, unit: string): boolean {
  const n = r.number;
  const before = text[n.start - 1] ?? '';
  const after = text[r.end] ?? '';
  const beforeWord = text.slice(Math.max(0, n.start - 4), n.start).replace(/\s+$/, '');
  // 第四次 (also across a line break), 前10, 倒数 — but 目前10个, 此前3家: 前 ends another word there.
  if (/第$|倒$|(?<![目当此之以提日年月眼空事面])前$/.test(beforeWord)) return false;
  // 几十个, 数百家: no number is stated; 就业人数8.6万人, 总数120个 state one
  if (/[几数]$/.test(beforeWord) && n.kind !== 'arabic') return false;
  if (CODE_NEIGHBOURS.test(before) || /[0-9０-９]/.test(before)) return false;
  if (/[+＋×*＊]/.test(after) || (LATIN.test(text[n.end] ?? '') && !LATIN.test(r.unit?.surface ?? ''))) return false;
  if (before === '-' || before === '－') return false; // 023-6276-2687
  // A year: 2020年, 2020—2025年, 二〇二〇年. 5年来, 两年多来 are periods (the time resolver reads them).
  if (unit === '年' && (n.value >= 1000 || /[月度代]/.test(after))) return false;
  // 两年平均增长4.3%: the years an average is taken over, not a figure.
  if ((unit === '年' || unit === '月') && /^(?:多|余)?(?:以来|来|平均)/.test(text.slice(r.end, r.end + 3))) return false;
  // 今年前5个月, 前三个月: a period the time resolver reads, whatever stands before 前.
  if (unit === '月' && /前$/.test(beforeWord)) return false;
  // A lone 一 is nearly always an article or part of a word (一个, 一批, 统一); so is 〇/零.
  const written = text.slice(n.start, n.end);
  // 增长一倍, 近一成 are figures: a rate word after 一 makes it a number.
  if (n.kind === 'chinese' && /^[一〇零幺]$/.test(written) && !(written === '一' && ((r.unit?.scale ?? 1) !== 1 || unit === '倍'))) return false;
  if (n.kind === 'chinese' && /^[〇零一二三四五六七八九]{2,}$/.test(written)) return false;
  // 240小时过境免签, 1小时交通圈: a duration written straight before a noun names a policy or a goal.
  if (/^(?:小时|分钟|天)$/.test(unit) && /[\u4e00-\u9fa5]/.test(after) && !/[的内以左上多余后前之至到]/.test(after)) return false;
  // “18条”, “四个优势”, “八方协同”: a figure opening a quoted phrase is a name.
  if (OPEN_QUOTES.has(before) && /^[^，。；、,]{0,6}[”"」』’》]/.test(text.slice(r.tailEnd, r.tailEnd + 8))) return false;
  // Inside a document title 《…三年行动方案》.
  // (Looked for within a title's length only, so that the check costs the same on any text.)
  const behind = text.slice(Math.max(0, n.start - 40), n.start);
  const open = behind.lastIndexOf('《');
  if (open >= 0 && behind.lastIndexOf('》') < open && text.slice(n.start, n.start + 40).includes('》')) return false;
  return n.value !== 0 || n.kind === 'arabic';
}

/** A clause that says how a figure was counted, not what it is of. */
const METHOD_CLAUSE = /^(?:按[^，。；]{1,12}(?:计算|计)|扣除[^，。；]{1,12}因素|剔除[^，。；]{1,12}|以[^，。；]{1,8}计)$/;

/** A clause that only says what the clause before brought about: 吸引, 带动, 惠及. */
const CONSEQUENCE = /^(?:吸引|带动|惠及|覆盖|辐射|服务)了?$/;

/** Words that say how a figure moved or compares, but not what it is of. */
const MEASURE_ONLY =
  /^(?:[两二三四五六七八九十\d]+年平均|平均|同比|环比|分别|均|较|比|比上年|全国|全省|全市|高于|低于|快于|增长|增速|下降|提高|增加|减少|降低|上升|占|占比|的|约|超过|近|达|达到|为|了|和|与|及|、|\s)*$/;
const isContentFree = (subject: string): boolean => MEASURE_ONLY.test(subject);

/** Start of the clause before the one starting at `clauseStart`, within the sentence. */
function previousClauseStart(text: string, clauseStart: number, floor: number): number {
  if (clauseStart <= floor) return floor;
  return findClauseStart(text, clauseStart - 1, floor);
}

const CLAUSE_BREAKS = /[，,；;。！？!?：:\n]/g;
let clauseBreaks: { text: string; positions: number[] } = { text: '', positions: [] };

/** Offsets of every clause-ending character of `text`, found in one native scan and kept for the last text. */
function clauseBreaksOf(text: string): number[] {
  if (clauseBreaks.text !== text) {
    const positions: number[] = [];
    CLAUSE_BREAKS.lastIndex = 0;
    for (let m = CLAUSE_BREAKS.exec(text); m; m = CLAUSE_BREAKS.exec(text)) positions.push(m.index);
    clauseBreaks = { text, positions };
  }
  return clauseBreaks.positions;
}

/** Where the clause holding offset `at - 1` starts: after the last clause break before `at`, within the lookback. */
function findClauseStart(text: string, at: number, floor: number): number {
  const limit = Math.max(floor, at - MAX_LOOKBACK);
  const breaks = clauseBreaksOf(text);
  // The last break before `at` (binary search).
  let lo = 0;
  let hi = breaks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && breaks[found] >= limit ? breaks[found] + 1 : limit;
}

/** An approximator just before the figure (约, 超过, 不足), or 约占…的 in front of a share. */
function findApproxBefore(window: string): Approx | null {
  const lex = lexicon();
  const trimmed = window.replace(/[了达\s]+$/, '');
  // 节约, 签约, 制约 end in 约 but do not approximate.
  if (/(?:节|签|制|预|合|简|公|条|履|特|违|集)约$/.test(trimmed)) return null;
  for (const [word, approx] of lex.approxBefore) if (trimmed.endsWith(word)) return approx;
  // 至少新增5条: 至少 governs the verb and its figure.
  if (/(?:至少|最少)[\u4e00-\u9fa5]{1,3}$/.test(trimmed)) return 'over';
  const share = /(约|近|超过?)占[^，。；]*$/.exec(window);
  if (share) return share[1] === '约' || share[1] === '近' ? 'about' : 'over';
  return null;
}

let sharePatterns: { share: RegExp; notShare: RegExp } | null = null;

function hasShareVerb(window: string): boolean {
  if (!sharePatterns) {
    const lex = lexicon();
    const alternation = (words: readonly string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)', 'g');
    sharePatterns = { share: alternation(lex.shareWords), notShare: alternation(lex.notShareWords) };
  }
  const { share, notShare } = sharePatterns;
  share.lastIndex = 0;
  // Most windows hold no share word at all: only those pay for removing 占地, 占用….
  if (!share.test(window)) return false;
  share.lastIndex = 0;
  notShare.lastIndex = 0;
  return share.test(window.replace(notShare, ''));
}

/** Share when 占 (or 全国…的 X%) governs the figure, change when a growth or saving verb does. */
function findMeasure(window: string, unit: string, nextChar: string): Measure {
  const lex = lexicon();
  // 增至, 提高到, 降至: the figure is the new level, not the change.
  const reachesLevel = /(?:增|升|降|减|提高|提升|增加|下降|减少|降低|扩大|缩小|压缩|缩短|缩减|减至|上涨|回落)(?:至|到)$/.test(window.replace(/\s+$/, ''));
  // 占比提高一成, 比重上升0.5个百分点: the share moved; the figure is the change.
  if (/(?:占比|比重|份额)[^，。；]{0,8}(?:提高|提升|上升|增加|下降|降低|减少|扩大|缩小)了?$/.test(window.replace(/\s+$/, ''))) return 'change';
  if (hasShareVerb(window)) return 'share';
  if (unit === '%' && nextChar === '的') return 'share';
  // 完成年度计划的28%, 相当于全国的三成: a percentage of a named whole.
  if (unit === '%' && /的(?:约|近|超过?|逾|不足|不到)?$/.test(window.replace(/\s+$/, ''))) return 'share';
  // 配套率超过80%, 覆盖率达95%: a rate that is a part of a whole (a growth rate is a change).
  if (unit === '%' && /(?<!增长|增|降|涨|速)率[^，。；]{0,4}$/.test(window)) return 'share';
  // 增加值 (value added) and 增长点 name things; they are not an increase.
  const words = window.replace(/增加值|增长点|增长极/g, '');
  if (!reachesLevel && lex.changeWords.some((w) => words.includes(w))) return 'change';
  if (unit === '百分点') return 'change';
  return 'level';
}

/** Words that end the noun phrase after a figure: a copula, a comparison, an approximator. */
const NOUN_STOPWORDS = new Set([
  '的',
  '之',
  '在',
  '为',
  '是',
  '达',
  '达到',
  '超过',
  '超',
  '突破',
  '约',
  '近',
  '逾',
  '不足',
  '不到',
  '累计',
  '共',
  '共计',
  '分别',
  '同比',
  '比',
  '较',
  '占',
  '其中',
]);

/** The noun phrase right after a classifier (548个港口 → 港口), up to a clause break, 的 or a preposition. */
function nounAfter(text: string, from: number, limit: number): { words: string; end: number } {
  // 总规模50亿元（首期10亿元）的母基金: an aside in brackets after the figure (or the bracket closing
  // around it) stands between the figure and what it measures.
  if (text[from] === '（' || text[from] === '(') {
    const close = text.slice(from, Math.min(limit, from + MAX_SUBJECT_AHEAD)).search(/[）)]/);
    if (close > 0 && text[from + close + 1] === '的') from += close + 1;
  } else if ((text[from] === '）' || text[from] === ')') && text[from + 1] === '的') from += 1;
  let end = from;
  const max = Math.min(limit, from + MAX_SUBJECT_AHEAD);
  while (end < max && !CLAUSE_END.has(text[end]) && text[end] !== '、' && !/[0-9０-９]/.test(text[end])) end++;
  const span = text.slice(from, end);
  if (!span) return { words: '', end: from };
  const words = tagWords(span);
  let at = from;
  // 1300亿元的项目, 300万元的集装箱: after 的 stands what the figure measures.
  if (words[0]?.word === '的' && words.length > 1) at += words.shift()!.word.length;
  let taken = '';
  for (const { word, tag } of words) {
    // A joiner right after the figure (95个和60个) starts the next member, not a noun.
    if (tag === 'uj' || tag === 'p' || tag === 'ul' || NOUN_STOPWORDS.has(word) || (!taken && tag === 'c')) break;
    taken += word;
    if (taken.length >= 16) break;
  }
  // Whitespace inside the phrase stays in the text; the subject shows the words.
  return { words: taken.trim(), end: at + taken.length };
}

/** The clause's own words before the figure, without a leading time phrase or trailing verbs. */
function cleanLeft(window: string, windowStart: number, times: readonly TimeExpression[]): string {
  let s = stripTime(window, times, windowStart);
  let previous = '';
  while (previous !== s) {
    previous = s;
    s = s.replace(LEADING_FILLERS, '').replace(TRAILING_FILLERS, '');
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
  return out.replace(/^[，,、：:\s]+/, '');
}

/** A subject names a thing in a few words; one carried along a long list must not grow with it. */
const MAX_SUBJECT = 48;

/** A part's subject: the whole's words, cut short if need be, then all of the part's own. */
function joinPart(whole: string, part: string): string {
  if (!part) return joinSubject(whole, part);
  const room = MAX_SUBJECT - part.length - 1;
  return room <= 0 ? part : `${whole.slice(0, room)} ${part}`;
}

function joinSubject(left: string, right: string): string {
  const joined = !left ? right : !right ? left : `${left} ${right}`;
  return joined.length > MAX_SUBJECT ? joined.slice(0, MAX_SUBJECT) : joined;
}

/**
 * The period: the nearest time expression before the figure in its sentence; else the time phrase
 * that leads its paragraph (今年上半年，…); else none.
 */
function findPeriod(
  text: string,
  times: readonly TimeExpression[],
  at: number,
  sentence: Span,
  paragraphs: readonly Span[],
): { period: Period; cue: Cue } | null {
  let level: Cue['level'] = 'sentence';
  let best: TimeExpression | null = null;
  // A lead phrase governs the clauses after it up to the full stop, across semicolons.
  const scopeStart = fullStopBefore(text, sentence[0], paragraphs, at);
  for (let i = lastStartingBefore(times, at); i >= 0 && times[i].start >= scopeStart; i--) {
    // 较2022年增长28%, 比上年提高: the base of a comparison is not the figure's period.
    if (/(?:较|比|相比|同比|与)$/.test(text.slice(Math.max(0, times[i].start - 2), times[i].start))) continue;
    if (times[i].end <= at) {
      best = times[i];
      break;
    }
  }
  // 截至10月19日，机场今年累计保障旅客2000万人次: a cumulative figure runs to the 截至 date, not the whole year.
  // 截至6月17日24时，现有确诊病例914例: the 截至 date says when 现有 is.
  const deicticNow = best !== null && /^(?:目前|当前|现在|如今|眼下|现有)/.test(text.slice(best.start, best.end));
  if (best && ((best.precision === 'year' && best.open === null) || deicticNow)) {
    for (let i = lastStartingBefore(times, best.start); i >= 0 && times[i].start >= scopeStart; i--) {
      const t = times[i];
      if (t.open === 'until' && t.period.end && (deicticNow || t.period.end.slice(0, 4) === best.period.end?.slice(0, 4))) {
        best = t;
        break;
      }
    }
  }
  if (!best) {
    const p = findSpanAt(paragraphs, at);
    if (p >= 0) {
      const paragraphStart = paragraphs[p][0];
      const i = lastStartingBefore(times, paragraphStart + 3);
      const lead = i >= 0 ? times[i] : null;
      // A day's date leading a paragraph dates its first news, not every figure after it.
      if (lead && lead.precision !== 'day' && lead.start >= paragraphStart && lead.end < at && /^[，,]/.test(text.slice(lead.end, lead.end + 1))) {
        best = lead;
        level = 'paragraph';
      }
      // 一季度全市实现地区生产总值626.9亿元…。其中，一产实现增加值16.9亿元: a later sentence of the
      // paragraph that names no time speaks of the time its paragraph last named.
      // (A few time phrases back at most, so a paragraph of dates stays linear.)
      const last = lastStartingBefore(times, scopeStart);
      for (let i = last; !best && i >= 0 && i > last - 8 && times[i].start >= paragraphStart; i--) {
        const t = times[i];
        // Not a comparison's base (较2016年, 2016年同期) nor an aside in brackets.
        if (t.precision === 'day' || t.open === 'since' || /(?:较|比|相比|同比|与)$/.test(text.slice(Math.max(0, t.start - 2), t.start))) continue;
        if (/^同期/.test(text.slice(t.end, t.end + 2)) || insideBrackets(text, Math.max(paragraphStart, t.start - 4 * MAX_LOOKBACK), t.start)) continue;
        best = t;
        level = 'paragraph';
      }
    }
  }
  if (!best || (best.period.start === null && best.period.end === null)) return null;
  return { period: best.period, cue: { level, span: [best.start, best.end], text: text.slice(best.start, best.end) } };
}

/** Whether `at` stands inside round brackets opened after `from`. */
function insideBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (text[i] === '（' || text[i] === '(') depth++;
    else if ((text[i] === '）' || text[i] === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** Where the full sentence (ended by 。！？, not ；) that holds `sentenceStart` begins, within its paragraph. */
function fullStopBefore(text: string, sentenceStart: number, paragraphs: readonly Span[], at: number): number {
  const p = findSpanAt(paragraphs, at);
  const floor = Math.max(p >= 0 ? paragraphs[p][0] : 0, sentenceStart - 4 * MAX_LOOKBACK);
  for (let i = sentenceStart - 1; i >= floor; i--) if ('。！？!?\n'.includes(text[i])) return i + 1;
  return floor;
}

/** Index of the last item (sorted by start) that starts before `at`, or -1. Binary search. */
function lastStartingBefore(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

interface RegionMention {
  start: number;
  end: number;
  /** What the figure's region reads: 成渝, 重庆, 四川, 成都, or a smaller place as written. */
  region: string;
  /** The side it lies on, for telling whether a clause names both sides. */
  side: string;
  /** The words as they stand in the text. */
  text: string;
}

/** The names by first character, with the lengths they come in (longest first): a scan, not a regex of thousands. */
let mentionIndex: Map<string, { lengths: number[]; names: Set<string> }> | null = null;

function placeIndex(): Map<string, { lengths: number[]; names: Set<string> }> {
  if (mentionIndex) return mentionIndex;
  const lex = lexicon();
  const names = [...lex.regionAliases.entries()].filter(([, region]) => region !== null).map(([a]) => a);
  names.push(...lex.places.keys());
  const index = new Map<string, { lengths: number[]; names: Set<string> }>();
  for (const name of names) {
    let entry = index.get(name[0]);
    if (!entry) index.set(name[0], (entry = { lengths: [], names: new Set() }));
    entry.names.add(name);
    if (!entry.lengths.includes(name.length)) entry.lengths.push(name.length);
  }
  for (const entry of index.values()) entry.lengths.sort((a, b) => b - a);
  mentionIndex = index;
  return index;
}

/** 0 a province (or the Circle's sides), 1 a city, 2 a county or district: how fine a place is. */
const placeLevel = (m: { region: string; side: string }): number => (m.region === m.side ? 0 : /[县区旗]$/.test(m.region) ? 2 : 1);

const ORGANISATION_AFTER = /^(?:银行|农商行|集团|大学|学院|日报|晚报|电视台|广播电视台|海关|证券|商报)/;

/** Every region alias (川渝, 两地, 重庆市…) and known place (沙坪坝区, 绵阳, 美国) in the text, the longest at each place. */
export function findRegionMentions(text: string): RegionMention[] {
  const lex = lexicon();
  const index = placeIndex();
  const mentions: RegionMention[] = [];
  for (let at = 0; at < text.length;) {
    const entry = index.get(text[at]);
    let name: string | null = null;
    if (entry) {
      for (const length of entry.lengths) {
        const candidate = text.slice(at, at + length);
        if (candidate.length === length && entry.names.has(candidate)) {
          name = candidate;
          break;
        }
      }
    }
    if (!name) {
      at++;
      continue;
    }
    const end = at + name.length;
    const alias = lex.regionAliases.get(name);
    const place = alias ? null : lex.places.get(name);
    const region = alias ?? place?.region ?? name;
    // 占全国的6.5%, 全国第一, 全国首个: the whole a share or a rank is of, not the figure's scope.
    const whole =
      region === '全国' &&
      (/(?:占|居|列|超|高于|低于|比|于)$/.test(text.slice(Math.max(0, at - 2), at)) ||
        /^(?:第|首|前|领先|[0-9０-９]|的[0-9０-９]|影响|性|知名|一流|示范|重要|最|闻名|同类|率先|唯一|人民|各族|劳模|人大|政协|两会|统一)/.test(
          text.slice(end, end + 2),
        ));
    // 成都银行内江分行, 南宁海关, 四川大学: a place inside an organisation's name is not the figure's scope.
    const organisation = ORGANISATION_AFTER.test(text.slice(end, end + 4));
    if (!whole && !organisation) {
      const mention = { start: at, end, region, side: alias ?? place?.side ?? region, text: name };
      // 甘肃白银, 四川省内江市, 平顶山市郏县: a place written right after the one containing it is the scope
      const outer = mentions.at(-1);
      if (
        outer &&
        outer.end === at &&
        placeLevel(outer) < placeLevel(mention) &&
        (outer.side === mention.side || (outer.side === '四川' && mention.side === '成都'))
      )
        mentions.pop();
      mentions.push(mention);
    }
    at = end;
  }
  return withTownsAndZones(text, mentions);
}

/** A zone's own name: 上合示范区, 天府新区, 临港新片区 (not 国家级新区, 各示范区). */
const ZONE = /([\u4e00-\u9fff]{2,4}?)(示范区|新片区|新区|自贸试验区|综合保税区)/gu;
const NOT_ZONE_NAME =
  /^(?:国家级?|省级|市级|各|全|该|本|这|此|首批|试点|示范|综合|重点|一批|多个|两个|[一二三四五六七八九十0-9]+个|[一二三四五六七八九十0-9]+家|的|和|与|及)|(?:的|和|与|及|、)$/u;
/** A town written right after its county or city: 晋江县陈埭镇, 临汾市永和县 is a county (known already). */
const TOWN = /^[县市区]?((?![的各等和与及个])[^的各等和与及个一二三四五六七八九十百千两\P{Script=Han}]{2,3}?(?:镇|乡|街道))(?![村民里政府干部长党委])/u;

/**
 * Places the division tables do not hold: development zones by their own names, and towns where
 * the text writes them after their county (then anywhere else in the text too), as written.
 */
function withTownsAndZones(text: string, mentions: RegionMention[]): RegionMention[] {
  const added: RegionMention[] = [];
  // mentions are sorted and do not overlap: the one starting last before `end` is the only one that may
  const taken = (start: number, end: number) => {
    const m = mentions[lastStartingBefore(mentions, end)];
    return m !== undefined && start < m.end;
  };
  if (/示范区|新片区|新区|自贸试验区|综合保税区/.test(text)) {
    for (const m of text.matchAll(ZONE)) {
      const [name, prefix] = [m[0], m[1]];
      if (
        NOT_ZONE_NAME.test(prefix) ||
        /国家|省级|市级|关于|促进|推进|推动|加快|支持|允许|鼓励|引导|依托|统筹|设立|建设|打造|[级大个家批类在对将为向]/.test(prefix) ||
        taken(m.index, m.index + name.length)
      )
        continue;
      added.push({ start: m.index, end: m.index + name.length, region: name, side: name, text: name });
    }
  }
  const towns = new Map<string, string>();
  for (const outer of mentions) {
    const t = TOWN.exec(text.slice(outer.end, outer.end + 7));
    if (t && placeLevel(outer) >= 1) towns.set(t[1], outer.side);
  }
  for (const [town, side] of towns) {
    for (let at = text.indexOf(town); at >= 0; at = text.indexOf(town, at + town.length)) {
      if (!taken(at, at + town.length)) added.push({ start: at, end: at + town.length, region: town, side, text: town });
    }
  }
  if (!added.length) return mentions;
  // a county written right before its town (晋江县陈埭镇) gives way to it, as a province does to its city
  const townStarts = new Set(added.filter((a) => towns.has(a.text)).map((a) => a.start));
  const outerOfTown = (m: RegionMention) => townStarts.has(m.end) || townStarts.has(m.end + 1);
  return [...mentions.filter((m) => !outerOfTown(m)), ...added].sort((a, b) => a.start - b.start);
}

/** 全省, 我省, 本省: the province; 全市, 我市, 本市: the city (not 全市场). */
const DEICTIC = /(?:全|我|本)(省|市)(?!场|民|值|委|政府|级)/g;
const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);
/** How far back a 全省/全市 looks for the province or city it means. */
const DEICTIC_REACH = 600;

/**
 * 全省/我省 and 全市/我市 as the province or city the text last named before them (within a few
 * paragraphs): a report of 四川's statistics bureau says 全省 for 四川, a story of 重庆 says 全市
 * for 重庆. With no such place before them they name nothing (大庆's bulletin never says 大庆).
 */
export function withDeicticPlaces(text: string, mentions: readonly RegionMention[]): RegionMention[] {
  const lex = lexicon();
  const domestic = (m: RegionMention) => m.side !== '全国' && m.side !== '成渝' && (lex.places.has(m.text) || lex.regionAliases.has(m.text));
  const provinceOf = (m: RegionMention) => (domestic(m) ? (m.side === '成都' ? '四川' : m.side) : null);
  const cityOf = (m: RegionMention) =>
    !domestic(m) || placeLevel(m) === 2 ? null : placeLevel(m) === 1 || MUNICIPALITIES.has(m.region) || m.region === '成都' ? m.region : null;
  const added: RegionMention[] = [];
  let k = -1;
  for (const match of text.matchAll(DEICTIC)) {
    while (k + 1 < mentions.length && mentions[k + 1].end <= match.index) k++;
    let region: string | null = null;
    let side = '';
    for (let j = k; j >= 0 && mentions[j].end >= match.index - DEICTIC_REACH && !region; j--) {
      region = match[1] === '省' ? provinceOf(mentions[j]) : cityOf(mentions[j]);
      side = mentions[j].side;
    }
    if (region) added.push({ start: match.index, end: match.index + 2, region, side: match[1] === '省' ? region : side, text: match[0] });
  }
  if (!added.length) return [...mentions];
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}

/** The period a table's column header, else its caption, states (a span, not a comparison's base). */
function tableTime(d: DeclaredUnit, time: TimeContext, memo: Map<string, TimeExpression[]>): { period: Period; cue: Cue } | null {
  for (const written of [d.header, d.caption]) {
    if (!written) continue;
    let times = memo.get(written);
    if (!times) memo.set(written, (times = timeExpressionsOf(written, time)));
    const t = times.find((x) => x.period.end !== null && !/(?:较|比|同比)$/.test(written.slice(Math.max(0, x.start - 2), x.start)));
    if (t) return { period: t.period, cue: { level: 'heading', span: null, text: written.slice(t.start, t.end) } };
  }
  return null;
}

/** The region a report speaks of most; both sides together wins a tie. */
function dominantRegion(mentions: readonly RegionMention[]): string | null {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.side, (counts.get(m.side) ?? 0) + 1);
  let best: string | null = null;
  for (const [region, n] of counts) {
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && region === '成渝')) best = region;
  }
  return best;
}

/**
 * The figure's region: the region named in its clause; else inside the words after it; else the
 * region `carried` from the sentence's figure before; else the nearest place named before it in the
 * sentence or paragraph.
 */

/** A region and the words that set it. */
interface RegionFind {
  region: string;
  cue: Cue;
}

function found(region: string, mention: RegionMention, level: Cue['level']): RegionFind {
  return { region, cue: { level, span: [mention.start, mention.end], text: mention.text } };
}

function findRegion(
  text: string,
  mentions: readonly RegionMention[],
  at: number,
  sentence: Span,
  paragraphs: readonly Span[],
  clauseStart: number,
  subjectEnd: number,
  carried: RegionFind | null,
  memberStart = clauseStart,
): RegionFind | null {
  const i = lastStartingBefore(mentions, at);
  // A list mark inside a place's own name (31个省（自治区、直辖市）) starts no member.
  const around = mentions[lastStartingBefore(mentions, memberStart)];
  if (around && around.start < memberStart && memberStart < around.end) memberStart = clauseStart;
  if (memberStart > clauseStart) {
    // A later member of a list that names its own place (重庆132个、四川116个) is that place's.
    let own: RegionMention | null = null;
    for (let k = i; k >= 0 && mentions[k].start >= memberStart; k--) if (mentions[k].end <= at) own = mentions[k];
    if (own) return found(own.region, own, 'clause');
  }
  // In the figure's clause: both sides joined (重庆市生态环境局与四川省生态环境厅签订协议10项) is 成渝;
  // otherwise the clause's first place is its actor (重庆同四川毗邻的13个区县, 如邻水县80%以上的产品).
  let first: RegionMention | null = null;
  const sides = new Set<string>();
  for (let k = i; k >= 0 && mentions[k].start >= clauseStart; k--) {
    if (mentions[k].end > at) continue;
    first = mentions[k];
    sides.add(mentions[k].side);
  }
  if (first) {
    const joined = sides.size > 1 && /[与和及、]|联合/.test(text.slice(clauseStart, at)) && !sides.has('成渝');
    if (joined && sides.has('重庆') && (sides.has('四川') || sides.has('成都'))) return found('成渝', first, 'clause');
    return found(first.region, first, 'clause');
  }
  // A region inside the words after the figure (300余家川渝企业) names its scope.
  const next = mentions[i + 1];
  if (next && next.start >= at && next.end <= subjectEnd) return found(next.region, next, 'clause');
  if (carried) return carried;
  // The place leading the sentence is its actor (成都、重庆入选…，累计部署…1700余套; 川渝两地已开通…至开州区…，总共7条).
  const lead = sentenceLead(text, mentions, sentence[0], at);
  if (lead) return found(lead.region, lead.mention, 'sentence');
  // Further away, the place named last before it in its sentence or paragraph, as written (内江, not 四川).
  const before = i >= 0 && mentions[i].end <= at ? mentions[i] : null;
  if (before && before.start >= sentence[0]) return found(before.region, before, 'sentence');
  const p = findSpanAt(paragraphs, at);
  if (before && p >= 0 && before.start >= paragraphs[p][0]) return found(before.region, before, 'paragraph');
  return null;
}

/** How far into its sentence (a time phrase and a comma before it) a place still leads it. */
const LEAD_REACH = 12;

/** The side of the place that opens the sentence, or 成渝 when two places of both sides open it joined (成都、重庆). */
function sentenceLead(text: string, mentions: readonly RegionMention[], sentenceStart: number, at: number): { region: string; mention: RegionMention } | null {
  let k = lastStartingBefore(mentions, sentenceStart) + 1;
  const first = mentions[k];
  if (!first || first.start >= sentenceStart + LEAD_REACH || first.end > at) return null;
  // Only a time phrase may stand before it (2020年，川渝两地…), not another noun (…的重庆).
  if (!/^[\s0-9０-９〇零一二三四五六七八九十年月日今去上下半季度前后以来截至目前，,、]*$/.test(text.slice(sentenceStart, first.start))) return null;
  const sides = new Set([first.side]);
  for (let last = first; mentions[k + 1] && mentions[k + 1].end <= at && /^[、与和及]$/.test(text.slice(last.end, mentions[k + 1].start)); k++) {
    last = mentions[k + 1];
    sides.add(last.side);
  }
  if (sides.has('重庆') && (sides.has('四川') || sides.has('成都'))) return { region: '成渝', mention: first };
  return { region: first.side, mention: first };
}

/** Whether a region is named in `[from, to)`. Binary search over the sorted mentions. */
function hasMention(mentions: readonly RegionMention[], from: number, to: number): boolean {
  const i = lastStartingBefore(mentions, to);
  return i >= 0 && mentions[i].start >= from;
}

const ACTOR_MAX = 12;
/**
 * Words that end the actor at the head of a sentence: prepositions, adverbs, comparisons and the
 * verbs these reports state figures with. Matched as words, not segmented: running the segmenter on
 * every sentence's head would cost more than the rest of the finder.
 */
const ACTOR_END =
  /在|从|向|于|对(?!外)|赴|经(?!济|开区)|通过|按照|共同|联合|携手|累计|已经|已|(?<![日月年人户])均|都(?!市)|还|也|将|正在|共计|合计|总计|共|同比|环比|较|比|实现|完成|开行|签署|签订|新设|新增|新建|达到|达|为|是|有|增长|下降|建成|开通|发布|印发|吸引|带动|举办|召开|落地|引进|推动|实施|启动|互设|互认|办理|累积|开展|运输|发送|接待|备案|结算/;

/**
 * The actor at the head of a sentence's first clause, when a place leads it: 重庆参保人 of
 * 重庆参保人在四川就医累计备案, 川渝两地 of 川渝两地共同实施重大项目, 重庆市与四川省 of 重庆市与四川省签署.
 * '' when no place leads the clause.
 */
function sentenceActor(text: string, mentions: readonly RegionMention[], words: string, from: number, to: number): string {
  // The first place named in the clause, if the clause's words (time phrase and fillers gone) open with it.
  const i = lastStartingBefore(mentions, from) + 1;
  const lead = i < mentions.length && mentions[i].end <= to ? text.slice(mentions[i].start, mentions[i].end) : '';
  if (!lead || !words.startsWith(lead)) return '';
  const end = ACTOR_END.exec(words.slice(lead.length));
  const actor = end ? words.slice(0, lead.length + end.index) : words;
  return actor.length <= ACTOR_MAX && actor.length < words.length ? actor : '';
}
