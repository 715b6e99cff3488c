import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { Brand } from '../components/Brand.js';
import { useFormSubmit } from '../lodging/fieldErrors.js';
import { messages, t } from '../messages.js';
import { useSession } from '../session.js';
import { workplaceOf } from '../workplace.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Shown as the rule under the new password (the server's rule: at least 10 characters, without the username). */
const MIN_LENGTH = 10;

/**
 * Every officer and counter staff member changes their own password here; an account signed in with a
 * one-time password (given at creation or reset by the administrator) comes here first and nowhere else
 * until it has. The other sessions of the account end; this one stays.
 */
export default function PasswordPage() {
  const { session, refresh, signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { busy, error, submit } = useFormSubmit(form);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (session) return;
    refresh().catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setFailed(err instanceof ApiError ? err.detail : messages.genericError);
    });
  }, [session, refresh]);

  if (!session) return <div className="page-spin">{failed ?? <Spin size="large" description={messages.loading} />}</div>;
  const forced = session.mustChangePassword;

  async function change(v: Values) {
    await submit(async () => {
      const r = await ok(api.POST('/api/v1/session/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      const fresh = await refresh();
      void message.success(r.otherSessionsEnded ? t('passwordChangedOthers', { n: r.otherSessionsEnded }) : messages.passwordChanged);
      void navigate(fresh ? workplaceOf(fresh).home : '/login', { replace: true });
    });
  }

  async function leave() {
    if (forced) {
      await signOut().catch(() => undefined);
      void navigate('/login', { replace: true });
    } else {
      void navigate(-1);
    }
  }

  return (
    <div className="login-page">
      <div className="login-banner">
        <Brand />
      </div>
      <Card className="login-card" data-testid="password-page">
        <Typography.Title level={3} className="login-title">
          {forced ? messages.passwordFirstTitle : messages.passwordTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {session.fullName} · {session.username}
        </Typography.Paragraph>
        {forced && <Alert className="login-alert" type="warning" showIcon title={messages.passwordFirstHint} data-testid="password-forced" />}
        {error && <Alert className="login-alert" type="error" showIcon title={error} data-testid="password-error" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={change} disabled={busy} size="large">
          <Form.Item
            name="currentPassword"
            label={forced ? messages.passwordOneTime : messages.passwordCurrent}
            rules={[{ required: true, message: messages.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" autoFocus data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={messages.passwordNew}
            extra={t('passwordNewRule', { min: MIN_LENGTH })}
            rules={[
              { required: true, message: messages.passwordRequired },
              { min: MIN_LENGTH, message: messages.passwordNewTooShort },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={messages.passwordNewConfirm}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: messages.passwordRequired },
              ({ getFieldValue }) => ({
                validator: (_, value: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(messages.passwordNewMismatch))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
            {messages.passwordSubmit}
          </Button>
          <Button type="link" block onClick={() => void leave()} className="password-leave" data-testid="password-leave">
            {forced ? messages.signOut : messages.back}
          </Button>
        </Form>
      </Card>
      <div className="login-footer">{messages.footer}</div>
    </div>
  );
}
