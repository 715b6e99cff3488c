import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Db } from '../platform/db.js';
import { prepareDatabase } from '../setup.js';

/**
 * On PostgreSQL the tests run as production does: the database is created and migrated by the role
 * of DATABASE_URL (its owner), and the code under test connects as this application role, which the
 * owner's grants limit (no UPDATE, DELETE or TRUNCATE on the audit log). Created here when missing,
 * which needs DATABASE_URL to name a superuser or a role with CREATEROLE (CI: postgres).
 */
const TEST_APP_ROLE = 'da06_test_app';

async function ensureTestAppRole(admin: Db): Promise<void> {
  // Test files start in parallel: a concurrent creation of the same role is as good as ours.
  await admin.exec(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TEST_APP_ROLE}') THEN
      CREATE ROLE ${TEST_APP_ROLE} LOGIN PASSWORD '${TEST_APP_ROLE}' NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`);
}

/**
 * A fresh, prepared database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (dropped again by `dispose`). Never a mock.
 * `owner` is a connection as the tables' owner, for what only the owner (or an intruder with its
 * rights) may do: bulk import, DDL, tampering with the audit log. PGlite has one role: `owner` is the same database.
 */
export async function freshDb(): Promise<Db & { owner: Db; dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    await prepareDatabase(db);
    return Object.assign(db, { owner: db, dispose: () => db.close() });
  }
  const name = `da06_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url, 1);
  try {
    await ensureTestAppRole(admin);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const ownerUrl = new URL(url);
  ownerUrl.pathname = `/${name}`;
  const owner = await openPostgres(ownerUrl.toString(), 2);
  await prepareDatabase(owner, { grantTo: TEST_APP_ROLE });
  const appUrl = new URL(ownerUrl);
  appUrl.username = TEST_APP_ROLE;
  appUrl.password = TEST_APP_ROLE;
  const db = await openPostgres(appUrl.toString(), 8);
  return Object.assign(db, {
    owner,
    async dispose() {
      await db.close();
      await owner.close();
      const a = await openPostgres(url, 1);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  });
}
