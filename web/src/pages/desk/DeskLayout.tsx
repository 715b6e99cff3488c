import { useEffect, useState } from 'react';
import { Outlet, useNavigate, useOutletContext } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { api, ApiError } from '../../api.js';
import { DeskShell } from '../../desk/DeskShell.js';
import { messages } from '../../messages.js';
import { useSession } from '../../session.js';
import type { RelyingParty } from '../../types.js';

/** The relying party of the signed-in counter staff, for the pages under /desk. */
export function useRelyingParty(): RelyingParty {
  return useOutletContext<RelyingParty>();
}

/**
 * The /desk area: counter staff of a relying party (role rp_staff) only. Signs in through /login like
 * officers (a 401 goes there); loads the relying party the pages verify for.
 */
export function DeskLayout() {
  const { session, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const [relyingParty, setRelyingParty] = useState<RelyingParty | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const isStaff = session?.role === 'rp_staff' && session.relyingPartyId != null;

  useEffect(() => {
    if (session) return;
    refresh().catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
    });
  }, [session, refresh]);

  useEffect(() => {
    if (!isStaff) return;
    api<RelyingParty>('/api/v1/desk')
      .then(setRelyingParty)
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
      });
  }, [isStaff]);

  async function logout() {
    await signOut().catch(() => undefined);
    void navigate('/login', { replace: true });
  }

  if (session && !isStaff) {
    return (
      <DeskShell user={session.fullName} onSignOut={logout}>
        <Result status="403" title={messages.deskForbiddenTitle} subTitle={messages.deskForbiddenDetail} data-testid="desk-forbidden" />
      </DeskShell>
    );
  }
  if (!session || !relyingParty) {
    return (
      <DeskShell>
        <div className="page-spin">{failed ? <Result status="error" title={failed} /> : <Spin size="large" description={messages.loading} />}</div>
      </DeskShell>
    );
  }
  return (
    <DeskShell user={session.fullName} onSignOut={logout}>
      <Outlet context={relyingParty} />
    </DeskShell>
  );
}
