import type { ReactNode } from 'react';
import type { Loaded } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { SourceRef } from '../api.ts';
import { formatDate } from '../format.ts';

/** Renders a loading line, the server's error message, or the page. */
export function Async<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (loaded.state === 'loading') return <p className="muted">{t('loading')}</p>;
  if (loaded.state === 'error')
    return (
      <p className="error" role="alert">
        {t('failed')}
        {t('colon')}
        {loaded.message}
      </p>
    );
  return <>{children(loaded.data)}</>;
}

/** A link to the report, arriving at the figure's sentence. */
export const reportHref = (reportId: number, span?: readonly [number, number] | null): string =>
  `/reports/${reportId}` + (span ? `?span=${span[0]}-${span[1]}` : '');

/** One source of a number: its report and the sentence, the figure in it marked. */
export function SourceLine({ source }: { source: SourceRef }) {
  const { lang, t } = useI18n();
  return (
    <div className="source">
      <Link to={reportHref(source.reportId, source.span)} className="source-title" data-testid="source-link">
        {source.title ?? source.source}
      </Link>
      <span className="muted"> · {formatDate(source.published, lang)}</span>
      <div className="sentence" title={t('sourceSentence')}>
        <MarkedText text={source.sentence} mark={source.text} />
      </div>
    </div>
  );
}

/** Text with the first occurrence of `mark` wrapped in <mark>; both rendered as text, never HTML. */
export function MarkedText({ text, mark }: { text: string; mark?: string | null }) {
  const at = mark ? text.indexOf(mark) : -1;
  if (!mark || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{mark}</mark>
      {text.slice(at + mark.length)}
    </>
  );
}

/** Text with the given [start, end) ranges wrapped in <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || start >= end) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

export function ProgressBar({ done, total }: { done: number | null; total: number | null }) {
  const { t } = useI18n();
  if (total === null || total <= 0) {
    return <span className="muted">{done !== null ? `${t('done')} ${done}` : '—'}</span>;
  }
  const share = Math.max(0, Math.min(1, (done ?? 0) / total));
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done ?? 0}>
      <div className="progress-track">
        {/* Inline style is set through the CSSOM by React, which the CSP allows (no style attributes in markup). */}
        <div className="progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="progress-label">
        {done ?? '?'} / {total}（{Math.round(share * 100)}%）
      </span>
    </div>
  );
}

export function Pager({ total, limit, offset, onChange }: { total: number; limit: number; offset: number; onChange: (offset: number) => void }) {
  const { t } = useI18n();
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <div className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('prev')}
      </button>
      <span>
        {page} / {pages}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('next')}
      </button>
    </div>
  );
}

export function AreaSelect({ value, onChange, areas }: { value: string; onChange: (area: string) => void; areas: readonly string[] }) {
  const { t, area } = useI18n();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={t('area')}>
      <option value="">{t('allAreas')}</option>
      {areas.map((a) => (
        <option key={a} value={a}>
          {area(a)}
        </option>
      ))}
    </select>
  );
}
