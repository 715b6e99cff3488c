import { Col, Row, Table } from 'antd';
import { DayColumns } from '../../lodging/Bars.js';
import { messages } from '../../messages.js';
import { formatCount } from '../../format.js';
import { IocPage, periodLine, Section, useDashboard } from '../../ioc/IocPage.js';
import { KpiTiles } from '../../ioc/KpiTiles.js';
import { MonthColumns } from '../../ioc/MonthColumns.js';

/** Operations centre, public order (model 40): stays, late declarations, long stays, alerts, moves. */
export default function PublicOrderPage() {
  const { data, loading } = useDashboard('/api/v1/ioc/public-order', true);
  const waiting = loading && !data;

  return (
    <IocPage title={messages.iocPublicOrderTitle} subtitle={periodLine(data)} period testId="ioc-public-order-page">
      <KpiTiles
        loading={waiting}
        items={[
          { key: 'stays', label: messages.iocStays, value: data?.stays },
          { key: 'lateStays', label: messages.iocLateStays, value: data?.lateStays, warn: true },
          { key: 'longStays', label: messages.iocLongStays, value: data?.longStays, warn: true },
          { key: 'alerts', label: messages.iocAlerts, value: data?.alerts, warn: true },
        ]}
      />
      <Section title={messages.iocStaysByDay} loading={waiting}>
        <DayColumns days={(data?.staysByDay ?? []).map((d) => ({ day: d.day, values: [d.guests] }))} legend={[messages.iocStays]} testId="ioc-stays-by-day" />
      </Section>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Section title={messages.iocMovesByMonth} loading={waiting}>
            <MonthColumns months={(data?.moves ?? []).map((m) => ({ month: m.month, values: [m.arrivals] }))} legend={[messages.iocMoves]} testId="ioc-moves" />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={messages.iocStaysByCommune} loading={waiting}>
            <Table
              rowKey="communeCode"
              size="small"
              dataSource={data?.staysByCommune ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: messages.statsEmpty }}
              data-testid="ioc-stays-by-commune"
              columns={[
                { title: messages.commune, dataIndex: 'communeName' },
                { title: messages.iocStays, dataIndex: 'guests', width: 120, align: 'right', render: formatCount, sorter: (a, b) => a.guests - b.guests },
                { title: messages.iocLateStays, dataIndex: 'late', width: 110, align: 'right', render: formatCount, sorter: (a, b) => a.late - b.late },
              ]}
            />
          </Section>
        </Col>
      </Row>
    </IocPage>
  );
}
