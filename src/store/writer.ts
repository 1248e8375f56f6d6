/**
 * The writer: a report and all its facts in one transaction (the caller's, see SqlStore.atomically).
 * Spans are checked before anything is written; analysts' decisions are re-applied to the figures
 * at the same characters; each table's rows go in one statement; search rows follow; filing
 * (filing.ts) marks the indicators the facts feed dirty for the next refreshDerived().
 */
import { makeSpan, textOf, type Document, type CooperationItem as Item, type DatedEvent as Event, type Quantity, type Span } from '../document/index.ts';
import { areasOf } from '../reconcile/index.ts';
import { recordChange } from './changes.ts';
import { idsByOrd, insertRows, setMeta, type StoreContext } from './context.ts';
import { anchorCurations, ANCHOR_SENTENCE_CHARS, applyFields, curationsOfReport, reanchor, type CurationRow, type FigureValues } from './curation.ts';
import { StoreError } from './errors.ts';
import { sentenceExcerpt, storedSentence } from './excerpt.ts';
import { cellsOf, EVENT_COLUMNS, insertColumns, ITEM_COLUMNS, type FactSpot } from './fact-columns.ts';
import { assign } from './filing.ts';
import { QUANTITY_INSERT_COLUMNS, quantityCells } from './quantity-columns.ts';
import { reportSearchText, searchTermsOf, type SearchTerms } from './search-terms.ts';
import type { FigureFields, IngestResult } from './types.ts';
import { json, nowIso, parseJson } from './values.ts';

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

type SearchTermsOf = Readonly<Record<string, SearchTerms>>;

/** One report, stored (see Store.ingestDocument). Inside a transaction. */
export async function ingestDocument(ctx: StoreContext, doc: Document, bytes?: Uint8Array, searchTerms?: SearchTermsOf): Promise<IngestResult> {
  const { db } = ctx;
  const existing = await db.get<{ id: number; content_hash: string }>('SELECT id, content_hash FROM reports WHERE location = ? AND source = ?', [
    doc.location,
    doc.source,
  ]);
  // The same bytes again, or (for a report not seen at this place) a copy of one already stored.
  const copyOf = existing
    ? existing.content_hash === doc.contentHash
      ? existing
      : undefined
    : await db.get<{ id: number }>('SELECT id FROM reports WHERE content_hash = ? LIMIT 1', [doc.contentHash]);
  if (copyOf) {
    await db.run('DELETE FROM failures WHERE location = ?', [doc.location]);
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
    await db.run(
      `UPDATE reports SET source=@source, format=@format, content_hash=@content_hash, charset=@charset,
          raw_bytes=@raw_bytes, raw_text=@raw_text, updated_at=@now WHERE id=@id`,
      { ...fields, id: reportId },
    );
  } else {
    reportId = (await db.get<{ id: number }>(
      `INSERT INTO reports (location, source, format, content_hash, charset, text, raw_bytes,
          raw_text, ingested_at, updated_at) VALUES (@location, @source, @format, @content_hash, @charset, '', @raw_bytes,
          @raw_text, @now, @now) RETURNING id`,
      fields,
    ))!.id;
  }
  await writeFacts(ctx, reportId, doc, { searchTerms, fresh: !existing });
  await recordChange(db, { kind: 'report', key: `${reportId} ${doc.contentHash}`, reportId, title: doc.meta.title ?? doc.source, at: now });
  await db.run('DELETE FROM failures WHERE location = ?', [doc.location]);
  await setMeta(db, 'last_ingest_at', now);
  return { status: existing ? 'replaced' : 'new', reportId };
}

/** A stored report's facts replaced after re-extraction (reindex), keeping its id. Inside a transaction. */
export async function replaceFacts(ctx: StoreContext, reportId: number, doc: Document): Promise<void> {
  const row = await ctx.db.get('SELECT id FROM reports WHERE id = ?', [reportId]);
  if (!row) throw new StoreError(`replaceFacts(${reportId}): no such report`);
  await writeFacts(ctx, reportId, doc);
  await ctx.db.run('UPDATE reports SET updated_at = ? WHERE id = ?', [nowIso(), reportId]);
}

function checkedSpan(doc: Document, span: Span, what: string): Span {
  return makeSpan(doc.text, span[0], span[1], `${doc.source}: ${what}`);
}

/** A fact with its span and sentence checked against the text. */
interface Checked<F> {
  fact: F;
  span: Span;
  sentence: Span;
}

/** Every fact's spans checked, before any write: a fact the text cannot honour fails the whole report. */
function checkedFacts(doc: Document): { quantities: Checked<Quantity>[]; events: Checked<Event>[]; items: Checked<Item>[] } {
  const check = <F extends { span: Span; sentence: Span }>(facts: readonly F[], kind: string): Checked<F>[] =>
    facts.map((fact, i) => ({
      fact,
      span: checkedSpan(doc, fact.span, `${kind} ${i} span`),
      sentence: checkedSpan(doc, fact.sentence, `${kind} ${i} sentence`),
    }));
  return { quantities: check(doc.quantities, 'quantity'), events: check(doc.events, 'event'), items: check(doc.items, 'item') };
}

