import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { api, ok, type RequestBody } from '../../api.js';
import { CommuneSelect } from '../../components/CommuneSelect.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { FacilityFields, facilityBody, type FacilityValues } from '../../lodging/FacilityFields.js';
import type { Facility, StaffCreated } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import type { Session } from '../../api/shapes.js';
import { useCopy } from '../../components/useCopy.js';

/** The police register a facility of their area; it is approved at once. */
export function RegisterFacilityModal({ open, area, onClose, onSaved }: { open: boolean; area: Session['area']; onClose: () => void; onSaved: (f: Facility) => void }) {
  const [form] = Form.useForm<FacilityValues>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const submit = (v: FacilityValues) => run(async () => onSaved(await ok(api.POST('/api/v1/lodging/facilities', { body: facilityBody(v) }))));
  return (
    <Modal
      open={open}
      title={messages.facilityRegister}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={messages.rpCreate}
      cancelText={messages.cancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'facility-submit' }}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="facility-form-error" />}
      <Form<FacilityValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={busy}
        preserve={false}
        initialValues={{ kind: 'hotel', communeCode: area.level === 'commune' ? area.code : undefined }}
      >
        <FacilityFields
          commune={
            <Form.Item name="communeCode" label={messages.commune} rules={[{ required: true, message: messages.fieldRequired }]}>
              <CommuneSelect area={area} />
            </Form.Item>
          }
        />
      </Form>
    </Modal>
  );
}

interface StaffValues {
  username: string;
  fullName: string;
}

/** An account for a facility's staff; its first password is shown once. */
export function StaffModal({ facility, onClose }: { facility: Facility | null; onClose: () => void }) {
  const [form] = Form.useForm<StaffValues>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const [created, setCreated] = useState<StaffCreated | null>(null);
  const submit = (v: StaffValues) =>
    run(async () => {
      setCreated(await ok(api.POST('/api/v1/lodging/facilities/{id}/staff', { params: { path: { id: facility!.id } }, body: { username: v.username.trim(), fullName: v.fullName.trim() } })));
    });
  function close() {
    setCreated(null);
    onClose();
  }
  const copy = useCopy();
  return (
    <Modal
      open={!!facility}
      title={facility ? t('staffTitle', { name: facility.name }) : ''}
      onCancel={created ? undefined : close}
      closable={!created}
      maskClosable={false}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="staff-close">
            {messages.staffPasswordSaved}
          </Button>
        ) : (
          <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="staff-submit">
            {messages.rpCreate}
          </Button>
        )
      }
    >
      {created ? (
        <div data-testid="staff-created">
          <Alert type="warning" showIcon title={messages.staffPasswordOnce} className="page-alert" />
          <Typography.Paragraph>
            {messages.username}: <strong data-testid="staff-username">{created.username}</strong>
          </Typography.Paragraph>
          <Input.Password readOnly value={created.password} visibilityToggle className="mono" data-testid="staff-password" />
          <Button onClick={() => void copy(created.password)} className="rp-key-copy">
            {messages.ssoCopy}
          </Button>
        </div>
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="staff-error" />}
          <Form<StaffValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} preserve={false}>
            <Form.Item name="username" label={messages.username} extra={messages.usernameHint} rules={[{ required: true, message: messages.fieldRequired }, { pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: messages.usernameFormat }]}>
              <Input maxLength={40} autoComplete="off" data-testid="staff-username-input" />
            </Form.Item>
            <Form.Item name="fullName" label={messages.fullName} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
              <Input maxLength={200} data-testid="staff-full-name" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

export type Decision = RequestBody<'/api/v1/lodging/facilities/{id}/decision'>['decision'];

/** Approve, refuse or suspend a facility, with a note the facility will read. */
export function DecisionModal({ target, onClose, onDone }: { target: { facility: Facility; decision: Decision } | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const submit = (v: { note?: string }) =>
    run(async () => {
      await ok(
        api.POST('/api/v1/lodging/facilities/{id}/decision', {
          params: { path: { id: target!.facility.id } },
          body: { decision: target!.decision, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      );
      onDone();
    });
  const title = target ? t(target.decision === 'approved' ? 'decisionApproveTitle' : target.decision === 'rejected' ? 'decisionRejectTitle' : 'decisionSuspendTitle', { name: target.facility.name }) : '';
  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={messages.confirm}
      cancelText={messages.cancel}
      okButtonProps={{ danger: target?.decision !== 'approved', 'data-testid': 'decision-ok' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy} preserve={false}>
        <Form.Item name="note" label={messages.decisionNote} rules={target?.decision === 'approved' ? [] : [{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
