/**
 * The store over SQL: every report is one transaction with all its facts; derived tables
 * (indicators, series, conflicts) are kept from the facts by refreshDerived(). Queries return plain
 * rows typed in types.ts. The database is a driver's (drivers/sqlite.ts, the embedded default;
 * drivers/postgres.ts, for shared deployments): the statements here are written once for both.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSpan, textOf, type Approx, type Document, type FigureStatus, type Measure, type Period, type Span } from '../document/index.ts';
import {
  areasOf,
  assignIndicators,
  buildSeries,
  DEFAULT_CONFLICT_WINDOW_DAYS,
  findConflicts,
  filingLexiconText,
  loadCatalog,
  type Catalog,
  type Point,
  type ReconcileFact,
} from '../reconcile/index.ts';
import { queryTokens, queryWords, reportSearchText, searchTermsOf, type SearchTerms } from './segment.ts';
import { sentenceExcerpt, storedSentence } from './excerpt.ts';
import { fillFromText, fillSentences, type SentenceRow } from './sentence-text.ts';
import type { Migration, Params, SqlDriver } from './sql.ts';
import { recordChange, recordDerivedChanges } from './changes.ts';
import { WatchState } from './watch-state.ts';
import type {
  Conflict,
  ConflictQuery,
  ConflictSide,
  ExportTable,
  FailureRow,
  IndicatorDetail,
  IndicatorSummary,
  IngestResult,
  KeyArea,
  OpenStoreOptions,
  Overview,
  Page,
  ReportDetail,
  ReportSummary,
  SearchHit,
  SearchQuery,
  SeriesPoint,
  SourceRef,
  Store,
  StoredEvent,
  StoredItem,
  StoredQuantity,
  StoredRaw,
  StoreStats,
  TimelineEntry,
  TimelineQuery,
} from './types.ts';
import type { AuditEntry, AuditQuery, ConflictDecision, CurationRecord, FigureDecision, FigureFields, IndicatorDecision, Role, UserAccount } from './types.ts';
import { KEY_AREAS } from './types.ts';
import * as accounts from './accounts.ts';
import { clampLimit, clampOffset, json, nowIso, parseJson } from './values.ts';
import { queryAudit } from './audit.ts';
import { decideConflictIn, decideFigure, decideIndicator, type CurationHost, type FigureRow } from './curate.ts';
import {
  ANCHOR_SENTENCE_CHARS,
  anchorCurations,
  applyFields,
  CONFLICT_DECISION_COLUMNS,
  CONFLICT_DECISION_JOIN,
  curatedIndicators,
  curationsOfReport,
  decisionOf,
  followMerges,
  listCurations,
  markOf,
  reanchor,
  type CurationRow,
  type FigureValues,
} from './curation.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class StoreError extends Error {
  override name = 'StoreError';
}

/** `NNN_name.sql` files of a dialect's folder in order; the number is the schema version it brings the store to. */
export function listMigrations(dialect: 'sqlite' | 'postgres' = 'sqlite'): Migration[] {
  const dir = join(MIGRATIONS_DIR, dialect);
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * The date a report is "as of": its publication date, else the latest date among its dated events
 * (milestones that have happened). Quantity periods are not used: a report also states targets
 * (到2022年底…), which would date it into the future.
 */
export function referenceDate(doc: Pick<Document, 'meta' | 'events'> & Partial<Pick<Document, 'text'>>): string | null {
  if (doc.meta.published) return doc.meta.published;
  let latest: string | null = null;
  for (const e of doc.events) {
    // 新规将于7月1日起实施: a milestone the report looks forward to has not happened; it dates nothing.
    if (doc.text !== undefined && FUTURE.test(doc.text.slice(e.sentence[0], e.sentence[1]))) continue;
    if (latest === null || e.date > latest) latest = e.date;
  }
  return latest;
}
const FUTURE = /将于|将在|即将|拟于|计划于|预计|届时|将正式|将启动|将举行|将召开|将开通/;

/** `TWINCITY_CONFLICT_WINDOW_DAYS`, when set to a whole number of days. */
function windowFromEnv(): number | undefined {
  const raw = process.env.TWINCITY_CONFLICT_WINDOW_DAYS;
  if (!raw) return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) throw new StoreError(`TWINCITY_CONFLICT_WINDOW_DAYS must be a whole number of days, not "${raw}"`);
  return days;
}

/**
 * A series point or conflict side carries at most this many of its sources, the first ingested
 * (sourceTotal says how many there are; pointSources() pages through all of them).
 */
export const SOURCES_PER_POINT = 3;

/**
 * Bump when reconciling (assignment, series, conflicts) changes what it derives from the same facts:
 * a store derived under another version is rebuilt whole when next opened for writing.
 */
const DERIVED_VERSION = 4;

/**
 * An indicator's detail carries the sources of its last this many points inline; earlier points
 * carry their count only (sourceTotal), and pointSources() gives their sources on demand.
 */
export const SERIES_SOURCES_INLINE = 200;

/** An indicator's detail carries its newest this many conflicts (conflictCount says how many; conflicts() pages them all). */
export const DETAIL_CONFLICTS = 100;

/** Search ranks only the newest this many matching index rows (reports and fact sentences), so its cost is bounded. */
export const SEARCH_WINDOW = 1000;

/** SQL for the text a search_docs row stands for (reports keep theirs in reports.text); the literal holds a newline. */
const SEARCH_BODY = "CASE WHEN d.kind = 'report' THEN coalesce(r.title, '') || '\n' || r.text ELSE d.body END";

function checkedSpan(doc: Document, span: Span, what: string): Span {
  return makeSpan(doc.text, span[0], span[1], `${doc.source}: ${what}`);
}

