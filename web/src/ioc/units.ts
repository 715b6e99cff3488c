import { useEffect, useRef, useState } from 'react';
import { api, ok, type QueryOf } from '../api.js';
import type { Unit, UnitDetail } from '../api/shapes.js';
import type { Scheme } from './filter.js';

/** Units are reference data: each list is asked for once per page load. */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) {
    const p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key) as Promise<T>;
}

export const units = (query: QueryOf<'/api/v1/units'>): Promise<Unit[]> =>
  cached(`units ${JSON.stringify(query)}`, () => ok(api.GET('/api/v1/units', { params: { query } })));

export interface OldProvince {
  code: string;
  name: string;
  districts: Unit[];
}

export const communes2025 = (provinceCode: string) => units({ scheme: '2025', level: 'commune', provinceCode });

/** The old provinces merged into the 2025 province, each with its old districts. */
export async function oldProvinces(provinceCode: string): Promise<OldProvince[]> {
  const detail = await unitDetail('2025', provinceCode);
  const olds = (detail.predecessors ?? []).filter((p) => p.level === 'province');
  return Promise.all(
    olds.map(async (p) => ({
      code: p.code,
      name: p.name,
      districts: await units({ scheme: 'pre2025', level: 'district', provinceCode: p.code }),
    })),
  );
}

export const oldCommunes = (districtCode: string) => units({ scheme: 'pre2025', level: 'commune', parentCode: districtCode });

export function unitDetail(scheme: Scheme, code: string): Promise<UnitDetail> {
  return cached(`unit ${scheme}/${code}`, () => ok(api.GET('/api/v1/units/{scheme}/{code}', { params: { path: { scheme, code } } })));
}

/** `load()` whenever `key` changes (null: nothing to load); a failure reads as no answer (the picker then offers less). */
export function useAsync<T>(key: string | null, load: () => Promise<T>): T | null {
  const [value, setValue] = useState<{ key: string; value: T } | null>(null);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    loader
      .current()
      .then((v) => live && setValue({ key, value: v }))
      .catch(() => live && setValue(null));
    return () => {
      live = false;
    };
  }, [key]);
  return value && value.key === key ? value.value : null;
}
