import type { Queryable } from '../../platform/db.js';

export interface OfficerRow {
  id: number;
  username: string;
  full_name: string;
  password_hash: string;
  role: string;
  area_code: string;
  area_level: 'commune' | 'province';
  relying_party_id: number | null;
  must_change_password: boolean;
}

/** An account as the administration page lists it (no password hash). */
export interface OfficerAccountRow {
  id: number;
  username: string;
  full_name: string;
  role: string;
  area_code: string;
  area_level: string;
  area_name: string;
  relying_party_id: number | null;
  must_change_password: boolean;
  disabled_at: string | null;
  created_at: string;
}

/** A unit an account may be given as its area (2025 scheme). */
export interface AreaRow {
  code: string;
  level: string;
  province_code: string;
  full_name: string;
}

/** The audit actions the administration page lists as account actions (the partial index of migration 022 names the same). */
export const ACCOUNT_ACTIONS = [
  'officer.account.create', 'officer.account.disable', 'officer.account.enable', 'officer.account.password-reset',
  'officer.password.change', 'lodging.facility.staff-added',
] as const;
const ACCOUNT_ACTIONS_SQL = ACCOUNT_ACTIONS.map((a) => `'${a}'`).join(', ');

/** Accounts whose area lies in province $1: the province itself or one of its communes. */
const IN_PROVINCE = '(u.code = $1 OR u.province_code = $1)';

const OFFICER_COLUMNS = `o.id, o.username, o.full_name, o.password_hash, o.role, o.area_code, u.level AS area_level,
  o.relying_party_id, o.must_change_password`;
const ACCOUNT_COLUMNS = `o.id, o.username, o.full_name, o.role, o.area_code, u.level AS area_level, u.full_name AS area_name,
  o.relying_party_id, o.must_change_password, o.disabled_at, o.created_at`;

