import type { Db, Queryable, Transaction } from '../../platform/db.js';

export interface SignedDocumentRow {
  id: string;
  kind: string;
  title: string;
  source_kind: string;
  source_id: string | null;
  source_code: string | null;
  holder_personal_id: string;
  holder_name: string;
  unit_code: string;
  issuer_agency: string;
  province_code: string;
  issuer_name: string;
  sha256: string;
  certificate_sha256: string;
  certificate_subject: string;
  development: boolean;
  issued_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
  wallet_document_id: string | null;
}

export interface NewSignedDocument {
  id: string;
  tokenSha256: string;
  kind: string;
  title: string;
  sourceKind: string;
  sourceId: number | null;
  sourceCode: string | null;
  holderPersonalId: string;
  holderName: string;
  unitCode: string;
  issuerAgency: string;
  provinceCode: string;
  issuerName: string;
  pdf: Buffer;
  sha256: string;
  certificateSha256: string;
  certificateSubject: string;
  development: boolean;
  issuedAt: Date;
  fields: Record<string, string>;
  walletDocumentId: string | null;
}

const COLUMNS = `id, kind, title, source_kind, source_id, source_code, holder_personal_id, holder_name, unit_code, issuer_agency, province_code, issuer_name,
  sha256, certificate_sha256, certificate_subject, development, issued_at, revoked_at, revocation_reason, wallet_document_id`;

/** The only code that reads or writes signed_documents and document_signing_identities. */
export function createDocumentsStore(db: Db) {
  return {
    async developmentIdentity(): Promise<{ p12: Buffer; passphrase_sealed: string } | undefined> {
      const r = await db.query<{ p12: Buffer; passphrase_sealed: string }>(
        'SELECT p12, passphrase_sealed FROM document_signing_identities WHERE development ORDER BY id LIMIT 1',
      );
      return r.rows[0];
    },

    /** Keeps the first development identity stored (two servers starting together agree on the older one). */
    async saveDevelopmentIdentity(p12: Buffer, passphraseSealed: string, certificateSha256: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('LOCK TABLE document_signing_identities IN EXCLUSIVE MODE');
        const r = await tx.query('SELECT 1 FROM document_signing_identities WHERE development');
        if (r.rows.length) return;
        await tx.query(
          'INSERT INTO document_signing_identities (p12, passphrase_sealed, certificate_sha256, development) VALUES ($1, $2, $3, true)',
          [p12, passphraseSealed, certificateSha256],
        );
      });
    },

    async insert(tx: Queryable, d: NewSignedDocument): Promise<void> {
      await tx.query(
        `INSERT INTO signed_documents (id, token_sha256, kind, title, source_kind, source_id, source_code, holder_personal_id, holder_name,
           unit_code, province_code, issuer_name, pdf, sha256, certificate_sha256, certificate_subject, development, issued_at, issuer_agency, fields, wallet_document_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
        [d.id, d.tokenSha256, d.kind, d.title, d.sourceKind, d.sourceId, d.sourceCode, d.holderPersonalId, d.holderName,
          d.unitCode, d.provinceCode, d.issuerName, d.pdf, d.sha256, d.certificateSha256, d.certificateSubject, d.development, d.issuedAt, d.issuerAgency,
          JSON.stringify(d.fields), d.walletDocumentId],
      );
    },

    async byIdAndToken(id: string, tokenSha256: string): Promise<SignedDocumentRow | undefined> {
      const r = await db.query<SignedDocumentRow>(`SELECT ${COLUMNS} FROM signed_documents WHERE id = $1 AND token_sha256 = $2`, [id, tokenSha256]);
      return r.rows[0];
    },

    async bySha256(sha256: string): Promise<SignedDocumentRow | undefined> {
      const r = await db.query<SignedDocumentRow>(`SELECT ${COLUMNS} FROM signed_documents WHERE sha256 = $1`, [sha256]);
      return r.rows[0];
    },

    async byId(id: string): Promise<SignedDocumentRow | undefined> {
      const r = await db.query<SignedDocumentRow>(`SELECT ${COLUMNS} FROM signed_documents WHERE id = $1`, [id]);
      return r.rows[0];
    },

    async lock(tx: Transaction, id: string): Promise<SignedDocumentRow | undefined> {
      const r = await tx.query<SignedDocumentRow>(`SELECT ${COLUMNS} FROM signed_documents WHERE id = $1 FOR UPDATE`, [id]);
      return r.rows[0];
    },

    async revoke(tx: Transaction, id: string, at: Date, by: string, reason: string): Promise<void> {
      await tx.query('UPDATE signed_documents SET revoked_at = $2, revoked_by = $3, revocation_reason = $4 WHERE id = $1', [id, at, by, reason]);
    },

    async ofHolder(personalId: string): Promise<SignedDocumentRow[]> {
      const r = await db.query<SignedDocumentRow>(`SELECT ${COLUMNS} FROM signed_documents WHERE holder_personal_id = $1 ORDER BY issued_at DESC, id`, [personalId]);
      return r.rows;
    },

    /** The revoked ones among some documents: id → when. */
    async revocations(ids: string[]): Promise<Map<string, { at: Date }>> {
      const r = await db.query<{ id: string; revoked_at: Date }>(
        'SELECT id, revoked_at FROM signed_documents WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL', [ids],
      );
      return new Map(r.rows.map((x) => [x.id, { at: new Date(x.revoked_at) }]));
    },

    async pdf(id: string): Promise<Buffer | undefined> {
      const r = await db.query<{ pdf: Buffer }>('SELECT pdf FROM signed_documents WHERE id = $1', [id]);
      return r.rows[0] && Buffer.from(r.rows[0].pdf);
    },

    /** A unit's documents of the given authorities (a commune officer: their commune; a province officer: the province), newest first. */
    async ofArea(area: { level: 'commune' | 'province'; code: string }, agencies: readonly string[], limit: number): Promise<SignedDocumentRow[]> {
      const column = area.level === 'commune' ? 'unit_code' : 'province_code';
      const r = await db.query<SignedDocumentRow>(
        `SELECT ${COLUMNS} FROM signed_documents WHERE ${column} = $1 AND issuer_agency = ANY($2::text[]) ORDER BY issued_at DESC, id LIMIT $3`, [area.code, agencies, limit],
      );
      return r.rows;
    },
  };
}

export type DocumentsStore = ReturnType<typeof createDocumentsStore>;
