import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/db.js';
import { AuditWriter, appendAudit, verifyAudit } from './audit.js';

type Db = Awaited<ReturnType<typeof freshDb>>;
let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.dispose());

/** Disables the append-only triggers for the duration of one tampering step, as the tables' owner or a superuser could. */
async function tamper(sql: string) {
  await db.owner.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await tx.exec(sql);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

describe('audit log', () => {
  it('chains entries from concurrent writers and verifies', async () => {
    const writer = new AuditWriter(db);
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        writer.record({ actorKind: 'officer', actorId: String(i % 7), actorName: 'Cán bộ', action: 'person.read', subjectKind: 'person', subjectId: `0820840${String(i).padStart(5, '0')}`, fields: ['fullName'], purpose: 'Kiểm tra' }),
      ),
    );
    await db.transaction((tx) => appendAudit(tx, [{ actorKind: 'system', actorId: 'test', action: 'person.create' }]));
    const r = await verifyAudit(db);
    expect(r).toEqual({ ok: true, checked: 301 });
  });

  it('keeps field lists, missing values and odd characters exactly (the hash survives the round trip)', async () => {
    const odd = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', ' h '];
    await db.transaction((tx) => appendAudit(tx, [
      { actorKind: 'cli', actorId: 'x', action: 'test.odd', subjectKind: 'test', subjectId: 'odd', fields: odd, purpose: 'tab\there' },
      { actorKind: 'cli', actorId: 'x', action: 'test.empty', subjectKind: 'test', subjectId: 'odd' },
    ]));
    const rows = (await db.query<{ action: string; fields: string[]; purpose: string | null; actor_name: string | null }>(
      `SELECT action, fields, purpose, actor_name FROM audit_log WHERE subject_id = 'odd' ORDER BY seq`)).rows;
    expect(rows).toEqual([
      { action: 'test.odd', fields: odd, purpose: 'tab\there', actor_name: null },
      { action: 'test.empty', fields: [], purpose: null, actor_name: null },
    ]);
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 303 });
  });

  it('refuses updates and deletes from the application', async () => {
    await expect(db.query(`UPDATE audit_log SET purpose = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only|permission denied/);
    await expect(db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only|permission denied/);
  });

  // PGlite has one role (its superuser): there only the triggers refuse.
  it.skipIf(!process.env.DATABASE_URL)('connects the application as a role that may only read and append to the log, and does not own it', async () => {
    for (const sql of [`UPDATE audit_log SET purpose = 'x' WHERE seq = 1`, 'DELETE FROM audit_log WHERE seq = 1', 'TRUNCATE audit_log']) {
      await expect(db.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(db.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
    const role = (await db.query<{ superuser: boolean; owner: boolean }>(
      `SELECT r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'USAGE') AS owner
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`)).rows[0];
    expect(role).toEqual({ superuser: false, owner: false });
  });

  it('detects a row edited directly in the database', async () => {
    await tamper(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 42`);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 42, reason: 'altered' });
    await tamper(`UPDATE audit_log SET actor_id = '${41 % 7}' WHERE seq = 42`);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('detects a deleted row', async () => {
    await tamper('DELETE FROM audit_log WHERE seq = 100');
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 100, reason: 'missing' });
  });
});
