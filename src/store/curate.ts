/**
 * The curation operations, each run by the store inside one transaction: the decision row, the
 * figure or indicator as it now stands, its filing again, the audit record, then the derived state
 * (series, conflicts) brought up to date.
 */
import type { SqlSession } from './sql.ts';
import { appendAudit } from './audit.ts';
import {
  applyFields,
  checkedArea,
  checkedFields,
  conflictKey,
  CurationError,
  upsertConflictDecision,
  upsertCuratedIndicator,
  upsertCuration,
  type AnchorRow,
  type CurationRow,
  type FigureValues,
} from './curation.ts';
import type { ConflictDecision, FigureDecision, FigureFields, IndicatorDecision } from './types.ts';
import { createHash } from 'node:crypto';
import { parseJson } from './values.ts';

/** What the operations need of the store. */
export interface CurationHost {
  readonly db: SqlSession;
  /** Files these quantities again (their rows as they now are), marking old and new indicators dirty. */
  refile(quantityIds: readonly number[]): Promise<void>;
  /** Rebuilds what is dirty (inside the open transaction). */
  refresh(): Promise<void>;
  /** Re-reads the merges after an indicator decision. */
  reloadMerges(): Promise<void>;
}

export interface FigureRow extends AnchorRow {
  curation_id: number | null;
  rejected: number;
  indicator_override: string | null;
  indicator_id: string | null;
  values: FigureValues;
}

export type LoadFigure = (quantityId: number) => Promise<FigureRow | null>;

const figureTarget = (f: Pick<FigureRow, 'report_id' | 'span_start' | 'span_end'>) => `${f.report_id}:${f.span_start}-${f.span_end}`;

async function indicatorExists(db: SqlSession, id: string): Promise<boolean> {
  return Boolean(await db.get('SELECT id FROM indicators WHERE id = ?', [id]));
}

/**
 * One decision on one figure, without refreshing (a split makes several). `accept` confirms the
 * reading as it stands, `reject` takes the figure out of every series, `correct` sets fields over
 * the machine's (merged with earlier corrections); the machine's reading is kept with the decision.
 */
export async function decideFigure(host: CurationHost, figure: FigureRow, decision: FigureDecision, actor: string): Promise<void> {
  const { db } = host;
  const previous = figure.curation_id ? await db.get<CurationRow>('SELECT * FROM curations WHERE id = ?', [figure.curation_id]) : undefined;
  const machine: FigureValues = previous ? { ...figure.values, ...parseJson<FigureFields>(previous.machine, {}) } : figure.values;
  const earlier = previous ? parseJson<FigureFields>(previous.fields, {}) : {};
  const given = decision.action === 'correct' ? checkedFields(decision.fields ?? {}) : {};
  if (decision.action === 'correct' && !Object.keys(given).length) throw new CurationError('fields: a correction sets at least one field');
  const fields: FigureFields = { ...earlier, ...given };
  if (fields.indicatorId && !(await indicatorExists(db, fields.indicatorId))) throw new CurationError(`fields.indicatorId: no indicator ${fields.indicatorId}`);
  const now = applyFields(machine, fields);
  const rejected = decision.action === 'reject';
  const curationId = await upsertCuration(
    db,
    {
      reportId: figure.report_id,
      span: [figure.span_start, figure.span_end],
      surface: figure.surface,
      sentenceText: figure.sentence_text,
      quantityId: figure.id,
    },
    { action: decision.action, fields, machine: { ...machine }, reason: decision.reason ?? null, actor },
  );
  await db.run(
    `UPDATE quantities SET value = ?, value_max = ?, unit = ?, approx = ?, measure = ?, subject = ?, period_start = ?, period_end = ?,
    has_period = ?, region = ?, status = ?, curation_id = ?, rejected = ?, indicator_override = ? WHERE id = ?`,
    [
      now.value,
      now.valueMax,
      now.unit,
      now.approx,
      now.measure,
      now.subject,
      now.period?.start ?? null,
      now.period?.end ?? null,
      now.period ? 1 : 0,
      now.region,
      now.status,
      curationId,
      rejected ? 1 : 0,
      fields.indicatorId ?? null,
      figure.id,
    ],
  );
  await host.refile([figure.id]);
  const filed = await db.get<{ indicator_id: string }>('SELECT indicator_id FROM quantity_indicator WHERE quantity_id = ?', [figure.id]);
  await appendAudit(db, {
    actor,
    action: `figure.${decision.action}`,
    targetKind: 'figure',
    targetId: figureTarget(figure),
    before: { ...figure.values, indicatorId: figure.indicator_id, rejected: figure.rejected === 1, text: figure.surface },
    after: { ...now, indicatorId: filed?.indicator_id ?? null, rejected, text: figure.surface },
    reason: decision.reason ?? null,
  });
}

interface IndicatorRowLite {
  id: string;
  name_zh: string;
  area: string | null;
  unit: string;
  measure: string;
  catalogued: number;
}

