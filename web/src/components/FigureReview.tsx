/**
 * An analyst's review of one figure on the report page: accept it as read, correct any field
 * (value, unit, approx, measure, subject, period, region, status; an indicator, picked by its
 * Chinese name or typed as its id, moves it), or reject it. Every choice asks for a reason, which goes to the audit log with the author.
 */
import { useState, type FormEvent } from 'react';
import { api, type FigureFields, type IndicatorSummary, type StoredQuantity } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';

const CURATED_KEY = { accept: 'curatedAccept', correct: 'curatedCorrect', reject: 'curatedReject' } as const satisfies Record<string, MessageKey>;

/** "已更正 · ana": how a curated figure is marked apart from machine ones. */
export function CurationBadge({ q }: { q: StoredQuantity }) {
  const { t } = useI18n();
  if (!q.curation) return null;
  const c = q.curation;
  return (
    <span
      className={`badge badge-curated badge-curated-${c.action}`}
      data-testid="curation-badge"
      title={`${t('curatedBy')}：${c.actor} · ${c.at.slice(0, 16).replace('T', ' ')}${c.reason ? ` · ${c.reason}` : ''}`}
    >
      {t(CURATED_KEY[c.action])}
    </span>
  );
}

const blankToNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/** The review form's fields, as typed. */
type ReviewForm = ReturnType<typeof formOf>;

const formOf = (q: StoredQuantity) => ({
  value: String(q.value),
  unit: q.unit,
  approx: q.approx,
  measure: q.measure,
  subject: q.subject,
  start: q.period?.start ?? '',
  end: q.period?.end ?? '',
  region: q.region ?? '',
  status: q.status,
  indicatorId: q.indicatorId ?? '',
  reason: '',
});

/** The indicator an analyst typed: a catalogued name (as the picker offers it) or an id. */
type IndicatorResolver = (typed: string) => string;

/** Names resolve to ids; anything else is taken as an id, which the server checks. */
export function indicatorResolver(indicators: readonly Pick<IndicatorSummary, 'id' | 'nameZh'>[]): IndicatorResolver {
  const byName = new Map(indicators.map((i) => [i.nameZh, i.id]));
  return (typed) => byName.get(typed.trim()) ?? typed.trim();
}

/** Only what the analyst changed is sent: the rest stays the machine's. */
function changedFields(form: ReviewForm, q: StoredQuantity, resolveIndicator: IndicatorResolver): FigureFields {
  const fields: FigureFields = {};
  if (Number(form.value) !== q.value) fields.value = Number(form.value);
  if (form.unit !== q.unit) fields.unit = form.unit;
  if (form.approx !== q.approx) fields.approx = form.approx;
  if (form.measure !== q.measure) fields.measure = form.measure;
  if (form.subject !== q.subject) fields.subject = form.subject;
  const period = form.start || form.end ? { start: blankToNull(form.start), end: blankToNull(form.end) } : null;
  if (JSON.stringify(period) !== JSON.stringify(q.period ?? null)) fields.period = period;
  if (blankToNull(form.region) !== q.region) fields.region = blankToNull(form.region);
  if (form.status !== q.status) fields.status = form.status;
  const indicatorId = resolveIndicator(form.indicatorId);
  if (indicatorId && indicatorId !== q.indicatorId) fields.indicatorId = indicatorId;
  return fields;
}

type Decision = 'accept' | 'correct' | 'reject';

/** Sends a decision with the form's reason (and, for a correction, the changed fields). */
function useFigureDecision(q: StoredQuantity, form: ReviewForm, resolveIndicator: IndicatorResolver, onDone: (q: StoredQuantity) => void) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const decide = async (action: Decision) => {
    setState({ busy: true });
    try {
      const fields = action === 'correct' ? changedFields(form, q, resolveIndicator) : undefined;
      onDone(await api.decideFigure(q.id, { action, ...(fields && { fields }), ...(form.reason.trim() && { reason: form.reason.trim() }) }));
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, decide };
}

type FieldSetter = (key: keyof ReviewForm) => (e: { target: { value: string } }) => void;

type TextKey = 'unit' | 'subject' | 'start' | 'end' | 'region' | 'indicatorId' | 'reason';

