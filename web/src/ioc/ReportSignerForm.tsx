import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { api, ok } from '../api.js';
import { formatDateTime } from '../format.js';
import { useFormSubmit } from '../lodging/fieldErrors.js';
import { messages, t } from '../messages.js';
import type { ReportSettings, ReportSettingsBody } from './types.js';

const notBlank = { pattern: /\S/, message: messages.fieldRequired };

/**
 * Who signs the plan's monthly report (authority, title, name): loaded when the dialog opens, saved
 * with PUT (audited on the server), and printed in the signature block of the Word and PDF files.
 */
export function ReportSignerForm({ planId, open, onClose }: { planId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ReportSettingsBody>();
  const { message } = App.useApp();
  const { busy, error, setError, submit: run } = useFormSubmit(form);
  const [current, setCurrent] = useState<ReportSettings | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setError(null);
    ok(api.GET('/api/v1/plans/{id}/report-settings', { params: { path: { id: planId } } }))
      .then((settings) => {
        if (!live) return;
        setCurrent(settings);
        form.setFieldsValue({ signerAuthority: settings.signerAuthority, signerTitle: settings.signerTitle, signerName: settings.signerName });
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [open, planId, form, setError]);

  function submit(values: ReportSettingsBody) {
    return run(async () => {
      const saved = await ok(api.PUT('/api/v1/plans/{id}/report-settings', { params: { path: { id: planId } }, body: values }));
      setCurrent(saved);
      void message.success(messages.planSignerSaved);
      onClose();
    });
  }

  return (
    <Modal
      open={open}
      title={messages.planSignerTitle}
      onCancel={onClose}
      okText={messages.planSignerSave}
      cancelText={messages.cancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      forceRender
      data-testid="report-signer-modal"
    >
      <Typography.Paragraph type="secondary">{messages.planSignerHint}</Typography.Paragraph>
      {current && !current.signerName && <Alert className="page-alert" type="info" showIcon title={messages.planSignerUnset} data-testid="report-signer-unset" />}
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="report-signer-error" />}
      <Form<ReportSettingsBody> form={form} layout="vertical" disabled={busy} onFinish={submit} data-testid="report-signer-form">
        <Form.Item name="signerAuthority" label={messages.planSignerAuthority} extra={messages.planSignerAuthorityHint} rules={[{ required: true, message: messages.fieldRequired }, notBlank]}>
          <Input maxLength={120} data-testid="report-signer-authority" />
        </Form.Item>
        <Form.Item name="signerTitle" label={messages.planSignerRole} extra={messages.planSignerRoleHint} rules={[{ required: true, message: messages.fieldRequired }, notBlank]}>
          <Input maxLength={120} data-testid="report-signer-title" />
        </Form.Item>
        <Form.Item name="signerName" label={messages.planSignerName} rules={[{ required: true, message: messages.fieldRequired }, notBlank]}>
          <Input maxLength={120} autoComplete="off" data-testid="report-signer-name" />
        </Form.Item>
      </Form>
      {current?.updatedAt && current.updatedBy && (
        <Typography.Text type="secondary" data-testid="report-signer-updated">
          {t('planSignerUpdated', { by: current.updatedBy, at: formatDateTime(current.updatedAt) })}
        </Typography.Text>
      )}
    </Modal>
  );
}
