/**
 * The store over SQL: every report is one transaction with all its facts; derived tables
 * (indicators, series, conflicts) are kept from the facts by refreshDerived(). The database is a
 * driver's (drivers/sqlite.ts, the embedded default; drivers/postgres.ts, for shared deployments):
 * the statements are written once for both. This is the shell: it opens and migrates, runs writes
 * in transactions and hands each call to the module that does that job, over one StoreContext:
 * writer.ts and filing.ts (facts in), derived.ts (series and conflicts), query-*.ts (one per
 * resource), search.ts, export-tables.ts, and accounts/curation/watch state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document } from '../document/index.ts';
import { DEFAULT_CONFLICT_WINDOW_DAYS, loadCatalog } from '../reconcile/index.ts';
import type { SearchTerms } from './search-terms.ts';
import type { Migration, SqlDriver } from './sql.ts';
import { WatchState } from './watch-state.ts';
import type {
  AuditEntry,
  AuditQuery,
  Conflict,
  ConflictDecision,
  ConflictMember,
  ConflictQuery,
  CurationRecord,
  ExportTable,
  ExportTableStream,
  FailureRow,
  FigureDecision,
  IndicatorDecision,
  IndicatorDetail,
  IndicatorSummary,
  IngestResult,
  OpenStoreOptions,
  Overview,
  Page,
  ReportDetail,
  ReportSummary,
  Role,
  SearchHit,
  SearchQuery,
  SourceRef,
  Store,
  StoredItem,
  StoredQuantity,
  StoredRaw,
  StoreStats,
  TimelineEntry,
  TimelineQuery,
  UserAccount,
} from './types.ts';
import * as accounts from './accounts.ts';
import { queryAudit } from './audit.ts';
import { getMeta, type StoreContext } from './context.ts';
import { decideConflictIn, decideFigure, decideIndicator, type CurationHost, type FigureRow } from './curate.ts';
import { ANCHOR_SENTENCE_CHARS, curatedIndicators, listCurations, type CurationRow } from './curation.ts';
import { derivedBasisOf, refreshDerived } from './derived.ts';
import { StoreError } from './errors.ts';
import { buildExportTables, exportStreams } from './export-tables.ts';
import { refile } from './filing.ts';
import { quantityFromRow, valuesOfRow, type QuantityRow } from './quantity-columns.ts';
import { conflictMembers, conflicts, conflictsWhere } from './query-conflicts.ts';
import { indicator, indicators, indicatorSummaries, pointSources } from './query-indicators.ts';
import { overview, stats } from './query-overview.ts';
import { failures, raws, rawText, report, reports } from './query-reports.ts';
import { items, timeline } from './query-timeline.ts';
import { rebuildSearchIndex, search } from './search.ts';
import { fillSentences } from './sentence-text.ts';
import { nowIso } from './values.ts';
import { ingestDocument, replaceFacts } from './writer.ts';

// What other rooms and tests import from here.
export { StoreError } from './errors.ts';
export { referenceDate } from './writer.ts';
export { makeSnippet, SEARCH_WINDOW } from './search.ts';
export { SOURCES_PER_POINT } from './derived.ts';
export { DETAIL_CONFLICTS, SERIES_SOURCES_INLINE } from './query-indicators.ts';
export { CONFLICT_MEMBERS_INLINE } from './query-conflicts.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** `NNN_name.sql` files of a dialect's folder in order; the number is the schema version it brings the store to. */
export function listMigrations(dialect: 'sqlite' | 'postgres' = 'sqlite'): Migration[] {
  const dir = join(MIGRATIONS_DIR, dialect);
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** `TWINCITY_CONFLICT_WINDOW_DAYS`, when set to a whole number of days. */
function windowFromEnv(): number | undefined {
  const raw = process.env.TWINCITY_CONFLICT_WINDOW_DAYS;
  if (!raw) return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) throw new StoreError(`TWINCITY_CONFLICT_WINDOW_DAYS must be a whole number of days, not "${raw}"`);
  return days;
}

export class SqlStore implements Store {
  readonly path: string;
  readonly location: string;
  private readonly db: SqlDriver;
  private readonly ctx: StoreContext;
  private schemaVersion = 0;

