import type { Queryable, Transaction } from '../../platform/db.js';
import type { DossierRow } from './store.js';

/** A dossier's invitation to a second person to confirm it with their own e-ID (migration 032). */
export interface ConfirmationRow {
  id: number;
  dossier_id: number;
  role: 'spouse' | 'father';
  invitee_personal_id: string;
  state: 'pending' | 'confirmed' | 'declined';
  invitee_person_id: number | null;
  invitee_account_id: number | null;
  created_at: Date;
  answered_at: Date | null;
  /** SHA-256 of the confirmed parts of the form when the invitee confirmed (confirmation-service.ts confirmedContentHash). */
  content_sha256: string | null;
}

/** An invitation as its invitee lists it: with the dossier it belongs to. */
export interface InvitationRow extends ConfirmationRow {
  procedure_name: string;
  applicant_name: string;
  applicant_personal_id: string;
  dossier_state: DossierRow['state'];
}

/** A result document produced at approval (the phiếu lý lịch tư pháp). */
export interface ResultRow {
  dossier_id: number;
  kind: string;
  media_type: string;
  content: Uint8Array;
  sha256: string;
  data: Record<string, unknown>;
  created_at: Date;
}

const num = <T extends { id: number; dossier_id: number; invitee_person_id: number | null; invitee_account_id: number | null }>(r: T): T => ({
  ...r, id: Number(r.id), dossier_id: Number(r.dossier_id),
  invitee_person_id: r.invitee_person_id === null ? null : Number(r.invitee_person_id),
  invitee_account_id: r.invitee_account_id === null ? null : Number(r.invitee_account_id),
});

/** The only code that reads or writes dossier_confirmations and dossier_results. */
export function createConfirmationStore(db: Queryable) {
  return {
    async forDossier(dossierId: number, q: Queryable = db): Promise<ConfirmationRow[]> {
      const r = await q.query<ConfirmationRow>('SELECT * FROM dossier_confirmations WHERE dossier_id = $1 ORDER BY id', [dossierId]);
      return r.rows.map(num);
    },

    /** Invites (again): a new invitee, or the same one asked anew, starts pending with no answer. */
    async upsert(tx: Transaction, c: { dossierId: number; role: string; personalId: string; at: Date }): Promise<void> {
      await tx.query(
        `INSERT INTO dossier_confirmations (dossier_id, role, invitee_personal_id, state, created_at) VALUES ($1, $2, $3, 'pending', $4)
         ON CONFLICT (dossier_id, role) DO UPDATE SET invitee_personal_id = EXCLUDED.invitee_personal_id, state = 'pending',
           invitee_person_id = NULL, invitee_account_id = NULL, created_at = EXCLUDED.created_at, answered_at = NULL, content_sha256 = NULL`,
        [c.dossierId, c.role, c.personalId, c.at],
      );
    },

    /** A confirmation given in person at the desk (counter.ts): confirmed at once, no e-ID account behind it. */
    async insertConfirmed(tx: Transaction, c: ConfirmationRow): Promise<void> {
      await tx.query(
        `INSERT INTO dossier_confirmations (dossier_id, role, invitee_personal_id, state, invitee_person_id, invitee_account_id, created_at, answered_at, content_sha256)
         VALUES ($1, $2, $3, 'confirmed', $4, NULL, $5, $6, $7)`,
        [c.dossier_id, c.role, c.invitee_personal_id, c.invitee_person_id, c.created_at, c.answered_at, c.content_sha256],
      );
    },

    /** The invitations addressed to a personal ID, newest first. */
    async invitationsFor(personalId: string, limit: number, offset: number): Promise<InvitationRow[]> {
      const r = await db.query<InvitationRow>(
        `SELECT c.*, d.procedure_name, d.applicant_name, d.applicant_personal_id, d.state AS dossier_state
           FROM dossier_confirmations c JOIN dossiers d ON d.id = c.dossier_id
          WHERE c.invitee_personal_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2 OFFSET $3`,
        [personalId, limit, offset],
      );
      return r.rows.map(num);
    },

    /** One invitation of a personal ID (anyone else's reads as absent), locked in `tx`. */
    async lockInvitation(tx: Transaction, id: number, personalId: string): Promise<ConfirmationRow | undefined> {
      const r = await tx.query<ConfirmationRow>('SELECT * FROM dossier_confirmations WHERE id = $1 AND invitee_personal_id = $2 FOR UPDATE', [id, personalId]);
      return r.rows[0] && num(r.rows[0]);
    },

    async findInvitation(id: number, personalId: string): Promise<ConfirmationRow | undefined> {
      const r = await db.query<ConfirmationRow>('SELECT * FROM dossier_confirmations WHERE id = $1 AND invitee_personal_id = $2', [id, personalId]);
      return r.rows[0] && num(r.rows[0]);
    },

    /** Records the answer; a confirmation with the hash of the content it confirmed (a refusal with none). */
    async answer(tx: Transaction, id: number, a: { state: 'confirmed' | 'declined'; personId: number; accountId: number; at: Date; contentSha256: string | null }): Promise<void> {
      await tx.query(
        'UPDATE dossier_confirmations SET state = $2, invitee_person_id = $3, invitee_account_id = $4, answered_at = $5, content_sha256 = $6 WHERE id = $1',
        [id, a.state, a.personId, a.accountId, a.at, a.contentSha256],
      );
    },

    /**
     * Binds a dossier's confirmation of `role` to the content it was submitted with: called in the submission's
     * transaction once the submission checked that the applicant had not changed what was confirmed (the registry's
     * values written again at submission may differ from the draft's).
     */
    async rebind(tx: Transaction, dossierId: number, role: string, contentSha256: string): Promise<void> {
      await tx.query(
        `UPDATE dossier_confirmations SET content_sha256 = $3 WHERE dossier_id = $1 AND role = $2 AND state = 'confirmed'`,
        [dossierId, role, contentSha256],
      );
    },

    /** The dossier of an invitation, locked (the invitee is not its owner: the invitation decided who may). */
    async lockDossier(tx: Transaction, id: number): Promise<DossierRow | undefined> {
      const r = await tx.query<DossierRow>('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [id]);
      return r.rows[0];
    },

    async insertResult(tx: Transaction, r: { dossierId: number; kind: string; mediaType: string; content: Buffer; sha256: string; data: Record<string, unknown>; officerId: number }): Promise<void> {
      await tx.query(
        `INSERT INTO dossier_results (dossier_id, kind, media_type, content, sha256, data, officer_id) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (dossier_id) DO UPDATE SET kind = EXCLUDED.kind, media_type = EXCLUDED.media_type, content = EXCLUDED.content,
           sha256 = EXCLUDED.sha256, data = EXCLUDED.data, officer_id = EXCLUDED.officer_id, created_at = now()`,
        [r.dossierId, r.kind, r.mediaType, r.content, r.sha256, JSON.stringify(r.data), r.officerId],
      );
    },

    /** The dossier's result document, with its applicant's personal ID (whose document it is). */
    async result(dossierId: number, q: Queryable = db): Promise<(ResultRow & { applicant_personal_id: string }) | undefined> {
      const r = await q.query<ResultRow & { applicant_personal_id: string }>(
        `SELECT r.dossier_id, r.kind, r.media_type, r.content, r.sha256, r.data, r.created_at, d.applicant_personal_id
           FROM dossier_results r JOIN dossiers d ON d.id = r.dossier_id WHERE r.dossier_id = $1`, [dossierId]);
      return r.rows[0];
    },
  };
}

export type ConfirmationStore = ReturnType<typeof createConfirmationStore>;
