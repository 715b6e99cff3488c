import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { ApiError, type RequestBody } from '../../api.js';
import { CitizenShell, OutboxLink } from '../../citizen/CitizenShell.js';
import { rules } from '../../citizen/forms.js';
import { citizenApi, citizenOk, safeNext, useCitizenSession } from '../../citizen/session.js';
import { passkeyErrorText, signInWithPasskey } from '../../citizen/passkey.js';
import { messages, t } from '../../messages.js';
import type { LoginChallenge } from '../../api/shapes.js';

interface Credentials {
  personalId: string;
  password: string;
}

type Method = RequestBody<'/api/v1/citizen/session/verify'>['method'];

const methodLabel: Record<Method, string> = { otp: messages.factorOtp, totp: messages.factorTotp, passkey: messages.factorPasskey };
const isMethod = (f: string): f is Method => f === 'otp' || f === 'totp' || f === 'passkey';

export default function CitizenLoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { signedIn } = useCitizenSession();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  /** Masked number the last text-message code went to (none yet when the app is the first factor). */
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [method, setMethod] = useState<Method>('otp');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submitPassword(v: Credentials) {
    setBusy(true);
    setError(null);
    try {
      const c = await citizenOk(citizenApi.POST('/api/v1/citizen/session', { body: { personalId: v.personalId.trim(), password: v.password } }));
      setChallenge(c);
      setSentTo(c.sentTo ?? null);
      setMethod(isMethod(c.next) ? c.next : 'otp');
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 && err.status !== 500 ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  /** Sends a text-message code for the challenge (first time when the app was proposed, or again). */
  async function sendCode() {
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const r = await citizenOk(citizenApi.POST('/api/v1/citizen/session/otp', { body: { challengeId: challenge.challengeId } }));
      setSentTo(r.sentTo);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(v: { code: string }) {
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const r = await citizenOk(citizenApi.POST('/api/v1/citizen/session/verify', { body: { challengeId: challenge.challengeId, method, code: v.code.trim() } }));
      await signedIn(r);
      void navigate(next ?? '/citizen', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
      // An expired or used-up challenge cannot be retried: start again from the password.
      if (err instanceof ApiError && (err.status === 404 || err.status === 410)) setChallenge(null);
    } finally {
      setBusy(false);
    }
  }

  /** The passkey: options for this challenge, the device signs, the server opens the session. */
  async function verifyWithPasskey() {
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      await signedIn(await signInWithPasskey(challenge.challengeId));
      void navigate(next ?? '/citizen', { replace: true });
    } catch (err) {
      setError(passkeyErrorText(err));
      if (err instanceof ApiError && (err.status === 404 || err.status === 410)) setChallenge(null);
    } finally {
      setBusy(false);
    }
  }

  const factors = (challenge?.factors ?? []).filter(isMethod);
  const factorSwitch = factors.length > 1 && (
    <Segmented<Method>
      block
      className="factor-switch"
      value={method}
      onChange={(m) => {
        setMethod(m);
        setError(null);
        if (m === 'otp' && !sentTo) void sendCode();
      }}
      options={factors.map((f) => ({ value: f, label: <span data-testid={`factor-${f}`}>{methodLabel[f]}</span> }))}
      data-testid="factor-switch"
    />
  );

  return (
    <CitizenShell>
      <Card className="citizen-card" data-testid="citizen-login-card">
        <Typography.Title level={3} className="citizen-title">
          {challenge ? messages.secondFactorTitle : messages.citizenLoginTitle}
        </Typography.Title>
        {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="citizen-login-error" />}

        {!challenge && (
          <>
            <Typography.Paragraph type="secondary">{messages.citizenLoginHint}</Typography.Paragraph>
            <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submitPassword} disabled={busy} size="large">
              <Form.Item name="personalId" label={messages.personalId} rules={rules.personalId}>
                <Input inputMode="numeric" maxLength={12} autoComplete="username" autoFocus data-testid="citizen-login-id" />
              </Form.Item>
              <Form.Item name="password" label={messages.password} rules={[{ required: true, message: messages.passwordRequired }]}>
                <Input.Password autoComplete="current-password" data-testid="citizen-login-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="citizen-login-submit">
                {messages.signIn}
              </Button>
            </Form>
            <div className="citizen-links">
              <Link to="/citizen/forgot-password" className="citizen-link" data-testid="to-forgot-password">
                {messages.forgotPasswordLink}
              </Link>
            </div>
          </>
        )}

        {challenge && method === 'passkey' && (
          <div data-testid="passkey-step">
            {factorSwitch}
            <Typography.Paragraph type="secondary" data-testid="factor-hint">
              {messages.passkeyHint}
            </Typography.Paragraph>
            <Button type="primary" size="large" block onClick={() => void verifyWithPasskey()} loading={busy} data-testid="passkey-signin">
              {messages.passkeyUse}
            </Button>
            <div className="citizen-links">
              <Button type="link" onClick={() => setChallenge(null)}>
                {messages.startOver}
              </Button>
            </div>
          </div>
        )}

        {challenge && method !== 'passkey' && (
          <Form<{ code: string }> key={method} layout="vertical" requiredMark={false} onFinish={submitCode} disabled={busy} size="large">
            {factorSwitch}
            <Typography.Paragraph type="secondary" data-testid="factor-hint">
              {method === 'totp' ? messages.totpHint : sentTo ? t('otpHintTo', { phone: sentTo }) : messages.otpHint}
            </Typography.Paragraph>
            <Form.Item name="code" label={methodLabel[method]} rules={rules.code}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus className="code-input" placeholder={messages.codePlaceholder} data-testid="citizen-login-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="citizen-login-verify">
              {messages.verify}
            </Button>
            <div className="citizen-links">
              <Button type="link" onClick={() => setChallenge(null)}>
                {messages.startOver}
              </Button>
              {method === 'otp' && (
                <Button type="link" onClick={() => void sendCode()} disabled={busy} data-testid="resend-code">
                  {messages.resendCode}
                </Button>
              )}
            </div>
            <div className="citizen-links">
              {method === 'otp' && <OutboxLink />}
            </div>
          </Form>
        )}
      </Card>
      <div className="citizen-switch">
        {messages.noAccount}{' '}
        <Link to={next ? `/citizen/register?next=${encodeURIComponent(next)}` : '/citizen/register'} data-testid="to-register">
          {messages.registerLink}
        </Link>
      </div>
    </CitizenShell>
  );
}