// Row shapes as they come out of the database.
interface ReportRow {
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
interface QuantityRow {
  id: number;
  report_id: number;
  ord: number;
  span_start: number;
  span_end: number;
  value: number;
  value_max: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  subject: string;
  period_start: string | null;
  period_end: string | null;
  has_period: number;
  region: string | null;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
  stage: string;
  status: FigureStatus;
  cues: string | null;
  curation_id: number | null;
  rejected: number;
  indicator_override: string | null;
}
interface EventRow {
  id: number;
  report_id: number;
  span_start: number;
  span_end: number;
  date: string;
  summary: string;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
  stage: string;
  areas: string;
}
interface ItemRow {
  id: number;
  report_id: number;
  span_start: number;
  span_end: number;
  name: string;
  total: number | null;
  done: number | null;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
  stage: string;
  areas: string;
}
interface PointRow {
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
type IndicatorFactRow = Pick<
  QuantityRow,
  'report_id' | 'ord' | 'value' | 'value_max' | 'unit' | 'approx' | 'measure' | 'subject' | 'period_start' | 'period_end' | 'has_period' | 'region'
> & { indicator_id: string; quantity_id: number; ref_date: string | null };
interface SourceRow {
  quantity_id: number;
  report_id: number;
  ord: number;
  span_start: number;
  span_end: number;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
  title: string | null;
  published: string | null;
  source: string;
}
interface IndicatorRow {
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
interface ConflictRow {
  id: number;
  indicator_id: string;
  region: string | null;
  date: string | null;
  a_point_id: number;
  b_point_id: number;
  reason: string;
}

/** What filing reads of a quantity row (with its report's date as `ref_date`). */
const FILING_COLUMNS = `q.id, q.report_id, q.ord, q.value, q.value_max, q.unit, q.approx, q.measure, q.subject, q.period_start,
  q.period_end, q.has_period, q.region, q.status, q.rejected, q.indicator_override, r.ref_date`;

const toPeriod = (start: string | null, end: string | null, has: number): Period | null => (has ? { start, end } : null);

/** What a decision can change, as a quantity row holds it. */
const valuesOfRow = (r: QuantityRow): FigureValues => ({
  value: r.value,
  valueMax: r.value_max,
  unit: r.unit,
  approx: r.approx,
  measure: r.measure,
  subject: r.subject,
  period: toPeriod(r.period_start, r.period_end, r.has_period),
  region: r.region,
  status: r.status ?? 'actual',
});

/** A quantity fact as filing reads it, with the analyst's rejection and move. */
type FilingFact = ReconcileFact & { ord: number; status: FigureStatus; rejected?: boolean; indicatorOverride?: string | null };

const filingFactOfRow = (r: QuantityRow & { ref_date: string | null }): FilingFact => ({
  quantityId: r.id,
  reportId: r.report_id,
  ord: r.ord,
  ...valuesOfRow(r),
  refDate: r.ref_date,
  rejected: r.rejected === 1,
  indicatorOverride: r.indicator_override,
});

const sourceFromRow = (s: SourceRow): SourceRef => ({
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

/** A fingerprint of what derived rows depend on besides the facts. */
function derivedBasisOf(catalog: Catalog, windowDays: number): string {
  const rules = JSON.stringify(catalog.entries, (_key, value: unknown) => (value instanceof RegExp ? `/${value.source}/${value.flags}` : value));
  return createHash('sha256').update(`${DERIVED_VERSION}\n${windowDays}\n${rules}\n${filingLexiconText()}`).digest('hex').slice(0, 16);
}

function quantityFromRow(r: QuantityRow, indicatorId: string | null, curation: CurationRow | null = null): StoredQuantity {
  return {
    id: r.id,
    reportId: r.report_id,
    span: [r.span_start, r.span_end],
    text: r.surface,
    ...valuesOfRow(r),
    sentence: [r.sentence_start, r.sentence_end],
    sentenceText: r.sentence_text,
    stage: r.stage,
    indicatorId,
    cues: parseJson<StoredQuantity['cues']>(r.cues, { period: null, region: null, status: null }),
    curation: curation ? markOf(curation) : null,
  };
}

function eventFromRow(r: EventRow): StoredEvent {
  return {
    id: r.id,
    reportId: r.report_id,
    span: [r.span_start, r.span_end],
    text: r.surface,
    date: r.date,
    summary: r.summary,
    sentence: [r.sentence_start, r.sentence_end],
    sentenceText: r.sentence_text,
    stage: r.stage,
    areas: parseJson<KeyArea[]>(r.areas, []),
  };
}

function itemFromRow(r: ItemRow & { title?: string | null; published?: string | null }): StoredItem {
  const item: StoredItem = {
    id: r.id,
    reportId: r.report_id,
    span: [r.span_start, r.span_end],
    text: r.surface,
    name: r.name,
    total: r.total,
    done: r.done,
    sentence: [r.sentence_start, r.sentence_end],
    sentenceText: r.sentence_text,
    stage: r.stage,
    areas: parseJson<KeyArea[]>(r.areas, []),
  };
  if ('title' in r) item.reportTitle = r.title ?? null;
  if ('published' in r) item.published = r.published ?? null;
  return item;
}

/** Text around the first match of any token, the matched words wrapped in [ ]. */
export function makeSnippet(body: string, tokens: readonly string[], before = 16, length = 64): { snippet: string; highlights: Span[] } {
  const lower = body.toLowerCase();
  const needles = [...new Set(tokens.map((t) => t.toLowerCase()))].filter(Boolean).sort((a, b) => b.length - a.length);
  let first = -1;
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const from = first < 0 ? 0 : Math.max(0, first - before);
  const to = Math.min(body.length, from + length);
  const window = body.slice(from, to).replace(/\s+/g, ' ');
  // Find matches in the window, longest first, without overlap.
  const marks: Span[] = [];
  const lw = window.toLowerCase();
  for (const n of needles) {
    let at = lw.indexOf(n);
    while (at >= 0) {
      const span: Span = [at, at + n.length];
      if (!marks.some((m) => m[0] < span[1] && span[0] < m[1])) marks.push(span);
      at = lw.indexOf(n, at + n.length);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  // Adjacent matches (中欧 + 班列) read as one highlighted word.
  for (let i = marks.length - 1; i > 0; i--) {
    if (marks[i - 1][1] === marks[i][0]) marks.splice(i - 1, 2, [marks[i - 1][0], marks[i][1]]);
  }
  let snippet = from > 0 ? '…' : '';
  const highlights: Span[] = [];
  let cursor = 0;
  for (const [s, e] of marks) {
    snippet += window.slice(cursor, s) + '[';
    const start = snippet.length;
    snippet += window.slice(s, e);
    highlights.push([start, snippet.length]);
    snippet += ']';
    cursor = e;
  }
  snippet += window.slice(cursor) + (to < body.length ? '…' : '');
  return { snippet, highlights };
}

/** Occurrences of `needle` in `text` (non-overlapping). */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * BM25 over the candidates (k1 1.2, b 0.75), every query word weighted alike: all candidates hold
 * every word, so a word's rarity says little among them. A word's frequency is how often it occurs
 * as typed, else how often its rarest jieba word does (双城经济圈 written apart). Rank: lower is
 * better (as FTS5's); ties go to the earlier indexed row.
 */
function rankHits<T extends { id: number; body: string }>(hits: T[], words: readonly string[], wordTokens: readonly string[][]): { hit: T; rank: number }[] {
  const k1 = 1.2;
  const b = 0.75;
  const averageLength = hits.reduce((sum, h) => sum + h.body.length, 0) / Math.max(1, hits.length) || 1;
  return hits
    .map((hit) => {
      const lengthNorm = k1 * (1 - b + (b * hit.body.length) / averageLength);
      let score = 0;
      words.forEach((word, i) => {
        const tokens = wordTokens[i];
        const tf = Math.max(occurrences(hit.body, word), tokens.length ? Math.min(...tokens.map((t) => occurrences(hit.body, t))) : 0);
        score += (tf * (k1 + 1)) / (tf + lengthNorm);
      });
      return { hit, rank: -score };
    })
    .sort((x, y) => x.rank - y.rank || x.hit.id - y.hit.id);
}

export class SqlStore implements Store {
  readonly path: string;
  readonly location: string;
  private readonly db: SqlDriver;
  private readonly catalog: Catalog;
  private readonly windowDays: number;
  private schemaVersion = 0;
  /** What derived rows depend on besides the facts: catalogue, conflict window, DERIVED_VERSION. */
  private readonly derivedBasis: string;

  private constructor(driver: SqlDriver, opts: OpenStoreOptions) {
    this.db = driver;
    this.path = driver.shown;
    this.location = driver.location;
    this.catalog = loadCatalog(opts.catalogPath ?? (process.env.TWINCITY_CATALOG || undefined));
    this.windowDays = opts.conflictWindowDays ?? windowFromEnv() ?? DEFAULT_CONFLICT_WINDOW_DAYS;
    this.derivedBasis = derivedBasisOf(this.catalog, this.windowDays);
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
        if (await store.getMeta('search_rebuild')) await store.rebuildSearchIndex();
        // Assignments made under another catalogue or window are stale: redo them all, once.
        if ((await store.getMeta('derived_basis')) !== store.derivedBasis) await store.refreshDerived({ full: true });
      }
      return store;
    } catch (error) {
      await driver.close();
      throw error;
    }
  }

  private get dialect() {
    return this.db.dialect;
  }

  // ---------------------------------------------------------------- writer

  /** Runs `write` in its own transaction, or inside the batch already open (writeBatch). */
  private atomically<T>(write: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return write();
    return this.db.transaction(() => {
      this.markedInTransaction.clear();
      return write();
    });
  }

  /**
   * Indicators already inserted or marked dirty by the open write transaction: a batch writes
   * thousands of facts to a few hundred indicators. Valid for one transaction only (the driver runs
   * one writer at a time; a refresh elsewhere may clear the marks between two).
   */
  private readonly markedInTransaction = new Set<string>();

  /** Indicators analysts merged into others (curated_indicators.merged_into), read at open and after each indicator decision. */
  private mergedInto = new Map<string, string>();

  ingestDocument(doc: Document, bytes?: Uint8Array, searchTerms?: Readonly<Record<string, SearchTerms>>): Promise<IngestResult> {
    return this.atomically(async (): Promise<IngestResult> => {
      const existing = await this.db.get<{ id: number; content_hash: string }>('SELECT id, content_hash FROM reports WHERE location = ? AND source = ?', [
        doc.location,
        doc.source,
      ]);
      // The same bytes again, or (for a report not seen at this place) a copy of one already stored.
      const copyOf = existing
        ? existing.content_hash === doc.contentHash
          ? existing
          : undefined
        : await this.db.get<{ id: number }>('SELECT id FROM reports WHERE content_hash = ? LIMIT 1', [doc.contentHash]);
      if (copyOf) {
        await this.db.run('DELETE FROM failures WHERE location = ?', [doc.location]);
        return { status: 'unchanged', reportId: copyOf.id };
      }
      const now = nowIso();
      const fields = {
        location: doc.location,
        source: doc.source,
        format: doc.format,
        content_hash: doc.contentHash,
        charset: doc.charset,
        raw_bytes: bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null,
        // The bytes are enough to read the report again; the decoded source is kept only without them.
        raw_text: bytes ? '' : doc.raw,
        now,
      };
      let reportId: number;
      if (existing) {
        reportId = existing.id;
        await this.db.run(
          `UPDATE reports SET source=@source, format=@format, content_hash=@content_hash, charset=@charset,
          raw_bytes=@raw_bytes, raw_text=@raw_text, updated_at=@now WHERE id=@id`,
          { ...fields, id: reportId },
        );
      } else {
        reportId = (await this.db.get<{ id: number }>(
          `INSERT INTO reports (location, source, format, content_hash, charset, text, raw_bytes,
          raw_text, ingested_at, updated_at) VALUES (@location, @source, @format, @content_hash, @charset, '', @raw_bytes,
          @raw_text, @now, @now) RETURNING id`,
          fields,
        ))!.id;
      }
      await this.writeFacts(reportId, doc, { searchTerms, fresh: !existing });
      await recordChange(this.db, { kind: 'report', key: `${reportId} ${doc.contentHash}`, reportId, title: doc.meta.title ?? doc.source, at: now });
      await this.db.run('DELETE FROM failures WHERE location = ?', [doc.location]);
      await this.setMeta('last_ingest_at', now);
      return { status: existing ? 'replaced' : 'new', reportId };
    });
  }

  replaceFacts(reportId: number, doc: Document): Promise<void> {
    return this.atomically(async () => {
      const row = await this.db.get('SELECT id FROM reports WHERE id = ?', [reportId]);
      if (!row) throw new StoreError(`replaceFacts(${reportId}): no such report`);
      await this.writeFacts(reportId, doc);
      await this.db.run('UPDATE reports SET updated_at = ? WHERE id = ?', [nowIso(), reportId]);
    });
  }

  /** Writes a report's text, metadata and facts, replacing whatever facts it had. Inside a transaction. */
  private async writeFacts(
    reportId: number,
    doc: Document,
    opts: { searchTerms?: Readonly<Record<string, SearchTerms>>; fresh?: boolean } = {},
  ): Promise<void> {
    const { searchTerms } = opts;
    // Check every span first: a fact the text cannot honour fails the whole report, before any write.
    const quantities = doc.quantities.map((q, i) => ({
      q,
      span: checkedSpan(doc, q.span, `quantity ${i} span`),
      sentence: checkedSpan(doc, q.sentence, `quantity ${i} sentence`),
    }));
    const events = doc.events.map((e, i) => ({
      e,
      span: checkedSpan(doc, e.span, `event ${i} span`),
      sentence: checkedSpan(doc, e.sentence, `event ${i} sentence`),
    }));
    const items = doc.items.map((it, i) => ({
      it,
      span: checkedSpan(doc, it.span, `item ${i} span`),
      sentence: checkedSpan(doc, it.sentence, `item ${i} sentence`),
    }));

    // Analysts' decisions on this report's figures, re-applied to the figures at the same characters.
    const curations = opts.fresh ? [] : await curationsOfReport(this.db, reportId);
    // (most reports have none: their figures' anchors are not even cut)
    const anchored = curations.length
      ? anchorCurations(
          curations,
          quantities.map(({ span, sentence }) => ({
            span,
            surface: textOf(doc.text, span),
            sentenceText: textOf(doc.text, sentence).slice(0, ANCHOR_SENTENCE_CHARS),
          })),
        )
      : { matched: new Map<number, CurationRow>(), stale: [] };
    const readings = quantities.map(({ q }, i) => {
      const machine: FigureValues = {
        value: q.value,
        valueMax: q.valueMax ?? null,
        unit: q.unit,
        approx: q.approx,
        measure: q.measure,
        subject: q.subject,
        period: q.period ?? null,
        region: q.region,
        status: q.status ?? 'actual',
      };
      const curation = anchored.matched.get(i) ?? null;
      const fields = curation ? parseJson<FigureFields>(curation.fields, {}) : {};
      return { machine, v: applyFields(machine, fields), curation, rejected: curation?.action === 'reject', override: fields.indicatorId ?? null };
    });

    // A report just inserted has nothing to delete, and asking would cost: a lookup in the search
    // index makes FTS5 flush the batch's pending terms to a segment of their own.
    const removed = opts.fresh ? { quantities: 0, events: 0, items: 0 } : await this.deleteFacts(reportId);
    const refDate = referenceDate(doc);
    await this.db.run(
      `UPDATE reports SET title=@title, published=@published, author=@author, site=@site, url=@url,
      categories=@categories, text=@text, stages=@stages, messages=@messages, ref_date=@ref_date WHERE id=@id`,
      {
        id: reportId,
        title: doc.meta.title,
        published: doc.meta.published,
        author: doc.meta.author,
        site: doc.meta.site,
        url: doc.meta.url,
        categories: json(doc.meta.categories),
        text: doc.text,
        stages: json(doc.stages),
        messages: json(doc.messages),
        ref_date: refDate,
      },
    );

    // Each table's rows go in one statement, their ids read back by (report, ord): a statement
    // per fact was most of the writer's time, and on PostgreSQL each is a round trip.
    const quantityIds = await this.insertFacts(
      'quantities',
      [
        'report_id',
        'ord',
        'span_start',
        'span_end',
        'value',
        'value_max',
        'unit',
        'approx',
        'measure',
        'subject',
        'period_start',
        'period_end',
        'has_period',
        'region',
        'sentence_start',
        'sentence_end',
        'surface',
        'sentence_text',
        'stage',
        'status',
        'cues',
        'curation_id',
        'rejected',
        'indicator_override',
      ],
      quantities.map(({ q, span, sentence }, ord) => {
        const { v, curation, rejected, override } = readings[ord];
        return [
          reportId,
          ord,
          span[0],
          span[1],
          v.value,
          v.valueMax,
          v.unit,
          v.approx,
          v.measure,
          v.subject,
          v.period?.start ?? null,
          v.period?.end ?? null,
          v.period ? 1 : 0,
          v.region,
          sentence[0],
          sentence[1],
          textOf(doc.text, span),
          storedSentence(doc.text, sentence),
          q.stage,
          v.status,
          json({ period: q.cues?.period ?? null, region: q.cues?.region ?? null, status: q.cues?.status ?? null, indicator: q.indicatorRule ?? null }),
          curation?.id ?? null,
          rejected ? 1 : 0,
          override,
        ];
      }),
    );
    for (const [i, c] of anchored.matched) await reanchor(this.db, c, { quantityId: quantityIds[i], span: quantities[i].span, machine: readings[i].machine });
    for (const c of anchored.stale) await reanchor(this.db, c, null);
    const eventIds = await this.insertFacts(
      'events',
      ['report_id', 'ord', 'span_start', 'span_end', 'date', 'summary', 'sentence_start', 'sentence_end', 'surface', 'sentence_text', 'stage', 'areas'],
      events.map(({ e, span, sentence }, ord) => [
        reportId,
        ord,
        span[0],
        span[1],
        e.date,
        e.summary,
        sentence[0],
        sentence[1],
        textOf(doc.text, span),
        sentenceExcerpt(doc.text, sentence, span),
        e.stage,
        json(areasOf(e.summary, this.catalog)),
      ]),
    );
    const itemIds = await this.insertFacts(
      'items',
      [
        'report_id',
        'ord',
        'span_start',
        'span_end',
        'name',
        'total',
        'done',
        'sentence_start',
        'sentence_end',
        'surface',
        'sentence_text',
        'stage',
        'areas',
        'ref_date',
      ],
      items.map(({ it, span, sentence }, ord) => [
        reportId,
        ord,
        span[0],
        span[1],
        it.name,
        it.total,
        it.done,
        sentence[0],
        sentence[1],
        textOf(doc.text, span),
        sentenceExcerpt(doc.text, sentence, span),
        it.stage,
        json(areasOf(`${it.name} ${textOf(doc.text, sentence)}`, this.catalog)),
        refDate,
      ]),
    );

    // Search: the report (its row keeps no body: reports.text has it), then each fact's sentence,
    // a sentence holding several facts indexed once, under the first of them.
    const docs: { kind: string; refId: number; text: string; body: string }[] = [
      { kind: 'report', refId: reportId, text: reportSearchText(doc.meta.title, doc.text), body: '' },
    ];
    const indexed = new Set<string>();
    const indexFact = (kind: string, refId: number, sentence: Span) => {
      const body = textOf(doc.text, sentence);
      if (indexed.has(body)) return;
      indexed.add(body);
      docs.push({ kind, refId, text: body, body });
    };
    quantities.forEach(({ sentence }, i) => indexFact('quantity', quantityIds[i], sentence));
    events.forEach(({ sentence }, i) => indexFact('event', eventIds[i], sentence));
    items.forEach(({ sentence }, i) => indexFact('item', itemIds[i], sentence));
    const docIds = new Map(
      (
        await this.insertRows<{ id: number; kind: string; ref_id: number }>(
          'INSERT INTO search_docs (report_id, kind, ref_id, body) VALUES ',
          '(?, ?, ?, ?)',
          docs.map((d) => [reportId, d.kind, d.refId, d.body]),
          ' RETURNING id, kind, ref_id',
        )
      ).map((r) => [`${r.kind}:${r.ref_id}`, r.id]),
    );
    await this.insertRows(
      this.dialect.insertSearchTerms,
      this.dialect.searchTermsRow,
      docs.map((d) => {
        const terms = searchTerms && Object.hasOwn(searchTerms, d.text) ? searchTerms[d.text] : searchTermsOf(d.text);
        return [docIds.get(`${d.kind}:${d.refId}`), terms.tokens, terms.grams];
      }),
    );

    await this.assign(
      readings.map(({ v, rejected, override }, ord) => ({
        quantityId: quantityIds[ord],
        reportId,
        ord,
        ...v,
        refDate,
        rejected,
        indicatorOverride: override,
      })),
    );
    // table_counts (migrations 008–009): kept here, the one place these tables gain or lose rows
    await this.db.run(
      `UPDATE table_counts SET n = n + CASE name WHEN 'reports' THEN CAST(@reports AS INTEGER)
      WHEN 'quantities' THEN CAST(@quantities AS INTEGER) WHEN 'events' THEN CAST(@events AS INTEGER) ELSE CAST(@items AS INTEGER) END
      WHERE name IN ('reports', 'quantities', 'events', 'items')`,
      {
        reports: opts.fresh ? 1 : 0,
        quantities: quantities.length - removed.quantities,
        events: events.length - removed.events,
        items: items.length - removed.items,
      },
    );
  }

  /** Deletes a report's facts and search rows, marking its indicators dirty; says how many facts went. */
  private async deleteFacts(reportId: number): Promise<{ quantities: number; events: number; items: number }> {
    await this.db.run(this.dialect.deleteSearchTerms, [reportId]);
    await this.db.run('DELETE FROM search_docs WHERE report_id = ?', [reportId]);
    // The series these quantities fed are stale until the next refreshDerived() rebuilds them.
    const touched = await this.db.all<{ indicator_id: string }>(
      `SELECT DISTINCT qi.indicator_id FROM quantities q
      JOIN quantity_indicator qi ON qi.quantity_id = q.id WHERE q.report_id = ?`,
      [reportId],
    );
    for (const { indicator_id: indicatorId } of touched) {
      await this.db.run('DELETE FROM indicator_facts WHERE indicator_id = ? AND report_id = ?', [indicatorId, reportId]);
      await this.db.run('INSERT INTO dirty_indicators (indicator_id) VALUES (?) ON CONFLICT DO NOTHING', [indicatorId]);
    }
    await this.db.run('DELETE FROM quantity_indicator WHERE quantity_id IN (SELECT id FROM quantities WHERE report_id = ?)', [reportId]);
    return {
      quantities: await this.db.run('DELETE FROM quantities WHERE report_id = ?', [reportId]),
      events: await this.db.run('DELETE FROM events WHERE report_id = ?', [reportId]),
      items: await this.db.run('DELETE FROM items WHERE report_id = ?', [reportId]),
    };
  }

  /**
   * Gives quantities their indicators (a catalogue entry, else an automatic one named after the
   * subject), copies what reconciling reads into indicator_facts and marks the indicators dirty.
   */
  private async assign(all: readonly FilingFact[]): Promise<void> {
    // A rejected figure is filed nowhere; a moved one goes where the analyst put it; merges are followed.
    const facts = all.filter((f) => !f.rejected);
    const machine = assignIndicators(
      facts.filter((f) => !f.indicatorOverride),
      this.catalog,
    );
    const assignments = [
      ...machine.assignments,
      ...facts.filter((f) => f.indicatorOverride).map((f) => ({ quantityId: f.quantityId, indicatorId: f.indicatorOverride! })),
    ].map((a) => ({ ...a, indicatorId: followMerges(a.indicatorId, this.mergedInto) }));
    const used = new Set(assignments.map((a) => a.indicatorId));
    const auto = machine.auto.filter((a) => used.has(a.id));
    if (!assignments.length) return;
    const indicatorOf = new Map(assignments.map((a) => [a.quantityId, a.indicatorId]));
    const unmarked = [...new Set(assignments.map((a) => a.indicatorId))].filter((id) => !this.markedInTransaction.has(id));
    if (unmarked.length) {
      const newIndicators = auto.filter((a) => unmarked.includes(a.id));
      await this.insertRows(
        `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns) VALUES `,
        "(?, ?, NULL, NULL, ?, ?, 0, NULL, '[]')",
        newIndicators.map((a) => [a.id, a.nameZh, a.unit, a.measure]),
        ' ON CONFLICT DO NOTHING',
      );
      await this.insertRows(
        'INSERT INTO dirty_indicators (indicator_id) VALUES ',
        '(?)',
        unmarked.map((id) => [id]),
        ' ON CONFLICT DO NOTHING',
      );
      for (const id of unmarked) this.markedInTransaction.add(id);
    }
    const filed = facts.filter((f) => indicatorOf.has(f.quantityId));
    await this.insertRows(
      'INSERT INTO quantity_indicator (quantity_id, indicator_id) VALUES ',
      '(?, ?)',
      filed.map((f) => [f.quantityId, indicatorOf.get(f.quantityId)]),
    );
    // A target is filed under what it targets, but is no point of its series and no side of a
    // conflict: 力争2025年达到5000列 is not an achievement to chart or to contradict.
    const assigned = filed.filter((f) => f.status !== 'target');
    await this.insertRows(
      `INSERT INTO indicator_facts (indicator_id, report_id, ord, quantity_id, value, value_max, unit, approx, measure,
      subject, period_start, period_end, has_period, region, ref_date) VALUES `,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      assigned.map((f) => [
        indicatorOf.get(f.quantityId),
        f.reportId,
        f.ord,
        f.quantityId,
        f.value,
        f.valueMax,
        f.unit,
        f.approx,
        f.measure,
        f.subject,
        f.period?.start ?? null,
        f.period?.end ?? null,
        f.period ? 1 : 0,
        f.region,
        f.refDate,
      ]),
    );
  }

  /**
   * Rows in as few statements as the dialect's rowsPerInsert and the parameter limits allow
   * (SQLite's 32 766, PostgreSQL's 65 535): `insert` ends in VALUES, `row` is one row's tuple,
   * `tail` follows them all (ON CONFLICT …, RETURNING …); the rows a RETURNING tail gives come back.
   */
  private async insertRows<R = never>(insert: string, row: string, rows: readonly (readonly unknown[])[], tail = ''): Promise<R[]> {
    const returned: R[] = [];
    if (!rows.length) return returned;
    const perRow = rows[0].length;
    const chunk = Math.max(1, Math.min(this.dialect.rowsPerInsert, Math.floor(30_000 / perRow)));
    for (let at = 0; at < rows.length; at += chunk) {
      const part = rows.slice(at, at + chunk);
      const sql = insert + part.map(() => row).join(', ') + tail;
      if (tail.includes('RETURNING')) returned.push(...(await this.db.all<R>(sql, part.flat())));
      else await this.db.run(sql, part.flat());
    }
    return returned;
  }

  /**
   * A report's facts of one table, inserted at once; their ids in `ord` order (RETURNING gives rows
   * in no promised order, so each brings its ord).
   */
  private async insertFacts(table: 'quantities' | 'events' | 'items', columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number[]> {
    const inserted = await this.insertRows<{ id: number; ord: number }>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES `,
      `(${columns.map(() => '?').join(', ')})`,
      rows,
      ' RETURNING id, ord',
    );
    return idsByOrd(inserted);
  }

  private async indexSearchDoc(id: number, body: string, precomputed?: Readonly<Record<string, SearchTerms>>): Promise<void> {
    const terms = precomputed && Object.hasOwn(precomputed, body) ? precomputed[body] : searchTermsOf(body);
    await this.db.run(this.dialect.insertSearchTerms + this.dialect.searchTermsRow, [id, terms.tokens, terms.grams]);
  }

  /** Refills the search index from search_docs (after a migration that recreated it). */
  private rebuildSearchIndex(): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.run(this.dialect.clearSearchTerms);
      for (let after = 0; ;) {
        const rows = await this.db.all<{ id: number; body: string }>(
          `SELECT d.id, ${SEARCH_BODY} AS body FROM search_docs d
          JOIN reports r ON r.id = d.report_id WHERE d.id > ? ORDER BY d.id LIMIT 1000`,
          [after],
        );
        if (!rows.length) break;
        for (const r of rows) await this.indexSearchDoc(r.id, r.body);
        after = rows[rows.length - 1].id;
      }
      await this.db.run("DELETE FROM store_meta WHERE key = 'search_rebuild'");
    });
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

  private async setMeta(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  }
  private async getMeta(key: string): Promise<string | null> {
    return (await this.db.get<{ value: string }>('SELECT value FROM store_meta WHERE key = ?', [key]))?.value ?? null;
  }

  /**
   * Brings indicators, series and conflicts up to date in one transaction (readers see the old
   * derived state until it commits). Normally only the indicators whose facts changed since the
   * last refresh are rebuilt, each from its own range of indicator_facts; `full` (or a change of
   * catalogue, conflict window or DERIVED_VERSION) first reassigns every quantity, page by page.
   */
  refreshDerived(opts: { full?: boolean } = {}): Promise<void> {
    return this.atomically(async () => {
      const full = opts.full === true || (await this.getMeta('derived_basis')) !== this.derivedBasis;
      this.markedInTransaction.clear();
      if (full) await this.reassignAll();
      // Catalogue entries: their names and rules as the catalogue says now; counts are kept.
      for (const e of this.catalog.entries) {
        await this.db.run(
          `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT(id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
          area = excluded.area, unit = excluded.unit, measure = excluded.measure, catalogued = 1, description = excluded.description,
          patterns = excluded.patterns`,
          [e.id, e.nameZh, e.nameEn, e.area, e.unit, e.measure, e.description, json(e.patterns.map((p) => p.source))],
        );
      }
      await this.applyCuratedIndicators();
      // in id order, so that series and conflict rows are numbered alike on every database
      const dirty = await this.db.all<{ indicator_id: string }>('SELECT indicator_id FROM dirty_indicators ORDER BY indicator_id');
      for (const { indicator_id: indicatorId } of dirty) await this.rebuildIndicator(indicatorId);
      await this.db.run('DELETE FROM dirty_indicators');
      await this.setMeta('derived_basis', this.derivedBasis);
      await this.setMeta('derived_at', nowIso());
    });
  }

  /** Every quantity to its indicator again (the catalogue changed), leaving every indicator dirty. Inside a transaction. */
  private async reassignAll(): Promise<void> {
    // Conflicts first: deleting points then finds no conflict pointing at them.
    for (const table of ['conflicts', 'point_sources', 'series_points', 'quantity_indicator', 'indicator_facts', 'dirty_indicators', 'indicators']) {
      await this.db.run(`DELETE FROM ${table}`);
    }
    for (let after = 0; ;) {
      const rows = await this.db.all<QuantityRow & { ref_date: string | null }>(
        `SELECT ${FILING_COLUMNS} FROM quantities q JOIN reports r ON r.id = q.report_id WHERE q.id > ? ORDER BY q.id LIMIT 5000`,
        [after],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      await this.assign(rows.map(filingFactOfRow));
    }
  }

  /** One indicator's series, conflicts and counts from its facts. Inside a transaction. */
  private async rebuildIndicator(indicatorId: string): Promise<void> {
    await this.db.run('DELETE FROM conflicts WHERE indicator_id = ?', [indicatorId]);
    await this.db.run('DELETE FROM point_sources WHERE point_id IN (SELECT id FROM series_points WHERE indicator_id = ?)', [indicatorId]);
    await this.db.run('DELETE FROM series_points WHERE indicator_id = ?', [indicatorId]);
    const rows = await this.db.all<IndicatorFactRow>('SELECT * FROM indicator_facts WHERE indicator_id = ? ORDER BY report_id, ord', [indicatorId]);
    if (!rows.length) {
      // An automatic indicator lives as long as a fact names it; a catalogued one stays, empty.
      await this.db.run('DELETE FROM indicators WHERE id = ? AND catalogued = 0', [indicatorId]);
      await this.db.run("UPDATE indicators SET point_count = 0, source_count = 0, conflict_count = 0, series = '[]' WHERE id = ?", [indicatorId]);
      return;
    }
    const facts = rows.map((r): ReconcileFact => ({
      quantityId: r.quantity_id,
      reportId: r.report_id,
      value: r.value,
      valueMax: r.value_max,
      unit: r.unit,
      approx: r.approx,
      measure: r.measure,
      subject: r.subject,
      period: toPeriod(r.period_start, r.period_end, r.has_period),
      region: r.region,
      refDate: r.ref_date,
    }));
    const points = buildSeries(indicatorId, facts, { windowDays: this.windowDays });
    // the first sources of every point, read at once
    const firstSources = points.map((p) => [...p.quantityIds].sort((a, b) => a - b).slice(0, SOURCES_PER_POINT));
    // sourceRefs gives them in display order: a point lists its own in that order too
    const refs = await this.sourceRefs(firstSources.flat());
    const rank = new Map(refs.map((r, i) => [r.quantityId, i]));
    const ids = idsByOrd(
      await this.insertRows<{ id: number; ord: number }>(
        `INSERT INTO series_points (indicator_id, ord, value, value_max,
      unit, approx, measure, period_start, period_end, has_period, date, region, source_count, sources) VALUES `,
        '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        points.map((p, ord) => {
          const stated = p.period?.stated ?? false;
          const sources = firstSources[ord]
            .filter((q) => rank.has(q))
            .sort((a, b) => rank.get(a)! - rank.get(b)!)
            .map((q) => refs[rank.get(q)!]);
          return [
            indicatorId,
            ord,
            p.value,
            p.valueMax,
            p.unit,
            p.approx,
            p.measure,
            stated ? p.period!.start : null,
            stated ? p.period!.end : null,
            stated ? 1 : 0,
            p.date,
            p.region,
            p.quantityIds.length,
            json(sources),
          ];
        }),
        ' RETURNING id, ord',
      ),
    );
    const pointIds = new Map<Point, number>(points.map((p, ord) => [p, ids[ord]]));
    await this.insertRows(
      'INSERT INTO point_sources (point_id, quantity_id) VALUES ',
      '(?, ?)',
      points.flatMap((p, ord) => p.quantityIds.map((q) => [ids[ord], q])),
    );
    const conflicts = findConflicts(points, { windowDays: this.windowDays });
    await recordDerivedChanges(this.db, indicatorId, points, conflicts);
    await this.insertRows(
      'INSERT INTO conflicts (indicator_id, region, date, a_point_id, b_point_id, reason) VALUES ',
      '(?, ?, ?, ?, ?, ?)',
      conflicts.map((c) => [indicatorId, c.a.region, c.date, pointIds.get(c.a), pointIds.get(c.b), c.reason]),
    );
    const series: SeriesPoint[] = points.map((p) => {
      const stated = p.period?.stated ?? false;
      return {
        value: p.value,
        valueMax: p.valueMax,
        unit: p.unit,
        approx: p.approx,
        measure: p.measure,
        period: stated ? { start: p.period!.start, end: p.period!.end } : null,
        date: p.date,
        region: p.region,
        sources: [],
        sourceTotal: p.quantityIds.length,
      };
    });
    await this.db.run('UPDATE indicators SET point_count = ?, source_count = ?, conflict_count = ?, series = ? WHERE id = ?', [
      points.length,
      new Set(facts.map((f) => f.reportId)).size,
      conflicts.length,
      json(series),
      indicatorId,
    ]);
  }

  /** Quantities as the sources a point shows: report, sentence and span; by publication date. */
  private async sourceRefs(quantityIds: readonly number[]): Promise<SourceRef[]> {
    const rows: SourceRow[] = [];
    for (let at = 0; at < quantityIds.length; at += 500) {
      const part = quantityIds.slice(at, at + 500);
      rows.push(
        ...(await this.db.all<SourceRow>(
          `SELECT q.id AS quantity_id, q.report_id, q.ord, q.span_start, q.span_end, q.surface,
        q.sentence_start, q.sentence_end, q.sentence_text, r.title, r.published, r.source FROM quantities q JOIN reports r ON r.id = q.report_id
        WHERE q.id IN (${part.map(() => '?').join(', ')})`,
          part,
        )),
      );
    }
    rows.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.report_id - b.report_id || a.ord - b.ord);
    await fillSentences(this.db, rows);
    return rows.map(sourceFromRow);
  }

  // ---------------------------------------------------------------- queries

  private summaryFromRow(r: ReportRow & { quantity_count: number; event_count: number; item_count: number }): ReportSummary {
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

  private static readonly SUMMARY_COLUMNS = `r.id, r.location, r.source, r.format, r.content_hash, r.charset, r.title, r.published,
    r.author, r.site, r.url, r.categories, r.stages, r.messages, r.ref_date, r.ingested_at, r.updated_at, '' AS text,
    (SELECT count(*) FROM quantities WHERE report_id = r.id) AS quantity_count,
    (SELECT count(*) FROM events WHERE report_id = r.id) AS event_count,
    (SELECT count(*) FROM items WHERE report_id = r.id) AS item_count`;

  private async count(sql: string, params?: Params): Promise<number> {
    return (await this.db.get<{ n: number }>(sql, params))?.n ?? 0;
  }

  async reports(q: { limit?: number; offset?: number; q?: string } = {}): Promise<Page<ReportSummary>> {
    const limit = clampLimit(q.limit, 50);
    const offset = clampOffset(q.offset);
    const filter = q.q ? "WHERE r.title LIKE @like ESCAPE '\\' OR r.source LIKE @like ESCAPE '\\' OR r.location LIKE @like ESCAPE '\\'" : '';
    const params = q.q ? { like: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit, offset } : { limit, offset };
    const total = q.q
      ? await this.count(`SELECT count(*) AS n FROM reports r ${filter}`, params)
      : await this.count("SELECT n FROM table_counts WHERE name = 'reports'");
    // newest first through the reports_by_date index (the same expression, one direction)
    const rows = await this.db.all<Parameters<SqlStore['summaryFromRow']>[0]>(
      `SELECT ${SqlStore.SUMMARY_COLUMNS} FROM reports r ${filter}
      ORDER BY coalesce(r.published, r.ref_date) DESC, r.id DESC LIMIT @limit OFFSET @offset`,
      params,
    );
    return { total, limit, offset, rows: rows.map((r) => this.summaryFromRow(r)) };
  }

  async report(id: number): Promise<ReportDetail | null> {
    const r = await this.db.get<Parameters<SqlStore['summaryFromRow']>[0]>(
      `SELECT ${SqlStore.SUMMARY_COLUMNS.replace("'' AS text", 'r.text')} FROM reports r WHERE r.id = ?`,
      [id],
    );
    if (!r) return null;
    const decisions = new Map((await curationsOfReport(this.db, id)).map((c) => [c.id, c]));
    const quantities = (
      await this.db.all<QuantityRow & { indicator_id: string | null }>(
        `SELECT q.*, qi.indicator_id FROM quantities q
      LEFT JOIN quantity_indicator qi ON qi.quantity_id = q.id WHERE q.report_id = ? ORDER BY q.ord`,
        [id],
      )
    ).map((q) => (fillFromText(r.text, [q]), quantityFromRow(q, q.indicator_id, (q.curation_id && decisions.get(q.curation_id)) || null)));
    const events = (await this.db.all<EventRow>('SELECT * FROM events WHERE report_id = ? ORDER BY ord', [id])).map(eventFromRow);
    const items = (await this.db.all<ItemRow>('SELECT * FROM items WHERE report_id = ? ORDER BY ord', [id])).map((i) => itemFromRow(i));
    const messages = parseJson<{ reason: string; ruleId: string; source: string; severity: string; span?: Span }[]>(r.messages, []).map((m) => ({
      reason: m.reason,
      ruleId: m.ruleId,
      source: m.source,
      severity: m.severity,
      span: m.span ?? null,
    }));
    return {
      ...this.summaryFromRow(r),
      author: r.author,
      categories: parseJson<string[]>(r.categories, []),
      charset: r.charset,
      text: r.text,
      stages: parseJson<string[]>(r.stages, []),
      quantities,
      events,
      items,
      messages,
    };
  }

  private pointFromRow(p: PointRow): SeriesPoint {
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

  async pointSources(indicatorId: string, ord: number, q: { limit?: number; offset?: number } = {}): Promise<Page<SourceRef> | null> {
    const limit = clampLimit(q.limit, 50);
    const offset = clampOffset(q.offset);
    const point = await this.db.get<{ id: number; source_count: number }>('SELECT id, source_count FROM series_points WHERE indicator_id = ? AND ord = ?', [
      indicatorId,
      ord,
    ]);
    if (!point) return null;
    // In ingest order, through the point_sources key: a page costs its own rows, not a sort of all of them.
    const rows = await this.db.all<SourceRow>(
      `SELECT q.id AS quantity_id, q.report_id, q.ord, q.span_start, q.span_end, q.surface,
      q.sentence_start, q.sentence_end, q.sentence_text, r.title, r.published, r.source
      FROM (SELECT quantity_id FROM point_sources WHERE point_id = ? ORDER BY quantity_id LIMIT ? OFFSET ?) ps
      JOIN quantities q ON q.id = ps.quantity_id JOIN reports r ON r.id = q.report_id ORDER BY ps.quantity_id`,
      [point.id, limit, offset],
    );
    await fillSentences(this.db, rows);
    return { total: point.source_count, limit, offset, rows: rows.map(sourceFromRow) };
  }

  private async indicatorSummaries(where: string, params: Record<string, unknown>): Promise<IndicatorSummary[]> {
    const rows = await this.db.all<IndicatorRow & { point_count: number; source_count: number; conflict_count: number }>(
      // every column but the series document: sorting whole rows would read every indicator's series
      `SELECT i.id, i.name_zh, i.name_en, i.area, i.unit, i.measure, i.catalogued, i.description, i.patterns, i.point_count,
        i.source_count, i.conflict_count FROM indicators i ${where}
        ORDER BY i.catalogued DESC, i.source_count DESC, i.point_count DESC, i.id LIMIT @limit`,
      { limit: NO_LIMIT, ...params },
    );
    const summaries: IndicatorSummary[] = [];
    for (const i of rows) {
      const points = (await this.db.all<PointRow>('SELECT * FROM series_points WHERE indicator_id = ? ORDER BY ord DESC LIMIT 12', [i.id])).reverse();
      const last = points.at(-1);
      summaries.push({
        id: i.id,
        nameZh: i.name_zh,
        nameEn: i.name_en,
        area: (i.area as KeyArea | null) ?? null,
        unit: i.unit,
        measure: i.measure,
        catalogued: i.catalogued === 1,
        latest: last ? this.pointFromRow(last) : null,
        pointCount: i.point_count,
        sourceCount: i.source_count,
        conflictCount: i.conflict_count,
        sparkline: points.map((p) => ({ date: p.date, value: p.value })),
      });
    }
    return summaries;
  }

  indicators(q: { area?: string; catalogued?: boolean; limit?: number } = {}): Promise<IndicatorSummary[]> {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.area) {
      clauses.push('i.area = @area');
      params.area = q.area;
    }
    if (q.catalogued !== undefined) {
      clauses.push('i.catalogued = @catalogued');
      params.catalogued = q.catalogued ? 1 : 0;
    }
    if (q.limit !== undefined) params.limit = clampLimit(q.limit, q.limit, 100_000);
    return this.indicatorSummaries(clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params);
  }

  async indicator(id: string): Promise<IndicatorDetail | null> {
    const [summary] = await this.indicatorSummaries('WHERE i.id = @id', { id });
    if (!summary) return null;
    const row = (await this.db.get<Pick<IndicatorRow, 'description' | 'patterns'> & { series: string }>(
      'SELECT description, patterns, series FROM indicators WHERE id = ?',
      [id],
    ))!;
    // The series document, then the sources of its last points: two reads however long the series.
    const series = parseJson<SeriesPoint[]>(row.series, []);
    const from = Math.max(0, series.length - SERIES_SOURCES_INLINE);
    for (const p of await this.db.all<{ ord: number; sources: string }>(
      'SELECT ord, sources FROM series_points WHERE indicator_id = ? AND ord >= ? ORDER BY ord',
      [id, from],
    )) {
      if (series[p.ord]) series[p.ord].sources = parseJson<SourceRef[]>(p.sources, []);
    }
    const curated = await this.db.get<{ merged_into: string | null; actor: string; at: string }>(
      'SELECT merged_into, actor, at FROM curated_indicators WHERE id = ?',
      [id],
    );
    return {
      ...summary,
      filedBy: await this.filingReasons(id),
      mergedInto: curated?.merged_into ?? null,
      curated: curated ? { actor: curated.actor, at: curated.at } : null,
      description: row.description,
      patterns: parseJson<string[]>(row.patterns, []),
      series,
      conflicts: (await this.conflicts({ indicatorId: id, limit: DETAIL_CONFLICTS })).rows,
    };
  }

  /** The rules that filed an indicator's figures (a bounded sample of them), with how many each filed. */
  private async filingReasons(indicatorId: string): Promise<{ rule: string; figures: number }[]> {
    const rows = await this.db.all<{ cues: string | null; indicator_override: string | null; curation_id: number | null }>(
      `SELECT q.cues, q.indicator_override, q.curation_id FROM quantity_indicator qi JOIN quantities q ON q.id = qi.quantity_id
      WHERE qi.indicator_id = ? LIMIT 5000`,
      [indicatorId],
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      const rule = r.indicator_override
        ? `analyst: moved here (decision ${r.curation_id ?? '?'})`
        : (parseJson<{ indicator?: string | null }>(r.cues, {}).indicator ?? 'unrecorded (read before rules were kept)');
      counts.set(rule, (counts.get(rule) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 30)
      .map(([rule, figures]) => ({ rule, figures }));
  }

  async conflicts(q: ConflictQuery = {}): Promise<Page<Conflict>> {
    const limit = clampLimit(q.limit, 100);
    const offset = clampOffset(q.offset);
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.indicatorId) {
      clauses.push('c.indicator_id = @indicatorId');
      params.indicatorId = q.indicatorId;
    }
    if (q.area) {
      clauses.push('i.area = @area');
      params.area = q.area;
    }
    if (q.region) {
      clauses.push('c.region = @region');
      params.region = q.region;
    }
    return this.conflictsWhere(clauses.join(' AND '), params, limit, offset);
  }

  /** A page of conflicts matching `condition` (SQL over c = conflicts, i = indicators), with their sides and decisions. */
  private async conflictsWhere(condition: string, conditionParams: Record<string, unknown>, limit: number, offset: number): Promise<Page<Conflict>> {
    const where = condition ? `WHERE ${condition}` : '';
    const params = { ...conditionParams, limit, offset };
    const total = await this.count(`SELECT count(*) AS n FROM conflicts c JOIN indicators i ON i.id = c.indicator_id ${where}`, params);
    const rows = await this.db.all<ConflictRow & { name_zh: string; area: string | null } & Parameters<typeof decisionOf>[0]>(
      `SELECT c.*, i.name_zh, i.area, ${CONFLICT_DECISION_COLUMNS} FROM conflicts c
      JOIN indicators i ON i.id = c.indicator_id ${CONFLICT_DECISION_JOIN} ${where}
      ORDER BY i.catalogued DESC, c.date DESC, c.id LIMIT @limit OFFSET @offset`,
      params,
    );
    // both sides of every conflict on the page in one read
    const pointIds = [...new Set(rows.flatMap((c) => [c.a_point_id, c.b_point_id]))];
    const points = new Map<number, PointRow>();
    if (pointIds.length) {
      for (const p of await this.db.all<PointRow>(`SELECT * FROM series_points WHERE id IN (${pointIds.map(() => '?').join(', ')})`, pointIds)) {
        points.set(p.id, p);
      }
    }
    const side = (pointId: number): ConflictSide => {
      const p = points.get(pointId)!;
      const { value, valueMax, unit, approx, period, date, sources, sourceTotal } = this.pointFromRow(p);
      return { ord: p.ord, value, valueMax, unit, approx, period, date, sources, sourceTotal };
    };
    return {
      total,
      limit,
      offset,
      rows: rows.map((c) => ({
        id: c.id,
        indicatorId: c.indicator_id,
        indicatorName: c.name_zh,
        area: (c.area as KeyArea | null) ?? null,
        region: c.region,
        date: c.date,
        a: side(c.a_point_id),
        b: side(c.b_point_id),
        reason: c.reason,
        decision: decisionOf(c),
      })),
    };
  }

  async timeline(q: TimelineQuery = {}): Promise<TimelineEntry[]> {
    const limit = clampLimit(q.limit, 500, 10_000);
    // Events by their date, items by their report's date (copied onto the item). Each kind is read
    // in date order through its index, at most `limit` rows, and the two are merged here: a UNION
    // ordered as a whole would sort every event and item of the store. Only the bounds given
    // become conditions, so `from` seeks in the index. Areas are a JSON array: match the quoted name.
    const params: Record<string, unknown> = { limit };
    if (q.from) params.from = q.from;
    if (q.to) params.to = q.to;
    if (q.area) params.area = JSON.stringify(q.area);
    const where = (date: string, areas: string, extra: string[] = []) =>
      [
        ...extra,
        ...(q.from ? [`${date} >= @from`] : []),
        ...(q.to ? [`substr(${date}, 1, length(CAST(@to AS TEXT))) <= @to`] : []),
        ...(q.area ? [this.dialect.contains(areas, 'CAST(@area AS TEXT)')] : []),
      ].join(' AND ') || '1 = 1';
    type Row = {
      kind: 'event' | 'item';
      id: number;
      report_id: number;
      title: string | null;
      published: string | null;
      date: string | null;
      summary: string;
      areas: string;
      sentence_text: string;
      span_start: number;
      span_end: number;
      total: number | null;
      done: number | null;
    };
    const events = await this.db.all<Row>(
      `SELECT 'event' AS kind, e.id, e.report_id, r.title, r.published, e.date, e.summary, e.areas,
      e.sentence_text, e.span_start, e.span_end, NULL AS total, NULL AS done
      FROM events e JOIN reports r ON r.id = e.report_id WHERE ${where('e.date', 'e.areas')}
      ORDER BY e.date, e.report_id, e.id LIMIT @limit`,
      params,
    );
    const items = (dated: boolean) =>
      this.db.all<Row>(
        `SELECT 'item' AS kind, i.id, i.report_id, r.title, r.published, i.ref_date AS date,
      i.name AS summary, i.areas, i.sentence_text, i.span_start, i.span_end, i.total, i.done
      FROM items i JOIN reports r ON r.id = i.report_id WHERE ${where('i.ref_date', 'i.areas', [dated ? 'i.ref_date IS NOT NULL' : 'i.ref_date IS NULL'])}
      ORDER BY i.ref_date, i.report_id, i.ord LIMIT @limit`,
        params,
      );
    // undated last, then by date, report, kind (events first) and id
    const rows = [...events, ...(await items(true)), ...(await items(false))]
      .sort(
        (a, b) =>
          Number(a.date === null) - Number(b.date === null) ||
          (a.date ?? '').localeCompare(b.date ?? '') ||
          a.report_id - b.report_id ||
          a.kind.localeCompare(b.kind) ||
          a.id - b.id,
      )
      .slice(0, limit);
    return rows.map((t) => {
      const entry: TimelineEntry = {
        kind: t.kind,
        id: t.id,
        reportId: t.report_id,
        reportTitle: t.title,
        published: t.published,
        date: t.date,
        summary: t.summary,
        areas: parseJson<KeyArea[]>(t.areas, []),
        sentence: t.sentence_text,
        span: [t.span_start, t.span_end],
      };
      if (t.kind === 'item') {
        entry.total = t.total;
        entry.done = t.done;
      }
      return entry;
    });
  }

  async items(q: { area?: string; limit?: number; offset?: number } = {}): Promise<Page<StoredItem>> {
    const limit = clampLimit(q.limit, 200);
    const offset = clampOffset(q.offset);
    // Areas are stored as a JSON array: match the quoted name.
    const params: Record<string, unknown> = q.area ? { area: JSON.stringify(q.area), limit, offset } : { limit, offset };
    const where = q.area ? `WHERE ${this.dialect.contains('i.areas', 'CAST(@area AS TEXT)')}` : '';
    const total = q.area
      ? await this.count(`SELECT count(*) AS n FROM items i ${where}`, params)
      : await this.count("SELECT n FROM table_counts WHERE name = 'items'");
    const rows = await this.db.all<ItemRow & { title: string | null; published: string | null }>(
      `SELECT i.*, r.title, r.published
      FROM items i JOIN reports r ON r.id = i.report_id ${where} ORDER BY i.ref_date, i.report_id, i.ord LIMIT @limit OFFSET @offset`,
      params,
    );
    return { total, limit, offset, rows: rows.map(itemFromRow) };
  }

  async search(query: string, opts: SearchQuery = {}): Promise<Page<SearchHit>> {
    const limit = clampLimit(opts.limit, 20, 200);
    const offset = clampOffset(opts.offset);
    const words = queryWords(query);
    if (!words.length) return { total: 0, limit, offset, rows: [] };
    // Highlight the words as typed, and their jieba words of two or more characters.
    const wordTokens = words.map((w) => queryTokens(w).filter((t) => [...t].length > 1));
    const needles = [...new Set([...words, ...wordTokens.flat()])];
    // Bounded cost: the index gives the newest SEARCH_WINDOW matching rows, so at most that many
    // candidates are ranked however common the word (成渝 is in most of a million reports); older
    // matches are reachable by a narrower query. FTS5's own bm25 is not used: its IDF counts every
    // row holding each word, a walk of the whole index per query.
    const candidates = await this.db.all<{
      id: number;
      kind: SearchHit['kind'];
      report_id: number;
      ref_id: number;
      body: string;
      title: string | null;
      published: string | null;
    }>(
      `SELECT d.id, d.kind, d.report_id, d.ref_id, ${SEARCH_BODY} AS body, r.title, r.published
      FROM (${this.dialect.searchCandidates(SEARCH_WINDOW)}) s
      JOIN search_docs d ON d.id = s.id JOIN reports r ON r.id = d.report_id`,
      [this.dialect.matchExpression(words)],
    );
    // Facts are indexed by their sentence, so several facts of one sentence are one hit (the first).
    const hits = new Map<string, (typeof candidates)[number]>();
    for (const c of candidates) {
      const key = `${c.report_id}\u0000${c.kind === 'report' ? '' : c.body}`;
      const held = hits.get(key);
      if (!held || c.id < held.id) hits.set(key, c);
    }
    const ranked = rankHits([...hits.values()], words, wordTokens);
    return {
      total: hits.size,
      ...(candidates.length >= SEARCH_WINDOW ? { totalIsLowerBound: true } : {}),
      limit,
      offset,
      rows: ranked.slice(offset, offset + limit).map(({ hit: r, rank }) => ({
        kind: r.kind,
        reportId: r.report_id,
        id: r.ref_id,
        title: r.title,
        published: r.published,
        ...makeSnippet(r.body, needles),
        rank,
      })),
    };
  }

  async overview(): Promise<Overview> {
    const all = await this.indicators({ catalogued: true });
    return {
      stats: await this.stats(),
      areas: KEY_AREAS.map((area) => ({ area, indicators: all.filter((i) => i.area === area && i.pointCount > 0) })),
      recentConflicts: (await this.conflicts({ limit: 10 })).rows,
    };
  }

  async stats(): Promise<StoreStats> {
    return {
      path: this.path,
      schemaVersion: this.schemaVersion,
      // kept by the writer (migrations 008–009): a count(*) would walk an index of millions of rows
      reports: await this.count("SELECT n FROM table_counts WHERE name = 'reports'"),
      failures: await this.count('SELECT count(*) AS n FROM failures'),
      quantities: await this.count("SELECT n FROM table_counts WHERE name = 'quantities'"),
      events: await this.count("SELECT n FROM table_counts WHERE name = 'events'"),
      items: await this.count("SELECT n FROM table_counts WHERE name = 'items'"),
      indicators: await this.count('SELECT count(*) AS n FROM indicators i WHERE EXISTS (SELECT 1 FROM series_points WHERE indicator_id = i.id)'),
      cataloguedIndicators: await this.count(
        'SELECT count(*) AS n FROM indicators i WHERE catalogued = 1 AND EXISTS (SELECT 1 FROM series_points WHERE indicator_id = i.id)',
      ),
      uncataloguedIndicators: await this.count('SELECT count(*) AS n FROM indicators WHERE catalogued = 0'),
      seriesPoints: await this.count('SELECT count(*) AS n FROM series_points'),
      conflicts: await this.count('SELECT count(*) AS n FROM conflicts'),
      lastIngestAt: await this.getMeta('last_ingest_at'),
      derivedAt: await this.getMeta('derived_at'),
    };
  }

  failures(): Promise<FailureRow[]> {
    return this.db.all<FailureRow>('SELECT location, reason, at FROM failures ORDER BY at, location');
  }

  async *raws(): AsyncIterable<StoredRaw> {
    // Page by id so the iteration does not hold a read open while the caller writes.
    for (let after = 0; ;) {
      const rows = await this.db.all<{
        id: number;
        location: string;
        source: string;
        format: string;
        content_hash: string;
        raw_bytes: Buffer | null;
        stages: string;
      }>('SELECT id, location, source, format, content_hash, raw_bytes, stages FROM reports WHERE id > ? ORDER BY id LIMIT 100', [after]);
      if (!rows.length) return;
      for (const r of rows) {
        after = r.id;
        yield {
          id: r.id,
          location: r.location,
          source: r.source,
          format: r.format,
          contentHash: r.content_hash,
          bytes: r.raw_bytes ? new Uint8Array(r.raw_bytes) : null,
          stages: parseJson<string[]>(r.stages, []),
        };
      }
    }
  }

  /** The decoded source of a report stored without its bytes, for reindexing it. */
  async rawText(id: number): Promise<string | null> {
    return (await this.db.get<{ raw_text: string }>('SELECT raw_text FROM reports WHERE id = ? AND raw_bytes IS NULL', [id]))?.raw_text ?? null;
  }

  exportTables(): Promise<ExportTable[]> {
    return buildExportTables(this.db);
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
      refile: (ids) => this.refile(ids),
      refresh: () => this.refreshDerived(),
      reloadMerges: () => this.reloadMerges(),
    };
  }

  private async reloadMerges(): Promise<void> {
    this.mergedInto = new Map((await curatedIndicators(this.db)).filter((c) => c.merged_into).map((c) => [c.id, c.merged_into!]));
  }

  /** Indicators as analysts shaped them, over what the catalogue and the automatic groups give. Inside a transaction. */
  private async applyCuratedIndicators(): Promise<void> {
    for (const c of await curatedIndicators(this.db)) {
      if (c.merged_into) continue;
      // a split-off or promoted indicator, or one figures were moved to, exists even when no machine filing made it
      if (c.catalogued === 1 || c.unit) {
        await this.db.run(
          `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns) VALUES (?, ?, NULL, ?, ?, ?, ?, NULL, '[]')
          ON CONFLICT DO NOTHING`,
          [c.id, c.name_zh ?? c.id, c.area, c.unit ?? '', c.measure ?? 'level', c.catalogued],
        );
      }
      await this.db.run(
        `UPDATE indicators SET name_zh = COALESCE(?, name_zh), area = COALESCE(?, area),
        catalogued = CASE WHEN ? = 1 THEN 1 ELSE catalogued END WHERE id = ?`,
        [c.name_zh, c.area, c.catalogued, c.id],
      );
    }
  }

  /** Files quantities again as their rows now read, marking the indicators they leave and join dirty. Inside a transaction. */
  private async refile(quantityIds: readonly number[]): Promise<void> {
    for (let at = 0; at < quantityIds.length; at += 500) {
      const part = quantityIds.slice(at, at + 500);
      const marks = part.map(() => '?').join(', ');
      const left = await this.db.all<{ indicator_id: string }>(`SELECT DISTINCT indicator_id FROM quantity_indicator WHERE quantity_id IN (${marks})`, part);
      for (const { indicator_id: id } of left) {
        await this.db.run(`DELETE FROM indicator_facts WHERE indicator_id = ? AND quantity_id IN (${marks})`, [id, ...part]);
        await this.db.run('INSERT INTO dirty_indicators (indicator_id) VALUES (?) ON CONFLICT DO NOTHING', [id]);
      }
      await this.db.run(`DELETE FROM quantity_indicator WHERE quantity_id IN (${marks})`, part);
      this.markedInTransaction.clear();
      const rows = await this.db.all<QuantityRow & { ref_date: string | null }>(
        `SELECT ${FILING_COLUMNS} FROM quantities q JOIN reports r ON r.id = q.report_id WHERE q.id IN (${marks})`,
        part,
      );
      await this.assign(rows.map(filingFactOfRow));
    }
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
    return (await this.indicatorSummaries('WHERE i.id = @id', { id }))[0] ?? null;
  }

  async decideConflict(
    conflictId: number,
    decision: { verdict: ConflictDecision['verdict']; stands?: string | null; reason?: string | null },
    actor: string,
  ): Promise<Conflict | null> {
    const found = await this.atomically(() => decideConflictIn(this.db, conflictId, decision, actor));
    if (!found) return null;
    return (await this.conflictsWhere('c.id = @id', { id: conflictId }, 1, 0)).rows[0] ?? null;
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

/** Inserted rows' ids, in the order of their `ord`. */
const idsByOrd = (rows: readonly { id: number; ord: number }[]): number[] => {
  const ids: number[] = [];
  for (const r of rows) ids[r.ord] = r.id;
  return ids;
};

/** A LIMIT both databases read as "all rows". */
const NO_LIMIT = 2_147_483_647;

type Row = Record<string, string | number | null>;

/** The store's tables as people read them: Chinese headers, one row per record, sources resolved. */
async function buildExportTables(db: SqlDriver): Promise<ExportTable[]> {
  const list = db.dialect.listOf;
  const table = async (name: string, title: string, columns: [string, string][], sql: string, sentences = false): Promise<ExportTable> => {
    const rows = await db.all<Row>(sql);
    // Facts whose long sentence is not stored have it cut from their report's text.
    if (sentences) await fillSentences(db, rows as unknown as SentenceRow[]);
    return { name, title, columns: columns.map(([key, header]) => ({ key, header })), rows };
  };
  return Promise.all([
    table(
      'reports',
      '报告',
      [
        ['id', '报告编号'],
        ['source', '文件'],
        ['title', '标题'],
        ['published', '发布日期'],
        ['site', '来源'],
        ['url', '链接'],
        ['location', '位置'],
        ['format', '格式'],
        ['content_hash', '内容哈希'],
        ['ingested_at', '入库时间'],
      ],
      'SELECT id, source, title, published, site, url, location, format, content_hash, ingested_at FROM reports ORDER BY id',
    ),
    table(
      'quantities',
      '数据',
      [
        ['id', '数据编号'],
        ['report_id', '报告编号'],
        ['indicator_id', '指标编号'],
        ['subject', '主题'],
        ['value', '数值'],
        ['value_max', '上限'],
        ['unit', '单位'],
        ['approx', '限定'],
        ['measure', '类型'],
        ['period_start', '期间起'],
        ['period_end', '期间止'],
        ['region', '地区'],
        ['surface', '原文'],
        ['span_start', '起始位置'],
        ['span_end', '结束位置'],
        ['sentence_text', '所在句子'],
        ['stage', '抽取阶段'],
        ['status', '状态'],
        ['curation', '人工校核'],
        ['curated_by', '校核人'],
      ],
      `SELECT q.id, q.report_id, qi.indicator_id, q.subject, q.value, q.value_max, q.unit, q.approx, q.measure, q.period_start,
        q.period_end, q.region, q.surface, q.span_start, q.span_end, q.sentence_text, q.stage, q.status,
        c.action AS curation, c.actor AS curated_by, q.sentence_start, q.sentence_end
        FROM quantities q LEFT JOIN quantity_indicator qi ON qi.quantity_id = q.id LEFT JOIN curations c ON c.id = q.curation_id
        ORDER BY q.report_id, q.ord`,
      true,
    ),
    table(
      'indicators',
      '指标',
      [
        ['id', '指标编号'],
        ['name_zh', '指标名称'],
        ['name_en', '英文名称'],
        ['area', '重点领域'],
        ['unit', '单位'],
        ['measure', '类型'],
        ['catalogued', '已编目'],
        ['point_count', '数据点数'],
        ['source_count', '来源报告数'],
        ['conflict_count', '冲突数'],
      ],
      `SELECT i.id, i.name_zh, i.name_en, i.area, i.unit, i.measure, i.catalogued, i.point_count, i.source_count,
        i.conflict_count FROM indicators i ORDER BY i.catalogued DESC, i.id`,
    ),
    table(
      'series',
      '序列',
      [
        ['indicator_id', '指标编号'],
        ['name_zh', '指标名称'],
        ['date', '日期'],
        ['period_start', '期间起'],
        ['period_end', '期间止'],
        ['region', '地区'],
        ['value', '数值'],
        ['value_max', '上限'],
        ['unit', '单位'],
        ['approx', '限定'],
        ['report_ids', '来源报告'],
        ['quantity_ids', '来源数据'],
      ],
      `SELECT sp.indicator_id, i.name_zh, sp.date, sp.period_start, sp.period_end, sp.region, sp.value, sp.value_max, sp.unit,
        sp.approx, (SELECT ${list('q.report_id', true)} FROM point_sources ps JOIN quantities q ON q.id = ps.quantity_id
        WHERE ps.point_id = sp.id) AS report_ids,
        (SELECT ${list('ps.quantity_id')} FROM point_sources ps WHERE ps.point_id = sp.id) AS quantity_ids
        FROM series_points sp JOIN indicators i ON i.id = sp.indicator_id ORDER BY sp.indicator_id, sp.ord`,
    ),
    table(
      'conflicts',
      '冲突',
      [
        ['id', '冲突编号'],
        ['indicator_id', '指标编号'],
        ['name_zh', '指标名称'],
        ['region', '地区'],
        ['date', '日期'],
        ['a_value', '数值甲'],
        ['a_approx', '限定甲'],
        ['a_reports', '来源甲'],
        ['b_value', '数值乙'],
        ['b_approx', '限定乙'],
        ['b_reports', '来源乙'],
        ['unit', '单位'],
        ['reason', '原因'],
      ],
      `SELECT c.id, c.indicator_id, i.name_zh, c.region, c.date, a.value AS a_value, a.approx AS a_approx,
        (SELECT ${list('q.report_id', true)} FROM point_sources ps JOIN quantities q ON q.id = ps.quantity_id WHERE ps.point_id = a.id) AS a_reports,
        b.value AS b_value, b.approx AS b_approx,
        (SELECT ${list('q.report_id', true)} FROM point_sources ps JOIN quantities q ON q.id = ps.quantity_id WHERE ps.point_id = b.id) AS b_reports,
        a.unit, c.reason FROM conflicts c JOIN indicators i ON i.id = c.indicator_id
        JOIN series_points a ON a.id = c.a_point_id JOIN series_points b ON b.id = c.b_point_id ORDER BY c.id`,
    ),
    table(
      'events',
      '事件',
      [
        ['id', '事件编号'],
        ['report_id', '报告编号'],
        ['date', '日期'],
        ['summary', '摘要'],
        ['areas', '重点领域'],
        ['surface', '原文'],
        ['span_start', '起始位置'],
        ['span_end', '结束位置'],
        ['sentence_text', '所在句子'],
      ],
      'SELECT id, report_id, date, summary, areas, surface, span_start, span_end, sentence_text FROM events ORDER BY date, report_id, ord',
    ),
    table(
      'items',
      '合作事项',
      [
        ['id', '事项编号'],
        ['report_id', '报告编号'],
        ['name', '事项'],
        ['total', '总数'],
        ['done', '已完成'],
        ['areas', '重点领域'],
        ['surface', '原文'],
        ['span_start', '起始位置'],
        ['span_end', '结束位置'],
        ['sentence_text', '所在句子'],
      ],
      'SELECT id, report_id, name, total, done, areas, surface, span_start, span_end, sentence_text FROM items ORDER BY report_id, ord',
    ),
    table(
      'failures',
      '失败',
      [
        ['location', '位置'],
        ['reason', '原因'],
        ['at', '时间'],
      ],
      'SELECT location, reason, at FROM failures ORDER BY at',
    ),
  ]);
}
