/**
 * The store's public interface: what the CLI, the HTTP API and the ingest orchestration code
 * against. Every query returns plain JSON-able rows (no class instances, no Dates, no BigInts), so the
 * API can send them as they are and the CLI can print them as a table or as `--json`.
 *
 * Every method is async: the store runs on SQLite (embedded) or PostgreSQL (shared), through one
 * implementation over a SQL driver (`sql-store.ts`, `drivers/`). Names here are stable: add, don't rename.
 */
import type { Approx, Cue, Document, FigureStatus, Measure, Period, Span } from '../document/index.ts';
import type { SearchTerms } from './segment.ts';

/** The nine key areas of the Circle an indicator belongs to. */
export const KEY_AREAS = ['交通枢纽', '先进制造业', '科技创新', '金融', '公共服务/国际都市', '生态', '文旅', '开放', '机制'] as const;
export type KeyArea = (typeof KEY_AREAS)[number];

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

export interface StoredQuantity {
  id: number;
  reportId: number;
  span: Span;
  /** The text under `span`. */
  text: string;
  value: number;
  valueMax: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  subject: string;
  period: Period | null;
  region: string | null;
  sentence: Span;
  sentenceText: string;
  stage: string;
  /** The indicator (catalogue id, or `auto:…` for an uncatalogued group) it was reconciled to. */
  indicatorId: string | null;
  /** `target` for a goal, plan or forecast: filed under its indicator, but no point of its series. */
  status: FigureStatus;
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
  /** The newest DETAIL_CONFLICTS conflicts of the indicator (conflictCount has the total; Store.conflicts pages them all). */
  conflicts: Conflict[];
}

export interface ConflictSide {
  /** The point's place in its indicator's series (IndicatorDetail.series[ord]). */
  ord: number;
  value: number;
  valueMax: number | null;
  unit: string;
  approx: Approx;
  period: Period | null;
  date: string | null;
  /** The first SOURCES_PER_POINT sources by ingest order. */
  sources: SourceRef[];
  /** How many sources the side has in all (≥ sources.length). */
  sourceTotal?: number;
}

