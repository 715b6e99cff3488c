import type { Answer } from '../api.js';
import { useApi, type ApiState, type GetInit, type GetPath } from '../useApi.js';

/**
 * Like `useApi`, but the previous answer stays on screen while the next loads: a dashboard changing
 * unit does not blank out, and a plan reloading after a report keeps its open drawer.
 */
export function useIocApi<P extends GetPath>(path: P | null, init?: GetInit<P>): ApiState<Answer<P>> {
  return useApi(path, init, { keepData: true });
}
