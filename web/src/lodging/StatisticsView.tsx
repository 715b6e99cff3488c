import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Table } from 'antd';
import { messages, t } from '../messages.js';
import { figure, formatCount } from '../format.js';
import { Bars, DayColumns } from './Bars.js';
import type { Statistics } from './types.js';

type Totals = Statistics['totals'];
const TOTALS: { key: keyof Totals; label: string }[] = [
  { key: 'guests', label: messages.statsGuests },
  { key: 'domestic', label: messages.statsDomestic },
  { key: 'international', label: messages.statsInternational },
  { key: 'late', label: messages.statsLate },
  { key: 'longStays', label: messages.statsLongStays },
  { key: 'facilitiesRegistered', label: messages.facilitiesRegistered },
  { key: 'facilitiesDeclaring', label: messages.statsFacilitiesDeclaring },
];

/**
 * Guests of an area over a period (the lodging statistics): totals, by day, kind of facility, nationality,
 * age, length of stay and commune. Shown to the police (/police/statistics) and in the operations centre
 * (/ioc/tourism).
 */
export function StatisticsView({ data, loading }: { data: Statistics | null; loading: boolean }) {
  const card = (title: string, children: ReactNode) => (
    <Card title={title} className="section-card" loading={loading && !data}>
      {children}
    </Card>
  );

  return (
    <>
      <Row gutter={[16, 16]}>
        {TOTALS.map((x) => (
          <Col key={x.key} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic title={x.label} value={data?.totals[x.key] ?? 0} loading={loading && !data} formatter={figure} data-testid={`stats-${x.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {card(messages.statsByDay, <DayColumns days={(data?.byDay ?? []).map((d) => ({ day: d.day, values: [d.domestic, d.international] }))} legend={[messages.statsDomestic, messages.statsInternational]} />)}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {card(messages.statsByKind, <Bars rows={(data?.byFacilityKind ?? []).map((k) => ({ key: k.kind, label: k.label, values: [k.guests] }))} testId="stats-by-kind" />)}
        </Col>
        <Col xs={24} lg={12}>
          {card(messages.statsByNationality, <Bars rows={(data?.byNationality ?? []).map((n) => ({ key: n.nationality, label: n.name, values: [n.guests] }))} testId="stats-by-nationality" />)}
        </Col>
        <Col xs={24} lg={12}>
          {card(
            messages.statsByAge,
            <Bars
              rows={(data?.byAgeGroup ?? []).map((g) => ({ key: g.group, label: g.group, values: [g.male, g.female, g.unknown] }))}
              legend={[messages.statsMale, messages.statsFemale, messages.statsSexUnknown]}
              testId="stats-by-age"
            />,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {card(messages.statsByLength, <Bars rows={(data?.byLengthOfStay ?? []).map((l) => ({ key: l.nights, label: t('statsNights', { nights: l.nights }), values: [l.guests] }))} testId="stats-by-length" />)}
        </Col>
      </Row>
      {card(
        messages.statsByCommune,
        <Table
          rowKey="communeCode"
          size="small"
          dataSource={data?.byCommune ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: messages.statsEmpty }}
          columns={[
            { title: messages.commune, dataIndex: 'communeName' },
            { title: messages.statsGuests, dataIndex: 'guests', width: 120, align: 'right', render: formatCount },
            { title: messages.statsLate, dataIndex: 'late', width: 120, align: 'right', render: formatCount },
          ]}
        />,
      )}
    </>
  );
}
