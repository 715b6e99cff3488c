import { NavLink, Outlet } from 'react-router-dom';
import { Result } from 'antd';
import { messages } from '../../messages.js';
import { useSession } from '../../session.js';

const ADMIN_PAGES = [
  { to: '/admin/sso-clients', label: messages.adminMenuSso, testId: 'admin-menu-sso-clients' },
  { to: '/admin/relying-parties', label: messages.adminMenuRelyingParties, testId: 'admin-menu-relying-parties' },
];

/** The administration pages, side by side above each of them. */
function AdminMenu() {
  return (
    <nav className="admin-menu" data-testid="admin-menu">
      {ADMIN_PAGES.map((p) => (
        <NavLink key={p.to} to={p.to} data-testid={p.testId}>
          {p.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** The /admin pages: administrators only (role admin); everyone else sees that they lack the right. */
export function AdminGuard() {
  const { session } = useSession();
  if (session?.role !== 'admin') {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.adminForbiddenDetail} data-testid="admin-forbidden" />;
  }
  return (
    <>
      <AdminMenu />
      <Outlet />
    </>
  );
}
