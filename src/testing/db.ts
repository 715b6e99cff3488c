import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Db } from '../platform/db.js';
import { prepareDatabase } from '../setup.js';

/**
 * A fresh, prepared database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (dropped again by `close`). Never a mock.
 */
export async function freshDb(): Promise<Db & { dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  let db: Db;
  let drop = async () => {};
  if (url) {
    const name = `da06_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, 1);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    const u = new URL(url);
    u.pathname = `/${name}`;
    db = await openPostgres(u.toString(), 8);
    drop = async () => {
      const a = await openPostgres(url, 1);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    };
  } else {
    db = await openPglite();
  }
  await prepareDatabase(db);
  return Object.assign(db, {
    async dispose() {
      await db.close();
      await drop();
    },
  });
}
