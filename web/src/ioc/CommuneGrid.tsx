import { Empty, Tooltip } from 'antd';
import { messages, t } from '../messages.js';
import { formatNumber } from '../format.js';
import type { Unit } from '../api/shapes.js';
import type { PopulationDashboard } from './types.js';

type Commune = PopulationDashboard['communes'][number];

/**
 * The dashboard lists only communes with residents: with the unit catalogue at hand (the whole province),
 * the others get their (empty) tile too, in code order.
 */
export function withEmptyCommunes(communes: Commune[], units: Unit[] | null): Commune[] {
  if (!units) return communes;
  const known = new Set(communes.map((c) => c.code));
  const empty = units.filter((u) => !known.has(u.code)).map((u) => ({ code: u.code, name: u.name, urban: u.type === 'Phường', people: 0, households: 0 }));
  return [...communes, ...empty].sort((a, b) => a.code.localeCompare(b.code));
}

const CLASSES = 5;

/** A round step for `CLASSES` equal classes up to `max` (78 → 20: 0–19, 20–39 … 80–99). */
function stepFor(max: number): number {
  const raw = Math.max(1, max) / CLASSES;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10;
  return Math.max(1, Math.ceil(nice * magnitude));
}


/**
 * One small square per commune, coloured by population on a sequential scale (with its legend); a click
 * filters the dashboard to that commune.
 */
export function CommuneGrid({ communes, selected, onPick }: { communes: Commune[]; selected?: string; onPick: (code: string) => void }) {
  if (!communes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.statsEmpty} />;
  const step = stepFor(Math.max(...communes.map((c) => c.people)));
  const tone = (people: number) => Math.min(CLASSES - 1, Math.floor(people / step));
  return (
    <div className="commune-grid-wrap">
      <div className="commune-grid" data-testid="commune-grid">
        {communes.map((c) => (
          <Tooltip
            key={c.code}
            title={
              <>
                <strong>{c.name}</strong> · {c.urban ? messages.iocUrban : messages.iocRural}
                <br />
                {t('iocCommuneTip', { people: formatNumber(c.people), households: formatNumber(c.households) })}
              </>
            }
          >
            <button
              type="button"
              className={`commune-tile commune-tone-${tone(c.people)}${c.code === selected ? ' commune-tile-selected' : ''}`}
              onClick={() => onPick(c.code)}
              aria-label={`${c.name}: ${formatNumber(c.people)}`}
              data-testid="commune-tile"
              data-code={c.code}
              data-name={c.name}
              data-people={c.people}
            >
              <span className="commune-tile-name">{c.name}</span>
              <span className="commune-tile-people">{formatNumber(c.people)}</span>
            </button>
          </Tooltip>
        ))}
      </div>
      <div className="commune-legend" data-testid="commune-legend">
        <span>{messages.iocPeopleUnit}</span>
        {Array.from({ length: CLASSES }, (_, i) => (
          <span key={i} className="commune-legend-item">
            <span className={`commune-swatch commune-tone-${i}`} />
            {i === CLASSES - 1 ? `≥ ${formatNumber(i * step)}` : `${formatNumber(i * step)}–${formatNumber((i + 1) * step - 1)}`}
          </span>
        ))}
      </div>
    </div>
  );
}
