/**
 * The audit log: every decision with its author, time, before and after and reason, filterable
 * and downloadable as CSV; above it, the decisions a re-reading left without their characters.
 */
import { useState } from 'react';
import { api, auditCsvUrl, type AuditEntry, type CurationRecord, type Page } from '../api.ts';
import { Async, reportHref } from '../components/common.tsx';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';

/** Before/after as short "key: value" lines, the keys that changed first. */
function changeText(entry: AuditEntry, side: 'before' | 'after'): string {
  const value = entry[side];
  if (value === null || typeof value !== 'object') return value === null ? '' : String(value);
  const other = entry[side === 'before' ? 'after' : 'before'];
  const differs = (k: string) => JSON.stringify((value as Record<string, unknown>)[k]) !== JSON.stringify((other as Record<string, unknown> | null)?.[k]);
  const keys = Object.keys(value).sort((a, b) => Number(differs(b)) - Number(differs(a)));
  return keys
    .filter((k) => differs(k) || k === 'text')
    .map((k) => `${k}: ${JSON.stringify((value as Record<string, unknown>)[k])}`)
    .join('\n');
}

/** `12:40-52` (report 12, characters 40–52) as a link to that figure's sentence. */
function figureHref(targetId: string): string {
  const m = /^(\d+):(\d+)-(\d+)$/.exec(targetId);
  return m ? reportHref(Number(m[1]), [Number(m[2]), Number(m[3])]) : '#';
}

/** Decisions a re-reading left without their characters (none: nothing shown). */
function StaleCurations({ page }: { page: Page<CurationRecord> }) {
  const { t } = useI18n();
  if (page.total <= 0) return null;
  return (
    <section className="stale-curations" data-testid="stale-curations">
      <h2>
        {t('staleTitle')}（{page.total}）
      </h2>
      <p className="muted small">{t('staleHint')}</p>
      <ul>
        {page.rows.map((c) => (
          <li key={c.id}>
            <Link to={reportHref(c.reportId)}>{c.reportTitle ?? `#${c.reportId}`}</Link>「{c.surface}」 {c.action} · {c.actor}
            {c.reason && ` · ${c.reason}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

type AuditFilter = { actor: string; action: string; from: string; to: string };

/** The filter form (applied on submit) and the CSV link for what is applied. */
function AuditFilters({ applied, onApply }: { applied: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState(applied);
  const field = (key: keyof AuditFilter, label: string, placeholder = '') => (
    <label>
      {label}
      <input name={key} value={filter[key]} placeholder={placeholder} onChange={(e) => setFilter({ ...filter, [key]: e.target.value })} />
    </label>
  );
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(filter);
      }}
    >
      {field('actor', t('actor'))}
      {field('action', t('action'), 'figure / indicator / conflict / user')}
      {field('from', t('from'), '2026-12-01')}
      {field('to', t('to'), '2026-12-31')}
      <button type="submit">{t('filter')}</button>
      <a href={auditCsvUrl(applied)} download data-testid="audit-csv">
        {t('exportCsv')}
      </a>
    </form>
  );
}

function AuditTable({ rows }: { rows: AuditEntry[] }) {
  const { t } = useI18n();
  return (
    <table className="dense audit" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t('at')}</th>
          <th>{t('actor')}</th>
          <th>{t('action')}</th>
          <th>{t('auditTarget')}</th>
          <th>{t('before')}</th>
          <th>{t('after')}</th>
          <th>{t('reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td>
            <td>{e.actor}</td>
            <td className="nowrap">{e.action}</td>
            <td className="small">{e.targetKind === 'figure' ? <Link to={figureHref(e.targetId)}>{e.targetId}</Link> : e.targetId}</td>
            <td className="pre small">{changeText(e, 'before')}</td>
            <td className="pre small">{changeText(e, 'after')}</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const [applied, setApplied] = useState<AuditFilter>({ actor: '', action: '', from: '', to: '' });
  const entries = useApi(() => api.audit({ ...applied, limit: 200 }), [JSON.stringify(applied)]);
  const stale = useApi(() => api.curations({ state: 'stale', limit: 100 }), []);
  return (
    <>
      <h1>{t('auditTitle')}</h1>
      <p className="muted">{t('auditHint')}</p>
      <Async loaded={stale}>{(page) => <StaleCurations page={page} />}</Async>
      <AuditFilters applied={applied} onApply={setApplied} />
      <Async loaded={entries}>{(page) => <AuditTable rows={page.rows} />}</Async>
    </>
  );
}
