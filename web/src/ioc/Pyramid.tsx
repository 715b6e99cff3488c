import { Empty, Tooltip } from 'antd';
import { Legend } from '../lodging/Bars.js';
import { messages } from '../messages.js';
import { formatNumber } from '../format.js';

export interface PyramidRow {
  band: string;
  male: number;
  female: number;
}

/** The lower bound of a band ('0-4', '80+'), to put the oldest at the top whatever order the rows come in. */
const lowerBound = (band: string) => Number.parseInt(band, 10) || 0;

function Side({ value, max, tone, title }: { value: number; max: number; tone: string; title: string }) {
  return (
    <span className="pyramid-side">
      <Tooltip title={title}>
        <span className={`pyramid-bar ${tone}`} style={{ width: `${(value / max) * 100}%` }} />
      </Tooltip>
      <span className="pyramid-value">{formatNumber(value)}</span>
    </span>
  );
}

/** Age pyramid by sex: two-sided horizontal bars (men left, women right), the oldest band at the top. */
export function Pyramid({ rows }: { rows: PyramidRow[] }) {
  if (!rows.some((r) => r.male + r.female > 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const max = Math.max(1, ...rows.flatMap((r) => [r.male, r.female]));
  const ordered = [...rows].sort((a, b) => lowerBound(b.band) - lowerBound(a.band));
  return (
    <div className="pyramid" data-testid="age-pyramid">
      <Legend legend={[messages.statsMale, messages.statsFemale]} />
      {ordered.map((r) => (
        <div key={r.band} className="pyramid-row" data-band={r.band} data-male={r.male} data-female={r.female}>
          <span className="pyramid-half pyramid-male">
            <Side value={r.male} max={max} tone="bar-tone-0" title={`${messages.statsMale} ${r.band}: ${formatNumber(r.male)}`} />
          </span>
          <span className="pyramid-band">{r.band}</span>
          <span className="pyramid-half pyramid-female">
            <Side value={r.female} max={max} tone="bar-tone-1" title={`${messages.statsFemale} ${r.band}: ${formatNumber(r.female)}`} />
          </span>
        </div>
      ))}
    </div>
  );
}
