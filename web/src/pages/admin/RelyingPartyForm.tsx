import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { fieldLabel, IDENTITY_FIELDS } from '../../identity.js';
import { messages, relyingPartyTypeLabels } from '../../messages.js';
import type { IdentityField, RelyingParty, RelyingPartyCreated, RelyingPartyType } from '../../api/shapes.js';

interface Values {
  code: string;
  name: string;
  type: RelyingPartyType;
  purpose: string;
  allowedFields: IdentityField[];
  minLevel: 1 | 2;
  provinceCode: string;
  ratePerMinute?: number | null;
  withApiKey?: boolean;
  active: boolean;
}

const TYPE_OPTIONS = Object.entries(relyingPartyTypeLabels).map(([value, label]) => ({ value, label }));
const required = [{ required: true, whitespace: true, message: messages.fieldRequired }];

/** What both create and edit send (PUT takes no code, province or API key). */
function common(v: Values) {
  return {
    name: v.name.trim(),
    type: v.type,
    purpose: v.purpose.trim(),
    allowedFields: IDENTITY_FIELDS.filter((f) => v.allowedFields.includes(f)),
    minLevel: v.minLevel,
    ...(v.ratePerMinute ? { ratePerMinute: v.ratePerMinute } : {}),
  };
}

/**
 * Create (no `editing`) or edit a relying party in a modal. `onSaved` gets the answer: on create it
 * may carry the API key, shown once.
 */
export function RelyingPartyForm({
  open,
  editing,
  provinceCode,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: RelyingParty | null;
  provinceCode: string;
  onClose: () => void;
  onSaved: (saved: RelyingPartyCreated) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const saved = editing
        ? { relyingParty: await ok(api.PUT('/api/v1/relying-parties/{id}', { params: { path: { id: editing.id } }, body: { ...common(v), active: v.active } })), apiKey: null }
        : await ok(
            api.POST('/api/v1/relying-parties', {
              body: { ...common(v), code: v.code.trim(), provinceCode: v.provinceCode.trim(), withApiKey: !!v.withApiKey },
            }),
          );
      onSaved(saved);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  // The answer's type, fields and level are what the server accepted from this form.
  const initialValues: Partial<Values> = editing
    ? { ...editing, type: editing.type as RelyingPartyType, allowedFields: editing.allowedFields as IdentityField[], minLevel: editing.minLevel as Values['minLevel'] }
    : { type: 'hospital', minLevel: 1, allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex'], provinceCode, withApiKey: false, active: true };

  return (
    <Modal
      open={open}
      title={editing ? messages.rpEditTitle : messages.rpAdd}
      onCancel={onClose}
      okText={editing ? messages.rpSave : messages.rpCreate}
      cancelText={messages.cancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'rp-submit' }}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="rp-form-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} initialValues={initialValues} preserve={false}>
        {!editing && (
          <Form.Item
            name="code"
            label={messages.rpCode}
            extra={messages.rpCodeHint}
            rules={[...required, { pattern: /^\s*[a-z0-9][a-z0-9-]{1,62}\s*$/, message: messages.rpCodeFormat }]}
          >
            <Input maxLength={63} autoComplete="off" data-testid="rp-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label={messages.rpName} rules={required}>
          <Input maxLength={200} data-testid="rp-name" />
        </Form.Item>
        <Form.Item name="type" label={messages.rpType} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select options={TYPE_OPTIONS} data-testid="rp-type" virtual={false} />
        </Form.Item>
        <Form.Item name="purpose" label={messages.rpPurpose} extra={messages.rpPurposeHint} rules={required}>
          <Input maxLength={300} data-testid="rp-purpose" />
        </Form.Item>
        <Form.Item name="allowedFields" label={messages.rpAllowedFields} rules={[{ required: true, type: 'array', min: 1, message: messages.rpFieldsRequired }]}>
          <Checkbox.Group
            className="rp-fields"
            options={IDENTITY_FIELDS.map((f) => ({ value: f, label: <span data-testid={`rp-field-${f}`}>{fieldLabel(f)}</span> }))}
          />
        </Form.Item>
        <Form.Item name="minLevel" label={messages.rpMinLevel}>
          <Radio.Group>
            <Radio value={1}>1</Radio>
            <Radio value={2} data-testid="rp-level-2">
              2
            </Radio>
          </Radio.Group>
        </Form.Item>
        {!editing && (
          <Form.Item name="provinceCode" label={messages.rpProvince} rules={[{ required: true, pattern: /^\d{2}$/, message: messages.rpProvinceFormat }]}>
            <Input maxLength={2} inputMode="numeric" className="rp-province" />
          </Form.Item>
        )}
        <Form.Item name="ratePerMinute" label={messages.rpRate} extra={editing ? undefined : messages.rpRateHint}>
          <InputNumber min={1} max={100_000} precision={0} className="rp-rate" />
        </Form.Item>
        {editing ? (
          <Form.Item name="active" label={messages.rpStatus} extra={messages.rpDeactivateHint} valuePropName="checked">
            <Switch checkedChildren={messages.rpActive} unCheckedChildren={messages.rpInactive} data-testid="rp-active" />
          </Form.Item>
        ) : (
          <Form.Item name="withApiKey" valuePropName="checked">
            <Checkbox data-testid="rp-with-api-key">{messages.rpWithApiKey}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
