import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from './config.js';
import { applicationRoleProblems } from './migrate.js';
import { checkpointSigningKey, checkpointVerificationKey, keepAuditAnchored, readCheckpoints, writeCheckpoint } from './audit-checkpoint.js';
import '../testing/audit-actions.js';
import { freshDb } from '../testing/db.js';
import { AuditWriter, appendAudit, appendAuditAfter, verifyAudit } from './audit.js';
import { GroupCommit } from './group-commit.js';

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
        writer.record({ actorKind: 'officer', actorId: String(i % 7), actorName: 'Cán bộ', action: 'test.read', subjectKind: 'person', subjectId: `0820840${String(i).padStart(5, '0')}`, fields: ['fullName'], purpose: 'Kiểm tra' }),
      ),
    );
    await db.transaction((tx) => appendAudit(tx, [{ actorKind: 'system', actorId: 'test', action: 'test.write' }]));
    const r = await verifyAudit(db);
    expect(r).toEqual({ ok: true, checked: 301 });
  });

  it('chains entries of several writers at once (nodes sharing the database): each group reads the head after the lock', async () => {
    const before = (await verifyAudit(db)).checked;
    const writers = [new AuditWriter(db), new AuditWriter(db), new AuditWriter(db)];
    await Promise.all([
      ...Array.from({ length: 90 }, (_, i) => writers[i % 3].record({ actorKind: 'system', actorId: `node-${i % 3}`, action: 'test.read', subjectKind: 'person', subjectId: String(i) })),
      ...Array.from({ length: 10 }, (_, i) => db.transaction((tx) => appendAudit(tx, [{ actorKind: 'system', actorId: 'tx', action: 'test.write', subjectId: String(i) }]))),
    ]);
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: before + 100 });
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
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 403 });
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
    // What `da06 serve` checks before it starts (refused in production).
    expect(await applicationRoleProblems(db)).toEqual([]);
    expect(await applicationRoleProblems(db.owner)).toEqual(expect.arrayContaining(['owner', 'may-alter-audit']));
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

describe('the probe\'s attacks on the chain, against signed checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let target: { file: string };
  beforeEach(() => {
    target = { file: join(mkdtempSync(join(tmpdir(), 'da06-anchor-')), 'audit-checkpoints.jsonl') };
  });
  const checkpoints = async () => (await readCheckpoints(target.file, publicKey)).checkpoints;
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  };

  /** The attacker's own recomputation: every row from `fromSeq` on gets a hash that links again. */
  async function rechainFrom(fromSeq: number) {
    const { rows } = await db.query<Record<string, unknown> & { seq: number; prev_hash: string }>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_kind, actor_id, actor_name, action,
              subject_kind, subject_id, fields, purpose, request_id, prev_hash FROM audit_log WHERE seq >= $1 ORDER BY seq`, [fromSeq]);
    let prev = rows[0].prev_hash;
    const updates: string[] = [];
    for (const r of rows) {
      const canonical = JSON.stringify([Number(r.seq), r.at, r.actor_kind, r.actor_id, r.actor_name, r.action, r.subject_kind, r.subject_id, r.fields, r.purpose, r.request_id]);
      const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
      updates.push(`UPDATE audit_log SET prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${Number(r.seq)}`);
      prev = hash;
    }
    await tamper(updates.join(';\n'));
  }

  async function append(n: number) {
    await db.transaction((tx) => appendAudit(tx, Array.from({ length: n }, (_, i) => (
      { actorKind: 'officer' as const, actorId: String(i % 5), action: 'test.read', subjectKind: 'person', subjectId: `08208400${String(i).padStart(4, '0')}`, purpose: 'Tra cứu' }))));
  }

  async function freshChain(n: number) {
    await tamper('DELETE FROM audit_log');
    await append(n);
  }

  it('a cut tail (the newest 20 rows deleted) contradicts the latest checkpoint', async () => {
    await freshChain(120);
    await writeCheckpoint(db, privateKey, target);
    await tamper('DELETE FROM audit_log WHERE seq > 100');
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 100 }); // the chain alone cannot tell
    const r = await verifyAudit(db, undefined, await checkpoints());
    expect(r).toMatchObject({ ok: false, reason: 'truncated', firstBadSeq: 101, checked: 100, checkpoint: { seq: 120 } });
  });

  it('a row changed with every later hash recomputed contradicts the checkpoints, and says between which rows', async () => {
    await freshChain(60);
    await writeCheckpoint(db, privateKey, target);
    await append(60);
    await writeCheckpoint(db, privateKey, target);
    await tamper(`UPDATE audit_log SET actor_id = 'nguoi-khac' WHERE seq = 80`);
    await rechainFrom(80);
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 120 });
    const r = await verifyAudit(db, undefined, await checkpoints());
    expect(r).toMatchObject({ ok: false, reason: 'rewritten', since: 60, firstBadSeq: 61, checkpoint: { seq: 120 } });
  });

  it('a tail cut and grown again past the checkpoint is a rewrite', async () => {
    await freshChain(50);
    await writeCheckpoint(db, privateKey, target);
    await tamper('DELETE FROM audit_log WHERE seq > 30');
    await append(40);
    await writeCheckpoint(db, privateKey, target);
    expect(await verifyAudit(db, undefined, await checkpoints())).toMatchObject({ ok: false, reason: 'rewritten', since: 0, checkpoint: { seq: 50 } });
  });

  it('an untouched chain matches every checkpoint; a line not signed by the key is reported and ignored', async () => {
    await freshChain(10);
    await writeCheckpoint(db, privateKey, target);
    expect(await writeCheckpoint(db, privateKey, target, 10)).toBeUndefined(); // nothing new: no line
    await append(5);
    const forged = await writeCheckpoint(db, generateKeyPairSync('ed25519').privateKey, { file: join(dirname(target.file), 'other.jsonl') });
    appendFileSync(target.file, JSON.stringify({ ...forged, seq: 99 }) + '\nnot json\n');
    await writeCheckpoint(db, privateKey, target);
    const read = await readCheckpoints(target.file, publicKey);
    expect(read.invalidLines).toEqual([2, 3]);
    expect(read.checkpoints.map((c) => c.seq)).toEqual([10, 15]);
    expect(await verifyAudit(db, undefined, read.checkpoints)).toEqual({ ok: true, checked: 15 });
  });

  it('anchors at every tick that has new rows and once more at stop, in the file and at the URL', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      await freshChain(3);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anchors`;
      const errors: unknown[] = [];
      const anchor = keepAuditAnchored(db, privateKey, { ...target, url }, 0.002, (err) => errors.push(err)); // every 120 ms
      await until(() => existsSync(target.file));
      await new Promise((r) => setTimeout(r, 300)); // further ticks with nothing new add no line
      await append(2);
      await anchor.stop();
      expect(errors).toEqual([]);
      const lines = readFileSync(target.file, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([3, 5]);
      expect(received).toEqual(lines);
    } finally {
      server.close();
    }
  });

  it('tells the server at its next tick that a row it anchored was cut', async () => {
    await freshChain(30);
    const errors: unknown[] = [];
    const anchor = keepAuditAnchored(db, privateKey, target, 0.002, (err) => errors.push(err)); // every 120 ms
    await until(() => existsSync(target.file));
    await tamper('DELETE FROM audit_log WHERE seq > 20');
    await until(() => errors.length > 0);
    await anchor.stop();
    expect(errors.map(String)).toEqual([expect.stringMatching(/^AuditAnchorError: audit log truncated: row 30 /)]);
  });

  it('takes its key from configuration, or generates one into the data folder outside production only', () => {
    const seed = randomBytes(32).toString('base64');
    const dataDir = mkdtempSync(join(tmpdir(), 'da06-key-'));
    const fromSeed = checkpointSigningKey(loadConfig({ DA06_ENV: 'test', DA06_AUDIT_CHECKPOINT_KEY: seed }));
    expect(fromSeed.asymmetricKeyType).toBe('ed25519');
    const pem = fromSeed.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(createPublicKey(checkpointSigningKey(loadConfig({ DA06_ENV: 'test', DA06_AUDIT_CHECKPOINT_KEY: pem }))).export({ format: 'der', type: 'spki' }))
      .toEqual(createPublicKey(fromSeed).export({ format: 'der', type: 'spki' }));
    expect(() => checkpointSigningKey(loadConfig({ DA06_ENV: 'test', DA06_AUDIT_CHECKPOINT_KEY: 'x'.repeat(44) }))).toThrow(/Ed25519/);
    const dev = loadConfig({ DA06_ENV: 'test', DA06_DATA_DIR: dataDir });
    const generated = checkpointSigningKey(dev);
    expect(checkpointSigningKey(dev).export({ type: 'pkcs8', format: 'der' })).toEqual(generated.export({ type: 'pkcs8', format: 'der' }));
    expect(checkpointVerificationKey(dev)?.asymmetricKeyType).toBe('ed25519');
    expect(() => checkpointSigningKey({ ...dev, DA06_ENV: 'production' })).toThrow(/DA06_AUDIT_CHECKPOINT_KEY/);
  });
});

