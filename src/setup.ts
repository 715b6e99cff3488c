import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './platform/config.js';
import { openPglite, openPostgres, type Db } from './platform/db.js';
import { migrate } from './platform/migrate.js';
import { createRegistryStore } from './modules/registry/store.js';
import { loadUnitLinks, loadUnitRows, SCHEMES } from './modules/registry/units-data.js';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export async function openDatabase(config: Config, opts: { inMemory?: boolean } = {}): Promise<Db> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  if (opts.inMemory) return openPglite();
  const dir = resolve(config.DA06_DATA_DIR, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

/** Migrations, then the administrative-unit lists when the database has none yet. */
export async function prepareDatabase(db: Db): Promise<{ migrations: string[]; unitsLoaded: boolean }> {
  const migrations = await migrate(db);
  const store = createRegistryStore(db);
  if ((await store.countUnits()) > 0) return { migrations, unitsLoaded: false };
  await store.loadUnits(
    (Object.keys(SCHEMES) as (keyof typeof SCHEMES)[]).map((code) => ({ code, ...SCHEMES[code] })),
    [...loadUnitRows('pre2025'), ...loadUnitRows('2025')],
    loadUnitLinks(),
  );
  return { migrations, unitsLoaded: true };
}

