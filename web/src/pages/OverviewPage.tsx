/** The key areas of the Circle, each with its indicators as cards; then the uncatalogued groups. */
import { NewMark } from '../changes.tsx';
import { api, type IndicatorSummary, type Overview } from '../api.ts';
import { useState } from 'react';
import { Async, Pager } from '../components/common.tsx';
import { Sparkline } from '../components/Sparkline.tsx';
import { formatPointTime, formatValue } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';

export function OverviewPage() {
  const overview = useApi(() => api.overview(), []);
  const [offset, setOffset] = useState(0);
  const uncatalogued = useApi(() => api.indicators({ catalogued: false, limit: 50, offset }), [offset]);
  const { t } = useI18n();
  return (
    <Async loaded={overview}>
      {(data) => (
        <>
          <StatsBar overview={data} />
          {data.stats.reports === 0 && (
            <p className="empty-store">
              {t('emptyStore')} <Link to="/upload">{t('navUpload')}</Link> · <code>twincity ingest PATH…</code>
            </p>
          )}
          <RecentConflicts overview={data} />
          <div className="areas">
            {data.areas.map(({ area, indicators }) => (
              <AreaSection key={area} area={area} indicators={indicators} />
            ))}
          </div>
          <Async loaded={uncatalogued}>
            {(page) =>
              page.total > 0 && (
                <section className="area">
                  <h2>
                    {t('uncataloguedTitle')} <span className="count">{page.total}</span>
                  </h2>
                  <UncataloguedTable rows={page.rows} />
                  <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={setOffset} />
                </section>
              )
            }
          </Async>
        </>
      )}
    </Async>
  );
}

function StatsBar({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const { stats } = overview;
  const figures: [string, number, string?][] = [
    [t('reports'), stats.reports, '/reports'],
    [t('quantities'), stats.quantities],
    [t('indicators'), stats.indicators],
    [t('conflicts'), stats.conflicts, '/conflicts'],
    [t('events'), stats.events, '/timeline'],
    [t('items'), stats.items, '/items'],
  ];
  return (
    <div className="stats" data-testid="stats">
      {figures.map(([label, n, href]) => (
        <div key={label} className="stat">
          <div className="stat-n">{href ? <Link to={href}>{n.toLocaleString()}</Link> : n.toLocaleString()}</div>
          <div className="stat-label">{label}</div>
        </div>
      ))}
    </div>
  );
}

function RecentConflicts({ overview }: { overview: Overview }) {
  const { t, lang } = useI18n();
  if (overview.recentConflicts.length === 0) return null;
  return (
    <div className="recent-conflicts" data-testid="recent-conflicts">
      <Link to="/conflicts">{t('recentConflicts')}</Link>
      <ul>
        {overview.recentConflicts.slice(0, 5).map((c) => (
          <li key={c.id}>
            <Link to={`/indicators/${encodeURIComponent(c.indicatorId)}`}>{c.indicatorName}</Link>
            {c.region ? (lang === 'zh' ? `（${c.region}）` : ` (${c.region})`) : ''}
            {t('colon')}
            {c.members.slice(0, 3).map((m, i) => (
              <span key={m.pointId}>
                {i > 0 && ' ↔ '}
                <span className="conflict-pair">{formatValue(m, lang)}</span>
              </span>
            ))}
            {c.memberCount > 3 && ` ↔ … (${c.memberCount})`}
            <span className="muted"> · {c.date ?? ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AreaSection({ area, indicators }: { area: string; indicators: IndicatorSummary[] }) {
  const { area: areaName, t } = useI18n();
  const withData = indicators.filter((i) => i.pointCount > 0);
  return (
    <section className="area" data-testid="area" data-area={area}>
      <h2>
        {areaName(area)}{' '}
        <span className="count">
          {withData.length} {t('indicators')}
        </span>
      </h2>
      {withData.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="cards">
          {withData.map((indicator) => (
            <IndicatorCard key={indicator.id} indicator={indicator} />
          ))}
        </div>
      )}
    </section>
  );
}

function IndicatorCard({ indicator }: { indicator: IndicatorSummary }) {
  const { lang, t } = useI18n();
  const name = lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameZh;
  return (
    <Link to={`/indicators/${encodeURIComponent(indicator.id)}`} className="card" data-testid="indicator-card">
      <div className="card-head">
        <span className="card-name" title={name}>
          {name}
        </span>
        <NewMark indicatorId={indicator.id} />
        {indicator.conflictCount > 0 && (
          <span className="badge badge-conflict" title={t('conflicts')}>
            {indicator.conflictCount} {t('conflictBadge')}
          </span>
        )}
      </div>
      <div className="card-value">{indicator.latest ? formatValue(indicator.latest, lang) : '—'}</div>
      <div className="card-period">
        {indicator.latest ? formatPointTime(indicator.latest, lang) : ''}
        {indicator.latest?.region ? ` · ${indicator.latest.region}` : ''}
      </div>
      <div className="card-foot">
        <Sparkline points={indicator.sparkline} />
        <span className="muted">
          {indicator.pointCount} {t('points')} · {indicator.sourceCount} {t('sources')}
        </span>
      </div>
    </Link>
  );
}

function UncataloguedTable({ rows }: { rows: IndicatorSummary[] }) {
  const { lang, t } = useI18n();
  return (
    <table className="dense">
      <thead>
        <tr>
          <th>{t('indicator')}</th>
          <th>{t('latest')}</th>
          <th>{t('period')}</th>
          <th className="num">{t('points')}</th>
          <th className="num">{t('sources')}</th>
          <th className="num">{t('conflicts')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr key={i.id}>
            <td>
              <Link to={`/indicators/${encodeURIComponent(i.id)}`}>{i.nameZh}</Link>
            </td>
            <td className="num">{i.latest ? formatValue(i.latest, lang) : '—'}</td>
            <td>{i.latest ? formatPointTime(i.latest, lang) : '—'}</td>
            <td className="num">{i.pointCount}</td>
            <td className="num">{i.sourceCount}</td>
            <td className="num">{i.conflictCount > 0 ? <span className="badge badge-conflict">{i.conflictCount}</span> : 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
