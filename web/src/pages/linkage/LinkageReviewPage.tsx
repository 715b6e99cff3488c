import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Radio, Row, Space, Table, Tag } from 'antd';
import { api, ApiError, ok, type Answer } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { probability } from './shared.js';

type QueueItem = Answer<'/api/v1/linkage/review-items'>['items'][number];
type Decision = 'accept' | 'reject' | 'choose';

const LISTED_LABELS: Record<string, string> = {
  personal_id: messages.linkageFieldPersonalId, legacy_id: messages.linkageFieldLegacy, full_name: messages.linkageFieldName, date_of_birth: messages.linkageFieldBirth,
  sex: messages.linkageFieldSex, address: messages.linkageFieldAddress, commune_code: messages.linkageFieldCommune, phone: messages.linkageFieldPhone,
};

/** One row beside its candidate's registry record, and the decision with its reason. */
function ReviewItem({ item, onDecided }: { item: QueueItem; onDecided: (row: number) => void }) {
  const { message } = App.useApp();
  const detail = useApi('/api/v1/linkage/review-items/{runId}/{row}', { params: { path: { runId: item.runId, row: item.row } } });
  const [decision, setDecision] = useState<Decision>('accept');
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const d = detail.data;
  const ready = reason.trim().length >= 3 && (decision !== 'choose' || /^\d{12}$/.test(other));

  async function decide() {
    setBusy(true);
    setProblem(null);
    try {
      await ok(api.POST('/api/v1/linkage/review-items/{runId}/{row}/decision', {
        params: { path: { runId: item.runId, row: item.row } },
        body: { decision, reason: reason.trim(), ...(decision === 'choose' ? { personalId: other } : {}) },
      }));
      void message.success(t('linkageDecided', { row: item.row }));
      onDecided(item.row);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  if (!d) return null;
  return (
    <Card className="section-card" title={`${d.source} · ${messages.linkageColRow} ${d.row} · ${messages.linkageColProbability} ${probability(d.matchProbability)}`} data-testid="linkage-review-item">
      {/* The row, then each candidate, side by side (one column each, best candidate first). */}
      <Row gutter={16}>
        <Col span={Math.floor(24 / (1 + Math.max(1, d.candidates.length)))}>
          <Descriptions title={messages.linkageListed} column={1} size="small" bordered data-testid="linkage-review-listed">
            {Object.entries(d.listed).map(([k, v]) => (
              <Descriptions.Item key={k} label={LISTED_LABELS[k] ?? k}>{v}</Descriptions.Item>
            ))}
          </Descriptions>
        </Col>
        {d.candidates.map((c, k) => (
          <Col key={c.personalId} span={Math.floor(24 / (1 + d.candidates.length))}>
            <Descriptions
              title={d.candidates.length > 1 ? t('linkageCandidateN', { n: k + 1, p: probability(c.matchProbability) }) : messages.linkageRegistry}
              extra={k > 0 && /^\d{12}$/.test(c.personalId) ? (
                <Button size="small" onClick={() => { setDecision('choose'); setOther(c.personalId); }} data-testid="linkage-choose-candidate">{messages.linkageChooseThis}</Button>
              ) : undefined}
              column={1} size="small" bordered data-testid="linkage-review-candidate"
            >
              <Descriptions.Item label={messages.linkageFieldPersonalId}>{c.personalId}</Descriptions.Item>
              <Descriptions.Item label={messages.linkageFieldName}>{c.fullName}{c.deceased && <Tag color="red" style={{ marginLeft: 8 }}>{messages.linkageDeceased}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={messages.linkageFieldBirth}>{formatDate(c.dateOfBirth)}</Descriptions.Item>
              <Descriptions.Item label={messages.linkageFieldSex}>{c.sex}</Descriptions.Item>
              <Descriptions.Item label={messages.linkageFieldCommune}>{c.communeName}</Descriptions.Item>
            </Descriptions>
          </Col>
        ))}
      </Row>
      <p className="muted" style={{ marginTop: 8 }}>{messages.linkageColReasons}: {d.reasons.join(', ')}</p>
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as Decision)} data-testid="linkage-decision">
          <Radio value="accept" data-testid="linkage-decision-accept">{messages.linkageAccept}</Radio>
          <Radio value="reject" data-testid="linkage-decision-reject">{messages.linkageReject}</Radio>
          <Radio value="choose" data-testid="linkage-decision-choose">{messages.linkageChoose}</Radio>
        </Radio.Group>
        {decision === 'choose' && (
          <Input value={other} onChange={(e) => setOther(e.target.value.replace(/\D/g, '').slice(0, 12))} placeholder={messages.linkageOtherId} style={{ maxWidth: 260 }} data-testid="linkage-other-id" />
        )}
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={messages.linkageReasonRequired} maxLength={500} rows={2} data-testid="linkage-reason" />
        {problem && <Alert type="error" showIcon title={problem} data-testid="linkage-decision-problem" />}
        <Button type="primary" disabled={!ready} loading={busy} onClick={() => void decide()} data-testid="linkage-decide">
          {messages.linkageDecide}
        </Button>
      </Space>
    </Card>
  );
}

/** /linkage/review: the registry officer's queue of rows whose candidate lives in their area. */
export default function LinkageReviewPage() {
  const [page, setPage] = useState(1);
  const queue = useApi('/api/v1/linkage/review-items', { params: { query: { limit: 20, offset: (page - 1) * 20 } } }, { keepData: true });
  const [selected, setSelected] = useState<QueueItem | null>(null);
  return (
    <div data-testid="linkage-review-page">
      <PageHeading title={messages.linkageReviewTitle} subtitle={messages.linkageReviewSubtitle} />
      <Card className="section-card" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.runId}-${r.row}`}
          loading={queue.loading && !queue.data}
          dataSource={queue.data?.items ?? []}
          locale={{ emptyText: messages.linkageReviewEmpty }}
          pagination={{ current: page, pageSize: 20, total: queue.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
          onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' }, 'data-testid': 'linkage-queue-row' } as React.HTMLAttributes<HTMLElement>)}
          rowClassName={(r) => (selected && r.runId === selected.runId && r.row === selected.row ? 'ant-table-row-selected' : '')}
          columns={[
            { title: messages.linkageColSource, dataIndex: 'source' },
            { title: messages.linkageColRow, dataIndex: 'row', width: 70 },
            { title: messages.linkageColName, dataIndex: 'fullName', render: (v: string | null) => v ?? messages.none },
            { title: messages.linkageFieldBirth, dataIndex: 'dateOfBirth', render: (v: string | null) => v ?? messages.none },
            { title: messages.linkageCandidate, key: 'candidate', render: (_v, r) => `${r.candidate.fullName ?? messages.linkageCandidateUnknown} (${r.candidate.personalId})` },
            { title: messages.linkageColProbability, dataIndex: 'matchProbability', align: 'right', render: (v: number) => probability(v) },
          ]}
        />
      </Card>
      {selected ? (
        <ReviewItem
          key={`${selected.runId}-${selected.row}`}
          item={selected}
          onDecided={() => {
            setSelected(null);
            queue.reload();
          }}
        />
      ) : (
        <Empty description={messages.linkageSelectRow} />
      )}
    </div>
  );
}