/** A figure as the machine read it and as it now reads, with the analyst's decision on it. */
interface Reading {
  machine: FigureValues;
  v: FigureValues;
  curation: CurationRow | null;
  rejected: boolean;
  override: string | null;
}

/** Analysts' decisions on this report's figures, re-applied to the figures at the same characters. */
async function readingsOf(
  ctx: StoreContext,
  reportId: number,
  doc: Document,
  quantities: readonly Checked<Quantity>[],
  fresh: boolean,
): Promise<{ readings: Reading[]; anchored: { matched: Map<number, CurationRow>; stale: CurationRow[] } }> {
  const curations = fresh ? [] : await curationsOfReport(ctx.db, reportId);
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
  const readings = quantities.map(({ fact: q }, i): Reading => {
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
  return { readings, anchored };
}

/** The report row's text and metadata. */
async function updateReport(ctx: StoreContext, reportId: number, doc: Document, refDate: string | null): Promise<void> {
  await ctx.db.run(
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
}

/**
 * A report's facts of one table, inserted at once; their ids in `ord` order (RETURNING gives rows
 * in no promised order, so each brings its ord).
 */
async function insertFacts(
  ctx: StoreContext,
  table: 'quantities' | 'events' | 'items',
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number[]> {
  const inserted = await insertRows<{ id: number; ord: number }>(
    ctx.db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES `,
    `(${columns.map(() => '?').join(', ')})`,
    rows,
    ' RETURNING id, ord',
  );
  return idsByOrd(inserted);
}

/** The report's quantities, their decisions re-anchored to the new rows; their ids in ord order. */
async function insertQuantities(
  ctx: StoreContext,
  reportId: number,
  doc: Document,
  quantities: readonly Checked<Quantity>[],
  { readings, anchored }: Awaited<ReturnType<typeof readingsOf>>,
): Promise<number[]> {
  const ids = await insertFacts(
    ctx,
    'quantities',
    QUANTITY_INSERT_COLUMNS,
    quantities.map(({ fact: q, span, sentence }, ord) => {
      const { v, curation, rejected, override } = readings[ord];
      return quantityCells({
        reportId,
        ord,
        span,
        sentence,
        surface: textOf(doc.text, span),
        sentenceText: storedSentence(doc.text, sentence),
        stage: q.stage,
        values: v,
        cues: { period: q.cues?.period ?? null, region: q.cues?.region ?? null, status: q.cues?.status ?? null, indicator: q.indicatorRule ?? null },
        curationId: curation?.id ?? null,
        rejected,
        indicatorOverride: override,
      });
    }),
  );
  for (const [i, c] of anchored.matched) await reanchor(ctx.db, c, { quantityId: ids[i], span: quantities[i].span, machine: readings[i].machine });
  for (const c of anchored.stale) await reanchor(ctx.db, c, null);
  return ids;
}

/** Where an event or item stands: its span and surface, and an excerpt of its sentence around it. */
function spotOf(reportId: number, doc: Document, ord: number, { fact, span, sentence }: Checked<Event | Item>): FactSpot {
  return { reportId, ord, span, sentence, surface: textOf(doc.text, span), sentenceText: sentenceExcerpt(doc.text, sentence, span), stage: fact.stage };
}

async function insertEvents(ctx: StoreContext, reportId: number, doc: Document, events: readonly Checked<Event>[]): Promise<number[]> {
  return insertFacts(
    ctx,
    'events',
    insertColumns(EVENT_COLUMNS),
    events.map((checked, ord) =>
      cellsOf(EVENT_COLUMNS, {
        ...spotOf(reportId, doc, ord, checked),
        areas: areasOf(checked.fact.summary, ctx.catalog),
        date: checked.fact.date,
        summary: checked.fact.summary,
      }),
    ),
  );
}

async function insertItems(ctx: StoreContext, reportId: number, doc: Document, items: readonly Checked<Item>[], refDate: string | null): Promise<number[]> {
  return insertFacts(
    ctx,
    'items',
    insertColumns(ITEM_COLUMNS),
    items.map((checked, ord) => {
      const it = checked.fact;
      return cellsOf(ITEM_COLUMNS, {
        ...spotOf(reportId, doc, ord, checked),
        areas: areasOf(`${it.name} ${textOf(doc.text, checked.sentence)}`, ctx.catalog),
        name: it.name,
        total: it.total,
        done: it.done,
        refDate,
      });
    }),
  );
}

/**
 * Search: the report (its row keeps no body: reports.text has it), then each fact's sentence,
 * a sentence holding several facts indexed once, under the first of them.
 */
async function indexReport(
  ctx: StoreContext,
  reportId: number,
  doc: Document,
  facts: readonly { kind: string; ids: readonly number[]; sentences: readonly Span[] }[],
  searchTerms: SearchTermsOf | undefined,
): Promise<void> {
  const { db } = ctx;
  const { dialect } = db;
  const docs: { kind: string; refId: number; text: string; body: string }[] = [
    { kind: 'report', refId: reportId, text: reportSearchText(doc.meta.title, doc.text), body: '' },
  ];
  const indexed = new Set<string>();
  for (const { kind, ids, sentences } of facts) {
    sentences.forEach((sentence, i) => {
      const body = textOf(doc.text, sentence);
      if (indexed.has(body)) return;
      indexed.add(body);
      docs.push({ kind, refId: ids[i], text: body, body });
    });
  }
  const docIds = new Map(
    (
      await insertRows<{ id: number; kind: string; ref_id: number }>(
        db,
        'INSERT INTO search_docs (report_id, kind, ref_id, body) VALUES ',
        '(?, ?, ?, ?)',
        docs.map((d) => [reportId, d.kind, d.refId, d.body]),
        ' RETURNING id, kind, ref_id',
      )
    ).map((r) => [`${r.kind}:${r.ref_id}`, r.id]),
  );
  await insertRows(
    db,
    dialect.insertSearchTerms,
    dialect.searchTermsRow,
    docs.map((d) => {
      const terms = searchTerms && Object.hasOwn(searchTerms, d.text) ? searchTerms[d.text] : searchTermsOf(d.text);
      return [docIds.get(`${d.kind}:${d.refId}`), terms.tokens, terms.grams];
    }),
  );
}

/** Writes a report's text, metadata and facts, replacing whatever facts it had. Inside a transaction. */
async function writeFacts(ctx: StoreContext, reportId: number, doc: Document, opts: { searchTerms?: SearchTermsOf; fresh?: boolean } = {}): Promise<void> {
  const { quantities, events, items } = checkedFacts(doc);
  const read = await readingsOf(ctx, reportId, doc, quantities, opts.fresh === true);
  // A report just inserted has nothing to delete, and asking would cost: a lookup in the search
  // index makes FTS5 flush the batch's pending terms to a segment of their own.
  const removed = opts.fresh ? { quantities: 0, events: 0, items: 0 } : await deleteFacts(ctx, reportId);
  const refDate = referenceDate(doc);
  await updateReport(ctx, reportId, doc, refDate);
  // Each table's rows go in one statement, their ids read back by (report, ord): a statement
  // per fact was most of the writer's time, and on PostgreSQL each is a round trip.
  const quantityIds = await insertQuantities(ctx, reportId, doc, quantities, read);
  const eventIds = await insertEvents(ctx, reportId, doc, events);
  const itemIds = await insertItems(ctx, reportId, doc, items, refDate);
  const sentences = (facts: readonly Checked<unknown>[]) => facts.map((f) => f.sentence);
  await indexReport(
    ctx,
    reportId,
    doc,
    [
      { kind: 'quantity', ids: quantityIds, sentences: sentences(quantities) },
      { kind: 'event', ids: eventIds, sentences: sentences(events) },
      { kind: 'item', ids: itemIds, sentences: sentences(items) },
    ],
    opts.searchTerms,
  );
  await assign(
    ctx,
    read.readings.map(({ v, rejected, override }, ord) => ({
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
  await ctx.db.run(
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
async function deleteFacts(ctx: StoreContext, reportId: number): Promise<{ quantities: number; events: number; items: number }> {
  const { db } = ctx;
  await db.run(db.dialect.deleteSearchTerms, [reportId]);
  await db.run('DELETE FROM search_docs WHERE report_id = ?', [reportId]);
  // The series these quantities fed are stale until the next refreshDerived() rebuilds them.
  const touched = await db.all<{ indicator_id: string }>(
    `SELECT DISTINCT qi.indicator_id FROM quantities q
      JOIN quantity_indicator qi ON qi.quantity_id = q.id WHERE q.report_id = ?`,
    [reportId],
  );
  for (const { indicator_id: indicatorId } of touched) {
    await db.run('DELETE FROM indicator_facts WHERE indicator_id = ? AND report_id = ?', [indicatorId, reportId]);
    await db.run('INSERT INTO dirty_indicators (indicator_id) VALUES (?) ON CONFLICT DO NOTHING', [indicatorId]);
  }
  await db.run('DELETE FROM quantity_indicator WHERE quantity_id IN (SELECT id FROM quantities WHERE report_id = ?)', [reportId]);
  return {
    quantities: await db.run('DELETE FROM quantities WHERE report_id = ?', [reportId]),
    events: await db.run('DELETE FROM events WHERE report_id = ?', [reportId]),
    items: await db.run('DELETE FROM items WHERE report_id = ?', [reportId]),
  };
}
