/**
 * "新" since the last visit: when the dashboard opens it reads the time of the previous visit
 * (kept in the browser) and remembers now as the next one, then asks the API what changed since
 * then. Pages mark the reports, indicators and changes that are new to this reader.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Change } from './api.ts';
import { useI18n } from './i18n.tsx';

const LAST_VISIT = 'twincity.lastVisit';

interface Changes {
  /** The previous visit, or null on a first visit (nothing is "new" then). */
  since: string | null;
  changes: Change[];
  isNew(what: { reportId?: number; indicatorId?: string; at?: string }): boolean;
}

const ChangesContext = createContext<Changes>({ since: null, changes: [], isNew: () => false });

export function ChangesProvider({ children }: { children: ReactNode }) {
  // read once per page load: a later render must not see the time this load wrote
  const [since] = useState(() => {
    const previous = localStorage.getItem(LAST_VISIT);
    localStorage.setItem(LAST_VISIT, new Date().toISOString());
    return previous;
  });
  const [changes, setChanges] = useState<Change[]>([]);
  useEffect(() => {
    if (!since) return;
    api.changes({ since, limit: 1000 }).then(
      (answer) => setChanges(answer.rows),
      () => setChanges([]),
    );
  }, [since]);
  const value = useMemo<Changes>(() => {
    const reports = new Set(changes.filter((c) => c.kind === 'report').map((c) => c.reportId));
    const indicators = new Set(changes.map((c) => c.indicatorId).filter(Boolean));
    return {
      since,
      changes,
      isNew: ({ reportId, indicatorId, at }) =>
        since !== null &&
        ((reportId !== undefined && reports.has(reportId)) || (indicatorId !== undefined && indicators.has(indicatorId)) || (at !== undefined && at > since)),
    };
  }, [since, changes]);
  return <ChangesContext.Provider value={value}>{children}</ChangesContext.Provider>;
}

export const useChanges = (): Changes => useContext(ChangesContext);

/** The "新" mark, for what changed since the reader's last visit. */
export function NewMark({ reportId, indicatorId, at }: { reportId?: number; indicatorId?: string; at?: string }) {
  const { t } = useI18n();
  const { isNew } = useChanges();
  if (!isNew({ reportId, indicatorId, at })) return null;
  return (
    <span className="badge badge-fresh" title={t('newSinceVisit')} data-testid="new-mark">
      {t('newMark')}
    </span>
  );
}
