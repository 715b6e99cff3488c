import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { api, ApiError, ok, type Answer } from '../../api.js';
import { FilePicker } from '../../components/FilePicker.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDateTime, formatDate, formatMoney, formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import { hasPermission, useSession } from '../../session.js';
import { useApi } from '../../useApi.js';

type Payment = Answer<'/api/v1/payments'>['items'][number];
type Status = NonNullable<Payment['status']>;
type StatementResult = Answer<'/api/v1/payments/statements', 'post'>;
type Mismatches = Answer<'/api/v1/payments/mismatches'>;

const STATUS_COLOR: Record<Status, string> = { pending: 'processing', paid: 'success', refunded: 'purple', expired: 'default' };
const STATUS_LABELS: Record<Status, string> = {
  pending: messages.paymentsStatusPending, paid: messages.paymentsStatusPaid, expired: messages.paymentsStatusExpired, refunded: messages.paymentsStatusRefunded,
};
const STATUSES: Status[] = ['pending', 'paid', 'expired', 'refunded'];

/** The bank statement (CSV) matched with the notifications: what matched, and every line that did not. */
function StatementUpload({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatementResult | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  async function upload() {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const content = await file.text();
      setResult(await ok(api.POST('/api/v1/payments/statements', { body: { fileName: file.name, content } })));
      onDone();
    } catch (err) {
      setProblem(err instanceof ApiError ? [err.detail, ...err.errors.map((e) => e.message)] : [messages.genericError]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={messages.paymentsStatementTitle} className="section-card" style={{ marginBottom: 16 }} data-testid="statement-upload">
      <p className="muted">{messages.paymentsStatementHint}</p>
      <Space wrap>
        <FilePicker accept=".csv,text/csv" testId="statement-file" onPick={setFile} />
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void upload()} data-testid="statement-submit">
          {messages.paymentsStatementUpload}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem[0]} description={problem.slice(1).map((p) => <div key={p}>{p}</div>)} data-testid="statement-problem" />}
      {result && (
        <>
          <Alert
            type={result.mismatches ? 'warning' : 'success'}
            showIcon
            style={{ marginTop: 12 }}
            title={t('paymentsStatementSummary', { lines: formatNumber(result.lines), matched: formatNumber(result.matched), mismatches: formatNumber(result.mismatches) })}
            data-testid="statement-summary"
          />
          <Table
            size="small"
            style={{ marginTop: 12 }}
            rowKey="lineNo"
            dataSource={result.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: messages.paymentsLine, dataIndex: 'lineNo', width: 70 },
              { title: messages.paymentsTransaction, dataIndex: 'transactionId' },
              { title: messages.paymentsBookedOn, dataIndex: 'bookedOn', render: (v: string) => formatDate(v) },
              { title: messages.payAmount, dataIndex: 'amount', align: 'right', render: (v: number) => formatMoney(v) },
              { title: messages.payReference, dataIndex: 'reference', render: (v: string | null) => v ?? messages.none },
              { title: messages.paymentsOutcome, dataIndex: 'outcomeLabel', render: (v: string, r) => <Tag color={r.outcome === 'matched' ? 'success' : 'warning'}>{v}</Tag> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function MismatchList({ data }: { data: Mismatches }) {
  return (
    <Card title={messages.paymentsMismatchesTitle} className="section-card" style={{ marginBottom: 16 }} data-testid="payment-mismatches">
      <h4>{messages.paymentsHeld}</h4>
      <Table
        size="small"
        rowKey="transactionId"
        dataSource={data.heldNotifications}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: messages.paymentsNoneHeld }}
        columns={[
          { title: messages.paymentsReceivedAt, dataIndex: 'receivedAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
          { title: messages.payReference, dataIndex: 'reference' },
          { title: messages.paymentsPayer, dataIndex: 'payerName' },
          { title: messages.paymentsReceived, dataIndex: 'amount', align: 'right', render: (v: number) => formatMoney(v) },
          { title: messages.paymentsExpected, dataIndex: 'expectedAmount', align: 'right', render: (v: number | null) => (v === null ? messages.none : formatMoney(v)) },
          { title: messages.paymentsOutcome, dataIndex: 'outcomeLabel' },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>{messages.paymentsUnmatchedLines}</h4>
      <Table
        size="small"
        rowKey={(l) => `${l.statementId}-${l.lineNo}`}
        dataSource={data.statementLines}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: messages.paymentsNoneUnmatched }}
        columns={[
          { title: messages.paymentsBookedOn, dataIndex: 'bookedOn', render: (v: string) => formatDate(v) },
          { title: messages.paymentsTransaction, dataIndex: 'transactionId' },
          { title: messages.payAmount, dataIndex: 'amount', align: 'right', render: (v: number) => formatMoney(v) },
          { title: messages.paymentsDescription, dataIndex: 'description' },
          { title: messages.paymentsOutcome, dataIndex: 'outcomeLabel' },
        ]}
      />
    </Card>
  );
}

/**
 * The collecting unit's fees (payments.read): every request with its status and receipt; for the accountant
 * (payments.reconcile), the bank statement's upload and the mismatches still to resolve.
 */
export default function PaymentsPage() {
  const { session } = useSession();
  const reconciles = hasPermission(session, 'payments.reconcile');
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const list = useApi('/api/v1/payments', { params: { query: { status, limit: 20, offset: (page - 1) * 20 } } }, { keepData: true });
  const mismatches = useApi(reconciles ? '/api/v1/payments/mismatches' : null);
  return (
    <>
      <PageHeading title={messages.paymentsTitle} subtitle={messages.paymentsSubtitle} />
      {reconciles && <StatementUpload onDone={() => { mismatches.reload(); list.reload(); }} />}
      {reconciles && mismatches.data && <MismatchList data={mismatches.data} />}
      <Card
        title={messages.paymentsListTitle}
        className="section-card" style={{ marginBottom: 16 }}
        extra={
          <Select<Status | undefined>
            allowClear
            placeholder={messages.paymentsAllStatuses}
            style={{ width: 180 }}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            data-testid="payments-status"
          />
        }
      >
        <Table<Payment>
          data-testid="payments-list"
          rowKey="reference"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: messages.paymentsEmpty }}
          columns={[
            { title: messages.paymentsCreatedAt, dataIndex: 'createdAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            { title: messages.payReference, dataIndex: 'reference', render: (v: string) => <span className="svc-code">{v}</span> },
            { title: messages.paymentsDossier, dataIndex: 'subjectCode', render: (v: string | null) => v ?? messages.none },
            { title: messages.paymentsPayer, dataIndex: 'payerName' },
            { title: messages.payAmount, dataIndex: 'amount', align: 'right', render: (v: number) => formatMoney(v) },
            { title: messages.paymentsStatusColumn, dataIndex: 'status', render: (v: Status, p) => <Tag color={STATUS_COLOR[v]}>{p.statusLabel}</Tag> },
            { title: messages.payPaidAt, dataIndex: 'paidAt', render: (v: string | null) => (v ? formatDateTime(v) : messages.none) },
            { title: messages.payReceiptNumber, dataIndex: 'receiptNumber', render: (v: string | null) => v ?? messages.none },
          ]}
        />
      </Card>
    </>
  );
}
