import type { Queryable, Transaction } from '../../platform/db.js';

export type PaymentStatus = 'pending' | 'paid' | 'refunded' | 'expired';
export type NotificationOutcome = 'confirmed' | 'amount_mismatch' | 'not_pending';
export type StatementOutcome = 'matched' | 'no_notification' | 'amount_differs' | 'unknown_reference';

export interface RequestRow {
  id: number;
  reference: string;
  subject_kind: string;
  subject_id: string;
  subject_code: string | null;
  payer_account_id: number | null;
  payer_name: string;
  payer_personal_id: string | null;
  unit_code: string;
  province_code: string;
  amount: number;
  purpose: string;
  bank_bin: string;
  bank_account: string;
  account_name: string;
  status: PaymentStatus;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  transaction_id: string | null;
  refunded_at: Date | null;
}

export interface NewRequest {
  reference: string;
  subjectKind: string;
  subjectId: string;
  subjectCode: string | null;
  payerAccountId: number | null;
  payerName: string;
  payerPersonalId: string | null;
  unitCode: string;
  provinceCode: string;
  amount: number;
  purpose: string;
  bin: string;
  account: string;
  accountName: string;
  expiresAt: Date;
}

export interface ReceiptRow {
  id: number;
  request_id: number;
  series: string;
  number: number;
  form_symbol: string;
  collector_name: string;
  collector_tax_code: string;
  issued_at: Date;
}

export interface NotificationRow {
  id: number;
  transaction_id: string;
  reference: string;
  amount: number;
  paid_at: Date;
  source: 'bank' | 'platform';
  request_id: number | null;
  outcome: NotificationOutcome;
  expected_amount: number | null;
  received_at: Date;
}

/** Where an officer may look: their commune, or every unit of their province. */
export interface UnitScope {
  level: 'commune' | 'province';
  code: string;
}
const scopeSql = (s: UnitScope, at: number) => (s.level === 'commune' ? `r.unit_code = $${at}` : `r.province_code = $${at}`);

const num = <T extends { id: number }>(r: T): T => ({ ...r, id: Number(r.id) });
const request = (r: RequestRow): RequestRow => ({
  ...num(r), amount: Number(r.amount), payer_account_id: r.payer_account_id === null ? null : Number(r.payer_account_id),
});

