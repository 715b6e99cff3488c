import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Steps, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { CitizenShell, OutboxLink } from '../../citizen/CitizenShell.js';
import { parseVnDate, rules } from '../../citizen/forms.js';
import { citizenApi, citizenOk, safeNext, useCitizenSession } from '../../citizen/session.js';
import { messages, t } from '../../messages.js';
import type { RegistrationStarted } from '../../api/shapes.js';

interface InfoValues {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  phone: string;
}

interface PasswordValues {
  password: string;
  confirm: string;
}

type Step = 0 | 1 | 2;

export default function CitizenRegisterPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { signedIn } = useCitizenSession();
  const [step, setStep] = useState<Step>(0);
  const [registration, setRegistration] = useState<(RegistrationStarted & { personalId: string }) | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submitInfo(v: InfoValues) {
    setBusy(true);
    setError(null);
    try {
      const r = await citizenOk(citizenApi.POST('/api/v1/citizen/registrations', {
        body: {
          personalId: v.personalId.trim(),
          fullName: v.fullName.trim().replace(/\s+/g, ' '),
          // rules.date has checked it; were it unreadable, the server's field error says so.
          dateOfBirth: parseVnDate(v.dateOfBirth) ?? v.dateOfBirth,
          phone: v.phone.trim(),
        },
      }));
      setRegistration({ ...r, personalId: v.personalId.trim() });
      setCode('');
      setStep(1);
    } catch (err) {
      // Field problems are the citizen's to fix; a mismatch (422) is one generic refusal for every cause.
      setError(err instanceof ApiError && [400, 429].includes(err.status) ? err.detail : messages.registerRefused);
    } finally {
      setBusy(false);
    }
  }

  async function submitPassword(v: PasswordValues) {
    if (!registration) return;
    setBusy(true);
    setError(null);
    try {
      const r = await citizenOk(
        citizenApi.POST('/api/v1/citizen/registrations/{id}/confirm', { params: { path: { id: registration.registrationId } }, body: { code, password: v.password } }),
      );
      await signedIn(r);
      setDone(true);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.errors.some((f) => f.field.includes('password'))) {
        setError(e.detail); // stay on the password step
      } else if (e?.code === 'OTP_INVALID') {
        setError(e.title);
        setStep(1);
      } else if (e?.code === 'OTP_EXPIRED') {
        setError(e.title);
        setRegistration(null);
        setStep(0);
      } else {
        // Anything else (the account appeared meanwhile, …): the same generic refusal.
        setError(e && e.status === 429 ? e.title : messages.registerRefused);
      }
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
            title={messages.registerDone}
            subTitle={messages.level1Explain}
            data-testid="register-done"
            extra={
              <Button type="primary" size="large" block onClick={() => void navigate(next ?? '/citizen', { replace: true })} data-testid="register-continue">
                {messages.continue}
              </Button>
            }
          />
        </Card>
      </CitizenShell>
    );
  }

  return (
    <CitizenShell>
      <Card className="citizen-card" data-testid="register-card">
        <Typography.Title level={3} className="citizen-title">
          {messages.registerTitle}
        </Typography.Title>
        <Steps
          size="small"
          current={step}
          className="citizen-steps"
          responsive={false}
          items={[{ title: messages.stepInfo }, { title: messages.stepCode }, { title: messages.stepPassword }]}
        />
        {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="register-error" />}

        {step === 0 && (
          <>
            <Typography.Paragraph type="secondary">{messages.registerHint}</Typography.Paragraph>
            <Form<InfoValues> layout="vertical" requiredMark={false} onFinish={submitInfo} disabled={busy} size="large">
              <Form.Item name="personalId" label={messages.personalId} rules={rules.personalId}>
                <Input inputMode="numeric" maxLength={12} placeholder={messages.personalIdPlaceholder} autoComplete="off" data-testid="reg-personal-id" />
              </Form.Item>
              <Form.Item name="fullName" label={messages.fullName} rules={rules.required}>
                <Input placeholder={messages.fullNamePlaceholder} autoComplete="name" data-testid="reg-full-name" />
              </Form.Item>
              <Form.Item name="dateOfBirth" label={messages.dateOfBirthDateOnly} rules={rules.date}>
                <Input placeholder={messages.dateOfBirthPlaceholder} autoComplete="bday" data-testid="reg-dob" />
              </Form.Item>
              <Form.Item name="phone" label={messages.phone} rules={rules.phone}>
                <Input type="tel" inputMode="tel" maxLength={10} placeholder={messages.phonePlaceholder} autoComplete="tel" data-testid="reg-phone" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="reg-submit-info">
                {messages.continue}
              </Button>
            </Form>
          </>
        )}

        {step === 1 && (
          <Form<{ code: string }>
            layout="vertical"
            requiredMark={false}
            size="large"
            initialValues={{ code }}
            onFinish={(v) => {
              setCode(v.code.trim());
              setError(null);
              setStep(2);
            }}
          >
            <Alert
              className="citizen-alert"
              type="info"
              showIcon
              data-testid="reg-code-sent"
              title={
                registration?.sentTo
                  ? t('codeSentTo', { phone: registration.sentTo, minutes: Math.round((registration.expiresInSeconds ?? 300) / 60) })
                  : messages.codeSent
              }
            />
            <Form.Item name="code" label={messages.smsCode} rules={rules.code}>
              <Input inputMode="numeric" maxLength={6} placeholder={messages.codePlaceholder} autoComplete="one-time-code" className="code-input" data-testid="reg-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block data-testid="reg-submit-code">
              {messages.continue}
            </Button>
            <div className="citizen-links">
              <Button type="link" onClick={() => setStep(0)}>
                {messages.back}
              </Button>
              <OutboxLink />
            </div>
          </Form>
        )}

        {step === 2 && (
          <Form<PasswordValues> layout="vertical" requiredMark={false} onFinish={submitPassword} disabled={busy} size="large">
            <Typography.Paragraph type="secondary">{messages.choosePassword}</Typography.Paragraph>
            <Form.Item
              name="password"
              label={messages.password}
              hasFeedback
              rules={[
                ...rules.newPassword,
                {
                  validator: (_, v: string | undefined) =>
                    v && registration && v.replace(/\D/g, '').includes(registration.personalId)
                      ? Promise.reject(new Error(messages.passwordNoId))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="reg-password" />
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
                    !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(messages.passwordMismatch)),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="reg-password-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="reg-submit-password">
              {messages.createAccount}
            </Button>
            <div className="citizen-links">
              <Button type="link" onClick={() => setStep(1)} disabled={busy}>
                {messages.back}
              </Button>
            </div>
          </Form>
        )}
      </Card>
      <div className="citizen-switch">
        {messages.haveAccount}{' '}
        <Link to={next ? `/citizen/login?next=${encodeURIComponent(next)}` : '/citizen/login'}>{messages.loginLink}</Link>
      </div>
    </CitizenShell>
  );
}
