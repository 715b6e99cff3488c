import type { Db } from '../../platform/db.js';
import { message } from './messages.js';
import { createCredentialStore } from './store.js';

/** A verification of the demo at a counter, at a given time (the live path always writes now()). */
export interface DemoVerification {
  relyingPartyId: number;
  method: 'identity_qr' | 'card_qr' | 'chip';
  personId: number | null;
  /** An invalid one names its reason (a code of messages.ts), for the counter's list and the citizen's history. */
  invalidReason: 'VERIFY_QR_EXPIRED' | 'VERIFY_QR_SIGNATURE_INVALID' | 'VERIFY_CARD_EXPIRED' | 'VERIFY_QR_UNREADABLE' | null;
  fields: string[];
  purpose: string;
  at: Date;
}

/**
 * Past verifications at the demo province's counters (src/demo.ts), written in bulk without the audit
 * entries the live path writes: development tools only.
 */
export function unsafeDemoVerificationSeeder(db: Db) {
  const store = createCredentialStore(db);
  return {
    verifications: (rows: DemoVerification[]) =>
      store.insertDemoVerifications(rows.map((r) => ({
        relyingPartyId: r.relyingPartyId, staffId: null, method: r.method, personId: r.invalidReason ? null : r.personId,
        result: r.invalidReason ? 'invalid' as const : 'valid' as const, reason: r.invalidReason,
        reasonText: r.invalidReason ? message(r.invalidReason, { date: '01/01/2025' }) : null,
        fields: r.invalidReason ? [] : r.fields, purpose: r.purpose, at: r.at,
      }))),
  };
}
