import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Steps, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { CitizenShell, OutboxLink } from '../../citizen/CitizenShell.js';
import { rules } from '../../citizen/forms.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { messages, t } from '../../messages.js';
import type { PasswordResetStarted } from '../../api/shapes.js';

interface RequestValues {
  personalId: string;
  phone: string;
}

interface ResetValues {
  code: string;
  password: string;
  confirm: string;
}

/**
 * "Quên mật khẩu": personal ID + registered phone → a code by text message → a new password. The
 * server answers the first step alike whether anything matched; so does this page.
 */
export default function CitizenForgotPasswordPage() {
  const [reset, setReset] = useState<(PasswordResetStarted & { personalId: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function request(v: RequestValues) {
    setBusy(true);
    setError(null);
    try {
      const r = await citizenOk(citizenApi.POST('/api/v1/citizen/password-resets', { body: { personalId: v.personalId.trim(), phone: v.phone.trim() } }));
      setReset({ ...r, personalId: v.personalId.trim() });
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 && err.status < 500 ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  async function submit(v: ResetValues) {
    if (!reset) return;
    setBusy(true);
    setError(null);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/password-resets/{id}/confirm', {
        params: { path: { id: reset.resetId } },
        body: { code: v.code.trim(), password: v.password },
      }));
      setDone(true);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setError(e && e.status !== 0 && e.status < 500 ? e.detail : messages.genericError);
      // A used-up or expired request cannot be retried: start again.
      if (e?.code === 'OTP_EXPIRED') setReset(null);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <CitizenShell>
        <Card className="citizen-card">
          <Result
            status="success"
            title={messages.forgotDone}
            subTitle={messages.forgotDoneHint}
            data-testid="forgot-done"
            extra={
              <Link to="/citizen/login" replace>
                <Button type="primary" size="large" block data-testid="forgot-to-login">
                  {messages.forgotToLogin}
                </Button>
              </Link>
            }
          />
        </Card>
      </CitizenShell>
    );
  }

  return (
    <CitizenShell>
      <Card className="citizen-card" data-testid="forgot-card">
        <Typography.Title level={3} className="citizen-title">
          {messages.forgotTitle}
        </Typography.Title>
        <Steps
          size="small"
          current={reset ? 1 : 0}
          className="citizen-steps"
          responsive={false}
          items={[{ title: messages.stepInfo }, { title: messages.stepPassword }]}
        />
        {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="forgot-error" />}

        {!reset && (
          <>
            <Typography.Paragraph type="secondary">{messages.forgotHint}</Typography.Paragraph>
            <Form<RequestValues> layout="vertical" requiredMark={false} onFinish={request} disabled={busy} size="large">
              <Form.Item name="personalId" label={messages.personalId} rules={rules.personalId}>
                <Input inputMode="numeric" maxLength={12} placeholder={messages.personalIdPlaceholder} autoComplete="username" autoFocus data-testid="forgot-personal-id" />
              </Form.Item>
              <Form.Item name="phone" label={messages.phone} rules={rules.phone}>
                <Input type="tel" inputMode="tel" maxLength={10} placeholder={messages.phonePlaceholder} autoComplete="tel" data-testid="forgot-phone" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="forgot-send">
                {messages.forgotSend}
              </Button>
            </Form>
          </>
        )}

        {reset && (
          <Form<ResetValues> layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} size="large">
            <Alert
              className="citizen-alert"
              type="info"
              showIcon
              data-testid="forgot-code-sent"
              title={t('forgotCodeSent', { phone: reset.sentTo, minutes: Math.round(reset.expiresInSeconds / 60) })}
            />
            <Form.Item name="code" label={messages.smsCode} rules={rules.code}>
              <Input inputMode="numeric" maxLength={6} placeholder={messages.codePlaceholder} autoComplete="one-time-code" className="code-input" data-testid="forgot-code" />
            </Form.Item>
            <Form.Item
              name="password"
              label={messages.forgotNewPassword}
              hasFeedback
              rules={[
                ...rules.newPassword,
                {
                  validator: (_, v: string | undefined) =>
                    v && v.replace(/\D/g, '').includes(reset.personalId) ? Promise.reject(new Error(messages.passwordNoId)) : Promise.resolve(),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="forgot-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={messages.passwordConfirm}
              dependencies={['password']}
              hasFeedback
              rules={[
                { required: true, message: messages.passwordRequired },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    !v || getFieldValue('password') === v ? Promise.resolve() : Promise.reject(new Error(messages.passwordMismatch)),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="forgot-password-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="forgot-submit">
              {messages.forgotSubmit}
            </Button>
            <div className="citizen-links">
              <Button type="link" onClick={() => setReset(null)}>
                {messages.back}
              </Button>
              <OutboxLink />
            </div>
          </Form>
        )}
      </Card>
      <div className="citizen-switch">
        <Link to="/citizen/login" data-testid="forgot-back-to-login">
          {messages.backToLogin}
        </Link>
      </div>
    </CitizenShell>
  );
}
