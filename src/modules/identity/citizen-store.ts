import type { Queryable } from '../../platform/db.js';

export interface CitizenAccountRow {
  id: number;
  person_id: number;
  personal_id: string;
  phone: string;
  password_hash: string;
  level: 1 | 2;
  status: 'active' | 'locked';
  locked_reason: string | null;
  totp_secret_enc: string | null;
  failed_logins: number;
  locked_until: string | null;
  level2_at: string | null;
  level2_by: number | null;
  created_at: string;
}

/** The only code that reads or writes citizen_accounts and citizen_sessions. */
export function createCitizenStore(db: Queryable) {
  return {
    async insertAccount(a: { personId: number; personalId: string; phone: string; passwordHash: string }, tx: Queryable = db): Promise<number> {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [a.personId, a.personalId, a.phone, a.passwordHash],
      );
      return Number(r.rows[0].id);
    },
    async findAccountById(id: number): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE id = $1', [id])).rows[0];
    },
    async findAccountByPersonalId(personalId: string): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE personal_id = $1', [personalId])).rows[0];
    },
    async findAccountByPersonId(personId: number): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE person_id = $1', [personId])).rows[0];
    },
    async insertSession(s: { tokenHash: string; accountId: number; csrfToken: string; userAgent: string | null; ttlMinutes: number }): Promise<void> {
      await db.query(
        `INSERT INTO citizen_sessions (token_hash, account_id, csrf_token, user_agent, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
        [s.tokenHash, s.accountId, s.csrfToken, s.userAgent, s.ttlMinutes],
      );
    },
    /** A live session of an active account, with what the caller object needs. */
    async findLiveSession(tokenHash: string) {
      const r = await db.query<{ token_hash: string; account_id: number; person_id: number; personal_id: string; level: 1 | 2; csrf_token: string; expires_at: string }>(
        `SELECT s.token_hash, s.account_id, a.person_id, a.personal_id, a.level, s.csrf_token, s.expires_at
           FROM citizen_sessions s JOIN citizen_accounts a ON a.id = s.account_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.status = 'active'`,
        [tokenHash],
        'citizen_session',
      );
      return r.rows[0];
    },
    async listSessions(accountId: number) {
      const r = await db.query<{ token_hash: string; user_agent: string | null; created_at: string; last_seen: string; expires_at: string }>(
        `SELECT token_hash, user_agent, created_at, last_seen, expires_at FROM citizen_sessions
          WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
        [accountId],
      );
      return r.rows;
    },
    async revokeSession(accountId: number, tokenHash: string): Promise<boolean> {
      const r = await db.query('UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND token_hash = $2 AND revoked_at IS NULL', [accountId, tokenHash]);
      return r.rowCount > 0;
    },
    async revokeAllSessions(accountId: number): Promise<void> {
      await db.query('UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    },
    async setLevel(accountId: number, level: 1 | 2, officerId: number, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_accounts SET level = $2, level2_at = now(), level2_by = $3 WHERE id = $1', [accountId, level, officerId]);
    },
    async lock(accountId: number, reason: string, tx: Queryable = db): Promise<void> {
      await tx.query(`UPDATE citizen_accounts SET status = 'locked', locked_reason = $2 WHERE id = $1`, [accountId, reason]);
    },
    async setPersonalId(personId: number, personalId: string): Promise<void> {
      await db.query('UPDATE citizen_accounts SET personal_id = $2 WHERE person_id = $1', [personId, personalId]);
    },
  };
}

export type CitizenStore = ReturnType<typeof createCitizenStore>;
