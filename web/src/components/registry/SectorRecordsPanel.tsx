import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Typography } from 'antd';
import { api, ApiError, ok, type Answer } from '../../api.js';
import { formatDate } from '../../format.js';
import { messages } from '../../messages.js';

type Records = Answer<'/api/v1/people/{key}/sector-records'>['records'];

/**
 * The sector records agencies attached to the person (health book, labour book, land rights, civil-status events),
 * read-only. Opened on demand: the read is audited, with the officer's purpose, as every view of the record is.
 */
export function SectorRecordsPanel({ personKey }: { personKey: string }) {
  const [records, setRecords] = useState<Records | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    setError(null);
    try {
      setRecords((await ok(api.GET('/api/v1/people/{key}/sector-records', { params: { path: { key: personKey } } }))).records);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={messages.sectorRecordsOfficerTitle} className="section-card" data-testid="section-sector-records"
      extra={records === null && <Button onClick={() => void load()} loading={busy} data-testid="sector-records-open">{messages.sectorRecordsOpen}</Button>}>
      {error && <Alert type="error" showIcon title={error} />}
      {records === null ? (
        <Typography.Paragraph type="secondary">{messages.sectorRecordsOfficerHint}</Typography.Paragraph>
      ) : records.length ? (
        records.map((r) => (
          <Descriptions key={r.id} title={r.kindLabel} column={{ xs: 1, lg: 2 }} size="small" bordered className="sector-record" data-testid="officer-sector-record">
            {r.items.map((i) => <Descriptions.Item key={i.field} label={i.label}>{i.text}</Descriptions.Item>)}
            <Descriptions.Item label={messages.sectorRecordDate}>{formatDate(r.recordDate)}</Descriptions.Item>
            <Descriptions.Item label={messages.sectorRecordAgency}>{r.sourceAgency}</Descriptions.Item>
            <Descriptions.Item label={messages.sectorRecordBasis}>{r.legalBasis}</Descriptions.Item>
          </Descriptions>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.sectorRecordsOfficerNone} />
      )}
    </Card>
  );
}
