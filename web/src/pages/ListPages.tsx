/** The list pages: conflicts, timeline, cooperation items, reports. */
import { NewMark } from '../changes.tsx';
import { Fragment, useState, type ReactNode } from 'react';
import { api, type Page, type StoredItem } from '../api.ts';
import { AreaSelect, Async, Pager, ProgressBar, reportHref } from '../components/common.tsx';
import { formatDate } from '../format.ts';
import { useApi } from '../hooks.ts';
import { KEY_AREAS, useI18n, type MessageKey } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { ConflictTable } from '../components/ConflictTable.tsx';

const PAGE = 50;

const yearOf = (date: string | null | undefined): string | null => (date ? date.slice(0, 4) : null);

/** A page of rows filtered by key area, a page at a time: conflicts, cooperation items. */
function AreaPagedList<T>({
  title,
  empty,
  fetch,
  children,
}: {
  title: MessageKey;
  empty: MessageKey;
  fetch: (p: { area?: string; limit: number; offset: number }) => Promise<Page<T>>;
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  const [area, setArea] = useState('');
  const [offset, setOffset] = useState(0);
  const loaded = useApi(() => fetch({ area: area || undefined, limit: PAGE, offset }), [area, offset]);
  return (
    <>
      <div className="toolbar">
        <h1>{t(title)}</h1>
        <AreaSelect value={area} onChange={(a) => (setArea(a), setOffset(0))} areas={KEY_AREAS} />
      </div>
      <Async loaded={loaded}>
        {(page) =>
          page.rows.length === 0 ? (
            <p className="muted">{t(empty)}</p>
          ) : (
            <>
              {children(page.rows)}
              <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} />
            </>
          )
        }
      </Async>
    </>
  );
}

export function ConflictsPage() {
  return (
    <AreaPagedList title="navConflicts" empty="noConflicts" fetch={api.conflicts}>
      {(rows) => <ConflictTable conflicts={rows} />}
    </AreaPagedList>
  );
}

export function TimelinePage() {
  const { t, lang, area: areaName } = useI18n();
  const [area, setArea] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const valid = (d: string) => d === '' || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d);
  const loaded = useApi(
    () => api.timeline({ area: area || undefined, from: valid(from) ? from : undefined, to: valid(to) ? to : undefined }),
    [area, from, to],
  );
  return (
    <>
      <div className="toolbar">
        <h1>{t('navTimeline')}</h1>
        <AreaSelect value={area} onChange={setArea} areas={KEY_AREAS} />
        <label>
          {t('from')} <input value={from} onChange={(e) => setFrom(e.target.value.trim())} placeholder="2020-01" size={10} />
        </label>
        <label>
          {t('to')} <input value={to} onChange={(e) => setTo(e.target.value.trim())} placeholder="2022-12" size={10} />
        </label>
      </div>
      <Async loaded={loaded}>
        {({ rows }) =>
          rows.length === 0 ? (
            <p className="muted">{t('empty')}</p>
          ) : (
            <ol className="timeline" data-testid="timeline">
              {rows.map((entry, i) => (
                <Fragment key={`${entry.kind}${entry.id}`}>
                  {yearOf(entry.date) !== yearOf(rows[i - 1]?.date) && <li className="timeline-year">{yearOf(entry.date) ?? '—'}</li>}
                  <li className={`timeline-entry timeline-${entry.kind}`}>
                    <time className="timeline-date">{formatDate(entry.date, lang)}</time>
                    <div className="timeline-body">
                      <div>
                        {entry.kind === 'item' && <span className="badge">{t('kindItem')}</span>}
                        <Link to={reportHref(entry.reportId, entry.span)}>{entry.summary}</Link>
                        {entry.kind === 'item' && <ProgressBar done={entry.done ?? null} total={entry.total ?? null} />}
                      </div>
                      <div className="muted small">
                        {entry.areas.map((a) => (
                          <span key={a} className="tag">
                            {areaName(a)}
                          </span>
                        ))}
                        <Link to={reportHref(entry.reportId)}>{entry.reportTitle ?? `${t('reports')} #${entry.reportId}`}</Link>
                      </div>
                    </div>
                  </li>
                </Fragment>
              ))}
            </ol>
          )
        }
      </Async>
    </>
  );
}

export function ItemsPage() {
  return (
    <AreaPagedList title="navItems" empty="empty" fetch={api.items}>
      {(rows) => <ItemsTable rows={rows} />}
    </AreaPagedList>
  );
}

function ItemsTable({ rows }: { rows: StoredItem[] }) {
  const { t, lang, area: areaName } = useI18n();
  return (
    <table className="dense" data-testid="items-table">
      <thead>
        <tr>
          <th>{t('itemName')}</th>
          <th>{t('progress')}</th>
          <th>{t('area')}</th>
          <th>{t('reports')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={reportHref(item.reportId, item.span)}>{item.name}</Link>
              <div className="muted small">{item.sentenceText}</div>
            </td>
            <td className="progress-cell">
              <ProgressBar done={item.done} total={item.total} />
            </td>
            <td>{item.areas.map((a) => areaName(a)).join('、') || '—'}</td>
            <td className="small">
              <Link to={reportHref(item.reportId)}>{item.reportTitle ?? `${t('reports')} #${item.reportId}`}</Link>{' '}
              <span className="muted">{formatDate(item.published, lang)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportsPage() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState('');
  const loaded = useApi(() => api.reports({ limit: PAGE, offset, q: filter.trim() || undefined }), [offset, filter]);
  return (
    <>
      <div className="toolbar">
        <h1>{t('navReports')}</h1>
        <input
          value={filter}
          onChange={(e) => (setFilter(e.target.value), setOffset(0))}
          placeholder={t('reportFilter')}
          maxLength={200}
          aria-label={t('reportFilter')}
        />
      </div>
      <Async loaded={loaded}>
        {(page) => (
          <>
            <table className="dense" data-testid="reports-table">
              <thead>
                <tr>
                  <th>{t('title')}</th>
                  <th>{t('published')}</th>
                  <th>{t('site')}</th>
                  <th>{t('format')}</th>
                  <th className="num">{t('quantities')}</th>
                  <th className="num">{t('events')}</th>
                  <th className="num">{t('items')}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={reportHref(r.id)}>{r.title ?? r.source}</Link>
                      <NewMark reportId={r.id} />
                      <div className="muted small">{r.source}</div>
                    </td>
                    <td>{formatDate(r.published, lang)}</td>
                    <td>{r.site ?? '—'}</td>
                    <td>{r.format}</td>
                    <td className="num">{r.quantityCount}</td>
                    <td className="num">{r.eventCount}</td>
                    <td className="num">{r.itemCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} />
          </>
        )}
      </Async>
    </>
  );
}
