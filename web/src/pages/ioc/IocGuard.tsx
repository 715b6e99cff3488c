import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { messages } from '../../messages.js';
import { useSession } from '../../session.js';
import '../../ioc/ioc.css';
import '../../ioc/plans.css';

const DASHBOARDS = [
  { to: '/ioc', label: messages.iocMenuPopulation, testId: 'ioc-menu-population' },
  { to: '/ioc/labour', label: messages.iocMenuLabour, testId: 'ioc-menu-labour' },
  { to: '/ioc/tourism', label: messages.iocMenuTourism, testId: 'ioc-menu-tourism' },
  { to: '/ioc/public-order', label: messages.iocMenuPublicOrder, testId: 'ioc-menu-public-order' },
  { to: '/ioc/readiness', label: messages.iocMenuReadiness, testId: 'ioc-menu-readiness' },
];

/**
 * The /ioc pages (operations centre, desktop): leaders and the Project 06 working group. Going from one
 * dashboard to another keeps the filter (unit, scheme, period) of the query string.
 */
export function IocGuard() {
  const { session } = useSession();
  const { pathname, search } = useLocation();
  if (!session?.permissions?.includes('ioc.read')) {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.iocForbiddenDetail} data-testid="ioc-forbidden" />;
  }
  const onDashboard = DASHBOARDS.some((d) => d.to === pathname);
  return (
    <>
      <nav className="admin-menu ioc-menu" data-testid="ioc-menu">
        {DASHBOARDS.map((d) => (
          <NavLink key={d.to} to={{ pathname: d.to, search: onDashboard ? search : '' }} end data-testid={d.testId}>
            {d.label}
          </NavLink>
        ))}
        <NavLink to="/ioc/plans" className="ioc-menu-plans" data-testid="ioc-menu-plans">
          {messages.iocMenuPlans}
        </NavLink>
      </nav>
      <Suspense fallback={<Spin className="page-spin" />}>
        <Outlet />
      </Suspense>
    </>
  );
}
