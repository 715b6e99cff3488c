import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/db.js';
import { AuditWriter, appendAudit, verifyAudit } from './audit.js';

type Db = Awaited<ReturnType<typeof freshDb>>;
let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.dispose());

/** Disables the append-only triggers for the duration of one tampering step, as a superuser could. */
async function tamper(sql: string) {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await tx.query(sql);
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
    await expect(db.query(`UPDATE audit_log SET purpose = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
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
