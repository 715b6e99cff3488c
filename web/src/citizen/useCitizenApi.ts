import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { citizenApi } from './session.js';

export interface CitizenApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GETs a citizen API path (under /api/v1) whenever it changes; problems stay in `error` for the page to show. */
export function useCitizenApi<T>(path: string | null, query?: Record<string, string | undefined>): CitizenApiState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    citizenApi<T>(path, { query: JSON.parse(queryKey) as Record<string, string>, signal: ctrl.signal })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ data: null, error: err instanceof ApiError ? err : new ApiError(0, String(err)), loading: false });
      });
    return () => ctrl.abort();
  }, [path, queryKey, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
