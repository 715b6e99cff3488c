import { useState } from 'react';
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { PageHeading } from '../../components/PageHeading.js';
import { DATE_FORMAT, formatDate, WIRE_DATE } from '../../format.js';
import { Bars, DayColumns } from '../../lodging/Bars.js';
import type { Statistics } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';

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

/** Police: guests of the area over a period, by day, kind of facility, nationality, age, length of stay and commune. */
export default function PoliceStatisticsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const { data, loading } = useApi<Statistics>('/api/v1/lodging/statistics', { from: range?.[0].format(WIRE_DATE), to: range?.[1].format(WIRE_DATE) });
  const card = (title: string, children: React.ReactNode) => (
    <Card title={title} className="section-card" loading={loading && !data}>
      {children}
    </Card>
  );

  return (
    <div className="page" data-testid="police-statistics-page">
      <PageHeading
        title={messages.statsTitle}
        subtitle={data ? t('statsPeriod', { from: formatDate(data.from), to: formatDate(data.to) }) : messages.statsHint}
        extra={<DatePicker.RangePicker format={DATE_FORMAT} value={range} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} data-testid="stats-range" />}
      />
      <Row gutter={[16, 16]}>
        {TOTALS.map((x) => (
          <Col key={x.key} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic title={x.label} value={data?.totals[x.key] ?? 0} loading={loading && !data} data-testid={`stats-${x.key}`} />
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
            { title: messages.statsGuests, dataIndex: 'guests', width: 120, align: 'right' },
            { title: messages.statsLate, dataIndex: 'late', width: 120, align: 'right' },
          ]}
        />,
      )}
    </div>
  );
}