  private constructor(driver: SqlDriver, opts: OpenStoreOptions) {
    this.db = driver;
    this.path = driver.shown;
    this.location = driver.location;
    const catalog = loadCatalog(opts.catalogPath ?? (process.env.TWINCITY_CATALOG || undefined));
    const windowDays = opts.conflictWindowDays ?? windowFromEnv() ?? DEFAULT_CONFLICT_WINDOW_DAYS;
    this.ctx = {
      db: driver,
      catalog,
      windowDays,
      derivedBasis: derivedBasisOf(catalog, windowDays),
      markedInTransaction: new Set<string>(),
      mergedInto: new Map<string, string>(),
    };
  }

  /**
   * The store on an open driver: migrated (or, read-only, checked to be current), its search index
   * refilled and its derived state rebuilt when a migration or a new catalogue asks for it. Closes
   * the driver when that fails.
   */
  static async open(driver: SqlDriver, opts: OpenStoreOptions = {}): Promise<SqlStore> {
    const store = new SqlStore(driver, opts);
    try {
      const migrations = listMigrations(driver.dialect.name);
      if (opts.readonly) {
        store.schemaVersion = await driver.schemaVersion();
        const latest = migrations.at(-1)?.version ?? 0;
        if (store.schemaVersion < latest) {
          throw new StoreError(`${store.path}: schema version ${store.schemaVersion} is older than ${latest}; open it once for writing to migrate`);
        }
      } else {
        store.schemaVersion = await driver.migrate(migrations);
        await store.reloadMerges();
        if (await getMeta(driver, 'search_rebuild')) await rebuildSearchIndex(driver);
        // Assignments made under another catalogue or window are stale: redo them all, once.
        if ((await getMeta(driver, 'derived_basis')) !== store.ctx.derivedBasis) await store.refreshDerived({ full: true });
      }
      return store;
    } catch (error) {
      await driver.close();
      throw error;
    }
  }

  // ---------------------------------------------------------------- writer

  /** Runs `write` in its own transaction, or inside the batch already open (writeBatch). */
  private atomically<T>(write: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return write();
    return this.db.transaction(() => {
      this.ctx.markedInTransaction.clear();
      return write();
    });
  }

  ingestDocument(doc: Document, bytes?: Uint8Array, searchTerms?: Readonly<Record<string, SearchTerms>>): Promise<IngestResult> {
    return this.atomically(() => ingestDocument(this.ctx, doc, bytes, searchTerms));
  }

  replaceFacts(reportId: number, doc: Document): Promise<void> {
    return this.atomically(() => replaceFacts(this.ctx, reportId, doc));
  }

  writeBatch<T>(write: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return Promise.reject(new StoreError('writeBatch: a batch is already open'));
    return this.atomically(write);
  }

