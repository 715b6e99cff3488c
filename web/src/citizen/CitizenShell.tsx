import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Spin, Tag } from 'antd';
import { Emblem } from '../components/Brand.js';
import { messages, t } from '../messages.js';
import { citizenApi, citizenOk } from './session.js';

/** The phone-first frame of every citizen page: a red band with the emblem, one narrow column. */
export function CitizenShell({ children, wide = false, extra }: { children: ReactNode; wide?: boolean; extra?: ReactNode }) {
  return (
    <div className="citizen-shell">
      <header className="citizen-header">
        <Link to="/citizen" className="citizen-brand">
          <Emblem />
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

/** The shell with a spinner, while the session or the page's data loads. */
export function CitizenLoading() {
  return (
    <CitizenShell>
      <div className="page-spin">
        <Spin size="large" description={messages.loading} />
      </div>
    </CitizenShell>
  );
}

/** Header button of the citizen's inner pages: back to the portal. */
export function BackToPortal() {
  return (
    <Link to="/citizen">
      <Button ghost size="small" data-testid="back-to-portal">
        {messages.toPortal}
      </Button>
    </Link>
  );
}

export function LevelBadge({ level }: { level: number }) {
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
    citizenOk(citizenApi.GET('/api/v1/dev/outbox', { params: { query: { limit: 1 } } }))
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
