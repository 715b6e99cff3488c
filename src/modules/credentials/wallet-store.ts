import type { Queryable } from '../../platform/db.js';
import type { DocumentType, StoredStatusList } from './wallet/index.js';

export interface DocumentRow {
  id: string;
  account_id: number;
  type: DocumentType;
  title: string;
  sd_jwt_enc: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/**
 * The only code that reads or writes wallet_documents and status_lists. Documents belong to e-ID
 * accounts: the few reads that need the account's person join citizen_accounts (identity), as the
 * table's foreign key already ties them.
 */
export function createWalletStore(db: Queryable) {
  return {
    async statusList(id: number) {
      return (await db.query<{ state: StoredStatusList; updated_at: string }>('SELECT state, updated_at FROM status_lists WHERE id = $1', [id], 'status_list')).rows[0];
    },
    /** The newest list, locked for this transaction. */
    async lockLatestStatusList(tx: Queryable) {
      return (await tx.query<{ id: number; state: StoredStatusList }>('SELECT id, state FROM status_lists ORDER BY id DESC LIMIT 1 FOR UPDATE')).rows[0];
    },
    async lockStatusList(tx: Queryable, id: number) {
      return (await tx.query<{ state: StoredStatusList }>('SELECT state FROM status_lists WHERE id = $1 FOR UPDATE', [id])).rows[0];
    },
    async insertStatusList(tx: Queryable, state: StoredStatusList): Promise<number> {
      return Number((await tx.query<{ id: number }>('INSERT INTO status_lists (state) VALUES ($1) RETURNING id', [JSON.stringify(state)])).rows[0].id);
    },
    async saveStatusList(tx: Queryable, id: number, state: StoredStatusList) {
      await tx.query('UPDATE status_lists SET state = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(state)]);
    },

    async activeAccountOfPerson(personId: number): Promise<number | undefined> {
      const r = await db.query<{ id: number }>(`SELECT id FROM citizen_accounts WHERE person_id = $1 AND status = 'active'`, [personId]);
      return r.rows[0] ? Number(r.rows[0].id) : undefined;
    },
    /** The active e-ID account of a personal ID, read in the caller's transaction (a result issued with its decision). */
    async activeAccountOfPersonalId(tx: Queryable, personalId: string): Promise<number | undefined> {
      const r = await tx.query<{ id: number }>(`SELECT id FROM citizen_accounts WHERE personal_id = $1 AND status = 'active'`, [personalId]);
      return r.rows[0] ? Number(r.rows[0].id) : undefined;
    },
    async insertDocument(tx: Queryable, d: { id: string; accountId: number; type: string; title: string; sdJwtEnc: string; listId: number; idx: number; kid: string; issuedBy: number | null; expiresAt: string }) {
      const r = await tx.query<DocumentRow>(
        `INSERT INTO wallet_documents (id, account_id, type, title, sd_jwt_enc, status_list_id, status_idx, kid, issued_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [d.id, d.accountId, d.type, d.title, d.sdJwtEnc, d.listId, d.idx, d.kid, d.issuedBy, d.expiresAt],
      );
      return r.rows[0];
    },
    async documentOf(accountId: number, id: string): Promise<DocumentRow | undefined> {
      return (await db.query<DocumentRow>('SELECT * FROM wallet_documents WHERE id = $1 AND account_id = $2', [id, accountId])).rows[0];
    },
    async documentsOf(accountId: number): Promise<DocumentRow[]> {
      return (await db.query<DocumentRow>('SELECT * FROM wallet_documents WHERE account_id = $1 ORDER BY issued_at DESC', [accountId])).rows;
    },
    /** The document with its holder's personal ID, locked for revocation. */
    async lockForRevocation(tx: Queryable, id: string) {
      const r = await tx.query<{ type: string; status_list_id: number; status_idx: number; personal_id: string; revoked_at: string | null }>(
        `SELECT d.type, d.status_list_id, d.status_idx, a.personal_id, d.revoked_at FROM wallet_documents d JOIN citizen_accounts a ON a.id = d.account_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      );
      return r.rows[0];
    },
    async markRevoked(tx: Queryable, id: string, reason: string) {
      await tx.query('UPDATE wallet_documents SET revoked_at = now(), revoked_reason = $2 WHERE id = $1', [id, reason]);
    },
    /** Whose document sits at this place of a status list (for the verification log). */
    async holderAt(listId: number, idx: number): Promise<{ personId: number; personalId: string } | undefined> {
      const r = await db.query<{ person_id: number; personal_id: string }>(
        `SELECT a.person_id, a.personal_id FROM wallet_documents d JOIN citizen_accounts a ON a.id = d.account_id
          WHERE d.status_list_id = $1 AND d.status_idx = $2`,
        [listId, idx],
      );
      return r.rows[0] ? { personId: Number(r.rows[0].person_id), personalId: r.rows[0].personal_id } : undefined;
    },
  };
}
