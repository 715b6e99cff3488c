import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { api, ApiError } from './api.js';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

type Fetcher = <T>(path: string, opts: { query: Record<string, string>; signal: AbortSignal }) => Promise<T>;

/**
 * GETs `path` through `fetcher` whenever it or the query changes (null: nothing to load).
 * `keepData` leaves the previous answer on screen while reloading; `onError` sees every problem.
 */
export function useLoader<T>(
  fetcher: Fetcher,
  path: string | null,
  query: Record<string, string | undefined> | undefined,
  opts: { keepData?: boolean; onError?: (error: ApiError) => void } = {},
): ApiState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query ?? {});
  const onError = useRef(opts.onError);
  onError.current = opts.onError;
  const keepData = opts.keepData ?? false;

  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ data: keepData ? s.data : null, loading: true, error: null }));
    fetcher<T>(path, { query: JSON.parse(queryKey) as Record<string, string>, signal: ctrl.signal })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, String(err));
        setState({ data: null, error, loading: false });
        onError.current?.(error);
      });
    return () => ctrl.abort();
  }, [fetcher, path, queryKey, tick, keepData]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Officer pages: problems are also shown as a message (a 401 goes to the sign-in page instead). */
export function useApi<T>(path: string | null, query?: Record<string, string | undefined>): ApiState<T> {
  const { message } = App.useApp();
  return useLoader<T>(api, path, query, {
    onError: (error) => {
      if (error.status !== 401) void message.error(error.detail);
    },
  });
}
