/**
 * Analysts' decisions as rows, and the rules that apply them: a decision on a figure is anchored to
 * its characters (report, span, the text under it, its sentence) and re-applied whenever the report
 * is read again; decisions on indicators (promote, rename, merge, split) and on conflicts are kept by
 * what identifies them, so rebuilt derived rows pick them up. The store (sql-store.ts) calls these
 * inside its transactions.
 */
import type { Approx, Measure, Span } from '../document/index.ts';
import type { SqlSession } from './sql.ts';
import type { ConflictDecision, CurationMark, CurationRecord, FigureAction, FigureFields, KeyArea, Page, StoredQuantity } from './types.ts';
import { KEY_AREAS } from './types.ts';
import { clampLimit, clampOffset, json, nowIso, parseJson } from './values.ts';

/** What a decision can change of a figure, as the store keeps it. */
export type FigureValues = Pick<StoredQuantity, 'value' | 'valueMax' | 'unit' | 'approx' | 'measure' | 'subject' | 'period' | 'region' | 'status'>;

/** The columns that anchor a figure or a decision to the characters of its report. */
export interface AnchorRow {
  id: number;
  report_id: number;
  span_start: number;
  span_end: number;
  surface: string;
  sentence_text: string;
}

export interface CurationRow extends AnchorRow {
  action: FigureAction;
  fields: string;
  machine: string;
  reason: string | null;
  actor: string;
  at: string;
  state: 'active' | 'stale';
  quantity_id: number | null;
}

/** Bounded: the sentence only helps find characters that moved; a whole unbroken text need not be kept twice. */
export const ANCHOR_SENTENCE_CHARS = 400;

export function markOf(r: CurationRow): CurationMark {
  return {
    id: r.id,
    action: r.action,
    actor: r.actor,
    at: r.at,
    reason: r.reason,
    fields: parseJson<FigureFields>(r.fields, {}),
    machine: parseJson<FigureFields>(r.machine, {}),
  };
}

const APPROX: readonly Approx[] = ['exact', 'about', 'over', 'under'];
const MEASURES: readonly Measure[] = ['level', 'change', 'share'];
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export class CurationError extends Error {
  override name = 'CurationError';
}

/** The fields of a correction, checked one by one: a bad one names itself. */
export function checkedFields(fields: FigureFields): FigureFields {
  const out: FigureFields = {};
  const fail = (what: string) => {
    throw new CurationError(`fields.${what}`);
  };
  if (fields.value !== undefined) {
    if (typeof fields.value !== 'number' || !Number.isFinite(fields.value)) fail('value: must be a finite number');
    out.value = fields.value;
  }
  if (fields.valueMax !== undefined) {
    if (fields.valueMax !== null && (typeof fields.valueMax !== 'number' || !Number.isFinite(fields.valueMax)))
      fail('valueMax: must be a finite number or null');
    out.valueMax = fields.valueMax;
  }
  if (fields.unit !== undefined) {
    if (typeof fields.unit !== 'string' || fields.unit.length > 20) fail('unit: must be a string of at most 20 characters');
    out.unit = fields.unit.trim();
  }
  if (fields.approx !== undefined) {
    if (!APPROX.includes(fields.approx)) fail(`approx: one of ${APPROX.join(', ')}`);
    out.approx = fields.approx;
  }
  if (fields.measure !== undefined) {
    if (!MEASURES.includes(fields.measure)) fail(`measure: one of ${MEASURES.join(', ')}`);
    out.measure = fields.measure;
  }
  if (fields.subject !== undefined) {
    if (typeof fields.subject !== 'string' || !fields.subject.trim() || fields.subject.length > 200) fail('subject: 1 to 200 characters');
    out.subject = fields.subject.trim();
  }
  if (fields.period !== undefined) {
    const p = fields.period;
    if (p !== null) {
      const ok = (d: unknown) => d === null || (typeof d === 'string' && DATE.test(d));
      if (typeof p !== 'object' || !ok(p.start) || !ok(p.end)) fail('period: {start, end} as YYYY, YYYY-MM or YYYY-MM-DD (or null), or null');
      if (p.start && p.end && p.start > p.end) fail('period: start after end');
    }
    out.period = p === null ? null : { start: p.start ?? null, end: p.end ?? null };
  }
  if (fields.region !== undefined) {
    if (fields.region !== null && (typeof fields.region !== 'string' || fields.region.length > 40)) fail('region: a place name or null');
    out.region = fields.region === null || !fields.region.trim() ? null : fields.region.trim();
  }
  if (fields.status !== undefined) {
    if (fields.status !== 'actual' && fields.status !== 'target') fail('status: actual or target');
    out.status = fields.status;
  }
  if (fields.indicatorId !== undefined) {
    if (fields.indicatorId !== null && (typeof fields.indicatorId !== 'string' || !fields.indicatorId)) fail('indicatorId: an indicator id or null');
    out.indicatorId = fields.indicatorId;
  }
  return out;
}

