import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import type { IdentityField, IdentityQr } from '../api/shapes.js';
import { citizenApi, citizenOk } from './session.js';

/** After a failed request, try again this much later (a phone's network comes and goes). */
const RETRY_MS = 10_000;

export interface LiveQr extends IdentityQr {
  /** Local clock times (ms) of refreshAt / expiresAt: the server's durations from when the answer arrived, so a wrong phone clock does not matter. */
  refreshAtMs: number;
  expiresAtMs: number;
  lifetimeMs: number;
}

export interface IdentityQrState {
  qr: LiveQr | null;
  error: ApiError | null;
  loading: boolean;
  /** The tab is hidden: no refresh until the citizen comes back. */
  paused: boolean;
  retry: () => void;
}

function live(qr: IdentityQr): LiveQr {
  const now = Date.now();
  const issued = Date.parse(qr.issuedAt);
  const lifetimeMs = Math.max(1000, Date.parse(qr.refreshAt) - issued);
  return { ...qr, refreshAtMs: now + lifetimeMs, expiresAtMs: now + Math.max(lifetimeMs, Date.parse(qr.expiresAt) - issued), lifetimeMs };
}

function usePageHidden(): boolean {
  const [hidden, setHidden] = useState(() => document.hidden);
  useEffect(() => {
    const onChange = () => setHidden(document.hidden);
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return hidden;
}

/**
 * A fresh identity QR with `fields`, fetched again at `refreshAt` while the page is visible.
 * A 401 (session over) goes to `onSignedOut`; other problems stay in `error` and are retried.
 */
export function useIdentityQr(fields: IdentityField[], onSignedOut: () => void): IdentityQrState {
  const [qr, setQr] = useState<LiveQr | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const paused = usePageHidden();
  const key = fields.join(',');
  const signedOut = useRef(onSignedOut);
  signedOut.current = onSignedOut;
  /** The fields of the code on screen: another choice must not show the old code meanwhile. */
  const shownKey = useRef(key);

  useEffect(() => {
    if (shownKey.current !== key) {
      shownKey.current = key;
      setQr(null);
      setError(null);
    }
    if (!key) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    citizenOk(citizenApi.POST('/api/v1/citizen/identity-qr', { body: { fields: key.split(',') as IdentityField[] }, signal: ctrl.signal }))
      .then((answer) => {
        setQr(live(answer));
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setLoading(false);
        const e = err instanceof ApiError ? err : new ApiError(0, String(err));
        if (e.status === 401) signedOut.current();
        else setError(e);
      });
    return () => ctrl.abort();
  }, [key, tick]);

  // Next code at refreshAt (or a retry after a problem), only while the citizen is looking at the page.
  useEffect(() => {
    if (paused || !key || loading) return;
    const delay = error ? RETRY_MS : qr ? Math.max(0, qr.refreshAtMs - Date.now()) : null;
    if (delay === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), delay);
    return () => clearTimeout(timer);
  }, [qr, error, paused, key, loading]);

  return { qr, error, loading, paused, retry: () => setTick((n) => n + 1) };
}
