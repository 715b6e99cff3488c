import type { Db, Queryable, Transaction } from '../../../platform/db.js';

export interface CertifiedCopyRow {
  id: string;
  unit_code: string;
  province_code: string;
  year: number;
  number: number;
  register_number: string;
  issued_at: Date;
  requester_personal_id: string;
  requester_name: string;
  document_name: string;
  pages: number;
  copies: number;
  fee_per_copy: number;
  fee_total: number;
  dossier_id: string | null;
  dossier_code: string | null;
  signed_document_id: string;
  certifier_officer_id: string;
  certifier_name: string;
}

export interface NewCertifiedCopy {
  unitCode: string;
  provinceCode: string;
  year: number;
  number: number;
  registerNumber: string;
  issuedAt: Date;
  requesterPersonalId: string;
  requesterName: string;
  requesterNameFolded: string;
  documentName: string;
  pages: number;
  copies: number;
  feePerCopy: number;
  feeTotal: number;
  dossierId: number | null;
  dossierCode: string | null;
  signedDocumentId: string;
  certifierOfficerId: number;
  certifierName: string;
  scanSha256: string[];
  idempotencyKey: string;
}

/** The register's filters; `area`: the officer's commune (or province), never wider. */
export interface RegisterQuery {
  area: { level: 'commune' | 'province'; code: string };
  from?: string;
  to?: string;
  number?: number;
  nameFolded?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `id, unit_code, province_code, year, number, register_number, issued_at, requester_personal_id, requester_name, document_name,
  pages, copies, fee_per_copy, fee_total, dossier_id, dossier_code, signed_document_id, certifier_officer_id, certifier_name`;

/** `%` and `_` typed in a name are letters, not patterns. */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The only code that reads or writes certified_copies and certified_copy_sequences. */
export function createCopiesStore(db: Db) {
  return {
    /**
     * The next number of the unit's register of the year. The row stays locked until the transaction ends,
     * so concurrent issues of one unit take 1, 2, 3... in turn and a rolled-back issue gives its number back.
     */
    async nextNumber(tx: Transaction, unitCode: string, year: number): Promise<number> {
      const r = await tx.query<{ last_number: number }>(
        `INSERT INTO certified_copy_sequences (unit_code, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (unit_code, year) DO UPDATE SET last_number = certified_copy_sequences.last_number + 1
         RETURNING last_number`, [unitCode, year],
      );
      return Number(r.rows[0]!.last_number);
    },

    async insert(tx: Transaction, c: NewCertifiedCopy): Promise<CertifiedCopyRow> {
      const r = await tx.query<CertifiedCopyRow>(
        `INSERT INTO certified_copies (unit_code, province_code, year, number, register_number, issued_at, requester_personal_id, requester_name,
           requester_name_folded, document_name, pages, copies, fee_per_copy, fee_total, dossier_id, dossier_code, signed_document_id,
           certifier_officer_id, certifier_name, scan_sha256, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::text[], $21)
         RETURNING ${COLUMNS}`,
        [c.unitCode, c.provinceCode, c.year, c.number, c.registerNumber, c.issuedAt, c.requesterPersonalId, c.requesterName,
          c.requesterNameFolded, c.documentName, c.pages, c.copies, c.feePerCopy, c.feeTotal, c.dossierId, c.dossierCode, c.signedDocumentId,
          c.certifierOfficerId, c.certifierName, c.scanSha256, c.idempotencyKey],
      );
      return r.rows[0]!;
    },

    async byIdempotencyKey(officerId: number, key: string): Promise<CertifiedCopyRow | undefined> {
      const r = await db.query<CertifiedCopyRow>(`SELECT ${COLUMNS} FROM certified_copies WHERE certifier_officer_id = $1 AND idempotency_key = $2`, [officerId, key]);
      return r.rows[0];
    },

    async byIdInArea(area: RegisterQuery['area'], id: number, q: Queryable = db): Promise<CertifiedCopyRow | undefined> {
      const column = area.level === 'commune' ? 'unit_code' : 'province_code';
      const r = await q.query<CertifiedCopyRow>(`SELECT ${COLUMNS} FROM certified_copies WHERE id = $1 AND ${column} = $2`, [id, area.code]);
      return r.rows[0];
    },

    /** The register of an area, by the filters, in register order (year, number); and how many match. */
    async search(q: RegisterQuery): Promise<{ rows: CertifiedCopyRow[]; total: number }> {
      const where = [q.area.level === 'commune' ? 'unit_code = $1' : 'province_code = $1'];
      const params: unknown[] = [q.area.code];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      // Days are Vietnam's calendar days.
      if (q.from) add(`issued_at >= (?::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`, q.from);
      if (q.to) add(`issued_at < ((?::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`, q.to);
      if (q.number !== undefined) add('number = ?', q.number);
      if (q.nameFolded) add(`requester_name_folded LIKE '%' || ? || '%'`, likeText(q.nameFolded));
      const filter = where.join(' AND ');
      const count = await db.query<{ n: string }>(`SELECT count(*) AS n FROM certified_copies WHERE ${filter}`, params);
      const rows = await db.query<CertifiedCopyRow>(
        `SELECT ${COLUMNS} FROM certified_copies WHERE ${filter} ORDER BY year, unit_code, number LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      return { rows: rows.rows, total: Number(count.rows[0]!.n) };
    },
  };
}

export type CopiesStore = ReturnType<typeof createCopiesStore>;
