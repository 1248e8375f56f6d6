/**
 * Who is using the dashboard: the signed-in account (or the local operator when the server runs
 * without accounts), whether sign-in is required, and what the role may do. Controls that change
 * the store (upload, corrections) are shown only to analysts and admins.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type SessionInfo } from './api.ts';

interface Session {
  /** null while the first answer is awaited. */
  info: SessionInfo | null;
  /** Upload and correct. */
  canCurate: boolean;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  useEffect(() => {
    api.session().then(setInfo, () => setInfo({ user: null, authRequired: false, csrfToken: '' }));
  }, []);
  const signIn = useCallback(async (name: string, password: string) => setInfo(await api.signIn(name, password)), []);
  const signOut = useCallback(async () => {
    await api.signOut();
    setInfo(await api.session());
  }, []);
  const value = useMemo<Session>(
    () => ({ info, canCurate: info?.user?.role === 'analyst' || info?.user?.role === 'admin', signIn, signOut }),
    [info, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession: outside <SessionProvider>');
  return value;
}
