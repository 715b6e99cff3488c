import type { Queryable, Transaction } from '../../platform/db.js';

/** A status change waiting for (or given up on by) the portal: a row of dvcqg_outbox (migration 034). */
export interface OutboxRow {
  id: number;
  dossier_id: number;
  dossier_code: string;
  seq: number;
  status: number;
  transition: string;
  at: Date;
  actor: { kind: 'officer' | 'citizen' | 'system'; id?: string; name?: string };
  comment: string | null;
  channel: 1 | 2 | 3;
  due_at: Date | null;
  extended: boolean;
  state: 'pending' | 'sent' | 'dead';
  failures: number;
  next_attempt_at: Date;
  last_error: string | null;
  last_error_kind: string | null;
  sent_at: Date | null;
  dead_at: Date | null;
}

/** An RFC 9457 problem of a refused portal dossier, as recorded (with the form's field errors when it had some). */
export interface Problem {
  type: string; code: string; status: number; title: string; instance?: string;
  errors?: { field: string; code: string; message: string }[];
}

/** A result waiting for (or given up on by) the portal: a row of dvcqg_result_outbox (migration 042). */
export interface ResultOutboxRow {
  id: number;
  dossier_id: number;
  dossier_code: string;
  document_number: string;
  document_type: string;
  title: string;
  issued_at: Date;
  state: 'pending' | 'sent' | 'dead';
  failures: number;
  next_attempt_at: Date;
}

export interface NewOutboxRow {
  dossierId: number;
  dossierCode: string;
  status: number;
  transition: string;
  at: Date;
  actor: OutboxRow['actor'];
  comment: string | null;
  channel: 1 | 2 | 3;
  dueAt: Date | null;
  extended: boolean;
}

