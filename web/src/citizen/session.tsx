import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import type { CitizenSession } from '../types.js';

/** Every citizen API call: its own CSRF token, and a 401 is the caller's to handle (no officer redirect). */
let csrfToken: string | undefined;

export function citizenApi<T>(path: string, opts: Parameters<typeof api>[1] = {}): Promise<T> {
  return api<T>(`/api/v1${path}`, { ...opts, allow401: true, csrfToken });
}

interface CitizenSessionState {
  /** undefined: not checked yet; null: not signed in. */
  session: CitizenSession | null | undefined;
  refresh: () => Promise<CitizenSession | null>;
  /** After a sign-in or a confirmed registration: the token comes in the answer, the rest from the server. */
  signedIn: (s: { csrfToken: string; level: 1 | 2 }) => Promise<void>;
  signOut: () => Promise<void>;
}

const Ctx = createContext<CitizenSessionState | null>(null);

export function CitizenSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<CitizenSession | null | undefined>(undefined);

  const store = useCallback((s: CitizenSession | null) => {
    csrfToken = s?.csrfToken;
    setSession(s);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await citizenApi<CitizenSession>('/citizen/session');
      store(s);
      return s;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
        store(null);
        return null;
      }
      throw err;
    }
  }, [store]);

  const signedIn = useCallback(
    async (s: { csrfToken: string; level: 1 | 2 }) => {
      csrfToken = s.csrfToken;
      const current = await refresh().catch(() => null);
      // The session read may not repeat the token; keep the one the sign-in gave.
      store({ ...s, ...current, csrfToken: current?.csrfToken ?? s.csrfToken });
    },
    [refresh, store],
  );

  const signOut = useCallback(async () => {
    try {
      await citizenApi<void>('/citizen/session', { method: 'DELETE' });
    } finally {
      store(null);
    }
  }, [store]);

  const value = useMemo(() => ({ session, refresh, signedIn, signOut }), [session, refresh, signedIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCitizenSession(): CitizenSessionState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useCitizenSession outside CitizenSessionProvider');
  return ctx;
}

/** A `?next=` target that stays on this site (a path, never a scheme or `//host`). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
