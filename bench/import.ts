// import.postgres.people_per_s and import.pglite.people_per_s: `da06 import people --bulk` on a CSV of
// synthetic residents into an empty registry (the initial load: validation, duplicate checks, COPY,
// audit entries, and the indexes and foreign keys rebuilt at the end, all included).
// import.{postgres,pglite}.batched.people_per_s: the same file without --bulk (batches of their own
// transactions, indexes maintained row by row: how later imports into a live registry run).
import { mkdtempSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Db } from '../src/platform/db.js';
import { prepareDatabase } from '../src/setup.js';
import { communesForSeeding, generatePopulation, importPeopleRows, readImportFile } from '../src/modules/registry/index.js';
import { emit, scratchPostgres } from './_common.js';

async function writeCsv(path: string, people: number, db: Db): Promise<void> {
  const communes = await communesForSeeding(db, '82');
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

async function measure(db: Db, file: string, people: number, bulk: boolean): Promise<number> {
  await prepareDatabase(db);
  const t = performance.now();
  const r = await importPeopleRows(db, readImportFile(file), { scheme: '2025', actor: { actorKind: 'cli', actorId: 'bench' }, batchSize: 10_000, bulk });
  const seconds = (performance.now() - t) / 1000;
  if (r.imported !== people) throw new Error(`imported ${r.imported} of ${people}: ${JSON.stringify(r.rejections.slice(0, 3))}`);
  return people / seconds;
}

export async function run(): Promise<void> {
  const pgPeople = Number(process.env.BENCH_IMPORT_PG_PEOPLE ?? 300_000);
  const litePeople = Number(process.env.BENCH_IMPORT_PGLITE_PEOPLE ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'da06-bench-'));
  const scratch = await scratchPostgres();
  const second = await scratchPostgres();
  try {
    const pg = await openPostgres(scratch.url, 4);
    await prepareDatabase(pg);
    const big = join(dir, 'big.csv');
    const small = join(dir, 'small.csv');
    await writeCsv(big, pgPeople, pg);
    await writeCsv(small, litePeople, pg);
    emit('import.postgres.people_per_s', await measure(pg, big, pgPeople, true), 'people/s');
    await pg.close();
    const pg2 = await openPostgres(second.url, 4);
    emit('import.postgres.batched.people_per_s', await measure(pg2, big, pgPeople, false), 'people/s');
    await pg2.close();
    for (const bulk of [true, false]) {
      const lite = await openPglite();
      emit(bulk ? 'import.pglite.people_per_s' : 'import.pglite.batched.people_per_s', await measure(lite, small, litePeople, bulk), 'people/s');
      await lite.close();
    }
  } finally {
    await scratch.drop();
    await second.drop();
  }
}
