import type { Queryable } from '../../platform/db.js';

export type ConsentStatus = 'pending' | 'approved' | 'refused' | 'revoked' | 'used';
export interface ConsentRow {
  id: string; agency_id: string; agency_name: string; service_code: string; service_title: string; consent_level: number; personal_id: string;
  purpose: string; fields_asked: string[]; valid_until_asked: string; frequency: 'once' | 'periodic'; status: ConsentStatus; fields: string[];
  valid_from: string | null; valid_until: string | null; decided_at: Date | string | null; revoked_at: Date | string | null; used_at: Date | string | null;
  created_at: Date | string;
}

const CONSENT = `c.id, c.agency_id, a.name AS agency_name, c.service_code, s.title AS service_title, s.consent_level, c.personal_id, c.purpose,
  c.fields_asked, c.valid_until_asked::text AS valid_until_asked, c.frequency, c.status, c.fields, c.valid_from::text AS valid_from,
  c.valid_until::text AS valid_until, c.decided_at, c.revoked_at, c.used_at, c.created_at`;
const FROM = 'exchange_consents c JOIN exchange_agencies a ON a.id = c.agency_id JOIN exchange_services s ON s.code = c.service_code';

/** The SQL of consents the citizen holds (the exchange module's own tables only). */
export function createConsentStore(db: Queryable) {
  const one = async (q: Queryable, where: string, params: unknown[]) =>
    (await q.query<ConsentRow>(`SELECT ${CONSENT} FROM ${FROM} WHERE ${where}`, params)).rows[0];
  return {
    async insert(q: Queryable, c: { agencyId: number; serviceCode: string; personalId: string; purpose: string; fieldsAsked: string[]; validUntilAsked: string; frequency: string }) {
      const r = await q.query<{ id: string }>(
        `INSERT INTO exchange_consents (agency_id, service_code, personal_id, purpose, fields_asked, valid_until_asked, frequency)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [c.agencyId, c.serviceCode, c.personalId, c.purpose, c.fieldsAsked, c.validUntilAsked, c.frequency],
      );
      return (await one(q, 'c.id = $1', [r.rows[0]!.id]))!;
    },
    /** A consent asked by the agency (another agency's answers nothing). */
    ofAgency: (agencyId: number, id: number) => one(db, 'c.id = $1 AND c.agency_id = $2', [id, agencyId]),
    /** A consent asked of the citizen holding the personal ID, locked when `q` is a transaction. */
    async ofCitizen(q: Queryable, personalId: string, id: number, lock = false) {
      if (lock) await q.query('SELECT id FROM exchange_consents WHERE id = $1 FOR UPDATE', [id]);
      return one(q, 'c.id = $1 AND c.personal_id = $2', [id, personalId]);
    },
    /** Every consent asked of the citizen, newest first. */
    async listOf(personalId: string, limit: number) {
      return (await db.query<ConsentRow>(`SELECT ${CONSENT} FROM ${FROM} WHERE c.personal_id = $1 ORDER BY c.id DESC LIMIT $2`, [personalId, limit])).rows;
    },
    async decide(q: Queryable, id: number, d: { personId: number; status: 'approved' | 'refused'; fields: string[]; validFrom: string | null; validUntil: string | null; level: number }) {
      await q.query(
        `UPDATE exchange_consents SET status = $2, person_id = $3, fields = $4, valid_from = $5, valid_until = $6, decided_level = $7, decided_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [id, d.status, d.personId, d.fields, d.validFrom, d.validUntil, d.level],
      );
    },
    async revoke(q: Queryable, id: number) {
      await q.query(`UPDATE exchange_consents SET status = 'revoked', revoked_at = now() WHERE id = $1 AND status = 'approved'`, [id]);
    },
    /** The approved consent in force on `day` for the agency, service, purpose and personal ID (the latest one). */
    async inForce(agencyId: number, serviceCode: string, purpose: string, personalId: string, day: string) {
      return one(db, `c.agency_id = $1 AND c.service_code = $2 AND c.purpose = $3 AND c.personal_id = $4 AND c.status = 'approved'
        AND c.valid_from <= $5::date AND c.valid_until >= $5::date ORDER BY c.id DESC LIMIT 1`, [agencyId, serviceCode, purpose, personalId, day]);
    },
    /** Uses up a `once` consent; false when another query used it first or it was revoked meanwhile. */
    /** A `once` consent used up, while it is approved and valid on `day`. */
    async useOnce(q: Queryable, id: number, day: string) {
      const r = await q.query(
        `UPDATE exchange_consents SET status = 'used', used_at = now() WHERE id = $1 AND status = 'approved' AND valid_until >= $2::date RETURNING id`, [id, day]);
      return r.rows.length === 1;
    },
    /** A periodic consent still approved and valid on `day`, held so that a revocation waits for the query that read it. */
    async stillInForce(q: Queryable, id: number, day: string) {
      const r = await q.query(`SELECT id FROM exchange_consents WHERE id = $1 AND status = 'approved' AND valid_until >= $2::date FOR SHARE`, [id, day]);
      return r.rows.length === 1;
    },
    /** The citizen's decisions (approved, refused, revoked, used), newest first, for their access history. */
    async decisionsOf(personId: number, limit: number) {
      return (await db.query<ConsentRow>(`SELECT ${CONSENT} FROM ${FROM} WHERE c.person_id = $1 AND c.decided_at IS NOT NULL ORDER BY c.decided_at DESC LIMIT $2`, [personId, limit])).rows;
    },
  };
}
