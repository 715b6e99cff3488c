import { useEffect } from 'react';
import { useCitizenSession } from './session.js';
import type { GetPath } from '../useApi.js';
import { useCitizenApi } from './useCitizenApi.js';
import { useRequireCitizen } from './useRequireCitizen.js';

/**
 * A citizen page that shows one API read: sends a signed-out visitor to the sign-in (back to `returnTo`
 * afterwards), loads `path` once signed in, and when the session ends meanwhile (401) reads the
 * session again, which sends the page to the sign-in.
 */
export function useCitizenPage<P extends GetPath>(returnTo: string, path: P) {
  const session = useRequireCitizen(returnTo);
  const { refresh } = useCitizenSession();
  const state = useCitizenApi(session ? path : null);
  const signedOut = () => void refresh().catch(() => undefined);
  useEffect(() => {
    if (state.error?.status === 401) void refresh().catch(() => undefined);
  }, [state.error, refresh]);
  return { session, signedOut, ...state };
}
