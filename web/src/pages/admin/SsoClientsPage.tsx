import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Radio, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { api, ApiError, ok, type RequestBody } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { figure, formatInstantDate, formatNumber } from '../../format.js';
import { messages, scopeLabels, t } from '../../messages.js';
import type { SsoClient, SsoClientCreated } from '../../api/shapes.js';
import { useCopy } from '../../components/useCopy.js';

const DAYS = 30;
/** Scopes an administrator may give a citizen client (ASSIGNABLE_SCOPES in src/modules/identity/oidc/policy.ts). */
const CITIZEN_SCOPES = ['profile', 'birthdate', 'gender', 'address', 'household'];

/** A scope as an administrator reads it: what it releases, with its code (which the service's developers request) in smaller type. */
function ScopeLabel({ scope }: { scope: string }) {
  return (
    <>
      {scopeLabels[scope] ?? scope} <span className="code-hint">{scope}</span>
    </>
  );
}

const vnDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The last 30 days (Asia/Ho_Chi_Minh), oldest first, as YYYY-MM-DD. */
function lastDays(): string[] {
  const now = Date.now();
  return Array.from({ length: DAYS }, (_, i) => vnDay.format(new Date(now - (DAYS - 1 - i) * 86_400_000)));
}

/** A compact bar chart of sign-ins per day, made of CSS bars. */
function SignInBars({ client, days }: { client: SsoClient; days: string[] }) {
  const counts = new Map(client.signIns.map((s) => [s.day, s.count]));
  const max = Math.max(1, ...client.signIns.map((s) => s.count));
  return (
    <div className="sso-bars" data-testid="sso-bars" aria-label={messages.ssoClientSignIns}>
      {days.map((day) => {
        const n = counts.get(day) ?? 0;
        return (
          <Tooltip key={day} title={t('ssoDayCount', { day: day.split('-').reverse().join('/'), n })}>
            <span className="sso-bar" style={{ height: `${n ? Math.max(8, (n / max) * 100) : 2}%` }} data-count={n} />
          </Tooltip>
        );
      })}
    </div>
  );
}

interface FormValues {
  name: string;
  audience: 'citizen' | 'officer';
  redirectUris: string;
  postLogoutRedirectUris?: string;
  scopes?: RequestBody<'/api/v1/sso/clients'>['scopes'];
  minLevel: 1 | 2;
  allowPersonalId?: boolean;
  public?: boolean;
}

const lines = (text: string | undefined) => (text ?? '').split(/\s+/).map((s) => s.trim()).filter(Boolean);