  async recordFailure(location: string, reason: string): Promise<void> {
    await this.db.run(
      `INSERT INTO failures (location, reason, at) VALUES (?, ?, ?)
      ON CONFLICT(location) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
      [location, reason, nowIso()],
    );
  }

  /**
   * Brings indicators, series and conflicts up to date in one transaction (readers see the old
   * derived state until it commits). Normally only the indicators whose facts changed since the
   * last refresh are rebuilt, each from its own range of indicator_facts; `full` (or a change of
   * catalogue, conflict window or DERIVED_VERSION) first reassigns every quantity, page by page.
   */
  refreshDerived(opts: { full?: boolean } = {}): Promise<void> {
    return this.atomically(() => refreshDerived(this.ctx, opts));
  }

  // ---------------------------------------------------------------- queries

  reports(q: { limit?: number; offset?: number; q?: string } = {}): Promise<Page<ReportSummary>> {
    return reports(this.db, q);
  }
  report(id: number): Promise<ReportDetail | null> {
    return report(this.db, id);
  }
  pointSources(indicatorId: string, ord: number, q: { limit?: number; offset?: number } = {}): Promise<Page<SourceRef> | null> {
    return pointSources(this.db, indicatorId, ord, q);
  }
  indicators(q: { area?: string; catalogued?: boolean; limit?: number } = {}): Promise<IndicatorSummary[]> {
    return indicators(this.db, q);
  }
  indicator(id: string): Promise<IndicatorDetail | null> {
    return indicator(this.db, id);
  }
  conflicts(q: ConflictQuery = {}): Promise<Page<Conflict>> {
    return conflicts(this.db, q);
  }
  conflictMembers(conflictId: number, q: { limit?: number; offset?: number } = {}): Promise<Page<ConflictMember> | null> {
    return conflictMembers(this.db, conflictId, q);
  }
  timeline(q: TimelineQuery = {}): Promise<TimelineEntry[]> {
    return timeline(this.db, q);
  }
  items(q: { area?: string; limit?: number; offset?: number } = {}): Promise<Page<StoredItem>> {
    return items(this.db, q);
  }
  search(query: string, opts: SearchQuery = {}): Promise<Page<SearchHit>> {
    return search(this.db, query, opts);
  }
  overview(): Promise<Overview> {
    return overview(this.db, { path: this.path, schemaVersion: this.schemaVersion });
  }
  stats(): Promise<StoreStats> {
    return stats(this.db, { path: this.path, schemaVersion: this.schemaVersion });
  }
  failures(): Promise<FailureRow[]> {
    return failures(this.db);
  }
  raws(): AsyncIterable<StoredRaw> {
    return raws(this.db);
  }
  /** The decoded source of a report stored without its bytes, for reindexing it. */
  rawText(id: number): Promise<string | null> {
    return rawText(this.db, id);
  }

  exportTables(): Promise<ExportTable[]> {
    return buildExportTables(this.db);
  }
  exportStreams(opts: { tables?: readonly string[]; pageSize?: number } = {}): ExportTableStream[] {
    return exportStreams(this.db, opts);
  }

  // ---------------------------------------------------------------- accounts

  addUser(name: string, role: Role, passwordHash: string, actor: string): Promise<UserAccount> {
    return this.atomically(() => accounts.addUser(this.db, name, role, passwordHash, actor));
  }
  setPassword(name: string, passwordHash: string, actor: string): Promise<boolean> {
    return this.atomically(() => accounts.setPassword(this.db, name, passwordHash, actor));
  }
  removeUser(name: string, actor: string): Promise<boolean> {
    return this.atomically(() => accounts.removeUser(this.db, name, actor));
  }
  users(): Promise<UserAccount[]> {
    return accounts.listUsers(this.db);
  }
  user(id: number): Promise<UserAccount | null> {
    return accounts.userById(this.db, id);
  }
  credentials(name: string): Promise<{ user: UserAccount; passwordHash: string } | null> {
    return accounts.credentials(this.db, name);
  }
  addToken(userName: string, label: string, tokenHash: string, actor: string): Promise<boolean> {
    return this.atomically(() => accounts.addToken(this.db, userName, label, tokenHash, actor));
  }
  userByToken(tokenHash: string): Promise<UserAccount | null> {
    return accounts.userByToken(this.db, tokenHash);
  }
  secret(name: string, create: () => string): Promise<string> {
    return this.atomically(() => accounts.storedSecret(this.db, name, create));
  }

  // ---------------------------------------------------------------- curation

  private get curationHost(): CurationHost {
    return {
      db: this.db,
      refile: (ids) => refile(this.ctx, ids),
      refresh: () => this.refreshDerived(),
      reloadMerges: () => this.reloadMerges(),
    };
  }

  private async reloadMerges(): Promise<void> {
    this.ctx.mergedInto = new Map((await curatedIndicators(this.db)).filter((c) => c.merged_into).map((c) => [c.id, c.merged_into!]));
  }

  /** One quantity row with the indicator it is filed under. */
  private quantityRow(quantityId: number): Promise<(QuantityRow & { indicator_id: string | null }) | undefined> {
    return this.db.get<QuantityRow & { indicator_id: string | null }>(
      'SELECT q.*, qi.indicator_id FROM quantities q LEFT JOIN quantity_indicator qi ON qi.quantity_id = q.id WHERE q.id = ?',
      [quantityId],
    );
  }

  private async figure(quantityId: number): Promise<FigureRow | null> {
    const r = await this.quantityRow(quantityId);
    if (!r) return null;
    const report = (await this.db.get<{ text: string }>('SELECT text FROM reports WHERE id = ?', [r.report_id]))!;
    return {
      ...r,
      // the anchor keeps the sentence as the text has it (the stored sentence may be an excerpt)
      sentence_text: report.text.slice(r.sentence_start, r.sentence_end).slice(0, ANCHOR_SENTENCE_CHARS),
      values: valuesOfRow(r),
    };
  }

  private async storedQuantity(quantityId: number): Promise<StoredQuantity | null> {
    const r = await this.quantityRow(quantityId);
    if (!r) return null;
    const c = r.curation_id ? await this.db.get<CurationRow>('SELECT * FROM curations WHERE id = ?', [r.curation_id]) : undefined;
    await fillSentences(this.db, [r]);
    return quantityFromRow(r, r.indicator_id, c ?? null);
  }

  async curateFigure(quantityId: number, decision: FigureDecision, actor: string): Promise<StoredQuantity | null> {
    const done = await this.atomically(async () => {
      const figure = await this.figure(quantityId);
      if (!figure) return false;
      await decideFigure(this.curationHost, figure, decision, actor);
      await this.refreshDerived();
      return true;
    });
    return done ? this.storedQuantity(quantityId) : null;
  }

  async curateIndicator(decision: IndicatorDecision, actor: string): Promise<IndicatorSummary | null> {
    const id = await this.atomically(async () => {
      const stands = await decideIndicator(this.curationHost, decision, actor, (q) => this.figure(q));
      if (stands) await this.refreshDerived();
      return stands;
    });
    if (!id) return null;
    return (await indicatorSummaries(this.db, 'WHERE i.id = @id', { id }))[0] ?? null;
  }

  async decideConflict(
    conflictId: number,
    decision: { verdict: ConflictDecision['verdict']; stands?: string | null; reason?: string | null },
    actor: string,
  ): Promise<Conflict | null> {
    const found = await this.atomically(() => decideConflictIn(this.db, conflictId, decision, actor));
    if (!found) return null;
    return (await conflictsWhere(this.db, 'c.id = @id', { id: conflictId }, 1, 0)).rows[0] ?? null;
  }

  curations(q: { state?: 'active' | 'stale'; limit?: number; offset?: number } = {}): Promise<Page<CurationRecord>> {
    return listCurations(this.db, q);
  }

  audit(q: AuditQuery = {}): Promise<Page<AuditEntry>> {
    return queryAudit(this.db, q);
  }

  // ---------------------------------------------------------------- sources and changes (watch)

  // a getter: field initializers run before the constructor has set `db`
  private get watchState(): WatchState {
    return new WatchState(this.db, (message) => new StoreError(message));
  }
  sources = () => this.watchState.sources();
  source: Store['source'] = (idOrLocation) => this.watchState.source(idOrLocation);
  addSource: Store['addSource'] = (source) => this.watchState.addSource(source);
  removeSource: Store['removeSource'] = (idOrLocation) => this.watchState.removeSource(idOrLocation);
  dueSources: Store['dueSources'] = (now, claimUntil) => this.watchState.dueSources(now, claimUntil);
  recordSourceFetch: Store['recordSourceFetch'] = (id, outcome) => this.watchState.recordSourceFetch(id, outcome);
  recordSourceError: Store['recordSourceError'] = (id, error) => this.watchState.recordSourceError(id, error);
  sourceErrors: Store['sourceErrors'] = (id, limit) => this.watchState.sourceErrors(id, limit);
  seenItems: Store['seenItems'] = (id, keys) => this.watchState.seenItems(id, keys);
  markItemsSeen: Store['markItemsSeen'] = (id, items) => this.watchState.markItemsSeen(id, items);
  recordChange: Store['recordChange'] = (change) => this.watchState.recordChange(change);
  changes: Store['changes'] = (q) => this.watchState.changes(q);

  close(): Promise<void> {
    return this.db.close();
  }
}
