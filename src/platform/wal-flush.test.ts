import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../testing/audit-actions.js';
import { freshDb } from '../testing/db.js';
import { appendAudit, verifyAudit } from './audit.js';
import { afterCommit } from './db.js';

type Db = Awaited<ReturnType<typeof freshDb>>;
let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.dispose());

const flushes = async () => Number((await db.owner.query<{ n: number }>('SELECT n FROM wal_flush')).rows[0].n);
const entry = (i: number) => ({ actorKind: 'system' as const, actorId: `flush-${i}`, action: 'person.read' as const, subjectKind: 'person', subjectId: String(i) });

// The audited transactions commit before the fsync and wait for a shared flush of the log afterwards.
describe.runIf(process.env.DATABASE_URL)('commits before the flush (PostgreSQL)', () => {
  it('resolves once a flush begun after its COMMIT is done, and runs its hooks only then', async () => {
    const before = await flushes();
    let hookSaw = -1;
    await db.transaction(async (tx) => {
      await appendAudit(tx, [entry(1)]);
      afterCommit(tx, () => { hookSaw = 1; });
    });
    expect(hookSaw).toBe(1);
    expect(await flushes()).toBeGreaterThan(before);
  });

  it('serves many concurrent audited transactions, at most one flush each, the chain intact', async () => {
    const before = await flushes();
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.transaction((tx) => appendAudit(tx, [entry(100 + i)]))));
    const used = (await flushes()) - before;
    // How many share a flush depends on the disk: when an fsync takes less than the chain's next append, none do.
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(40);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('has a group commit write its next group while the last one waits for the disk; each member resolves once durable', async () => {
    const { GroupCommit } = await import('./group-commit.js');
    const groups: number[] = [];
    const commits = new GroupCommit<number>(db, async (tx, items) => {
      groups.push(items.length);
      await appendAudit(tx, items.map((i) => entry(500 + i)));
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => commits.add(i)));
    await commits.drain();
    expect(groups.reduce((a, b) => a + b, 0)).toBe(30);
    const written = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE actor_id LIKE 'flush-5%'");
    expect(written.rows[0].n).toBe(30);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('fails, never passes for durable, when the flush has nothing to write; the application may not remove its row', async () => {
    await expect(db.query('DELETE FROM wal_flush')).rejects.toThrow();
    await db.owner.query('DELETE FROM wal_flush');
    try {
      await expect(db.transaction((tx) => appendAudit(tx, [entry(700)]))).rejects.toThrow(/wal_flush/);
    } finally {
      await db.owner.query('INSERT INTO wal_flush (id, n) VALUES (1, 0)');
    }
    await db.transaction((tx) => appendAudit(tx, [entry(701)]));
    expect(await db.flushed()).toBeUndefined();
  });

  it('does not flush for a transaction that appends nothing to the chain', async () => {
    const before = await flushes();
    await db.transaction(async (tx) => { await tx.query('SELECT 1'); });
    expect(await flushes()).toBe(before);
  });

  it('rolls back as before: no flush is waited for and nothing of it stays', async () => {
    const before = await flushes();
    await expect(db.transaction(async (tx) => {
      await appendAudit(tx, [entry(999)]);
      throw new Error('change refused');
    })).rejects.toThrow('change refused');
    expect(await flushes()).toBe(before);
    expect((await db.query('SELECT 1 FROM audit_log WHERE actor_id = $1', ['flush-999'])).rows).toHaveLength(0);
  });
});
