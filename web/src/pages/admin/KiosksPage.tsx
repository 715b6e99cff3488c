import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useCopy } from '../../components/useCopy.js';
import { communes2025, unitDetail } from '../../ioc/units.js';
import { figure, formatDateTime } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import { foldVietnamese } from '../../text.js';
import type { Answer } from '../../api.js';

type Kiosk = Answer<'/api/v1/kiosks'>[number];
type Registered = Answer<'/api/v1/kiosks', 'post'>;
interface Values { name: string; unitCode: string; relyingPartyId: number }

const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : messages.genericError);

/**
 * Administrator: the province's self-service kiosks (issue 16, model 2). Register one (its device key shown
 * this once, for the technician who sets the kiosk up), see when each last called and how much it is used,
 * and stop one at once (its key opens nothing more, the citizen signed in there is signed out).
 */
export default function KiosksPage() {
  const { message } = App.useApp();
  const { session } = useSession();
  const [list, setList] = useState<Kiosk[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<Registered | null>(null);
  const [units, setUnits] = useState<Map<string, string>>(new Map());

  const load = useCallback(() => {
    ok(api.GET('/api/v1/kiosks')).then((l) => {
      setList(l);
      setError(null);
    }, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  const province = session?.area.code.slice(0, 2) ?? '';
  useEffect(() => {
    if (!province) return;
    Promise.all([unitDetail('2025', province).then((u) => [u], () => []), communes2025(province).catch(() => [])])
      .then(([own, communes]) => setUnits(new Map([...own, ...communes].map((u) => [u.code, u.fullName]))), () => undefined);
  }, [province]);

  async function disable(k: Kiosk) {
    try {
      await ok(api.POST('/api/v1/kiosks/{id}/disable', { params: { path: { id: k.id } } }));
      void message.success(t('kioskAdminDisabledDone', { name: k.name }));
      load();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <div className="page" data-testid="kiosks-page">
      <PageHeading
        title={messages.kioskAdminTitle}
        subtitle={messages.kioskAdminSubtitle}
        extra={<Button type="primary" onClick={() => setAdding(true)} data-testid="kiosk-add">{messages.kioskAdminAdd}</Button>}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Kiosk>
        rowKey="id"
        loading={list === null && !error}
        dataSource={list ?? []}
        pagination={false}
        locale={{ emptyText: messages.kioskAdminNone }}
        onRow={(k) => ({ 'data-testid': 'kiosk-row', 'data-id': k.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: messages.kioskAdminName, dataIndex: 'name', key: 'name' },
          { title: messages.kioskAdminUnit, key: 'unit', render: (_, k) => units.get(k.unitCode) ?? k.unitCode },
          {
            title: messages.kioskAdminStatus, key: 'active',
            render: (_, k) => <Tag color={k.active ? 'green' : 'default'} data-testid="kiosk-status" data-active={k.active}>{k.active ? messages.kioskAdminActive : messages.kioskAdminDisabled}</Tag>,
          },
          {
            title: messages.kioskAdminLastSeen, key: 'seen',
            render: (_, k) => <span data-testid="kiosk-last-seen">{k.lastSeenAt ? formatDateTime(k.lastSeenAt) : messages.kioskAdminNever}</span>,
          },
          {
            title: messages.kioskAdminUse, key: 'use',
            render: (_, k) => <span data-testid="kiosk-use">{t('kioskAdminUseValue', { tickets: figure(k.queueTickets), signIns: figure(k.signIns) })}</span>,
          },
          {
            key: 'actions',
            render: (_, k) => k.active && (
              <Popconfirm title={t('kioskAdminDisableConfirm', { name: k.name })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => disable(k)}>
                <Button size="small" danger data-testid="kiosk-disable">{messages.kioskAdminDisable}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <RegisterKiosk open={adding} units={units} onClose={() => setAdding(false)} onRegistered={(r) => {
        setAdding(false);
        setShown(r);
        load();
      }} />
      <DeviceKeyModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}

function RegisterKiosk({ open, units, onClose, onRegistered }: { open: boolean; units: Map<string, string>; onClose: () => void; onRegistered: (r: Registered) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [centres, setCentres] = useState<{ value: number; label: string }[]>([]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    ok(api.GET('/api/v1/relying-parties')).then((l) => setCentres(l.filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }))), (err: unknown) => setError(errorText(err)));
  }, [open, form]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      onRegistered(await ok(api.POST('/api/v1/kiosks', { body: { name: v.name.trim(), unitCode: v.unitCode, relyingPartyId: v.relyingPartyId } })));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const search = { filterOption: (input: string, option?: { label?: unknown }) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) };
  return (
    <Modal open={open} title={messages.kioskAdminAdd} okText={messages.kioskAdminRegister} cancelText={messages.cancel} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'kiosk-register' }}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="kiosk-register-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={messages.kioskAdminName} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input maxLength={120} placeholder={messages.kioskAdminNamePlaceholder} data-testid="kiosk-name" />
        </Form.Item>
        <Form.Item name="unitCode" label={messages.kioskAdminUnit} extra={messages.kioskAdminUnitHint} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select showSearch={search} options={[...units].map(([value, label]) => ({ value, label }))} data-testid="kiosk-unit" />
        </Form.Item>
        <Form.Item name="relyingPartyId" label={messages.kioskAdminCentre} extra={messages.kioskAdminCentreHint} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select showSearch={search} options={centres} data-testid="kiosk-centre-select" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The new kiosk's device key, shown this once with a copy button. */
function DeviceKeyModal({ shown, onClose }: { shown: Registered | null; onClose: () => void }) {
  const copy = useCopy();
  return (
    <Modal open={!!shown} title={messages.kioskAdminKeyTitle} closable={false} maskClosable={false} destroyOnHidden
      footer={<Button type="primary" onClick={onClose} data-testid="kiosk-key-close">{messages.rpApiKeyClose}</Button>}>
      {shown && (
        <div data-testid="kiosk-device-key">
          <Typography.Paragraph strong>{shown.device.name}</Typography.Paragraph>
          <Alert type="warning" showIcon title={messages.kioskAdminKeyWarning} className="page-alert" />
          <Input.TextArea readOnly value={shown.deviceKey} autoSize className="mono rp-key-value" data-testid="kiosk-device-key-value" />
          <Button onClick={() => void copy(shown.deviceKey)} className="rp-key-copy">{messages.ssoCopy}</Button>
        </div>
      )}
    </Modal>
  );
}
