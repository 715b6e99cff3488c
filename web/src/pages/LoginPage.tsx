import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError } from '../api.js';
import { Brand } from '../components/Brand.js';
import { messages } from '../messages.js';
import { hasPermission, useSession } from '../session.js';
import type { Session } from '../api/shapes.js';
import { safeNext } from '../citizen/session.js';

interface Credentials {
  username: string;
  password: string;
}

/** Where an officer lands after signing in, by what their role may do, and the areas an interrupted visit may return to. */
function workplaceOf(session: Session): { home: string; areas: string[] } {
  const can = (permission: string) => hasPermission(session, permission);
  if (can('credentials.verify')) return { home: '/desk', areas: ['/desk'] };
  if (can('registry.read')) return { home: '/officer/people', areas: ['/officer', '/admin'] };
  if (can('lodging.oversee')) return { home: '/police', areas: ['/police'] };
  if (can('ioc.read')) return { home: '/ioc', areas: ['/ioc'] };
  if (can('sso.manage')) return { home: '/admin/sso-clients', areas: ['/officer', '/admin'] };
  if (can('credentials.manage')) return { home: '/admin/relying-parties', areas: ['/officer', '/admin'] };
  return { home: '/officer/people', areas: ['/officer', '/admin'] };
}

export function LoginPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; expired?: boolean };
  // `?next=` (a path on this site only, e.g. /sso/:uid of a single sign-on for officers) wins over `state.from`.
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Credentials) {
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(values.username.trim(), values.password);
      const { home, areas } = workplaceOf(s);
      const from = state.from && areas.some((a) => state.from!.startsWith(a)) ? state.from : home;
      void navigate(next ?? from, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-banner">
        <Brand />
      </div>
      <Card className="login-card" data-testid="login-card">
        <Typography.Title level={3} className="login-title">
          {messages.loginTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{messages.loginHint}</Typography.Paragraph>
        {state.expired && !error && <Alert className="login-alert" type="warning" showIcon title={messages.sessionExpired} />}
        {error && <Alert className="login-alert" type="error" showIcon title={error} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} size="large">
          <Form.Item name="username" label={messages.username} rules={[{ required: true, message: messages.usernameRequired }]}>
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={messages.password} rules={[{ required: true, message: messages.passwordRequired }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {messages.signIn}
          </Button>
        </Form>
        <div className="login-links">
          <Link to="/lodging/register" data-testid="link-lodging-register">
            {messages.lodgingRegisterLink}
          </Link>
        </div>
      </Card>
      <div className="login-footer">{messages.footer}</div>
    </div>
  );
}
