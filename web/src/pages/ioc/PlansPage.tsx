import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Card, Table } from 'antd';
import { PageHeading } from '../../components/PageHeading.js';
import { formatCount, formatDate } from '../../format.js';
import { messages } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { PlanProgress } from '../../ioc/planStatus.js';
import type { PlanSummary } from '../../ioc/types.js';

/** The plan tracker: every imported Project 06 plan, with its models by status. */
export default function PlansPage() {
  const { data, loading } = useApi('/api/v1/plans');

  return (
    <div className="page ioc-page" data-testid="ioc-plans-page">
      <PageHeading title={messages.plansTitle} subtitle={messages.plansHint} />
      <Card className="section-card">
        <Table<PlanSummary>
          rowKey="id"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          locale={{ emptyText: messages.planNone }}
          onRow={(p) => ({ 'data-testid': 'plan-row', 'data-id': p.id }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: messages.planTitle,
              key: 'title',
              render: (_, p) => (
                <div className="plan-title-cell">
                  <Link to={`/ioc/plans/${p.id}`} data-testid="plan-link">
                    {p.title}
                  </Link>
                  <div className="muted">
                    {[p.documentNumber, p.issuedOn && formatDate(p.issuedOn), p.provinceName].filter(Boolean).join(' · ')}
                  </div>
                </div>
              ),
            },
            { title: messages.planIssuer, dataIndex: 'issuer', width: 240 },
            { title: messages.planModels, dataIndex: 'models', width: 100, align: 'right', render: formatCount },
            { title: messages.planProgress, key: 'progress', width: 360, render: (_, p) => <PlanProgress counts={p.counts} /> },
          ]}
        />
      </Card>
    </div>
  );
}
