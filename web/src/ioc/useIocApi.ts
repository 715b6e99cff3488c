import { App } from 'antd';
import { api } from '../api.js';
import { useLoader, type ApiState } from '../useApi.js';

/**
 * Like `useApi`, but the previous answer stays on screen while the next loads: a dashboard changing
 * unit does not blank out, and a plan reloading after a report keeps its open drawer.
 */
export function useIocApi<T>(path: string | null, query?: Record<string, string | undefined>): ApiState<T> {
  const { message } = App.useApp();
  return useLoader<T>(api, path, query, {
    keepData: true,
    onError: (error) => {
      if (error.status !== 401) void message.error(error.detail);
    },
  });
}
