import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ok } from '../api.js';
import { DATE_FORMAT, WIRE_DATE } from '../format.js';
import { messages, t } from '../messages.js';
import { useFormSubmit } from './fieldErrors.js';
import type { Stay } from './types.js';

interface EditValues {
  room?: string;
  expectedDeparture?: Dayjs | null;
}

/** The facility corrects a guest's room and expected departure; the police see the old and the new values. */
export function EditStayModal({ stay, onClose, onSaved }: { stay: Stay | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const submit = (v: EditValues) =>
    run(async () => {
      await ok(
        api.PATCH('/api/v1/desk/stays/{id}', {
          params: { path: { id: stay!.id } },
          body: { room: v.room?.trim() || null, expectedDeparture: v.expectedDeparture ? v.expectedDeparture.format(WIRE_DATE) : null },
        }),
      );
      void message.success(t('stayEdited', { name: stay!.fullName }));
      onSaved();
    });
  return (
    <Modal
      open={stay !== null}
      title={messages.stayEditTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={messages.stayEditSubmit}
      cancelText={messages.cancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'stay-edit-submit' }}
      destroyOnHidden
    >
      {stay && <Typography.Paragraph strong>{stay.fullName}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="stay-edit-error" />}
      <Form<EditValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={busy}
        preserve={false}
        initialValues={{ room: stay?.room ?? '', expectedDeparture: stay?.expectedDeparture ? dayjs(stay.expectedDeparture) : null }}
      >
        <Form.Item name="room" label={messages.stayRoom}>
          <Input maxLength={50} data-testid="stay-edit-room" />
        </Form.Item>
        <Form.Item name="expectedDeparture" label={messages.stayExpectedDeparture} extra={messages.stayDateOnly}>
          <DatePicker format={DATE_FORMAT} className="full-width" data-testid="stay-edit-departure" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The facility cancels a declaration (declared by mistake, the guest never stayed), with a reason the police see. */
export function CancelStayModal({ stay, onClose, onSaved }: { stay: Stay | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const submit = (v: { reason: string }) =>
    run(async () => {
      await ok(api.POST('/api/v1/desk/stays/{id}/cancellation', { params: { path: { id: stay!.id } }, body: { reason: v.reason.trim() } }));
      void message.success(t('stayCancelDone', { name: stay!.fullName }));
      onSaved();
    });
  return (
    <Modal
      open={stay !== null}
      title={messages.stayCancelTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={messages.stayCancelSubmit}
      okButtonProps={{ danger: true, 'data-testid': 'stay-cancel-submit' }}
      cancelText={messages.stayCancelKeep}
      confirmLoading={busy}
      destroyOnHidden
    >
      {stay && <Typography.Paragraph strong>{stay.fullName}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{messages.stayCancelHint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="stay-cancel-error" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} preserve={false}>
        <Form.Item name="reason" label={messages.stayCancelReasonLabel} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input.TextArea rows={3} maxLength={300} data-testid="stay-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
