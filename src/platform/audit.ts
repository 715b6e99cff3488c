import { createHash } from 'node:crypto';
import type { Db, Queryable } from './db.js';
import { GroupCommit } from './group-commit.js';

export interface AuditEntry {
  actorKind: 'officer' | 'citizen' | 'system' | 'cli';
  actorId: string;
  actorName?: string;
  action: string;
  subjectKind?: string;
  subjectId?: string;
  fields?: string[];
  purpose?: string;
  requestId?: string;
}

const GENESIS = '0'.repeat(64);
/** Serialises chain appends across every process that shares the database. */
const CHAIN_LOCK = 6_000_006;

interface Row {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  fields: string[];
  purpose: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

function rowHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    r.seq, r.at, r.actor_kind, r.actor_id, r.actor_name, r.action, r.subject_kind, r.subject_id, r.fields, r.purpose, r.request_id,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends entries to the chain inside the caller's transaction, so that the audit row commits
 * or rolls back with the change it describes. Holds a transaction-scoped advisory lock.
 */
export async function appendAudit(tx: Queryable, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK], 'audit_lock');
  const last = (await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1', [], 'audit_last')).rows[0];
  let seq = last ? Number(last.seq) : 0;
  let prev = last ? last.hash : GENESIS;
  // Microsecond precision, as timestamptz stores it, so the hash survives the round trip.
  const at = new Date().toISOString().replace('Z', '000Z');
  const cols: unknown[][] = Array.from({ length: 13 }, () => new Array(entries.length));
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    seq += 1;
    const row = {
      seq, at, actor_kind: e.actorKind, actor_id: e.actorId, actor_name: e.actorName ?? null, action: e.action,
      subject_kind: e.subjectKind ?? null, subject_id: e.subjectId ?? null, fields: e.fields ?? [],
      purpose: e.purpose ?? null, request_id: e.requestId ?? null,
    };
    const hash = rowHash(prev, row);
    const values = [row.seq, row.at, row.actor_kind, row.actor_id, row.actor_name, row.action, row.subject_kind, row.subject_id,
      fieldsLiteral(row.fields), row.purpose, row.request_id, prev, hash];
    for (let c = 0; c < 13; c++) cols[c][i] = values[c];
    prev = hash;
  }
  // One array per column: the statement text is the same for any batch size, so it is prepared once
  // per connection instead of parsed and planned for every batch. `fields` (an array per row) travels
  // as array literals, cast back row by row.
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields, purpose, request_id, prev_hash, hash)
     SELECT seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields::text[], purpose, request_id, prev_hash, hash
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::text[])
            AS t(seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields, purpose, request_id, prev_hash, hash)`,
    cols,
    'audit_insert',
  );
}

/** A text[] literal of the field names (every element quoted, so any name survives). */
function fieldsLiteral(fields: string[]): string {
  return `{${fields.map((f) => `"${f.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Group commit for audit entries of reads: entries that arrive while a flush is running are
 * written together in the next one. `record` resolves only once the entry is durable, so no
 * personal data leaves the server before its audit row is committed.
 */
export class AuditWriter {
  private readonly commits: GroupCommit<AuditEntry>;

  constructor(db: Db, maxBatch = 500) {
    this.commits = new GroupCommit(db, (tx, entries) => appendAudit(tx, entries), maxBatch);
  }

  record(entry: AuditEntry): Promise<void> {
    return this.commits.add(entry);
  }

  /** Several entries of one act (a list shows several people: one entry per person shown). */
  async recordAll(entries: AuditEntry[]): Promise<void> {
    await Promise.all(entries.map((e) => this.record(e)));
  }

  /** Waits for everything recorded so far. */
  drain(): Promise<void> {
    return this.commits.drain();
  }
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq?: number;
  /**
   * missing, broken-link, altered: the chain itself is broken at `firstBadSeq`. truncated: the chain
   * ends before a signed checkpoint's row (rows from `firstBadSeq` on were cut). rewritten: the chain
   * links up but a checkpoint's row has another hash (recomputed somewhere after row `since`).
   */
  reason?: 'missing' | 'broken-link' | 'altered' | 'truncated' | 'rewritten';
  /** The checkpoint the log contradicts (truncated, rewritten). */
  checkpoint?: Checkpoint;
  /** rewritten: the last row still known good (an earlier checkpoint's, or 0). */
  since?: number;
}

/** What the chain is compared with: signed checkpoints (`audit-checkpoint.ts`), already checked. */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
}

/**
 * Recomputes the chain from the first row; reports the first row whose hash or link is wrong. Then
 * each checkpoint's row must exist and carry the checkpoint's hash: a chain that links up but ends
 * too early was cut, one whose row differs was recomputed.
 */
export async function verifyAudit(
  db: Queryable, onProgress?: (checked: number, total: number) => void, checkpoints: Checkpoint[] = [],
): Promise<AuditVerifyResult> {
  const total = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n);
  const anchored = new Map<number, string>(checkpoints.map((c) => [c.seq, '']));
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  const page = 5000;
  for (;;) {
    const { rows } = await db.query<Row>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_kind, actor_id, actor_name, action,
              subject_kind, subject_id, fields, purpose, request_id, prev_hash, hash
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, page],
    );
    if (!rows.length) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, reason: 'missing' };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBadSeq: seq, reason: 'broken-link' };
      if (rowHash(prev, { ...r, seq }) !== r.hash) return { ok: false, checked, firstBadSeq: seq, reason: 'altered' };
      if (anchored.has(seq)) anchored.set(seq, r.hash);
      prev = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  if (checked !== total) return { ok: false, checked, firstBadSeq: expectedSeq, reason: 'missing' };
  let since = 0;
  for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (c.seq > checked) return { ok: false, checked, firstBadSeq: checked + 1, reason: 'truncated', checkpoint: c };
    if (anchored.get(c.seq) !== c.hash) return { ok: false, checked, firstBadSeq: since + 1, reason: 'rewritten', checkpoint: c, since };
    since = c.seq;
  }
  return { ok: true, checked };
}

export type AuditTrailRow = Pick<Row, 'seq' | 'at' | 'actor_kind' | 'actor_id' | 'actor_name' | 'action' | 'fields' | 'purpose'>;

/** Newest first: who did what to one subject. */
export async function auditTrail(db: Queryable, subjectKind: string, subjectId: string, limit = 100): Promise<AuditTrailRow[]> {
  const r = await db.query<AuditTrailRow>(
    `SELECT seq, at, actor_kind, actor_id, actor_name, action, fields, purpose FROM audit_log
      WHERE subject_kind = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT $3`,
    [subjectKind, subjectId, limit],
  );
  return r.rows;
}
