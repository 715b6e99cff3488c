import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { api, ApiError } from './api.js';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` whenever it changes (null: nothing to load). Problems are shown as a message too. */
export function useApi<T>(path: string | null, query?: Record<string, string | undefined>): ApiState<T> {
  const { message } = App.useApp();
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
    setState({ data: null, loading: true, error: null });
    api<T>(path, { query: JSON.parse(queryKey) as Record<string, string>, signal: ctrl.signal })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, String(err));
        setState({ data: null, error, loading: false });
        if (error.status !== 401) void message.error(error.detail);
      });
    return () => ctrl.abort();
  }, [path, queryKey, tick, message]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
