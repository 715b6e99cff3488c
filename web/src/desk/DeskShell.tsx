import type { ReactNode } from 'react';
import { Button } from 'antd';
import { Emblem } from '../components/Brand.js';
import { messages } from '../messages.js';

/** The phone-first frame of the counter pages: who is at the counter in the red band, one narrow column. */
export function DeskShell({ user, onSignOut, children }: { user?: string; onSignOut?: () => void; children: ReactNode }) {
  return (
    <div className="phone-shell">
      <header className="phone-header">
        <div className="citizen-brand desk-brand">
          <Emblem />
          <span>
            <span className="citizen-brand-name">{messages.deskAppName}</span>
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
      <main className="phone-main">{children}</main>
      <footer className="phone-footer">{messages.footer}</footer>
    </div>
  );
}
