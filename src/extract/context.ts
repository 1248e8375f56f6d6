/**
 * Document context (GUIDE §2 `period`, `region`): a figure that states no period or place of its
 * own takes it from the section heading it stands under, else from the report's headline
 * (《2023年一季度四川工业运行分析》 dates every figure below it). Pure: the caller supplies the time
 * expressions and region mentions of the headline and the text.
 */
import type { Block, Cue, Period, Span } from '../document/index.ts';
import { gluedHeadlines } from './stories.ts';
import type { TimeExpression } from './time.ts';

/** What a heading or headline sets for the figures under it. */
export interface ContextCue {
  period: Period | null;
  periodCue: Cue | null;
  region: string | null;
  regionCue: Cue | null;
}

export interface RegionName {
  start: number;
  end: number;
  region: string;
}

export interface DocumentContext {
  /**
   * Headings in text order, with what each sets, and the place its section speaks of (the place it
   * names most, else the nation when a national body speaks in it and it names no place).
   */
  headings: { span: Span; cue: ContextCue; section: { region: string; cue: Cue } | null }[];
  headline: ContextCue;
  /**
   * The report's lead paragraph, when it stands before the first heading and names the span the
   * report covers (一季度，全市经济…; 首季"开门红"): it sets the period below like a headline.
   */
  lead: { period: Period; cue: Cue } | null;
  /**
   * A collection of stories (a broadcast transcript, a news roundup): its headings name two or more
   * places, or a paragraph runs stories together (stories.ts). A story's figures then take their place
   * from their own story, never from the others'.
   */
  stories: boolean;
}

/** The period a heading or headline sets: its first time phrase that is a span, not a day's date. */
function periodIn(times: readonly TimeExpression[], from: number, to: number): TimeExpression | null {
  for (const t of times) {
    if (t.start < from || t.end > to) continue;
    // 7月1日 in a headline dates its news, not the figures; a comparison's base (较2022年) is no period.
    if (t.precision === 'day' || (t.period.start === null && t.period.end === null)) continue;
    return t;
  }
  return null;
}

function regionIn(mentions: readonly RegionName[], from: number, to: number): RegionName | null {
  for (const m of mentions) if (m.start >= from && m.end <= to) return m;
  return null;
}

function cueOf(
  text: string,
  span: Span,
  level: 'heading' | 'headline',
  times: readonly TimeExpression[],
  mentions: readonly RegionName[],
  offset: number,
): ContextCue {
  const t = periodIn(times, span[0], span[1]);
  const m = regionIn(mentions, span[0], span[1]);
  const at = (a: number, b: number): Span | null => (level === 'heading' ? [a + offset, b + offset] : null);
  return {
    period: t ? t.period : null,
    periodCue: t ? { level, span: at(t.start, t.end), text: text.slice(t.start, t.end) } : null,
    region: m ? m.region : null,
    regionCue: m ? { level, span: at(m.start, m.end), text: text.slice(m.start, m.end) } : null,
  };
}

/** What a heading sets; a roundup's heading (国内联播快讯, `domestic` allowed) speaks of the nation when it names no place. */
function headingCue(text: string, span: Span, domestic: boolean, times: readonly TimeExpression[], mentions: readonly RegionName[]): ContextCue {
  const cue = cueOf(text, span, 'heading', times, mentions, 0);
  const at = domestic && !cue.region ? text.slice(span[0], span[1]).indexOf('国内') : -1;
  if (at < 0) return cue;
  return { ...cue, region: '全国', regionCue: { level: 'heading', span: [span[0] + at, span[0] + at + 2], text: '国内' } };
}

