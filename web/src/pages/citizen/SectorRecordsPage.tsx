import { Alert, Card, Descriptions, Empty, Skeleton, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import type { Answer } from '../../api.js';
import { formatDate, formatDateTime } from '../../format.js';
import { messages, t } from '../../messages.js';

type SectorRecord = Answer<'/api/v1/citizen/sector-records'>[number];

/** The records of one kind, newest first as the server sends them. */
function groupByKind(records: SectorRecord[]): [string, SectorRecord[]][] {
  const groups = new Map<string, SectorRecord[]>();
  for (const r of records) groups.set(r.kindLabel, [...(groups.get(r.kindLabel) ?? []), r]);
  return [...groups];
}

function RecordCard({ r }: { r: SectorRecord }) {
  return (
    <Card className="citizen-card" size="small" data-testid="sector-record" data-service={r.service}>
      <Descriptions column={1} size="small">
        {r.items.map((i) => (
          <Descriptions.Item key={i.field} label={i.label}>{i.text}</Descriptions.Item>
        ))}
        <Descriptions.Item label={messages.sectorRecordDate}>{formatDate(r.recordDate)}</Descriptions.Item>
        <Descriptions.Item label={messages.sectorRecordAgency}>{r.sourceAgency}</Descriptions.Item>
        <Descriptions.Item label={messages.sectorRecordBasis}>{r.legalBasis}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('sectorRecordReceivedAt', { at: formatDateTime(r.receivedAt) })}</Typography.Paragraph>
    </Card>
  );
}

/** "Hồ sơ ngành của tôi": health book, labour book, land rights, civil-status events agencies attached to the citizen. */
export default function SectorRecordsPage() {
  const { session, data, error, loading } = useCitizenPage('/citizen/sector-records', '/api/v1/citizen/sector-records');
  if (!session) return <CitizenLoading />;
  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="sector-records-page">
        <Typography.Title level={3} className="citizen-title">{messages.sectorRecordsTitle}</Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.sectorRecordsHint}</Typography.Paragraph>
        </Card>
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !data && loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : data?.length ? (
          groupByKind(data).map(([kind, records]) => (
            <section key={kind} className="citizen-stack" data-testid="sector-kind">
              <Typography.Title level={4}>{kind}</Typography.Title>
              {records.map((r) => <RecordCard key={r.id} r={r} />)}
            </section>
          ))
        ) : (
          <Card className="citizen-card">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.sectorRecordsNone} data-testid="sector-records-none" />
          </Card>
        )}
      </div>
    </CitizenShell>
  );
}
