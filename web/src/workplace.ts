import { hasPermission } from './session.js';
import type { Session } from './api/shapes.js';

/** The page where an officer replaces a one-time password or changes their own (any role). */
export const PASSWORD_PAGE = '/password';

/**
 * Where an officer works, by what their role may do (never by the role's name), and the areas an
 * interrupted visit may return to. A session holding a one-time password has one place: the password page.
 */
export function workplaceOf(session: Session): { home: string; areas: string[] } {
  if (session.mustChangePassword) return { home: PASSWORD_PAGE, areas: [PASSWORD_PAGE] };
  const can = (permission: string) => hasPermission(session, permission);
  // A role that also works on service dossiers may come back to them after a sign-in.
  const dossiers = can('services.dossiers.read') ? ['/officer/dossiers'] : [];
  // Sector lists (linkage): the sector officer's runs, the registry officer's review queue.
  const linkage = can('linkage.run') || can('linkage.review') ? ['/linkage'] : [];
  if (can('credentials.verify')) return { home: '/desk', areas: ['/desk'] };
  if (can('registry.read')) return { home: '/officer/people', areas: ['/officer', '/admin', ...linkage] };
  if (can('lodging.oversee')) return { home: '/police', areas: ['/police', ...dossiers] };
  if (dossiers.length) return { home: '/officer/dossiers', areas: ['/officer', ...linkage] };
  if (linkage.length) return { home: linkagePage(session)!, areas: linkage };
  if (can('ioc.read')) return { home: '/ioc', areas: ['/ioc'] };
  if (can('payments.reconcile')) return { home: '/officer/payments', areas: ['/officer'] };
  const admin = firstAdminPage(session);
  if (admin) return { home: admin, areas: ['/officer', '/admin'] };
  if (can('audit.read')) return { home: '/officer/verification-alerts', areas: ['/officer'] };
  return { home: PASSWORD_PAGE, areas: [PASSWORD_PAGE] };
}

/** The officer pages under /officer and the permission each needs (a page the role cannot use is neither shown nor opened). */
export const OFFICER_PAGES = [
  { prefix: '/officer/people', permission: 'registry.read' },
  { prefix: '/officer/households', permission: 'registry.read' },
  { prefix: '/officer/verification-alerts', permission: 'audit.read' },
  { prefix: '/officer/eid-requests', permission: 'eid.upgrade' },
  { prefix: '/officer/dossiers', permission: 'services.dossiers.read' },
  // The issuing page before the register (the first prefix that matches decides).
  { prefix: '/officer/certified-copies/new', permission: 'services.copies.certify' },
  { prefix: '/officer/certified-copies', permission: 'services.copies.register' },
  { prefix: '/officer/payments', permission: 'payments.read' },
] as const;

/** Whether the session may open `pathname` under /officer (unknown paths: yes, they answer "not found"). */
export function mayOpenOfficerPage(session: Session, pathname: string): boolean {
  const page = OFFICER_PAGES.find((p) => pathname === p.prefix || pathname.startsWith(`${p.prefix}/`));
  return !page || hasPermission(session, page.permission);
}

/** The administration pages, in menu order, and the permission each needs. */
export const ADMIN_PAGES = [
  { to: '/admin/officers', permission: 'officers.manage' },
  { to: '/admin/sso-clients', permission: 'sso.manage' },
  { to: '/admin/relying-parties', permission: 'credentials.manage' },
  { to: '/admin/kiosks', permission: 'kiosks.manage' },
  // The data-sharing gateway: the administrator registers agencies and asks grants, the data owner approves them.
  { to: '/admin/exchange', permission: 'exchange.manage' },
  { to: '/admin/exchange/grants', permission: 'exchange.manage' },
  { to: '/admin/exchange/approvals', permission: 'exchange.grants.approve' },
  { to: '/admin/exchange/usage', permission: 'exchange.usage.read' },
] as const;

/** The first administration page the session may use, if any. */
export function firstAdminPage(session: Session | null | undefined): string | undefined {
  return ADMIN_PAGES.find((p) => hasPermission(session, p.permission))?.to;
}

/** The linkage page of the officer's menu: the runs for a sector officer, else the review queue (undefined: neither). */
export function linkagePage(session: Session): string | undefined {
  if (hasPermission(session, 'linkage.run')) return '/linkage';
  return hasPermission(session, 'linkage.review') ? '/linkage/review' : undefined;
}
