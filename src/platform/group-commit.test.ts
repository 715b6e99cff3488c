import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../testing/audit-actions.js';
import { freshDb } from '../testing/db.js';
import { AuditWriter, verifyAudit } from './audit.js';
import { GroupCommit } from './group-commit.js';
import type { Queryable } from './db.js';

type Db = Awaited<ReturnType<typeof freshDb>>;
let db: Db;
beforeAll(async () => {
  db = await freshDb();
  // Tables are the owner's to create (on PostgreSQL the code under test connects as the application role).
  const appRole = (await db.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
  await db.owner.exec(`CREATE TABLE group_commit_items (v text NOT NULL); GRANT SELECT, INSERT ON group_commit_items TO "${appRole}"`);
});
afterAll(() => db.dispose());

// A NUL is text PostgreSQL refuses: the statement carrying it fails, on PGlite as on PostgreSQL.
const POISON = 'evil\u0000row';

const insertItems = (tx: Queryable, items: string[]) => tx.query('INSERT INTO group_commit_items (v) SELECT unnest($1::text[])', [items]);
const stored = async () => (await db.query<{ v: string }>('SELECT v FROM group_commit_items')).rows.map((r) => r.v);

describe('group commit', () => {
  it('fails only the member whose row the database refuses; the clean members of its group commit', async () => {
    const batches: number[] = [];
    const commits = new GroupCommit<string>(db, async (tx, items) => {
      batches.push(items.length);
      await insertItems(tx, items);
    });
    // The first item leaves alone; the 23 others wait for it and go together, the poisoned one among them.
    const items = Array.from({ length: 24 }, (_, i) => (i === 12 ? POISON : `clean ${i}`));
    const results = await Promise.allSettled(items.map((item) => commits.add(item)));
    expect(batches.slice(0, 2)).toEqual([1, 23]);
    expect(results.map((r) => r.status)).toEqual(items.map((item) => (item === POISON ? 'rejected' : 'fulfilled')));
    expect((await stored()).sort()).toEqual(items.filter((item) => item !== POISON).sort());
  });

  it('still fails every member when the transaction itself cannot commit', async () => {
    const commits = new GroupCommit<string>(db, async (tx, items) => {
      await insertItems(tx, items);
      await tx.query('SELECT 1/0');
    });
    const results = await Promise.allSettled(['x', 'y', 'z'].map((item) => commits.add(item)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await stored()).not.toContain('y');
  });

  it('keeps the audit chain whole: clean reads grouped with a poisoned one are recorded and the chain verifies', async () => {
    const writer = new AuditWriter(db);
    const entry = (i: number, purpose: string) => ({ actorKind: 'officer' as const, actorId: '1', action: 'test.read' as const, subjectKind: 'person', subjectId: String(i), purpose });
    const results = await Promise.allSettled(Array.from({ length: 21 }, (_, i) => writer.record(entry(i, i === 7 ? 'x\u0000y' : 'Kiểm tra'))));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((results[7] as PromiseRejectedResult).reason).toBeDefined();
    const n = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.read'")).rows[0].n;
    expect(Number(n)).toBe(20);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
