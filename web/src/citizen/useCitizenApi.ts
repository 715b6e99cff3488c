import { useGet, type ApiState, type GetInit, type GetPath } from '../useApi.js';
import type { Answer } from '../api.js';
import { citizenApi } from './session.js';

export type CitizenApiState<T> = ApiState<T>;

/** GETs a citizen API path whenever it or its parameters change; problems (a 401 too) stay in `error` for the page to show. */
export function useCitizenApi<P extends GetPath>(path: P | null, init?: GetInit<P>): CitizenApiState<Answer<P>> {
  return useGet(citizenApi, path, init, { keepData: true, allow401: true });
}
