import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Input, Select, Table, Tag, Typography } from 'antd';
import { api, ok } from '../../../api.js';
import { PageHeading } from '../../../components/PageHeading.js';
import { DayColumns } from '../../../lodging/Bars.js';
import { formatDate, formatNumber } from '../../../format.js';
import { exchangeStatusLabels, messages } from '../../../messages.js';
import type { Answer } from '../../../api.js';
import { useServices } from './GrantsPage.js';
import { errorText } from './shared.js';

type Report = Answer<'/api/v1/exchange/usage/daily'>;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day of the span, those without calls at zero: a gap reads as no calls. */
function perDay(r: Report) {
  const answered = new Map<string, number>();
  const refused = new Map<string, number>();
  for (const d of r.days) answered.set(d.day, (answered.get(d.day) ?? 0) + d.calls);
  // Every refused answer (those for want of consent included) has its error status in the signed log.
  for (const x of r.refusals) refused.set(x.day, (refused.get(x.day) ?? 0) + x.calls);
  const out: { day: string; values: number[] }[] = [];
  for (let ms = Date.parse(r.from); ms <= Date.parse(r.to); ms += DAY_MS) {
    const day = isoDay(ms);
    out.push({ day, values: [answered.get(day) ?? 0, refused.get(day) ?? 0] });
  }
  return out;
}

/** The administrator and the data owner: the agencies' calls per day (a chart and the tables behind it). */
export default function UsagePage() {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<number | undefined>();
  const [span, setSpan] = useState<{ from?: string; to?: string }>({});
  const { titles } = useServices();

  useEffect(() => {
    ok(api.GET('/api/v1/exchange/usage/daily', { params: { query: { ...span, ...(agencyId ? { agencyId } : {}) } } })).then((r) => {
      setReport(r);
      setError(null);
    }, (err: unknown) => setError(errorText(err)));
  }, [agencyId, span]);

  // The agencies seen in the span (the data owner has no list of agencies of their own).
  const agencies = useMemo(() => {
    const seen = new Map<number, string>();
    for (const d of [...(report?.days ?? []), ...(report?.refusals ?? [])]) seen.set(d.agencyId, d.agencyName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [report]);

  return (
    <div className="page" data-testid="exchange-usage-page">
      <PageHeading title={messages.exUsageTitle} subtitle={messages.exUsageSubtitle} />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <div className="exchange-filters">
        <span>{messages.exUsageSpan}</span>
        <Input type="date" value={span.from ?? report?.from ?? ''} onChange={(e) => setSpan((s) => ({ ...s, from: e.target.value || undefined }))} style={{ width: 160 }} data-testid="usage-from" />
        <Input type="date" value={span.to ?? report?.to ?? ''} onChange={(e) => setSpan((s) => ({ ...s, to: e.target.value || undefined }))} style={{ width: 160 }} data-testid="usage-to" />
        <Select allowClear placeholder={messages.exUsageAllAgencies} value={agencyId} onChange={setAgencyId} options={agencies} style={{ minWidth: 260 }} data-testid="usage-agency" />
      </div>
      {report && (
        <>
          <Card className="page-alert">
            {report.days.length || report.refusals.length
              ? <DayColumns days={perDay(report)} legend={[messages.exUsageAnswered, messages.exUsageRefused]} testId="usage-chart" />
              : <Typography.Text type="secondary" data-testid="usage-none">{messages.exUsageNone}</Typography.Text>}
          </Card>
          <Typography.Title level={4}>{messages.exUsageByGrant}</Typography.Title>
          <Table
            rowKey={(d) => `${d.day}/${d.grantId}`}
            size="small"
            pagination={false}
            dataSource={[...report.days].reverse()}
            locale={{ emptyText: messages.exUsageNone }}
            data-testid="usage-days"
            onRow={(d) => ({ 'data-testid': 'usage-day-row', 'data-calls': d.calls }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: messages.exUsageDay, key: 'day', render: (_, d) => formatDate(d.day) },
              { title: messages.exGrantAgency, dataIndex: 'agencyName', key: 'agency' },
              { title: messages.exGrantService, key: 'service', render: (_, d) => titles.get(d.service) ?? d.service },
              { title: messages.exUsageCalls, key: 'calls', align: 'right', render: (_, d) => <span data-testid="usage-calls">{formatNumber(d.calls)}</span> },
              {
                title: messages.exUsageQuotaUsed, key: 'quota', align: 'right',
                render: (_, d) => <Tag color={d.calls >= d.dailyQuota ? 'red' : d.calls >= 0.8 * d.dailyQuota ? 'gold' : 'default'}>{`${formatNumber(d.calls)} / ${formatNumber(d.dailyQuota)}`}</Tag>,
              },
              { title: messages.exUsageNoConsent, key: 'consent', align: 'right', render: (_, d) => formatNumber(d.refusedNoConsent ?? 0) },
            ]}
          />
          <Typography.Title level={4}>{messages.exUsageRefusals}</Typography.Title>
          <Typography.Paragraph type="secondary">{messages.exUsageRefusalsHint}</Typography.Paragraph>
          <Table
            rowKey={(x) => `${x.day}/${x.agencyId}/${x.endpoint}/${x.status}/${x.problem ?? ''}`}
            size="small"
            pagination={false}
            dataSource={[...report.refusals].reverse()}
            locale={{ emptyText: messages.exUsageNone }}
            data-testid="usage-refusals"
            onRow={() => ({ 'data-testid': 'usage-refusal-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: messages.exUsageDay, key: 'day', render: (_, x) => formatDate(x.day) },
              { title: messages.exGrantAgency, dataIndex: 'agencyName', key: 'agency' },
              { title: messages.exUsageEndpoint, key: 'endpoint', render: (_, x) => <span className="mono">{x.endpoint}</span> },
              { title: messages.exUsageStatus, key: 'status', render: (_, x) => `${x.status} · ${exchangeStatusLabels[x.status] ?? ''}` },
              { title: messages.exUsageProblem, key: 'problem', render: (_, x) => (x.problem ? <span className="mono" data-testid="usage-refusal-problem">{x.problem}</span> : '—') },
              { title: messages.exUsageCount, key: 'calls', align: 'right', render: (_, x) => formatNumber(x.calls) },
            ]}
          />
        </>
      )}
    </div>
  );
}
