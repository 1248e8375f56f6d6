/**
 * Row shapes as they come out of the database, and the mappers from them to what the store answers
 * (quantities have theirs in quantity-columns.ts, drawn from their column table).
 */
import type { Approx, FigureStatus, Measure } from '../document/index.ts';
import type { ReconcileFact } from '../reconcile/index.ts';
import { toPeriod, valuesOfRow, type QuantityRow } from './quantity-columns.ts';
import type { ReportSummary, SeriesPoint, SourceRef, StoredEvent, StoredItem } from './types.ts';
import { parseJson } from './values.ts';
import { EVENT_COLUMNS, fieldsOf, ITEM_COLUMNS, type EventRow, type ItemRow, type SpotRow } from './fact-columns.ts';

export type { EventRow, ItemRow } from './fact-columns.ts';

export interface ReportRow {
  id: number;
  location: string;
  source: string;
  format: string;
  content_hash: string;
  charset: string;
  title: string | null;
  published: string | null;
  author: string | null;
  site: string | null;
  url: string | null;
  categories: string;
  text: string;
  stages: string;
  messages: string;
  ref_date: string | null;
  ingested_at: string;
  updated_at: string;
}
export interface PointRow {
  id: number;
  indicator_id: string;
  ord: number;
  value: number;
  value_max: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  period_start: string | null;
  period_end: string | null;
  has_period: number;
  date: string | null;
  region: string | null;
  source_count: number;
  sources: string;
}
/** A row of indicator_facts: what reconciling reads of a quantity, under its indicator. */
export type IndicatorFactRow = Pick<
  QuantityRow,
  'report_id' | 'ord' | 'value' | 'value_max' | 'unit' | 'approx' | 'measure' | 'subject' | 'period_start' | 'period_end' | 'has_period' | 'region'
> & { indicator_id: string; quantity_id: number; ref_date: string | null };
export interface SourceRow extends SpotRow {
  quantity_id: number;
  title: string | null;
  published: string | null;
  source: string;
}
export interface IndicatorRow {
  id: string;
  name_zh: string;
  name_en: string | null;
  area: string | null;
  unit: string;
  measure: Measure;
  catalogued: number;
  description: string | null;
  patterns: string;
}
export interface ConflictRow {
  id: number;
  indicator_id: string;
  region: string | null;
  date: string | null;
  member_count: number;
  report_count: number;
  reason: string;
}

/** A report row with its facts counted (SUMMARY_COLUMNS). */
export type SummaryRow = ReportRow & { quantity_count: number; event_count: number; item_count: number };

/** The columns of a report summary, its text left out (a report's detail reads it). */
export const SUMMARY_COLUMNS = `r.id, r.location, r.source, r.format, r.content_hash, r.charset, r.title, r.published,
  r.author, r.site, r.url, r.categories, r.stages, r.messages, r.ref_date, r.ingested_at, r.updated_at, '' AS text,
  (SELECT count(*) FROM quantities WHERE report_id = r.id) AS quantity_count,
  (SELECT count(*) FROM events WHERE report_id = r.id) AS event_count,
  (SELECT count(*) FROM items WHERE report_id = r.id) AS item_count`;

export function summaryFromRow(r: SummaryRow): ReportSummary {
  return {
    id: r.id,
    source: r.source,
    location: r.location,
    format: r.format,
    title: r.title,
    published: r.published,
    site: r.site,
    url: r.url,
    contentHash: r.content_hash,
    ingestedAt: r.ingested_at,
    quantityCount: r.quantity_count,
    eventCount: r.event_count,
    itemCount: r.item_count,
  };
}

/** A quantity fact as filing reads it, with the analyst's rejection and move. */
export type FilingFact = ReconcileFact & { ord: number; status: FigureStatus; rejected?: boolean; indicatorOverride?: string | null };

export const filingFactOfRow = (r: QuantityRow & { ref_date: string | null }): FilingFact => ({
  quantityId: r.id,
  reportId: r.report_id,
  ord: r.ord,
  ...valuesOfRow(r),
  refDate: r.ref_date,
  rejected: r.rejected === 1,
  indicatorOverride: r.indicator_override,
});

export const sourceFromRow = (s: SourceRow): SourceRef => ({
  reportId: s.report_id,
  quantityId: s.quantity_id,
  title: s.title,
  published: s.published,
  source: s.source,
  sentence: aroundFigure(s.sentence_text, s.surface),
  span: [s.span_start, s.span_end],
  text: s.surface,
});

/**
 * A source as a series point lists it: the words around its figure, at most SOURCE_EXCERPT
 * characters (the report page shows the whole sentence). Points keep their first sources inline,
 * so a run-on report of thousands of figures would otherwise store its text many times over.
 */
const SOURCE_EXCERPT = 120;
function aroundFigure(sentence: string, figure: string): string {
  if (sentence.length <= SOURCE_EXCERPT) return sentence;
  const at = Math.max(0, sentence.indexOf(figure));
  const side = Math.max(0, Math.floor((SOURCE_EXCERPT - figure.length) / 2));
  const start = Math.max(0, Math.min(at - side, sentence.length - SOURCE_EXCERPT));
  const end = Math.min(sentence.length, start + SOURCE_EXCERPT);
  return `${start > 0 ? '…' : ''}${sentence.slice(start, end)}${end < sentence.length ? '…' : ''}`;
}

export function eventFromRow(r: EventRow): StoredEvent {
  return fieldsOf(EVENT_COLUMNS, r);
}

export function itemFromRow(r: ItemRow & { title?: string | null; published?: string | null }): StoredItem {
  const item = fieldsOf(ITEM_COLUMNS, r);
  if ('title' in r) item.reportTitle = r.title ?? null;
  if ('published' in r) item.published = r.published ?? null;
  return item;
}

export function pointFromRow(p: PointRow): SeriesPoint {
  return {
    value: p.value,
    valueMax: p.value_max,
    unit: p.unit,
    approx: p.approx,
    measure: p.measure,
    period: toPeriod(p.period_start, p.period_end, p.has_period),
    date: p.date,
    region: p.region,
    sources: parseJson<SourceRef[]>(p.sources, []),
    sourceTotal: p.source_count,
  };
}
