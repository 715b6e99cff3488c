import { Navigate, NavLink, Outlet, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import { messages } from '../../messages.js';
import { ADMIN_PERMISSIONS, hasPermission, useSession } from '../../session.js';
import { ADMIN_PAGES, firstAdminPage } from '../../workplace.js';

const LABELS: Record<(typeof ADMIN_PAGES)[number]['to'], { label: string; testId: string }> = {
  '/admin/officers': { label: messages.adminMenuOfficers, testId: 'admin-menu-officers' },
  '/admin/sso-clients': { label: messages.adminMenuSso, testId: 'admin-menu-sso-clients' },
  '/admin/relying-parties': { label: messages.adminMenuRelyingParties, testId: 'admin-menu-relying-parties' },
  '/admin/kiosks': { label: messages.adminMenuKiosks, testId: 'admin-menu-kiosks' },
  '/admin/exchange': { label: messages.adminMenuExchangeAgencies, testId: 'admin-menu-exchange-agencies' },
  '/admin/exchange/grants': { label: messages.adminMenuExchangeGrants, testId: 'admin-menu-exchange-grants' },
  '/admin/exchange/approvals': { label: messages.adminMenuExchangeApprovals, testId: 'admin-menu-exchange-approvals' },
  '/admin/exchange/usage': { label: messages.adminMenuExchangeUsage, testId: 'admin-menu-exchange-usage' },
};

/** The administration pages the officer may use, side by side above each of them. */
function AdminMenu() {
  const { session } = useSession();
  return (
    <nav className="admin-menu" data-testid="admin-menu" aria-label={messages.adminMenuLabel}>
      {ADMIN_PAGES.filter((p) => hasPermission(session, p.permission)).map((p) => (
        <NavLink key={p.to} to={p.to} end data-testid={LABELS[p.to].testId}>
          {LABELS[p.to].label}
        </NavLink>
      ))}
    </nav>
  );
}

/** The /admin pages: officers with an administration permission only; everyone else sees that they lack the right. */
export function AdminGuard() {
  const { session } = useSession();
  const { pathname } = useLocation();
  // A page of the menu whose permission the officer lacks (the data owner holds the approvals only) is refused too.
  const page = ADMIN_PAGES.find((p) => p.to === pathname.replace(/\/+$/, ''));
  if (!ADMIN_PERMISSIONS.some((p) => hasPermission(session, p)) || (page && !hasPermission(session, page.permission))) {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.adminForbiddenDetail} data-testid="admin-forbidden" />;
  }
  return (
    <>
      <AdminMenu />
      <Outlet />
    </>
  );
}

/** /admin itself: the first administration page the officer may use. */
export function AdminHome() {
  const { session } = useSession();
  return <Navigate to={firstAdminPage(session) ?? '/admin/officers'} replace />;
}