/** Administrator: relying parties, their sign-ins over 30 days, and registering a new one. */
export default function SsoClientsPage() {
  const [clients, setClients] = useState<SsoClient[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<(SsoClientCreated & { name: string }) | null>(null);
  const [form] = Form.useForm<FormValues>();
  const audience = Form.useWatch('audience', form) ?? 'citizen';
  const isPublic = Form.useWatch('public', form) ?? false;
  const days = useMemo(lastDays, [clients]);

  const load = useCallback(() => {
    ok(api.GET('/api/v1/sso/clients'))
      .then((list) => {
        setClients(list);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err.detail : messages.genericError));
  }, []);
  useEffect(load, [load]);

  async function submit(v: FormValues) {
    setBusy(true);
    setFormError(null);
    const officer = v.audience === 'officer';
    try {
      const r = await ok(api.POST('/api/v1/sso/clients', {
        body: {
          name: v.name.trim(),
          audience: v.audience,
          redirectUris: lines(v.redirectUris),
          ...(lines(v.postLogoutRedirectUris).length ? { postLogoutRedirectUris: lines(v.postLogoutRedirectUris) } : {}),
          scopes: officer ? ['officer'] : (v.scopes ?? []),
          minLevel: officer ? 1 : v.minLevel,
          allowPersonalId: !officer && !v.public && !!v.allowPersonalId,
          public: !!v.public,
        },
      }));
      setOpen(false);
      form.resetFields();
      setCreated({ ...r, name: v.name.trim() });
      load();
    } catch (err) {
      setFormError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  const copy = useCopy();

  const total = (clients ?? []).reduce((n, c) => n + c.totalSignIns, 0);

  return (
    <div className="page" data-testid="sso-clients-page">
      <PageHeading
        title={messages.ssoClientsTitle}
        subtitle={messages.ssoClientsSubtitle}
        extra={
          <Button type="primary" onClick={() => setOpen(true)} data-testid="sso-register">
            {messages.ssoRegister}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Space size="large" className="sso-totals">
        <Card size="small">
          <Statistic title={messages.ssoClientsCount} value={clients?.length ?? 0} formatter={figure} />
        </Card>
        <Card size="small">
          <Statistic title={messages.ssoSignInsTotal} value={total} formatter={figure} data-testid="sso-total" />
        </Card>
      </Space>
      <Table<SsoClient>
        rowKey="clientId"
        loading={clients === null && !error}
        dataSource={clients ?? []}
        pagination={false}
        locale={{ emptyText: messages.ssoNoClients }}
        scroll={{ x: 1100 }}
        onRow={(c) => ({ 'data-testid': 'sso-client-row', 'data-client-id': c.clientId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: messages.ssoClientName,
            key: 'name',
            render: (_, c) => (
              <>
                <div className="sso-client-name">{c.name}</div>
                <Typography.Text type="secondary" copyable={{ text: c.clientId }} className="sso-client-id">
                  {messages.ssoClientId}: <span className="code-hint">{c.clientId}</span>
                </Typography.Text>
              </>
            ),
          },
          {
            title: messages.ssoClientAudience,
            key: 'audience',
            render: (_, c) => (c.audience === 'officer' ? <Tag color="purple">{messages.ssoAudienceOfficer}</Tag> : <Tag color="blue">{messages.ssoAudienceCitizen}</Tag>),
          },
          { title: messages.ssoClientType, key: 'type', render: (_, c) => (c.public ? messages.ssoClientPublic : messages.ssoClientConfidential) },
          { title: messages.ssoClientScopes, key: 'scopes', render: (_, c) => c.scopes.map((s) => <Tag key={s}><ScopeLabel scope={s} /></Tag>) },
          { title: messages.ssoClientMinLevel, key: 'minLevel', render: (_, c) => (c.audience === 'officer' ? messages.none : c.minLevel) },
          { title: messages.ssoClientPersonalId, key: 'pid', render: (_, c) => (c.allowPersonalId ? messages.yes : messages.no) },
          { title: messages.ssoClientCreated, key: 'created', render: (_, c) => formatInstantDate(c.createdAt) },
          {
            title: messages.ssoClientSignIns,
            key: 'signIns',
            width: 260,
            render: (_, c) => (
              <div className="sso-stats">
                <SignInBars client={c} days={days} />
                <span className="sso-stats-total" data-testid="sso-client-total">{formatNumber(c.totalSignIns)}</span>
              </div>
            ),
          },
        ]}
      />

      <Modal
        open={open}
        title={messages.ssoRegister}
        onCancel={() => setOpen(false)}
        okText={messages.ssoSubmit}
        cancelText={messages.ssoCancel}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'sso-submit' }}
        width={640}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} className="page-alert" data-testid="sso-form-error" />}
        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          disabled={busy}
          initialValues={{ audience: 'citizen', minLevel: 1, scopes: ['profile'], public: false, allowPersonalId: false }}
        >
          <Form.Item name="name" label={messages.ssoClientName} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
            <Input maxLength={200} data-testid="sso-name" />
          </Form.Item>
          <Form.Item name="audience" label={messages.ssoClientAudience}>
            <Radio.Group data-testid="sso-audience">
              <Radio value="citizen">{messages.ssoAudienceCitizen}</Radio>
              <Radio value="officer" data-testid="sso-audience-officer">{messages.ssoAudienceOfficer}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="redirectUris" label={messages.ssoRedirectUris} rules={[{ required: true, whitespace: true, message: messages.fieldRequired }]}>
            <Input.TextArea rows={2} placeholder="https://dichvu.tinh.gov.vn/callback" data-testid="sso-redirect" />
          </Form.Item>
          <Form.Item name="postLogoutRedirectUris" label={messages.ssoPostLogoutUris}>
            <Input.TextArea rows={1} />
          </Form.Item>
          {audience === 'officer' ? (
            <Alert type="info" showIcon title={messages.ssoOfficerScopesNote} className="page-alert" />
          ) : (
            <>
              <Form.Item name="scopes" label={messages.ssoClientScopes} rules={[{ required: true, type: 'array', min: 1, message: messages.ssoScopesRequired }]}>
                <Checkbox.Group options={CITIZEN_SCOPES.map((s) => ({ label: <ScopeLabel scope={s} />, value: s }))} />
              </Form.Item>
              <Form.Item name="minLevel" label={messages.ssoClientMinLevel}>
                <Radio.Group>
                  <Radio value={1}>1</Radio>
                  <Radio value={2}>2</Radio>
                </Radio.Group>
              </Form.Item>
              {!isPublic && (
                <Form.Item name="allowPersonalId" valuePropName="checked">
                  <Checkbox>{messages.ssoAllowPersonalId}</Checkbox>
                </Form.Item>
              )}
            </>
          )}
          <Form.Item name="public" label={messages.ssoPublicClient} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!created}
        title={messages.ssoCreatedTitle}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="sso-created-close">
            {messages.ssoClose}
          </Button>
        }
      >
        {created && (
          <div data-testid="sso-created">
            <Typography.Paragraph strong>{created.name}</Typography.Paragraph>
            <Typography.Paragraph>
              {messages.ssoClientId} <span className="code-hint">client_id</span>:{' '}
              <Typography.Text code copyable data-testid="sso-created-id">{created.clientId}</Typography.Text>
            </Typography.Paragraph>
            {created.clientSecret ? (
              <>
                <Alert type="warning" showIcon title={messages.ssoSecretWarning} className="page-alert" data-testid="sso-secret-warning" />
                <Typography.Paragraph>
                  {messages.ssoClientSecret} <span className="code-hint">client_secret</span>:
                </Typography.Paragraph>
                <Space.Compact className="sso-secret">
                  <Input readOnly value={created.clientSecret} data-testid="sso-created-secret" />
                  <Button onClick={() => void copy(created.clientSecret!)} data-testid="sso-copy-secret">
                    {messages.ssoCopy}
                  </Button>
                </Space.Compact>
              </>
            ) : (
              <Alert type="info" showIcon title={messages.ssoNoSecret} />
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}
