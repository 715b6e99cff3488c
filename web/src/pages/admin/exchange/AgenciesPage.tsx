import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { api, ok } from '../../../api.js';
import { PageHeading } from '../../../components/PageHeading.js';
import { formatDateTime } from '../../../format.js';
import { messages, t } from '../../../messages.js';
import type { Answer } from '../../../api.js';
import { errorText } from './shared.js';
import { EnableAgency } from './EnableAgency.js';

type Agency = Answer<'/api/v1/exchange/agencies'>[number];
type Keys = Answer<'/api/v1/exchange/agencies/{id}/keys'>;
interface Values { name: string; legalBasis: string; jwks: string }

/** Parsed JSON, or undefined when the text is not JSON. */
function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Administrator: the agencies' systems connected to the data-sharing gateway (issue 17). Register one with its
 * legal basis and public keys (JWKS), rotate its keys (add a new one, retire the old one), disable it, enable it again with a reason.
 */
export default function AgenciesPage() {
  const { message } = App.useApp();
  const [list, setList] = useState<Agency[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [keysOf, setKeysOf] = useState<Agency | null>(null);
  const [enabling, setEnabling] = useState<Agency | null>(null);

  const load = useCallback(() => {
    ok(api.GET('/api/v1/exchange/agencies')).then((l) => {
      setList(l);
      setError(null);
    }, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  async function disable(a: Agency) {
    try {
      await ok(api.POST('/api/v1/exchange/agencies/{id}/disable', { params: { path: { id: a.id } } }));
      void message.success(t('exAgencyDisabledDone', { name: a.name }));
      load();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <div className="page" data-testid="exchange-agencies-page">
      <PageHeading
        title={messages.exAgenciesTitle}
        subtitle={messages.exAgenciesSubtitle}
        extra={<Button type="primary" onClick={() => setAdding(true)} data-testid="agency-add">{messages.exAgencyAdd}</Button>}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Agency>
        rowKey="id"
        loading={list === null && !error}
        dataSource={list ?? []}
        pagination={false}
        locale={{ emptyText: messages.exAgencyNone }}
        onRow={(a) => ({ 'data-testid': 'agency-row', 'data-id': a.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: messages.exAgencyName, dataIndex: 'name', key: 'name' },
          { title: messages.exAgencyLegalBasis, dataIndex: 'legalBasis', key: 'legalBasis' },
          { title: messages.exAgencyClientId, key: 'clientId', render: (_, a) => <span className="mono">{a.clientId}</span> },
          { title: messages.exAgencyCreated, key: 'created', render: (_, a) => formatDateTime(a.createdAt) },
          {
            title: messages.exAgencyStatus, key: 'active',
            render: (_, a) => <Tag color={a.active ? 'green' : 'default'} data-testid="agency-status">{a.active ? messages.exAgencyActive : messages.exAgencyDisabled}</Tag>,
          },
          {
            key: 'actions',
            render: (_, a) => (
              <span className="exchange-actions">
                <Button size="small" onClick={() => setKeysOf(a)} data-testid="agency-keys">{messages.exKeys}</Button>
                {a.active && (
                  <Popconfirm title={t('exAgencyDisableConfirm', { name: a.name })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => disable(a)}>
                    <Button size="small" danger data-testid="agency-disable">{messages.exAgencyDisable}</Button>
                  </Popconfirm>
                )}
                {!a.active && <Button size="small" onClick={() => setEnabling(a)} data-testid="agency-enable">{messages.exAgencyEnable}</Button>}
              </span>
            ),
          },
        ]}
      />
      <RegisterAgency open={adding} onClose={() => setAdding(false)} onRegistered={(a) => {
        setAdding(false);
        void message.success(t('exAgencyRegistered', { name: a.name, clientId: a.clientId }));
        load();
      }} />
      <AgencyKeys agency={keysOf} onClose={() => setKeysOf(null)} />
      <EnableAgency agency={enabling} onClose={() => setEnabling(null)} onEnabled={(a) => {
        setEnabling(null);
        void message.success(t('exAgencyEnabledDone', { name: a.name }));
        load();
      }} />
    </div>
  );
}

function RegisterAgency({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (a: Agency) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  async function submit(v: Values) {
    const jwks = json(v.jwks) as { keys: never[] } | undefined;
    if (!jwks || typeof jwks !== 'object') {
      setError(messages.exAgencyJwksInvalid);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRegistered(await ok(api.POST('/api/v1/exchange/agencies', { body: { name: v.name.trim(), legalBasis: v.legalBasis.trim(), jwks } })));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={messages.exAgencyAdd} okText={messages.exAgencyRegister} cancelText={messages.cancel} confirmLoading={busy} width={640}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'agency-register' }}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="agency-register-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={messages.exAgencyName} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input maxLength={200} placeholder={messages.exAgencyNamePlaceholder} data-testid="agency-name" />
        </Form.Item>
        <Form.Item name="legalBasis" label={messages.exAgencyLegalBasis} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input.TextArea maxLength={1000} autoSize placeholder={messages.exAgencyLegalBasisPlaceholder} data-testid="agency-legal-basis" />
        </Form.Item>
        <Form.Item name="jwks" label={messages.exAgencyJwks} extra={messages.exAgencyJwksHint} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
          <Input.TextArea rows={5} className="mono" data-testid="agency-jwks" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An agency's public keys: add a new one while the old stays valid, then retire the old one. */
function AgencyKeys({ agency, onClose }: { agency: Agency | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [keys, setKeys] = useState<Keys | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [jwk, setJwk] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setKeys(null);
    setError(null);
    setJwk('');
    if (!agency) return;
    ok(api.GET('/api/v1/exchange/agencies/{id}/keys', { params: { path: { id: agency.id } } })).then(setKeys, (err: unknown) => setError(errorText(err)));
  }, [agency]);

  async function add() {
    if (!agency) return;
    const parsed = json(jwk);
    if (!parsed || typeof parsed !== 'object') {
      setError(messages.exAgencyJwksInvalid);
      return;
    }
    setBusy(true);
    try {
      const next = await ok(api.POST('/api/v1/exchange/agencies/{id}/keys', { params: { path: { id: agency.id } }, body: { jwk: parsed as never } }));
      setKeys(next);
      setJwk('');
      setError(null);
      void message.success(t('exKeyAdded', { kid: String((parsed as { kid?: unknown }).kid) }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function retire(kid: string) {
    if (!agency) return;
    try {
      setKeys(await ok(api.POST('/api/v1/exchange/agencies/{id}/keys/{kid}/retire', { params: { path: { id: agency.id, kid } } })));
      setError(null);
      void message.success(t('exKeyRetired', { kid }));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Modal open={!!agency} title={agency ? t('exKeysTitle', { name: agency.name }) : ''} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{messages.exKeysHint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="agency-keys-error" />}
      {keys && (
        <>
          <Table
            rowKey={(k) => String(k.kid)}
            size="small"
            pagination={false}
            dataSource={keys.keys}
            columns={[
              { title: messages.exKeyKid, key: 'kid', render: (_, k) => <span className="mono" data-testid="agency-key-kid">{String(k.kid)}</span> },
              { title: messages.exKeyType, key: 'type', render: (_, k) => `${String(k.kty)} ${String(k.crv)}` },
              {
                key: 'retire',
                render: (_, k) => keys.keys.length > 1 && (
                  <Popconfirm title={t('exKeyRetireConfirm', { kid: String(k.kid) })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => retire(String(k.kid))}>
                    <Button size="small" danger data-testid="agency-key-retire">{messages.exKeyRetire}</Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Form layout="vertical" className="page-alert">
            <Form.Item label={messages.exKeyNew} extra={messages.exKeyNewHint}>
              <Input.TextArea rows={4} className="mono" value={jwk} onChange={(e) => setJwk(e.target.value)} data-testid="agency-key-new" />
            </Form.Item>
            <Button type="primary" loading={busy} disabled={!jwk.trim()} onClick={() => void add()} data-testid="agency-key-add">{messages.exKeyAdd}</Button>
          </Form>
        </>
      )}
      {!keys && !error && agency && <Typography.Text type="secondary">…</Typography.Text>}
    </Modal>
  );
}
