/**
 * The store's answer types for reports and their facts (see types.ts for the whole interface).
 * Plain JSON-able rows: no class instances, no Dates, no BigInts.
 */
import type { Cue, Quantity, Span } from '../document/index.ts';
import type { FigureAction, FigureFields } from './types-curation.ts';

/** The nine key areas of the Circle an indicator belongs to: the catalogue's one list. */
export { KEY_AREA_NAMES as KEY_AREAS, type KeyAreaName as KeyArea } from '../reconcile/catalog.ts';
import type { KeyAreaName as KeyArea } from '../reconcile/catalog.ts';

export interface OpenStoreOptions {
  /** Open without writing (queries only); migrations are not applied. */
  readonly?: boolean;
  /** Path of the indicator catalogue (YAML or JSON); default `TWINCITY_CATALOG`, else `data/indicators.yaml`. */
  catalogPath?: string;
  /**
   * Conflicts: as-of dates this many days apart still count as the same moment. Default
   * `TWINCITY_CONFLICT_WINDOW_DAYS`, else 31.
   */
  conflictWindowDays?: number;
}

export type IngestStatus = 'new' | 'unchanged' | 'replaced';

export interface IngestResult {
  status: IngestStatus;
  reportId: number;
}

export interface Page<T> {
  total: number;
  /** Set when total counts only a bounded window of the matches (search: the newest SEARCH_WINDOW). */
  totalIsLowerBound?: boolean;
  limit: number;
  offset: number;
  rows: T[];
}

export interface ReportSummary {
  id: number;
  source: string;
  location: string;
  format: string;
  title: string | null;
  published: string | null;
  site: string | null;
  url: string | null;
  contentHash: string;
  ingestedAt: string;
  quantityCount: number;
  eventCount: number;
  itemCount: number;
}

/** A stored figure: the extractor's reading (Quantity's fields), where it stands, and what filed and corrected it. */
export interface StoredQuantity extends Pick<Quantity, 'value' | 'unit' | 'approx' | 'measure' | 'subject' | 'period' | 'region' | 'status'> {
  id: number;
  reportId: number;
  span: Span;
  /** The text under `span`. */
  text: string;
  valueMax: number | null;
  sentence: Span;
  sentenceText: string;
  stage: string;
  /** The indicator (catalogue id, or `auto:…` for an uncatalogued group) it was reconciled to. */
  indicatorId: string | null;
  /** The words that set its period, region and status, and the rule that filed it. */
  cues: { period: Cue | null; region: Cue | null; status: Cue | null; indicator?: string | null };
  /** The analyst's decision on this figure (its fields above already read as corrected); null: as the machine read it. */
  curation: CurationMark | null;
}

/** What the dashboard shows of a decision on a figure. */
export interface CurationMark {
  id: number;
  action: FigureAction;
  actor: string;
  at: string;
  reason: string | null;
  /** The fields the analyst set (the rest are the machine's). */
  fields: FigureFields;
  /** The machine's reading when the decision was made. */
  machine: FigureFields;
}

export interface StoredEvent {
  id: number;
  reportId: number;
  span: Span;
  text: string;
  date: string;
  summary: string;
  sentence: Span;
  sentenceText: string;
  stage: string;
  /** Key areas the event's sentence touches (from the catalogue's area keywords). */
  areas: KeyArea[];
}

export interface StoredItem {
  id: number;
  reportId: number;
  span: Span;
  text: string;
  name: string;
  total: number | null;
  done: number | null;
  sentence: Span;
  sentenceText: string;
  stage: string;
  areas: KeyArea[];
  /** Filled when listing items across reports. */
  reportTitle?: string | null;
  published?: string | null;
}

export interface ReportDetail extends ReportSummary {
  author: string | null;
  categories: string[];
  charset: string;
  text: string;
  stages: string[];
  quantities: StoredQuantity[];
  events: StoredEvent[];
  items: StoredItem[];
  messages: { reason: string; ruleId: string; source: string; severity: string; span: Span | null }[];
}

/** One report a series point or conflict side rests on. */
export interface SourceRef {
  reportId: number;
  quantityId: number;
  title: string | null;
  published: string | null;
  source: string;
  sentence: string;
  span: Span;
  /** The figure as printed (text under `span`). */
  text: string;
}
