import '../audit-actions.js';
import type { Db } from '../../../platform/db.js';
import { appendAudit } from '../../../platform/audit.js';
import type { RegistryStore, PersonInsert } from '../store.js';
import { generatePopulation, type SeedHousehold } from './generate.js';

export interface SeedProgress {
  (done: number, total: number): void;
}

/**
 * Creates a synthetic population for a 2025-scheme province. Deterministic for a given seed and
 * reference date. Written in batches of whole households, each batch in one transaction.
 */
export async function seedProvince(
  db: Db,
  store: RegistryStore,
  opts: { provinceCode: string; people: number; seed: number; today: string; batchSize?: number; onProgress?: SeedProgress },
): Promise<{ people: number; households: number }> {
  const communes = await store.communesForSeeding(opts.provinceCode);
  if (!communes.length) throw new Error(`Không có xã nào của tỉnh mã ${opts.provinceCode} trong danh mục 2025`);
  const generator = generatePopulation({
    communes: communes.map((c) => ({ code: c.code, name: c.name, oldProvinceCode: c.old_province_code ?? opts.provinceCode, urban: c.type === 'Phường' })),
    people: opts.people,
    seed: opts.seed,
    today: opts.today,
  });
  const batchSize = opts.batchSize ?? 10_000;
  let batch: PersonInsert[] = [];
  let people = 0;
  let households = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await db.transaction(async (tx) => {
      const { personIds } = await store.insertPeopleBatch(tx, rows);
      // Each resident gets a synthetic portrait, drawn from the record when read (portrait.ts): a row, no image.
      await store.markSyntheticPortraits(tx, personIds);
      await appendAudit(tx, [{ actorKind: 'system', actorId: 'seed', action: 'person.seed', subjectKind: 'batch', subjectId: `${rows.length}`, purpose: 'Tạo dữ liệu mẫu tổng hợp' }]);
    });
    opts.onProgress?.(people, opts.people);
  };
  for (const h of generator) {
    households += 1;
    for (const m of h.members) batch.push(toInsert(h, m, opts.today));
    people += h.members.length;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await store.analyze();
  return { people, households };
}

/** Mobile prefixes of the three large networks (Viettel, Vinaphone, Mobifone). */
const MOBILE_PREFIXES = ['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039', '088', '091', '094', '081', '082', '083', '084', '085', '089', '090', '093', '070', '076', '077', '078', '079'];

/**
 * A deterministic phone number for people aged 14 and over (92% have one), derived from the
 * personal ID so that the same seed gives the same numbers. Assumption, not a census figure.
 */
export function seedPhone(personalId: string, dateOfBirth: string, today: string): string | null {
  let h = 2166136261;
  for (let i = 0; i < personalId.length; i++) h = Math.imul(h ^ personalId.charCodeAt(i), 16777619) >>> 0;
  const age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (age < 14 || h % 100 >= 92) return null;
  const prefix = MOBILE_PREFIXES[(h >>> 8) % MOBILE_PREFIXES.length];
  return prefix + String(Math.imul(h, 2654435761) >>> 0).padStart(10, '0').slice(-7);
}

function toInsert(h: SeedHousehold, m: SeedHousehold['members'][number], today: string): PersonInsert {
  return {
    phone: m.dateOfDeath ? null : seedPhone(m.personalId, m.dateOfBirth, today),
    personalId: m.personalId,
    fullName: m.fullName,
    dateOfBirth: m.dateOfBirth,
    sex: m.sex,
    ethnicity: m.ethnicity,
    religion: m.religion,
    occupation: m.occupation,
    communeCode: h.communeCode,
    householdNo: h.householdNo,
    relationToHead: m.relationToHead,
    legacyId: m.legacyId,
    dateOfDeath: m.dateOfDeath,
    address: h.address,
    residenceFrom: m.movedInOn ?? m.dateOfBirth,
    temporaryCommuneCode: m.temporaryCommuneCode,
    movedInOn: m.movedInOn,
  };
}
