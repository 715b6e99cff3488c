import type { Queryable } from '../../platform/db.js';

export interface ShareLinkRow {
  id: string;
  document_id: string;
  holder_personal_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  accesses: number;
}

export interface ShareAccessRow {
  id: string;
  link_id: string;
  at: Date;
  what: 'view' | 'pdf';
  client_address: string | null;
  user_agent: string | null;
  link_created_at: Date;
}

const LINK_COLUMNS = `l.id, l.document_id, l.holder_personal_id, l.created_at, l.expires_at, l.revoked_at,
  (SELECT count(*)::int FROM document_share_accesses a WHERE a.link_id = l.id) AS accesses`;

/** The only code that reads or writes document_share_links and document_share_accesses. */
export function createShareStore(db: Queryable) {
  return {
    async insert(tx: Queryable, l: { documentId: string; holderPersonalId: string; tokenSha256: string; createdAt: Date; expiresAt: Date }): Promise<ShareLinkRow> {
      const r = await tx.query<ShareLinkRow>(
        `INSERT INTO document_share_links (document_id, holder_personal_id, token_sha256, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, document_id, holder_personal_id, created_at, expires_at, revoked_at, 0 AS accesses`,
        [l.documentId, l.holderPersonalId, l.tokenSha256, l.createdAt, l.expiresAt],
      );
      return r.rows[0]!;
    },

    /** A link by its token's hash, whatever its state (the service decides what an expired one answers). */
    async byToken(tokenSha256: string): Promise<ShareLinkRow | undefined> {
      const r = await db.query<ShareLinkRow>(`SELECT ${LINK_COLUMNS} FROM document_share_links l WHERE l.token_sha256 = $1`, [tokenSha256]);
      return r.rows[0];
    },

    async ofDocument(documentId: string): Promise<ShareLinkRow[]> {
      const r = await db.query<ShareLinkRow>(`SELECT ${LINK_COLUMNS} FROM document_share_links l WHERE l.document_id = $1 ORDER BY l.created_at DESC, l.id DESC`, [documentId]);
      return r.rows;
    },

    async lock(tx: Queryable, documentId: string, id: string): Promise<ShareLinkRow | undefined> {
      const r = await tx.query<ShareLinkRow>(
        `SELECT ${LINK_COLUMNS} FROM document_share_links l WHERE l.document_id = $1 AND l.id = $2 FOR UPDATE`, [documentId, id],
      );
      return r.rows[0];
    },

    async revoke(tx: Queryable, id: string, at: Date): Promise<void> {
      await tx.query('UPDATE document_share_links SET revoked_at = $2 WHERE id = $1', [id, at]);
    },

    async logAccess(a: { linkId: string; documentId: string; at: Date; what: 'view' | 'pdf'; clientAddress: string | null; userAgent: string | null }): Promise<void> {
      await db.query(
        'INSERT INTO document_share_accesses (link_id, document_id, at, what, client_address, user_agent) VALUES ($1, $2, $3, $4, $5, $6)',
        [a.linkId, a.documentId, a.at, a.what, a.clientAddress, a.userAgent],
      );
    },

    async accessesOf(documentId: string, limit: number): Promise<ShareAccessRow[]> {
      const r = await db.query<ShareAccessRow>(
        `SELECT a.id, a.link_id, a.at, a.what, a.client_address, a.user_agent, l.created_at AS link_created_at
           FROM document_share_accesses a JOIN document_share_links l ON l.id = a.link_id
          WHERE a.document_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT $2`,
        [documentId, limit],
      );
      return r.rows;
    },
  };
}
