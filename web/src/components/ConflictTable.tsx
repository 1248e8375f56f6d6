/** Conflicts as a table: both values with their periods and sources, and why they disagree. */
import type { Conflict } from '../api.ts';
import { formatPointTime, formatValue } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { SourceLine } from './common.tsx';

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
            <td className="nowrap">{c.date ?? '—'}</td>
            <td className="nowrap">{c.region ?? '—'}</td>
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
