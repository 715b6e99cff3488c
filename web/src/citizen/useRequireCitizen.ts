import { useEffect, type RefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCitizenSession, type CitizenSession } from './session.js';

/**
 * The signed-in citizen, or a trip to the sign-in page that comes back to `here`.
 * undefined/null while checking or leaving; `leaving` set: signing out on purpose, no `?next=`.
 */
export function useRequireCitizen(here: string, leaving?: RefObject<boolean>): CitizenSession | null | undefined {
  const navigate = useNavigate();
  const { session, refresh } = useCitizenSession();
  useEffect(() => {
    if (session === undefined) void refresh().catch(() => undefined);
    else if (session === null && !leaving?.current) void navigate(`/citizen/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, [session, refresh, navigate, here, leaving]);
  return session;
}
