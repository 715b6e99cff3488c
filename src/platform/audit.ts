import { createHash } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { afterCommit, commitBeforeFlush, isTransaction, type Db, type Queryable, type Transaction } from './db.js';
import { GroupCommit } from './group-commit.js';
import { currentContext, servedRequest, type RequestContext } from './context.js';

/**
 * Every audit action of the application and the type of its data. Modules add theirs by declaration
 * merging from the catalogue they define with `defineAuditActions`:
 * `declare module '../../platform/audit.js' { interface AuditActions extends ActionsOf<typeof REGISTRY_AUDIT> {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditActions {}
export type AuditAction = keyof AuditActions & string;

export interface AuditActionSpec {
  /** What the entry means, in Vietnamese (docs/audit-actions.md, the citizen's history). */
  label: string;
  /** `read`: personal data shown; `write`: a change (exactly one entry, in the transaction of the change). */
  kind: 'read' | 'write' | 'event';
  /** The shape of the entry's `data`; an action without one carries none. */
  data?: TSchema;
}

export type ActionsOf<T extends Record<string, AuditActionSpec>> = {
  [K in keyof T]: T[K] extends { data: infer S extends TSchema } ? Static<S> : undefined;
};

const actionRegistry = new Map<string, AuditActionSpec & { check?: TypeCheck<TSchema> }>();

/** A module's audit actions, known to the audit writer from the moment the module is loaded. */
export function defineAuditActions<const T extends Record<string, AuditActionSpec>>(actions: T): T {
  for (const [name, spec] of Object.entries(actions)) {
    const known = actionRegistry.get(name);
    if (known && known.label !== spec.label) throw new Error(`Audit action ${name} is defined twice`);
    actionRegistry.set(name, { ...spec, check: spec.data ? TypeCompiler.Compile(spec.data) : undefined });
  }
  return actions;
}

export function auditActionCatalogue(): ReadonlyMap<string, AuditActionSpec> {
  return actionRegistry;
}

export interface AuditEntry {
  actorKind: 'officer' | 'citizen' | 'system' | 'cli';
  actorId: string;
  actorName?: string;
  action: AuditAction;
  subjectKind?: string;
  subjectId?: string;
  fields?: readonly string[];
  purpose?: string;
  requestId?: string;
  /** Checked against the action's schema; stored as canonical JSON. */
  data?: unknown;
}

/** JSON with object keys sorted, so that the stored text and its hash do not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** The action must be known and its data must match the action's schema: a mismatch is a programming error. */
function checkedData(e: AuditEntry): string | null {
  const spec = actionRegistry.get(e.action);
  if (!spec) throw new Error(`Unknown audit action ${e.action}: define it in its module's audit catalogue`);
  if (e.data === undefined) {
    if (spec.check) throw new Error(`Audit action ${e.action} needs data`);
    return null;
  }
  if (!spec.check) throw new Error(`Audit action ${e.action} carries no data`);
  if (!spec.check.Check(e.data)) {
    const first = [...spec.check.Errors(e.data)][0];
    throw new Error(`Audit data of ${e.action} does not match its schema: ${first?.path ?? ''} ${first?.message ?? ''}`);
  }
  return canonicalJson(e.data);
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
  fields: readonly string[];
  purpose: string | null;
  request_id: string | null;
  data: string | null;
  prev_hash: string;
  hash: string;
}

function rowHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const values: unknown[] = [
    r.seq, r.at, r.actor_kind, r.actor_id, r.actor_name, r.action, r.subject_kind, r.subject_id, r.fields, r.purpose, r.request_id,
  ];
  // Rows written before actions carried data keep their hash: an absent value is not hashed.
  if (r.data !== null) values.push(r.data);
  return createHash('sha256').update(`${prevHash}\n${JSON.stringify(values)}`).digest('hex');
}

