import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Progress, Select, Space, Table } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { FilePicker } from '../../components/FilePicker.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { StateTag, type LinkageRun } from './shared.js';

const POLL_MS = 500;

/** The run just uploaded, polled until it is linked: a progress bar of the rows processed. */
function RunProgress({ run, onDone }: { run: LinkageRun; onDone: () => void }) {
  const [current, setCurrent] = useState(run);
  useEffect(() => {
    if (current.state !== 'running') {
      onDone();
      return;
    }
    const timer = setTimeout(() => {
      ok(api.GET('/api/v1/linkage/runs/{id}', { params: { path: { id: current.id } } })).then(setCurrent, () => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [current, onDone]);
  const percent = current.rows ? Math.round((current.processed / current.rows) * 100) : 0;
  return (
    <div style={{ marginTop: 16 }} data-testid="linkage-progress" data-state={current.state}>
      <Progress percent={current.state === 'done' ? 100 : percent} status={current.state === 'failed' ? 'exception' : current.state === 'done' ? 'success' : 'active'} />
      <Space>
        <span data-testid="linkage-progress-text">
          {current.state === 'done' ? t('linkageFinished', { rows: current.rows }) : current.state === 'failed' ? messages.linkageFailed : t('linkageProgress', { processed: current.processed, rows: current.rows })}
        </span>
        {current.state === 'done' && (
          <Link to={`/linkage/runs/${current.id}`} data-testid="linkage-open-run">
            {messages.linkageOpenRun}
          </Link>
        )}
      </Space>
    </div>
  );
}

function UploadForm({ onStarted }: { onStarted: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [source, setSource] = useState('');
  const [scheme, setScheme] = useState<'2025' | 'pre2025'>('2025');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [run, setRun] = useState<LinkageRun | null>(null);

  async function upload() {
    if (!file || !source.trim()) return;
    setBusy(true);
    setProblem(null);
    setRun(null);
    try {
      const ndjson = /\.(nd)?jsonl?$/i.test(file.name);
      const started = await ok(api.POST('/api/v1/linkage/runs', {
        params: { query: { source: source.trim(), scheme } },
        body: (await file.text()) as never,
        bodySerializer: (b: unknown) => b as string,
        headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'text/csv' },
      }));
      setRun(started);
      onStarted();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={messages.linkageUploadTitle} className="section-card" style={{ marginBottom: 16 }} data-testid="linkage-upload">
      <Form layout="vertical" onFinish={() => void upload()}>
        <Space wrap align="end">
          <Form.Item label={messages.linkageSource} style={{ marginBottom: 0 }}>
            <Input value={source} onChange={(e) => setSource(e.target.value)} placeholder={messages.linkageSourceHint} maxLength={100} style={{ width: 280 }} data-testid="linkage-source" />
          </Form.Item>
          <Form.Item label={messages.linkageScheme} style={{ marginBottom: 0 }}>
            <Select
              value={scheme}
              onChange={setScheme}
              style={{ width: 200 }}
              data-testid="linkage-scheme"
              options={[{ value: '2025', label: messages.linkageScheme2025 }, { value: 'pre2025', label: messages.linkageSchemePre2025 }]}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <FilePicker accept=".csv,text/csv,.ndjson,.jsonl" testId="linkage-file" onPick={setFile} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!file || !source.trim()} loading={busy} data-testid="linkage-submit">
            {messages.linkageUpload}
          </Button>
        </Space>
      </Form>
      {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem} data-testid="linkage-problem" />}
      {run && <RunProgress key={run.id} run={run} onDone={onStarted} />}
    </Card>
  );
}

/** /linkage: the sector officer uploads a list and follows its runs. */
export default function LinkageRunsPage() {
  const runs = useApi('/api/v1/linkage/runs', undefined, { keepData: true });
  return (
    <div data-testid="linkage-runs-page">
      <PageHeading title={messages.linkageTitle} subtitle={messages.linkageSubtitle} />
      <UploadForm onStarted={runs.reload} />
      <Card title={messages.linkageRuns} className="section-card">
        <Table
          size="small"
          rowKey="id"
          loading={runs.loading && !runs.data}
          dataSource={runs.data ?? []}
          locale={{ emptyText: messages.linkageRunsEmpty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: messages.linkageColSource, dataIndex: 'source', render: (v: string, r) => <Link to={`/linkage/runs/${r.id}`} data-testid="linkage-run-link">{v}</Link> },
            { title: messages.linkageColCreated, dataIndex: 'createdAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            { title: messages.linkageColBy, dataIndex: 'createdBy' },
            { title: messages.linkageColRows, dataIndex: 'rows', align: 'right', render: (v: number) => formatNumber(v) },
            { title: messages.linkageMatched, dataIndex: 'matched', align: 'right', render: (v: number) => formatNumber(v) },
            { title: messages.linkageReview, dataIndex: 'review', align: 'right', render: (v: number) => formatNumber(v) },
            { title: messages.linkageUnmatched, dataIndex: 'unmatched', align: 'right', render: (v: number) => formatNumber(v) },
            { title: messages.linkageColState, dataIndex: 'state', render: (v: LinkageRun['state']) => <StateTag state={v} /> },
          ]}
        />
      </Card>
    </div>
  );
}