/** The catalogue's indicators offered by name to the "move to" field. */
function IndicatorOptions({ id, indicators }: { id: string; indicators: readonly IndicatorSummary[] }) {
  return (
    <datalist id={id} data-testid="indicator-options">
      {indicators.map((i) => (
        <option key={i.id} value={i.nameZh} label={`${i.id} · ${i.unit}`} />
      ))}
    </datalist>
  );
}

function ReviewFields({ form, set, indicators, figureId }: { form: ReviewForm; set: FieldSetter; indicators: readonly IndicatorSummary[]; figureId: number }) {
  const { t } = useI18n();
  const listId = `indicator-options-${figureId}`;
  /** A labelled text input for one field of the form. */
  const input = (
    key: TextKey,
    name: string,
    label: MessageKey,
    { wide = false, placeholder, list }: { wide?: boolean; placeholder?: string; list?: string } = {},
  ) => (
    <label className={wide ? 'wide' : undefined}>
      {t(label)}
      <input name={name} placeholder={placeholder} value={form[key]} onChange={set(key)} list={list} autoComplete={list && 'off'} />
    </label>
  );
  return (
    <div className="review-grid">
      <label>
        {t('value')}
        <input name="value" type="number" step="any" value={form.value} onChange={set('value')} />
      </label>
      {input('unit', 'unit', 'unit')}
      <label>
        {t('approx')}
        <select name="approx" value={form.approx} onChange={set('approx')}>
          {(['exact', 'about', 'over', 'under'] as const).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('measure')}
        <select name="measure" value={form.measure} onChange={set('measure')}>
          <option value="level">{t('measureLevel')}</option>
          <option value="change">{t('measureChange')}</option>
          <option value="share">{t('measureShare')}</option>
        </select>
      </label>
      {input('subject', 'subject', 'subject', { wide: true })}
      {input('start', 'periodStart', 'periodStart', { placeholder: '2024-01' })}
      {input('end', 'periodEnd', 'periodEnd', { placeholder: '2024-06' })}
      {input('region', 'region', 'region')}
      <label>
        {t('status')}
        <select name="status" value={form.status} onChange={set('status')}>
          <option value="actual">{t('statusActual')}</option>
          <option value="target">{t('statusTarget')}</option>
        </select>
      </label>
      {input('indicatorId', 'indicatorId', 'moveTo', { wide: true, list: listId })}
      <IndicatorOptions id={listId} indicators={indicators} />
      {input('reason', 'reason', 'reason', { wide: true, placeholder: t('reasonPlaceholder') })}
    </div>
  );
}

function ReviewActions({ busy, decide, onCancel }: { busy: boolean; decide: (action: Decision) => Promise<void>; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="review-actions">
      <button type="submit" disabled={busy} data-testid="review-correct">
        {t('correct')}
      </button>
      <button type="button" disabled={busy} onClick={() => void decide('accept')} data-testid="review-accept">
        {t('accept')}
      </button>
      <button type="button" disabled={busy} onClick={() => void decide('reject')} data-testid="review-reject">
        {t('reject')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

export function FigureReview({ q, onDone, onCancel }: { q: StoredQuantity; onDone: (q: StoredQuantity) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => formOf(q));
  const set: FieldSetter = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const catalogue = useApi(() => api.indicators({ catalogued: true, limit: 1000 }), []);
  const indicators = catalogue.state === 'ok' ? catalogue.data.rows : [];
  const { state, decide } = useFigureDecision(q, form, indicatorResolver(indicators), onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void decide('correct');
  };

  return (
    <form className="figure-review" onSubmit={submit} data-testid="figure-review">
      <strong>{t('curateTitle')}</strong>「{q.text}」
      {q.curation && (
        <span className="muted small">
          {' '}
          {t('machineReading')}：{JSON.stringify(q.curation.machine)}
        </span>
      )}
      <ReviewFields form={form} set={set} indicators={indicators} figureId={q.id} />
      <ReviewActions busy={state.busy} decide={decide} onCancel={onCancel} />
      {state.error && <p className="error">{state.error}</p>}
    </form>
  );
}
