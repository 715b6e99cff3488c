/**
 * A synthetic sector list drawn from registry records, with the errors real sector lists have and the
 * truth of every row: the linkage tests and the benchmark (bench/linkage.ts) measure against it.
 *
 * Proportions (per row, independent; sources: the plans' "làm sạch dữ liệu" findings that most sector
 * lists were typed from paper without an ID, and what Splink's and ONS's published linkage studies see in
 * administrative lists):
 *  - 10% of rows are people the registry does not hold; half of them near-twins of a registry person
 *    (same name and birth year, another birth date and commune), half new names from the same name pool;
 *  - 50% of rows carry no identifier; of those with one, 1 in 10 carries the CMND instead of the personal
 *    ID, and 1% have one digit mistyped;
 *  - names: 30% typed without diacritics (sector software of the 2000s), 3% the old tone placement
 *    (Hoà/Hòa, Thuỷ/Thủy), 3% one letter mistyped or swapped in a part of 4+ letters, 2% y written as i,
 *    3% the middle name left out, 0.5% the given name alone;
 *  - dates of birth: 10% the year only, 5% month/year, 2% day and month swapped, 30% written dd/MM/yyyy,
 *    1% missing;
 *  - sex missing on 5%, wrong on 0.5%; commune on 70% of rows, 5% of those another commune (moved);
 *    phone on 30% of rows.
 */
import { Rng, generatePopulation } from '../registry/index.js';
import type { RegistryRecord } from './engine.js';
import type { ListRow } from './input.js';

export interface SyntheticRow extends ListRow {
  /** Whom the row is about: a registry person's ID, or null for someone the registry does not hold. */
  truth: string | null;
  hasId: boolean;
}

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
const OLD_TONE = [new RegExp(`([oO])(${TONE})([aeAE])`, 'g'), new RegExp(`([uU])(${TONE})([yY])`, 'g')];