export function documentContext(input: {
  text: string;
  blocks: readonly Block[];
  times: readonly TimeExpression[];
  mentions: readonly RegionName[];
  headline: { text: string; times: readonly TimeExpression[]; mentions: readonly RegionName[] } | null;
  nationalBodies?: readonly string[];
  /** The report's year, for a lead that names its quarter without one (首季"开门红"). */
  year?: number | null;
}): DocumentContext {
  const blockSpans = input.blocks.filter((b) => b.kind === 'heading' || isNumberedHeading(input.text, b)).map((b) => b.span);
  // a headline glued to its story's first sentence heads that story like a heading (stories.ts), and
  // so does a short unpunctuated line between paragraphs (a story's headline in a transcript)
  const gluedToStory = gluedHeadlines(input.text, input.blocks);
  const glued = [...gluedToStory, ...input.blocks.filter((_, i) => isBareHeading(input.text, input.blocks, i)).map((b) => b.span)];
  const spans = [...blockSpans, ...glued].sort((a, b) => a[0] - b[0]);
  const blockStarts = new Set(blockSpans.map((span) => span[0]));
  let block: ContextCue | null = null;
  const headings = spans.map((span, i) => {
    const isGlued = !blockStarts.has(span[0]);
    const cue = headingCue(input.text, span, !isGlued, input.times, input.mentions);
    const section = sectionPlace(input.text, [span[1], i + 1 < spans.length ? spans[i + 1][0] : input.text.length], input.mentions, input.nationalBodies ?? []);
    if (!isGlued) block = cue;
    // a story glued under a roundup's heading (国内联播快讯) that names no place keeps the heading's
    const roundup = isGlued && !section && block?.region && block.regionCue ? { region: block.region, cue: block.regionCue } : null;
    return { span, cue, section: section ?? roundup };
  });
  const h = input.headline;
  let headline = h ? cueOf(h.text, [0, h.text.length], 'headline', h.times, h.mentions, 0) : { period: null, periodCue: null, region: null, regionCue: null };
  // 国内联播快讯 as the report's headline: a roundup of domestic news, the nation where a story names no place
  if (h && !headline.region && h.text.includes('国内')) headline = { ...headline, region: '全国', regionCue: { level: 'headline', span: null, text: '国内' } };
  const named = new Set(headings.map((x) => x.cue.region).filter((r) => r !== null));
  return {
    headings,
    headline,
    lead: leadPeriod(input.text, input.blocks, blockSpans, input.times, input.year ?? null),
    stories: named.size >= 2 || gluedToStory.length > 0,
  };
}

/** 一、经济运行基本特点 / （二）设施农业…稳步推进。: a short paragraph led by a section number is a heading. */
const NUMBERED_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。！？!?]{2,36}[。]?\s*$/;
function isNumberedHeading(text: string, block: Block): boolean {
  return block.kind === 'paragraph' && block.span[1] - block.span[0] <= 44 && NUMBERED_HEADING.test(text.slice(block.span[0], block.span[1]));
}

