import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, createApiClient, ok, type Answered } from '../api.js';
import type { CitizenSession as SessionAnswer, CitizenSignedIn } from '../api/shapes.js';

/** The signed-in citizen: the session read, or only what the sign-in answered when that read failed. */
export type CitizenSession = CitizenSignedIn & Partial<SessionAnswer>;

/** Every citizen API call: its own CSRF token, and a 401 is the caller's to handle (no officer redirect). */
let csrfToken: string | undefined;

export const citizenApi = createApiClient(() => csrfToken);

/** The data of a citizen call, or its problem as an ApiError (a 401 included). */
export function citizenOk<R extends Answered>(call: Promise<R>) {
  return ok(call, { allow401: true });
}

interface CitizenSessionState {
  /** undefined: not checked yet; null: not signed in. */
  session: CitizenSession | null | undefined;
  refresh: () => Promise<CitizenSession | null>;
  /** After a sign-in or a confirmed registration: the token comes in the answer, the rest from the server. */
  signedIn: (s: CitizenSignedIn) => Promise<void>;
  signOut: () => Promise<void>;
}

const Ctx = createContext<CitizenSessionState | null>(null);

export function CitizenSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<CitizenSession | null | undefined>(undefined);

  const store = useCallback((s: CitizenSession | null) => {
    csrfToken = s?.csrfToken;
    setSession(s);
  }, []);

  /** One read at a time: the page and the early check below share it. */
  const pending = useRef<Promise<CitizenSession | null> | null>(null);
  const refresh = useCallback(() => {
    pending.current ??= (async () => {
      try {
        const s = await citizenOk(citizenApi.GET('/api/v1/citizen/session'));
        store(s);
        return s;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
          store(null);
          return null;
        }
        throw err;
      } finally {
        pending.current = null;
      }
    })();
    return pending.current;
  }, [store]);

  // A page that needs the citizen's session asks for it while its own code still loads, so a signed-out
  // visitor goes to the sign-in page at once (e2e/citizen.test.ts times it).
  useEffect(() => {
    if (needsCitizenSession(window.location.pathname)) void refresh().catch(() => undefined);
  }, [refresh]);

  const signedIn = useCallback(
    async (s: CitizenSignedIn) => {
      csrfToken = s.csrfToken;
      const current = await refresh().catch(() => null);
      // The session read may not repeat the token; keep the one the sign-in gave.
      store({ ...s, ...current, csrfToken: current?.csrfToken ?? s.csrfToken });
    },
    [refresh, store],
  );

  const signOut = useCallback(async () => {
    try {
      await citizenOk(citizenApi.DELETE('/api/v1/citizen/session'));
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

/** The citizen pages that show the signed-in citizen (the sign-in, registration and recovery pages do not). */
function needsCitizenSession(path: string): boolean {
  return /^\/citizen(\/|$)/.test(path) && !/^\/citizen\/(login|register|forgot-password)(\/|$)/.test(path);
}

/** A `?next=` target that stays on this site (a path, never a scheme or `//host`). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