function stripMarks(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

function oldTonePlacement(name: string): string {
  let s = name.normalize('NFD');
  for (const re of OLD_TONE) s = s.replace(re, '$1$3$2');
  return s.normalize('NFC');
}

function typo(rng: Rng, name: string): string {
  const parts = name.split(' ');
  const long = parts.map((p, i) => [p, i] as const).filter(([p]) => p.length >= 4);
  if (!long.length) return name;
  const [p, i] = long[rng.int(0, long.length - 1)];
  const at = rng.int(1, p.length - 2);
  parts[i] = rng.chance(0.5) ? p.slice(0, at) + p[at + 1] + p[at] + p.slice(at + 2) : p.slice(0, at) + p.slice(at + 1);
  return parts.join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');

export interface SyntheticOptions {
  rows: number;
  seed: number;
  /** Shares, defaults as above. */
  withoutId?: number;
  absent?: number;
}

/** Phones of registry people for the synthetic registry: 30% have one. */
export function syntheticPhone(rng: Rng): string | null {
  return rng.chance(0.3) ? `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
}

/** A list of `rows` rows drawn from `people` with the errors above. */
export function syntheticList(people: readonly RegistryRecord[], communes: readonly string[], opts: SyntheticOptions): SyntheticRow[] {
  const rng = new Rng(opts.seed);
  const withoutId = opts.withoutId ?? 0.5;
  const absent = opts.absent ?? 0.1;
  const out: SyntheticRow[] = [];
  // Each registry person at most once: a shuffled prefix of the registry.
  const order = Array.from({ length: people.length }, (_, i) => i);
  let next = 0;
  const draw = () => {
    const j = next + rng.int(0, order.length - next - 1);
    [order[next], order[j]] = [order[j], order[next]];
    return people[order[next++]];
  };
  for (let r = 1; r <= opts.rows; r++) {
    const isAbsent = rng.chance(absent) || next >= people.length;
    let p: RegistryRecord;
    let truth: string | null;
    if (!isAbsent) {
      p = draw();
      truth = p.personalId;
    } else {
      const model = people[rng.int(0, people.length - 1)];
      const [y] = model.dateOfBirth.split('-');
      const twin = rng.chance(0.5);
      const other = people[rng.int(0, people.length - 1)];
      const name = twin ? model.fullName : `${model.fullName.split(' ')[0]} ${other.fullName.split(' ').slice(1).join(' ')}`;
      p = {
        personalId: '', formerIds: [], fullName: name, dateOfBirth: `${y}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, sex: twin ? model.sex : other.sex,
        communeCode: communes[rng.int(0, communes.length - 1)], phone: null,
      };
      truth = null;
    }
    const fields: Record<string, string> = { personal_id: '', legacy_id: '' };
    const hasId = !isAbsent && !rng.chance(withoutId);
    if (hasId) {
      if (p.formerIds.length && rng.chance(0.1)) fields.legacy_id = p.formerIds[0];
      else fields.personal_id = p.personalId;
      if (rng.chance(0.01)) {
        const key = fields.personal_id ? 'personal_id' : 'legacy_id';
        const id = fields[key];
        const at = rng.int(0, id.length - 1);
        fields[key] = id.slice(0, at) + String((Number(id[at]) + rng.int(1, 9)) % 10) + id.slice(at + 1);
      }
    }
    let name = p.fullName;
    if (rng.chance(0.03)) name = oldTonePlacement(name);
    if (rng.chance(0.03)) name = typo(rng, name);
    if (rng.chance(0.02)) name = name.replace(/y/g, 'i');
    const parts = name.split(' ');
    if (parts.length >= 3 && rng.chance(0.03)) name = [parts[0], ...parts.slice(2)].join(' ');
    if (rng.chance(0.005)) name = parts[parts.length - 1];
    if (rng.chance(0.3)) name = stripMarks(name);
    fields.full_name = name;
    const [y, m, d] = p.dateOfBirth.split('-');
    const x = rng.float();
    fields.date_of_birth = x < 0.01 ? '' : x < 0.11 ? y : x < 0.16 ? `${m}/${y}` : x < 0.18 && Number(d) <= 12 ? `${y}-${d}-${m}` : x < 0.48 ? `${d}/${m}/${y}` : p.dateOfBirth;
    fields.sex = rng.chance(0.05) ? '' : rng.chance(0.005) ? (p.sex === 'Nam' ? 'Nữ' : 'Nam') : p.sex;
    fields.commune_code = rng.chance(0.7) && p.communeCode ? (rng.chance(0.05) ? communes[rng.int(0, communes.length - 1)] : p.communeCode) : '';
    fields.phone = rng.chance(0.3) ? (p.phone ?? syntheticPhone(rng) ?? '') : '';
    fields.so_the_bhyt = `HS${String(r).padStart(10, '0')}`;
    out.push({ row: r, fields, truth, hasId });
  }
  return out;
}

/** A synthetic registry of `people` people in `communes` made-up communes (the registry's seed generator), with phones. */
export function syntheticRegistry(people: number, seed: number, communeCount = 100): { records: RegistryRecord[]; communes: string[] } {
  const communes = Array.from({ length: communeCount }, (_, i) => ({ code: String(90000 + i), name: `Xã ${i}`, oldProvinceCode: '84', urban: i % 5 === 0 }));
  const rng = new Rng(seed + 1);
  const records: RegistryRecord[] = [];
  for (const h of generatePopulation({ communes, people, seed, today: '2026-12-01' })) {
    for (const m of h.members) {
      records.push({
        personalId: m.personalId, formerIds: m.legacyId ? [m.legacyId] : [], fullName: m.fullName, dateOfBirth: m.dateOfBirth, sex: m.sex,
        communeCode: h.communeCode, phone: syntheticPhone(rng),
      });
    }
  }
  return { records, communes: communes.map((c) => c.code) };
}
