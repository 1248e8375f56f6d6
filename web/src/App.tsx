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
import { AuditPage } from './pages/AuditPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SourcesPage } from './pages/SourcesPage.tsx';
import { useChanges } from './changes.tsx';
import { Link, matchPath, useLocation } from './router.tsx';
import { useSession } from './session.tsx';

const NAV: [string, MessageKey][] = [
  ['/', 'navOverview'],
  ['/conflicts', 'navConflicts'],
  ['/timeline', 'navTimeline'],
  ['/items', 'navItems'],
  ['/reports', 'navReports'],
  ['/search', 'navSearch'],
  ['/upload', 'navUpload'],
  ['/audit', 'navAudit'],
  ['/sources', 'navSources'],
];

const ROLE_KEY = { viewer: 'roleViewer', analyst: 'roleAnalyst', admin: 'roleAdmin' } as const satisfies Record<string, MessageKey>;

/** Who is signed in, and the way out (nothing when the server runs without accounts). */
function SessionBadge() {
  const { t } = useI18n();
  const { info, signOut } = useSession();
  if (!info?.authRequired || !info.user) return null;
  return (
    <span className="session" data-testid="session-user">
      {t('signedInAs')}：{info.user.name}（{t(ROLE_KEY[info.user.role])}）
      <button type="button" className="small" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </span>
  );
}

function Page() {
  const { path } = useLocation();
  const { canCurate } = useSession();
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
      return canCurate ? <UploadPage /> : <p className="error">403 · {path}</p>;
    case '/audit':
      return <AuditPage />;
    case '/sources':
      return <SourcesPage />;
    default:
      return <p className="error">404 · {path}</p>;
  }
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { path } = useLocation();
  const { info, canCurate } = useSession();
  const { changes } = useChanges();
  const signedOut = info !== null && info.authRequired && !info.user;
  // a viewer has nothing to upload; sources are the admins'
  const nav = NAV.filter(([href]) => (href !== '/upload' || canCurate) && (href !== '/sources' || info?.user?.role === 'admin'));
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/indicators') : path.startsWith(href));
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-sub">{t('appSub')}</span>
        </Link>
        <nav>
          {nav.map(([href, key]) => (
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
          <SessionBadge />
          <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-toggle">
            {t('switchLang')}
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          {info === null ? <p className="muted">{t('loading')}</p> : signedOut ? <LoginPage /> : <Page />}
        </Suspense>
      </main>
    </>
  );
}
