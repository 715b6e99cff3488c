import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError } from '../api.js';
import { Brand } from '../components/Brand.js';
import { messages } from '../messages.js';
import { useSession } from '../session.js';
import { workplaceOf } from '../workplace.js';
import { safeNext } from '../citizen/session.js';

interface Credentials {
  username: string;
  password: string;
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
      // A one-time password is replaced first, wherever the officer was going.
      void navigate(s.mustChangePassword ? home : (next ?? from), { replace: true });
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
