/** Conflicts as a table: one row per group (indicator, region, period) with its values, their periods and sources, why they disagree, and an analyst's verdict. */
import { useState } from 'react';
import { api, type Conflict, type ConflictMember } from '../api.ts';
import { useSession } from '../session.tsx';
import { formatPointTime, formatValue } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { SourceLine } from './common.tsx';

/** The verdict on a conflict, or (for an analyst) the controls to give one. */
function Verdict({ conflict }: { conflict: Conflict }) {
  const { t } = useI18n();
  const { canCurate } = useSession();
  const [decision, setDecision] = useState(conflict.decision);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (decision) {
    return (
      <span className="badge badge-curated" data-testid="conflict-verdict" title={`${decision.actor}${decision.reason ? ` · ${decision.reason}` : ''}`}>
        {t(decision.verdict === 'resolved' ? 'decisionResolved' : 'decisionNotConflict')}
        {decision.stands && `：${decision.stands}`}
      </span>
    );
  }
  if (!canCurate) return null;
  const decide = async (verdict: 'resolved' | 'not_conflict') => {
    try {
      const decided = await api.decideConflict(conflict.id, {
        verdict,
        ...(note.trim() && { reason: note.trim(), stands: verdict === 'resolved' ? note.trim() : undefined }),
      });
      setDecision(decided.decision);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="conflict-decide">
      <input name="note" placeholder={t('reasonPlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" className="small" onClick={() => void decide('resolved')}>
        {t('resolve')}
      </button>
      <button type="button" className="small" onClick={() => void decide('not_conflict')}>
        {t('notConflict')}
      </button>
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/** One value of a group: as printed, when, and its first source (how many more state it). */
function Member({ member }: { member: ConflictMember }) {
  const { t, lang } = useI18n();
  const [first] = member.sources;
  const total = member.sourceTotal ?? member.sources.length;
  return (
    <li className="conflict-member" data-testid="conflict-member">
      <span className="num conflict-value">{formatValue(member, lang)}</span> <span className="muted">{formatPointTime(member, lang)}</span>
      {total > 1 && (
        <span className="muted">
          {' '}
          · {total} {t('sourcesWord')}
        </span>
      )}
      {first && <SourceLine source={first} />}
    </li>
  );
}

export function ConflictTable({ conflicts, showIndicator = true }: { conflicts: Conflict[]; showIndicator?: boolean }) {
  const { t } = useI18n();
  return (
    <table className="dense conflicts" data-testid="conflict-table">
      <thead>
        <tr>
          {showIndicator && <th>{t('indicator')}</th>}
          <th>{t('period')}</th>
          <th>{t('region')}</th>
          <th>{t('conflictValues')}</th>
          <th>{t('reason')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {conflicts.map((c) => (
          <tr key={c.id} data-testid="conflict-group">
            {showIndicator && (
              <td>
                <Link to={`/indicators/${encodeURIComponent(c.indicatorId)}`}>{c.indicatorName}</Link>
              </td>
            )}
            <td className="nowrap">{c.date ?? '—'}</td>
            <td className="nowrap">{c.region ?? '—'}</td>
            <td>
              <ul className="conflict-members">
                {c.members.map((m) => (
                  <Member key={m.pointId} member={m} />
                ))}
              </ul>
              {c.memberCount > c.members.length && (
                <div className="muted">
                  {t('valuesTotal')} {c.memberCount}
                </div>
              )}
            </td>
            <td className="muted">{c.reason}</td>
            <td>
              <Verdict conflict={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