/** The machine's values with the analyst's fields over them. */
export function applyFields(machine: FigureValues, fields: FigureFields): FigureValues {
  const { indicatorId: _moved, ...own } = fields;
  return { ...machine, ...own };
}

export interface AnchorCandidate {
  span: Span;
  surface: string;
  sentenceText: string;
}

/**
 * Which figure of a new reading each decision is about: the figure at the same characters with the
 * same text, else the one figure with the same text in the same sentence (the text moved), else the
 * one figure of the report with that text. The rest are stale: their characters are gone (or are
 * printed several times and the decision cannot tell which).
 */
export function anchorCurations(
  curations: readonly CurationRow[],
  figures: readonly AnchorCandidate[],
): { matched: Map<number, CurationRow>; stale: CurationRow[] } {
  const matched = new Map<number, CurationRow>();
  const bySpan = new Map(figures.map((f, i) => [`${f.span[0]}:${f.span[1]}`, i]));
  const rest: CurationRow[] = [];
  for (const c of curations) {
    const i = bySpan.get(`${c.span_start}:${c.span_end}`);
    if (i !== undefined && figures[i].surface === c.surface && !matched.has(i)) matched.set(i, c);
    else rest.push(c);
  }
  const stale: CurationRow[] = [];
  for (const c of rest) {
    const free = figures.map((f, i) => ({ f, i })).filter(({ f, i }) => !matched.has(i) && f.surface === c.surface);
    const inSentence = free.filter(({ f }) => f.sentenceText === c.sentence_text);
    // the same sentence elsewhere, else the one figure of the report printed so: never a guess among several
    const found = inSentence.length === 1 ? inSentence[0] : inSentence.length === 0 && free.length === 1 ? free[0] : null;
    if (found) matched.set(found.i, c);
    else stale.push(c);
  }
  return { matched, stale };
}

export const curationsOfReport = (db: SqlSession, reportId: number): Promise<CurationRow[]> =>
  db.all<CurationRow>('SELECT * FROM curations WHERE report_id = ? ORDER BY id', [reportId]);

/** Records where a decision now applies (or that it applies nowhere). */
export async function reanchor(db: SqlSession, c: CurationRow, at: { quantityId: number; span: Span; machine: FigureValues } | null): Promise<void> {
  if (at) {
    await db.run("UPDATE curations SET state = 'active', quantity_id = ?, span_start = ?, span_end = ?, machine = ? WHERE id = ?", [
      at.quantityId,
      at.span[0],
      at.span[1],
      json(at.machine),
      c.id,
    ]);
  } else {
    await db.run("UPDATE curations SET state = 'stale', quantity_id = NULL WHERE id = ?", [c.id]);
  }
}

