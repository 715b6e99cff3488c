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

    /** Dead letters, newest first, with how many later changes of the same dossier wait behind each. */
    async deadLetters(limit: number, offset: number): Promise<{ rows: (OutboxRow & { waiting: number })[]; total: number }> {
      const [rows, total] = await Promise.all([
        db.query<OutboxRow & { waiting: number }>(
          `SELECT o.*, (SELECT count(*)::int FROM dvcqg_outbox w WHERE w.dossier_id = o.dossier_id AND w.seq > o.seq AND w.state = 'pending') AS waiting
             FROM dvcqg_outbox o WHERE o.state = 'dead' ORDER BY o.dead_at DESC, o.id DESC LIMIT $1 OFFSET $2`,
          [limit, offset],
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dvcqg_outbox WHERE state = 'dead'`),
      ]);
      return { rows: rows.rows, total: Number(total.rows[0].n) };
    },

    /** Puts a dead letter back in line, due now, its failures counted afresh; undefined when it is not a dead letter. */
    async requeue(tx: Transaction, id: number, now: Date): Promise<OutboxRow | undefined> {
      const r = await tx.query<OutboxRow>(
        `UPDATE dvcqg_outbox SET state = 'pending', failures = 0, next_attempt_at = $2, dead_at = NULL WHERE id = $1 AND state = 'dead' RETURNING *`,
        [id, now],
      );
      return r.rows[0];
    },

    async counts(): Promise<{ pending: number; dead: number; sent: number }> {
      const r = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM dvcqg_outbox GROUP BY state');
      const of = (s: string) => Number(r.rows.find((x) => x.state === s)?.n ?? 0);
      return { pending: of('pending'), dead: of('dead'), sent: of('sent') };
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
    async recordRefusal(portalCode: string | null, via: 'pull' | 'webhook', problem: Problem): Promise<boolean> {
      const r = await db.query(
        `INSERT INTO dvcqg_refusals (portal_code, via, problem) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (portal_code, via, (problem->>'code')) WHERE portal_code IS NOT NULL DO NOTHING`,
        [portalCode, via, JSON.stringify(problem)],
      );
      return (r.rowCount ?? 0) === 1;
    },

    async refusals(limit: number): Promise<{ id: number; portal_code: string | null; via: string; problem: Problem; at: Date }[]> {
      const r = await db.query<{ id: number; portal_code: string | null; via: string; problem: Problem; at: Date }>(
        'SELECT * FROM dvcqg_refusals ORDER BY at DESC, id DESC LIMIT $1', [limit],
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
