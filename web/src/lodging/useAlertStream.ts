import { useEffect, useRef } from 'react';
import type { StayChanged, WatchAlert } from './types.js';

/** How long to wait before opening the stream again once the server refused or dropped it for good. */
const RETRY_MS = 5000;

/**
 * Keeps one Server-Sent Events stream of watchlist alerts open while `enabled` (same-origin, the session
 * cookie goes with it) and hands each alert to `onAlert`, each facility's correction or cancellation of a
 * stay to `onStayChanged`. The browser reconnects by itself after a dropped connection; a refused one
 * (401, 5xx) closes the stream, so it is opened again a bit later.
 */
export function useAlertStream(enabled: boolean, onAlert: (alert: WatchAlert) => void, onStayChanged: (change: StayChanged) => void = () => undefined): void {
  const handler = useRef(onAlert);
  handler.current = onAlert;
  const changeHandler = useRef(onStayChanged);
  changeHandler.current = onStayChanged;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/v1/lodging/alerts/stream');
      source.addEventListener('alert', (e) => {
        try {
          handler.current(JSON.parse((e as MessageEvent<string>).data) as WatchAlert);
        } catch {
          // not an alert: ignore
        }
      });
      source.addEventListener('stay', (e) => {
        try {
          changeHandler.current(JSON.parse((e as MessageEvent<string>).data) as StayChanged);
        } catch {
          // not a change: ignore
        }
      });
      source.onerror = () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        timer = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled]);
}
