import { useCallback, useEffect, useState } from 'react';
import { Navigate, Outlet, useNavigate, useOutletContext } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { DeskShell, type DeskNavItem } from '../../desk/DeskShell.js';
import type { DeskFacility } from '../../lodging/types.js';
import { messages } from '../../messages.js';
import { hasPermission, useSession } from '../../session.js';
import type { RelyingParty } from '../../api/shapes.js';

interface DeskContext {
  relyingParty: RelyingParty;
  /** The lodging facility this counter declares stays for; null when it is not one. */
  facility: DeskFacility | null;
  reloadFacility: () => void;
}

/** The relying party of the signed-in counter staff, for the pages under /desk. */
export function useRelyingParty(): RelyingParty {
  return useOutletContext<DeskContext>().relyingParty;
}

/** The counter's lodging facility (null: not a lodging facility) and a way to read it again (its deadlines move). */
export function useDeskFacility(): Pick<DeskContext, 'facility' | 'reloadFacility'> {
  return useOutletContext<DeskContext>();
}

/**
 * Is this counter a lodging facility's? Every facility's relying party is registered by the lodging
 * module with the code `luu-tru-<facility id>` (lodging/facilities.ts), whatever its type (a clinic
 * or a bus operator that houses people is one too): other counters never ask for a facility, so a
 * hospital's desk load makes no request that answers 404.
 */
function isLodgingCounter(rp: Pick<RelyingParty, 'code'>): boolean {
  return rp.code.startsWith('luu-tru-');
}

/** undefined while unknown or asking; null when the counter is not a lodging facility or the answer failed. */
function useFacility(lodging: boolean | undefined): [DeskFacility | null | undefined, () => void] {
  const [facility, setFacility] = useState<DeskFacility | null | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (lodging === undefined) return;
    if (!lodging) {
      setFacility(null);
      return;
    }
    ok(api.GET('/api/v1/desk/facility'))
      .then(setFacility)
      .catch(() => setFacility((f) => (f === undefined ? null : f)));
  }, [lodging, tick]);
  return [facility, useCallback(() => setTick((n) => n + 1), [])];
}

/**
 * The /desk area: counter staff of a relying party (permission credentials.verify) only. Signs in through /login like
 * officers (a 401 goes there); loads the relying party the pages verify for and, for a lodging
 * facility, the facility (the "Lưu trú" tab shows only then).
 */
export function DeskLayout() {
  const { session, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const [relyingParty, setRelyingParty] = useState<RelyingParty | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const isStaff = hasPermission(session, 'credentials.verify') && session?.relyingPartyId != null;
  const [facility, reloadFacility] = useFacility(relyingParty ? isLodgingCounter(relyingParty) : undefined);

  useEffect(() => {
    if (session) return;
    refresh().catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
    });
  }, [session, refresh]);

  useEffect(() => {
    if (!isStaff) return;
    ok(api.GET('/api/v1/desk'))
      .then(setRelyingParty)
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
      });
  }, [isStaff]);

  async function logout() {
    await signOut().catch(() => undefined);
    void navigate('/login', { replace: true });
  }

  // Counter staff with a one-time password replace it first (/password, then back to the counter).
  if (session?.mustChangePassword) return <Navigate to="/password" replace />;
  if (session && !isStaff) {
    return (
      <DeskShell user={session.fullName} onSignOut={logout}>
        <Result status="403" title={messages.deskForbiddenTitle} subTitle={messages.deskForbiddenDetail} data-testid="desk-forbidden" />
      </DeskShell>
    );
  }
  if (!session || !relyingParty || facility === undefined) {
    return (
      <DeskShell>
        <div className="page-spin">{failed ? <Result status="error" title={failed} /> : <Spin size="large" description={messages.loading} />}</div>
      </DeskShell>
    );
  }
  // A hospital's counter also declares births (the server checks the counter's type again).
  const hospital = relyingParty.type === 'hospital' && hasPermission(session, 'services.births.notify');
  const nav: DeskNavItem[] = facility || hospital
    ? [
        { to: '/desk', label: messages.deskNavVerify, testId: 'desk-nav-verify' },
        ...(facility ? [{ to: '/desk/lodging', label: messages.deskNavLodging, testId: 'desk-nav-lodging' }] : []),
        ...(hospital ? [{ to: '/desk/birth', label: messages.deskNavBirth, testId: 'desk-nav-birth' }] : []),
      ]
    : [];
  return (
    <DeskShell user={session.fullName} onSignOut={logout} nav={nav}>
      <Outlet context={{ relyingParty, facility, reloadFacility } satisfies DeskContext} />
    </DeskShell>
  );
}
