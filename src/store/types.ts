/**
 * The store's public interface: what the CLI, the HTTP API and the ingest orchestration code
 * against. Every query returns plain JSON-able rows (no class instances, no Dates, no BigInts), so the
 * API can send them as they are and the CLI can print them as a table or as `--json`.
 *
 * Every method is async: the store runs on SQLite (embedded) or PostgreSQL (shared), through one
 * implementation over a SQL driver (`sql-store.ts`, `drivers/`). Names here are stable: add, don't rename.
 */
import type { Document } from '../document/index.ts';
import type { SearchTerms } from './search-terms.ts';
import type { IngestResult, Page, ReportDetail, ReportSummary, SourceRef, StoredItem, StoredQuantity } from './types-facts.ts';
import type {
  Conflict,
  ConflictDecision,
  ConflictMember,
  ConflictQuery,
  ExportTable,
  ExportTableStream,
  FailureRow,
  IndicatorDetail,
  IndicatorSummary,
  Overview,
  SearchHit,
  SearchQuery,
  StoredRaw,
  StoreStats,
  TimelineEntry,
  TimelineQuery,
} from './types-queries.ts';
import type { AuditEntry, AuditQuery, CurationRecord, FigureDecision, IndicatorDecision, Role, UserAccount } from './types-curation.ts';
import type { Change, ChangeQuery, NewChange, NewSource, Source, SourceError, SourceFetchOutcome } from './types-watch.ts';

// The types, by what they describe; callers import them all from here (or from index.ts).
export * from './types-facts.ts';
export * from './types-queries.ts';
export * from './types-curation.ts';
export * from './types-watch.ts';

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
   * searchTerms: the report's search terms computed off the writer's thread (search-terms.ts
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
  /** Conflict groups (one per indicator, region and date), each with its first CONFLICT_MEMBERS_INLINE values. */
  conflicts(q?: ConflictQuery): Promise<Page<Conflict>>;
  /** Every value of one conflict group in its order (most reports first); null when there is no such conflict. */
  conflictMembers(conflictId: number, q?: { limit?: number; offset?: number }): Promise<Page<ConflictMember> | null>;
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
  /** Every table with all its rows, in memory (small stores, tests); exportStreams() for downloads. */
  exportTables(): Promise<ExportTable[]>;
  /**
   * The tables (all, or those named, in export order) with their rows read page by page as they are
   * iterated: nothing is read until then. `pageSize`: rows per read (default 1 000).
   */
  exportStreams(opts?: { tables?: readonly string[]; pageSize?: number }): ExportTableStream[];

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
