import { useParams, useSearchParams } from 'react-router-dom';
import { Alert, Card, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import { useIocApi } from '../../ioc/useIocApi.js';
import { ModelDrawer } from '../../ioc/ModelDrawer.js';
import { ModelTable } from '../../ioc/ModelTable.js';
import { PlanProgress, STATUS_ORDER } from '../../ioc/planStatus.js';
import { ReportDownloads } from '../../ioc/ReportDownloads.js';
import type { Plan, PlanModel } from '../../ioc/types.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The plan's groups in order, each with its models; models of no known group come last. */
function grouped(plan: Plan): { key: string; title: string; models: PlanModel[] }[] {
  const known = new Set(plan.groups.map((g) => g.number));
  const groups = plan.groups.map((g) => ({ key: g.number, title: `${g.number}. ${g.name}`, models: plan.models.filter((m) => m.group === g.number) }));
  const rest = plan.models.filter((m) => !known.has(m.group));
  return [...groups, ...(rest.length ? [{ key: '-', title: messages.planOtherModels, models: rest }] : [])].filter((g) => g.models.length);
}

/**
 * One plan: its models by group with status, indicators and latest report; overdue models in red with a
 * banner for the working group; a drawer per model (`?model=`) and the month (`?month=`) in the URL.
 */
export default function PlanPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const canReport = session?.permissions.includes('plans.report') ?? false;
  const asked = params.get('month') ?? '';
  const { data, loading, reload } = useIocApi('/api/v1/plans/{id}', { params: { path: { id }, query: { month: MONTH.test(asked) ? asked : undefined } } });
  const month = MONTH.test(asked) ? asked : (data?.month ?? dayjs().format('YYYY-MM'));
  const open = data?.models.find((m) => m.number === params.get('model')) ?? null;
  const overdue = data?.models.filter((m) => m.status === 'overdue').length ?? 0;
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, data?.models.filter((m) => m.status === s).length ?? 0])) as Record<PlanModel['status'], number>;

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'model' });
  };

  return (
    <div className="page ioc-page" data-testid="ioc-plan-page">
      <PageHeading
        title={data?.title ?? messages.plansTitle}
        subtitle={
          data &&
          [data.issuer, data.documentNumber, data.issuedOn && formatDate(data.issuedOn), data.reportingDay && t('planReportingDay', { day: data.reportingDay })]
            .filter(Boolean)
            .join(' · ')
        }
      />
      <Card className="section-card" loading={loading && !data}>
        <div className="plan-toolbar">
          <PlanProgress counts={counts} />
          <Space wrap>
            <label htmlFor="plan-month">{messages.planMonth}</label>
            <DatePicker
              id="plan-month"
              picker="month"
              format="MM/YYYY"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(v) => v && setParam('month', v.format('YYYY-MM'))}
              data-testid="plan-month"
            />
            {canReport && <ReportDownloads planId={id} month={month} />}
          </Space>
        </div>
      </Card>
      {overdue > 0 && (
        <Alert className="page-alert" type="error" showIcon title={t('planOverdueBanner', { n: overdue })} description={messages.planOverdueDetail} data-testid="plan-overdue-banner" data-count={overdue} />
      )}
      {data &&
        grouped(data).map((g) => (
          <Card key={g.key} title={g.title} className="section-card" data-testid="plan-group" data-group={g.key}>
            <ModelTable models={g.models} onOpen={(number) => setParam('model', number)} />
          </Card>
        ))}
      <ModelDrawer planId={id} model={open} canReport={canReport} onClose={() => setParam('model', null)} onReported={reload} />
    </div>
  );
}
