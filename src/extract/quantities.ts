/**
 * The quantity finder (GUIDE.md §2): every number with a measure word after it, read into a value in
 * base units, a unit, an approximation, a measure (level / change / share), the words naming what
 * was measured, the period it covers and the region it is scoped to.
 *
 * `findQuantities` is pure: text, sentences, paragraphs and a time context in, findings out. It runs
 * in passes, each in its own file: units (units.ts, table-cells.ts), what is no quantity
 * (non-quantities.ts), the scan reading each figure in its place (figure-scan.ts: clauses.ts,
 * measure.ts, subject.ts, period.ts, region.ts, status.ts), then the lists (lists.ts) and batches.
 */
import type { Block, Quantity, Span } from '../document/index.ts';
import { nameBatches } from './batches.ts';
import { documentContext } from './context.ts';
import { readFigure, startScan, type ReportScope } from './figure-scan.ts';
import { lexicon } from './lexicon.ts';
import { readLists } from './lists.ts';
import { dominantRegion, findRegionMentions, withDeicticPlaces } from './region-mentions.ts';
import { headlinePlan, sectionPlans } from './status.ts';
import { readTableCells, type TableCells } from './table-cells.ts';
import { findTimeExpressions, type TimeContext, type TimeExpression } from './time.ts';
import { inheritListUnits, readFigures } from './units.ts';

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

export function findQuantities(input: QuantityInput): QuantityFinding[] {
  const { text } = input;
  const lex = lexicon();
  const times = input.times ?? findTimeExpressions(text, input.time);
  const readings = readFigures(text, times, lex.units);
  // A bare figure in a table takes the unit its column or the table declares (总投资（亿元）, 单位：万元).
  const tables = readTableCells(text, readings, lex.units, input.time);
  // A number without its own unit takes the unit of the next one in a list: 0.8、1.5个百分点.
  inheritListUnits(text, readings);
  const report = reportScope(input, times, tables);
  const scan = startScan();
  for (const r of readings) readFigure(report, scan, r);
  readLists(text, scan.findings, scan.aheads, scan.tailEnds, report.regions);
  nameBatches(text, scan.findings);
  return scan.findings;
}

/** What holds for every figure of the report: its places, the region it speaks of most, its headings and headline. */
function reportScope(input: QuantityInput, times: readonly TimeExpression[], tables: TableCells): ReportScope {
  const { text } = input;
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
  return {
    text,
    sentences: input.sentences,
    paragraphs: input.paragraphs,
    times,
    reportYear: input.time.year,
    reportMonth: input.time.anchor ? Number(input.time.anchor.slice(5, 7)) : null,
    tables,
    regions,
    defaultRegion,
    plannedByHeadline,
    plannedSections: sectionPlans(
      text,
      context.headings.map((h) => h.span),
      input.time.year,
    ),
    context,
  };
}
