import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { placeFieldErrors } from '../lodging/fieldErrors.js';
import { messages, t } from '../messages.js';
import { useApi } from '../useApi.js';
import { inputToIso } from './dates.js';
import { DOSSIER_STATES, TRANSITIONS, type TransitionName } from './vocabulary.js';
import type { OfficerDossier } from './types.js';

type Fields = 'comment' | 'reason' | 'items' | 'officer' | 'unit' | 'amount' | 'extend';

/** Each officer change: its path under the dossier, what its dialog asks. */
const ACTIONS: Partial<Record<TransitionName, { path: string; fields: Fields; danger?: boolean; primary?: boolean }>> = {
  receive: { path: 'reception', fields: 'comment', primary: true },
  request_supplement: { path: 'supplement-request', fields: 'items' },
  reject: { path: 'rejection', fields: 'reason', danger: true },
  assign: { path: 'assignment', fields: 'officer' },
  start_processing: { path: 'processing', fields: 'comment', primary: true },
  transfer: { path: 'transfer', fields: 'unit' },
  request_payment: { path: 'payment-request', fields: 'amount' },
  record_payment: { path: 'payment', fields: 'comment' },
  approve: { path: 'approval', fields: 'comment', primary: true },
  refuse: { path: 'refusal', fields: 'reason', danger: true },
  return_result: { path: 'return', fields: 'comment', primary: true },
  extend: { path: 'extension', fields: 'extend' },
  stop: { path: 'stop', fields: 'reason', danger: true },
};

interface Values {
  comment?: string;
  items?: string;
  officerId?: number;
  unitCode?: string;
  amount?: number;
  newDueDate?: string;
  convictions?: 'none' | 'recorded';
  convictionText?: string;
}

/** A criminal-record request's approval carries the officer's search result: no conviction, or the convictions' text. */
function resultOf(v: Values): Record<string, unknown> {
  if (!v.convictions) return {};
  const text = v.convictionText?.trim();
  return { result: { convictions: v.convictions, ...(v.convictions === 'recorded' && text ? { text } : {}) } };
}

function CriminalRecordFields() {
  return (
    <>
      <Form.Item name="convictions" label={messages.dossierConvictions} rules={[{ required: true, message: messages.dossierConvictionsRequired }]}>
        <Radio.Group data-testid="action-convictions">
          <Radio value="none">{messages.dossierConvictionsNone}</Radio>
          <Radio value="recorded">{messages.dossierConvictionsRecorded}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.convictions !== b.convictions}>
        {({ getFieldValue }) =>
          getFieldValue('convictions') === 'recorded' && (
            <Form.Item
              name="convictionText"
              label={messages.dossierConvictionText}
              rules={[{ required: true, whitespace: true, message: messages.dossierConvictionTextRequired }]}
            >
              <Input.TextArea rows={4} maxLength={4000} data-testid="action-conviction-text" />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}

function bodyOf(fields: Fields, v: Values): Record<string, unknown> {
  const comment = v.comment?.trim();
  const c = comment ? { comment } : {};
  switch (fields) {
    case 'comment':
      return c;
    case 'reason':
      return { comment: comment ?? '' };
    case 'items':
      return { comment: comment ?? '', items: (v.items ?? '').split('\n').map((s) => s.trim()).filter(Boolean) };
    case 'officer':
      return { ...c, ...(v.officerId ? { officerId: v.officerId } : {}) };
    case 'unit':
      return { comment: comment ?? '', unitCode: (v.unitCode ?? '').trim() };
    case 'amount':
      return { ...c, ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}) };
    case 'extend':
      return { comment: comment ?? '', newDueDate: inputToIso(v.newDueDate ?? '') ?? (v.newDueDate ?? '') };
  }
}

