import { Alert, Button, Card, Empty, List, Tag } from 'antd';
import { formatDateTime } from '../format.js';
import { fieldLabel } from '../identity.js';
import { messages, verificationMethodLabels } from '../messages.js';
import type { DeskVerification } from '../api/shapes.js';
import type { ApiState } from '../useApi.js';

/** The counter's latest verifications: outcome, method and which fields were shown (never who). */
export function RecentVerifications({ state }: { state: ApiState<DeskVerification[]> }) {
  const { data, error, loading, reload } = state;
  return (
    <Card
      className="citizen-card"
      title={messages.deskRecent}
      extra={
        <Button size="small" onClick={reload} loading={loading}>
          {messages.reload}
        </Button>
      }
      data-testid="desk-recent"
    >
      {error ? (
        <Alert type="warning" showIcon title={error.detail} />
      ) : (
        <List<DeskVerification>
          loading={loading && !data}
          dataSource={data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.deskRecentEmpty} /> }}
          renderItem={(v) => (
            <List.Item key={v.id} data-testid="desk-recent-item" data-result={v.result}>
              <List.Item.Meta
                title={
                  <span className="desk-recent-head">
                    <Tag color={v.result === 'valid' ? 'green' : 'red'}>{v.result === 'valid' ? messages.resultValid : messages.resultInvalid}</Tag>
                    <span>{formatDateTime(v.at)}</span>
                  </span>
                }
                description={[
                  verificationMethodLabels[v.method] ?? v.method,
                  v.fields.length ? v.fields.map(fieldLabel).join(', ') : null,
                  v.reason,
                  `${messages.deskStaff}: ${v.staff ?? messages.deskApiCall}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