describe('audit appends after a group\'s own work (verify/log.ts)', () => {
  let own: Db;
  beforeAll(async () => {
    own = await freshDb();
  });
  afterAll(() => own.dispose());

  it('appends the entries a group returns from the head read before its work (appendAuditAfter): concurrent groups, all durable, chain whole; a failed member leaves none', async () => {
    const before = (await verifyAudit(own)).checked;
    await own.owner.exec('CREATE TABLE audit_after_rows (id int PRIMARY KEY); GRANT SELECT, INSERT ON audit_after_rows TO PUBLIC');
    // As verify/log.ts: each member writes a row of its own, then its entry; a member whose row the
    // database refuses (a duplicate id) fails alone, its entry with it, and the others commit.
    const group = new GroupCommit<number>(own, (tx, ids) => appendAuditAfter(tx, async () => {
      await tx.query('INSERT INTO audit_after_rows (id) SELECT unnest($1::int[])', [ids]);
      return ids.map((id) => ({ actorKind: 'system' as const, actorId: 'after', action: 'test.write' as const, subjectKind: 'row', subjectId: String(id) }));
    }));
    const writer = new AuditWriter(own);
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, i) => group.add(i)),
      group.add(7),
      ...Array.from({ length: 20 }, (_, i) => writer.record({ actorKind: 'system', actorId: 'reader', action: 'test.read', subjectKind: 'person', subjectId: String(i) })),
      ...Array.from({ length: 5 }, (_, i) => own.transaction((tx) => appendAudit(tx, [{ actorKind: 'system', actorId: 'tx', action: 'test.write', subjectId: `w${i}` }]))),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await verifyAudit(own)).toEqual({ ok: true, checked: before + 40 + 20 + 5 });
    const written = await own.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = 'after'`);
    expect(Number(written.rows[0].n)).toBe(40);
    // The work may not append itself: the head it was given would be stale.
    await expect(own.transaction((tx) => appendAuditAfter(tx, async () => {
      await appendAudit(tx, [{ actorKind: 'system', actorId: 'nested', action: 'test.write' }]);
      return [];
    }))).rejects.toThrow(/inside the work of appendAuditAfter/);
    expect(await verifyAudit(own)).toEqual({ ok: true, checked: before + 65 });
  });
});
