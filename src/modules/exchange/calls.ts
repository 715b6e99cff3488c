// The agencies' calls, written together: many concurrent calls of one agency (one grant, one signed log) would
// otherwise wait for each other's commit, since each takes the grant's count of the day and the agency's log head in
// turn. Calls arriving while a transaction is written go together in the next one (platform/group-commit.ts): one
// lock, one head read and one commit for the group; each call still gets its own answer (a call over the quota is
// refused alone) and its own chained, signed log entry.
import { commitBeforeFlush, type Db, type Transaction } from '../../platform/db.js';
import { appendAudit, type AuditEntry } from '../../platform/audit.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { callsStore as store } from './calls-store.js';
import { EXCHANGE_LOG_TYP, GENESIS_HASH, canonicalEntry, sha256, type ExchangeLogEntry, type LogNotes } from './log.js';

/** One call counted against its grant's daily quota, with the person it found for their access history. */
interface Counted {
  grantId: number; quota: number; day: string;
  /** Uses up what the call rests on, in the transaction that counts it (a consent given once); false: no longer in force. */
  useConsent: (tx: Transaction) => Promise<boolean>;
  query: { agencyId: number; serviceCode: string; personId: number; fields: string[]; purpose: string; basis: 'law' | 'consent'; consentId: number | null } | null;
  /**
   * The audit entry of the read the call answers, when the call writes its own (a lookup or check of one person):
   * appended in the transaction that counts the call, so the read is durable with its count in one commit.
   */
  audit?: AuditEntry | null;
  /** Set by each write (a group's, then the call's own if the group failed): why nothing was recorded. */
  refused?: 'quota' | 'consent';
}

/** One call of an agency for its signed log, before it is chained. */
type Unchained = Omit<ExchangeLogEntry, 'seq' | 'prevHash' | 'hash' | 'jws'>;


export function createCallRecorder(db: Db, signer: () => Promise<(payload: string, typ: string) => Promise<string>>) {
  const counts = new GroupCommit<Counted>(db, async (tx, items) => {
    // The audit chain is taken last, after the grants' counts and the consents, as every other writer of these rows
    // does (a batch's chunk, a consent revoked): taken first, it would wait in a circle with them.
    await appendAudit(tx, await countAll(tx, items));
  });

  /** Counts the group's calls; returns the audit entries of those that will be answered. */
  async function countAll(tx: Transaction, items: Counted[]): Promise<AuditEntry[]> {
    const byGrant = new Map<string, Counted[]>();
    for (const it of items) {
      const key = `${it.grantId}/${it.day}`;
      byGrant.set(key, [...(byGrant.get(key) ?? []), it]);
    }
    const queries: NonNullable<Counted['query'] & { grantId: number }>[] = [];
    // Locks in one order (grant, day), so that two nodes' groups never wait for each other in a circle.
    for (const [, group] of [...byGrant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { grantId, day, quota } = group[0]!;
      let room = quota - (await store.lockUsage(tx, grantId, day));
      let accepted = 0;
      for (const it of group) {
        it.refused = room <= 0 ? 'quota' : undefined;
        if (it.refused) continue;
        if (!(await it.useConsent(tx))) {
          it.refused = 'consent';
          continue;
        }
        room--;
        accepted++;
        if (it.query) queries.push({ ...it.query, grantId });
      }
      if (accepted) await store.addUsage(tx, grantId, day, accepted);
    }
    await store.insertQueries(tx, queries);
    return items.flatMap((it) => (it.audit && !it.refused ? [it.audit] : []));
  }

  // The signer is taken before the call joins a group: taking it may read the database, which a transaction holds.
  const logs = new GroupCommit<{ entry: Unchained; notes: LogNotes; sign: (payload: string, typ: string) => Promise<string>; chained?: ExchangeLogEntry }>(db, async (tx, items) => {
    // The agencies' heads are locked until the commit: let the next group chain on while this one's fsync runs.
    commitBeforeFlush(tx);
    const byAgency = new Map<number, typeof items>();
    for (const it of items) byAgency.set(it.entry.agencyId, [...(byAgency.get(it.entry.agencyId) ?? []), it]);
    const rows: (ExchangeLogEntry & LogNotes)[] = [];
    for (const [agencyId, group] of [...byAgency].sort(([a], [b]) => a - b)) {
      const last = await store.lockLastLogEntry(tx, agencyId);
      let seq = last ? Number(last.seq) : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      for (const it of group) {
        const entry = { ...it.entry, seq: ++seq, prevHash };
        const canonical = canonicalEntry(entry);
        const hash = sha256(canonical);
        it.chained = { ...entry, hash, jws: await it.sign(canonical, EXCHANGE_LOG_TYP) };
        rows.push({ ...it.chained, ...it.notes });
        prevHash = hash;
      }
    }
    await store.insertLogEntries(tx, rows);
  });

  return {
    /** Counts the call against the grant's quota and records whom it found; otherwise says why not. */
    async count(c: Omit<Counted, 'refused'>): Promise<'counted' | 'quota' | 'consent'> {
      const item: Counted = { ...c };
      await counts.add(item);
      return item.refused ?? 'counted';
    },
    /** Appends the call to its agency's signed log, chained to the entry before it. */
    async log(entry: Unchained, notes: LogNotes): Promise<void> {
      await logs.add({ entry, notes, sign: await signer() });
    },
  };
}
