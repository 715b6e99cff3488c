import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import { messages, t } from '../messages.js';
import { citizenApi } from './session.js';

/** The phone-first frame of every citizen page: a red band with the emblem, one narrow column. */
export function CitizenShell({ children, wide = false, extra }: { children: ReactNode; wide?: boolean; extra?: ReactNode }) {
  return (
    <div className="citizen-shell">
      <header className="citizen-header">
        <Link to="/citizen" className="citizen-brand">
          <svg className="brand-emblem" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="16" cy="16" r="15" fill="#c8102e" stroke="#f5c518" strokeWidth="1.5" />
            <path fill="#f5c518" d="M16 6l2.6 7.4H26l-6 4.5 2.3 7.4L16 20.8l-6.3 4.5 2.3-7.4-6-4.5h7.4z" />
          </svg>
          <span>
            <span className="citizen-brand-name">{messages.citizenAppName}</span>
            <span className="citizen-brand-sub">{messages.citizenAppSub}</span>
          </span>
        </Link>
        {extra && <div className="citizen-header-extra">{extra}</div>}
      </header>
      <main className={wide ? 'citizen-main citizen-main-wide' : 'citizen-main'}>{children}</main>
      <footer className="citizen-footer">{messages.citizenFooter}</footer>
    </div>
  );
}

export function LevelBadge({ level }: { level: 1 | 2 }) {
  return (
    <Tag color={level === 2 ? 'green' : 'gold'} className="level-badge" data-testid="level-badge" data-level={level}>
      {t('levelBadge', { level })}
    </Tag>
  );
}

/** True once the development outbox API answers (it exists only in development and test). */
export function useOutboxAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    citizenApi<unknown>('/dev/outbox')
      .then(() => setAvailable(true))
      .catch(() => setAvailable(false));
  }, []);
  return available;
}

export function OutboxLink() {
  const available = useOutboxAvailable();
  if (!available) return null;
  return (
    <Link to="/dev/outbox" target="_blank" className="outbox-link" data-testid="outbox-link">
      {messages.devOutboxLink}
    </Link>
  );
}
