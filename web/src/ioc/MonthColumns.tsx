import { Empty, Tooltip } from 'antd';
import { Legend, niceCeiling, TONES, YAxis } from '../lodging/Bars.js';
import { messages } from '../messages.js';
import { formatMonth, formatNumber } from '../format.js';

/** 'YYYY-MM' → the month after it. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last given (sorted), those without a row at zero: a gap reads as nothing happened. */
function continuous(months: { month: string; values: number[] }[], series: number) {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  if (!sorted.length) return sorted;
  const byMonth = new Map(sorted.map((m) => [m.month, m.values]));
  const out: { month: string; values: number[] }[] = [];
  for (let m = sorted[0].month; m <= sorted[sorted.length - 1].month && out.length < 120; m = nextMonth(m)) {
    out.push({ month: m, values: byMonth.get(m) ?? Array<number>(series).fill(0) });
  }
  return out;
}

/** Grouped (side by side) columns per month, one per series of `legend`: births, deaths and moves. */
export function MonthColumns({ months: given, legend, testId }: { months: { month: string; values: number[] }[]; legend: string[]; testId?: string }) {
  const months = continuous(given, legend.length);
  if (!months.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = niceCeiling(Math.max(...months.flatMap((m) => m.values)));
  return (
    <div className="bars" data-testid={testId}>
      <Legend legend={legend} />
      <div className="column-chart">
        <YAxis top={max} />
        <div className="month-columns">
          {months.map((m) => (
            <Tooltip key={m.month} title={`${formatMonth(m.month)}: ${legend.map((l, i) => `${l} ${formatNumber(m.values[i])}`).join(', ')}`}>
              <span className="month-group" data-month={m.month} data-values={m.values.join(',')}>
                {m.values.map((v, i) => (
                  <span key={i} className="month-slot">
                    <span className={`month-bar ${TONES[i % TONES.length]}`} style={{ height: `${(v / max) * 100}%` }}>
                      <span className="month-value" data-testid="month-value">{formatNumber(v)}</span>
                    </span>
                  </span>
                ))}
              </span>
            </Tooltip>
          ))}
        </div>
      </div>
      <div className="month-axis column-chart-axis">
        {months.map((m) => (
          <span key={m.month}>{formatMonth(m.month)}</span>
        ))}
      </div>
    </div>
  );
}
