/** One indicator: its series as a chart and a table; every point lists its sources, each a link to its sentence. */
import { useEffect, useRef, useState } from 'react';
import { api, type Conflict, type IndicatorDetail } from '../api.ts';
import { Async, SourceLine } from '../components/common.tsx';
import { SeriesChart } from '../components/SeriesChart.tsx';
import { formatPointTime, formatValue } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';

export function IndicatorPage({ id }: { id: string }) {
  const loaded = useApi(() => api.indicator(id), [id]);
  return <Async loaded={loaded}>{(indicator) => <IndicatorView indicator={indicator} />}</Async>;
}

function IndicatorView({ indicator }: { indicator: IndicatorDetail }) {
  const { t, lang, area } = useI18n();
  const [selected, setSelected] = useState<number | null>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => {
    if (selected !== null) rows.current[selected]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  return (
    <div className="indicator">
      <h1>
        {lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameZh}
        {!indicator.catalogued && <span className="badge">{t('uncatalogued')}</span>}
      </h1>
      <div className="indicator-meta">
        <span>
          {t('area')}：{area(indicator.area)}
        </span>
        <span>
          {t('unit')}：{indicator.unit}
        </span>
        {lang === 'zh' && indicator.nameEn && (
          <span className="muted">
            {t('english')}：{indicator.nameEn}
          </span>
        )}
        <span>
          {indicator.pointCount} {t('points')} · {indicator.sourceCount} {t('sources')}
        </span>
        {indicator.conflictCount > 0 && (
          <span className="badge badge-conflict">
            {indicator.conflictCount} {t('conflictBadge')}
          </span>
        )}
      </div>
      {indicator.description && <p className="muted">{indicator.description}</p>}

      <h2>{t('chart')}</h2>
      <SeriesChart points={indicator.series} onSelect={setSelected} />

      <h2>{t('table')}</h2>
      <table className="dense series-table" data-testid="series-table">
        <thead>
          <tr>
            <th>{t('period')}</th>
            <th className="num">{t('value')}</th>
            <th>{t('region')}</th>
            <th>{t('sources')}</th>
          </tr>
        </thead>
        <tbody>
          {indicator.series.map((point, i) => (
            <tr key={i} ref={(el) => void (rows.current[i] = el)} className={selected === i ? 'selected' : undefined}>
              <td>{formatPointTime(point, lang)}</td>
              <td className="num">{formatValue(point, lang)}</td>
              <td>{point.region ?? '—'}</td>
              <td>
                {point.sources.map((source) => (
                  <SourceLine key={source.quantityId} source={source} />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {indicator.conflicts.length > 0 && (
        <>
          <h2>{t('conflicts')}</h2>
          <ConflictTable conflicts={indicator.conflicts} showIndicator={false} />
        </>
      )}
    </div>
  );
}

export function ConflictTable({ conflicts, showIndicator = true }: { conflicts: Conflict[]; showIndicator?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <table className="dense conflicts" data-testid="conflict-table">
      <thead>
        <tr>
          {showIndicator && <th>{t('indicator')}</th>}
          <th>{t('period')}</th>
          <th>{t('region')}</th>
          <th>{t('sideA')}</th>
          <th>{t('sideB')}</th>
          <th>{t('reason')}</th>
        </tr>
      </thead>
      <tbody>
        {conflicts.map((c) => (
          <tr key={c.id}>
            {showIndicator && (
              <td>
                <Link to={`/indicators/${encodeURIComponent(c.indicatorId)}`}>{c.indicatorName}</Link>
              </td>
            )}
            <td>{c.date ?? '—'}</td>
            <td>{c.region ?? '—'}</td>
            {[c.a, c.b].map((side, i) => (
              <td key={i}>
                <div className="num conflict-value">{formatValue(side, lang)}</div>
                <div className="muted">{formatPointTime(side, lang)}</div>
                {side.sources.map((s) => (
                  <SourceLine key={s.quantityId} source={s} />
                ))}
              </td>
            ))}
            <td className="muted">{c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
