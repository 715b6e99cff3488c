import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { api, ok } from '../api.js';
import { rules } from '../citizen/forms.js';
import { DeskShell } from '../desk/DeskShell.js';
import { useFormSubmit } from '../lodging/fieldErrors.js';
import { FacilityFields, facilityBody, type FacilityValues } from '../lodging/FacilityFields.js';
import { ProvinceCommuneFields } from '../lodging/ProvinceCommuneFields.js';
import type { Facility } from '../lodging/types.js';
import { messages } from '../messages.js';

interface Values extends FacilityValues {
  provinceCode: string;
  username: string;
  password: string;
  passwordConfirm: string;
}

/** A lodging facility applies on its own (public, phone-first); the commune police approve it, then its first account works. */
export default function FacilityRegisterPage() {
  const [form] = Form.useForm<Values>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const [done, setDone] = useState<Facility | null>(null);

  const submit = (v: Values) =>
    run(async () => {
      setDone(await ok(api.POST('/api/v1/lodging/facility-applications', { body: { ...facilityBody(v), username: v.username.trim(), password: v.password } }), { allow401: true }));
      window.scrollTo({ top: 0 });
    });

  return (
    <DeskShell appName={messages.lodgingRegisterAppName}>
      <div className="citizen-stack" data-testid="facility-register-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.lodgingRegisterTitle}
        </Typography.Title>
        {done ? (
          <Card className="citizen-card">
            <Result
              status="success"
              title={messages.lodgingRegisterDone}
              subTitle={`${done.name} — ${done.statusLabel}`}
              extra={
                <Link to="/login">
                  <Button type="primary">{messages.loginLink}</Button>
                </Link>
              }
              data-testid="facility-register-done"
            />
          </Card>
        ) : (
          <Card className="citizen-card">
            <Typography.Paragraph type="secondary">{messages.lodgingRegisterHint}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} className="citizen-alert" data-testid="facility-register-error" />}
            <Form<Values> form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit} disabled={busy} initialValues={{ kind: 'hotel' }} scrollToFirstError>
              <FacilityFields commune={<ProvinceCommuneFields />} />
              <Typography.Title level={5}>{messages.lodgingRegisterAccount}</Typography.Title>
              <Form.Item name="username" label={messages.username} extra={messages.usernameHint} rules={[{ required: true, message: messages.fieldRequired }, { pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: messages.usernameFormat }]}>
                <Input maxLength={40} autoComplete="username" autoCapitalize="none" data-testid="register-username" />
              </Form.Item>
              <Form.Item name="password" label={messages.password} rules={rules.newPassword}>
                <Input.Password autoComplete="new-password" data-testid="register-password" />
              </Form.Item>
              <Form.Item
                name="passwordConfirm"
                label={messages.passwordConfirm}
                dependencies={['password']}
                rules={[
                  { required: true, message: messages.fieldRequired },
                  ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(messages.passwordMismatch))) }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="register-password-confirm" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="register-submit">
                {messages.lodgingRegisterSubmit}
              </Button>
            </Form>
            <p className="citizen-switch">
              <Link to="/login">{messages.lodgingRegisterHaveAccount}</Link>
            </p>
          </Card>
        )}
      </div>
    </DeskShell>
  );
}
