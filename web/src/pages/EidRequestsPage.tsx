import { useState } from 'react';
import { Alert, Button, Table } from 'antd';
import { PageHeading } from '../components/PageHeading.js';
import { CitizenAccountPanel } from '../components/CitizenAccountPanel.js';
import { formatDateTime } from '../format.js';
import { messages } from '../messages.js';
import type { Level2QueueItem } from '../api/shapes.js';
import { useApi } from '../useApi.js';

/**
 * The online level-2 requests at the offices of the officer's area, oldest first. The citizen comes
 * to the counter; the officer opens the request and raises the account after reading the card's chip
 * (the person page's panel), which marks the request done.
 */
export default function EidRequestsPage() {
  const { data, error, loading, reload } = useApi('/api/v1/level2-requests', undefined, { keepData: true });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PageHeading title={messages.eidRequestsTitle} subtitle={messages.eidRequestsHint} />
      {error && <Alert type="error" showIcon title={error.detail} />}
      <Table<Level2QueueItem>
        data-testid="eid-requests"
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: messages.eidRequestsEmpty }}
        columns={[
          { title: messages.eidRequestAt, dataIndex: 'createdAt', width: 170, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
          { title: messages.eidRequestPersonalId, dataIndex: 'personalId', width: 160, render: (v: string) => <span className="mono" data-testid="eid-request-id">{v}</span> },
          { title: messages.eidRequestOffice, dataIndex: 'officeName' },
          {
            key: 'open',
            width: 130,
            render: (_: unknown, r) => (
              <Button type={open === r.personalId ? 'primary' : 'default'} onClick={() => setOpen(r.personalId)} data-testid="eid-request-open">
                {messages.eidRequestOpen}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <div className="eid-request-panel">
          <CitizenAccountPanel key={open} personalId={open} deceased={false} onUpgraded={reload} />
        </div>
      )}
    </>
  );
}
