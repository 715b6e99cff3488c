import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, List, Popconfirm, Select, Skeleton, Tag, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDateTime } from '../../format.js';
import { messages, t } from '../../messages.js';
import { foldVietnamese } from '../../text.js';
import type { Level2Request } from '../../api/shapes.js';

/** "Phường Mỹ Trà" → "Công an phường Mỹ Trà" (the server names its offices the same way). */
export const officeLabel = (communeFullName: string) => `Công an ${communeFullName.charAt(0).toLocaleLowerCase('vi')}${communeFullName.slice(1)}`;

const STATUS: Record<Level2Request['status'], { label: string; color: string }> = {
  pending: { label: messages.level2StatusPending, color: 'gold' },
  cancelled: { label: messages.level2StatusCancelled, color: 'default' },
  done: { label: messages.level2StatusDone, color: 'green' },
};

/** "Đề nghị nâng lên mức 2": pick a commune police office of the province, follow the request, cancel it. */
export default function Level2RequestPage() {
  const { message } = App.useApp();
  const requests = useCitizenPage('/citizen/level2', '/api/v1/citizen/level2-requests');
  const { session } = requests;
  const profile = useCitizenApi(session ? '/api/v1/citizen/profile' : null);
  const provinceCode = profile.data?.residence.provinceCode;
  const communes = useCitizenApi(provinceCode ? '/api/v1/units' : null, { params: { query: { scheme: '2025', level: 'commune', provinceCode: provinceCode ?? '' } } });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const options = useMemo(
    () => (communes.data ?? []).map((u) => ({ value: u.code, label: officeLabel(u.fullName) })).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [communes.data],
  );

  async function send(v: { officeCode: string }) {
    setBusy(true);
    setError(null);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/level2-requests', { body: { officeCode: v.officeCode } }));
      void message.success(messages.level2Sent);
      requests.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 && err.status < 500 ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  async function cancel(id: number) {
    setError(null);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/level2-requests/{id}/cancel', { params: { path: { id } } }));
      void message.success(messages.level2Cancelled);
      requests.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 && err.status < 500 ? err.detail : messages.genericError);
    }
  }

  if (!session) return <CitizenLoading />;

  const items = requests.data?.items ?? [];
  const pending = items.find((r) => r.status === 'pending');
  const level = profile.data?.account.level ?? session.level;

  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="level2-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.level2RequestTitle}
        </Typography.Title>
        {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="level2-error" />}
        <Card className="citizen-card">
          {level === 2 ? (
            <Alert type="success" showIcon title={messages.level2AlreadyDone} data-testid="level2-already" />
          ) : pending ? (
            <Typography.Paragraph data-testid="level2-pending">
              {messages.level2RequestHint}
            </Typography.Paragraph>
          ) : (
            <Form<{ officeCode: string }> layout="vertical" requiredMark={false} onFinish={send} disabled={busy} size="large">
              <Typography.Paragraph type="secondary">{messages.level2RequestHint}</Typography.Paragraph>
              <Form.Item name="officeCode" label={messages.level2Office} rules={[{ required: true, message: messages.fieldRequired }]}>
                <Select
                  showSearch={{ filterOption: (input, option) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) }}
                  options={options}
                  loading={!communes.data && (communes.loading || profile.loading)}
                  placeholder={messages.level2OfficePlaceholder}
                  data-testid="level2-office"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="level2-submit">
                {messages.level2Submit}
              </Button>
            </Form>
          )}
        </Card>
        <Card className="citizen-card" title={messages.level2History} data-testid="level2-list">
          {!requests.data && requests.loading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : items.length ? (
            <List
              dataSource={items}
              renderItem={(r) => (
                <List.Item
                  key={r.id}
                  data-testid="level2-item"
                  data-status={r.status}
                  actions={r.status === 'pending' ? [
                    <Popconfirm key="cancel" title={t('level2CancelConfirm', { office: r.officeName })} okText={messages.level2Cancel} cancelText={messages.cancel} onConfirm={() => cancel(r.id)}>
                      <Button danger data-testid="level2-cancel">{messages.level2Cancel}</Button>
                    </Popconfirm>,
                  ] : []}
                >
                  <List.Item.Meta
                    title={<span data-testid="level2-item-office">{r.officeName}</span>}
                    description={
                      <>
                        <Tag color={STATUS[r.status].color} data-testid="level2-item-status">{STATUS[r.status].label}</Tag>{' '}
                        {messages.level2SentAt} {formatDateTime(r.createdAt)}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.level2None} />
          )}
        </Card>
      </div>
    </CitizenShell>
  );
}
