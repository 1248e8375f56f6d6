/** The sources' admin page: subscribed feeds and list pages with their state, and what changed lately (新 since the last visit). */
import { useState, type FormEvent } from 'react';
import { api, type Change } from '../api.ts';
import { NewMark } from '../changes.tsx';
import { Async } from '../components/common.tsx';
import { formatDate } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Link } from '../router.tsx';

const KIND: Record<string, MessageKey> = { feed: 'sourceKindFeed', page: 'sourceKindPage', folder: 'sourceKindFolder' };
const CHANGE: Record<Change['kind'], MessageKey> = { report: 'changeReport', point: 'changePoint', conflict: 'changeConflict', decision: 'changeDecision' };

/** Seconds as the interval people write: 30分钟, 2小时. */
function every(seconds: number, t: (key: MessageKey) => string): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}${t('unitDay')}`;
  if (seconds % 3600 === 0) return `${seconds / 3600}${t('unitHour')}`;
  if (seconds % 60 === 0) return `${seconds / 60}${t('unitMinute')}`;
  return `${seconds}${t('unitSecond')}`;
}

const changeHref = (c: Change): string =>
  (c.kind === 'point' || c.kind === 'conflict') && c.indicatorId
    ? `/indicators/${encodeURIComponent(c.indicatorId)}`
    : c.reportId !== null
      ? `/reports/${c.reportId}`
      : '/';

function AddSource({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ location: '', every: '30m', name: '' });
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true });
    try {
      await api.addSource({ location: form.location.trim(), every: form.every.trim() || undefined, name: form.name.trim() || undefined });
      setForm({ ...form, location: '', name: '' });
      setState({ busy: false });
      onAdded();
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <form className="source-form" onSubmit={submit} data-testid="source-form">
      <input
        type="url"
        required
        placeholder={t('sourceUrlPlaceholder')}
        value={form.location}
        onChange={(e) => setForm({ ...form, location: e.target.value })}
      />
      <input type="text" placeholder={t('sourceName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <label>
        {t('sourceEvery')} <input type="text" size={5} value={form.every} onChange={(e) => setForm({ ...form, every: e.target.value })} />
      </label>
      <button type="submit" disabled={state.busy || !form.location.trim()}>
        {t('sourceAdd')}
      </button>
      <span className="muted small">{t('sourceAddHint')}</span>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}

function SourceTable() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const loaded = useApi(() => api.sources(), [version]);
  const remove = async (id: number, name: string) => {
    if (!window.confirm(`${t('sourceRemoveConfirm')}${name}`)) return;
    await api.removeSource(id).catch(() => undefined);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <AddSource onAdded={() => setVersion((v) => v + 1)} />
      <Async loaded={loaded}>
        {({ rows }) =>
          rows.length === 0 ? (
            <p className="muted">{t('sourcesEmpty')}</p>
          ) : (
            <table className="dense" data-testid="sources-table">
              <thead>
                <tr>
                  <th>{t('sourceName')}</th>
                  <th>{t('sourceKind')}</th>
                  <th>{t('sourceEvery')}</th>
                  <th>{t('sourceLastFetch')}</th>
                  <th>{t('sourceItems')}</th>
                  <th>{t('sourceState')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.name}
                      <div className="muted small">{s.location}</div>
                    </td>
                    <td>{t(KIND[s.kind])}</td>
                    <td>{every(s.everySeconds, t)}</td>
                    <td>{s.lastFetchAt ? formatDate(s.lastFetchAt.slice(0, 10), lang) + ' ' + s.lastFetchAt.slice(11, 16) : '—'}</td>
                    <td>{s.itemsSeen}</td>
                    <td>
                      {s.lastError ? (
                        <span className="error" title={s.errors.map((e) => `${e.at} ${e.location}: ${e.reason}`).join('\n')}>
                          {t('sourceFailing')} ×{s.consecutiveErrors}：{s.lastError}
                        </span>
                      ) : s.lastOkAt ? (
                        t('sourceOk')
                      ) : (
                        <span className="muted">{t('sourcePending')}</span>
                      )}
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => void remove(s.id, s.name)}>
                        {t('sourceRemove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </>
  );
}

function RecentChanges() {
  const { t } = useI18n();
  const loaded = useApi(() => api.changes({ limit: 100 }), []);
  return (
    <Async loaded={loaded}>
      {({ rows }) =>
        rows.length === 0 ? (
          <p className="muted">{t('changesEmpty')}</p>
        ) : (
          <ul className="changes" data-testid="changes-list">
            {[...rows].reverse().map((c) => (
              <li key={c.id}>
                <NewMark at={c.at} />
                <span className={`tag change-${c.kind}`}>{t(CHANGE[c.kind])}</span>
                <Link to={changeHref(c)}>{c.title}</Link>
                <span className="muted small"> · {c.at.slice(0, 16).replace('T', ' ')}</span>
              </li>
            ))}
          </ul>
        )
      }
    </Async>
  );
}

export function SourcesPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('sourcesTitle')}</h1>
      <p className="muted">
        {t('feedsHint')} <a href="/feeds/changes.xml">/feeds/changes.xml</a>
      </p>
      <SourceTable />
      <h2>{t('changesTitle')}</h2>
      <RecentChanges />
    </>
  );
}
