import type { Queryable } from '../../platform/db.js';

/** A sector record as stored, with its agency's name. */
export interface SectorRecordRow {
  id: string; agency_id: string; agency_name: string; service_code: string; reference: string; personal_id: string; full_name: string; date_of_birth: string;
  payload: Record<string, unknown>; request_sha256: string; legal_basis: string; record_date: string; received_at: Date | string; status: 'attached' | 'held' | 'rejected';
}

const SELECT = `SELECT r.id, r.agency_id, a.name AS agency_name, r.service_code, r.reference, r.personal_id, r.full_name, r.date_of_birth::text AS date_of_birth,
       r.payload, r.request_sha256, r.legal_basis, r.record_date::text AS record_date, r.received_at, r.status
  FROM exchange_sector_records r JOIN exchange_agencies a ON a.id = r.agency_id`;

/** The SQL of the sector records agencies send (sector.ts). */
export const sectorStore = {
  async byReference(q: Queryable, agencyId: number, reference: string): Promise<SectorRecordRow | undefined> {
    return (await q.query<SectorRecordRow>(`${SELECT} WHERE r.agency_id = $1 AND r.reference = $2`, [agencyId, reference])).rows[0];
  },

  /** Inserts the record once per agency and reference; undefined when a concurrent send of the same reference won. */
  async insert(q: Queryable, r: {
    agencyId: number; grantId: number; serviceCode: string; reference: string; personalId: string; fullName: string; dateOfBirth: string;
    payload: Record<string, unknown>; requestSha256: string; legalBasis: string; recordDate: string; status: 'attached' | 'held';
  }): Promise<{ id: string; received_at: Date | string } | undefined> {
    const res = await q.query<{ id: string; received_at: Date | string }>(
      `INSERT INTO exchange_sector_records (agency_id, grant_id, service_code, reference, personal_id, full_name, date_of_birth, payload, request_sha256, legal_basis, record_date, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (agency_id, reference) DO NOTHING RETURNING id, received_at`,
      [r.agencyId, r.grantId, r.serviceCode, r.reference, r.personalId, r.fullName, r.dateOfBirth, JSON.stringify(r.payload), r.requestSha256, r.legalBasis, r.recordDate, r.status]);
    return res.rows[0];
  },

  /** A held record's decision (the registry officer's, in the review queue's transaction): attached or rejected. */
  async settle(q: Queryable, id: number, status: 'attached' | 'rejected'): Promise<boolean> {
    const r = await q.query("UPDATE exchange_sector_records SET status = $2, decided_at = now() WHERE id = $1 AND status = 'held'", [id, status]);
    return r.rowCount > 0;
  },

  /** The records attached to a person, newest first, by kind. */
  async attachedTo(q: Queryable, personalId: string): Promise<SectorRecordRow[]> {
    return (await q.query<SectorRecordRow>(`${SELECT} WHERE r.personal_id = $1 AND r.status = 'attached' ORDER BY r.service_code, r.record_date DESC, r.id DESC LIMIT 500`, [personalId])).rows;
  },
};
