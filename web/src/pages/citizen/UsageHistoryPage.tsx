import { Link } from 'react-router-dom';
import { Alert, Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDateTime } from '../../format.js';
import { messages, verificationMethodLabels } from '../../messages.js';
import type { CitizenVerification } from '../../api/shapes.js';

function HistoryItem({ v }: { v: CitizenVerification }) {
  const valid = v.result === 'valid';
  return (
    <div className="history-item" data-testid="history-item" data-result={v.result}>
      <div className="history-head">
        <span className="history-where" data-testid="history-relying-party">{v.relyingParty}</span>
        <Tag color={valid ? 'green' : 'red'}>{valid ? messages.resultValid : messages.resultInvalid}</Tag>
      </div>
      <div className="history-meta">
        {formatDateTime(v.at)} · {v.relyingPartyType} · {verificationMethodLabels[v.method] ?? v.method}
      </div>
      <div className="history-purpose">
        {messages.historyPurpose}: {v.purpose}
      </div>
      {!valid && v.reason && <div className="history-reason">{v.reason}</div>}
      <div className="history-fields" data-testid="history-fields">
        {v.fields.length ? (
          <>
            <span className="muted">{messages.historyFieldsShown}: </span>
            {v.fields.map((f) => (
              <Tag key={f}>{f}</Tag>
            ))}
          </>
        ) : (
          <span className="muted">{messages.historyNoFields}</span>
        )}
      </div>
    </div>
  );
}

/** "Lịch sử sử dụng": every time a counter verified the citizen, newest first. */
export default function UsageHistoryPage() {
  const { session, data, error, loading } = useCitizenPage('/citizen/history', '/api/v1/citizen/verifications');

  if (!session) return <CitizenLoading />;

  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="history-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.historyTitle}
        </Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.historyHomeHint}</Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error.detail} />
          ) : !data && loading ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : data?.length ? (
            <Timeline
              className="history-timeline"
              items={data.map((v, i) => ({ key: `${v.at}-${i}`, color: v.result === 'valid' ? 'green' : 'red', content: <HistoryItem v={v} /> }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.historyEmpty} data-testid="history-empty" />
          )}
          <Typography.Paragraph type="secondary" className="history-report" data-testid="history-report">
            {messages.historyReportLead}{' '}
            <Link to="/citizen/password" className="citizen-link" data-testid="history-change-password">
              {messages.historyReportAction}
            </Link>{' '}
            {messages.historyReportTail}
          </Typography.Paragraph>
        </Card>
      </div>
    </CitizenShell>
  );
}
