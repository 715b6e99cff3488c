// import.postgres.people_per_s and import.pglite.people_per_s: `da06 import people --bulk` on a CSV of
// synthetic residents into an empty registry (the initial load: validation, duplicate checks, COPY,
// audit entries, and the indexes and foreign keys rebuilt at the end, all included).
// import.{postgres,pglite}.batched.people_per_s: the same file without --bulk (batches of their own
// transactions, indexes maintained row by row: how later imports into a live registry run).
// import.postgres[.batched].ceiling_people_per_s and .ratio: the rows that import wrote (people,
// households, residences, life events, former IDs), read back, the tables emptied, and the same rows
// loaded again with one COPY per table in one transaction: no parsing, validation, duplicate check or
// audit, the same index regime (bulk: secondary indexes and foreign keys deferred the same way;
// batched: indexes in place), the same ANALYZE. PGlite has no ceiling yet.
import { mkdtempSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Db } from '../src/platform/db.js';
import { prepareDatabase } from '../src/setup.js';
import { communesForSeeding, generatePopulation, importPeopleRows, readImportFile, withSecondaryIndexesDeferred } from '../src/modules/registry/index.js';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
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

const IMPORT_TABLES = ['households', 'people', 'former_identifiers', 'residences', 'life_events'];

/** The tables' rows as COPY text, then the tables emptied. */
async function takeRows(url: string): Promise<{ table: string; columns: string[]; text: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = [];
    for (const table of IMPORT_TABLES) {
      const columns = (await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table],
      )).rows.map((r) => r.name);
      const chunks: Buffer[] = [];
      const stream = client.query(copyTo(`COPY ${table} (${columns.join(', ')}) TO STDOUT`));
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.push({ table, columns, text: Buffer.concat(chunks).toString('utf8') });
    }
    await client.query(`TRUNCATE ${IMPORT_TABLES.join(', ')} CASCADE`);
    return out;
  } finally {
    await client.end();
  }
}

/** People per second of COPYing the rows the import wrote back into the same, emptied, tables. */
async function copyCeiling(url: string, people: number, bulk: boolean): Promise<number> {
  const rows = await takeRows(url);
  const db = await openPostgres(url, 1);
  try {
    const t = performance.now();
    await db.transaction(async (tx) => {
      const copyAll = async () => {
        for (const r of rows) if (r.text) await db.copyFrom(tx, r.table, r.columns, r.text);
      };
      await (bulk ? withSecondaryIndexesDeferred(tx, copyAll) : copyAll());
    });
    await db.query(`ANALYZE ${IMPORT_TABLES.join(', ')}`);
    return people / ((performance.now() - t) / 1000);
  } finally {
    await db.close();
  }
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
    const bulkRate = await measure(pg, big, pgPeople, true);
    await pg.close();
    const bulkCeiling = await copyCeiling(scratch.url, pgPeople, true);
    emit('import.postgres.people_per_s', bulkRate, 'people/s');
    emit('import.postgres.ceiling_people_per_s', bulkCeiling, 'people/s');
    emit('import.postgres.ratio', bulkRate / bulkCeiling, 'ratio');
    const pg2 = await openPostgres(second.url, 4);
    const batchedRate = await measure(pg2, big, pgPeople, false);
    await pg2.close();
    const batchedCeiling = await copyCeiling(second.url, pgPeople, false);
    emit('import.postgres.batched.people_per_s', batchedRate, 'people/s');
    emit('import.postgres.batched.ceiling_people_per_s', batchedCeiling, 'people/s');
    emit('import.postgres.batched.ratio', batchedRate / batchedCeiling, 'ratio');
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
