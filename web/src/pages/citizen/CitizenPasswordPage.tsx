import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { rules } from '../../citizen/forms.js';
import { citizenApi, citizenOk, useCitizenSession } from '../../citizen/session.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { messages } from '../../messages.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** "Đổi mật khẩu": the current password and a new one; the citizen's other sessions end, this one stays. */
export default function CitizenPasswordPage() {
  const session = useRequireCitizen('/citizen/password');
  const { refresh } = useCitizenSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      form.resetFields();
      setDone(true);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.status === 401) {
        void refresh().catch(() => undefined);
        return;
      }
      const fields = e?.errors.filter((f) => f.field === 'currentPassword' || f.field === 'newPassword') ?? [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      else setError(e && e.status !== 0 && e.status < 500 ? e.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  if (!session) return <CitizenLoading />;

  return (
    <CitizenShell extra={<BackToPortal />}>
      <Card className="citizen-card" data-testid="password-card">
        <Typography.Title level={3} className="citizen-title">
          {messages.changePasswordTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{messages.changePasswordHint}</Typography.Paragraph>
        {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="password-error" />}
        {done && <Alert className="citizen-alert" type="success" showIcon title={messages.changePasswordDone} data-testid="password-done" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} size="large">
          <Form.Item name="currentPassword" label={messages.currentPassword} rules={[{ required: true, message: messages.passwordRequired }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item name="newPassword" label={messages.newPassword} hasFeedback rules={rules.newPassword}>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={messages.newPasswordConfirm}
            dependencies={['newPassword']}
            hasFeedback
            rules={[
              { required: true, message: messages.passwordRequired },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error(messages.passwordMismatch)),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
            {messages.changePasswordSubmit}
          </Button>
        </Form>
      </Card>
    </CitizenShell>
  );
}
