import { Alert, Button, Card, Empty, List, Typography } from 'antd';
import { CitizenShell } from '../../citizen/CitizenShell.js';
import { formatDateTime } from '../../format.js';
import { messages } from '../../messages.js';
import type { OutboxMessage } from '../../api/shapes.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';

/** Development only: the SMS the system "sent", newest first (GET /api/v1/dev/outbox). */
export default function DevOutboxPage() {
  const { data, error, loading, reload } = useCitizenApi('/api/v1/dev/outbox', { params: { query: { limit: 50 } } });
  return (
    <CitizenShell wide>
      <Card
        className="citizen-card"
        title={messages.outboxTitle}
        extra={
          <Button onClick={reload} loading={loading} data-testid="outbox-reload">
            {messages.reload}
          </Button>
        }
        data-testid="outbox-page"
      >
        <Typography.Paragraph type="secondary">{messages.outboxHint}</Typography.Paragraph>
        {error ? (
          <Alert type="warning" showIcon title={error.status === 404 ? messages.outboxUnavailable : error.detail} data-testid="outbox-unavailable" />
        ) : (
          <List<OutboxMessage>
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.outboxEmpty} /> }}
            renderItem={(m) => (
              <List.Item key={m.id} data-testid="outbox-item">
                <List.Item.Meta
                  title={
                    <span className="outbox-meta">
                      <span className="mono" data-testid="outbox-to">{m.recipientMasked}</span>
                      <span className="muted">{formatDateTime(m.createdAt)}</span>
                    </span>
                  }
                  description={<span className="outbox-body" data-testid="outbox-body">{m.body}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </CitizenShell>
  );
}
