import type { Db } from '../../platform/db.js';
import { createStatisticsStore } from './statistics-store.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';

/**
 * Population statistics for the operations centre, from counts kept beside the registry
 * (population_cells, household_cells, life_event_cells), refreshed in one transaction from the
 * registry's own tables. A dashboard then groups a few thousand cells instead of millions of people.
 *
 * Areas in either scheme: a 2025 unit is its communes; a pre-2025 unit is the 2025 communes whose
 * main predecessor (the one they took in full, else the lowest code) lies in it, so every 2025 commune
 * belongs to exactly one old unit and the old units of a province add up to the new one.
 */
export interface AreaFilter {
  scheme: '2025' | 'pre2025';
  code: string | null;
}

export const AGE_BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80+'] as const;
export const LABOUR_BANDS = ['15-24', '25-34', '35-44', '45-54', '55-64'] as const;

function band(age: number): (typeof AGE_BANDS)[number] {
  return age >= 80 ? '80+' : AGE_BANDS[Math.floor(Math.max(age, 0) / 5)];
}

function labourBand(age: number): (typeof LABOUR_BANDS)[number] | null {
  if (age < 15 || age > 64) return null;
  return age < 25 ? '15-24' : LABOUR_BANDS[Math.floor((age - 25) / 10) + 1];
}

const top = (m: Map<string, number>, n: number) => {
  const sorted = [...m].sort((a, b) => b[1] - a[1]);
  const head = sorted.slice(0, n).map(([name, people]) => ({ name, people }));
  const rest = sorted.slice(n).reduce((s, [, v]) => s + v, 0);
  return rest ? [...head, { name: message('STATS_OTHER'), people: rest }] : head;
};
const add = <K>(m: Map<K, number>, k: K, v: number) => m.set(k, (m.get(k) ?? 0) + v);

export function createStatistics(db: Db) {
  const store = createStatisticsStore(db);
  /** 2025 communes, with name, urban flag and their main predecessor's old codes, loaded once. */
  let communes: Promise<Map<string, { name: string; urban: boolean; province: string; oldCommune: string | null; oldDistrict: string | null; oldProvince: string | null }>> | undefined;
  function communeTable() {
    communes ??= store.communes().then((rows) => new Map(rows.map((c) => [c.code, {
      name: c.name, urban: c.type === 'Phường', province: c.province_code, oldCommune: c.old_code, oldDistrict: c.old_district, oldProvince: c.old_province,
    }])));
    return communes;
  }

  /** The 2025 communes of an area (null: every commune). */
  async function communesOf(area: AreaFilter): Promise<string[] | null> {
    if (!area.code) return null;
    const all = await communeTable();
    const level = await store.unitLevel(area.scheme, area.code);
    if (!level) throw new DomainError('UNIT_NOT_FOUND', { code: area.code, scheme: area.scheme });
    const match = (c: typeof all extends Map<string, infer V> ? V : never, code: string) => {
      if (area.scheme === '2025') return level === 'province' ? c.province === area.code : code === area.code;
      if (level === 'province') return c.oldProvince === area.code;
      return level === 'district' ? c.oldDistrict === area.code : c.oldCommune === area.code;
    };
    return [...all].filter(([code, c]) => match(c, code)).map(([code]) => code);
  }

  return {
    communesOf,

    /** Recounts every cell from the registry in one transaction; readers see the old counts until it commits. */
    async refresh(): Promise<{ people: number; ms: number }> {
      const t0 = Date.now();
      const people = await store.recount(t0);
      return { people, ms: Date.now() - t0 };
    },

    async lastRefresh(): Promise<string | null> {
      const at = await store.lastRefresh();
      return at ? new Date(at).toISOString() : null;
    },

    /** Population of some communes (null: all; see communesOf), ages as of `year`: totals, pyramid, ethnicity, religion, households, communes, labour. */
    async population(codes: string[] | null, year: number) {
      const table = await communeTable();
      const [cells, households] = await Promise.all([store.cells(codes), store.households(codes)]);
      const pyramid = new Map(AGE_BANDS.map((b) => [b, { band: b, male: 0, female: 0 }]));
      const ethnicity = new Map<string, number>();
      const religion = new Map<string, number>();
      const byCommune = new Map<string, { people: number; households: number }>();
      const labour = new Map(LABOUR_BANDS.map((b) => [b, { band: b, male: 0, female: 0, urban: 0, rural: 0, employed: 0 }]));
      const activities = { employed: 0, student: 0, homemaker: 0, jobless: 0, retired: 0, none: 0 };
      let total = 0;
      let adults = 0;
      for (const c of cells) {
        const n = Number(c.people);
        const age = year - Number(c.birth_year);
        total += n;
        if (age >= 18) adults += n;
        const p = pyramid.get(band(age))!;
        if (c.sex === 'Nam') p.male += n;
        else p.female += n;
        add(ethnicity, c.ethnicity, n);
        add(religion, c.religion, n);
        const bc = byCommune.get(c.commune_code) ?? { people: 0, households: 0 };
        bc.people += n;
        byCommune.set(c.commune_code, bc);
        const lb = labourBand(age);
        if (lb) {
          const l = labour.get(lb)!;
          if (c.sex === 'Nam') l.male += n;
          else l.female += n;
          if (table.get(c.commune_code)?.urban) l.urban += n;
          else l.rural += n;
          if (c.activity === 'employed') l.employed += n;
          activities[c.activity as keyof typeof activities] += n;
        }
      }
      let householdTotal = 0;
      for (const h of households) {
        householdTotal += Number(h.households);
        const bc = byCommune.get(h.commune_code) ?? { people: 0, households: 0 };
        bc.households += Number(h.households);
        byCommune.set(h.commune_code, bc);
      }
      const workingAge = [...labour.values()].reduce((s, l) => s + l.male + l.female, 0);
      return {
        total, adults, households: householdTotal, averageHouseholdSize: householdTotal ? Math.round((total / householdTotal) * 100) / 100 : 0,
        pyramid: [...pyramid.values()],
        ethnicity: top(ethnicity, 8),
        religion: top(religion, 8),
        communes: [...byCommune].map(([code, v]) => ({ code, name: table.get(code)?.name ?? code, urban: table.get(code)?.urban ?? false, ...v }))
          .sort((a, b) => a.code.localeCompare(b.code)),
        labour: { workingAge, activities, bands: [...labour.values()] },
      };
    },

    /** Births, deaths and moves per month over the last `months` months. */
    async lifeEvents(codes: string[] | null, months: number) {
      const rows = await store.lifeEvents(codes, months);
      const byMonth = new Map<string, { month: string; birth: number; death: number; move: number }>();
      for (const r of rows) {
        const m = byMonth.get(r.month) ?? { month: r.month.slice(0, 7), birth: 0, death: 0, move: 0 };
        m[r.kind as 'birth' | 'death' | 'move'] += Number(r.events);
        byMonth.set(r.month, m);
      }
      return [...byMonth.values()];
    },
  };
}

export type RegistryStatistics = ReturnType<typeof createStatistics>;