/** A colleague of the same unit and agency (the API's list); empty: the officer themself. */
function AssigneeField() {
  const colleagues = useApi('/api/v1/services/officer/colleagues');
  return (
    <Form.Item name="officerId" label={messages.dossierAssignee}>
      <Select
        allowClear
        size="large"
        loading={colleagues.loading}
        options={(colleagues.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        data-testid="action-officer"
      />
    </Form.Item>
  );
}

function ActionFields({ fields, criminalRecord }: { fields: Fields; criminalRecord: boolean }) {
  const needReason = fields !== 'comment' && fields !== 'officer' && fields !== 'amount';
  return (
    <>
      {criminalRecord && <CriminalRecordFields />}
      {fields === 'items' && (
        <Form.Item name="items" label={messages.dossierItems} rules={[{ required: true, whitespace: true, message: messages.dossierItemsRequired }]}>
          <Input.TextArea rows={4} data-testid="action-items" />
        </Form.Item>
      )}
      {fields === 'officer' && <AssigneeField />}
      {fields === 'unit' && (
        <Form.Item name="unitCode" label={messages.dossierUnit} rules={[{ required: true, pattern: /^\d{2}(\d{3})?$/, message: messages.dossierUnitRequired }]}>
          <Input inputMode="numeric" data-testid="action-unit" />
        </Form.Item>
      )}
      {fields === 'amount' && (
        <Form.Item name="amount" label={messages.dossierAmount}>
          <InputNumber min={0} precision={0} className="svc-number" data-testid="action-amount" />
        </Form.Item>
      )}
      {fields === 'extend' && (
        <Form.Item
          name="newDueDate"
          label={messages.dossierNewDue}
          rules={[{ required: true, validator: (_, v: string | undefined) => (v && inputToIso(v) ? Promise.resolve() : Promise.reject(new Error(messages.servicesDateInvalid))) }]}
        >
          <Input placeholder={messages.servicesDatePlaceholder} data-testid="action-due" />
        </Form.Item>
      )}
      <Form.Item
        name="comment"
        label={fields === 'extend' ? messages.dossierApology : needReason ? messages.dossierReason : messages.dossierComment}
        rules={needReason ? [{ required: true, whitespace: true, message: messages.dossierReasonRequired }] : []}
      >
        <Input.TextArea rows={3} maxLength={fields === 'extend' ? 4000 : 2000} data-testid="action-comment" />
      </Form.Item>
    </>
  );
}

/** The changes the officer's permissions and the dossier's state allow (the API's `allowed`), each through a dialog with a comment. */
export function OfficerActions({ dossier, onDone }: { dossier: OfficerDossier; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<TransitionName | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const allowed = dossier.allowed.filter((a): a is TransitionName => a in ACTIONS);
  const action = open ? ACTIONS[open] : undefined;

  async function run(v: Values) {
    if (!open || !action) return;
    setBusy(true);
    try {
      // One route per change: the dialog knows its path; the body is checked by the route's schema.
      const path = `/api/v1/services/officer/dossiers/{id}/${action.path}` as '/api/v1/services/officer/dossiers/{id}/reception';
      const d = await ok(api.POST(path, { params: { path: { id: dossier.id } }, body: { ...bodyOf(action.fields, v), ...(open === 'approve' ? resultOf(v) : {}) } as never }));
      void message.success(t('dossierDone', { action: TRANSITIONS[open].label, state: DOSSIER_STATES[d.state].label }));
      setOpen(null);
      form.resetFields();
      onDone();
    } catch (err) {
      const { title, unplaced } = placeFieldErrors(form, err);
      void message.error([title, ...unplaced.map((e) => e.message)].join(' — '));
      if (!(err instanceof ApiError)) setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  if (!allowed.length) return <div className="muted">{messages.dossierNoActions}</div>;
  return (
    <>
      <div className="svc-actions" data-testid="officer-actions">
        {allowed.map((a) => (
          <Button key={a} type={ACTIONS[a]?.primary ? 'primary' : 'default'} danger={ACTIONS[a]?.danger} onClick={() => setOpen(a)} data-testid={`action-${a}`}>
            {TRANSITIONS[a].label}
          </Button>
        ))}
      </div>
      <Modal
        open={open !== null}
        title={open ? TRANSITIONS[open].label : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={messages.servicesConfirm}
        cancelText={messages.servicesCancel}
        okButtonProps={{ loading: busy, danger: action?.danger, 'data-testid': 'action-ok' }}
        destroyOnHidden
      >
        {action && (
          <Form form={form} layout="vertical" onFinish={(v) => void run(v)} preserve={false} data-testid="action-form">
            <ActionFields fields={action.fields} criminalRecord={open === 'approve' && dossier.approvalAsks === 'criminal_record'} />
          </Form>
        )}
      </Modal>
    </>
  );
}
