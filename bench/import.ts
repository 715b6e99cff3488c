// import.postgres.people_per_s and import.pglite.people_per_s: `da06 import people` on a CSV of
// synthetic residents (validation, duplicate checks, COPY in batches, audit entries included).
import { mkdtempSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Db } from '../src/platform/db.js';
import { prepareDatabase } from '../src/setup.js';
import { createRegistryStore } from '../src/modules/registry/store.js';
import { generatePopulation } from '../src/modules/registry/seed/generate.js';
import { importPeople, readImportFile } from '../src/modules/registry/import.js';
import { emit, scratchPostgres } from './_common.js';

async function writeCsv(path: string, people: number, db: Db): Promise<void> {
  const communes = await createRegistryStore(db).communesForSeeding('82');
  const out = createWriteStream(path);
  out.write('personal_id,full_name,date_of_birth,sex,commune_code,legacy_id,ethnicity,religion,household_id,relation_to_head\n');
  for (const h of generatePopulation({ communes: communes.map((c) => ({ code: c.code, name: c.name, oldProvinceCode: c.old_province_code, urban: c.type === 'Phường' })), people, seed: 42, today: '2026-11-25' })) {
    for (const m of h.members) {
      const ok = out.write([m.personalId, m.fullName, m.dateOfBirth, m.sex, h.communeCode, m.legacyId ?? '', m.ethnicity, m.religion, h.householdNo, m.relationToHead].join(',') + '\n');
      if (!ok) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

async function measure(db: Db, file: string, people: number): Promise<number> {
  await prepareDatabase(db);
  const t = performance.now();
  const r = await importPeople(db, createRegistryStore(db), readImportFile(file), { scheme: '2025', actor: { actorKind: 'cli', actorId: 'bench' }, batchSize: 10_000 });
  const seconds = (performance.now() - t) / 1000;
  if (r.imported !== people) throw new Error(`imported ${r.imported} of ${people}: ${JSON.stringify(r.rejections.slice(0, 3))}`);
  return people / seconds;
}

export async function run(): Promise<void> {
  const pgPeople = Number(process.env.BENCH_IMPORT_PG_PEOPLE ?? 300_000);
  const litePeople = Number(process.env.BENCH_IMPORT_PGLITE_PEOPLE ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'da06-bench-'));
  const scratch = await scratchPostgres();
  try {
    const pg = await openPostgres(scratch.url, 4);
    await prepareDatabase(pg);
    const big = join(dir, 'big.csv');
    const small = join(dir, 'small.csv');
    await writeCsv(big, pgPeople, pg);
    await writeCsv(small, litePeople, pg);
    emit('import.postgres.people_per_s', await measure(pg, big, pgPeople), 'people/s');
    await pg.close();
    const lite = await openPglite();
    emit('import.pglite.people_per_s', await measure(lite, small, litePeople), 'people/s');
    await lite.close();
  } finally {
    await scratch.drop();
  }
}
