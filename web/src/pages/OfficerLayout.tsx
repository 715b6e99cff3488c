import { useEffect, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Spin, Tag } from 'antd';
import { ApiError } from '../api.js';
import { unitDetail } from '../ioc/units.js';
import { Brand } from '../components/Brand.js';
import { levelLabels, messages } from '../messages.js';
import { ADMIN_PERMISSIONS, hasPermission, useSession } from '../session.js';

/** Full name of the officer's area ("Tỉnh Đồng Tháp"), from the public unit catalogue. */
function useAreaName(code: string | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    unitDetail('2025', code)
      .then((u) => setName(u.fullName))
      .catch(() => setName(null));
  }, [code]);
  return name;
}

export function OfficerLayout() {
  const { session, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [failed, setFailed] = useState<string | null>(null);
  const areaName = useAreaName(session?.area.code);

  useEffect(() => {
    if (session) return;
    refresh().catch((err: unknown) => {
      // 401 is handled by the global redirect; anything else is shown here.
      if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
    });
  }, [session, refresh]);

  async function logout() {
    await signOut().catch(() => undefined);
    void navigate('/login', { replace: true });
  }

  if (!session) {
    return <div className="page-spin">{failed ?? <Spin size="large" description={messages.loading} />}</div>;
  }
  // Counter staff have no officer pages: their place is the counter.
  const can = (permission: string) => hasPermission(session, permission);
  if (can('credentials.verify')) return <Navigate to="/desk" replace />;
  // Police overseeing lodging have no registry pages: their place is /police.
  // (The level-2 requests are theirs too: the commune police raise e-ID accounts.)
  const eidRequests = pathname.startsWith('/officer/eid-requests');
  if (can('lodging.oversee') && !can('registry.read') && pathname.startsWith('/officer') && !eidRequests) return <Navigate to="/police" replace />;
  // Leaders and the working group have no registry pages either: their place is the operations centre.
  if (can('ioc.read') && !can('registry.read') && pathname.startsWith('/officer')) return <Navigate to="/ioc" replace />;

  return (
    <Layout className="officer-layout">
      <Layout.Header className="officer-header">
        <Brand compact />
        <nav className="officer-nav">
          {can('registry.read') && <NavLink to="/officer/people">{messages.navPeople}</NavLink>}
          {can('audit.read') && (
            <NavLink to="/officer/verification-alerts" data-testid="nav-verification-alerts">
              {messages.navVerificationAlerts}
            </NavLink>
          )}
          {can('eid.upgrade') && (
            <NavLink to="/officer/eid-requests" data-testid="nav-eid-requests">
              {messages.navEidRequests}
            </NavLink>
          )}
          {can('lodging.oversee') && (
            <NavLink to="/police" data-testid="nav-police">
              {messages.navLodging}
            </NavLink>
          )}
          {can('ioc.read') && (
            <NavLink to="/ioc" data-testid="nav-ioc">
              {messages.navIoc}
            </NavLink>
          )}
          {ADMIN_PERMISSIONS.some(can) && (
            <NavLink to="/admin" data-testid="nav-admin">
              {messages.navAdmin}
            </NavLink>
          )}
        </nav>
        <div className="officer-user" data-testid="officer-user">
          <div className="officer-user-text">
            <div className="officer-name" data-testid="officer-name">{session.fullName}</div>
            <div className="officer-role">
              {session.roleLabel}
              <span className="officer-sep">·</span>
              {messages.area}: {areaName ?? session.area.code}
            </div>
          </div>
          <Tag className="officer-level" variant="outlined">
            {levelLabels[session.area.level] ?? session.area.level}
          </Tag>
          <Button ghost onClick={logout} data-testid="logout">
            {messages.signOut}
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content className="officer-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="officer-footer">{messages.footer}</Layout.Footer>
    </Layout>
  );
}
