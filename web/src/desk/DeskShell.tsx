import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { Button } from 'antd';
import { Emblem } from '../components/Brand.js';
import { messages } from '../messages.js';

export interface DeskNavItem {
  to: string;
  label: string;
  testId: string;
}

/**
 * The phone-first frame of the counter pages: who is at the counter in the red band, one narrow column.
 * `nav`: tabs under the band when the counter has more than one task (verify, lodging); `appName`: the
 * band's title (the counter's by default).
 */
export function DeskShell({
  user,
  onSignOut,
  nav,
  appName = messages.deskAppName,
  children,
}: {
  user?: string;
  onSignOut?: () => void;
  nav?: DeskNavItem[];
  appName?: string;
  children: ReactNode;
}) {
  return (
    <div className="phone-shell desk-shell">
      <header className="phone-header">
        <div className="citizen-brand desk-brand">
          <Emblem />
          <span>
            <span className="citizen-brand-name">{appName}</span>
            {user && (
              <span className="citizen-brand-sub" data-testid="desk-user">
                {user}
              </span>
            )}
          </span>
        </div>
        {onSignOut && (
          <Button ghost size="small" onClick={onSignOut} data-testid="logout">
            {messages.signOut}
          </Button>
        )}
      </header>
      {nav && nav.length > 1 && (
        <nav className="desk-nav" data-testid="desk-nav">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/desk'} data-testid={item.testId}>
              {item.label}
            </NavLink>
          ))}
        </nav>
      )}
      <main className="phone-main">{children}</main>
      <footer className="phone-footer">{messages.footer}</footer>
    </div>
  );
}
