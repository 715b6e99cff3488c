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
}

const OFFICER_COLUMNS = `o.id, o.username, o.full_name, o.password_hash, o.role, o.area_code, u.level AS area_level,
  o.relying_party_id`;

export function createOfficerStore(db: Queryable) {
  return {
    async findByUsername(username: string): Promise<OfficerRow | undefined> {
      const r = await db.query<OfficerRow>(
        `SELECT ${OFFICER_COLUMNS} FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE o.username = $1`,
        [username],
      );
      return r.rows[0];
    },
    async findById(id: number): Promise<OfficerRow | undefined> {
      const r = await db.query<OfficerRow>(
        `SELECT ${OFFICER_COLUMNS} FROM officers o JOIN units u ON u.scheme = o.area_scheme AND u.code = o.area_code
          WHERE o.id = $1`,
        [id],
        'officer_by_id',
      );
      return r.rows[0];
    },
    async insert(o: { username: string; fullName: string; passwordHash: string; role: string; areaCode: string; relyingPartyId?: number | null }) {
      const r = await db.query<{ id: number }>(
        `INSERT INTO officers (username, full_name, password_hash, role, area_code, relying_party_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [o.username, o.fullName, o.passwordHash, o.role, o.areaCode, o.relyingPartyId ?? null],
      );
      return r.rows[0]?.id;
    },
    async insertSession(tokenHash: string, officerId: number, csrfToken: string, ttlMinutes: number): Promise<void> {
      await db.query(
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
          WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
        'officer_session',
      );
      return r.rows[0];
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.query('DELETE FROM officer_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}

export type OfficerStore = ReturnType<typeof createOfficerStore>;
