/** Queries over reports: the list, one report with its facts, failures, and the raw sources for reindex. */
import type { Span } from '../document/index.ts';
import { count } from './context.ts';
import { curationsOfReport } from './curation.ts';
import { quantityFromRow, type QuantityRow } from './quantity-columns.ts';
import { eventFromRow, itemFromRow, summaryFromRow, SUMMARY_COLUMNS, type EventRow, type ItemRow, type SummaryRow } from './rows.ts';
import { fillFromText } from './sentence-text.ts';
import type { SqlDriver } from './sql.ts';
import type { FailureRow, Page, ReportDetail, ReportSummary, StoredRaw } from './types.ts';
import { clampLimit, clampOffset, parseJson } from './values.ts';

export async function reports(db: SqlDriver, q: { limit?: number; offset?: number; q?: string } = {}): Promise<Page<ReportSummary>> {
  const limit = clampLimit(q.limit, 50);
  const offset = clampOffset(q.offset);
  const filter = q.q ? "WHERE r.title LIKE @like ESCAPE '\\' OR r.source LIKE @like ESCAPE '\\' OR r.location LIKE @like ESCAPE '\\'" : '';
  const params = q.q ? { like: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit, offset } : { limit, offset };
  const total = q.q
    ? await count(db, `SELECT count(*) AS n FROM reports r ${filter}`, params)
    : await count(db, "SELECT n FROM table_counts WHERE name = 'reports'");
  // newest first through the reports_by_date index (the same expression, one direction)
  const rows = await db.all<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM reports r ${filter}
    ORDER BY coalesce(r.published, r.ref_date) DESC, r.id DESC LIMIT @limit OFFSET @offset`,
    params,
  );
  return { total, limit, offset, rows: rows.map((r) => summaryFromRow(r)) };
}

export async function report(db: SqlDriver, id: number): Promise<ReportDetail | null> {
  const r = await db.get<SummaryRow>(`SELECT ${SUMMARY_COLUMNS.replace("'' AS text", 'r.text')} FROM reports r WHERE r.id = ?`, [id]);
  if (!r) return null;
  const decisions = new Map((await curationsOfReport(db, id)).map((c) => [c.id, c]));
  const quantities = (
    await db.all<QuantityRow & { indicator_id: string | null }>(
      `SELECT q.*, qi.indicator_id FROM quantities q
    LEFT JOIN quantity_indicator qi ON qi.quantity_id = q.id WHERE q.report_id = ? ORDER BY q.ord`,
      [id],
    )
  ).map((q) => (fillFromText(r.text, [q]), quantityFromRow(q, q.indicator_id, (q.curation_id && decisions.get(q.curation_id)) || null)));
  const events = (await db.all<EventRow>('SELECT * FROM events WHERE report_id = ? ORDER BY ord', [id])).map(eventFromRow);
  const items = (await db.all<ItemRow>('SELECT * FROM items WHERE report_id = ? ORDER BY ord', [id])).map((i) => itemFromRow(i));
  const messages = parseJson<{ reason: string; ruleId: string; source: string; severity: string; span?: Span }[]>(r.messages, []).map((m) => ({
    reason: m.reason,
    ruleId: m.ruleId,
    source: m.source,
    severity: m.severity,
    span: m.span ?? null,
  }));
  return {
    ...summaryFromRow(r),
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

export function failures(db: SqlDriver): Promise<FailureRow[]> {
  return db.all<FailureRow>('SELECT location, reason, at FROM failures ORDER BY at, location');
}

export async function* raws(db: SqlDriver): AsyncIterable<StoredRaw> {
  // Page by id so the iteration does not hold a read open while the caller writes.
  for (let after = 0; ;) {
    const rows = await db.all<{
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
export async function rawText(db: SqlDriver, id: number): Promise<string | null> {
  return (await db.get<{ raw_text: string }>('SELECT raw_text FROM reports WHERE id = ? AND raw_bytes IS NULL', [id]))?.raw_text ?? null;
}
