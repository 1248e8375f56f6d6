/**
 * A report's clean text with every quantity, event and cooperation item highlighted. Hovering (or
 * focusing) a highlight shows the normalized value, unit, period and region; arriving with
 * `?span=a-b` scrolls to that figure's sentence and marks it. The text is rendered as React text
 * nodes only: whatever the report contains is shown, never interpreted.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { api, type ReportDetail, type StoredEvent, type StoredItem, type StoredQuantity } from '../api.ts';
import { Async, ProgressBar } from '../components/common.tsx';
import { CurationBadge, FigureReview } from '../components/FigureReview.tsx';
import { useSession } from '../session.tsx';
import { formatDate, formatPeriod, formatValue } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { cutRuns, type FactRef, type Run } from '../fact-runs.ts';

type Span = readonly [number, number];

function parseSpan(value: string | null): Span | null {
  const match = value ? /^(\d+)-(\d+)$/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** `?span=a-b`, or `?fact=quantity:12` (a search hit), as the span to arrive at. */
function targetSpan(report: ReportDetail, params: URLSearchParams): Span | null {
  const span = parseSpan(params.get('span'));
  if (span) return span;
  const fact = /^(quantity|event|item):(\d+)$/.exec(params.get('fact') ?? '');
  if (!fact) return null;
  const list: { id: number; span: Span }[] = fact[1] === 'quantity' ? report.quantities : fact[1] === 'event' ? report.events : report.items;
  return list.find((f) => f.id === Number(fact[2]))?.span ?? null;
}

/** The sentence to mark for a requested span: the sentence of the fact at that span, else the span itself. */
function sentenceFor(report: ReportDetail, span: Span): Span {
  const facts: { span: Span; sentence: Span }[] = [...report.quantities, ...report.events, ...report.items];
  const exact = facts.find((f) => f.span[0] === span[0] && f.span[1] === span[1]);
  if (exact) return exact.sentence;
  const around = facts.find((f) => f.sentence[0] <= span[0] && span[1] <= f.sentence[1]);
  return around ? around.sentence : span;
}

export function ReportPage({ id }: { id: number }) {
  // bumped after a correction: the report is read again with the figure as it now stands
  const [version, setVersion] = useState(0);
  const loaded = useApi(() => api.report(id), [id, version]);
  return <Async loaded={loaded}>{(report) => <ReportView report={report} onChanged={() => setVersion((v) => v + 1)} />}</Async>;
}

type Hover = { facts: FactRef[]; x: number; y: number };

/** The report's text as runs: plain text nodes, and spans for facts and the marked sentence (hover or focus shows a fact's card). */
function ReportText({
  text,
  runs,
  markRef,
  setHover,
}: {
  text: string;
  runs: Run[];
  markRef: RefObject<HTMLSpanElement | null>;
  setHover: (hover: Hover | null) => void;
}) {
  let firstMarkSeen = false;
  const renderRun = (run: Run) => {
    const piece = text.slice(run.start, run.end);
    const classes = [run.marked && 'marked', run.target && 'target', run.facts.length && `fact fact-${run.facts[run.facts.length - 1].kind}`]
      .filter(Boolean)
      .join(' ');
    if (!classes) return <Fragment key={run.start}>{piece}</Fragment>;
    const isFirstMark = run.marked && !firstMarkSeen;
    if (isFirstMark) firstMarkSeen = true;
    const show = (el: HTMLElement) => {
      const rect = el.getBoundingClientRect();
      setHover({ facts: run.facts, x: rect.left, y: rect.bottom });
    };
    return (
      <span
        key={run.start}
        className={classes}
        ref={isFirstMark ? markRef : undefined}
        data-testid={isFirstMark ? 'marked-sentence' : undefined}
        tabIndex={run.facts.length ? 0 : undefined}
        onMouseEnter={run.facts.length ? (e) => show(e.currentTarget) : undefined}
        onFocus={run.facts.length ? (e) => show(e.currentTarget) : undefined}
        onMouseLeave={run.facts.length ? () => setHover(null) : undefined}
        onBlur={run.facts.length ? () => setHover(null) : undefined}
      >
        {piece}
      </span>
    );
  };
  return (
    <div className="report-text" data-testid="report-text">
      {runs.map(renderRun)}
    </div>
  );
}

