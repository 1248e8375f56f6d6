/**
 * The audit log: one row per decision (who, when, what before, what after, why). Rows are only
 * ever appended; the migrations' triggers refuse UPDATE and DELETE on the table.
 */
import { recordChange } from './changes.ts';
import type { SqlSession } from './sql.ts';
import type { AuditEntry, AuditQuery, Page } from './types.ts';
import { clampLimit, clampOffset, json, nowIso, parseJson } from './values.ts';

export interface AuditRecord {
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** Decisions on what the dashboard shows (not on accounts) are changes its subscribers hear of too. */
const PUBLISHED_KINDS = new Set(['figure', 'indicator', 'conflict']);

export async function appendAudit(db: SqlSession, record: AuditRecord): Promise<void> {
  const at = nowIso();
  const row = await db.get<{ id: number }>(
    'INSERT INTO audit_log (at, actor, action, target_kind, target_id, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
    [
      at,
      record.actor,
      record.action,
      record.targetKind,
      record.targetId,
      record.before === undefined ? null : json(record.before),
      record.after === undefined ? null : json(record.after),
      record.reason ?? null,
    ],
  );
  if (!PUBLISHED_KINDS.has(record.targetKind)) return;
  const after = (record.after ?? {}) as { indicatorId?: string | null };
  const reportId = record.targetKind === 'figure' ? Number(record.targetId.split(':')[0]) : null;
  const indicatorId =
    record.targetKind === 'indicator' ? record.targetId : record.targetKind === 'conflict' ? record.targetId.split('|')[0] : (after.indicatorId ?? null);
  await recordChange(db, {
    kind: 'decision',
    key: `audit:${row!.id}`,
    at,
    title: `${record.actor} ${record.action} ${record.targetId}${record.reason ? `：${record.reason}` : ''}`,
    reportId: reportId !== null && Number.isFinite(reportId) ? reportId : null,
    indicatorId,
    detail: { action: record.action, actor: record.actor, before: record.before ?? null, after: record.after ?? null },
  });
}

/** Newest first; `action` matches a prefix (`figure` finds figure.correct and figure.reject). */
export async function queryAudit(db: SqlSession, q: AuditQuery = {}): Promise<Page<AuditEntry>> {
  const limit = clampLimit(q.limit, 100);
  const offset = clampOffset(q.offset);
  const clauses: string[] = [];
  const params: Record<string, unknown> = { limit, offset };
  if (q.actor) {
    clauses.push('actor = @actor');
    params.actor = q.actor;
  }
  if (q.action) {
    clauses.push('(action = @action OR substr(action, 1, length(@action) + 1) = @actionPrefix)');
    params.action = q.action;
    params.actionPrefix = `${q.action}.`;
  }
  if (q.targetKind) {
    clauses.push('target_kind = @targetKind');
    params.targetKind = q.targetKind;
  }
  if (q.from) {
    clauses.push('at >= @from');
    params.from = q.from;
  }
  if (q.to) {
    // an inclusive day: 2026-12-03 takes every moment of that day
    clauses.push('substr(at, 1, length(@to)) <= @to');
    params.to = q.to;
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`, params))?.n ?? 0);
  const rows = await db.all<AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`, params);
  return {
    total,
    limit,
    offset,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id,
      before: parseJson<unknown>(r.before, null),
      after: parseJson<unknown>(r.after, null),
      reason: r.reason,
    })),
  };
}
