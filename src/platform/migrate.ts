import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Applies every `migrations/NNN_*.sql` not yet applied, in order, each in its own transaction.
 * A schema already up to date is only read, so the application's role (which may create nothing)
 * can run it at start.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const known = (await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`)).rows[0].t;
  const done = new Set(known ? (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name) : []);
  if (files.every((f) => done.has(f))) return [];
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = await readFile(dir + file, 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
    applied.push(file);
  }
  return applied;
}

/**
 * Gives the application's role what it needs and no more, run by the owner after every migration
 * (so tables of later migrations are covered): rows of every table, but the audit log only read and
 * appended (no UPDATE, DELETE or TRUNCATE: a leaked application connection cannot cut or rewrite it),
 * and the migration list only read. The role itself is created by the database administrator
 * (README, "Two database roles"). Tested in `audit.test.ts` on PostgreSQL.
 */
export async function grantApplicationRole(db: Queryable, role: string): Promise<void> {
  // Both URLs naming the same role: nothing to separate, and the owner must keep its own rights.
  if ((await db.query<{ u: string }>('SELECT current_user AS u')).rows[0].u === role) return;
  const r = `"${role.replace(/"/g, '""')}"`;
  await db.exec(`
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r};
    REVOKE DELETE, TRUNCATE ON wal_flush FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${r};
  `);
}

export type RoleProblem = 'superuser' | 'owner' | 'may-alter-audit';

/**
 * What is wrong with the role this connection uses for the application: a superuser or the owner of
 * `audit_log` can disable its triggers, and UPDATE, DELETE or TRUNCATE rights bypass nothing less.
 * PGlite has a single role and always reports nothing.
 */
export async function applicationRoleProblems(db: Db): Promise<RoleProblem[]> {
  if (db.kind === 'pglite') return [];
  const r = (await db.query<{ superuser: boolean; owner: boolean; alter: boolean }>(
    `SELECT r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
            has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') AS alter
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
  )).rows[0];
  const problems: RoleProblem[] = [];
  if (r.superuser) problems.push('superuser');
  if (r.owner) problems.push('owner');
  if (r.alter) problems.push('may-alter-audit');
  return problems;
}
