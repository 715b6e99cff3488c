import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ConfigError, type Config } from './platform/config.js';
import { openPglite, openPostgres, type Db } from './platform/db.js';
import { grantApplicationRole, migrate } from './platform/migrate.js';
import { loadBundledUnits } from './modules/registry/index.js';

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
 * `asOwner` opens the role that owns the tables (`DA06_OWNER_DATABASE_URL`, when set) for
 * migrations and the CLI's maintenance commands; the server's requests use DATABASE_URL.
 */
export async function openDatabase(config: Config, opts: { inMemory?: boolean; asOwner?: boolean } = {}): Promise<Db> {
  if (config.DA06_OWNER_DATABASE_URL && !config.DATABASE_URL) throw new ConfigError('Cấu hình không hợp lệ: DA06_OWNER_DATABASE_URL cần DATABASE_URL (vai trò ứng dụng)');
  if (opts.asOwner && config.DA06_OWNER_DATABASE_URL) return openPostgres(config.DA06_OWNER_DATABASE_URL, 2);
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  if (opts.inMemory) return openPglite();
  const dir = resolve(config.DA06_DATA_DIR, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

/** The application's role, when it is not the owner's: the user named in DATABASE_URL. */
export function applicationRole(config: Config): string | undefined {
  if (!config.DA06_OWNER_DATABASE_URL || !config.DATABASE_URL) return undefined;
  return decodeURIComponent(new URL(config.DATABASE_URL).username) || undefined;
}

/**
 * Migrations, the application role's grants (`grantTo`, run as the owner), then the
 * administrative-unit lists when the database has none yet.
 */
export async function prepareDatabase(db: Db, opts: { grantTo?: string } = {}): Promise<{ migrations: string[]; unitsLoaded: boolean }> {
  const migrations = await migrate(db);
  if (opts.grantTo) await grantApplicationRole(db, opts.grantTo);
  return { migrations, unitsLoaded: await loadBundledUnits(db) };
}

/** Prepares the database as its owner (when configured apart), for a server that then runs as the application role. */
export async function prepareDatabaseAsOwner(config: Config, db: Db): Promise<{ migrations: string[]; unitsLoaded: boolean }> {
  if (!config.DA06_OWNER_DATABASE_URL) return prepareDatabase(db);
  const owner = await openDatabase(config, { asOwner: true });
  try {
    return await prepareDatabase(owner, { grantTo: applicationRole(config) });
  } finally {
    await owner.close();
  }
}