export interface Conflict {
  id: number;
  indicatorId: string;
  indicatorName: string;
  area: KeyArea | null;
  region: string | null;
  /** The shared period (or as-of date) the two sides claim, `YYYY-MM-DD`. */
  date: string | null;
  a: ConflictSide;
  b: ConflictSide;
  /** Why they disagree, in words: "130 vs 300余: 300余 ≥ 300 > 130". */
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

/** A table as exported: Chinese column headers, rows in column order. */
export interface ExportTable {
  /** Machine name (file / JSON key): reports, quantities, indicators, series, conflicts, events, items. */
  name: string;
  /** Sheet name shown to people (Chinese). */
  title: string;
  columns: { key: string; header: string }[];
  rows: Record<string, string | number | null>[];
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

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
/** viewer reads; analyst also uploads and corrects; admin also manages users and sources. */
export type Role = (typeof ROLES)[number];

export interface UserAccount {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  /** Bumped by every new password: a session carries the epoch it was signed in under. */
  passwordEpoch: number;
}

export type FigureAction = 'accept' | 'correct' | 'reject';

/** The fields of a figure an analyst may correct; `indicatorId` moves it to another indicator. */
export interface FigureFields {
  value?: number;
  valueMax?: number | null;
  unit?: string;
  approx?: Approx;
  measure?: Measure;
  subject?: string;
  period?: Period | null;
  region?: string | null;
  status?: FigureStatus;
  indicatorId?: string | null;
}

export interface FigureDecision {
  action: FigureAction;
  /** For `correct`: the fields to set (merged over earlier corrections). */
  fields?: FigureFields;
  reason?: string | null;
}

export type IndicatorDecision =
  | { op: 'promote'; id: string; nameZh?: string; area?: KeyArea | null; reason?: string | null }
  | { op: 'rename'; id: string; nameZh: string; reason?: string | null }
  | { op: 'merge'; id: string; into: string; reason?: string | null }
  | { op: 'split'; id: string; quantityIds: number[]; nameZh: string; reason?: string | null };

/** A decision on a figure, as listed for review. */
export interface CurationRecord extends CurationMark {
  reportId: number;
  reportTitle: string | null;
  span: Span;
  surface: string;
  sentence: string;
  /** `stale`: re-reading the report found no figure at these characters; listed for review. */
  state: 'active' | 'stale';
  quantityId: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** figure.accept, figure.correct, figure.reject, indicator.promote|rename|merge|split, conflict.resolved|not_conflict, user.add|remove|passwd, token.create */
  action: string;
  targetKind: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetKind?: string;
  /** Inclusive bounds on `at` (ISO prefixes). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

// sources and changes (watch) — the types
export type SourceKind = 'feed' | 'page' | 'folder';

/** A subscribed source and the state its next fetch needs. Times are ISO strings. */
export interface Source {
  id: number;
  /** feed: RSS/Atom, its items' links followed; page: a list page, its same-site article links followed; folder: a directory. */
  kind: SourceKind;
  /** The URL, or the folder's absolute path. */
  location: string;
  name: string;
  everySeconds: number;
  addedAt: string;
  nextDueAt: string;
  lastFetchAt: string | null;
  lastOkAt: string | null;
  /** HTTP validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  itemsSeen: number;
  /** Failures since the last success: the back-off grows with them. */
  consecutiveErrors: number;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface NewSource {
  kind: SourceKind;
  location: string;
  name: string;
  everySeconds: number;
}

/** How one fetch of a source went, and when it is due again. */
export type SourceFetchOutcome =
  | { ok: true; at: string; nextDueAt: string; etag?: string | null; lastModified?: string | null }
  | { ok: false; at: string; nextDueAt: string; location: string; reason: string };

export interface SourceError {
  at: string;
  /** What failed: the source itself or one of its items. */
  location: string;
  reason: string;
}

export type ChangeKind = 'report' | 'point' | 'conflict' | 'decision';

/** Something that changed, for `GET /api/changes` and the Atom feeds. */
export interface Change {
  id: number;
  kind: ChangeKind;
  /** The thing's identity: the same change recorded twice is one change. */
  key: string;
  at: string;
  reportId: number | null;
  indicatorId: string | null;
  /** One line for people (zh-CN). */
  title: string;
  detail: Record<string, unknown>;
}

export type NewChange = Omit<Change, 'id' | 'at' | 'reportId' | 'indicatorId' | 'detail'> & {
  at?: string;
  reportId?: number | null;
  indicatorId?: string | null;
  detail?: Record<string, unknown>;
};

export interface ChangeQuery {
  /** Changes strictly after this moment (ISO); default: all. */
  since?: string;
  kinds?: readonly ChangeKind[];
  indicatorId?: string;
  /** Default 200, at most 1 000: the newest that many, returned oldest first. */
  limit?: number;
}

export interface Store {
  /** The SQLite file, or the PostgreSQL URL without its password: what may be shown. */
  readonly path: string;
  /** What openStore was given (a PostgreSQL URL keeps its password): for opening it again elsewhere, never shown. */
  readonly location: string;

  // writer
  /**
   * One transaction per report with all its facts. The same content at the same `doc.location`
   * (and `doc.source`: a feed's items share a location) is a no-op, and so is a new location whose
   * content is already stored (a copy); changed content at the same place replaces the old facts,
   * keeping the report id. Throws (writing nothing) when a fact's span does
   * not fit the text; the caller records that with recordFailure.
   */
  /**
   * searchTerms: the report's search terms computed off the writer's thread (segment.ts
   * reportSearchTerms), keyed by text; any text missing from it is segmented here.
   */
  ingestDocument(doc: Document, bytes?: Uint8Array, searchTerms?: Readonly<Record<string, SearchTerms>>): Promise<IngestResult>;
  /** Replace a stored report's facts after re-extraction (reindex), keeping its id. */
  replaceFacts(reportId: number, doc: Document): Promise<void>;
  recordFailure(location: string, reason: string): Promise<void>;
  /**
   * Runs several writes as one transaction, so the search index writes one segment per batch rather
   * than per report. All or nothing: when a write throws, the whole batch is rolled back and the
   * error propagates (the caller may then write the reports one by one to find the bad one). A
   * crash loses at most the batch, which the next run reads again.
   */
  writeBatch<T>(write: () => Promise<T>): Promise<T>;
  /**
   * Bring indicators, series and conflicts up to date: the indicators whose facts changed since the
   * last call are rebuilt (`full`: every quantity is reassigned first). Once after a batch.
   */
  refreshDerived(opts?: { full?: boolean }): Promise<void>;

