import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { QueryOf } from '../api.js';

export type Scheme = NonNullable<QueryOf<'/api/v1/units'>['scheme']>;

/** What a dashboard shows: a unit of either scheme (empty: the officer's whole area) over a period. */
export interface IocFilter {
  scheme: Scheme;
  unit: string;
  from?: string;
  to?: string;
}

const UNIT = /^\d{2,5}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dashboards' filter, kept in the URL query string (`?scheme=pre2025&unit=815&from=…&to=…`) so that
 * a link reproduces the view; anything malformed in it reads as absent.
 */
export function useIocFilter(): [IocFilter, (patch: Partial<IocFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.toString();
  const filter = useMemo<IocFilter>(() => {
    const p = new URLSearchParams(raw);
    const day = (k: string) => (DAY.test(p.get(k) ?? '') ? p.get(k)! : undefined);
    return {
      scheme: p.get('scheme') === 'pre2025' ? 'pre2025' : '2025',
      unit: UNIT.test(p.get('unit') ?? '') ? p.get('unit')! : '',
      from: day('from'),
      to: day('to'),
    };
  }, [raw]);

  const update = useCallback(
    (patch: Partial<IocFilter>) => {
      const next = { ...filter, ...patch };
      const out = new URLSearchParams();
      if (next.scheme !== '2025' || next.unit) out.set('scheme', next.scheme);
      if (next.unit) out.set('unit', next.unit);
      if (next.from && next.to) {
        out.set('from', next.from);
        out.set('to', next.to);
      }
      setParams(out);
    },
    [filter, setParams],
  );
  return [filter, update];
}

/** The query of a dashboard call; the period only for the dashboards that have one. */
export function dashboardQuery(f: IocFilter, period: boolean): { scheme?: Scheme; unit?: string; from?: string; to?: string } {
  return {
    scheme: f.unit ? f.scheme : undefined,
    unit: f.unit || undefined,
    from: period && f.from && f.to ? f.from : undefined,
    to: period && f.from && f.to ? f.to : undefined,
  };
}