/** A promote, rename, merge or split; returns the id of the indicator as it now stands. */
export async function decideIndicator(host: CurationHost, decision: IndicatorDecision, actor: string, loadFigure: LoadFigure): Promise<string | null> {
  const { db } = host;
  const indicator = await db.get<IndicatorRowLite>('SELECT id, name_zh, area, unit, measure, catalogued FROM indicators WHERE id = ?', [decision.id]);
  if (!indicator) return null;
  const reason = decision.reason ?? null;
  const before = { nameZh: indicator.name_zh, area: indicator.area, catalogued: indicator.catalogued === 1 };
  const audit = (action: string, after: unknown, targetId = indicator.id) =>
    appendAudit(db, { actor, action: `indicator.${action}`, targetKind: 'indicator', targetId, before, after, reason });
  const name = (s: string | undefined) => {
    const n = (s ?? '').trim();
    if (n.length > 60) throw new CurationError('nameZh: at most 60 characters');
    return n;
  };
  switch (decision.op) {
    case 'promote': {
      if (indicator.catalogued === 1) throw new CurationError(`${indicator.id} is already catalogued`);
      const nameZh = name(decision.nameZh) || indicator.name_zh;
      const area = checkedArea(decision.area);
      await upsertCuratedIndicator(db, indicator.id, { name_zh: nameZh, area, unit: indicator.unit, measure: indicator.measure, catalogued: 1 }, actor);
      await db.run('UPDATE indicators SET name_zh = ?, area = ?, catalogued = 1 WHERE id = ?', [nameZh, area, indicator.id]);
      await audit('promote', { nameZh, area, catalogued: true });
      return indicator.id;
    }
    case 'rename': {
      const nameZh = name(decision.nameZh);
      if (!nameZh) throw new CurationError('nameZh: a name is required');
      await upsertCuratedIndicator(db, indicator.id, { name_zh: nameZh, unit: indicator.unit, measure: indicator.measure }, actor);
      await db.run('UPDATE indicators SET name_zh = ? WHERE id = ?', [nameZh, indicator.id]);
      await audit('rename', { nameZh });
      return indicator.id;
    }
    case 'merge': {
      if (decision.into === indicator.id) throw new CurationError('into: an indicator cannot be merged into itself');
      const into = await db.get<IndicatorRowLite>('SELECT id, name_zh, area, unit, measure, catalogued FROM indicators WHERE id = ?', [decision.into]);
      if (!into) throw new CurationError(`into: no indicator ${decision.into}`);
      await upsertCuratedIndicator(db, into.id, { unit: into.unit, measure: into.measure, name_zh: into.name_zh }, actor);
      await upsertCuratedIndicator(db, indicator.id, { merged_into: into.id, unit: indicator.unit, measure: indicator.measure }, actor);
      await host.reloadMerges();
      const filed = await db.all<{ quantity_id: number }>('SELECT quantity_id FROM quantity_indicator WHERE indicator_id = ?', [indicator.id]);
      await host.refile(filed.map((f) => f.quantity_id));
      await audit('merge', { mergedInto: into.id, figures: filed.length });
      return into.id;
    }
    case 'split': {
      const nameZh = name(decision.nameZh);
      if (!nameZh) throw new CurationError('nameZh: the new indicator needs a name');
      if (!decision.quantityIds.length) throw new CurationError('quantityIds: at least one figure to split off');
      const id = `cur:${createHash('sha1')
        .update(`${indicator.id}\n${nameZh}\n${decision.quantityIds.join(',')}`)
        .digest('hex')
        .slice(0, 12)}`;
      await upsertCuratedIndicator(db, id, { name_zh: nameZh, area: indicator.area, unit: indicator.unit, measure: indicator.measure, catalogued: 1 }, actor);
      await db.run(
        `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns) VALUES (?, ?, NULL, ?, ?, ?, 1, NULL, '[]')
        ON CONFLICT DO NOTHING`,
        [id, nameZh, indicator.area, indicator.unit, indicator.measure],
      );
      for (const quantityId of decision.quantityIds) {
        const figure = await loadFigure(quantityId);
        if (!figure || figure.indicator_id !== indicator.id) throw new CurationError(`quantityIds: figure ${quantityId} is not filed under ${indicator.id}`);
        await decideFigure(host, figure, { action: 'correct', fields: { indicatorId: id }, reason: reason ?? `split from ${indicator.id}` }, actor);
      }
      await audit('split', { into: id, nameZh, figures: decision.quantityIds });
      return id;
    }
  }
}

export async function decideConflictIn(
  db: SqlSession,
  conflictId: number,
  d: { verdict: ConflictDecision['verdict']; stands?: string | null; reason?: string | null },
  actor: string,
): Promise<boolean> {
  const row = await db.get<{ indicator_id: string; region: string | null; date: string | null; reason: string }>(
    'SELECT indicator_id, region, date, reason FROM conflicts WHERE id = ?',
    [conflictId],
  );
  if (!row) return false;
  if (d.verdict !== 'resolved' && d.verdict !== 'not_conflict') throw new CurationError('verdict: resolved or not_conflict');
  const key = conflictKey(row);
  const previous = await db.get<{ verdict: string; stands: string | null }>(
    'SELECT verdict, stands FROM conflict_decisions WHERE indicator_id = ? AND region = ? AND date = ?',
    key,
  );
  const stands = d.verdict === 'resolved' ? (d.stands ?? '').trim().slice(0, 100) || null : null;
  await upsertConflictDecision(db, key, { verdict: d.verdict, stands, reason: d.reason ?? null, actor });
  await appendAudit(db, {
    actor,
    action: `conflict.${d.verdict}`,
    targetKind: 'conflict',
    targetId: key.join('|'),
    before: previous ?? { verdict: null, conflict: row.reason },
    after: { verdict: d.verdict, stands },
    reason: d.reason ?? null,
  });
  return true;
}