  // queries
  reports(q?: { limit?: number; offset?: number; q?: string }): Promise<Page<ReportSummary>>;
  report(id: number): Promise<ReportDetail | null>;
  /** Catalogued first, then by how many reports back them; `limit` caps the list (default: all). */
  indicators(q?: { area?: string; catalogued?: boolean; limit?: number }): Promise<IndicatorSummary[]>;
  indicator(id: string): Promise<IndicatorDetail | null>;
  /** All sources of one series point (`ord` is its place in the series), in ingest order; null when there is no such point. */
  pointSources(indicatorId: string, ord: number, q?: { limit?: number; offset?: number }): Promise<Page<SourceRef> | null>;
  conflicts(q?: ConflictQuery): Promise<Page<Conflict>>;
  timeline(q?: TimelineQuery): Promise<TimelineEntry[]>;
  /** Cooperation items by their report's date, a page at a time (default 200, at most 1 000). */
  items(q?: { area?: string; limit?: number; offset?: number }): Promise<Page<StoredItem>>;
  search(q: string, opts?: SearchQuery): Promise<Page<SearchHit>>;
  overview(): Promise<Overview>;
  stats(): Promise<StoreStats>;
  failures(): Promise<FailureRow[]>;
  /** Reports with their raw bytes, for reindex. */
  raws(): AsyncIterable<StoredRaw>;
  /** The decoded source of a report stored without its bytes (null when the bytes are kept). */
  rawText(reportId: number): Promise<string | null>;

  // export
  exportTables(): Promise<ExportTable[]>;

  // accounts (src/auth hashes; the store keeps hashes only)
  addUser(name: string, role: Role, passwordHash: string, actor: string): Promise<UserAccount>;
  /** false when there is no such user. */
  setPassword(name: string, passwordHash: string, actor: string): Promise<boolean>;
  removeUser(name: string, actor: string): Promise<boolean>;
  users(): Promise<UserAccount[]>;
  user(id: number): Promise<UserAccount | null>;
  credentials(name: string): Promise<{ user: UserAccount; passwordHash: string } | null>;
  addToken(userName: string, label: string, tokenHash: string, actor: string): Promise<boolean>;
  userByToken(tokenHash: string): Promise<UserAccount | null>;
  /** A secret kept in the store (created on first use), shared by every server on it: the session key. */
  secret(name: string, create: () => string): Promise<string>;

  // curation: every call is one transaction with its audit record; series and conflicts follow
  /** null when there is no such figure. */
  curateFigure(quantityId: number, decision: FigureDecision, actor: string): Promise<StoredQuantity | null>;
  /** The indicator as it stands after the decision (a split: the new one); null when there is no such indicator. */
  curateIndicator(decision: IndicatorDecision, actor: string): Promise<IndicatorSummary | null>;
  /** null when there is no such conflict. */
  decideConflict(
    conflictId: number,
    decision: { verdict: ConflictDecision['verdict']; stands?: string | null; reason?: string | null },
    actor: string,
  ): Promise<Conflict | null>;
  curations(q?: { state?: 'active' | 'stale'; limit?: number; offset?: number }): Promise<Page<CurationRecord>>;
  audit(q?: AuditQuery): Promise<Page<AuditEntry>>;

  // sources and changes (watch)
  sources(): Promise<Source[]>;
  /** By id, or by location (URL or absolute folder path). */
  source(idOrLocation: number | string): Promise<Source | null>;
  /** Throws StoreError when the location is already a source. */
  addSource(source: NewSource): Promise<Source>;
  removeSource(idOrLocation: number | string): Promise<boolean>;
  /**
   * Sources due at `now` (ISO), in the order they were added. With `claimUntil`, they are claimed in the
   * same statement (due again only at `claimUntil`, unless a visit says otherwise first), so of
   * several watchers on one database only one queues each.
   */
  dueSources(now: string, claimUntil?: string): Promise<Source[]>;
  recordSourceFetch(sourceId: number, outcome: SourceFetchOutcome): Promise<void>;
  /** An error on one item of a source (an article that would not load), the source itself still fetched. */
  recordSourceError(sourceId: number, error: SourceError): Promise<void>;
  /** The newest errors first. */
  sourceErrors(sourceId: number, limit?: number): Promise<SourceError[]>;
  /** Of these item keys, those the source has seen, with the state recorded for each. */
  seenItems(sourceId: number, keys: readonly string[]): Promise<Map<string, string>>;
  markItemsSeen(sourceId: number, items: readonly { key: string; state?: string }[]): Promise<void>;
  /** Appends to the change log; a change whose (kind, key) is recorded already is a no-op. */
  recordChange(change: NewChange): Promise<void>;
  changes(q?: ChangeQuery): Promise<Change[]>;

  close(): Promise<void>;
}