/** One decision per figure: a new one takes the old one's place (the audit log keeps both). */
export async function upsertCuration(
  db: SqlSession,
  anchor: { reportId: number; span: Span; surface: string; sentenceText: string; quantityId: number },
  decision: { action: FigureAction; fields: FigureFields; machine: FigureFields; reason: string | null; actor: string },
): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO curations (report_id, span_start, span_end, surface, sentence_text, action, fields, machine, reason, actor, at, state, quantity_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
    ON CONFLICT (report_id, span_start, span_end) DO UPDATE SET surface = excluded.surface, sentence_text = excluded.sentence_text,
    action = excluded.action, fields = excluded.fields, machine = excluded.machine, reason = excluded.reason, actor = excluded.actor,
    at = excluded.at, state = 'active', quantity_id = excluded.quantity_id RETURNING id`,
    [
      anchor.reportId,
      anchor.span[0],
      anchor.span[1],
      anchor.surface,
      anchor.sentenceText.slice(0, ANCHOR_SENTENCE_CHARS),
      decision.action,
      json(decision.fields),
      json(decision.machine),
      decision.reason,
      decision.actor,
      nowIso(),
      anchor.quantityId,
    ],
  );
  return row!.id;
}

export async function listCurations(db: SqlSession, q: { state?: 'active' | 'stale'; limit?: number; offset?: number } = {}): Promise<Page<CurationRecord>> {
  const limit = clampLimit(q.limit, 100);
  const offset = clampOffset(q.offset);
  const where = q.state ? 'WHERE c.state = @state' : '';
  const params = { state: q.state ?? null, limit, offset };
  const total = Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM curations c ${where}`, params))?.n ?? 0);
  const rows = await db.all<CurationRow & { title: string | null }>(
    `SELECT c.*, r.title FROM curations c JOIN reports r ON r.id = c.report_id ${where} ORDER BY c.at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
    params,
  );
  return {
    total,
    limit,
    offset,
    rows: rows.map((r) => ({
      ...markOf(r),
      reportId: r.report_id,
      reportTitle: r.title,
      span: [r.span_start, r.span_end] as Span,
      surface: r.surface,
      sentence: r.sentence_text,
      state: r.state,
      quantityId: r.quantity_id,
    })),
  };
}

// ------------------------------------------------------------------ indicators

export interface CuratedIndicatorRow {
  id: string;
  name_zh: string | null;
  area: string | null;
  unit: string | null;
  measure: string | null;
  catalogued: number;
  merged_into: string | null;
  actor: string;
  at: string;
}

export const curatedIndicators = (db: SqlSession): Promise<CuratedIndicatorRow[]> =>
  db.all<CuratedIndicatorRow>('SELECT * FROM curated_indicators ORDER BY id');

/** Sets some of an indicator's curated columns, keeping the others. */
export async function upsertCuratedIndicator(
  db: SqlSession,
  id: string,
  set: Partial<Pick<CuratedIndicatorRow, 'name_zh' | 'area' | 'unit' | 'measure' | 'catalogued' | 'merged_into'>>,
  actor: string,
): Promise<void> {
  const existing = await db.get<CuratedIndicatorRow>('SELECT * FROM curated_indicators WHERE id = ?', [id]);
  const row = { name_zh: null, area: null, unit: null, measure: null, catalogued: 0, merged_into: null, ...existing, ...set, id, actor, at: nowIso() };
  await db.run(
    `INSERT INTO curated_indicators (id, name_zh, area, unit, measure, catalogued, merged_into, actor, at) VALUES (@id, @name_zh, @area, @unit, @measure, @catalogued, @merged_into, @actor, @at)
    ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, area = excluded.area, unit = excluded.unit, measure = excluded.measure,
    catalogued = excluded.catalogued, merged_into = excluded.merged_into, actor = excluded.actor, at = excluded.at`,
    row,
  );
}

/** The indicator a figure filed under `id` goes to once merges are followed (a cycle stops where it closes). */
export function followMerges(id: string, mergedInto: ReadonlyMap<string, string>): string {
  const seen = new Set<string>([id]);
  let at = id;
  for (let next = mergedInto.get(at); next && !seen.has(next); next = mergedInto.get(at)) {
    seen.add(next);
    at = next;
  }
  return at;
}

export function checkedArea(area: unknown): KeyArea | null {
  if (area === null || area === undefined || area === '') return null;
  if (!KEY_AREAS.includes(area as KeyArea)) throw new CurationError(`area: one of ${KEY_AREAS.join(', ')}`);
  return area as KeyArea;
}

// ------------------------------------------------------------------ conflicts

export const conflictKey = (c: { indicator_id: string; region: string | null; date: string | null }) => [c.indicator_id, c.region ?? '', c.date ?? ''];

export async function upsertConflictDecision(
  db: SqlSession,
  key: readonly string[],
  d: { verdict: ConflictDecision['verdict']; stands: string | null; reason: string | null; actor: string },
): Promise<void> {
  await db.run(
    `INSERT INTO conflict_decisions (indicator_id, region, date, verdict, stands, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (indicator_id, region, date) DO UPDATE SET verdict = excluded.verdict, stands = excluded.stands, reason = excluded.reason,
    actor = excluded.actor, at = excluded.at`,
    [...key, d.verdict, d.stands, d.reason, d.actor, nowIso()],
  );
}

/** The SQL that brings a conflict row's decision (columns d_verdict, d_stands, d_reason, d_actor, d_at). */
export const CONFLICT_DECISION_JOIN = `LEFT JOIN conflict_decisions d ON d.indicator_id = c.indicator_id
  AND d.region = COALESCE(c.region, '') AND d.date = COALESCE(c.date, '')`;
export const CONFLICT_DECISION_COLUMNS = 'd.verdict AS d_verdict, d.stands AS d_stands, d.reason AS d_reason, d.actor AS d_actor, d.at AS d_at';

export function decisionOf(r: {
  d_verdict: string | null;
  d_stands: string | null;
  d_reason: string | null;
  d_actor: string | null;
  d_at: string | null;
}): ConflictDecision | null {
  if (!r.d_verdict) return null;
  return { verdict: r.d_verdict as ConflictDecision['verdict'], stands: r.d_stands, reason: r.d_reason, actor: r.d_actor ?? '', at: r.d_at ?? '' };
}
