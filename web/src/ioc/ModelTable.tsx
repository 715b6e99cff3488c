import type { HTMLAttributes } from 'react';
import { Table, Tag } from 'antd';
import { formatDate, formatInstantDate } from '../format.js';
import { messages, t } from '../messages.js';
import { StatusTag } from './planStatus.js';
import type { PlanModel } from './types.js';

/**
 * A model has one number on screen and in the monthly report: its number in the province's plan ("1.1").
 * Its number in the national list of 43 models ("Số 9 toàn quốc") is shown beside the name where it differs.
 */
export function NationalTag({ national, number }: { national: number | null; number?: string }) {
  return national === null || String(national) === number ? null : (
    <Tag className="national-tag" data-testid="model-national">
      {t('planNational', { n: national })}
    </Tag>
  );
}

/** A platform figure ("tự động") or one a unit typed in ("nhập tay"), with where it comes from. */
export function IndicatorLine({ indicator }: { indicator: PlanModel['indicators'][number] }) {
  const auto = indicator.kind === 'platform';
  return (
    <div className="model-indicator" title={indicator.source} data-testid="model-indicator" data-kind={indicator.kind}>
      <Tag color={auto ? 'gold' : 'purple'} className="model-indicator-kind">
        {auto ? messages.planIndicatorAuto : messages.planIndicatorManual}
      </Tag>
      {indicator.label}: <strong>{indicator.value}</strong>
    </div>
  );
}

/** The models of one group of a plan; overdue rows stand out in red; a click opens the model. */
export function ModelTable({ models, onOpen }: { models: PlanModel[]; onOpen: (number: string) => void }) {
  return (
    <Table<PlanModel>
      rowKey="number"
      size="small"
      dataSource={models}
      pagination={false}
      rowClassName={(m) => `clickable-row${m.status === 'overdue' ? ' plan-model-overdue' : ''}`}
      onRow={(m) => ({ onClick: () => onOpen(m.number), 'data-testid': 'plan-model', 'data-number': m.number, 'data-status': m.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: <span title={messages.planNumberHint}>{messages.planNumber}</span>, dataIndex: 'number', width: 72 },
        {
          title: messages.planModelName,
          key: 'name',
          render: (_, m) => (
            <div>
              <NationalTag national={m.national} number={m.number} />
              <span className="model-name">{m.name}</span>
            </div>
          ),
        },
        { title: messages.planLeadUnit, dataIndex: 'leadUnit', width: 180, render: (v: string | null) => v ?? messages.none },
        {
          title: messages.planDeadline,
          key: 'deadline',
          width: 110,
          render: (_, m) => (m.deadline ? formatDate(m.deadline) : (m.deadlineText ?? messages.none)),
        },
        { title: messages.planStatus, key: 'status', width: 130, render: (_, m) => <StatusTag status={m.status} label={m.statusLabel} /> },
        {
          title: messages.planIndicators,
          key: 'indicators',
          width: 260,
          render: (_, m) => (m.indicators.length ? m.indicators.map((i) => <IndicatorLine key={`${i.kind}:${i.label}`} indicator={i} />) : messages.none),
        },
        {
          title: messages.planLatest,
          key: 'latest',
          width: 260,
          render: (_, m) =>
            m.updatedAt ? (
              <div className="model-latest" data-testid="model-latest">
                {m.note && <div>{m.note}</div>}
                {m.problems && <div className="model-problems">{t('planProblemsLine', { text: m.problems })}</div>}
                <div className="muted">{t('planUpdatedBy', { by: m.updatedBy ?? messages.none, at: formatInstantDate(m.updatedAt) })}</div>
              </div>
            ) : (
              <span className="muted">{messages.planNoReport}</span>
            ),
        },
      ]}
    />
  );
}
