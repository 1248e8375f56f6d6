/** The store's answer types for indicators, series, conflicts, the timeline, search, stats and exports (see types.ts). */
import type { Approx, Measure, Period, Span } from '../document/index.ts';
import type { KeyArea, SourceRef } from './types-facts.ts';

export interface SeriesPoint {
  value: number;
  valueMax: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  period: Period | null;
  /** The period end (or start) used for ordering and charts, `YYYY-MM-DD`; falls back to the report date. */
  date: string | null;
  region: string | null;
  /**
   * The first SOURCES_PER_POINT sources by ingest order, stored with the point (a point repeated by
   * thousands of reports is read in bounded time); Store.pointSources pages through all of them.
   * In an indicator's detail only the last SERIES_SOURCES_INLINE points carry them (others: []).
   */
  sources: SourceRef[];
  /** How many sources the point has in all (≥ sources.length). */
  sourceTotal?: number;
}

export interface IndicatorSummary {
  id: string;
  nameZh: string;
  nameEn: string | null;
  area: KeyArea | null;
  unit: string;
  measure: Measure;
  /** false for groups formed automatically from quantities no catalogue entry matched. */
  catalogued: boolean;
  latest: SeriesPoint | null;
  pointCount: number;
  sourceCount: number;
  conflictCount: number;
  /** Up to 12 recent points, oldest first, for a sparkline. */
  sparkline: { date: string | null; value: number }[];
}

export interface IndicatorDetail extends IndicatorSummary {
  /** Set when an analyst merged this indicator into another: its figures are filed there. */
  mergedInto: string | null;
  /** Set when an analyst promoted, renamed or split off this indicator. */
  curated: { actor: string; at: string } | null;
  /** Why its figures are filed here: the filing rule (catalogue entry and synonym, or automatic key) or an analyst's move, most figures first. */
  filedBy: { rule: string; figures: number }[];
  description: string | null;
  patterns: string[];
  series: SeriesPoint[];
  /** The newest DETAIL_CONFLICTS conflict groups of the indicator (conflictCount has the total; Store.conflicts pages them all). */
  conflicts: Conflict[];
  /** Every series point (by ord) that is a value of some conflict group, those beyond a group's inline members included. */
  conflictedOrds: number[];
}

/** One value of a conflict group: a series point that disagrees with another member. */
export interface ConflictMember {
  /** The series point's row id (rebuilt with its indicator) and its place in the series (IndicatorDetail.series[ord]). */
  pointId: number;
  ord: number;
  /** The value as its first source printed it, qualifier and unit included ("300余家"). */
  printed: string;
  value: number;
  valueMax: number | null;
  unit: string;
  approx: Approx;
  period: Period | null;
  date: string | null;
  /** The first SOURCES_PER_POINT sources by ingest order (Store.pointSources pages through all of them). */
  sources: SourceRef[];
  /** How many sources the member has in all (≥ sources.length). */
  sourceTotal?: number;
}

/**
 * A conflict (issue 16): every value that disagrees with another for one indicator, region and date
 * (the same period, or as-of dates within the conflict window), as one group.
 */
export interface Conflict {
  id: number;
  indicatorId: string;
  indicatorName: string;
  area: KeyArea | null;
  region: string | null;
  /** The period (or as-of date) the members speak about, `YYYY-MM-DD`. */
  date: string | null;
  /** The first CONFLICT_MEMBERS_INLINE values, most reports first (memberCount says how many; Store.conflictMembers pages them all). */
  members: ConflictMember[];
  memberCount: number;
  /** Distinct reports behind the members. */
  reportCount: number;
  /** Why they disagree, in words: "同期 3 个数值相互矛盾：210项（2篇报道）、311项（1篇报道）…". */
  reason: string;
  /** An analyst's verdict on it (kept by indicator, region and date across rebuilds); null: open. */
  decision: ConflictDecision | null;
}

export interface ConflictDecision {
  verdict: 'resolved' | 'not_conflict';
  /** The value that stands, as the analyst wrote it (resolved only). */
  stands: string | null;
  reason: string | null;
  actor: string;
  at: string;
}

export interface ConflictQuery {
  indicatorId?: string;
  area?: string;
  region?: string;
  limit?: number;
  offset?: number;
}

export interface TimelineEntry {
  kind: 'event' | 'item';
  id: number;
  reportId: number;
  reportTitle: string | null;
  published: string | null;
  /** Event date (`YYYY-MM-DD` or `YYYY-MM`), or the report's date for an item. */
  date: string | null;
  summary: string;
  areas: KeyArea[];
  sentence: string;
  span: Span;
  total?: number | null;
  done?: number | null;
}

export interface TimelineQuery {
  area?: string;
  /** Inclusive bounds, compared on `YYYY-MM-DD` prefixes. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface SearchHit {
  kind: 'report' | 'quantity' | 'event' | 'item';
  reportId: number;
  /** The quantity/event/item id for fact hits, the report id for report hits. */
  id: number;
  title: string | null;
  published: string | null;
  /** Text around the match, the matched words wrapped in `[` `]`. */
  snippet: string;
  /** Offsets of the matched words in `snippet`, for HTML highlighting without parsing brackets. */
  highlights: Span[];
  rank: number;
}

export interface SearchQuery {
  limit?: number;
  offset?: number;
}

export interface OverviewArea {
  area: KeyArea;
  indicators: IndicatorSummary[];
}

export interface Overview {
  stats: StoreStats;
  areas: OverviewArea[];
  recentConflicts: Conflict[];
}

export interface StoreStats {
  path: string;
  schemaVersion: number;
  reports: number;
  failures: number;
  quantities: number;
  events: number;
  items: number;
  indicators: number;
  cataloguedIndicators: number;
  uncataloguedIndicators: number;
  seriesPoints: number;
  conflicts: number;
  lastIngestAt: string | null;
  derivedAt: string | null;
}

export interface FailureRow {
  location: string;
  reason: string;
  at: string;
}

/** One exported record: machine column names to values. */
export type ExportRow = Record<string, string | number | null>;

/** A table as exported: Chinese column headers, rows in column order. */
export interface ExportTable {
  /** Machine name (file / JSON key): reports, quantities, indicators, series, conflicts, events, items. */
  name: string;
  /** Sheet name shown to people (Chinese). */
  title: string;
  columns: { key: string; header: string }[];
  rows: ExportRow[];
}

/**
 * A table to export whose rows are read from the store as they are iterated, a page at a time
 * (keyset pagination on the table's order), so an export of millions of rows holds one page.
 * Each call of `rows()` reads the table afresh.
 */
export interface ExportTableStream extends Omit<ExportTable, 'rows'> {
  rows(): AsyncIterable<ExportRow>;
}

/** A stored report whose raw bytes are kept, for `reindex`. */
export interface StoredRaw {
  id: number;
  location: string;
  source: string;
  format: string;
  contentHash: string;
  bytes: Uint8Array | null;
  stages: string[];
}
