import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, setSession as setApiSession } from './api.js';
import type { Session } from './types.js';

interface SessionState {
  session: Session | null;
  /** Loads the current session from the server; resolves null when not signed in. */
  refresh: () => Promise<Session | null>;
  signIn: (username: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  clear: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);

  const store = useCallback((s: Session | null) => {
    setApiSession(s);
    setSession(s);
  }, []);

  const refresh = useCallback(async () => {
    const s = await api<Session>('/api/v1/session');
    store(s);
    return s;
  }, [store]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await api<Session>('/api/v1/session', { method: 'POST', body: { username, password }, allow401: true });
      store(s);
      return s;
    },
    [store],
  );

  const signOut = useCallback(async () => {
    try {
      await api<void>('/api/v1/session', { method: 'DELETE', allow401: true });
    } finally {
      store(null);
    }
  }, [store]);

  const clear = useCallback(() => store(null), [store]);

  const value = useMemo(() => ({ session, refresh, signIn, signOut, clear }), [session, refresh, signIn, signOut, clear]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
