import { Alert, Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { Stay } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';

function StayItem({ s }: { s: Stay }) {
  return (
    <div className="history-item" data-testid="citizen-stay" data-stay={s.id}>
      <div className="history-head">
        <span className="history-where" data-testid="citizen-stay-facility">
          {s.facilityName}
        </span>
        {s.departedAt ? <Tag>{messages.stayDeparted}</Tag> : <Tag color="green">{messages.stayStillHere}</Tag>}
      </div>
      <div className="history-meta">
        {formatDateTime(s.arrivedAt)}
        {s.departedAt ? ` → ${formatDateTime(s.departedAt)}` : s.expectedDeparture ? ` → ${t('stayUntil', { date: formatDate(s.expectedDeparture) })}` : ''}
      </div>
      <div className="history-purpose">
        {s.roleLabel} · {messages.stayReason}: {s.reason}
        {s.room && ` · ${t('stayRoomValue', { room: s.room })}`}
      </div>
      <div className="history-fields">
        <span className="muted">{messages.stayIdMethod}: </span>
        {s.idMethodLabel}
        {s.needsTemporaryResidence && (
          <Tag color="orange" className="citizen-stay-tag">
            {messages.stayNeedsTemporaryResidence}
          </Tag>
        )}
      </div>
    </div>
  );
}

/** "Lịch sử lưu trú": where the citizen was declared as a guest (hotels, hospitals, overnight buses), newest first. */
export default function CitizenStaysPage() {
  const { session, data, error, loading } = useCitizenPage('/citizen/stays', '/api/v1/citizen/stays');

  if (!session) return <CitizenLoading />;

  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="citizen-stays-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.citizenStaysTitle}
        </Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.citizenStaysHint}</Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error.detail} />
          ) : !data && loading ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : data?.items.length ? (
            <Timeline className="history-timeline" items={data.items.map((s) => ({ key: s.id, color: s.departedAt ? 'gray' : 'green', content: <StayItem s={s} /> }))} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.citizenStaysEmpty} data-testid="citizen-stays-empty" />
          )}
          <Typography.Paragraph type="secondary" className="history-report">
            {messages.citizenStaysReport}
          </Typography.Paragraph>
        </Card>
      </div>
    </CitizenShell>
  );
}
