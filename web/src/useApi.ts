import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import type { ClientPathsWithMethod, MaybeOptionalInit } from 'openapi-fetch';
import { api, ApiError, ok, type Answer, type ApiClient } from './api.js';
import type { paths } from './api/schema.js';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

export interface LoaderOptions {
  /** Leave the previous answer on screen while reloading. */
  keepData?: boolean;
  /** Sees every problem. */
  onError?: (error: ApiError) => void;
  /** A 401 is the page's to handle (citizen pages), not a trip to the officer sign-in. */
  allow401?: boolean;
}

export type GetPath = ClientPathsWithMethod<ApiClient, 'get'>;
/** The parameters of a GET route (`{ params: { path, query } }`), as the generated schema has them. */
export type GetInit<P extends GetPath> = MaybeOptionalInit<paths[P], 'get'>;

/**
 * Runs `load` whenever `key` changes (null: nothing to load); `keepData` leaves the previous answer on
 * screen while reloading; `onError` sees every problem.
 */
export function useLoader<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, opts: LoaderOptions = {}): ApiState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const onError = useRef(opts.onError);
  onError.current = opts.onError;
  const keepData = opts.keepData ?? false;

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ data: keepData ? s.data : null, loading: true, error: null }));
    loader
      .current(ctrl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, String(err));
        setState({ data: null, error, loading: false });
        onError.current?.(error);
      });
    return () => ctrl.abort();
  }, [key, tick, keepData]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** GETs `path` through `client` whenever it or its parameters change (null: nothing to load). */
export function useGet<P extends GetPath>(client: ApiClient, path: P | null, init: GetInit<P> | undefined, opts: LoaderOptions = {}): ApiState<Answer<P>> {
  const key = path === null ? null : `${path} ${JSON.stringify((init as { params?: unknown } | undefined)?.params ?? {})}`;
  const get = client.GET as (path: P, init: unknown) => Promise<{ data: Answer<P>; response: Response }>;
  return useLoader<Answer<P>>(key, (signal) => ok(get(path!, { ...init, signal }), { allow401: opts.allow401 }), opts);
}

/** Officer pages: problems are also shown as a message (a 401 goes to the sign-in page instead). */
export function useApi<P extends GetPath>(path: P | null, init?: GetInit<P>, opts: { keepData?: boolean } = {}): ApiState<Answer<P>> {
  const { message } = App.useApp();
  return useGet(api, path, init, {
    ...opts,
    onError: (error) => {
      if (error.status !== 401) void message.error(error.detail);
    },
  });
}