/** A byline, a source line or a sign-off: short, unpunctuated, and no heading. */
const NOT_A_HEADING = /记者|编辑|来源|摄|通讯员|供图|图为|（完）|^\s*[（(]/u;

/**
 * 广州：调研查难点 检视出实招 between paragraphs: a short paragraph with no sentence punctuation,
 * after the first and before a longer one, heads the paragraphs under it (a page that marks its
 * subheadings by style only, or a transcript that has none).
 */
function isBareHeading(text: string, blocks: readonly Block[], i: number): boolean {
  const b = blocks[i];
  const next = blocks[i + 1];
  if (i === 0 || !next || b.kind !== 'paragraph' || next.kind !== 'paragraph') return false;
  const line = text.slice(b.span[0], b.span[1]).trim();
  const chinese = line.match(/[\u4e00-\u9fff]/gu)?.length ?? 0;
  return (
    chinese >= 6 &&
    line.length <= 30 &&
    !/[。！？!?；;，,]/u.test(line) &&
    !/[：:]$/u.test(line) &&
    !NOT_A_HEADING.test(line) &&
    next.span[1] - next.span[0] > line.length * 1.5
  );
}

const FIRST_QUARTER = /首季度?(?=[“"「『]?开门红|[，。、])/;

/**
 * A report's lead sets its period when it is the first paragraph of a report with headings (an
 * analysis: lead, then numbered sections) and names a reporting span: a quarter, a half, the first
 * months of a year (not a day, a year alone, or an open 以来/截至).
 */
function leadPeriod(
  text: string,
  blocks: readonly Block[],
  headingSpans: readonly Span[],
  times: readonly TimeExpression[],
  year: number | null,
): { period: Period; cue: Cue } | null {
  if (!headingSpans.length) return null;
  const lead = blocks.find((b) => b.kind === 'paragraph' && !isNumberedHeading(text, b));
  if (!lead || lead.span[0] > headingSpans[0][0]) return null;
  // 首季: statistical bureaus' "first quarter", a period only where a lead sums up the report
  const firstQuarter = year ? FIRST_QUARTER.exec(text.slice(lead.span[0], lead.span[1])) : null;
  if (firstQuarter && year) {
    const at = lead.span[0] + firstQuarter.index;
    return {
      period: { start: `${year}-01-01`, end: `${year}-03-31` },
      cue: { level: 'paragraph', span: [at, at + firstQuarter[0].length], text: firstQuarter[0] },
    };
  }
  for (const t of times) {
    if (t.start < lead.span[0]) continue;
    if (t.end > lead.span[1]) break;
    const { start, end } = t.period;
    // 2014年，全市上下…: an annual review's lead opening with its year sets that year below
    const opensWithYear = t.start === lead.span[0] && t.precision === 'year' && !t.open && /^[，,]/u.test(text.slice(t.end, t.end + 1));
    if (opensWithYear && start && end && (year === null || Number(start.slice(0, 4)) <= year))
      return { period: t.period, cue: { level: 'paragraph', span: [t.start, t.end], text: text.slice(t.start, t.end) } };
    if (t.open || t.precision !== 'span' || !start || !end || start.slice(0, 4) !== end.slice(0, 4) || !start.endsWith('-01-01') || end.endsWith('-12-31'))
      continue;
    return { period: t.period, cue: { level: 'paragraph', span: [t.start, t.end], text: text.slice(t.start, t.end) } };
  }
  return null;
}

/** The place a section names most (the first of a tie), else 全国 when a national body speaks in a section naming none. */
function sectionPlace(text: string, span: Span, mentions: readonly RegionName[], nationalBodies: readonly string[]): { region: string; cue: Cue } | null {
  const counts = new Map<string, { n: number; first: RegionName }>();
  // mentions are in text order: start at the section's first one (a report of many stories stays linear)
  let lo = 0;
  for (let hi = mentions.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < span[0]) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < mentions.length && mentions[k].start < span[1]; k++) {
    const m = mentions[k];
    if (m.end > span[1]) continue;
    const c = counts.get(m.region);
    if (c) c.n++;
    else counts.set(m.region, { n: 1, first: m });
  }
  let best: { n: number; first: RegionName } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  if (best)
    return {
      region: best.first.region,
      cue: { level: 'section', span: [best.first.start, best.first.end], text: text.slice(best.first.start, best.first.end) },
    };
  const section = text.slice(span[0], span[1]);
  let national: { at: number; body: string } | null = null;
  for (const body of nationalBodies) {
    const at = section.indexOf(body);
    if (at >= 0 && (!national || at < national.at)) national = { at, body };
  }
  if (!national) return null;
  const start = span[0] + national.at;
  return { region: '全国', cue: { level: 'section', span: [start, start + national.body.length], text: national.body } };
}

/** The place of the section a position stands in. */
function sectionAt(context: DocumentContext, at: number): { region: string; cue: Cue } | null {
  const i = headingIndex(context, at);
  return i >= 0 ? context.headings[i].section : null;
}

/** The heading a position stands under (the last heading before it), or null. */
export function headingAt(context: DocumentContext, at: number): ContextCue | null {
  const i = headingIndex(context, at);
  return i >= 0 ? context.headings[i].cue : null;
}

/** The span of the heading a position stands under, or null. */
export function headingSpanAt(context: DocumentContext, at: number): Span | null {
  const i = headingIndex(context, at);
  return i >= 0 ? context.headings[i].span : null;
}

function headingIndex(context: DocumentContext, at: number): number {
  let lo = 0;
  let hi = context.headings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // a figure inside a heading (a glued headline's own 超91亿元) stands under it, not the one before
    if (context.headings[mid].span[0] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The period and its cue from the document context, for a figure with none of its own. */
export function contextPeriod(context: DocumentContext, at: number): { period: Period; cue: Cue } | null {
  const heading = headingAt(context, at);
  if (heading?.period && heading.periodCue) return { period: heading.period, cue: heading.periodCue };
  const { headline } = context;
  if (headline.period && headline.periodCue) return { period: headline.period, cue: headline.periodCue };
  return context.lead;
}

/**
 * The region and its cue from the document context, for a figure whose sentence names none: its
 * section heading's place, else the report's own (`dominant`, the region it names most) when that is
 * both sides together — a report of joint work headlined 《重庆…唱好双城记》 speaks of both — else the
 * headline's place, else the dominant one.
 */
export function contextRegion(context: DocumentContext, at: number, dominant: { region: string; cue: Cue } | null): { region: string; cue: Cue } | null {
  const heading = headingAt(context, at);
  const { headline } = context;
  if (heading?.region && heading.regionCue) return { region: heading.region, cue: heading.regionCue };
  // in a collection of stories, the story's own place or none: another story's place is no guess
  // (a domestic roundup's the nation)
  if (context.stories && heading) {
    const roundup = headline.region && headline.regionCue?.text === '国内' ? { region: headline.region, cue: headline.regionCue } : null;
    return sectionAt(context, at) ?? roundup;
  }
  if (dominant?.region === '成渝') return dominant;
  if (headline.region && headline.regionCue) return { region: headline.region, cue: headline.regionCue };
  return dominant;
}
