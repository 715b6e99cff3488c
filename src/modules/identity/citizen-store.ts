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
  level2_at: string | null;
  level2_by: number | null;
  created_at: string;
  totp_pending_enc: string | null;
  totp_last_step: number | null;
  level2_document: 'cccd' | 'can_cuoc' | null;
  level2_note: string | null;
  locked_at: string | null;
  passkey_challenge: string | null;
  passkey_challenge_expires_at: string | null;
}

/** A registered passkey; the public key comes base64-encoded (the same text from PGlite and PostgreSQL). */
export interface PasskeyRow {
  id: number;
  account_id: number;
  credential_id: string;
  public_key_b64: string;
  counter: number;
  transports: string[];
  label: string | null;
  created_at: string;
  last_used_at: string | null;
}

const PASSKEY_COLUMNS = `id, account_id, credential_id, encode(public_key, 'base64') AS public_key_b64, counter, transports, label, created_at, last_used_at`;

/** A pending registration or a sign-in challenge, with `live` computed by the database clock. */
export interface ChallengeRow {
  id: string;
  code_hash: string | null;
  attempts: number;
  live: boolean;
}

/** A level-2 request (citizen_level2_requests). */
export interface Level2RequestRow {
  id: number;
  account_id: number;
  office_code: string;
  status: 'pending' | 'cancelled' | 'done';
  created_at: string;
  closed_at: string | null;
}
const LEVEL2_COLUMNS = 'r.id, r.account_id, r.office_code, r.status, r.created_at, r.closed_at';

