import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, InputNumber, Row, Select, Slider, Space, Statistic, Table } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { probability, StateTag, StatusTag, STATUS_LABELS, type LinkageRun, type LinkageStatus } from './shared.js';

const PAGE = 20;
const round = (v: number) => Math.round(v * 100) / 100;

/** The two thresholds with the counts at them (the preview endpoint, live), the source's suggestion, and saving them. */
function Thresholds({ run, onSaved }: { run: LinkageRun; onSaved: () => void }) {
  const { message } = App.useApp();
  const [match, setMatch] = useState(run.thresholds.match);
  const [review, setReview] = useState(run.thresholds.review);
  const [sensitive, setSensitive] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = review > 0 && review <= match && match <= 1;
  const preview = useApi(valid ? '/api/v1/linkage/runs/{id}/preview' : null, { params: { path: { id: run.id }, query: { match, review } } }, { keepData: true });
  const source = { params: { path: { source: run.source } } };
  const suggestion = useApi('/api/v1/linkage/sources/{source}/suggestion', source);
  useEffect(() => {
    if (suggestion.data && sensitive === null) setSensitive(suggestion.data.sensitive);
  }, [suggestion.data, sensitive]);

  async function save() {
    setBusy(true);
    try {
      await ok(api.PUT('/api/v1/linkage/sources/{source}/thresholds', { ...source, body: { match, review, sensitive: sensitive ?? false } }));
      void message.success(messages.linkageThresholdsSaved);
      suggestion.reload();
      onSaved();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  const suggested = suggestion.data?.suggested;
  return (
    <Card title={messages.linkageThresholdsTitle} className="section-card" style={{ marginBottom: 16 }} data-testid="linkage-thresholds">
      <p className="muted">{messages.linkageThresholdsHint}</p>
      <Slider
        range
        min={0.01}
        max={1}
        step={0.01}
        value={[review, match]}
        onChange={(v) => {
          setReview(round(v[0]));
          setMatch(round(v[1]));
        }}
      />
      <Space wrap>
        <span>{messages.linkageReviewThreshold}</span>
        <InputNumber min={0.01} max={1} step={0.01} value={review} onChange={(v) => v !== null && setReview(round(v))} data-testid="linkage-review-threshold" />
        <span>{messages.linkageMatchThreshold}</span>
        <InputNumber min={0.01} max={1} step={0.01} value={match} onChange={(v) => v !== null && setMatch(round(v))} data-testid="linkage-match-threshold" />
      </Space>
      {preview.data && valid && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          data-testid="linkage-preview"
          data-matched={preview.data.matched}
          data-review={preview.data.review}
          data-unmatched={preview.data.unmatched}
          title={t('linkagePreview', { matched: preview.data.matched, review: preview.data.review, unmatched: preview.data.unmatched })}
        />
      )}
      <div style={{ marginTop: 12 }} data-testid="linkage-suggestion">
        {suggested ? (
          <Space wrap>
            <span>{t('linkageSuggestion', { accepted: suggestion.data!.accepted, rejected: suggestion.data!.rejected, match: probability(suggested.match), review: probability(suggested.review) })}</span>
            <Button size="small" onClick={() => { setMatch(suggested.match); setReview(suggested.review); }} data-testid="linkage-apply-suggestion">
              {messages.linkageApplySuggestion}
            </Button>
          </Space>
        ) : (
          <span className="muted">{messages.linkageNoSuggestion}</span>
        )}
      </div>
      <Space wrap style={{ marginTop: 12 }}>
        <Checkbox checked={sensitive ?? false} onChange={(e) => setSensitive(e.target.checked)} data-testid="linkage-sensitive">
          {messages.linkageSensitive}
        </Checkbox>
        <Button type="primary" disabled={!valid} loading={busy} onClick={() => void save()} data-testid="linkage-save-thresholds">
          {messages.linkageSaveThresholds}
        </Button>
      </Space>
    </Card>
  );
}

function Results({ run }: { run: LinkageRun }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<LinkageStatus | undefined>();
  const results = useApi('/api/v1/linkage/runs/{id}/results', { params: { path: { id: run.id }, query: { limit: PAGE, offset: (page - 1) * PAGE, status } } }, { keepData: true });
  return (
    <Card
      title={messages.linkageResults}
      className="section-card"
      data-testid="linkage-results"
      extra={
        <Space>
          <Select
            allowClear
            placeholder={messages.linkageAllStatuses}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            style={{ width: 180 }}
            options={(['matched', 'review', 'unmatched'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <a href={`/api/v1/linkage/runs/${run.id}/results.csv`} download data-testid="linkage-csv">
            {messages.linkageDownloadCsv}
          </a>
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="row"
        loading={results.loading}
        dataSource={results.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: results.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: messages.linkageColRow, dataIndex: 'row', width: 70 },
          { title: messages.linkageColName, key: 'name', render: (_v, r) => r.fields.full_name ?? messages.none },
          { title: messages.linkageColPersonalId, dataIndex: 'personalId', render: (v: string | null) => v ?? messages.none },
          { title: messages.linkageColProbability, dataIndex: 'matchProbability', align: 'right', render: (v: number) => probability(v) },
          { title: messages.linkageColStatus, dataIndex: 'status', render: (v: LinkageStatus) => <StatusTag status={v} /> },
          { title: messages.linkageColReasons, dataIndex: 'reasons', render: (v: string[]) => <span className="muted">{v.join(', ')}</span> },
        ]}
      />
    </Card>
  );
}

/** /linkage/runs/:id: the run's counts, thresholds with a live preview, results and the CSV. */
export default function LinkageRunPage() {
  const id = Number(useParams().id);
  const run = useApi('/api/v1/linkage/runs/{id}', { params: { path: { id } } }, { keepData: true });
  const r = run.data;
  useEffect(() => {
    if (r?.state !== 'running') return;
    const timer = setTimeout(run.reload, 1000);
    return () => clearTimeout(timer);
  }, [r, run.reload]);
  if (!r) return null;
  return (
    <div data-testid="linkage-run-page">
      <PageHeading
        title={t('linkageRunTitle', { id: r.id, source: r.source })}
        extra={
          <Space>
            <StateTag state={r.state} />
            <Link to={`/linkage/runs/${r.id}/quality`} data-testid="linkage-quality-link">{messages.linkageQuality}</Link>
          </Space>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}><Card><Statistic title={messages.linkageColRows} value={formatNumber(r.rows)} /></Card></Col>
        <Col span={6}><Card data-testid="linkage-count-matched"><Statistic title={messages.linkageMatched} value={formatNumber(r.matched)} /></Card></Col>
        <Col span={6}><Card data-testid="linkage-count-review"><Statistic title={messages.linkageReview} value={formatNumber(r.review)} /></Card></Col>
        <Col span={6}><Card data-testid="linkage-count-unmatched"><Statistic title={messages.linkageUnmatched} value={formatNumber(r.unmatched)} /></Card></Col>
      </Row>
      {r.state === 'done' ? (
        <>
          <Thresholds run={r} onSaved={run.reload} />
          <Results run={r} />
        </>
      ) : (
        <Alert type="info" showIcon title={messages.linkageNotDone} />
      )}
    </div>
  );
}
