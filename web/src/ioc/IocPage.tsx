import type { ReactNode } from 'react';
import { Card } from 'antd';
import { PageHeading } from '../components/PageHeading.js';
import { formatDate, formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { useIocApi } from './useIocApi.js';
import type { GetInit } from '../useApi.js';
import { dashboardQuery, useIocFilter } from './filter.js';
import { FilterBar } from './FilterBar.js';

/** A dashboard's answer for the filter in the URL (the period only where `period`). */
export function useDashboard<P extends DashboardPath>(path: P, period: boolean) {
  const [filter] = useIocFilter();
  // Every dashboard takes the unit filter; those without a period ignore from/to, which stay unset for them.
  return useIocApi(path, { params: { query: dashboardQuery(filter, period) } } as GetInit<P>);
}

type DashboardPath = '/api/v1/ioc/population' | '/api/v1/ioc/labour' | '/api/v1/ioc/tourism' | '/api/v1/ioc/public-order' | '/api/v1/ioc/readiness';

/** "Số liệu tổng hợp lúc …" for the dashboards over the pre-aggregated counts. */
export function refreshedLine(at: string | null | undefined): string | undefined {
  if (at === undefined) return undefined;
  return at ? t('iocRefreshedAt', { at: formatDateTime(at) }) : messages.iocNotRefreshed;
}

/** "Từ … đến …" for the dashboards over a period. */
export function periodLine(data: { from: string; to: string } | null | undefined): string | undefined {
  return data ? t('statsPeriod', { from: formatDate(data.from), to: formatDate(data.to) }) : undefined;
}

/** A titled card of a dashboard. */
export function Section({ title, loading, extra, children }: { title: string; loading: boolean; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} className="section-card" loading={loading}>
      {children}
    </Card>
  );
}

/** A dashboard page: heading, the shared filter bar, then its tiles and charts. */
export function IocPage({ title, subtitle, period = false, testId, children }: { title: string; subtitle?: string; period?: boolean; testId: string; children: ReactNode }) {
  return (
    <div className="page ioc-page" data-testid={testId}>
      <PageHeading title={title} subtitle={subtitle} />
      <FilterBar period={period} />
      {children}
    </div>
  );
}
