import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { WatchAlert } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { MatchDetails } from '../../lodging/MatchDetails.js';
import { usePolice } from './PoliceGuard.js';

/** Police: the watchlist alerts of the area, newest first; refreshed as soon as the stream brings a new one. */
export default function PoliceAlertsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { alertTick } = usePolice();
  const [open, setOpen] = useState(true);
  const { data, loading, reload } = useApi('/api/v1/lodging/alerts', { params: { query: { unacknowledged: open ? true : undefined, limit: 200 } } });

  useEffect(() => {
    if (alertTick > 0) reload();
  }, [alertTick, reload]);

  async function acknowledge(a: WatchAlert) {
    try {
      await ok(api.POST('/api/v1/lodging/alerts/{id}/acknowledge', { params: { path: { id: a.id } } }));
      void message.success(messages.alertAcknowledged);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  return (
    <div className="page" data-testid="police-alerts-page">
      <PageHeading title={messages.alertsTitle} subtitle={messages.alertsHint} />
      <Card>
        <Segmented
          value={open ? 'open' : 'all'}
          onChange={(v) => setOpen(v === 'open')}
          options={[
            { value: 'open', label: messages.alertsOpen },
            { value: 'all', label: messages.alertsAll },
          ]}
          className="alerts-filter"
          data-testid="alerts-filter"
        />
        <Table<WatchAlert>
          data-testid="alerts-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: open ? messages.alertsNoneOpen : messages.alertsNone }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          onRow={(a) => ({ 'data-testid': 'alert-row', 'data-alert': a.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: messages.alertAt, dataIndex: 'createdAt', width: 140, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            {
              title: messages.alertGuest,
              key: 'guest',
              render: (_, a) => (
                <>
                  <div className="person-name">{a.stay.fullName}</div>
                  <Typography.Text type="secondary">
                    {formatDate(a.stay.dateOfBirth)} · {a.stay.verified ? messages.stayVerified : messages.stayNotVerified}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: messages.alertEntry,
              key: 'entry',
              render: (_, a) => (
                <>
                  <Tag color="red">{a.entry.kindLabel}</Tag> {a.entry.fullName}
                  <div className="muted">
                    {a.matchLabel} ({t('alertScore', { score: Math.round(a.score * 100) })})
                  </div>
                  <MatchDetails alert={a} />
                </>
              ),
            },
            {
              title: messages.stayFacility,
              key: 'facility',
              render: (_, a) => (
                <>
                  <div>{a.facility.name}</div>
                  <Typography.Text type="secondary">{a.facility.address}</Typography.Text>
                </>
              ),
            },
            {
              title: messages.status,
              key: 'ack',
              width: 170,
              render: (_, a) =>
                a.acknowledgedAt ? (
                  <Typography.Text type="secondary">{t('alertAcknowledgedBy', { at: formatDateTime(a.acknowledgedAt), by: a.acknowledgedBy ?? messages.none })}</Typography.Text>
                ) : (
                  <Tag color="red">{messages.alertNotAcknowledged}</Tag>
                ),
            },
            {
              key: 'actions',
              width: 150,
              render: (_, a) => (
                <Space orientation="vertical" size={4}>
                  <Button size="small" onClick={() => void navigate(`/police?stay=${a.stay.id}`)} data-testid="alert-open-stay">
                    {messages.alertOpenStay}
                  </Button>
                  {!a.acknowledgedAt && (
                    <Button size="small" type="primary" danger onClick={() => void acknowledge(a)} data-testid="alert-acknowledge">
                      {messages.alertAcknowledge}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
