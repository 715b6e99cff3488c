import { Descriptions, Drawer, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { formatDate, formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { useApi } from '../useApi.js';
import { ModelReportForm } from './ModelReportForm.js';
import { IndicatorLine, NationalTag } from './ModelTable.js';
import { StatusTag } from './planStatus.js';
import type { ModelHistory, PlanModel } from './types.js';

const list = (items: string[]) => (items.length ? items.join('; ') : messages.none);

/** What the plan says of the model: goal, units, forces, tools, pilot sites, deadline, funding, steps. */
function ModelFacts({ model: m }: { model: PlanModel }) {
  return (
    <>
      <Descriptions column={1} size="small" bordered className="model-facts" styles={{ label: { width: 170 } }}>
        <Descriptions.Item label={messages.modelGoal}>{m.goal ?? messages.none}</Descriptions.Item>
        <Descriptions.Item label={messages.planLeadUnit}>{m.leadUnit ?? messages.none}</Descriptions.Item>
        <Descriptions.Item label={messages.modelCooperating}>{list(m.cooperatingUnits)}</Descriptions.Item>
        <Descriptions.Item label={messages.modelForces}>{m.forces ?? messages.none}</Descriptions.Item>
        <Descriptions.Item label={messages.modelTools}>{m.tools.length ? m.tools.map((x) => <Tag key={x}>{x}</Tag>) : messages.none}</Descriptions.Item>
        <Descriptions.Item label={messages.modelPilotSites}>{list(m.pilotSites)}</Descriptions.Item>
        <Descriptions.Item label={messages.planDeadline}>{m.deadlineText ?? (m.deadline ? formatDate(m.deadline) : messages.none)}</Descriptions.Item>
        <Descriptions.Item label={messages.modelFunding}>{m.funding ?? messages.none}</Descriptions.Item>
      </Descriptions>
      {m.steps.length > 0 && (
        <>
          <div className="subsection-title">{messages.modelSteps}</div>
          <ol className="model-steps">
            {m.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      )}
      {m.indicators.length > 0 && (
        <>
          <div className="subsection-title">{messages.planIndicators}</div>
          {m.indicators.map((i) => (
            <IndicatorLine key={`${i.kind}:${i.label}`} indicator={i} />
          ))}
        </>
      )}
    </>
  );
}

/** Every report on the model, newest first. */
function History({ data, loading }: { data: ModelHistory | null; loading: boolean }) {
  if (loading && !data) return <Skeleton active />;
  if (!data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.modelNoHistory} />;
  return (
    <Timeline
      data-testid="model-history"
      items={data.map((h, i) => ({
        key: i,
        content: (
          <div className="model-history-item" data-testid="model-history-item">
            <div>
              <StatusTag status={h.status as PlanModel['status']} label={h.statusLabel} /> <span className="muted">{t('planUpdatedBy', { by: h.by, at: formatDateTime(h.at) })}</span>
            </div>
            {h.note && <div>{h.note}</div>}
            {h.evidence && <div className="muted">{t('planEvidenceLine', { text: h.evidence })}</div>}
            {h.problems && <div className="model-problems">{t('planProblemsLine', { text: h.problems })}</div>}
            {h.indicatorLabel && (
              <div>
                {h.indicatorLabel}: <strong>{h.indicatorValue}</strong>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/**
 * One model of a plan: what the plan says, the history of reports and, for the working group, the
 * form to report progress.
 */
export function ModelDrawer({ planId, model, canReport, onClose, onReported }: { planId: string; model: PlanModel | null; canReport: boolean; onClose: () => void; onReported: () => void }) {
  const history = useApi(model ? '/api/v1/plans/{id}/models/{number}/reports' : null, { params: { path: { id: planId, number: model?.number ?? '' } } });
  return (
    <Drawer
      open={model !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      data-testid="model-drawer"
      title={
        model && (
          <span>
            {model.number}. {model.name}
          </span>
        )
      }
    >
      {model && (
        <div className="model-drawer" data-number={model.number}>
          <div className="model-drawer-tags">
            <NationalTag national={model.national} number={model.number} />
            <StatusTag status={model.status} label={model.statusLabel} />
          </div>
          <ModelFacts model={model} />
          <Typography.Title level={5} className="subsection-title">
            {messages.modelHistory}
          </Typography.Title>
          <History data={history.data} loading={history.loading} />
          {canReport && (
            <>
              <Typography.Title level={5} className="subsection-title">
                {messages.modelReport}
              </Typography.Title>
              <ModelReportForm
                planId={planId}
                model={model}
                onReported={() => {
                  history.reload();
                  onReported();
                }}
              />
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
