import { NavLink, Outlet } from 'react-router-dom';
import { Result } from 'antd';
import { messages } from '../../messages.js';
import { ADMIN_PERMISSIONS, hasPermission, useSession } from '../../session.js';

const ADMIN_PAGES = [
  { to: '/admin/sso-clients', label: messages.adminMenuSso, testId: 'admin-menu-sso-clients', permission: 'sso.manage' },
  { to: '/admin/relying-parties', label: messages.adminMenuRelyingParties, testId: 'admin-menu-relying-parties', permission: 'credentials.manage' },
] as const;

/** The administration pages the officer may use, side by side above each of them. */
function AdminMenu() {
  const { session } = useSession();
  return (
    <nav className="admin-menu" data-testid="admin-menu">
      {ADMIN_PAGES.filter((p) => hasPermission(session, p.permission)).map((p) => (
        <NavLink key={p.to} to={p.to} data-testid={p.testId}>
          {p.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** The /admin pages: officers with an administration permission only; everyone else sees that they lack the right. */
export function AdminGuard() {
  const { session } = useSession();
  if (!ADMIN_PERMISSIONS.some((p) => hasPermission(session, p))) {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.adminForbiddenDetail} data-testid="admin-forbidden" />;
  }
  return (
    <>
      <AdminMenu />
      <Outlet />
    </>
  );
}
