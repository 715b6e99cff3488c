import type { Queryable } from '../../platform/db.js';
import type { ExchangeLogEntry } from './log.js';

export interface ServiceRow { code: string; kind: 'lookup' | 'check' | 'write'; title: string; fields: string[]; params: string[] }
export interface AgencyRow { id: string; name: string; legal_basis: string; client_id: string; province_code: string; active: boolean; created_at: Date | string }
export interface GrantRow {
  id: string; agency_id: string; service_code: string; purposes: string[]; fields: string[]; daily_quota: number;
  valid_from: string; valid_until: string; status: 'requested' | 'approved'; consent_purposes: string[]; approved_at: Date | string | null; created_at: Date | string;
}

const AGENCY = 'id, name, legal_basis, client_id, province_code, active, created_at';
const GRANT = `id, agency_id, service_code, purposes, fields, daily_quota, valid_from::text AS valid_from, valid_until::text AS valid_until, status, approved_at, created_at, consent_purposes`;

/** The exchange module's SQL: its own tables only. */
export function createExchangeStore(db: Queryable) {
  return {
    async services() {
      return (await db.query<ServiceRow>('SELECT code, kind, title, fields, params FROM exchange_services ORDER BY sort_order')).rows;
    },
    async service(code: string) {
      return (await db.query<ServiceRow>('SELECT code, kind, title, fields, params FROM exchange_services WHERE code = $1', [code])).rows[0];
    },

    async insertAgency(q: Queryable, a: { name: string; legalBasis: string; clientId: string; provinceCode: string }) {
      const r = await q.query<AgencyRow>(
        `INSERT INTO exchange_agencies (name, legal_basis, client_id, province_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id) DO NOTHING RETURNING ${AGENCY}`,
        [a.name, a.legalBasis, a.clientId, a.provinceCode],
      );
      return r.rows[0];
    },
    async agencies(provinceCode: string) {
      return (await db.query<AgencyRow>(`SELECT ${AGENCY} FROM exchange_agencies WHERE province_code = $1 ORDER BY id`, [provinceCode])).rows;
    },
    async agency(id: number) {
      return (await db.query<AgencyRow>(`SELECT ${AGENCY} FROM exchange_agencies WHERE id = $1`, [id])).rows[0];
    },
    async activeAgencyOfClient(clientId: string) {
      return (await db.query<AgencyRow>(`SELECT ${AGENCY} FROM exchange_agencies WHERE client_id = $1 AND active`, [clientId])).rows[0];
    },

    async insertGrant(q: Queryable, g: { agencyId: number; serviceCode: string; purposes: string[]; fields: string[]; dailyQuota: number; validFrom: string; validUntil: string; requestedBy: number; consentPurposes: string[] }) {
      const r = await q.query<GrantRow>(
        `INSERT INTO exchange_grants (agency_id, service_code, purposes, fields, daily_quota, valid_from, valid_until, requested_by, consent_purposes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${GRANT}`,
        [g.agencyId, g.serviceCode, g.purposes, g.fields, g.dailyQuota, g.validFrom, g.validUntil, g.requestedBy, g.consentPurposes],
      );
      return r.rows[0]!;
    },
    /** Grants of the province's agencies. */
    async grants(provinceCode: string) {
      return (await db.query<GrantRow & { agency_name: string }>(
        `SELECT ${GRANT.split(', ').map((c) => `g.${c}`).join(', ')}, a.name AS agency_name
           FROM exchange_grants g JOIN exchange_agencies a ON a.id = g.agency_id WHERE a.province_code = $1 ORDER BY g.id`,
        [provinceCode],
      )).rows;
    },
    async grantOfProvince(id: number, provinceCode: string) {
      return (await db.query<GrantRow>(
        `SELECT ${GRANT.split(', ').map((c) => `g.${c}`).join(', ')} FROM exchange_grants g JOIN exchange_agencies a ON a.id = g.agency_id
          WHERE g.id = $1 AND a.province_code = $2`,
        [id, provinceCode],
      )).rows[0];
    },
    async approveGrant(q: Queryable, id: number, officerId: number) {
      const r = await q.query<GrantRow>(
        `UPDATE exchange_grants SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1 AND status = 'requested' RETURNING ${GRANT}`,
        [id, officerId],
      );
      return r.rows[0];
    },
    /** The approved grants of an agency for a service in force on `day`. */
    async grantsInForce(agencyId: number, serviceCode: string, day: string) {
      return (await db.query<GrantRow>(
        `SELECT ${GRANT} FROM exchange_grants
          WHERE agency_id = $1 AND service_code = $2 AND status = 'approved' AND valid_from <= $3::date AND valid_until >= $3::date ORDER BY id`,
        [agencyId, serviceCode, day],
      )).rows;
    },

    /** `basis`: answered under the law or a consent (`consentId`); `refused`: refused for want of a consent in force. */
    async insertQuery(q: Queryable, x: { agencyId: number; grantId: number; serviceCode: string; personId: number; fields: string[]; purpose: string; basis?: 'law' | 'consent'; consentId?: number | null; refused?: boolean }) {
      await q.query(
        'INSERT INTO exchange_queries (agency_id, grant_id, service_code, person_id, fields, purpose, basis, consent_id, refused) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [x.agencyId, x.grantId, x.serviceCode, x.personId, x.fields, x.purpose, x.basis ?? 'law', x.consentId ?? null, x.refused ?? false],
      );
    },
    /** A person's queries by agencies, newest first (their access history). */
    async queriesOfPerson(personId: number, limit: number) {
      return (await db.query<{ at: Date | string; agency: string; service_title: string; fields: string[]; purpose: string; basis: 'law' | 'consent'; refused: boolean }>(
        `SELECT x.at, a.name AS agency, s.title AS service_title, x.fields, x.purpose, x.basis, x.refused
           FROM exchange_queries x JOIN exchange_agencies a ON a.id = x.agency_id JOIN exchange_services s ON s.code = x.service_code
          WHERE x.person_id = $1 ORDER BY x.at DESC, x.id DESC LIMIT $2`,
        [personId, limit],
      )).rows;
    },

    async logOf(agencyId: number, q: Queryable = db) {
      const r = await q.query<{ seq: string; at: Date | string; method: string; path: string; status: number; request_sha256: string; response_sha256: string; prev_hash: string; hash: string; jws: string }>(
        'SELECT seq, at, method, path, status, request_sha256, response_sha256, prev_hash, hash, jws FROM exchange_log WHERE agency_id = $1 ORDER BY seq',
        [agencyId],
      );
      return r.rows.map((x): ExchangeLogEntry => ({
        agencyId, seq: Number(x.seq), at: new Date(x.at).toISOString(), method: x.method, path: x.path, status: Number(x.status),
        requestSha256: x.request_sha256, responseSha256: x.response_sha256, prevHash: x.prev_hash, hash: x.hash, jws: x.jws,
      }));
    },

    /** The hashes of the named entries that are still in the log, by `agencyId/seq`. */
    async logHashes(keys: [number, number][]) {
      if (!keys.length) return new Map<string, string>();
      const r = await db.query<{ agency_id: string; seq: string; hash: string }>(
        `SELECT l.agency_id, l.seq, l.hash FROM exchange_log l JOIN unnest($1::bigint[], $2::bigint[]) AS k(a, s) ON l.agency_id = k.a AND l.seq = k.s`,
        [keys.map((k) => k[0]), keys.map((k) => k[1])],
      );
      return new Map(r.rows.map((x) => [`${x.agency_id}/${x.seq}`, x.hash]));
    },
  };
}