/** Title, date, site, source, link and the highlights' legend. */
function ReportHeader({ report, marked }: { report: ReportDetail; marked: boolean }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1 className="report-title">{report.title ?? t('untitled')}</h1>
      <div className="report-meta">
        <span>{formatDate(report.published, lang)}</span>
        {report.site && <span>{report.site}</span>}
        <span className="muted">{report.source}</span>
        {report.url && /^https?:\/\//i.test(report.url) && (
          <a href={report.url} rel="noopener noreferrer nofollow" target="_blank">
            {report.url}
          </a>
        )}
      </div>
      <div className="legend">
        <span className="fact fact-quantity">{t('legendQuantity')}</span>
        <span className="fact fact-event">{t('legendEvent')}</span>
        <span className="fact fact-item">{t('legendItem')}</span>
        {marked && <span className="marked">{t('markedSentence')}</span>}
      </div>
    </>
  );
}

/** Where the report came from and how it was read, and what the stages said of it. */
function ReportProvenance({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  return (
    <>
      <details className="rules">
        <summary>{t('provenance')}</summary>
        <dl className="provenance">
          <dt>{t('location')}</dt>
          <dd>{report.location}</dd>
          <dt>{t('format')}</dt>
          <dd>
            {report.format} · {report.charset}
          </dd>
          <dt>sha256</dt>
          <dd>
            <code>{report.contentHash}</code>
          </dd>
          <dt>{t('stages')}</dt>
          <dd>{report.stages.join(' → ')}</dd>
        </dl>
      </details>
      {report.messages.length > 0 && (
        <details>
          <summary>
            {t('messages')}（{report.messages.length}）
          </summary>
          <ul className="messages">
            {report.messages.map((m, i) => (
              <li key={i}>
                <code>{m.ruleId}</code> {m.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** Every fact of the report as a reference to cut the text at. */
const factRefsOf = (report: ReportDetail): FactRef[] => [
  ...report.items.map((f, index) => ({ kind: 'item' as const, index, span: f.span })),
  ...report.events.map((f, index) => ({ kind: 'event' as const, index, span: f.span })),
  ...report.quantities.map((f, index) => ({ kind: 'quantity' as const, index, span: f.span })),
];

function ReportView({ report, onChanged }: { report: ReportDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const target = targetSpan(report, params);
  const marked = useMemo(() => (target ? sentenceFor(report, target) : null), [report, target?.[0], target?.[1]]);
  const markRef = useRef<HTMLSpanElement | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const facts = useMemo(() => factRefsOf(report), [report]);
  const runs = useMemo(() => cutRuns(report.text.length, facts, marked ? [marked] : [], target), [report, facts, marked, target?.[0], target?.[1]]);

  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center' });
  }, [marked?.[0], marked?.[1], report.id]);

  return (
    <div className="report-layout">
      <article className="report">
        <ReportHeader report={report} marked={marked !== null} />
        <ReportText text={report.text} runs={runs} markRef={markRef} setHover={setHover} />
      </article>
      <aside className="report-side">
        <h2>
          {t('factsInReport')}
          {t('colon')}
          {report.quantities.length} {t('quantities')} · {report.events.length} {t('events')} · {report.items.length} {t('items')}
        </h2>
        <FactTable report={report} onChanged={onChanged} />
        <ReportProvenance report={report} />
      </aside>
      {hover && <FactCard report={report} facts={hover.facts} x={hover.x} y={hover.y} />}
    </div>
  );
}

const APPROX_KEY = { exact: 'approxExact', about: 'approxAbout', over: 'approxOver', under: 'approxUnder' } as const satisfies Record<string, MessageKey>;
const MEASURE_KEY = { level: 'measureLevel', change: 'measureChange', share: 'measureShare' } as const satisfies Record<string, MessageKey>;

function FactCard({ report, facts, x, y }: { report: ReportDetail; facts: FactRef[]; x: number; y: number }) {
  const { t, lang } = useI18n();
  const left = Math.max(8, Math.min(x, window.innerWidth - 340));
  return (
    <div className="fact-card" role="tooltip" data-testid="fact-card" style={{ left, top: y + 6 }}>
      {[...facts].reverse().map((f) => {
        if (f.kind === 'quantity') {
          const q: StoredQuantity = report.quantities[f.index];
          return (
            <dl key={`q${f.index}`}>
              <dt>{t('value')}</dt>
              <dd className="fact-value">{formatValue(q, lang)}</dd>
              <dt>{t('unit')}</dt>
              <dd>
                {q.unit} · {t(MEASURE_KEY[q.measure])}
                {q.approx !== 'exact' && ` · ${t(APPROX_KEY[q.approx])}`}
              </dd>
              <dt>{t('period')}</dt>
              <dd>{formatPeriod(q.period, lang)}</dd>
              <dt>{t('region')}</dt>
              <dd>{q.region ?? '—'}</dd>
              <dt>{t('subject')}</dt>
              <dd>{q.subject || '—'}</dd>
              <dt>{t('stage')}</dt>
              <dd className="muted">{q.stage}</dd>
            </dl>
          );
        }
        if (f.kind === 'event') {
          const e: StoredEvent = report.events[f.index];
          return (
            <dl key={`e${f.index}`}>
              <dt>{t('date')}</dt>
              <dd className="fact-value">{formatDate(e.date, lang)}</dd>
              <dt>{t('legendEvent')}</dt>
              <dd>{e.summary}</dd>
            </dl>
          );
        }
        const item: StoredItem = report.items[f.index];
        return (
          <dl key={`i${f.index}`}>
            <dt>{t('itemName')}</dt>
            <dd className="fact-value">{item.name}</dd>
            <dt>{t('progress')}</dt>
            <dd>
              <ProgressBar done={item.done} total={item.total} />
            </dd>
          </dl>
        );
      })}
    </div>
  );
}

const CUE_LABEL = {
  clause: 'cueClause',
  sentence: 'cueSentence',
  paragraph: 'cueParagraph',
  section: 'cueSection',
  heading: 'cueHeading',
  headline: 'cueHeadline',
  'report-date': 'cueReportDate',
  report: 'cueReport',
} as const;

/** Why a period or region reads as it does: "依据：标题「2023年一季度」". */
function cueTitle(cue: StoredQuantity['cues']['period'] | undefined, t: (key: MessageKey) => string): string | undefined {
  if (!cue) return undefined;
  return `${t('cueSetBy')}：${t(CUE_LABEL[cue.level])}「${cue.text}」`;
}

/** Moves the page to a span (as `?span=a-b`) without a new history entry. */
function jumpTo(span: Span): void {
  const url = new URL(window.location.href);
  url.searchParams.set('span', `${span[0]}-${span[1]}`);
  window.history.replaceState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

interface FigureRowProps {
  q: StoredQuantity;
  canCurate: boolean;
  reviewing: boolean;
  setReviewing: (id: number | null) => void;
  onChanged: () => void;
}

/** A figure's row (a click goes to its sentence) and, while an analyst reviews it, the review form under it. */
function FigureRow({ q, canCurate, reviewing, setReviewing, onChanged }: FigureRowProps) {
  const { t, lang } = useI18n();
  return (
    <>
      <tr className={q.curation?.action === 'reject' ? 'clickable rejected' : 'clickable'} onClick={() => jumpTo(q.span)} data-testid="figure-row">
        <td className="num">
          {formatValue(q, lang)}
          <CurationBadge q={q} />
          {q.status === 'target' && (
            <span className="badge badge-target" title={t('targetHint')}>
              {t('target')}
            </span>
          )}
        </td>
        <td>
          {q.subject}
          {q.indicatorId && (
            <>
              {' '}
              <Link
                to={`/indicators/${encodeURIComponent(q.indicatorId)}`}
                onClick={(e) => e.stopPropagation()}
                className="small"
                title={q.cues?.indicator ? `${t('cueSetBy')}：${q.cues.indicator}` : undefined}
              >
                {t('series')}→
              </Link>
            </>
          )}
        </td>
        <td title={cueTitle(q.cues?.period, t)}>{formatPeriod(q.period, lang)}</td>
        <td className="nowrap" title={cueTitle(q.cues?.region, t)}>
          {q.region ?? '—'}
        </td>
        {canCurate && (
          <td>
            <button
              type="button"
              className="small"
              data-testid="review-open"
              onClick={(e) => {
                e.stopPropagation();
                setReviewing(reviewing ? null : q.id);
              }}
            >
              {t('curate')}
            </button>
          </td>
        )}
      </tr>
      {reviewing && (
        <tr>
          <td colSpan={5}>
            <FigureReview
              q={q}
              onCancel={() => setReviewing(null)}
              onDone={() => {
                setReviewing(null);
                onChanged();
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function FactTable({ report, onChanged }: { report: ReportDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { canCurate } = useSession();
  const [reviewing, setReviewing] = useState<number | null>(null);
  return (
    <table className="dense">
      <thead>
        <tr>
          <th>{t('value')}</th>
          <th>{t('subject')}</th>
          <th>{t('period')}</th>
          <th>{t('region')}</th>
          {canCurate && <th />}
        </tr>
      </thead>
      <tbody>
        {report.quantities.map((q) => (
          <FigureRow key={q.id} q={q} canCurate={canCurate} reviewing={reviewing === q.id} setReviewing={setReviewing} onChanged={onChanged} />
        ))}
        {report.events.map((e) => (
          <tr key={`e${e.id}`} className="clickable" onClick={() => jumpTo(e.span)}>
            <td className="num">{formatDate(e.date, lang)}</td>
            <td colSpan={canCurate ? 4 : 3}>{e.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
