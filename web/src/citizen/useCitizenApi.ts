import { useLoader, type ApiState } from '../useApi.js';
import { citizenApi } from './session.js';

export type CitizenApiState<T> = ApiState<T>;

/** GETs a citizen API path (under /api/v1) whenever it changes; problems stay in `error` for the page to show. */
export function useCitizenApi<T>(path: string | null, query?: Record<string, string | undefined>): CitizenApiState<T> {
  return useLoader<T>(citizenApi, path, query, { keepData: true });
}
