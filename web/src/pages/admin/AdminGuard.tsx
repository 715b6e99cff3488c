import { Outlet } from 'react-router-dom';
import { Result } from 'antd';
import { messages } from '../../messages.js';
import { useSession } from '../../session.js';

/** The /admin pages: administrators only (role admin); everyone else sees that they lack the right. */
export function AdminGuard() {
  const { session } = useSession();
  if (session?.role !== 'admin') {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.adminForbiddenDetail} data-testid="admin-forbidden" />;
  }
  return <Outlet />;
}
