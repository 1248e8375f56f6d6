/** Search over reports and facts; the query lives in the URL (/search?q=中欧班列) so results can be shared. */
import { useState, type FormEvent } from 'react';
import { api, type SearchHit } from '../api.ts';
import { Async, Highlighted, Pager } from '../components/common.tsx';
import { formatDate } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { unbracket } from '../fact-runs.ts';

const KIND_KEY: Record<SearchHit['kind'], MessageKey> = { report: 'kindReport', quantity: 'kindQuantity', event: 'kindEvent', item: 'kindItem' };
const PAGE = 20;

/** Where a hit leads: the report, at the fact's sentence for a fact hit. */
const hitHref = (hit: SearchHit): string => `/reports/${hit.reportId}` + (hit.kind === 'report' ? '' : `?fact=${hit.kind}:${hit.id}`);

export function SearchBox({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <input
        type="search"
        name="q"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('searchPlaceholder')}
        maxLength={200}
        autoFocus={autoFocus}
        aria-label={t('navSearch')}
      />
      <button type="submit">{t('searchButton')}</button>
    </form>
  );
}

export function SearchPage() {
  const { params } = useLocation();
  const q = params.get('q')?.trim() ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  return (
    <>
      <SearchBox key={q} initial={q} autoFocus={!q} />
      {q && <SearchResults q={q} offset={offset} />}
    </>
  );
}

function SearchResults({ q, offset }: { q: string; offset: number }) {
  const { t, lang } = useI18n();
  const loaded = useApi(() => api.search(q, { limit: PAGE, offset }), [q, offset]);
  return (
    <Async loaded={loaded}>
      {(page) => (
        <>
          <p className="muted" data-testid="search-count">
            {page.total} {t('results')}
          </p>
          <ol className="hits" data-testid="search-results">
            {page.rows.map((hit) => (
              <li key={`${hit.kind}${hit.id}`} className="hit">
                <div>
                  <span className={`badge badge-${hit.kind}`}>{t(KIND_KEY[hit.kind])}</span>
                  <Link to={hitHref(hit)}>{hit.title ?? t('untitled')}</Link>
                  <span className="muted small"> {formatDate(hit.published, lang)}</span>
                </div>
                <div className="snippet">
                  <Snippet hit={hit} />
                </div>
              </li>
            ))}
          </ol>
          <Pager
            total={page.total}
            limit={page.limit}
            offset={page.offset}
            onChange={(next) => navigate(`/search?q=${encodeURIComponent(q)}&offset=${next}`)}
          />
        </>
      )}
    </Async>
  );
}

function Snippet({ hit }: { hit: SearchHit }) {
  const { text, ranges } = unbracket(hit.snippet, hit.highlights);
  return <Highlighted text={text} ranges={ranges} />;
}
