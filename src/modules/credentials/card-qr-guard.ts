import './audit-actions.js';
import type { Db } from '../../platform/db.js';
import type { AreaScope } from '../../platform/access.js';
import type { AuditWriter } from '../../platform/audit.js';
import { message } from './messages.js';
import { maskPersonalId, type RegistryService } from '../registry/index.js';
import { createCredentialStore, type RelyingPartyRow } from './store.js';

/**
 * Bounds on comparing a printed card QR with the registry (issue 12 §2). The QR is unsigned: anyone can
 * print one with any personal ID, name and date, so each comparison that does not match is a guess the
 * counter got wrong. Failures are counted in the database (every API node shares them) per counter and
 * personal ID, and per counter in all; the counts are never per ID alone, so nobody can use them to stop
 * a citizen's card being checked at the counters they did not probe from.
 *
 * The window is a sliding day: long enough that a counter cannot try a birth year's 366 dates a few a
 * day without someone noticing, short enough that an honest counter that paused itself works again
 * the next day.
 */
export const CARD_QR_WINDOW_HOURS = 24;
/**
 * An honest counter fails a real card once or twice (a misread, a name the registry has since corrected)
 * and then asks for the identity QR or the chip; three tries give a date guesser 3 chances in 366.
 */
export const CARD_QR_FAILURES_PER_ID = 3;
/**
 * Once one ID is limited, the next step is one guess each at many IDs. A counter's own failures of a
 * day are therefore bounded too: a busy hospital sees a few honest mismatches a day, fifty is well
 * above that and caps what spraying can learn at about fifty guesses a day per counter (see README).
 */
export const CARD_QR_FAILURES_PER_COUNTER = 50;

const WINDOW_SECONDS = CARD_QR_WINDOW_HOURS * 3600;
/** Audit actions of the two pauses; the auditors' list reads them back (migrations/016). */
const PAUSED = { personal_id: 'credential.card_qr.paused', counter: 'credential.card_qr.counter_paused' } as const;
export type CardCheckPause = keyof typeof PAUSED;

export type CardCheck =
  | { allowed: true; settle: (matched: boolean, requestId?: string) => Promise<void> }
  | { allowed: false; pause: CardCheckPause };

export function createCardCheckGuard(deps: { db: Db; audit: AuditWriter; registry: Pick<RegistryService, 'provinceOf'> }) {
  const store = createCredentialStore(deps.db);
  /** The pause is raised by the platform about the counter, named as its API key's actor is. */
  function pauseEntry(rp: RelyingPartyRow, pause: CardCheckPause, personalId: string, requestId?: string) {
    const count = pause === 'personal_id' ? CARD_QR_FAILURES_PER_ID : CARD_QR_FAILURES_PER_COUNTER;
    return {
      actorKind: 'system' as const, actorId: `rp:${rp.code}`, actorName: rp.name, action: PAUSED[pause],
      subjectKind: pause === 'personal_id' ? 'person' : 'relying_party', subjectId: pause === 'personal_id' ? personalId : rp.code,
      purpose: message(pause === 'personal_id' ? 'CARD_QR_PAUSED_AUDIT' : 'CARD_QR_COUNTER_PAUSED_AUDIT', { count, hours: CARD_QR_WINDOW_HOURS }),
      requestId,
    };
  }

  return {
    /**
     * Before comparing: refused when this counter is paused for the ID or in all; otherwise the attempt
     * is counted as a failure until `settle(true)` says the card matched.
     */
    async begin(rp: RelyingPartyRow, personalId: string, staffId: number | null): Promise<CardCheck> {
      const reserved = await deps.db.transaction((tx) => store.reserveCardCheck(tx, {
        relyingPartyId: Number(rp.id), personalId, staffId, windowSeconds: WINDOW_SECONDS,
        maxForId: CARD_QR_FAILURES_PER_ID, maxForCounter: CARD_QR_FAILURES_PER_COUNTER,
      }));
      const { attemptId, forId, forCounter } = reserved;
      if (attemptId === null) return { allowed: false, pause: forCounter >= CARD_QR_FAILURES_PER_COUNTER ? 'counter' : 'personal_id' };
      return {
        allowed: true,
        settle: async (matched, requestId) => {
          if (matched) {
            await store.deleteCardCheck(attemptId);
            return;
          }
          // The failure that reaches a limit raises the event, once per pause.
          const entries = [];
          if (forId + 1 === CARD_QR_FAILURES_PER_ID) entries.push(pauseEntry(rp, 'personal_id', personalId, requestId));
          if (forCounter + 1 === CARD_QR_FAILURES_PER_COUNTER) entries.push(pauseEntry(rp, 'counter', personalId, requestId));
          await deps.audit.recordAll(entries);
          if (Math.random() < 0.01) await store.deleteCardChecksBefore(WINDOW_SECONDS);
        },
      };
    },

    /** The pauses raised by the counters of the area's province, newest first (personal IDs masked, as in any list). */
    async pauses(area: AreaScope, limit = 200) {
      // An auditor limited to a commune sees the counters of its province: pauses are a province's concern.
      const rows = await store.cardCheckPauses(await deps.registry.provinceOf(area), Object.values(PAUSED), limit);
      return rows.map((r) => {
        const kind: CardCheckPause = r.action === PAUSED.personal_id ? 'personal_id' : 'counter';
        return {
          at: new Date(r.at).toISOString(), kind, relyingParty: { code: r.code, name: r.name },
          personalId: kind === 'personal_id' && r.subject_id ? maskPersonalId(r.subject_id) : null, message: r.purpose ?? '',
        };
      });
    },
  };
}

export type CardCheckGuard = ReturnType<typeof createCardCheckGuard>;
