import { Alert, Table, Tag } from 'antd';
import { PageHeading } from '../components/PageHeading.js';
import { formatDateTime } from '../format.js';
import { messages } from '../messages.js';
import type { VerificationAlert } from '../api/shapes.js';
import { useApi } from '../useApi.js';

/**
 * For the province's auditors: counters paused for comparing printed card QRs (unsigned) that did not
 * match the registry too often — possibly someone guessing a person's birth date (issue 12 §2).
 */
export default function VerificationAlertsPage() {
  const { data, error, loading } = useApi('/api/v1/verification-alerts');
  return (
    <>
      <PageHeading title={messages.verificationAlertsTitle} subtitle={messages.verificationAlertsSubtitle} />
      {error && <Alert type="error" showIcon title={error.detail} />}
      <Table<VerificationAlert>
        data-testid="verification-alerts"
        rowKey={(a, i) => `${a.at}-${a.relyingParty.code}-${i ?? 0}`}
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: messages.verificationAlertsEmpty }}
        columns={[
          { title: messages.accessAt, dataIndex: 'at', width: 160, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
          { title: messages.verificationAlertsCounter, dataIndex: ['relyingParty', 'name'] },
          {
            title: messages.verificationAlertsKind,
            dataIndex: 'kind',
            width: 190,
            render: (k: VerificationAlert['kind'], a) => (
              <Tag color={k === 'counter' ? 'red' : 'gold'}>{k === 'counter' ? messages.verificationAlertsCounterPaused : a.personalId}</Tag>
            ),
          },
          { title: messages.verificationAlertsWhat, dataIndex: 'message' },
        ]}
      />
    </>
  );
}
