/** An analyst's tools on an indicator page: rename it, promote an automatic group to the catalogue, merge it into another, split picked figures off. */
import { useState } from 'react';
import { api, type IndicatorDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.tsx';

export function IndicatorCuration({ indicator, picked, onChanged }: { indicator: IndicatorDetail; picked: number[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(indicator.nameZh);
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (decision: Record<string, unknown>, then: (id: string) => void) => {
    setError(null);
    try {
      const result = await api.decideIndicator(indicator.id, { ...decision, ...(reason.trim() && { reason: reason.trim() }) });
      then(result.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <details className="rules indicator-curation" data-testid="indicator-curation">
      <summary>{t('curateIndicator')}</summary>
      <div className="review-grid">
        <label className="wide">
          {t('newName')}
          <input name="nameZh" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="wide">
          {t('reason')}
          <input name="reason" placeholder={t('reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </div>
      <div className="review-actions">
        <button type="button" onClick={() => void run({ op: 'rename', nameZh: name }, onChanged)}>
          {t('rename')}
        </button>
        {!indicator.catalogued && (
          <button type="button" onClick={() => void run({ op: 'promote', nameZh: name }, onChanged)}>
            {t('promote')}
          </button>
        )}
      </div>
      <div className="review-actions">
        <label>
          {t('mergeInto')}
          <input name="into" value={into} onChange={(e) => setInto(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!into.trim()}
          onClick={() => void run({ op: 'merge', into: into.trim() }, (id) => navigate(`/indicators/${encodeURIComponent(id)}`))}
        >
          {t('merge')}
        </button>
      </div>
      <div className="review-actions">
        <button
          type="button"
          disabled={!picked.length || !name.trim() || name.trim() === indicator.nameZh}
          title={t('splitHint')}
          onClick={() => void run({ op: 'split', nameZh: name.trim(), quantityIds: picked }, (id) => navigate(`/indicators/${encodeURIComponent(id)}`))}
        >
          {t('splitButton')}（{picked.length}）
        </button>
      </div>
      {error && <p className="error">{error}</p>}
    </details>
  );
}
