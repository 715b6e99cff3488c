import { Empty, Tooltip } from 'antd';
import { formatDate, formatNumber } from '../format.js';
import { messages } from '../messages.js';

export interface BarRow {
  key: string;
  label: string;
  /** One value, or the parts of a stacked bar (in the order of `legend`). */
  values: number[];
}

export const TONES = ['bar-tone-0', 'bar-tone-1', 'bar-tone-2'];

/** Tones that carry a meaning, whatever the order of the series: a valid result is green, never red. */
export const OUTCOME_TONES = ['bar-tone-valid', 'bar-tone-invalid'];

/** The round number at or above `max` an axis ends at (0 → 1, 87 → 100, 1136 → 1500): its ticks read cleanly. */
export function niceCeiling(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * magnitude >= max) ?? 10;
  return Math.round(nice * magnitude);
}

/** The value axis of a column chart: its top, middle and zero, with Vietnamese separators. */
export function YAxis({ top }: { top: number }) {
  return (
    <div className="y-axis" aria-hidden="true">
      <span>{formatNumber(top)}</span>
      <span>{formatNumber(top / 2, 1)}</span>
      <span>0</span>
    </div>
  );
}

export function Legend({ legend, tones = TONES }: { legend: string[]; tones?: string[] }) {
  return (
    <div className="bars-legend">
      {legend.map((l, i) => (
        <span key={l}>
          <span className={`bars-swatch ${tones[i % tones.length]}`} /> {l}
        </span>
      ))}
    </div>
  );
}

/** Horizontal bars, one row per label, scaled to the largest total: enough of a chart for a few categories. */
export function Bars({ rows, legend, testId, tones = TONES }: { rows: BarRow[]; legend?: string[]; testId?: string; tones?: string[] }) {
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return (
    <div className="bars" data-testid={testId}>
      {legend && legend.length > 1 && <Legend legend={legend} tones={tones} />}
      {rows.map((r) => {
        const total = r.values.reduce((a, b) => a + b, 0);
        return (
          <div key={r.key} className="bars-row" data-key={r.key} data-value={total}>
            <span className="bars-label">{r.label}</span>
            <span className="bars-track">
              {r.values.map((v, i) =>
                v > 0 ? (
                  <Tooltip key={i} title={legend ? `${legend[i]}: ${formatNumber(v)}` : formatNumber(v)}>
                    <span className={`bars-bar ${tones[i % tones.length]}`} style={{ width: `${(v / max) * 100}%` }} />
                  </Tooltip>
                ) : null,
              )}
            </span>
            <span className="bars-value">{formatNumber(total)}</span>
          </div>
        );
      })}
    </div>
  );
}

/** Columns per day (stacked), for the trend over the period. */
export function DayColumns({ days, legend, testId = 'stats-by-day' }: { days: { day: string; values: number[] }[]; legend: string[]; testId?: string }) {
  if (!days.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = niceCeiling(Math.max(...days.map((d) => d.values.reduce((a, b) => a + b, 0))));
  return (
    <div className="bars" data-testid={testId}>
      <Legend legend={legend} />
      <div className="column-chart">
        <YAxis top={max} />
        <div className="day-columns">
          {days.map((d) => {
            const total = d.values.reduce((a, b) => a + b, 0);
            const label = formatDate(d.day);
            return (
              <Tooltip key={d.day} title={`${label}: ${legend.map((l, i) => `${l} ${formatNumber(d.values[i])}`).join(', ')}`}>
                <span className="day-column" data-day={d.day} data-value={total}>
                  {d.values.map((v, i) => (
                    <span key={i} className={`day-column-part ${TONES[i]}`} style={{ height: `${(v / max) * 100}%` }} />
                  ))}
                </span>
              </Tooltip>
            );
          })}
        </div>
      </div>
      <div className="day-columns-axis">
        <span>{formatDate(days[0].day)}</span>
        <span>{formatDate(days[days.length - 1].day)}</span>
      </div>
    </div>
  );
}
