import { useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Spin, Tag } from 'antd';
import { ApiError } from '../api.js';
import { unitDetail } from '../ioc/units.js';
import { Brand } from '../components/Brand.js';
import { levelLabels, messages } from '../messages.js';
import { ADMIN_PERMISSIONS, hasPermission, useSession } from '../session.js';
import { PASSWORD_PAGE, firstAdminPage, linkagePage, mayOpenOfficerPage, workplaceOf } from '../workplace.js';

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
  // A one-time password is replaced before anything else.
  if (session.mustChangePassword) return <Navigate to={PASSWORD_PAGE} replace />;
  const can = (permission: string) => hasPermission(session, permission);
  // Counter staff have no officer pages: their place is the counter.
  if (can('credentials.verify')) return <Navigate to="/desk" replace />;
  // An officer page the role cannot use is not opened (it would show its title, then "no right"): the officer goes
  // where their role works. The menu below offers only what the role may use, from the session's permissions.
  if (pathname.startsWith('/officer') && !mayOpenOfficerPage(session, pathname)) return <Navigate to={workplaceOf(session).home} replace />;
  if (pathname === '/officer' || pathname === '/officer/') return <Navigate to={workplaceOf(session).home} replace />;

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
          {can('services.dossiers.read') && (
            <NavLink to="/officer/dossiers" data-testid="nav-dossiers">
              {messages.navDossiers}
            </NavLink>
          )}
          {can('services.dossiers.receive') && (
            <NavLink to="/officer/counter" data-testid="nav-counter">
              {messages.navCounter}
            </NavLink>
          )}
          {can('services.copies.certify') && (
            <NavLink to="/officer/certified-copies/new" data-testid="nav-certify-copy">
              {messages.navCertifyCopy}
            </NavLink>
          )}
          {can('services.copies.register') && (
            <NavLink to="/officer/certified-copies" end data-testid="nav-copy-register">
              {messages.navCopyRegister}
            </NavLink>
          )}
          {can('payments.read') && (
            <NavLink to="/officer/payments" data-testid="nav-payments">
              {messages.navPayments}
            </NavLink>
          )}
          {linkagePage(session) === '/linkage' && (
            <NavLink to="/linkage" end data-testid="nav-linkage">
              {messages.navLinkage}
            </NavLink>
          )}
          {can('linkage.review') && (
            <NavLink to="/linkage/review" data-testid="nav-linkage-review">
              {messages.navLinkageReview}
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
            <NavLink to={firstAdminPage(session) ?? '/admin'} className={() => (pathname.startsWith('/admin') ? 'active' : '')} data-testid="nav-admin">
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
              <span className="officer-sep">·</span>
              <Link to={PASSWORD_PAGE} className="officer-user-link" data-testid="nav-password">
                {messages.navPassword}
              </Link>
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
