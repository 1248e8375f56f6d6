/**
 * An analyst's review of one figure on the report page: accept it as read, correct any field
 * (value, unit, approx, measure, subject, period, region, status; an indicator id moves it), or
 * reject it. Every choice asks for a reason, which goes to the audit log with the author.
 */
import { useState, type FormEvent } from 'react';
import { api, type FigureFields, type StoredQuantity } from '../api.ts';
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

/** Only what the analyst changed is sent: the rest stays the machine's. */
function changedFields(form: ReviewForm, q: StoredQuantity): FigureFields {
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
  if (blankToNull(form.indicatorId) !== q.indicatorId && form.indicatorId.trim()) fields.indicatorId = form.indicatorId.trim();
  return fields;
}

type Decision = 'accept' | 'correct' | 'reject';

/** Sends a decision with the form's reason (and, for a correction, the changed fields). */
function useFigureDecision(q: StoredQuantity, form: ReviewForm, onDone: (q: StoredQuantity) => void) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const decide = async (action: Decision) => {
    setState({ busy: true });
    try {
      const fields = action === 'correct' ? changedFields(form, q) : undefined;
      onDone(await api.decideFigure(q.id, { action, ...(fields && { fields }), ...(form.reason.trim() && { reason: form.reason.trim() }) }));
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, decide };
}

type FieldSetter = (key: keyof ReviewForm) => (e: { target: { value: string } }) => void;

type TextKey = 'unit' | 'subject' | 'start' | 'end' | 'region' | 'indicatorId' | 'reason';

function ReviewFields({ form, set }: { form: ReviewForm; set: FieldSetter }) {
  const { t } = useI18n();
  /** A labelled text input for one field of the form. */
  const input = (key: TextKey, name: string, label: MessageKey, { wide = false, placeholder }: { wide?: boolean; placeholder?: string } = {}) => (
    <label className={wide ? 'wide' : undefined}>
      {t(label)}
      <input name={name} placeholder={placeholder} value={form[key]} onChange={set(key)} />
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
      {input('indicatorId', 'indicatorId', 'moveTo', { wide: true })}
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
  const { state, decide } = useFigureDecision(q, form, onDone);
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
      <ReviewFields form={form} set={set} />
      <ReviewActions busy={state.busy} decide={decide} onCancel={onCancel} />
      {state.error && <p className="error">{state.error}</p>}
    </form>
  );
}