/** The only code that reads or writes citizen_accounts, citizen_sessions and the tables of e-ID recovery and level-2 requests. */
export function createCitizenStore(db: Queryable) {
  return {
    /**
     * Active e-ID accounts by level in each commune of residence (model 23). Joins the registry's
     * people for the commune: a count, no personal data leaves.
     */
    async coverage(communes: string[] | null): Promise<{ level: number; accounts: number }[]> {
      const { rows } = await db.query<{ level: number; accounts: number }>(
        `SELECT a.level, count(*)::int AS accounts FROM citizen_accounts a JOIN people p ON p.id = a.person_id
          WHERE a.status = 'active' AND ($1::text[] IS NULL OR p.commune_code = ANY($1)) GROUP BY 1`, [communes]);
      return rows.map((r) => ({ level: Number(r.level), accounts: Number(r.accounts) }));
    },

    /** Demo accounts in one statement (src/modules/identity/demo-seed.ts). */
    async insertDemoAccounts(accounts: { personId: number; personalId: string; phone: string; level: 1 | 2; createdAt: Date }[], passwordHash: string): Promise<void> {
      if (!accounts.length) return;
      await db.query(
        `INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash, level, level2_at, created_at)
         SELECT person, pid, phone, $6, level, CASE WHEN level = 2 THEN created ELSE NULL END, created
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::timestamptz[]) AS a(person, pid, phone, level, created)`,
        [accounts.map((a) => a.personId), accounts.map((a) => a.personalId), accounts.map((a) => a.phone), accounts.map((a) => a.level),
          accounts.map((a) => a.createdAt.toISOString()), passwordHash],
      );
    },

    async insertAccount(a: { personId: number; personalId: string; phone: string; passwordHash: string }, tx: Queryable = db): Promise<number> {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [a.personId, a.personalId, a.phone, a.passwordHash],
      );
      return Number(r.rows[0].id);
    },
    async findAccountById(id: number): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE id = $1', [id], 'citizen_account_by_id')).rows[0];
    },
    /** Several accounts in one query, in the order asked (undefined where none). */
    async findAccountsById(ids: number[]): Promise<(CitizenAccountRow | undefined)[]> {
      const { rows } = await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE id = ANY($1::bigint[])', [ids], 'citizen_accounts_by_ids');
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return ids.map((id) => byId.get(id));
    },
    async findAccountByPersonalId(personalId: string): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE personal_id = $1', [personalId])).rows[0];
    },
    /** The active accounts of some people: person id → account id. */
    async activeAccountsOf(personIds: readonly number[]): Promise<Map<number, number>> {
      if (!personIds.length) return new Map();
      const r = await db.query<{ id: number; person_id: number }>(
        `SELECT id, person_id FROM citizen_accounts WHERE person_id = ANY($1::bigint[]) AND status = 'active'`, [personIds],
      );
      return new Map(r.rows.map((x) => [Number(x.person_id), Number(x.id)]));
    },
    async findAccountByPersonId(personId: number): Promise<CitizenAccountRow | undefined> {
      return (await db.query<CitizenAccountRow>('SELECT * FROM citizen_accounts WHERE person_id = $1', [personId])).rows[0];
    },
    async insertSession(s: { tokenHash: string; accountId: number; csrfToken: string; userAgent: string | null; ttlMinutes: number }, tx: Queryable = db): Promise<void> {
      await tx.query(
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
    async revokeSession(accountId: number, tokenHash: string, tx: Queryable = db): Promise<boolean> {
      const r = await tx.query('UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND token_hash = $2 AND revoked_at IS NULL', [accountId, tokenHash]);
      return r.rowCount > 0;
    },
    async revokeAllSessions(accountId: number): Promise<void> {
      await db.query('UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    },
    async setLevel(accountId: number, level: 1 | 2, officerId: number, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_accounts SET level = $2, level2_at = now(), level2_by = $3 WHERE id = $1', [accountId, level, officerId]);
    },
    async lock(accountId: number, reason: string, tx: Queryable = db): Promise<void> {
      await tx.query(`UPDATE citizen_accounts SET status = 'locked', locked_reason = $2, locked_at = now() WHERE id = $1`, [accountId, reason]);
    },
    async setPersonalId(personId: number, personalId: string, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_accounts SET personal_id = $2 WHERE person_id = $1', [personId, personalId]);
    },
    async revokeAllSessionsIn(tx: Queryable, accountId: number): Promise<void> {
      await tx.query('UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    },
    /** Raises an active level-1 account; false when it is no longer one (a concurrent raise or lock). */
    async raiseToLevel2(tx: Queryable, a: { accountId: number; officerId: number; document: 'cccd' | 'can_cuoc'; note: string | null }): Promise<boolean> {
      const r = await tx.query(
        `UPDATE citizen_accounts SET level = 2, level2_at = now(), level2_by = $2, level2_document = $3, level2_note = $4
          WHERE id = $1 AND level = 1 AND status = 'active'`,
        [a.accountId, a.officerId, a.document, a.note],
      );
      return r.rowCount > 0;
    },

    // ---- passwords ----
    async setPasswordHash(tx: Queryable, accountId: number, passwordHash: string): Promise<void> {
      await tx.query('UPDATE citizen_accounts SET password_hash = $2 WHERE id = $1', [accountId, passwordHash]);
    },
    /** Ends every live session of the account but `keep` (the one changing the password); how many ended. */
    async revokeSessionsExcept(tx: Queryable, accountId: number, keep: string | null): Promise<number> {
      const r = await tx.query(
        'UPDATE citizen_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR token_hash <> $2)',
        [accountId, keep],
      );
      return r.rowCount;
    },

    // ---- password resets (a row per request, matched or not: see 020_citizen_recovery.sql) ----
    async insertPasswordReset(r: { id: string; accountId: number | null; personalId: string; codeHash: string | null; ttlMinutes: number }, tx: Queryable = db): Promise<void> {
      await tx.query(
        `INSERT INTO citizen_password_resets (id, account_id, personal_id, code_hash, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
        [r.id, r.accountId, r.personalId, r.codeHash, r.ttlMinutes],
      );
    },
    async findPasswordReset(id: string, maxAttempts: number) {
      const r = await db.query<ChallengeRow & { account_id: number | null; personal_id: string }>(
        `SELECT id, account_id, personal_id, code_hash, attempts, (used_at IS NULL AND expires_at > now() AND attempts < $2) AS live
           FROM citizen_password_resets WHERE id = $1`,
        [id, maxAttempts],
      );
      return r.rows[0];
    },
    /** Counts one try of the reset's code; false when it is used, expired or its tries are spent. */
    async claimPasswordResetAttempt(id: string, maxAttempts: number): Promise<boolean> {
      const r = await db.query(
        'UPDATE citizen_password_resets SET attempts = attempts + 1 WHERE id = $1 AND used_at IS NULL AND expires_at > now() AND attempts < $2',
        [id, maxAttempts],
      );
      return r.rowCount > 0;
    },
    /** Uses the reset up (single use); false when another request used it first. */
    async consumePasswordReset(tx: Queryable, id: string): Promise<boolean> {
      const r = await tx.query('UPDATE citizen_password_resets SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()', [id]);
      return r.rowCount > 0;
    },
    /** Other pending resets of the account end with a new password. */
    async cancelPasswordResets(tx: Queryable, accountId: number): Promise<void> {
      await tx.query('UPDATE citizen_password_resets SET used_at = now() WHERE account_id = $1 AND used_at IS NULL', [accountId]);
    },
    /** Rows a day past their expiry go (spread over requests, as the sign-in back-off prunes). */
    async prunePasswordResets(): Promise<void> {
      await db.query(`DELETE FROM citizen_password_resets WHERE expires_at < now() - interval '1 day'`);
    },

    // ---- level-2 requests ----
    async insertLevel2Request(tx: Queryable, accountId: number, officeCode: string): Promise<Level2RequestRow> {
      const r = await tx.query<Level2RequestRow>(
        `INSERT INTO citizen_level2_requests AS r (account_id, office_code) VALUES ($1, $2) RETURNING ${LEVEL2_COLUMNS}`,
        [accountId, officeCode],
      );
      return r.rows[0];
    },
    /** The account's requests, newest first. */
    async level2RequestsOf(accountId: number): Promise<Level2RequestRow[]> {
      return (await db.query<Level2RequestRow>(
        `SELECT ${LEVEL2_COLUMNS} FROM citizen_level2_requests r WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20`, [accountId])).rows;
    },
    async cancelLevel2Request(tx: Queryable, accountId: number, id: number): Promise<Level2RequestRow | undefined> {
      const r = await tx.query<Level2RequestRow>(
        `UPDATE citizen_level2_requests r SET status = 'cancelled', closed_at = now()
          WHERE id = $1 AND account_id = $2 AND status = 'pending' RETURNING ${LEVEL2_COLUMNS}`,
        [id, accountId],
      );
      return r.rows[0];
    },
    /** Marks the account's open request done (the officer raised it); the request, if there was one. */
    async completeLevel2Request(tx: Queryable, accountId: number, officerId: number): Promise<Level2RequestRow | undefined> {
      const r = await tx.query<Level2RequestRow>(
        `UPDATE citizen_level2_requests r SET status = 'done', closed_at = now(), closed_by = $2
          WHERE account_id = $1 AND status = 'pending' RETURNING ${LEVEL2_COLUMNS}`,
        [accountId, officerId],
      );
      return r.rows[0];
    },
    /** A locked account's open request is cancelled with it. */
    async closeOpenLevel2Requests(tx: Queryable, accountId: number): Promise<void> {
      await tx.query(`UPDATE citizen_level2_requests SET status = 'cancelled', closed_at = now() WHERE account_id = $1 AND status = 'pending'`, [accountId]);
    },
    /** Open requests at the given offices (null: all), oldest first, with the account's personal ID. */
    async pendingLevel2Requests(officeCodes: string[] | null, limit: number): Promise<(Level2RequestRow & { personal_id: string })[]> {
      return (await db.query<Level2RequestRow & { personal_id: string }>(
        `SELECT ${LEVEL2_COLUMNS}, a.personal_id FROM citizen_level2_requests r JOIN citizen_accounts a ON a.id = r.account_id
          WHERE r.status = 'pending' AND ($1::text[] IS NULL OR r.office_code = ANY($1)) ORDER BY r.created_at, r.id LIMIT $2`,
        [officeCodes, limit],
      )).rows;
    },

    // ---- authenticator app ----
    async setTotpPending(accountId: number, sealed: string, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_accounts SET totp_pending_enc = $2 WHERE id = $1', [accountId, sealed]);
    },
    async activateTotp(tx: Queryable, accountId: number, sealed: string, step: number): Promise<boolean> {
      const r = await tx.query(
        'UPDATE citizen_accounts SET totp_secret_enc = $2, totp_pending_enc = NULL, totp_last_step = $3 WHERE id = $1 AND totp_pending_enc = $2',
        [accountId, sealed, step],
      );
      return r.rowCount > 0;
    },
    /** Accepts a step only if it is newer than the last one accepted (no replay), atomically. */
    async acceptTotpStep(accountId: number, step: number): Promise<boolean> {
      const r = await db.query(
        'UPDATE citizen_accounts SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
        [accountId, step],
      );
      return r.rowCount > 0;
    },

    // ---- pending registrations ----
    async insertRegistration(r: { id: string; personId: number; personalId: string; phone: string; codeHash: string; ttlMinutes: number }, tx: Queryable = db): Promise<void> {
      await tx.query(
        `INSERT INTO citizen_registrations (id, person_id, personal_id, phone, code_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
        [r.id, r.personId, r.personalId, r.phone, r.codeHash, r.ttlMinutes],
      );
    },
    async findRegistration(id: string, maxAttempts: number) {
      const r = await db.query<ChallengeRow & { person_id: number; personal_id: string; phone: string }>(
        `SELECT id, person_id, personal_id, phone, code_hash, attempts,
                (used_at IS NULL AND expires_at > now() AND attempts < $2) AS live
           FROM citizen_registrations WHERE id = $1`,
        [id, maxAttempts],
      );
      return r.rows[0];
    },
    async countRegistrationAttempt(id: string): Promise<void> {
      await db.query('UPDATE citizen_registrations SET attempts = attempts + 1 WHERE id = $1', [id]);
    },
    /** Marks the registration used; false when another request used it first (single use). */
    async consumeRegistration(tx: Queryable, id: string): Promise<boolean> {
      const r = await tx.query('UPDATE citizen_registrations SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()', [id]);
      return r.rowCount > 0;
    },
    async cancelRegistrations(tx: Queryable, personId: number): Promise<void> {
      await tx.query('UPDATE citizen_registrations SET used_at = now() WHERE person_id = $1 AND used_at IS NULL', [personId]);
    },

    // ---- sign-in challenges (second factor) ----
    async insertChallenge(c: { id: string; accountId: number; ttlMinutes: number }, tx: Queryable = db): Promise<void> {
      await tx.query(
        'INSERT INTO citizen_challenges (id, account_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))',
        [c.id, c.accountId, c.ttlMinutes],
      );
    },
    async findChallenge(id: string, maxAttempts: number) {
      const r = await db.query<ChallengeRow & { account_id: number; codes_sent: number; webauthn_challenge: string | null }>(
        `SELECT id, account_id, code_hash, codes_sent, attempts, webauthn_challenge, (used_at IS NULL AND expires_at > now() AND attempts < $2) AS live
           FROM citizen_challenges WHERE id = $1`,
        [id, maxAttempts],
      );
      return r.rows[0];
    },
    async setChallengeCode(id: string, codeHash: string, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_challenges SET code_hash = $2, codes_sent = codes_sent + 1 WHERE id = $1', [id, codeHash]);
    },
    async countChallengeAttempt(id: string): Promise<void> {
      await db.query('UPDATE citizen_challenges SET attempts = attempts + 1 WHERE id = $1', [id]);
    },
    async setWebauthnChallenge(id: string, challenge: string, tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE citizen_challenges SET webauthn_challenge = $2 WHERE id = $1', [id, challenge]);
    },
    async consumeChallenge(id: string, tx: Queryable = db): Promise<boolean> {
      const r = await tx.query('UPDATE citizen_challenges SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()', [id]);
      return r.rowCount > 0;
    },

    // ---- passkeys (WebAuthn) ----
    async setPasskeyChallenge(accountId: number, challenge: string, ttlMinutes: number, tx: Queryable = db): Promise<void> {
      await tx.query(
        'UPDATE citizen_accounts SET passkey_challenge = $2, passkey_challenge_expires_at = now() + make_interval(mins => $3) WHERE id = $1',
        [accountId, challenge, ttlMinutes],
      );
    },
    /** Uses up the pending registration challenge if it is still this one and live; false otherwise (single use). */
    async consumePasskeyChallenge(accountId: number, challenge: string): Promise<boolean> {
      const r = await db.query(
        `UPDATE citizen_accounts SET passkey_challenge = NULL, passkey_challenge_expires_at = NULL
          WHERE id = $1 AND passkey_challenge = $2 AND passkey_challenge_expires_at > now()`,
        [accountId, challenge],
      );
      return r.rowCount > 0;
    },
    async insertPasskey(p: { accountId: number; credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; label: string | null }, tx: Queryable = db): Promise<number> {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO citizen_passkeys (account_id, credential_id, public_key, counter, transports, label)
         VALUES ($1, $2, decode($3, 'base64'), $4, $5, $6) RETURNING id`,
        [p.accountId, p.credentialId, Buffer.from(p.publicKey).toString('base64'), p.counter, p.transports, p.label],
      );
      return Number(r.rows[0].id);
    },
    async listPasskeys(accountId: number): Promise<PasskeyRow[]> {
      return (await db.query<PasskeyRow>(`SELECT ${PASSKEY_COLUMNS} FROM citizen_passkeys WHERE account_id = $1 ORDER BY created_at, id`, [accountId])).rows;
    },
    async countPasskeys(accountId: number): Promise<number> {
      return Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM citizen_passkeys WHERE account_id = $1', [accountId])).rows[0].n);
    },
    async findPasskey(accountId: number, credentialId: string): Promise<PasskeyRow | undefined> {
      return (await db.query<PasskeyRow>(`SELECT ${PASSKEY_COLUMNS} FROM citizen_passkeys WHERE account_id = $1 AND credential_id = $2`, [accountId, credentialId])).rows[0];
    },
    /**
     * Moves the counter forward atomically; false when another sign-in already took this counter
     * (a replay or a cloned authenticator). Authenticators that keep no counter stay at 0.
     */
    async usePasskey(id: number, oldCounter: number, newCounter: number): Promise<boolean> {
      const r = await db.query(
        `UPDATE citizen_passkeys SET counter = $3, last_used_at = now()
          WHERE id = $1 AND counter = $2 AND ($3 > $2 OR ($3 = 0 AND $2 = 0))`,
        [id, oldCounter, newCounter],
      );
      return r.rowCount > 0;
    },
    async deletePasskey(tx: Queryable, accountId: number, id: number): Promise<PasskeyRow | undefined> {
      const r = await tx.query<PasskeyRow>(
        `DELETE FROM citizen_passkeys WHERE account_id = $1 AND id = $2 RETURNING ${PASSKEY_COLUMNS}`,
        [accountId, id],
      );
      return r.rows[0];
    },
  };
}

export type CitizenStore = ReturnType<typeof createCitizenStore>;
