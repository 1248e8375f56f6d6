/**
 * The change log (issue 14): what is new since a moment — reports, series points, conflicts and
 * curated decisions — for `GET /api/changes` and the Atom feeds. Each change has an identity
 * (`kind`, `key`): series points and conflicts are rebuilt under new row ids whenever their
 * indicator is, so they are known by what they say, and a change recorded twice (a rebuild, two
 * workers writing the same report) stays one change.
 *
 * Anything that changes what an analyst sees appends here with `recordChange` (curation:
 * `recordChange(db, { kind: 'decision', key, title, indicatorId, reportId, detail })`).
 */
import { createHash } from 'node:crypto';
import type { ConflictGroup, Point } from '../reconcile/index.ts';
import type { Params, SqlSession } from './sql.ts';
import type { Change, ChangeKind, ChangeQuery, NewChange } from './types.ts';

export const CHANGE_KINDS: readonly ChangeKind[] = ['report', 'point', 'conflict', 'decision'];

interface ChangeRow {
  id: number;
  kind: ChangeKind;
  key: string;
  at: string;
  report_id: number | null;
  indicator_id: string | null;
  title: string;
  detail: string;
}

const INSERT = `INSERT INTO changes (kind, key, at, report_id, indicator_id, title, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (kind, key) DO NOTHING`;

/** A change's identity as kept: a short digest (a point's identity is long, and a report of thousands of figures logs thousands). */
export const keyDigest = (key: string): string => createHash('sha1').update(key).digest('base64url').slice(0, 16);

/** Appends one change; a (kind, key) recorded already is left as it was (first seen wins). */
export async function recordChange(db: SqlSession, change: NewChange): Promise<void> {
  if (!CHANGE_KINDS.includes(change.kind)) throw new Error(`recordChange: unknown kind ${JSON.stringify(change.kind)}`);
  if (!change.key) throw new Error(`recordChange(${change.kind}): the key is empty`);
  await db.run(INSERT, [
    change.kind,
    keyDigest(change.key),
    change.at ?? new Date().toISOString(),
    change.reportId ?? null,
    change.indicatorId ?? null,
    change.title,
    JSON.stringify(change.detail ?? {}),
  ]);
}

export const MAX_CHANGES = 1000;

/** Changes after `since`, oldest first: the newest `limit` of them. */
export async function listChanges(db: SqlSession, q: ChangeQuery = {}): Promise<Change[]> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.since) {
    where.push('at > @since');
    params.since = q.since;
  }
  if (q.indicatorId) {
    where.push('indicator_id = @indicator');
    params.indicator = q.indicatorId;
  }
  if (q.kinds?.length) {
    where.push(`kind IN (${q.kinds.map((_, i) => `@k${i}`).join(', ')})`);
    q.kinds.forEach((k, i) => (params[`k${i}`] = k));
  }
  params.limit = Math.max(1, Math.min(MAX_CHANGES, Math.floor(q.limit ?? 200)));
  const rows = await db.all<ChangeRow>(
    `SELECT * FROM (SELECT * FROM changes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT @limit) newest
    ORDER BY at, id`,
    params as Params,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    key: r.key,
    at: r.at,
    reportId: r.report_id,
    indicatorId: r.indicator_id,
    title: r.title,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

const pointKey = (p: Point): string => JSON.stringify([p.region, p.date, p.value, p.valueMax, p.unit, p.measure, p.approx]);
const APPROX_ZH: Record<Point['approx'], string> = { exact: '', about: '约', over: '超过', under: '不足' };
/** 280000000000 → 2800亿, 3430000 → 343万: a figure as a Chinese reader writes it. */
export function chineseMagnitude(n: number): string {
  const scaled = (v: number, unit: string) => `${Number(v.toPrecision(12)).toString()}${unit}`;
  if (Math.abs(n) >= 1e8 && Number.isInteger(n / 1e4)) return scaled(n / 1e8, '亿');
  if (Math.abs(n) >= 1e4 && Number.isInteger(n / 100)) return scaled(n / 1e4, '万');
  return String(n);
}
const shown = (p: Point): string =>
  `${APPROX_ZH[p.approx]}${chineseMagnitude(p.value)}${p.valueMax !== null ? `–${chineseMagnitude(p.valueMax)}` : ''}${p.unit}`;
const where = (p: Point): string => [p.region, p.date].filter(Boolean).join(' ');

/** A conflict's change names this many of its values. */
const CHANGE_VALUES = 5;

/**
 * The points and conflicts of one rebuilt indicator that the log has not seen: called by the store
 * at the end of each indicator's rebuild, inside its transaction.
 */
export async function recordDerivedChanges(db: SqlSession, indicatorId: string, points: readonly Point[], conflicts: readonly ConflictGroup[]): Promise<void> {
  if (!points.length) return;
  const known = new Set(
    (await db.all<{ kind: string; key: string }>("SELECT kind, key FROM changes WHERE indicator_id = ? AND kind IN ('point', 'conflict')", [indicatorId])).map(
      (r) => `${r.kind} ${r.key}`,
    ),
  );
  const name = (await db.get<{ name_zh: string }>('SELECT name_zh FROM indicators WHERE id = ?', [indicatorId]))?.name_zh ?? indicatorId;
  // reports stored before the log began (migration 011): what rests on them alone is no change
  const baseline = Number((await db.get<{ value: string }>("SELECT value FROM store_meta WHERE key = 'changes_baseline_report'"))?.value ?? 0);
  const old = (p: Point) => p.reportIds.every((id) => id <= baseline);
  // reports stored before conflicts were groups (migration 013): their groups were logged as pairs
  const groupsBaseline = Math.max(
    baseline,
    Number((await db.get<{ value: string }>("SELECT value FROM store_meta WHERE key = 'conflict_groups_baseline_report'"))?.value ?? 0),
  );
  const oldForGroups = (p: Point) => p.reportIds.every((id) => id <= groupsBaseline);
  const at = new Date().toISOString();
  for (const p of points) {
    const key = `${indicatorId} ${pointKey(p)}`;
    if (known.has(`point ${keyDigest(key)}`) || old(p)) continue;
    await recordChange(db, {
      kind: 'point',
      key,
      at,
      indicatorId,
      reportId: p.reportIds[0] ?? null,
      title: `${name}：${where(p) || '未注明时间地区'} ${shown(p)}`,
      // the title says the rest: a report of thousands of figures logs thousands of points, so each stays small
      detail: { value: p.value, unit: p.unit, reports: p.reportIds.slice(0, 3) },
    });
  }
  // a conflict is its group (indicator, region, date): logged once, when it first appears, not per pair
  for (const c of conflicts) {
    const key = `${indicatorId} ${JSON.stringify([c.region, c.date])}`;
    if (known.has(`conflict ${keyDigest(key)}`) || c.members.every(oldForGroups)) continue;
    const newest = c.members.flatMap((m) => m.reportIds).reduce((a, b) => Math.max(a, b), 0);
    const values = c.members.slice(0, CHANGE_VALUES).map(shown);
    await recordChange(db, {
      kind: 'conflict',
      key,
      at,
      indicatorId,
      reportId: newest || null,
      title: `冲突 · ${name}${c.region ? `（${c.region}）` : ''}：${values.join(' 与 ')}${c.members.length > CHANGE_VALUES ? ` 等 ${c.members.length} 个数值` : ''}`,
      detail: {
        date: c.date,
        region: c.region,
        reason: c.reason,
        memberCount: c.members.length,
        members: c.members.slice(0, CHANGE_VALUES).map((m) => ({ value: m.value, reports: m.reportIds.slice(0, 10) })),
      },
    });
  }
}
