import { useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import type { Unit, UnitDetail } from '../types.js';

/** Units are reference data: each list is asked for once per page load. */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(path: string, query: Record<string, string> = {}): Promise<T> {
  const key = `${path}?${new URLSearchParams(query)}`;
  if (!cache.has(key)) {
    const p = api<T>(path, { query });
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key) as Promise<T>;
}

export interface OldProvince {
  code: string;
  name: string;
  districts: Unit[];
}

export const communes2025 = (provinceCode: string) => cached<Unit[]>('/api/v1/units', { scheme: '2025', level: 'commune', provinceCode });

/** The old provinces merged into the 2025 province, each with its old districts. */
export async function oldProvinces(provinceCode: string): Promise<OldProvince[]> {
  const detail = await cached<UnitDetail>(`/api/v1/units/2025/${provinceCode}`);
  const olds = (detail.predecessors ?? []).filter((p) => p.level === 'province');
  return Promise.all(
    olds.map(async (p) => ({
      code: p.code,
      name: p.name,
      districts: await cached<Unit[]>('/api/v1/units', { scheme: 'pre2025', level: 'district', provinceCode: p.code }),
    })),
  );
}

export const oldCommunes = (districtCode: string) => cached<Unit[]>('/api/v1/units', { scheme: 'pre2025', level: 'commune', parentCode: districtCode });

export const unitDetail = (scheme: string, code: string) => cached<UnitDetail>(`/api/v1/units/${scheme}/${code}`);

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
