import { Empty, Tooltip } from 'antd';
import { messages } from '../messages.js';

export interface BarRow {
  key: string;
  label: string;
  /** One value, or the parts of a stacked bar (in the order of `legend`). */
  values: number[];
}

export const TONES = ['bar-tone-0', 'bar-tone-1', 'bar-tone-2'];

export function Legend({ legend }: { legend: string[] }) {
  return (
    <div className="bars-legend">
      {legend.map((l, i) => (
        <span key={l}>
          <span className={`bars-swatch ${TONES[i]}`} /> {l}
        </span>
      ))}
    </div>
  );
}

/** Horizontal bars, one row per label, scaled to the largest total: enough of a chart for a few categories. */
export function Bars({ rows, legend, testId }: { rows: BarRow[]; legend?: string[]; testId?: string }) {
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return (
    <div className="bars" data-testid={testId}>
      {legend && legend.length > 1 && <Legend legend={legend} />}
      {rows.map((r) => {
        const total = r.values.reduce((a, b) => a + b, 0);
        return (
          <div key={r.key} className="bars-row" data-key={r.key} data-value={total}>
            <span className="bars-label">{r.label}</span>
            <span className="bars-track">
              {r.values.map((v, i) =>
                v > 0 ? (
                  <Tooltip key={i} title={legend ? `${legend[i]}: ${v}` : v}>
                    <span className={`bars-bar ${TONES[i % TONES.length]}`} style={{ width: `${(v / max) * 100}%` }} />
                  </Tooltip>
                ) : null,
              )}
            </span>
            <span className="bars-value">{total}</span>
          </div>
        );
      })}
    </div>
  );
}

/** Columns per day (stacked), for the trend over the period. */
export function DayColumns({ days, legend, testId = 'stats-by-day' }: { days: { day: string; values: number[] }[]; legend: string[]; testId?: string }) {
  if (!days.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = Math.max(1, ...days.map((d) => d.values.reduce((a, b) => a + b, 0)));
  return (
    <div className="bars" data-testid={testId}>
      <Legend legend={legend} />
      <div className="day-columns">
        {days.map((d) => {
          const total = d.values.reduce((a, b) => a + b, 0);
          const label = d.day.split('-').reverse().join('/');
          return (
            <Tooltip key={d.day} title={`${label}: ${legend.map((l, i) => `${l} ${d.values[i]}`).join(', ')}`}>
              <span className="day-column" data-day={d.day} data-value={total}>
                {d.values.map((v, i) => (
                  <span key={i} className={`day-column-part ${TONES[i]}`} style={{ height: `${(v / max) * 100}%` }} />
                ))}
              </span>
            </Tooltip>
          );
        })}
      </div>
      <div className="day-columns-axis">
        <span>{days[0].day.split('-').reverse().join('/')}</span>
        <span>{days[days.length - 1].day.split('-').reverse().join('/')}</span>
      </div>
    </div>
  );
}
