import { useState } from 'react';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { PageHeading } from '../../components/PageHeading.js';
import { DATE_FORMAT, formatDate, WIRE_DATE } from '../../format.js';
import { StatisticsView } from '../../lodging/StatisticsView.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';

/** Police: guests of the area over a period, by day, kind of facility, nationality, age, length of stay and commune. */
export default function PoliceStatisticsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const { data, loading } = useApi('/api/v1/lodging/statistics', { params: { query: { from: range?.[0].format(WIRE_DATE), to: range?.[1].format(WIRE_DATE) } } });

  return (
    <div className="page" data-testid="police-statistics-page">
      <PageHeading
        title={messages.statsTitle}
        subtitle={data ? t('statsPeriod', { from: formatDate(data.from), to: formatDate(data.to) }) : messages.statsHint}
        extra={
          <div className="filter-field">
            <label className="field-label" htmlFor="stats-from">
              {messages.statsRangeLabel}
            </label>
            <label className="sr-only" htmlFor="stats-to">
              {messages.staysTo}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'stats-from', end: 'stats-to' }}
              format={DATE_FORMAT}
              value={range}
              onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
              data-testid="stats-range"
            />
          </div>
        }
      />
      <StatisticsView data={data} loading={loading} />
    </div>
  );
}
