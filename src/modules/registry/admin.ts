import type { Db } from '../../platform/db.js';
import { importPeople, type ImportOptions, type ImportResult, type ImportRow } from './import.js';
import { seedProvince, type SeedProgress } from './seed/seed.js';
import { createRegistryStore } from './store.js';
import { syntheticPortrait } from './portrait.js';
import { loadUnitLinks, loadUnitRows, SCHEMES } from './units-data.js';

// What the CLI, the database setup, the demo and the benches do to the registry outside a request.
// The registry store stays private to the module (lint rule da06/module-boundaries); these take a Db.

/** Loads the bundled administrative-unit lists (both schemes and their links) when the database has none yet. */
export async function loadBundledUnits(db: Db): Promise<boolean> {
  const store = createRegistryStore(db);
  if ((await store.countUnits()) > 0) return false;
  await store.loadUnits(
    (Object.keys(SCHEMES) as (keyof typeof SCHEMES)[]).map((code) => ({ code, ...SCHEMES[code] })),
    [...loadUnitRows('pre2025'), ...loadUnitRows('2025')],
    loadUnitLinks(),
  );
  return true;
}

/** A synthetic population for a province (demo, `da06 seed`, tests). */
export function seedPopulation(
  db: Db,
  opts: { provinceCode: string; people: number; seed: number; today: string; batchSize?: number; onProgress?: SeedProgress },
): Promise<{ people: number; households: number }> {
  return seedProvince(db, createRegistryStore(db), opts);
}

/** `da06 import people`: validates and imports a file's rows (see importPeople). */
export function importPeopleRows(db: Db, batches: AsyncIterable<ImportRow[]>, opts: ImportOptions): Promise<ImportResult> {
  return importPeople(db, createRegistryStore(db), batches, opts);
}

/** The 2025 communes of a province, as the population generator takes them. */
export function communesForSeeding(db: Db, provinceCode: string) {
  return createRegistryStore(db).communesForSeeding(provinceCode);
}

/** The person a card with this personal ID belongs to (development tools only: the read is not audited). */
export function unsafeFindForVerification(db: Db, personalId: string) {
  return createRegistryStore(db).unsafeFindForVerification(personalId);
}

/**
 * The demo's e-ID holders: living adults of the province with a phone, except those whose name contains
 * `excludeName` (the browser tests register residents found by that name; they must still have no account).
 * Development tools only: the read is not audited.
 */
export function unsafeAdultsForDemoAccounts(db: Db, opts: { provinceCode: string; today: string; excludeName: string }) {
  return createRegistryStore(db).unsafeAdultsWithPhone(opts.provinceCode, opts.today, opts.excludeName);
}

/** How many people the registry holds (the demo seeds only an empty one). */
export function countPeople(db: Db): Promise<number> {
  return createRegistryStore(db).countPeople();
}

/**
 * The portrait the registry holds for a personal ID, as image bytes (synthetic ones drawn): what a
 * demo chip carries in DG2 (development tools only: the read is not audited).
 */
export async function unsafePortraitOf(db: Db, personalId: string): Promise<{ mediaType: string; image: Buffer } | null> {
  const store = createRegistryStore(db);
  const person = await store.unsafeFindForVerification(personalId);
  if (!person) return null;
  const row = await store.findPortrait(Number(person.id));
  if (!row) return null;
  if (row.image && row.media_type) return { mediaType: row.media_type, image: Buffer.from(row.image) };
  return { mediaType: 'image/jpeg', image: syntheticPortrait({ personalId: row.personal_id, sex: row.sex, dateOfBirth: row.date_of_birth }) };
}