/** The only code that reads or writes the DVCQG tables (outbox, received dossiers, refusals, cursor, webhook deliveries). */
export function createDvcqgStore(db: Queryable) {
  return {
    /**
     * Adds a status change in the transaction of the change. The caller holds the dossier's row lock, so the
     * next `seq` cannot be taken twice (the unique (dossier_id, seq) would refuse it anyway).
     */
    async enqueue(tx: Transaction, m: NewOutboxRow): Promise<void> {
      await tx.query(
        `INSERT INTO dvcqg_outbox (dossier_id, dossier_code, seq, status, transition, at, actor, comment, channel, due_at, extended, next_attempt_at)
         SELECT $1, $2, COALESCE(max(seq), 0) + 1, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $5 FROM dvcqg_outbox WHERE dossier_id = $1`,
        [m.dossierId, m.dossierCode, m.status, m.transition, m.at, JSON.stringify(m.actor), m.comment, m.channel, m.dueAt, m.extended],
      );
    },

    /** The portal's code of a dossier received from it, if it was. */
    async portalCodeOf(q: Queryable, dossierId: number): Promise<string | undefined> {
      const r = await q.query<{ portal_code: string }>('SELECT portal_code FROM dvcqg_received WHERE dossier_id = $1', [dossierId]);
      return r.rows[0]?.portal_code;
    },

    /**
     * Pending rows due at `now` that are first in their dossier's line (no earlier row unsent: a dead letter holds
     * the dossier's later changes back), oldest first.
     */
    async due(now: Date, limit: number): Promise<OutboxRow[]> {
      const r = await db.query<OutboxRow>(
        `SELECT o.* FROM dvcqg_outbox o
          WHERE o.state = 'pending' AND o.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM dvcqg_outbox e WHERE e.dossier_id = o.dossier_id AND e.seq < o.seq AND e.state <> 'sent')
          ORDER BY o.next_attempt_at, o.id LIMIT $2`,
        [now, limit],
      );
      return r.rows;
    },

    /** Takes a due row for `leaseMs` (another node running the worker skips it meanwhile); false when someone else took it. */
    async claim(id: number, seenDue: Date, until: Date): Promise<boolean> {
      const r = await db.query(`UPDATE dvcqg_outbox SET next_attempt_at = $3 WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`, [id, seenDue, until]);
      return (r.rowCount ?? 0) === 1;
    },

    /** The dossier's changes up to `seq`, in order: the history a push carries. */
    async history(dossierId: number, seq: number): Promise<OutboxRow[]> {
      const r = await db.query<OutboxRow>('SELECT * FROM dvcqg_outbox WHERE dossier_id = $1 AND seq <= $2 ORDER BY seq', [dossierId, seq]);
      return r.rows;
    },

    async markSent(id: number, at: Date): Promise<void> {
      await db.query(`UPDATE dvcqg_outbox SET state = 'sent', sent_at = $2, last_error = NULL, last_error_kind = NULL WHERE id = $1`, [id, at]);
    },

    /** A failed delivery: tried again at `retryAt`, or a dead letter when `retryAt` is null. */
    async markFailed(id: number, error: { kind: string; message: string }, retryAt: Date | null, at: Date): Promise<void> {
      await db.query(
        `UPDATE dvcqg_outbox SET failures = failures + 1, last_error = $2, last_error_kind = $3,
            state = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
            next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
            dead_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz ELSE NULL END
          WHERE id = $1`,
        [id, error.message.slice(0, 2000), error.kind, retryAt, at],
      );
    },

    /** Dead letters of a province's dossiers (null: all, the operator's CLI), newest first, with how many later changes of the same dossier wait behind each. */
    async deadLetters(provinceCode: string | null, limit: number, offset: number): Promise<{ rows: (OutboxRow & { waiting: number })[]; total: number }> {
      const [rows, total] = await Promise.all([
        db.query<OutboxRow & { waiting: number }>(
          `SELECT o.*, (SELECT count(*)::int FROM dvcqg_outbox w WHERE w.dossier_id = o.dossier_id AND w.seq > o.seq AND w.state = 'pending') AS waiting
             FROM dvcqg_outbox o JOIN dossiers d ON d.id = o.dossier_id
            WHERE o.state = 'dead' AND ($3::text IS NULL OR d.province_code = $3) ORDER BY o.dead_at DESC, o.id DESC LIMIT $1 OFFSET $2`,
          [limit, offset, provinceCode],
        ),
        db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM dvcqg_outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE o.state = 'dead' AND ($1::text IS NULL OR d.province_code = $1)`, [provinceCode],
        ),
      ]);
      return { rows: rows.rows, total: Number(total.rows[0].n) };
    },

    /**
     * Puts a dead letter of a province's dossier back in line, due now, its failures counted afresh; undefined when it
     * is not a dead letter, or one of another province's dossier (the caller answers both alike: 404).
     */
    async requeue(tx: Transaction, id: number, provinceCode: string, now: Date): Promise<OutboxRow | undefined> {
      const r = await tx.query<OutboxRow>(
        `UPDATE dvcqg_outbox o SET state = 'pending', failures = 0, next_attempt_at = $2, dead_at = NULL
           FROM dossiers d WHERE o.id = $1 AND o.state = 'dead' AND d.id = o.dossier_id AND d.province_code = $3 RETURNING o.*`,
        [id, now, provinceCode],
      );
      return r.rows[0];
    },

    /** The queue's counts for a province's dossiers. */
    async counts(provinceCode: string): Promise<{ pending: number; dead: number; sent: number }> {
      const r = await db.query<{ state: string; n: number }>(
        'SELECT o.state, count(*)::int AS n FROM dvcqg_outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.province_code = $1 GROUP BY o.state', [provinceCode],
      );
      const of = (s: string) => Number(r.rows.find((x) => x.state === s)?.n ?? 0);
      return { pending: of('pending'), dead: of('dead'), sent: of('sent') };
    },

    // ---- results and ratings (migration 042) ----

    /** The dossier's result to return on the portal, in the transaction that returns it; once per dossier. */
    async enqueueResult(tx: Transaction, m: { dossierId: number; dossierCode: string; documentNumber: string; documentType: string; title: string; issuedAt: Date; at: Date }): Promise<void> {
      await tx.query(
        `INSERT INTO dvcqg_result_outbox (dossier_id, dossier_code, document_number, document_type, title, issued_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dossier_id) DO NOTHING`,
        [m.dossierId, m.dossierCode, m.documentNumber, m.documentType, m.title, m.issuedAt, m.at],
      );
    },

    /** Pending results due at `now` whose dossier's status messages have all been accepted, oldest first. */
    async dueResults(now: Date, limit: number): Promise<ResultOutboxRow[]> {
      const r = await db.query<ResultOutboxRow>(
        `SELECT o.* FROM dvcqg_result_outbox o
          WHERE o.state = 'pending' AND o.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM dvcqg_outbox e WHERE e.dossier_id = o.dossier_id AND e.state <> 'sent')
          ORDER BY o.next_attempt_at, o.id LIMIT $2`,
        [now, limit],
      );
      return r.rows;
    },

    async claimResult(id: number, seenDue: Date, until: Date): Promise<boolean> {
      const r = await db.query(`UPDATE dvcqg_result_outbox SET next_attempt_at = $3 WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`, [id, seenDue, until]);
      return (r.rowCount ?? 0) === 1;
    },

    async markResultSent(id: number, receiptId: string, at: Date, q: Queryable = db): Promise<void> {
      await q.query(`UPDATE dvcqg_result_outbox SET state = 'sent', sent_at = $3, receipt_id = $2, last_error = NULL, last_error_kind = NULL WHERE id = $1`, [id, receiptId, at]);
    },

    async markResultFailed(id: number, error: { kind: string; message: string }, retryAt: Date | null, at: Date): Promise<void> {
      await db.query(
        `UPDATE dvcqg_result_outbox SET failures = failures + 1, last_error = $2, last_error_kind = $3,
            state = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
            next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
            dead_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz ELSE NULL END
          WHERE id = $1`,
        [id, error.message.slice(0, 2000), error.kind, retryAt, at],
      );
    },

    /**
     * Returned dossiers the portal may hold a rating of: their "returned" status accepted within `windowDays`,
     * not rated yet, and not asked about since `askedBefore`; oldest first.
     */
    async ratingCandidates(now: Date, windowDays: number, askedBefore: Date, limit: number): Promise<{ dossier_id: number; dossier_code: string }[]> {
      const r = await db.query<{ dossier_id: number; dossier_code: string }>(
        `SELECT o.dossier_id, o.dossier_code FROM dvcqg_outbox o
          WHERE o.status = 10 AND o.state = 'sent' AND o.sent_at > $1::timestamptz - make_interval(days => $2)
            AND NOT EXISTS (SELECT 1 FROM dossier_ratings r WHERE r.dossier_id = o.dossier_id)
            AND NOT EXISTS (SELECT 1 FROM dvcqg_rating_polls p WHERE p.dossier_id = o.dossier_id AND p.checked_at > $3)
          ORDER BY o.sent_at, o.id LIMIT $4`,
        [now, windowDays, askedBefore, limit],
      );
      return r.rows;
    },

    async markPolled(dossierId: number, at: Date): Promise<void> {
      await db.query(
        'INSERT INTO dvcqg_rating_polls (dossier_id, checked_at) VALUES ($1, $2) ON CONFLICT (dossier_id) DO UPDATE SET checked_at = EXCLUDED.checked_at', [dossierId, at],
      );
    },

    // ---- receiving ----

    async receivedDossier(q: Queryable, portalCode: string): Promise<{ dossierId: number; code: string | null } | undefined> {
      const r = await q.query<{ dossier_id: number; code: string | null }>(
        'SELECT r.dossier_id, d.code FROM dvcqg_received r JOIN dossiers d ON d.id = r.dossier_id WHERE r.portal_code = $1', [portalCode],
      );
      return r.rows[0] && { dossierId: Number(r.rows[0].dossier_id), code: r.rows[0].code };
    },

    async recordReceived(tx: Transaction, portalCode: string, dossierId: number): Promise<void> {
      await tx.query('INSERT INTO dvcqg_received (portal_code, dossier_id) VALUES ($1, $2)', [portalCode, dossierId]);
    },

    /** Records a refusal; false when this dossier was refused so before (same way, same code: migration 038's index). */
    async recordRefusal(portalCode: string | null, via: 'pull' | 'webhook', problem: Problem, provinceCode: string | null): Promise<boolean> {
      const r = await db.query(
        `INSERT INTO dvcqg_refusals (portal_code, via, problem, province_code) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (portal_code, via, (problem->>'code')) WHERE portal_code IS NOT NULL DO NOTHING`,
        [portalCode, via, JSON.stringify(problem), provinceCode],
      );
      return (r.rowCount ?? 0) === 1;
    },

    /** The latest refusals of dossiers filed for a province's units, and of those that named no unit of ours. */
    async refusals(provinceCode: string, limit: number): Promise<{ id: number; portal_code: string | null; via: string; problem: Problem; at: Date; province_code: string | null }[]> {
      const r = await db.query<{ id: number; portal_code: string | null; via: string; problem: Problem; at: Date; province_code: string | null }>(
        'SELECT * FROM dvcqg_refusals WHERE province_code = $2 OR province_code IS NULL ORDER BY at DESC, id DESC LIMIT $1', [limit, provinceCode],
      );
      return r.rows;
    },

    async cursor(): Promise<string | null> {
      const r = await db.query<{ cursor: string | null }>('SELECT cursor FROM dvcqg_cursor');
      return r.rows[0]?.cursor ?? null;
    },

    /** Where the pull stands: the portal's cursor after the last page whose dossiers were all stored. */
    async saveCursor(cursor: string): Promise<void> {
      await db.query('INSERT INTO dvcqg_cursor (id, cursor) VALUES (true, $1) ON CONFLICT (id) DO UPDATE SET cursor = EXCLUDED.cursor', [cursor]);
    },

    /** Takes a webhook delivery's signature once; false when it was taken before (a replay). Old ones are forgotten. */
    async takeDelivery(signature: string, forgetBefore: Date): Promise<boolean> {
      await db.query('DELETE FROM dvcqg_webhook_deliveries WHERE at < $1', [forgetBefore]);
      const r = await db.query('INSERT INTO dvcqg_webhook_deliveries (signature) VALUES ($1) ON CONFLICT DO NOTHING', [signature]);
      return (r.rowCount ?? 0) === 1;
    },

    /** Gives a delivery back (its dossier could not be stored): the same signed request may come again. */
    async forgetDelivery(signature: string): Promise<void> {
      await db.query('DELETE FROM dvcqg_webhook_deliveries WHERE signature = $1', [signature]);
    },
  };
}

export type DvcqgStore = ReturnType<typeof createDvcqgStore>;
