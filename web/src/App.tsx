/** The dashboard shell: header with navigation, language toggle and exports; the page for the current path. */
import { lazy, Suspense } from 'react';
import { exportUrl } from './api.ts';
import { useI18n, type MessageKey } from './i18n.tsx';
import { ConflictsPage, ItemsPage, ReportsPage, TimelinePage } from './pages/ListPages.tsx';

// The indicator page carries ECharts: loaded when first opened, so the overview does not wait for it.
const IndicatorPage = lazy(() => import('./pages/IndicatorPage.tsx').then((m) => ({ default: m.IndicatorPage })));
import { OverviewPage } from './pages/OverviewPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { SearchBox, SearchPage } from './pages/SearchPage.tsx';
import { UploadPage } from './pages/UploadPage.tsx';
import { SourcesPage } from './pages/SourcesPage.tsx';
import { useChanges } from './changes.tsx';
import { Link, matchPath, useLocation } from './router.tsx';

const NAV: [string, MessageKey][] = [
  ['/', 'navOverview'],
  ['/conflicts', 'navConflicts'],
  ['/timeline', 'navTimeline'],
  ['/items', 'navItems'],
  ['/reports', 'navReports'],
  ['/search', 'navSearch'],
  ['/upload', 'navUpload'],
  ['/sources', 'navSources'],
];

function Page() {
  const { path } = useLocation();
  let m: Record<string, string> | null;
  if ((m = matchPath('/indicators/:id', path))) return <IndicatorPage key={m.id} id={m.id} />;
  if ((m = matchPath('/reports/:id', path)) && /^\d+$/.test(m.id)) return <ReportPage key={m.id} id={Number(m.id)} />;
  switch (path.replace(/\/$/, '') || '/') {
    case '/':
      return <OverviewPage />;
    case '/conflicts':
      return <ConflictsPage />;
    case '/timeline':
      return <TimelinePage />;
    case '/items':
      return <ItemsPage />;
    case '/reports':
      return <ReportsPage />;
    case '/search':
      return <SearchPage />;
    case '/upload':
      return <UploadPage />;
    case '/sources':
      return <SourcesPage />;
    default:
      return <p className="error">404 · {path}</p>;
  }
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { path } = useLocation();
  const { changes } = useChanges();
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/indicators') : path.startsWith(href));
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-sub">{t('appSub')}</span>
        </Link>
        <nav>
          {NAV.map(([href, key]) => (
            <Link key={href} to={href} className={current(href) ? 'active' : undefined}>
              {t(key)}
              {href === '/sources' && changes.length > 0 && (
                <span className="badge badge-fresh" title={t('newSinceVisit')} data-testid="nav-new-count">
                  {t('newMark')} {changes.length}
                </span>
              )}
            </Link>
          ))}
        </nav>
        <div className="top-tools">
          {path !== '/search' && <SearchBox />}
          <details className="export-menu">
            <summary>{t('export')}</summary>
            <div className="export-links">
              <a href={exportUrl('xlsx')} download>
                Excel (XLSX)
              </a>
              <a href={exportUrl('csv', 'series')} download>
                CSV · {t('series')}
              </a>
              <a href={exportUrl('csv', 'quantities')} download>
                CSV · {t('quantities')}
              </a>
              <a href={exportUrl('json')} download>
                JSON
              </a>
            </div>
          </details>
          <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-toggle">
            {t('switchLang')}
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <Page />
        </Suspense>
      </main>
    </>
  );
}
