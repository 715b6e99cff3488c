import { Card, Statistic } from 'antd';
import { formatNumber } from '../format.js';

export interface Kpi {
  key: string;
  label: string;
  value: number | undefined;
  /** How the value reads (default: a whole number with Vietnamese grouping). */
  format?: (n: number) => string;
  /** A tile that calls for attention (overdue, late). */
  warn?: boolean;
}

/** The headline numbers of a dashboard, side by side; each tile carries its raw value (`data-value`). */
export function KpiTiles({ items, loading }: { items: Kpi[]; loading: boolean }) {
  return (
    <div className="ioc-kpis">
      {items.map((k) => (
        <Card key={k.key} size="small" className={`ioc-kpi${k.warn && k.value ? ' ioc-kpi-warn' : ''}`} data-testid={`kpi-${k.key}`} data-value={k.value ?? ''}>
          <Statistic title={k.label} value={k.value ?? 0} loading={loading && k.value === undefined} formatter={() => (k.format ?? formatNumber)(k.value ?? 0)} />
        </Card>
      ))}
    </div>
  );
}
