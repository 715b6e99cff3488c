import type { Queryable } from '../../platform/db.js';

/** The tables an import writes. */
const IMPORT_TABLES = ['households', 'people', 'former_identifiers', 'residences', 'life_events'];

/**
 * Runs `load` with the import tables' secondary indexes and foreign keys dropped, then builds them
 * again from their own definitions (read from the catalogue, so they always match the migrations).
 * Building an index over all rows at once is several times cheaper than maintaining it row by row,
 * and re-adding a foreign key checks every row in one join. Primary keys and unique constraints stay,
 * so duplicates are still refused during the load. Must run inside the caller's transaction, which
 * holds the tables exclusively: a failure anywhere rolls everything back, indexes included.
 */
export async function withSecondaryIndexesDeferred<T>(tx: Queryable, load: () => Promise<T>): Promise<T> {
  await tx.query(`LOCK TABLE ${IMPORT_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const indexes = (await tx.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))`,
    [IMPORT_TABLES],
  )).rows;
  const foreignKeys = (await tx.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])`,
    [IMPORT_TABLES],
  )).rows;
  for (const f of foreignKeys) await tx.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${f.name}`);
  for (const i of indexes) await tx.query(`DROP INDEX ${i.name}`);
  const result = await load();
  await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const i of indexes) await tx.query(i.def);
  for (const f of foreignKeys) await tx.query(`ALTER TABLE ${f.tbl} ADD CONSTRAINT ${f.name} ${f.def}`);
  return result;
}
