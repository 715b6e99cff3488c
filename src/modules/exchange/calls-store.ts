import type { Queryable } from '../../platform/db.js';
import type { ExchangeLogEntry, LogNotes } from './log.js';

/** The SQL of the agencies' calls written together (calls.ts): the exchange module's own tables only. */
export const callsStore = {
  /** Locks the grant's count of the day (created at 0), returns it; the lock holds until the transaction ends. */
  async lockUsage(q: Queryable, grantId: number, day: string) {
    const r = await q.query<{ calls: number }>(
      `INSERT INTO exchange_usage (grant_id, day, calls) VALUES ($1, $2, 0)
       ON CONFLICT (grant_id, day) DO UPDATE SET calls = exchange_usage.calls RETURNING calls`,
      [grantId, day], 'exchange_usage_lock',
    );
    return Number(r.rows[0]!.calls);
  },
  async addUsage(q: Queryable, grantId: number, day: string, calls: number) {
    await q.query('UPDATE exchange_usage SET calls = calls + $3 WHERE grant_id = $1 AND day = $2', [grantId, day, calls], 'exchange_usage_add');
  },
  /** `basis`: answered under the law or a consent (`consentId`). */
  async insertQueries(q: Queryable, rows: { agencyId: number; grantId: number; serviceCode: string; personId: number; fields: string[]; purpose: string; basis: 'law' | 'consent'; consentId: number | null }[]) {
    if (!rows.length) return;
    // Field lists as JSON: a text[][] parameter cannot hold lists of different lengths.
    await q.query(
      `INSERT INTO exchange_queries (agency_id, grant_id, service_code, person_id, fields, purpose, basis, consent_id)
       SELECT a, g, s, p, ARRAY(SELECT jsonb_array_elements_text(f)), u, b, c
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::jsonb[], $6::text[], $7::text[], $8::bigint[]) AS t(a, g, s, p, f, u, b, c)`,
      [rows.map((r) => r.agencyId), rows.map((r) => r.grantId), rows.map((r) => r.serviceCode), rows.map((r) => r.personId),
        rows.map((r) => JSON.stringify(r.fields)), rows.map((r) => r.purpose), rows.map((r) => r.basis), rows.map((r) => r.consentId)],
      'exchange_queries_insert',
    );
  },
  /**
   * Holds the agency's log until the transaction ends (its next entries are chained to the last one); returns the last.
   * NO KEY UPDATE: the rows that name the agency (history, batches, consents) take KEY SHARE locks and need not wait.
   */
  async lockLastLogEntry(q: Queryable, agencyId: number) {
    await q.query('SELECT id FROM exchange_agencies WHERE id = $1 FOR NO KEY UPDATE', [agencyId], 'exchange_log_lock');
    return (await q.query<{ seq: string; hash: string }>('SELECT seq, hash FROM exchange_log WHERE agency_id = $1 ORDER BY seq DESC LIMIT 1', [agencyId], 'exchange_log_last')).rows[0];
  },
  async insertLogEntries(q: Queryable, es: (ExchangeLogEntry & LogNotes)[]) {
    await q.query(
      `INSERT INTO exchange_log (agency_id, seq, at, method, path, status, request_sha256, response_sha256, prev_hash, hash, jws, problem, service_code, purpose)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                            $12::text[], $13::text[], $14::text[])`,
      [es.map((e) => e.agencyId), es.map((e) => e.seq), es.map((e) => e.at), es.map((e) => e.method), es.map((e) => e.path), es.map((e) => e.status),
        es.map((e) => e.requestSha256), es.map((e) => e.responseSha256), es.map((e) => e.prevHash), es.map((e) => e.hash), es.map((e) => e.jws),
        es.map((e) => e.problem), es.map((e) => e.serviceCode), es.map((e) => e.purpose)],
      'exchange_log_insert',
    );
  },
  /** Each agency's newest entry (number and hash): what an anchor in the audit chain records. */
  async logHeads(q: Queryable) {
    const r = await q.query<{ agency_id: string; seq: string; hash: string }>(
      `SELECT DISTINCT ON (agency_id) agency_id, seq, hash FROM exchange_log ORDER BY agency_id, seq DESC`,
    );
    return r.rows.map((x) => ({ agencyId: Number(x.agency_id), seq: Number(x.seq), hash: x.hash }));
  },
  /** Makes the reads that follow in this transaction (its first statement) see one snapshot: a log and its base. */
  async oneSnapshot(q: Queryable) {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  },
  /** Where each agency's kept log begins after a removal (none: from its first entry). */
  async logBase(q: Queryable, agencyId: number) {
    const r = await q.query<{ seq: string; hash: string }>('SELECT seq, hash FROM exchange_log_bases WHERE agency_id = $1', [agencyId]);
    return r.rows[0] && { seq: Number(r.rows[0].seq), hash: r.rows[0].hash };
  },
  async logBases(q: Queryable) {
    const r = await q.query<{ agency_id: string; seq: string; hash: string }>('SELECT agency_id, seq, hash FROM exchange_log_bases');
    return new Map(r.rows.map((x) => [Number(x.agency_id), { seq: Number(x.seq), hash: x.hash }]));
  },
  /** The agencies whose log holds entries from before `before`. */
  async agenciesWithEntriesBefore(q: Queryable, before: string) {
    const r = await q.query<{ agency_id: string }>('SELECT DISTINCT agency_id FROM exchange_log WHERE at < $1', [before]);
    return r.rows.map((x) => Number(x.agency_id));
  },
  /**
   * Removes the agency's entries from before `before` (its log held, as its writers hold it), always keeping its newest
   * entry, and keeps the last one removed as the log's new base; returns it, or undefined when nothing was removed.
   */
  async pruneLog(q: Queryable, agencyId: number, before: string) {
    await q.query('SELECT id FROM exchange_agencies WHERE id = $1 FOR NO KEY UPDATE', [agencyId], 'exchange_log_lock');
    const last = (await q.query<{ seq: string; hash: string }>(
      // Never the newest entry: the next call chains to it (a log emptied would start again from entry 1).
      `SELECT seq, hash FROM exchange_log WHERE agency_id = $1 AND at < $2
          AND seq < (SELECT max(seq) FROM exchange_log WHERE agency_id = $1) ORDER BY seq DESC LIMIT 1`, [agencyId, before],
    )).rows[0];
    if (!last) return undefined;
    const removed = await q.query('DELETE FROM exchange_log WHERE agency_id = $1 AND seq <= $2', [agencyId, last.seq]);
    await q.query(
      `INSERT INTO exchange_log_bases (agency_id, seq, hash) VALUES ($1, $2, $3)
       ON CONFLICT (agency_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, pruned_at = now()`,
      [agencyId, last.seq, last.hash],
    );
    return { seq: Number(last.seq), hash: last.hash, removed: removed.rowCount ?? 0 };
  },
};