/** The only code that reads or writes the payments tables. */
export function createPaymentsStore(db: Queryable) {
  return {
    async insertRequest(tx: Transaction, r: NewRequest): Promise<RequestRow> {
      const res = await tx.query<RequestRow>(
        `INSERT INTO payment_requests (reference, subject_kind, subject_id, subject_code, payer_account_id, payer_name, payer_personal_id, unit_code,
           province_code, amount, purpose, bank_bin, bank_account, account_name, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
        [r.reference, r.subjectKind, r.subjectId, r.subjectCode, r.payerAccountId, r.payerName, r.payerPersonalId, r.unitCode, r.provinceCode,
          r.amount, r.purpose, r.bin, r.account, r.accountName, r.expiresAt],
      );
      return request(res.rows[0]);
    },

    async pendingOf(q: Queryable, subjectKind: string, subjectId: string): Promise<RequestRow | undefined> {
      const res = await q.query<RequestRow>(
        `SELECT * FROM payment_requests WHERE subject_kind = $1 AND subject_id = $2 AND status = 'pending'`, [subjectKind, subjectId]);
      return res.rows[0] && request(res.rows[0]);
    },

    async latestOf(subjectKind: string, subjectId: string): Promise<RequestRow | undefined> {
      const res = await db.query<RequestRow>(
        'SELECT * FROM payment_requests WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id DESC LIMIT 1', [subjectKind, subjectId]);
      return res.rows[0] && request(res.rows[0]);
    },

    async byReference(reference: string): Promise<RequestRow | undefined> {
      const res = await db.query<RequestRow>('SELECT * FROM payment_requests WHERE reference = $1', [reference]);
      return res.rows[0] && request(res.rows[0]);
    },

    async lockByReference(tx: Transaction, reference: string): Promise<RequestRow | undefined> {
      const res = await tx.query<RequestRow>('SELECT * FROM payment_requests WHERE reference = $1 FOR UPDATE', [reference]);
      return res.rows[0] && request(res.rows[0]);
    },

    async lockInScope(tx: Transaction, scope: UnitScope, reference: string): Promise<RequestRow | undefined> {
      const res = await tx.query<RequestRow>(`SELECT * FROM payment_requests r WHERE r.reference = $1 AND ${scopeSql(scope, 2)} FOR UPDATE`, [reference, scope.code]);
      return res.rows[0] && request(res.rows[0]);
    },

    async inScope(scope: UnitScope, reference: string): Promise<RequestRow | undefined> {
      const res = await db.query<RequestRow>(`SELECT * FROM payment_requests r WHERE r.reference = $1 AND ${scopeSql(scope, 2)}`, [reference, scope.code]);
      return res.rows[0] && request(res.rows[0]);
    },

    async listInScope(scope: UnitScope, status: PaymentStatus | undefined, limit: number, offset: number): Promise<{ rows: RequestRow[]; total: number }> {
      const where = `${scopeSql(scope, 1)}${status ? ' AND r.status = $2' : ''}`;
      const params: unknown[] = status ? [scope.code, status] : [scope.code];
      const [rows, total] = await Promise.all([
        db.query<RequestRow>(`SELECT * FROM payment_requests r WHERE ${where} ORDER BY r.id DESC LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, params),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_requests r WHERE ${where}`, params),
      ]);
      return { rows: rows.rows.map(request), total: Number(total.rows[0].n) };
    },

    async listOwn(accountId: number, subject: { kind: string; id: string } | undefined, limit: number, offset: number): Promise<{ rows: RequestRow[]; total: number }> {
      const where = `payer_account_id = $1${subject ? ' AND subject_kind = $2 AND subject_id = $3' : ''}`;
      const params: unknown[] = subject ? [accountId, subject.kind, subject.id] : [accountId];
      const [rows, total] = await Promise.all([
        db.query<RequestRow>(`SELECT * FROM payment_requests WHERE ${where} ORDER BY id DESC LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, params),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_requests WHERE ${where}`, params),
      ]);
      return { rows: rows.rows.map(request), total: Number(total.rows[0].n) };
    },

    /** A request replaced by one of another amount. */
    async expireOne(tx: Transaction, id: number): Promise<void> {
      await tx.query(`UPDATE payment_requests SET status = 'expired' WHERE id = $1 AND status = 'pending'`, [id]);
    },

    async markPaid(tx: Transaction, id: number, transactionId: string, paidAt: Date): Promise<RequestRow> {
      const res = await tx.query<RequestRow>(
        `UPDATE payment_requests SET status = 'paid', paid_at = $2, transaction_id = $3 WHERE id = $1 RETURNING *`, [id, paidAt, transactionId]);
      return request(res.rows[0]);
    },

    async markRefunded(tx: Transaction, id: number, at: Date): Promise<RequestRow> {
      const res = await tx.query<RequestRow>(`UPDATE payment_requests SET status = 'refunded', refunded_at = $2 WHERE id = $1 RETURNING *`, [id, at]);
      return request(res.rows[0]);
    },

    /** Pending requests past their time become expired; returns them. */
    async expire(tx: Transaction, now: Date): Promise<{ reference: string; amount: number }[]> {
      const res = await tx.query<{ reference: string; amount: number }>(
        `UPDATE payment_requests SET status = 'expired' WHERE status = 'pending' AND expires_at <= $1 RETURNING reference, amount`, [now]);
      return res.rows.map((r) => ({ reference: r.reference, amount: Number(r.amount) }));
    },

    /** Takes a notification's signature once; false when it was taken before (a replay). `forgetBefore`: old ones are forgotten first. */
    async takeSignature(signature: string, forgetBefore?: Date): Promise<boolean> {
      if (forgetBefore) await db.query('DELETE FROM payment_notification_signatures WHERE at < $1', [forgetBefore]);
      const r = await db.query('INSERT INTO payment_notification_signatures (signature) VALUES ($1) ON CONFLICT DO NOTHING', [signature]);
      return r.rowCount === 1;
    },

    async notification(q: Queryable, transactionId: string): Promise<NotificationRow | undefined> {
      const res = await q.query<NotificationRow>('SELECT * FROM payment_notifications WHERE transaction_id = $1', [transactionId]);
      return res.rows[0] && { ...num(res.rows[0]), amount: Number(res.rows[0].amount) };
    },

    /** Inserts once per transaction id; undefined when another delivery of the same id got there first. */
    async insertNotification(tx: Transaction, n: {
      transactionId: string; reference: string; amount: number; paidAt: Date; source: 'bank' | 'platform'; requestId: number | null;
      outcome: NotificationOutcome; expectedAmount: number | null;
    }): Promise<NotificationRow | undefined> {
      const res = await tx.query<NotificationRow>(
        `INSERT INTO payment_notifications (transaction_id, reference, amount, paid_at, source, request_id, outcome, expected_amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (transaction_id) DO NOTHING RETURNING *`,
        [n.transactionId, n.reference, n.amount, n.paidAt, n.source, n.requestId, n.outcome, n.expectedAmount],
      );
      return res.rows[0] && num(res.rows[0]);
    },

    /**
     * The next receipt number of a series, taken under the series row's lock in the confirming transaction:
     * a concurrent confirmation waits for this one's commit, and a rollback gives the number back (no gaps).
     */
    async nextReceiptNumber(tx: Transaction, series: string, formSymbol: string): Promise<number> {
      await tx.query('INSERT INTO payment_receipt_series (series, form_symbol) VALUES ($1, $2) ON CONFLICT (series) DO NOTHING', [series, formSymbol]);
      const res = await tx.query<{ last_number: number }>(
        'UPDATE payment_receipt_series SET last_number = last_number + 1 WHERE series = $1 RETURNING last_number', [series]);
      return Number(res.rows[0].last_number);
    },

    async insertReceipt(tx: Transaction, r: Omit<ReceiptRow, 'id'>): Promise<ReceiptRow> {
      const res = await tx.query<ReceiptRow>(
        `INSERT INTO payment_receipts (request_id, series, number, form_symbol, collector_name, collector_tax_code, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [r.request_id, r.series, r.number, r.form_symbol, r.collector_name, r.collector_tax_code, r.issued_at],
      );
      return { ...num(res.rows[0]), request_id: Number(res.rows[0].request_id) };
    },

    async receiptOf(requestId: number, q: Queryable = db): Promise<ReceiptRow | undefined> {
      const res = await q.query<ReceiptRow>('SELECT * FROM payment_receipts WHERE request_id = $1', [requestId]);
      return res.rows[0] && { ...num(res.rows[0]), request_id: Number(res.rows[0].request_id) };
    },

    async insertRefund(tx: Transaction, r: { requestId: number; amount: number; reason: string; officerId: number; at: Date }): Promise<void> {
      await tx.query('INSERT INTO payment_refunds (request_id, amount, reason, officer_id, at) VALUES ($1, $2, $3, $4, $5)',
        [r.requestId, r.amount, r.reason, r.officerId, r.at]);
    },

    async insertStatement(tx: Transaction, st: { unitCode: string; fileName: string; officerId: number; lines: number }): Promise<number> {
      const res = await tx.query<{ id: number }>('INSERT INTO payment_statements (unit_code, file_name, officer_id, lines) VALUES ($1, $2, $3, $4) RETURNING id',
        [st.unitCode, st.fileName, st.officerId, st.lines]);
      return Number(res.rows[0].id);
    },

    /** The notifications and requests the statement's lines name (by transaction id, by reference), in one read each. */
    async matchesOf(q: Queryable, transactionIds: string[], references: string[]) {
      const [notes, refs] = await Promise.all([
        q.query<{ transaction_id: string; amount: number; outcome: NotificationOutcome }>(
          'SELECT transaction_id, amount, outcome FROM payment_notifications WHERE transaction_id = ANY($1::text[])', [transactionIds]),
        q.query<{ reference: string }>('SELECT reference FROM payment_requests WHERE reference = ANY($1::text[])', [references]),
      ]);
      return {
        notifications: new Map(notes.rows.map((n) => [n.transaction_id, { amount: Number(n.amount), outcome: n.outcome }])),
        references: new Set(refs.rows.map((r) => r.reference)),
      };
    },

    async insertStatementLines(tx: Transaction, statementId: number, lines: { lineNo: number; transactionId: string; bookedOn: string; amount: number;
      description: string; reference: string | null; outcome: StatementOutcome }[]): Promise<void> {
      if (!lines.length) return;
      await tx.query(
        `INSERT INTO payment_statement_lines (statement_id, line_no, transaction_id, booked_on, amount, description, reference, outcome)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::date[], $5::bigint[], $6::text[], $7::text[], $8::text[])`,
        [statementId, lines.map((l) => l.lineNo), lines.map((l) => l.transactionId), lines.map((l) => l.bookedOn), lines.map((l) => l.amount),
          lines.map((l) => l.description), lines.map((l) => l.reference), lines.map((l) => l.outcome)],
      );
    },

    /** Statement lines of a unit that did not match, and notifications held for its requests; newest first. */
    async mismatches(scope: UnitScope, limit: number) {
      const lines = await db.query<{ statement_id: number; line_no: number; transaction_id: string; booked_on: string; amount: number; description: string;
        reference: string | null; outcome: StatementOutcome; uploaded_at: Date }>(
        `SELECT l.statement_id, l.line_no, l.transaction_id, l.booked_on::text AS booked_on, l.amount, l.description, l.reference, l.outcome, s.uploaded_at
           FROM payment_statement_lines l JOIN payment_statements s ON s.id = l.statement_id
          WHERE l.outcome <> 'matched' AND s.unit_code = $1
          ORDER BY s.uploaded_at DESC, l.line_no LIMIT ${Number(limit)}`, [scope.code]);
      const held = await db.query<NotificationRow & { payer_name: string }>(
        `SELECT n.*, r.payer_name FROM payment_notifications n JOIN payment_requests r ON r.id = n.request_id
          WHERE n.outcome <> 'confirmed' AND ${scopeSql(scope, 1)} ORDER BY n.received_at DESC LIMIT ${Number(limit)}`, [scope.code]);
      return { lines: lines.rows.map((l) => ({ ...l, amount: Number(l.amount) })), held: held.rows.map((n) => ({ ...n, amount: Number(n.amount) })) };
    },

    async refundOf(requestId: number): Promise<{ amount: number; reason: string; at: Date } | undefined> {
      const res = await db.query<{ amount: number; reason: string; at: Date }>('SELECT amount, reason, at FROM payment_refunds WHERE request_id = $1', [requestId]);
      return res.rows[0] && { ...res.rows[0], amount: Number(res.rows[0].amount) };
    },
  };
}

export type PaymentsStore = ReturnType<typeof createPaymentsStore>;
