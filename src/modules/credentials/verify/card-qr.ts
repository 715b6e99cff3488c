import type { VerifierCaller } from '../../../platform/access.js';
import { todayInVietnam } from '../../../platform/time.js';
import type { RegistryService } from '../../registry/index.js';
import type { RelyingPartyRow } from '../store.js';
import { CARD_QR_NOTICE, compareCardWithRegistry, parseCardQr, type CardQrData } from '../card-qr.js';
import { CARD_QR_FAILURES_PER_COUNTER, CARD_QR_FAILURES_PER_ID, CARD_QR_WINDOW_HOURS, type CardCheckGuard, type CardCheckPause } from '../card-qr-guard.js';
import { PORTRAIT_FIELD, fieldValues, pick } from '../fields.js';
import { Rejection, reason, runSteps, type Finding, type OutcomeParts } from './finding.js';

export interface CardQrSteps {
  cardChecks: Pick<CardCheckGuard, 'begin'>;
  registry: Pick<RegistryService, 'unsafeFindForVerification'>;
}

type RegisteredPerson = NonNullable<Awaited<ReturnType<RegistryService['unsafeFindForVerification']>>>;

/**
 * The QR printed on a CCCD / căn cước card: parsed strictly, then compared with the registry. Never
 * proof of the card (the notice says so); valid means "the card's text matches a living person in the
 * registry". The caller may have made the card up, so the answer teaches nothing the card did not say:
 * an unknown number, any difference, a death or a cancelled number give one 'unconfirmed', all doing
 * the same work (card-qr-oracle.test.ts). Failures are bounded per counter and ID (card-qr-guard.ts).
 */
export function verifyCardQr(deps: CardQrSteps, verifier: VerifierCaller, rp: RelyingPartyRow, text: string): Promise<Finding> {
  return runSteps('card_qr', async () => {
    const card = parseCard(text);
    const check = await rejectIfCounterPaused(deps, rp, card, verifier);
    const person = await findNumberInUse(deps, card);
    const matched = compareCardWithRegistry(card, person).status === 'match';
    await check.settle(matched);
    return {
      outcome: matched ? discloseAllowedFields(person!, rp) : unconfirmed(),
      // Whom the number names, found or not: the lookup is an audited read either way.
      holder: { personId: person?.personId ?? null, personalId: card.personalId },
    };
  }, { notice: CARD_QR_NOTICE });
}

function parseCard(text: string): CardQrData {
  const parsed = parseCardQr(text);
  if (!parsed.ok) throw new Rejection(parsed.errors.map((e) => ({ code: e.code, message: e.message })));
  return parsed.card;
}

/** Counts the comparison as a failure until it matches; refused while this counter is paused (for the ID or in all). */
async function rejectIfCounterPaused(deps: CardQrSteps, rp: RelyingPartyRow, card: CardQrData, verifier: VerifierCaller) {
  const check = await deps.cardChecks.begin(rp, card.personalId, verifier.staffId);
  if (!check.allowed) throw new Rejection([pausedReason(check.pause)]);
  return check;
}

/** Why a counter may not compare unsigned card data now; the same whether or not the ID exists. */
function pausedReason(pause: CardCheckPause) {
  return pause === 'personal_id'
    ? reason('VERIFY_CARD_CHECKS_PAUSED', { count: CARD_QR_FAILURES_PER_ID, hours: CARD_QR_WINDOW_HOURS })
    : reason('VERIFY_CARD_CHECKS_PAUSED_COUNTER', { count: CARD_QR_FAILURES_PER_COUNTER, hours: CARD_QR_WINDOW_HOURS });
}

/** The person the card's number names, unless that number was cancelled. */
async function findNumberInUse(deps: CardQrSteps, card: CardQrData): Promise<RegisteredPerson | null> {
  const found = await deps.registry.unsafeFindForVerification(card.personalId);
  return found && !found.numberCancelled ? found : null;
}

/**
 * What the purpose allows, from the registry, except the portrait (PORTRAIT_FIELD) whatever the purpose:
 * an unsigned printed code proves nothing about who holds it, and anyone who can write a card number's
 * QR text would get that person's face. The signed identity QR and the chip show a face; this never does.
 */
function discloseAllowedFields(person: RegisteredPerson, rp: RelyingPartyRow): OutcomeParts {
  const shown = rp.allowed_fields.filter((f) => f !== PORTRAIT_FIELD);
  return { valid: true, registry: { status: 'match', differences: [] }, person: pick(fieldValues({ ...person, photo: null }, todayInVietnam()), shown) };
}

function unconfirmed(): OutcomeParts {
  return { reasons: [reason('VERIFY_CARD_UNCONFIRMED')], registry: { status: 'unconfirmed', differences: [] } };
}
