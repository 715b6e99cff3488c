import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Tag, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { ApiError, type Answer } from '../../api.js';
import { formatDate, formatDateTime } from '../../format.js';
import { messages, t } from '../../messages.js';

type Row = Answer<'/api/v1/citizen/linkage-rows'>[number];

/** A date as the list wrote it: a full ISO date shown dd/MM/yyyy, anything else (a year, dd/MM/yyyy) as it came. */
const listedDate = (v: string | null) => (v === null ? messages.none : /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v);

function PendingRow({ r, level, onDone }: { r: Row; level: number; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = { params: { path: { runId: r.runId, row: r.row } } };

  async function answer(mine: boolean) {
    setBusy(true);
    setError(null);
    try {
      if (mine) await citizenOk(citizenApi.POST('/api/v1/citizen/linkage-rows/{runId}/{row}/confirm', path));
      else await citizenOk(citizenApi.POST('/api/v1/citizen/linkage-rows/{runId}/{row}/refuse', path));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="citizen-card" data-testid="linkage-row" data-row={r.row}>
      <Typography.Title level={5}>{r.source}</Typography.Title>
      {r.sensitive && <Tag color={level < 2 ? 'orange' : 'blue'} data-testid="linkage-row-sensitive">{messages.linkageCitizenSensitive}</Tag>}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={messages.linkageFieldName}>{r.fullName ?? messages.none}</Descriptions.Item>
        <Descriptions.Item label={messages.linkageFieldBirth}>{listedDate(r.dateOfBirth)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('linkageCitizenListedAt', { at: formatDateTime(r.listedAt) })}</Typography.Paragraph>
      {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="linkage-row-error" />}
      <div className="consent-actions">
        <Button size="large" onClick={() => void answer(false)} disabled={busy} data-testid="linkage-not-me">
          {messages.linkageNotMe}
        </Button>
        <Button type="primary" size="large" onClick={() => void answer(true)} loading={busy} data-testid="linkage-its-me">
          {messages.linkageItsMe}
        </Button>
      </div>
    </Card>
  );
}

/** "Danh sách nêu tên tôi": sector list rows that may be the citizen, settled by "Đây là tôi" / "Không phải tôi". */
export default function LinkageRowsPage() {
  const { session, data, error, loading, reload } = useCitizenPage('/citizen/linkage', '/api/v1/citizen/linkage-rows');
  const [notice, setNotice] = useState<string | null>(null);
  if (!session) return <CitizenLoading />;
  const done = () => {
    setNotice(messages.linkageCitizenDone);
    reload();
  };
  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="linkage-rows-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.linkageCitizenTitle}
        </Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.linkageCitizenHint}</Typography.Paragraph>
        </Card>
        {notice && <Alert className="citizen-alert" type="success" showIcon closable title={notice} data-testid="linkage-notice" onClose={() => setNotice(null)} />}
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !data && loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : data?.length ? (
          data.map((r) => <PendingRow key={`${r.runId}-${r.row}`} r={r} level={session.level} onDone={done} />)
        ) : (
          <Card className="citizen-card">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.linkageCitizenNone} data-testid="linkage-rows-none" />
          </Card>
        )}
      </div>
    </CitizenShell>
  );
}
