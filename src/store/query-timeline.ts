/** Queries over dated facts: the timeline (events and cooperation items by date) and the items list. */
import { count } from './context.ts';
import { itemFromRow, type ItemRow } from './rows.ts';
import type { SqlDriver } from './sql.ts';
import type { KeyArea, Page, StoredItem, TimelineEntry, TimelineQuery } from './types.ts';
import { clampLimit, clampOffset, parseJson } from './values.ts';

export async function timeline(db: SqlDriver, q: TimelineQuery = {}): Promise<TimelineEntry[]> {
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
      ...(q.area ? [db.dialect.contains(areas, 'CAST(@area AS TEXT)')] : []),
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
  const events = await db.all<Row>(
    `SELECT 'event' AS kind, e.id, e.report_id, r.title, r.published, e.date, e.summary, e.areas,
    e.sentence_text, e.span_start, e.span_end, NULL AS total, NULL AS done
    FROM events e JOIN reports r ON r.id = e.report_id WHERE ${where('e.date', 'e.areas')}
    ORDER BY e.date, e.report_id, e.id LIMIT @limit`,
    params,
  );
  const items = (dated: boolean) =>
    db.all<Row>(
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

export async function items(db: SqlDriver, q: { area?: string; limit?: number; offset?: number } = {}): Promise<Page<StoredItem>> {
  const limit = clampLimit(q.limit, 200);
  const offset = clampOffset(q.offset);
  // Areas are stored as a JSON array: match the quoted name.
  const params: Record<string, unknown> = q.area ? { area: JSON.stringify(q.area), limit, offset } : { limit, offset };
  const where = q.area ? `WHERE ${db.dialect.contains('i.areas', 'CAST(@area AS TEXT)')}` : '';
  const total = q.area
    ? await count(db, `SELECT count(*) AS n FROM items i ${where}`, params)
    : await count(db, "SELECT n FROM table_counts WHERE name = 'items'");
  const rows = await db.all<ItemRow & { title: string | null; published: string | null }>(
    `SELECT i.*, r.title, r.published
    FROM items i JOIN reports r ON r.id = i.report_id ${where} ORDER BY i.ref_date, i.report_id, i.ord LIMIT @limit OFFSET @offset`,
    params,
  );
  return { total, limit, offset, rows: rows.map(itemFromRow) };
}
