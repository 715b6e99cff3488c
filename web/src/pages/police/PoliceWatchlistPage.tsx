import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { parseVnDate, rules } from '../../citizen/forms.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate, formatDateTime } from '../../format.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { WATCHLIST_KINDS, type WatchlistKind } from '../../lodging/kinds.js';
import type { WatchlistEntry, WatchlistInput } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';

const PAGE_SIZE = 50;

interface Values {
  kind: WatchlistKind;
  fullName: string;
  personalId?: string;
  dateOfBirth?: string;
  birthYear?: number | null;
  sex?: 'Nam' | 'Nữ';
  note?: string;
}

function bodyOf(v: Values): WatchlistInput {
  return {
    kind: v.kind,
    fullName: v.fullName.trim(),
    ...(v.personalId?.trim() ? { personalId: v.personalId.trim() } : {}),
    ...(v.dateOfBirth?.trim() ? { dateOfBirth: parseVnDate(v.dateOfBirth) ?? v.dateOfBirth.trim() } : {}),
    ...(v.birthYear ? { birthYear: v.birthYear } : {}),
    ...(v.sex ? { sex: v.sex } : {}),
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
  };
}

/** A person to look out for: the name and a date or year of birth at least, the personal ID when known. */
function AddModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, submit: run } = useFormSubmit(form);

  const submit = (v: Values) =>
    run(async () => {
      await ok(api.POST('/api/v1/lodging/watchlist', { body: bodyOf(v) }));
      onSaved();
    });

  return (
    <Modal
      open={open}
      title={messages.watchlistAdd}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={messages.rpCreate}
      cancelText={messages.cancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'watchlist-submit' }}
      destroyOnHidden
      afterOpenChange={(o) => o && setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="watchlist-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy} preserve={false} initialValues={{ kind: 'wanted' }}>
        <Form.Item name="kind" label={messages.watchlistKind}>
          <Radio.Group optionType="button" options={Object.entries(WATCHLIST_KINDS).map(([value, label]) => ({ value, label }))} data-testid="watchlist-kind" />
        </Form.Item>
        <Form.Item name="fullName" label={messages.fullName} rules={rules.required}>
          <Input maxLength={200} data-testid="watchlist-full-name" />
        </Form.Item>
        <Form.Item name="personalId" label={messages.watchlistPersonalId} rules={[{ pattern: /^\s*\d{12}\s*$/, message: messages.personalIdFormat }]}>
          <Input inputMode="numeric" maxLength={12} data-testid="watchlist-personal-id" />
        </Form.Item>
        <Form.Item
          name="dateOfBirth"
          label={messages.dateOfBirth}
          extra={messages.watchlistBirthHint}
          rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || parseVnDate(v) ? Promise.resolve() : Promise.reject(new Error(messages.dateFormat))) }]}
        >
          <Input placeholder={messages.dateOfBirthPlaceholder} data-testid="watchlist-dob" />
        </Form.Item>
        <Form.Item name="birthYear" label={messages.birthYear}>
          <InputNumber min={1900} max={2100} precision={0} data-testid="watchlist-birth-year" />
        </Form.Item>
        <Form.Item name="sex" label={messages.sex}>
          <Radio.Group optionType="button">
            <Radio value="Nam">Nam</Radio>
            <Radio value="Nữ">Nữ</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={messages.watchlistNote}>
          <Input.TextArea rows={2} maxLength={500} data-testid="watchlist-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Police: wanted and missing people; a check-in that matches one raises an alert. Never shown to facilities. */
export default function PoliceWatchlistPage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, loading, reload } = useApi('/api/v1/lodging/watchlist', { params: { query: { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } });

  async function remove(e: WatchlistEntry) {
    try {
      await ok(api.DELETE('/api/v1/lodging/watchlist/{id}', { params: { path: { id: e.id } } }));
      void message.success(messages.watchlistRemoved);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  return (
    <div className="page" data-testid="police-watchlist-page">
      <PageHeading
        title={messages.watchlistTitle}
        subtitle={messages.watchlistHint}
        extra={
          <Button type="primary" onClick={() => setAdding(true)} data-testid="watchlist-add">
            {messages.watchlistAdd}
          </Button>
        }
      />
      <Card>
        <label className="field-label" htmlFor="watchlist-q">
          {messages.watchlistQueryLabel}
        </label>
        <Input.Search
          id="watchlist-q"
          allowClear
          enterButton={messages.search}
          size="large"
          placeholder={messages.watchlistQueryPlaceholder}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          className="watchlist-q"
          data-testid="watchlist-q"
        />
        <Typography.Text type="secondary" className="results-count">
          {t('watchlistTotal', { n: data?.total ?? 0 })}
        </Typography.Text>
        <Table<WatchlistEntry>
          data-testid="watchlist-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: messages.watchlistNone }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
          onRow={(e) => ({ 'data-testid': 'watchlist-row', 'data-entry': e.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: messages.watchlistKind, dataIndex: 'kindLabel', width: 170, render: (v: string, e) => <Tag color={e.kind === 'wanted' ? 'red' : 'blue'}>{v}</Tag> },
            { title: messages.fullName, dataIndex: 'fullName', render: (v: string) => <span className="person-name">{v}</span> },
            { title: messages.personalId, dataIndex: 'personalId', width: 150, render: (v: string | null) => <span className="mono">{v ?? messages.none}</span> },
            { title: messages.dateOfBirth, key: 'birth', width: 120, render: (_, e) => (e.dateOfBirth ? formatDate(e.dateOfBirth) : String(e.birthYear)) },
            { title: messages.sex, dataIndex: 'sex', width: 90, render: (v: string | null) => v ?? messages.none },
            { title: messages.watchlistNote, dataIndex: 'note', render: (v: string | null) => v ?? messages.none },
            { title: messages.watchlistCreated, dataIndex: 'createdAt', width: 140, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            {
              key: 'remove',
              width: 100,
              render: (_, e) => (
                <Popconfirm title={t('watchlistRemoveConfirm', { name: e.fullName })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => remove(e)}>
                  <Button size="small" danger data-testid="watchlist-remove">
                    {messages.watchlistRemove}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <AddModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          void message.success(messages.watchlistAdded);
          reload();
        }}
      />
    </div>
  );
}