export function createOfficerStore(db: Queryable) {
  return {
    async findByUsername(username: string): Promise<(OfficerRow & { disabled: boolean }) | undefined> {
      const r = await db.query<OfficerRow & { disabled: boolean }>(
        `SELECT ${OFFICER_COLUMNS}, o.disabled_at IS NOT NULL AS disabled FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE o.username = $1`,
        [username],
      );
      return r.rows[0];
    },
    /** An account that may sign in (not disabled), by id: the single sign-on's officer accounts. */
    async findById(id: number): Promise<OfficerRow | undefined> {
      const r = await db.query<OfficerRow>(
        `SELECT ${OFFICER_COLUMNS} FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE o.id = $1 AND o.disabled_at IS NULL`,
        [id],
        'officer_by_id',
      );
      return r.rows[0];
    },
    async insert(o: {
      username: string; fullName: string; passwordHash: string; role: string; areaCode: string; relyingPartyId?: number | null; mustChangePassword?: boolean;
    }, tx: Queryable = db) {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO officers (username, full_name, password_hash, role, area_code, relying_party_id, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [o.username, o.fullName, o.passwordHash, o.role, o.areaCode, o.relyingPartyId ?? null, o.mustChangePassword ?? false],
      );
      return r.rows[0] === undefined ? undefined : Number(r.rows[0].id);
    },
    /** The password hash of an account (own password change: the current one is checked first). */
    async passwordHash(id: number): Promise<string | undefined> {
      const r = await db.query<{ password_hash: string }>('SELECT password_hash FROM officers WHERE id = $1', [id]);
      return r.rows[0]?.password_hash;
    },
    /** Sets a new password; `mustChange`: a one-time password the account replaces at its next sign-in. */
    async setPassword(id: number, passwordHash: string, mustChange: boolean, tx: Queryable = db): Promise<void> {
      await tx.query(
        `UPDATE officers SET password_hash = $2, must_change_password = $3, password_changed_at = now() WHERE id = $1`,
        [id, passwordHash, mustChange],
      );
    },
    /** Disables (true) or re-enables (false) an account; false when it already was so. */
    async setDisabled(id: number, disabled: boolean, tx: Queryable = db): Promise<boolean> {
      const r = await tx.query(
        disabled
          ? 'UPDATE officers SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL'
          : 'UPDATE officers SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL',
        [id],
      );
      return (r.rowCount ?? 0) > 0;
    },
    /** Ends the sessions of an account, all but `keep` (the token hash of the session that asked). */
    async deleteSessionsOf(officerId: number, keep: string | null, tx: Queryable = db): Promise<number> {
      const r = await tx.query('DELETE FROM officer_sessions WHERE officer_id = $1 AND token_hash IS DISTINCT FROM $2', [officerId, keep]);
      return r.rowCount ?? 0;
    },

    // ---- administration of a province's accounts ----
    /** A unit of the 2025 scheme an account may be given as area. */
    async findArea(code: string): Promise<AreaRow | undefined> {
      const r = await db.query<AreaRow>(`SELECT code, level, province_code, full_name FROM units WHERE scheme = '2025' AND code = $1`, [code]);
      return r.rows[0];
    },
    /** Active accounts of one area holding one of `roles`, by full name (colleagues a dossier may be assigned to). */
    async activeInArea(areaCode: string, roles: readonly string[]): Promise<{ id: number; full_name: string; role: string }[]> {
      const r = await db.query<{ id: number; full_name: string; role: string }>(
        `SELECT o.id, o.full_name, o.role FROM officers o WHERE o.area_code = $1 AND o.role = ANY($2::text[]) AND o.disabled_at IS NULL ORDER BY o.full_name, o.id LIMIT 500`,
        [areaCode, roles],
      );
      return r.rows;
    },
    /** The accounts of a province, by username; `q` matches username or full name. */
    async listInProvince(provinceCode: string, f: { q?: string; status?: 'active' | 'disabled'; limit: number; offset: number }) {
      const where = [IN_PROVINCE];
      const params: unknown[] = [provinceCode];
      if (f.q) {
        params.push(`%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(lower(o.username) LIKE $${params.length} OR lower(o.full_name) LIKE $${params.length})`);
      }
      if (f.status === 'active') where.push('o.disabled_at IS NULL');
      if (f.status === 'disabled') where.push('o.disabled_at IS NOT NULL');
      params.push(f.limit, f.offset);
      const r = await db.query<OfficerAccountRow & { total: number }>(
        `SELECT ${ACCOUNT_COLUMNS}, count(*) OVER ()::int AS total
           FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE ${where.join(' AND ')}
          ORDER BY o.username LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return { rows: r.rows, total: r.rows[0]?.total ?? 0 };
    },
    /** One account of a province; undefined when absent or in another province (which reads as absent). */
    async findInProvince(provinceCode: string, id: number): Promise<OfficerAccountRow | undefined> {
      const r = await db.query<OfficerAccountRow>(
        `SELECT ${ACCOUNT_COLUMNS} FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE ${IN_PROVINCE} AND o.id = $2`,
        [provinceCode, id],
      );
      return r.rows[0];
    },
    /** One account by username, in any province: the operator's command line. */
    async findAccountByUsername(username: string): Promise<OfficerAccountRow | undefined> {
      const r = await db.query<OfficerAccountRow>(
        `SELECT ${ACCOUNT_COLUMNS} FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE o.username = $1`,
        [username],
      );
      return r.rows[0];
    },
    /**
     * The newest account actions on accounts of a province, from the platform's audit chain (its rows name
     * the account as subject `officer:<id>`); the partial index of migration 022 keeps it short.
     */
    async accountActivity(provinceCode: string, limit: number) {
      const r = await db.query<{
        seq: number; at: string; action: string; actor_kind: string; actor_id: string; actor_name: string | null; officer_id: number; username: string; full_name: string;
      }>(
        `SELECT a.seq, a.at, a.action, a.actor_kind, a.actor_id, a.actor_name, o.id AS officer_id, o.username, o.full_name
           FROM audit_log a
           JOIN officers o ON a.subject_kind = 'officer' AND a.subject_id = o.id::text
           JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE a.action IN (${ACCOUNT_ACTIONS_SQL}) AND ${IN_PROVINCE}
          ORDER BY a.seq DESC LIMIT $2`,
        [provinceCode, limit],
      );
      return r.rows;
    },
    async insertSession(tokenHash: string, officerId: number, csrfToken: string, ttlMinutes: number, tx: Queryable = db): Promise<void> {
      await tx.query(
        `INSERT INTO officer_sessions (token_hash, officer_id, csrf_token, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
        [tokenHash, officerId, csrfToken, ttlMinutes],
      );
    },
    async findSession(tokenHash: string) {
      const r = await db.query<OfficerRow & { csrf_token: string; expires_at: string }>(
        `SELECT ${OFFICER_COLUMNS}, s.csrf_token, s.expires_at
           FROM officer_sessions s JOIN officers o ON o.id = s.officer_id
           JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE s.token_hash = $1 AND s.expires_at > now() AND o.disabled_at IS NULL`,
        [tokenHash],
        'officer_session',
      );
      return r.rows[0];
    },
    async usernames(ids: number[]): Promise<{ id: number; username: string }[]> {
      const r = await db.query<{ id: number; username: string }>('SELECT id, username FROM officers WHERE id = ANY($1::integer[])', [ids]);
      return r.rows;
    },
    async deleteSession(tokenHash: string, tx: Queryable = db): Promise<void> {
      await tx.query('DELETE FROM officer_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}

export type OfficerStore = ReturnType<typeof createOfficerStore>;
