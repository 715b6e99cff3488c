import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDateTime, formatInstantDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import type { AccountAction, OfficerAccount, OfficerOptions } from '../../api/shapes.js';
import { OfficerForm } from './OfficerForm.js';
import { OneTimePasswordModal, type OneTimePassword } from './OneTimePasswordModal.js';

const PAGE_SIZE = 20;
type Status = 'all' | 'active' | 'disabled';

/** The recent account actions of the province, from the audit log: who did what to whose account, when. */
function AccountActivity({ entries, loading }: { entries: AccountAction[]; loading: boolean }) {
  return (
    <Card size="small" title={messages.officerActivityTitle} className="officer-activity" data-testid="officer-activity">
      <Table<AccountAction>
        size="small"
        rowKey={(e, i) => `${e.at}-${e.account.id}-${i ?? 0}`}
        loading={loading}
        dataSource={entries}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: messages.officerActivityEmpty }}
        onRow={(e) => ({ 'data-testid': 'officer-activity-row', 'data-action': e.action }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: messages.accessAt, key: 'at', width: 150, render: (_, e) => <span className="nowrap">{formatDateTime(e.at)}</span> },
          { title: messages.officerActivityActor, key: 'actor', render: (_, e) => e.actor.name },
          { title: messages.accessAction, key: 'action', render: (_, e) => e.actionLabel },
          {
            title: messages.officerActivityAccount,
            key: 'account',
            render: (_, e) => (
              <>
                {e.account.fullName} <span className="code-hint">{e.account.username}</span>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * Administrator: the officer accounts of the province (officers and the staff of its relying parties):
 * create with a one-time password, disable, re-enable, reset the password; every action audited and
 * listed below.
 */
export default function OfficersPage() {
  const { message } = App.useApp();
  const { session } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ items: OfficerAccount[]; total: number } | null>(null);
  const [activity, setActivity] = useState<AccountAction[] | null>(null);
  const [options, setOptions] = useState<OfficerOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<OneTimePassword | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    ok(api.GET('/api/v1/officers/options'))
      .then(setOptions)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.detail : messages.genericError));
  }, []);

  useEffect(() => {
    const query = { q: q || undefined, status: status === 'all' ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    setList(null);
    Promise.all([ok(api.GET('/api/v1/officers', { params: { query } })), ok(api.GET('/api/v1/officers/activity', { params: { query: { limit: 30 } } }))])
      .then(([l, a]) => {
        setList(l);
        setActivity(a);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err.detail : messages.genericError));
  }, [q, status, page, tick]);

  async function act(account: OfficerAccount, what: 'disable' | 'enable' | 'password-reset') {
    try {
      const params = { params: { path: { id: account.id } } };
      if (what === 'password-reset') {
        const r = await ok(api.POST('/api/v1/officers/{id}/password-reset', params));
        setShown({ title: messages.officerResetDone, fullName: account.fullName, username: account.username, password: r.password });
      } else {
        await ok(what === 'disable' ? api.POST('/api/v1/officers/{id}/disable', params) : api.POST('/api/v1/officers/{id}/enable', params));
        void message.success(t(what === 'disable' ? 'officerDisabledDone' : 'officerEnabledDone', { username: account.username }));
      }
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  const self = session?.username;

  return (
    <div className="page" data-testid="officers-page">
      <PageHeading
        title={messages.officersTitle}
        subtitle={options ? t('officersSubtitle', { province: options.province.name }) : messages.officersSubtitleShort}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} disabled={!options} data-testid="officer-add">
            {messages.officerAdd}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Space wrap className="officer-filters">
        <Input.Search
          allowClear
          placeholder={messages.officerSearch}
          aria-label={messages.officerSearch}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 320 }}
          data-testid="officer-search"
        />
        <Segmented<Status>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: messages.officerStatusAll },
            { value: 'active', label: messages.officerStatusActive },
            { value: 'disabled', label: messages.officerStatusDisabled },
          ]}
        />
      </Space>
      <Table<OfficerAccount>
        rowKey="id"
        loading={list === null && !error}
        dataSource={list?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
        locale={{ emptyText: messages.officerNone }}
        scroll={{ x: 1100 }}
        onRow={(a) => ({ 'data-testid': 'officer-row', 'data-username': a.username }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: messages.officerFullName,
            key: 'name',
            width: 230,
            render: (_, a) => (
              <>
                <div className="sso-client-name">{a.fullName}</div>
                <span className="code-hint">{a.username}</span>
              </>
            ),
          },
          {
            title: messages.officerRole,
            key: 'role',
            width: 240,
            render: (_, a) => (
              <>
                <div>{a.roleLabel}</div>
                {a.relyingParty && <Typography.Text type="secondary">{a.relyingParty.name}</Typography.Text>}
              </>
            ),
          },
          { title: messages.area, key: 'area', width: 200, render: (_, a) => a.area.name },
          {
            title: messages.officerStatus,
            key: 'status',
            width: 180,
            render: (_, a) => (
              <Space orientation="vertical" size={2}>
                <Tag color={a.status === 'active' ? 'green' : 'default'} data-testid="officer-status" data-status={a.status}>
                  {a.status === 'active' ? messages.officerStatusActive : messages.officerStatusDisabled}
                </Tag>
                {a.mustChangePassword && (
                  <Tag color="gold" data-testid="officer-must-change">
                    {messages.officerMustChange}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: messages.officerCreated, key: 'created', width: 120, render: (_, a) => formatInstantDate(a.createdAt) },
          {
            key: 'actions',
            width: 200,
            render: (_, a) =>
              a.username === self ? (
                <Tooltip title={messages.officerSelfHint}>
                  <Typography.Text type="secondary">{messages.officerSelf}</Typography.Text>
                </Tooltip>
              ) : !a.administrable ? (
                <Tooltip title={messages.officerOperatorOnlyHint}>
                  <Typography.Text type="secondary" data-testid="officer-operator-only">
                    {messages.officerOperatorOnly}
                  </Typography.Text>
                </Tooltip>
              ) : (
                <Space wrap size={4}>
                  <Popconfirm
                    title={t('officerResetConfirm', { username: a.username })}
                    okText={messages.confirm}
                    cancelText={messages.cancel}
                    onConfirm={() => act(a, 'password-reset')}
                  >
                    <Button size="small" data-testid="officer-reset">
                      {messages.officerReset}
                    </Button>
                  </Popconfirm>
                  {a.status === 'active' ? (
                    <Popconfirm
                      title={t('officerDisableConfirm', { username: a.username })}
                      okText={messages.confirm}
                      cancelText={messages.cancel}
                      okButtonProps={{ danger: true, 'data-testid': 'officer-disable-confirm' }}
                      onConfirm={() => act(a, 'disable')}
                    >
                      <Button size="small" danger data-testid="officer-disable">
                        {messages.officerDisable}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => void act(a, 'enable')} data-testid="officer-enable">
                      {messages.officerEnable}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <AccountActivity entries={activity ?? []} loading={activity === null && !error} />
      {session && (
        <OfficerForm
          open={creating}
          options={options}
          area={session.area}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setShown({ title: messages.officerCreatedTitle, fullName: r.account.fullName, username: r.account.username, password: r.password });
            reload();
          }}
        />
      )}
      <OneTimePasswordModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
