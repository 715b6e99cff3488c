import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { api, ok, type RequestBody } from '../../api.js';
import { CommuneSelect } from '../../components/CommuneSelect.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { messages } from '../../messages.js';
import { foldVietnamese } from '../../text.js';
import type { OfficerCreated, OfficerOptions, Session } from '../../api/shapes.js';

type Body = RequestBody<'/api/v1/officers'>;

interface Values {
  role?: string;
  username: string;
  fullName: string;
  areaCode?: string;
  relyingPartyId?: number;
}

const AREA_LABEL = { commune: messages.officerAreaCommune, province: messages.officerAreaProvince, relying_party: messages.officerAreaRelyingParty } as const;

/**
 * Creates an account of the administrator's province: the role first, then what its level needs (a
 * commune, the province itself, or the relying party a counter's staff works for). The server gives
 * the one-time password.
 */
export function OfficerForm({ open, options, area, onClose, onCreated }: {
  open: boolean;
  options: OfficerOptions | null;
  area: Session['area'];
  onClose: () => void;
  onCreated: (r: OfficerCreated) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, submit } = useFormSubmit(form);
  const roleName = Form.useWatch('role', form);
  const role = options?.roles.find((r) => r.role === roleName);

  async function create(v: Values) {
    const body: Body = { username: v.username.trim(), fullName: v.fullName.trim(), role: v.role ?? '' };
    if (role?.area === 'commune' && v.areaCode) body.areaCode = v.areaCode;
    if (role?.area === 'province' && options) body.areaCode = options.province.code;
    if (role?.area === 'relying_party' && v.relyingPartyId) body.relyingPartyId = v.relyingPartyId;
    await submit(async () => {
      const r = await ok(api.POST('/api/v1/officers', { body }));
      form.resetFields();
      onCreated(r);
    });
  }

  function close() {
    setError(null);
    onClose();
  }

  return (
    <Modal
      open={open}
      title={messages.officerCreateTitle}
      onCancel={close}
      okText={messages.officerCreateSubmit}
      cancelText={messages.cancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'officer-submit' }}
      width={600}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="officer-form-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={create} disabled={busy}>
        <Form.Item name="role" label={messages.officerRole} rules={[{ required: true, message: messages.officerRoleRequired }]}>
          <Select
            data-testid="officer-role"
            // Every role is rendered (no virtual list): fifteen roles are few, and an option never moves under the pointer.
            virtual={false}
            placeholder={messages.officerRolePlaceholder}
            options={(options?.roles ?? []).map((r) => ({ value: r.role, label: r.label, title: r.label }))}
            onChange={() => form.setFieldsValue({ areaCode: undefined, relyingPartyId: undefined })}
          />
        </Form.Item>
        {role && (
          <Typography.Paragraph type="secondary" className="officer-area-hint">
            {AREA_LABEL[role.area]}
          </Typography.Paragraph>
        )}
        {role?.area === 'commune' && (
          <Form.Item name="areaCode" label={messages.officerAreaCommuneLabel} rules={[{ required: true, message: messages.officerAreaRequired }]}>
            <CommuneSelect area={area} />
          </Form.Item>
        )}
        {role?.area === 'province' && options && (
          <Form.Item label={messages.area}>
            <Input value={options.province.name} disabled data-testid="officer-province" />
          </Form.Item>
        )}
        {role?.area === 'relying_party' && (
          <Form.Item name="relyingPartyId" label={messages.officerRelyingParty} rules={[{ required: true, message: messages.officerRelyingPartyRequired }]}>
            <Select
              data-testid="officer-relying-party"
              placeholder={messages.officerRelyingPartyPlaceholder}
              showSearch={{ filterOption: (input, option) => foldVietnamese(String(option?.title ?? '')).includes(foldVietnamese(input)) }}
              notFoundContent={messages.officerNoRelyingParty}
              options={(options?.relyingParties ?? []).map((r) => ({
                value: r.id,
                title: `${r.name} ${r.typeLabel}`,
                label: (
                  <span>
                    {r.name} <span className="code-hint">{r.typeLabel}</span>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="fullName" label={messages.officerFullName} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input maxLength={100} autoComplete="off" data-testid="officer-full-name" />
        </Form.Item>
        <Form.Item
          name="username"
          label={messages.username}
          extra={messages.officerUsernameHint}
          rules={[
            { required: true, message: messages.usernameRequired },
            { pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: messages.officerUsernameHint },
          ]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="officer-username" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