/** Takes the chain's lock (transaction-scoped) and reads its head, in one round trip (with the transaction's BEGIN when nothing was sent yet). */
async function takeChain(tx: Transaction): Promise<{ seq: number; hash: string }> {
  // The lock is held until the transaction ends: ending it before the fsync lets the next writer of the
  // chain go on while this one waits for the disk (the transaction still resolves once it is durable).
  commitBeforeFlush(tx);
  // Each statement of a script takes its own snapshot, so the head read after the lock is granted is
  // the newest row of any process (audit.test.ts "several writers").
  const last = (await tx.exec<{ seq: number; hash: string }>(
    `SELECT pg_advisory_xact_lock(${CHAIN_LOCK}); SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
  )).rows[0];
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS };
}

/** Transactions inside `appendAuditAfter`'s work: the head it holds would be stale after an append of theirs. */
const chainHeld = new WeakSet<Transaction>();

/** The text[] literal of each field list, by list: routes pass the same constant list for every entry. */
const fieldLiterals = new WeakMap<readonly string[], string>();
function fieldsLiteralOf(fields: readonly string[]): string {
  let literal = fieldLiterals.get(fields);
  if (literal === undefined) {
    literal = fieldsLiteral(fields);
    fieldLiterals.set(fields, literal);
  }
  return literal;
}
const NO_FIELDS: readonly string[] = [];

/**
 * Appends entries to the chain inside the caller's transaction, so that the audit row commits
 * or rolls back with the change it describes. Holds a transaction-scoped advisory lock.
 * Only a transaction's handle is taken (by type and at run time): an entry written on its own could
 * commit without its change, or its change without it. Once the transaction commits, each entry counts
 * for the request it names (`requestId`) while that request is being served (access.ts checks the counts).
 */
export async function appendAudit(tx: Transaction, entries: AuditEntry[]): Promise<void> {
  if (!isTransaction(tx)) throw new Error('appendAudit needs the handle of the transaction of the change (Db.transaction)');
  if (chainHeld.has(tx)) throw new Error('appendAudit inside the work of appendAuditAfter: return the entries instead');
  if (!entries.length) return;
  await insertEntries(tx, await takeChain(tx), entries);
}

/**
 * The same append for a transaction whose first statements have parameters, so that its BEGIN would
 * leave alone (a group of verifications: claims, rows, then their entries): the chain is taken first,
 * with the BEGIN, then `work` runs and the entries it returns are appended from the head read then.
 * One round trip fewer per transaction; the lock is held during `work`, so later writers of the chain
 * wait that much longer. `work` must not append to the chain itself (it throws if it does).
 */
export async function appendAuditAfter(tx: Transaction, work: () => Promise<AuditEntry[]>): Promise<void> {
  if (!isTransaction(tx)) throw new Error('appendAuditAfter needs the handle of the transaction of the change (Db.transaction)');
  const head = await takeChain(tx);
  let entries: AuditEntry[];
  chainHeld.add(tx);
  try {
    entries = await work();
  } finally {
    chainHeld.delete(tx);
  }
  if (entries.length) await insertEntries(tx, head, entries);
}

async function insertEntries(tx: Transaction, head: { seq: number; hash: string }, entries: AuditEntry[]): Promise<void> {
  let seq = head.seq;
  let prev = head.hash;
  // Microsecond precision, as timestamptz stores it, so the hash survives the round trip.
  const at = new Date().toISOString().replace('Z', '000Z');
  const n = entries.length;
  const seqs = new Array<number>(n);
  const ats = new Array<string>(n);
  const actorKinds = new Array<string>(n);
  const actorIds = new Array<string>(n);
  const actorNames = new Array<string | null>(n);
  const actions = new Array<string>(n);
  const subjectKinds = new Array<string | null>(n);
  const subjectIds = new Array<string | null>(n);
  const fieldLists = new Array<string>(n);
  const purposes = new Array<string | null>(n);
  const requestIds = new Array<string | null>(n);
  const prevHashes = new Array<string>(n);
  const hashes = new Array<string>(n);
  const datas = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    seq += 1;
    const data = checkedData(e);
    const fields = e.fields ?? NO_FIELDS;
    const row = {
      seq, at, actor_kind: e.actorKind, actor_id: e.actorId, actor_name: e.actorName ?? null, action: e.action,
      subject_kind: e.subjectKind ?? null, subject_id: e.subjectId ?? null, fields, purpose: e.purpose ?? null, request_id: e.requestId ?? null, data,
    };
    const hash = rowHash(prev, row);
    seqs[i] = seq;
    ats[i] = at;
    actorKinds[i] = row.actor_kind;
    actorIds[i] = row.actor_id;
    actorNames[i] = row.actor_name;
    actions[i] = row.action;
    subjectKinds[i] = row.subject_kind;
    subjectIds[i] = row.subject_id;
    fieldLists[i] = fieldsLiteralOf(fields);
    purposes[i] = row.purpose;
    requestIds[i] = row.request_id;
    prevHashes[i] = prev;
    hashes[i] = hash;
    datas[i] = data;
    prev = hash;
  }
  // One array per column: the statement text is the same for any batch size, so it is prepared once
  // per connection instead of parsed and planned for every batch. `fields` (an array per row) travels
  // as array literals, cast back row by row.
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields, purpose, request_id, prev_hash, hash, data)
     SELECT seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields::text[], purpose, request_id, prev_hash, hash, data
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            AS t(seq, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, fields, purpose, request_id, prev_hash, hash, data)`,
    [seqs, ats, actorKinds, actorIds, actorNames, actions, subjectKinds, subjectIds, fieldLists, purposes, requestIds, prevHashes, hashes, datas],
    'audit_insert',
  );
  afterCommit(tx, () => {
    for (const e of entries) {
      const ctx = e.requestId ? servedRequest(e.requestId) : undefined;
      if (ctx) (ctx.committed ??= new Map()).set(e.action, (ctx.committed.get(e.action) ?? 0) + 1);
    }
  });
}

/** Entries of `actions` committed for the request of `ctx` so far. */
export function committedCount(ctx: RequestContext, actions: readonly string[]): number {
  return actions.reduce((n, a) => n + (ctx.committed?.get(a) ?? 0), 0);
}

/** A text[] literal of the field names (every element quoted, so any name survives). */
function fieldsLiteral(fields: readonly string[]): string {
  return `{${fields.map((f) => `"${f.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Who the entry names as actor: the context's explicit actor, else its signed-in caller. */
export function actorOf(ctx: RequestContext): Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorName'> {
  if (ctx.actor) return { actorKind: ctx.actor.kind, actorId: ctx.actor.id, actorName: ctx.actor.name };
  const c = ctx.caller;
  switch (c.kind) {
    case 'officer': return { actorKind: 'officer', actorId: String(c.officerId), actorName: c.fullName };
    case 'citizen': return { actorKind: 'citizen', actorId: String(c.accountId) };
    case 'relying_party': return { actorKind: 'system', actorId: `rp:${c.relyingPartyId}` };
    default: return { actorKind: 'system', actorId: 'public' };
  }
}

/** Who or what an entry is about, as a read names the people its answer shows. */
export interface AuditSubject {
  kind: string;
  id: string;
  fields?: readonly string[];
}

const shown = new WeakMap<object, AuditSubject>();

/**
 * Marks an item of an answer with the subject it shows, for answers that cannot name them themselves
 * (a list that masks identity numbers: the registry's search, the desk's guests, the police's stays).
 * The route's read audit names them with `subjectShown`: one mechanism for every masked list.
 */
export function shownAs<T extends object>(item: T, subject: AuditSubject): T {
  shown.set(item, subject);
  return item;
}

/** The subject an item of an answer shows; an item not marked by the service that built it is a programming error. */
export function subjectShown(item: object): AuditSubject {
  const subject = shown.get(item);
  if (!subject) throw new Error('subjectShown: the item was not marked with shownAs by the service that built it');
  return subject;
}

/** What a service says about the entry of its write: the action, actor and request come from the context. */
export interface AuditDetails {
  subjectKind?: string;
  subjectId?: string;
  fields?: readonly string[];
  purpose?: string;
  data?: unknown;
}

/**
 * Writes the entry of the write action the route declared, in `tx`, the transaction of the write, so
 * that the entry commits or rolls back with the change. One call per subject changed (a declaration of
 * three guests writes three entries, one in each guest's history). Outside a declared write (a
 * programming error) it throws, so a write can never be audited under the wrong action.
 */
export async function audited(tx: Transaction, details: AuditDetails | AuditDetails[], ctx: RequestContext | undefined = currentContext()): Promise<void> {
  if (!ctx?.writeAction) throw new Error('audited() outside a route that declares a write action');
  const list = Array.isArray(details) ? details : [details];
  await appendAudit(tx, entriesOf(ctx, ctx.writeAction, list));
}

/** The entries of a declared write: action, actor, request and default purpose from its context. */
function entriesOf(ctx: RequestContext, action: AuditAction, list: readonly AuditDetails[]): AuditEntry[] {
  const base = { ...actorOf(ctx), action, requestId: ctx.requestId, purpose: ctx.purpose };
  return list.map((d) => ({ ...base, ...d, purpose: d.purpose ?? base.purpose }));
}

/**
 * The same for the writes of several requests committed together by a group commit, each under the
 * context captured when its item was added: one append for the whole group, not one per request.
 * `following`: complete entries (their own actor and action) appended after them in the same chain write.
 */
export async function auditedTogether(tx: Transaction, writes: readonly { details: AuditDetails[]; ctx: RequestContext | undefined }[],
  following: readonly AuditEntry[] = []): Promise<void> {
  const entries = writes.flatMap(({ details, ctx }) => {
    if (!ctx?.writeAction) throw new Error('auditedTogether() for a request that declares no write action');
    return entriesOf(ctx, ctx.writeAction, details);
  });
  // Entries the same transaction owes on its own account (a lodging group's alerts) follow in the same
  // append: one lock, head read and insert per group instead of two.
  await appendAudit(tx, following.length ? [...entries, ...following] : entries);
}

/**
 * Says that the declared write changed nothing: an idempotent repeat answered with what the first
 * request wrote (that request wrote the entry). Without it a 2xx write without an entry is refused.
 */
export function unchanged(ctx: RequestContext | undefined = currentContext()): void {
  if (!ctx?.writeAction) throw new Error('unchanged() outside a route that declares a write action');
  servedOf(ctx).unchanged = true;
}

/**
 * Says that the scan of a route that chooses its action (`{ oneOf }`) identified nobody, so it owes no
 * entry. Elsewhere (a declaration that verifies its guests inside its own write) it changes nothing.
 */
export function identifiedNobody(ctx: RequestContext | undefined = currentContext()): void {
  if (ctx?.oneOf) servedOf(ctx).unchanged = true;
}

/** The request's own context, also from a scoped run (`runAs`) that copied it. */
const servedOf = (ctx: RequestContext) => (ctx.requestId ? servedRequest(ctx.requestId) : undefined) ?? ctx;

/**
 * Group commit for audit entries of reads: entries that arrive while a flush is running are
 * written together in the next one. `record` resolves only once the entry is durable, so no
 * personal data leaves the server before its audit row is committed.
 */
export class AuditWriter {
  /** A member is one act: its entries stay together and in order in one group transaction. */
  private readonly commits: GroupCommit<AuditEntry[]>;

  constructor(db: Db, maxBatch = 500) {
    this.commits = new GroupCommit(db, (tx, acts) => appendAudit(tx, acts.flat()), maxBatch);
  }

  record(entry: AuditEntry): Promise<void> {
    return this.commits.add([entry]);
  }

  /** Several entries of one act (a list shows several people: one entry per person shown), written together in order. */
  async recordAll(entries: AuditEntry[]): Promise<void> {
    if (entries.length) await this.commits.add(entries);
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
              subject_kind, subject_id, fields, purpose, request_id, data, prev_hash, hash
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

/** The entries of one action in chain order, with their data (for a module that anchors its own chains in this one). */
export async function entriesOfAction(db: Queryable, action: AuditAction): Promise<{ seq: number; at: string; data: unknown }[]> {
  const r = await db.query<{ seq: string; at: Date | string; data: string | null }>('SELECT seq, at, data FROM audit_log WHERE action = $1 ORDER BY seq', [action]);
  return r.rows.map((x) => ({ seq: Number(x.seq), at: new Date(x.at).toISOString(), data: x.data === null ? null : JSON.parse(x.data) as unknown }));
}
