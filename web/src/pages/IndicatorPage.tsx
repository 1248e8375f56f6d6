/** One indicator: its series as a chart and a table; every point lists its sources, each a link to its sentence. */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, type IndicatorDetail, type SeriesPoint, type SourceRef } from '../api.ts';
import { Async, SourceLine } from '../components/common.tsx';
import { SeriesChart } from '../components/SeriesChart.tsx';
import { formatPointTime, formatValue } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { ConflictTable } from '../components/ConflictTable.tsx';
import { IndicatorCuration } from '../components/IndicatorCuration.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

export function IndicatorPage({ id }: { id: string }) {
  // bumped after an analyst's decision: the indicator is read again as it now stands
  const [version, setVersion] = useState(0);
  const loaded = useApi(() => api.indicator(id), [id, version]);
  return <Async loaded={loaded}>{(indicator) => <IndicatorView indicator={indicator} onChanged={() => setVersion((v) => v + 1)} />}</Async>;
}

/** Figures an analyst picked to split off into an indicator of their own; a point toggles all its figures. */
function usePicked() {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const togglePoint = (ids: number[]) =>
    setPicked((now) => {
      const next = new Set(now);
      const on = ids.every((id) => next.has(id));
      for (const id of ids)
        if (on) next.delete(id);
        else next.add(id);
      return next;
    });
  return { picked, togglePoint };
}

/** The indicator's name, area, unit and counts. */
function IndicatorHeader({ indicator }: { indicator: IndicatorDetail }) {
  const { t, lang, area } = useI18n();
  return (
    <>
      <h1>
        {lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameZh}
        {!indicator.catalogued && <span className="badge">{t('uncatalogued')}</span>}
      </h1>
      <div className="indicator-meta">
        <span>
          {t('area')}
          {t('colon')}
          {area(indicator.area)}
        </span>
        <span>
          {t('unit')}
          {t('colon')}
          {indicator.unit}
        </span>
        {lang === 'zh' && indicator.nameEn && (
          <span className="muted">
            {t('english')}
            {t('colon')}
            {indicator.nameEn}
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
      {indicator.mergedInto && (
        <p className="notice">
          {t('mergedInto')} <Link to={`/indicators/${encodeURIComponent(indicator.mergedInto)}`}>{indicator.mergedInto}</Link>
        </p>
      )}
      {indicator.description && <p className="muted">{indicator.description}</p>}
    </>
  );
}

/** Which filing rules put figures here, and (with the curation box between) the patterns that name the indicator. */
function IndicatorRules({ indicator, curation }: { indicator: IndicatorDetail; curation: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {indicator.filedBy.length > 0 && (
        <details className="rules" data-testid="filed-by">
          <summary>{t('filedBy')}</summary>
          <ul>
            {indicator.filedBy.map((f) => (
              <li key={f.rule}>
                <code>{f.rule}</code> · {f.figures} {t('quantities')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {curation}
      {indicator.patterns.length > 0 && (
        <details className="rules">
          <summary>{t('matchRules')}</summary>
          <p className="muted small">{t('matchRulesHint')}</p>
          <ul>
            {indicator.patterns.map((pattern) => (
              <li key={pattern}>
                <code>{pattern}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

interface SeriesTableProps {
  indicator: IndicatorDetail;
  conflicted: ReadonlySet<number>;
  selected: number | null;
  /** Set when an analyst may pick points to split off. */
  pick: ReturnType<typeof usePicked> | null;
}

/** The series as a table; the point selected on the chart is scrolled to and marked. */
function SeriesTable({ indicator, conflicted, selected, pick }: SeriesTableProps) {
  const { t, lang } = useI18n();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => {
    if (selected !== null) rows.current[selected]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);
  return (
    <table className="dense series-table" data-testid="series-table">
      <thead>
        <tr>
          <th>{t('period')}</th>
          <th className="num">{t('value')}</th>
          <th>{t('region')}</th>
          <th>{t('sourcesHeader')}</th>
          {pick && <th title={t('splitPick')}>{t('split')}</th>}
        </tr>
      </thead>
      <tbody>
        {indicator.series.map((point, i) => (
          <tr key={i} ref={(el) => void (rows.current[i] = el)} className={selected === i ? 'selected' : undefined}>
            <td className="nowrap">{formatPointTime(point, lang)}</td>
            <td className="num">
              {formatValue(point, lang)}
              {conflicted.has(i) && <span className="badge badge-conflict">{t('conflictBadge')}</span>}
            </td>
            <td className="nowrap">{point.region ?? '—'}</td>
            <td>
              <PointSources indicatorId={indicator.id} ord={i} point={point} />
            </td>
            {pick && (
              <td>
                <input
                  type="checkbox"
                  aria-label={t('splitPick')}
                  disabled={point.sources.length === 0}
                  checked={point.sources.length > 0 && point.sources.every((s) => pick.picked.has(s.quantityId))}
                  onChange={() => pick.togglePoint(point.sources.map((s) => s.quantityId))}
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IndicatorView({ indicator, onChanged }: { indicator: IndicatorDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { canCurate } = useSession();
  // points an analyst picked to split off into an indicator of their own (their figures' ids)
  const pick = usePicked();
  const [selected, setSelected] = useState<number | null>(null);
  // Points that are a value of a conflict group: drawn in red on the chart, flagged in the table.
  const conflicted = useMemo(() => new Set(indicator.conflictedOrds), [indicator]);
  const curation = canCurate && <IndicatorCuration indicator={indicator} picked={[...pick.picked]} onChanged={onChanged} />;

  return (
    <div className="indicator">
      <IndicatorHeader indicator={indicator} />
      <IndicatorRules indicator={indicator} curation={curation} />

      <h2>{t('chart')}</h2>
      <SeriesChart points={indicator.series} conflicted={conflicted} onSelect={setSelected} />

      <h2>{t('table')}</h2>
      <SeriesTable indicator={indicator} conflicted={conflicted} selected={selected} pick={canCurate ? pick : null} />

      {indicator.conflicts.length > 0 && (
        <>
          <h2>{t('conflicts')}</h2>
          <ConflictTable conflicts={indicator.conflicts} showIndicator={false} />
        </>
      )}
    </div>
  );
}

/** SHOWN_SOURCES at most per page of a point's sources once opened. */
const SHOWN_SOURCES = 100;

/**
 * A point's sources: the first few come with the series; a point restated by many reports offers
 * the rest on demand, a page at a time, so a long series stays one quick request.
 */
function PointSources({ indicatorId, ord, point }: { indicatorId: string; ord: number; point: SeriesPoint }) {
  const { t } = useI18n();
  const [more, setMore] = useState<{ rows: SourceRef[]; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const total = point.sourceTotal ?? point.sources.length;
  const shown = more?.rows ?? point.sources;
  const load = () => {
    api.pointSources(indicatorId, ord, { limit: SHOWN_SOURCES, offset: more?.rows.length ?? 0 }).then(
      (page) => setMore({ rows: [...(more?.rows ?? []), ...page.rows], total: page.total }),
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
  };
  return (
    <>
      {shown.map((source) => (
        <SourceLine key={source.quantityId} source={source} />
      ))}
      {shown.length < total && (
        <button type="button" className="link-button" data-testid="more-sources" onClick={load}>
          {t('moreSources').replace('{shown}', String(shown.length)).replace('{total}', String(total))}
        </button>
      )}
      {failed && <div className="error">{failed}</div>}
    </>
  );
}
