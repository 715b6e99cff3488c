import type { Db, Queryable } from '../../../platform/db.js';

export type OfferKind = 'birth' | 'death';
export type ReminderReason = 'temporary_residence' | 'card_renewal';

export interface OfferRow {
  id: number;
  kind: OfferKind;
  recipient_person_id: number;
  source_key: string;
  first_step: string;
  forms: Record<string, Record<string, unknown>>;
  summary: Record<string, unknown>;
  created_at: string;
  dismissed_at: string | null;
  accepted_at: string | null;
  group_id: number | null;
}

export interface ReminderRow {
  id: number;
  reason: ReminderReason;
  due_on: string;
  params: Record<string, unknown>;
  created_at: string;
}

/** SQL of birth notices, life-event offers and reminders (migration 030). */
export function createLifeStore(db: Db) {
  return {
    async insertNotice(tx: Queryable, n: {
      relyingPartyId: number; declaredBy: number; motherPersonalId: string; motherPersonId: number | null; bornAt: Date; sex: string;
      weightGrams: number; birthPlace: string; intendedName: string | null;
    }): Promise<{ id: number; declared_at: string }> {
      const r = await tx.query<{ id: number; declared_at: string }>(
        `INSERT INTO birth_notices (relying_party_id, declared_by, mother_personal_id, mother_person_id, born_at, sex, weight_grams, birth_place, intended_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, declared_at`,
        [n.relyingPartyId, n.declaredBy, n.motherPersonalId, n.motherPersonId, n.bornAt, n.sex, n.weightGrams, n.birthPlace, n.intendedName],
      );
      return { id: Number(r.rows[0].id), declared_at: r.rows[0].declared_at };
    },

    /** Inserts an offer unless that person already has one from the same source; the ids of those inserted. */
    async insertOffer(tx: Queryable, o: { kind: OfferKind; recipientPersonId: number; sourceKey: string; firstStep: string; forms: unknown; summary: unknown }) {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO life_offers (kind, recipient_person_id, source_key, first_step, forms, summary)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (recipient_person_id, source_key) DO NOTHING RETURNING id`,
        [o.kind, o.recipientPersonId, o.sourceKey, o.firstStep, JSON.stringify(o.forms), JSON.stringify(o.summary)],
      );
      return r.rows[0] ? Number(r.rows[0].id) : null;
    },

    async openOffers(personId: number): Promise<OfferRow[]> {
      const r = await db.query<OfferRow>(
        `SELECT * FROM life_offers WHERE recipient_person_id = $1 AND dismissed_at IS NULL AND accepted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 20`,
        [personId],
      );
      return r.rows;
    },

    /** One offer of the person, locked for its change. */
    async lockOwnOffer(tx: Queryable, personId: number, id: number): Promise<OfferRow | undefined> {
      const r = await tx.query<OfferRow>('SELECT * FROM life_offers WHERE id = $1 AND recipient_person_id = $2 FOR UPDATE', [id, personId]);
      return r.rows[0];
    },

    async findOwnOffer(personId: number, id: number): Promise<OfferRow | undefined> {
      return (await db.query<OfferRow>('SELECT * FROM life_offers WHERE id = $1 AND recipient_person_id = $2', [id, personId])).rows[0];
    },

    async dismiss(tx: Queryable, id: number, at: Date): Promise<void> {
      await tx.query('UPDATE life_offers SET dismissed_at = $2 WHERE id = $1', [id, at]);
    },

    async accept(tx: Queryable, id: number, groupId: number, at: Date): Promise<void> {
      await tx.query('UPDATE life_offers SET accepted_at = $2, group_id = $3 WHERE id = $1', [id, at, groupId]);
    },

    /** Writes a reminder unless the person already has one for that reason and period: its id when written. */
    async insertReminder(tx: Queryable, r: { personId: number; accountId: number; reason: ReminderReason; period: string; dueOn: string; params: unknown }) {
      const res = await tx.query<{ id: number }>(
        `INSERT INTO citizen_reminders (person_id, account_id, reason, period, due_on, params) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (person_id, reason, period) DO NOTHING RETURNING id`,
        [r.personId, r.accountId, r.reason, r.period, r.dueOn, JSON.stringify(r.params)],
      );
      return res.rows[0] ? Number(res.rows[0].id) : null;
    },

    async markSent(id: number, at: Date): Promise<void> {
      await db.query('UPDATE citizen_reminders SET sms_sent_at = $2 WHERE id = $1', [id, at]);
    },

    /** The account's reminders whose date has not passed by more than a week, newest first. */
    async reminders(accountId: number, since: string): Promise<ReminderRow[]> {
      const r = await db.query<ReminderRow>(
        `SELECT id, reason, to_char(due_on, 'YYYY-MM-DD') AS due_on, params, created_at FROM citizen_reminders
          WHERE account_id = $1 AND due_on >= $2::date ORDER BY due_on, id LIMIT 20`,
        [accountId, since],
      );
      return r.rows;
    },
  };
}
