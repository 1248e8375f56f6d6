/**
 * Document context (GUIDE §2 `period`, `region`): a figure that states no period or place of its
 * own takes it from the section heading it stands under, else from the report's headline
 * (《2023年一季度四川工业运行分析》 dates every figure below it). Pure: the caller supplies the time
 * expressions and region mentions of the headline and the text.
 */
import type { Block, Cue, Period, Span } from '../document/index.ts';
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
  /** Headings in text order, with what each sets. */
  headings: { span: Span; cue: ContextCue }[];
  headline: ContextCue;
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

export function documentContext(input: {
  text: string;
  blocks: readonly Block[];
  times: readonly TimeExpression[];
  mentions: readonly RegionName[];
  headline: { text: string; times: readonly TimeExpression[]; mentions: readonly RegionName[] } | null;
}): DocumentContext {
  const headings = input.blocks
    .filter((b) => b.kind === 'heading')
    .map((b) => ({ span: b.span, cue: cueOf(input.text, b.span, 'heading', input.times, input.mentions, 0) }));
  const h = input.headline;
  const headline = h ? cueOf(h.text, [0, h.text.length], 'headline', h.times, h.mentions, 0) : { period: null, periodCue: null, region: null, regionCue: null };
  return { headings, headline };
}

/** The heading a position stands under (the last heading before it), or null. */
export function headingAt(context: DocumentContext, at: number): ContextCue | null {
  let lo = 0;
  let hi = context.headings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (context.headings[mid].span[1] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? context.headings[found].cue : null;
}

/** The period and its cue from the document context, for a figure with none of its own. */
export function contextPeriod(context: DocumentContext, at: number): { period: Period; cue: Cue } | null {
  const heading = headingAt(context, at);
  if (heading?.period && heading.periodCue) return { period: heading.period, cue: heading.periodCue };
  const { headline } = context;
  if (headline.period && headline.periodCue) return { period: headline.period, cue: headline.periodCue };
  return null;
}

/**
 * The region and its cue from the document context, for a figure whose sentence names none: its
 * section heading's place, else the report's own (`dominant`, the region it names most) when that is
 * both sides together — a report of joint work headlined 《重庆…唱好双城记》 speaks of both — else the
 * headline's place, else the dominant one.
 */
export function contextRegion(context: DocumentContext, at: number, dominant: { region: string; cue: Cue } | null): { region: string; cue: Cue } | null {
  const heading = headingAt(context, at);
  if (heading?.region && heading.regionCue) return { region: heading.region, cue: heading.regionCue };
  if (dominant?.region === '成渝') return dominant;
  const { headline } = context;
  if (headline.region && headline.regionCue) return { region: headline.region, cue: headline.regionCue };
  return dominant;
}
