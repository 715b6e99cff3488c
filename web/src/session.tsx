import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, ok, setOfficerCsrfToken } from './api.js';
import type { Session } from './api/shapes.js';

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
    setOfficerCsrfToken(s?.csrfToken);
    setSession(s);
  }, []);

  const refresh = useCallback(async () => {
    const s = await ok(api.GET('/api/v1/session'));
    store(s);
    return s;
  }, [store]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await ok(api.POST('/api/v1/session', { body: { username, password } }), { allow401: true });
      store(s);
      return s;
    },
    [store],
  );

  const signOut = useCallback(async () => {
    try {
      await ok(api.DELETE('/api/v1/session'), { allow401: true });
    } finally {
      store(null);
    }
  }, [store]);

  const clear = useCallback(() => store(null), [store]);

  const value = useMemo(() => ({ session, refresh, signIn, signOut, clear }), [session, refresh, signIn, signOut, clear]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * Whether the officer's role grants `permission` (the session lists them): pages hide what the role may
 * not do by permission, never by role name. The server still checks every request.
 */
export function hasPermission(session: Session | null | undefined, permission: string): boolean {
  return session?.permissions.includes(permission) ?? false;
}

/** The administration pages' permissions: any of them opens /admin. */
export const ADMIN_PERMISSIONS = ['officers.manage', 'sso.manage', 'credentials.manage', 'kiosks.manage', 'exchange.manage', 'exchange.grants.approve', 'exchange.usage.read'] as const;

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
