import { copyValue, type Db, type Queryable, type Transaction } from '../../platform/db.js';

export interface BatchRow {
  id: string; agency_id: string; grant_id: string; service_code: string; purpose: string; format: 'csv' | 'ndjson';
  status: 'receiving' | 'queued' | 'running' | 'done' | 'failed'; bytes: string | null; input_sha256: string | null;
  rows_total: number | null; rows_done: number; rows_yes: number; rows_no: number; rows_error: number; request_id: string | null;
  failure: string | null; created_at: Date | string; started_at: Date | string | null; finished_at: Date | string | null; lease_token: string | null;
}

const BATCH = `id, agency_id, grant_id, service_code, purpose, format, status, bytes, input_sha256, rows_total, rows_done, rows_yes, rows_no,
  rows_error, request_id, failure, created_at, started_at, finished_at, lease_token`;

/** One answered row, as stored. */
export interface AnsweredRow { line: number; personalId: string; answer: boolean | null; error: string | null }

/** The SQL of batch verification: the exchange module's own tables only. */
export function createBatchStore(db: Db) {
  return {
    async insertBatch(b: { agencyId: number; grantId: number; serviceCode: string; purpose: string; format: 'csv' | 'ndjson'; requestId: string | undefined }) {
      const r = await db.query<{ id: string }>(
        `INSERT INTO exchange_batches (agency_id, grant_id, service_code, purpose, format, request_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [b.agencyId, b.grantId, b.serviceCode, b.purpose, b.format, b.requestId ?? null],
      );
      return Number(r.rows[0]!.id);
    },
    async insertPiece(batchId: number, n: number, data: Uint8Array) {
      await db.query('INSERT INTO exchange_batch_input (batch_id, n, data) VALUES ($1, $2, $3)', [batchId, n, data], 'exchange_batch_piece');
    },
    /** A refused or broken upload leaves nothing behind (its pieces go with it). */
    async deleteReceiving(batchId: number) {
      await db.query(`DELETE FROM exchange_batches WHERE id = $1 AND status = 'receiving'`, [batchId]);
    },
    /** Uploads left half-received by a node that stopped, older than `minutes`. */
    async deleteStaleReceiving(minutes: number) {
      await db.query(`DELETE FROM exchange_batches WHERE status = 'receiving' AND created_at < now() - make_interval(mins => $1)`, [minutes]);
    },
    async markQueued(q: Queryable, batchId: number, x: { bytes: number; sha256: string; rowsTotal: number }) {
      const r = await q.query<BatchRow>(
        `UPDATE exchange_batches SET status = 'queued', bytes = $2, input_sha256 = $3, rows_total = $4 WHERE id = $1 AND status = 'receiving' RETURNING ${BATCH}`,
        [batchId, x.bytes, x.sha256, x.rowsTotal],
      );
      return r.rows[0]!;
    },
    async batchOfAgency(id: number, agencyId: number) {
      return (await db.query<BatchRow>(`SELECT ${BATCH} FROM exchange_batches WHERE id = $1 AND agency_id = $2`, [id, agencyId])).rows[0];
    },
    async batchesOfAgency(agencyId: number, limit: number) {
      return (await db.query<BatchRow>(`SELECT ${BATCH} FROM exchange_batches WHERE agency_id = $1 AND status <> 'receiving' ORDER BY id DESC LIMIT $2`, [agencyId, limit])).rows;
    },

    /**
     * Takes the oldest batch waiting for an answer, or one whose node stopped holding it (its lease ran out), and
     * holds it for `seconds`. Two nodes never take the same batch: the row is locked while it is taken.
     */
    async claim(seconds: number) {
      const r = await db.query<BatchRow>(
        `UPDATE exchange_batches SET status = 'running', started_at = coalesce(started_at, now()), lease_until = now() + make_interval(secs => $1),
                lease_token = gen_random_uuid()::text
          WHERE id = (SELECT id FROM exchange_batches
                       WHERE status = 'queued' OR (status = 'running' AND lease_until < now())
                       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING ${BATCH}`,
        [seconds],
      );
      return r.rows[0];
    },
    async pieceCount(batchId: number) {
      return Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_batch_input WHERE batch_id = $1', [batchId])).rows[0]!.n);
    },
    async piece(batchId: number, n: number) {
      const r = await db.query<{ data: Uint8Array }>('SELECT data FROM exchange_batch_input WHERE batch_id = $1 AND n = $2', [batchId, n], 'exchange_batch_read_piece');
      return r.rows[0]?.data;
    },

    /** The grant's daily quota while it is approved and valid on `day`. */
    async quotaInForce(q: Queryable, grantId: number, day: string) {
      const r = await q.query<{ daily_quota: number }>(
        // A grant of an agency since disabled answers nothing more (its batches stop at their next chunk).
        `SELECT g.daily_quota FROM exchange_grants g JOIN exchange_agencies a ON a.id = g.agency_id AND a.active
          WHERE g.id = $1 AND g.status = 'approved' AND g.valid_from <= $2::date AND g.valid_until >= $2::date`,
        [grantId, day],
      );
      return r.rows[0] === undefined ? undefined : Number(r.rows[0].daily_quota);
    },
    async agencyName(agencyId: number) {
      return (await db.query<{ name: string }>('SELECT name FROM exchange_agencies WHERE id = $1', [agencyId])).rows[0]?.name ?? '';
    },
    /** A chunk's answer rows, by COPY (no parameter arrays to encode and parse). */
    async copyRows(tx: Transaction, batchId: number, rows: AnsweredRow[]) {
      if (!rows.length) return;
      const id = String(batchId);
      let text = '';
      for (const r of rows) {
        text += `${id}\t${r.line}\t${copyValue(r.personalId)}\t${r.answer === null ? '\\N' : r.answer ? 't' : 'f'}\t${r.error === null ? '\\N' : copyValue(r.error)}\n`;
      }
      await db.copyFrom(tx, 'exchange_batch_rows', ['batch_id', 'line', 'personal_id', 'answer', 'error'], text);
    },
    /** The people a chunk's checks found, for their access history (one query each, as a single check writes), by COPY. */
    async copyQueries(tx: Transaction, x: { agencyId: number; grantId: number; serviceCode: string; purpose: string; personIds: number[] }) {
      if (!x.personIds.length) return;
      const fields = copyValue(`{"${x.serviceCode.replace(/["\\]/g, (c) => `\\${c}`)}"}`);
      const head = `${x.agencyId}\t${x.grantId}\t${copyValue(x.serviceCode)}\t`;
      const tail = `\t${fields}\t${copyValue(x.purpose)}\n`;
      let text = '';
      for (const p of x.personIds) text += head + String(p) + tail;
      await db.copyFrom(tx, 'exchange_queries', ['agency_id', 'grant_id', 'service_code', 'person_id', 'fields', 'purpose'], text);
    },
    /** Counts a chunk's rows and renews the lease; false when another claim holds the batch now (the chunk must roll back). */
    async advance(q: Queryable, batchId: number, token: string, d: { rows: number; yes: number; no: number; errors: number; leaseSeconds: number }) {
      const r = await q.query(
        `UPDATE exchange_batches SET rows_done = rows_done + $2, rows_yes = rows_yes + $3, rows_no = rows_no + $4, rows_error = rows_error + $5,
                lease_until = now() + make_interval(secs => $6) WHERE id = $1 AND lease_token = $7 AND status = 'running' RETURNING id`,
        [batchId, d.rows, d.yes, d.no, d.errors, d.leaseSeconds, token],
        'exchange_batch_advance',
      );
      return r.rows.length === 1;
    },
    /** Answered: the uploaded file is no longer kept (its SHA-256 is). */
    async finish(batchId: number, token: string, failure: string | null) {
      const r = await db.query(
        `UPDATE exchange_batches SET status = $2, failure = $3, finished_at = now(), lease_until = NULL
          WHERE id = $1 AND lease_token = $4 AND status = 'running' RETURNING id`,
        [batchId, failure ? 'failed' : 'done', failure, token],
      );
      if (r.rows.length) await db.query('DELETE FROM exchange_batch_input WHERE batch_id = $1', [batchId]);
    },

    /** The answered rows of a batch after `afterLine`, in file order. */
    async rowsAfter(batchId: number, afterLine: number, limit: number) {
      const r = await db.query<{ line: number; personal_id: string; answer: boolean | null; error: string | null }>(
        'SELECT line, personal_id, answer, error FROM exchange_batch_rows WHERE batch_id = $1 AND line > $2 ORDER BY line LIMIT $3',
        [batchId, afterLine, limit],
        'exchange_batch_rows_page',
      );
      return r.rows;
    },
  };
}

export type BatchStore = ReturnType<typeof createBatchStore>;
