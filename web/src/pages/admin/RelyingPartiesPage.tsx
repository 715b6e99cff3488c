import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { figure, formatDateTime } from '../../format.js';
import { fieldLabel } from '../../identity.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import type { RelyingParty, RelyingPartyCreated, RelyingPartyWithStats } from '../../api/shapes.js';
import { ApiKeyModal } from './ApiKeyModal.js';
import { RelyingPartyForm } from './RelyingPartyForm.js';

/** Administrator: relying parties (hospitals, lodgings, notaries…), what each may see, their use; add, edit, API keys. */
export default function RelyingPartiesPage() {
  const { message } = App.useApp();
  const { session } = useSession();
  const [list, setList] = useState<RelyingPartyWithStats[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ open: boolean; rp: RelyingParty | null }>({ open: false, rp: null });
  const [key, setKey] = useState<{ name: string; apiKey: string; title?: string } | null>(null);

  const load = useCallback(() => {
    ok(api.GET('/api/v1/relying-parties'))
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err.detail : messages.genericError));
  }, []);
  useEffect(load, [load]);

  function saved(r: RelyingPartyCreated) {
    const created = !editing.rp;
    setEditing((e) => ({ ...e, open: false }));
    if (r.apiKey) setKey({ name: r.relyingParty.name, apiKey: r.apiKey, title: messages.rpCreatedTitle });
    else void message.success(created ? messages.rpCreatedTitle : messages.rpSaved);
    load();
  }

  async function newKey(rp: RelyingParty) {
    try {
      const r = await ok(api.POST('/api/v1/relying-parties/{id}/api-key', { params: { path: { id: rp.id } } }));
      setKey({ name: rp.name, apiKey: r.apiKey });
      load();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  const total = (list ?? []).reduce((n, r) => n + r.verifications, 0);
  const province = session?.area.code.slice(0, 2) ?? '';

  return (
    <div className="page" data-testid="relying-parties-page">
      <PageHeading
        title={messages.rpTitle}
        subtitle={messages.rpSubtitle}
        extra={
          <Button type="primary" onClick={() => setEditing({ open: true, rp: null })} data-testid="rp-add">
            {messages.rpAdd}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Space size="large">
        <Card size="small">
          <Statistic title={messages.rpCount} value={list?.length ?? 0} formatter={figure} />
        </Card>
        <Card size="small">
          <Statistic title={messages.rpVerificationsTotal} value={total} formatter={figure} data-testid="rp-total" />
        </Card>
      </Space>
      <Table<RelyingPartyWithStats>
        rowKey="id"
        loading={list === null && !error}
        dataSource={list ?? []}
        pagination={false}
        locale={{ emptyText: messages.rpNone }}
        scroll={{ x: 1150 }}
        onRow={(r) => ({ 'data-testid': 'rp-row', 'data-code': r.code }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: messages.rpName,
            key: 'name',
            width: 220,
            render: (_, r) => (
              <>
                <div className="sso-client-name">{r.name}</div>
                <Typography.Text type="secondary" className="sso-client-id">
                  {r.code} · {r.typeLabel}
                </Typography.Text>
              </>
            ),
          },
          { title: messages.rpPurpose, dataIndex: 'purpose', key: 'purpose', width: 200 },
          {
            title: messages.rpAllowedFields,
            key: 'fields',
            width: 240,
            render: (_, r) => r.allowedFields.map((f) => <Tag key={f}>{fieldLabel(f)}</Tag>),
          },
          { title: messages.rpMinLevelShort, key: 'level', width: 90, render: (_, r) => t('levelValue', { level: r.minLevel }) },
          {
            title: messages.rpStatus,
            key: 'active',
            width: 150,
            render: (_, r) => (
              <>
                <Tag color={r.active ? 'green' : 'default'} data-testid="rp-status" data-active={r.active}>
                  {r.active ? messages.rpActive : messages.rpInactive}
                </Tag>
                <Typography.Text type="secondary" className="sso-client-id rp-key-state">
                  {messages.rpApiKey}: {r.hasApiKey ? messages.rpHasApiKey : messages.rpNoApiKey}
                </Typography.Text>
              </>
            ),
          },
          {
            title: messages.rpCounts,
            key: 'counts',
            width: 160,
            render: (_, r) => (
              <>
                <div data-testid="rp-counts">{t('rpCountsValue', { total: r.verifications, valid: r.valid })}</div>
                <Typography.Text type="secondary" className="sso-client-id">
                  {messages.rpLastVerification}: {r.lastVerificationAt ? formatDateTime(r.lastVerificationAt) : messages.rpNever}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'actions',
            width: 150,
            render: (_, r) => (
              <Space orientation="vertical" size={4}>
                <Button size="small" onClick={() => setEditing({ open: true, rp: r })} data-testid="rp-edit">
                  {messages.rpEdit}
                </Button>
                <Popconfirm title={t('rpNewApiKeyConfirm', { name: r.name })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => newKey(r)}>
                  <Button size="small" data-testid="rp-new-key">
                    {messages.rpNewApiKey}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RelyingPartyForm
        open={editing.open}
        editing={editing.rp}
        provinceCode={province}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
        onSaved={saved}
      />
      <ApiKeyModal shown={key} onClose={() => setKey(null)} />
    </div>
  );
}
