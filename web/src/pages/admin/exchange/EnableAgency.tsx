import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { api, ok } from '../../../api.js';
import type { Answer } from '../../../api.js';
import { messages, t } from '../../../messages.js';
import { errorText } from './shared.js';

type Agency = Answer<'/api/v1/exchange/agencies'>[number];

/** Administrator: lets a disabled agency connect again, with the reason (written to the audit log). */
export function EnableAgency({ agency, onClose, onEnabled }: { agency: Agency | null; onClose: () => void; onEnabled: (a: Agency) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!agency) return;
    setError(null);
    form.resetFields();
  }, [agency, form]);

  async function submit(v: { reason: string }) {
    if (!agency) return;
    setBusy(true);
    setError(null);
    try {
      onEnabled(await ok(api.POST('/api/v1/exchange/agencies/{id}/enable', { params: { path: { id: agency.id } }, body: { reason: v.reason } })));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={agency !== null} title={agency ? t('exAgencyEnableTitle', { name: agency.name }) : ''} okText={messages.exAgencyEnable} cancelText={messages.cancel}
      confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'agency-enable-confirm' }}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="agency-enable-error" />}
      <Typography.Paragraph type="secondary">{messages.exAgencyEnableHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={messages.exAgencyEnableReason} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="agency-enable-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
