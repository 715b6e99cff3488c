import { todayInVietnam } from '../../../platform/time.js';
import type { RegistryService } from '../../registry/index.js';
import type { RelyingPartyRow } from '../store.js';
import type { Reason } from '../schema.js';
import { compareCardWithRegistry, type CardComparedField, type CardComparison, type ComparableCard } from '../card-qr.js';
import { FIELD_LABELS, fieldValues, pick } from '../fields.js';
import { ChipInputError, passiveAuthenticate, type ChipInput, type PassiveAuthReport, type TrustList } from '../chip/index.js';
import { Rejection, reason, reasonsOf, runSteps, type Finding } from './finding.js';

export interface ChipSteps {
  trustList: () => Promise<TrustList>;
  /** Spends a challenge da06 issued to this relying party; false when unknown, expired or spent. */
  useChallenge: (challenge: string, relyingPartyId: number) => Promise<boolean>;
  registry: Pick<RegistryService, 'unsafeFindForVerification'>;
}

const CARD_FIELD_LABELS: Record<CardComparedField, string> = {
  personalId: FIELD_LABELS.personal_id, fullName: FIELD_LABELS.full_name, dateOfBirth: FIELD_LABELS.date_of_birth, sex: FIELD_LABELS.sex,
  legacyId: 'Số CMND cũ',
};

/**
 * A chip card read at the counter (ICAO 9303): passive authentication (SOD signature, chain to a
 * trusted CSCA, every data group's hash), the card's own consistency and expiry, then the registry.
 */
export function verifyChip(deps: ChipSteps, rp: RelyingPartyRow, input: ChipInput): Promise<Finding> {
  return runSteps('chip', async () => {
    await useChallengeOnce(deps, rp, input);
    const report = await authenticate(deps, input);
    const card = rejectIfNotAuthentic(report);
    const expired = checkNotExpired(report);
    const compared = await compareWithRegistry(deps, card);
    const reasons = reasonsOf(expired, compared.reason);
    const valid = reasons.length === 0;
    return {
      outcome: {
        checks: report.checks, registry: compared.registry, reasons, valid, person: valid ? discloseAllowedFields(compared.person!, rp) : {},
        chipFace: chipFace(report),
      },
      holder: compared.person && { personId: compared.person.personId, personalId: compared.person.personalId },
    };
  });
}

/**
 * The check a commune officer runs before raising an e-ID to level 2: the chip must be authentic,
 * belong to this personal ID and match the registry. Returns the reasons it does not (none = passed).
 */
export async function checkChipForUpgrade(deps: ChipSteps, personalId: string, input: ChipInput): Promise<Reason[]> {
  let report: PassiveAuthReport;
  try {
    report = await authenticate(deps, input);
  } catch (err) {
    if (err instanceof Rejection) return err.reasons;
    throw err;
  }
  const { card, reasons } = chipFindings(report);
  // As at a counter: a chip that failed passive authentication is never compared with the registry.
  if (!card || !report.authentic) return reasons;
  if (card.personalId !== personalId) return [...reasons, reason('VERIFY_CHIP_OTHER_PERSON')];
  const person = await deps.registry.unsafeFindForVerification(personalId);
  const comparison = compareCardWithRegistry(card, person && !person.numberCancelled ? person : null);
  if (comparison.status !== 'match') {
    reasons.push(reason('VERIFY_CARD_MISMATCH', { fields: comparison.differences.map((d) => CARD_FIELD_LABELS[d.field]).join(', ') || comparison.status }));
  }
  return reasons;
}

/** An active-authentication answer counts only for a challenge da06 issued to this counter, once. */
async function useChallengeOnce(deps: ChipSteps, rp: RelyingPartyRow, input: ChipInput) {
  if (input.aaChallenge === undefined) return;
  if (!(typeof input.aaChallenge === 'string' && await deps.useChallenge(input.aaChallenge, Number(rp.id)))) {
    throw new Rejection([reason('VERIFY_AA_CHALLENGE_UNKNOWN')]);
  }
}

/** Passive authentication against the trust list; input that cannot be decoded is a reason, not an error. */
async function authenticate(deps: ChipSteps, input: ChipInput): Promise<PassiveAuthReport> {
  try {
    return passiveAuthenticate(input, { trustList: await deps.trustList() });
  } catch (err) {
    if (err instanceof ChipInputError) throw new Rejection([{ code: err.code, message: err.message }]);
    throw err;
  }
}

/**
 * A chip that failed passive authentication says no more than a made-up card: it is never compared
 * with the registry, which would answer whether its number, name and date exist (issue 12 §2).
 */
function rejectIfNotAuthentic(report: PassiveAuthReport): ComparableCard {
  const { card, reasons } = chipFindings(report);
  if (!card || !report.authentic || report.checks.some((c) => c.status === 'fail')) throw new Rejection(reasons, { checks: report.checks });
  return card;
}

/**
 * What the chip says about its holder, as a card to compare with the registry, plus the reasons the
 * chip itself is not acceptable (failed checks, expired card, no DG13 to compare).
 */
function chipFindings(report: PassiveAuthReport): { card: ComparableCard | null; reasons: Reason[] } {
  const reasons = reasonsOf(...report.checks.filter((c) => c.status === 'fail').map((c) => ({ code: c.code, message: c.message })), checkNotExpired(report));
  const card = cardOnChip(report);
  if (!card) reasons.push(reason('VERIFY_CHIP_NO_DG13'));
  return { card, reasons };
}

function checkNotExpired(report: PassiveAuthReport): Reason | null {
  const expiry = report.dg13?.expiresOn ?? report.dg1?.dateOfExpiry ?? null;
  if (expiry && /^\d{4}-\d{2}-\d{2}$/.test(expiry) && expiry < todayInVietnam()) return reason('VERIFY_CARD_EXPIRED', { date: expiry.split('-').reverse().join('/') });
  return null;
}

/** DG13's identifying fields, when the chip has them all. */
function cardOnChip(report: PassiveAuthReport): ComparableCard | null {
  const d = report.dg13;
  if (!d?.personalId || !d.fullName || !d.dateOfBirth || !d.sex) return null;
  return { personalId: d.personalId, fullName: d.fullName, dateOfBirth: d.dateOfBirth, sex: d.sex === 'F' ? 'Nữ' : 'Nam', legacyId: d.legacyId ?? null };
}

/** An authentic chip (state-signed data) against the registry: the differing fields by name, never the registry's values. */
async function compareWithRegistry(deps: ChipSteps, card: ComparableCard) {
  const found = await deps.registry.unsafeFindForVerification(card.personalId);
  const person = found && !found.numberCancelled ? found : null;
  const comparison = compareCardWithRegistry(card, person);
  const differences = comparison.differences.map((d) => ({ field: d.field, label: CARD_FIELD_LABELS[d.field], kind: d.kind }));
  return {
    registry: { status: found?.numberCancelled ? 'number_cancelled' : comparison.status, differences },
    reason: registryReason(!!found?.numberCancelled, comparison.status, differences),
    person,
  };
}

function registryReason(numberCancelled: boolean, status: CardComparison['status'], differences: { label: string }[]): Reason | null {
  if (numberCancelled) return reason('VERIFY_CARD_NUMBER_CANCELLED');
  if (status === 'not_found') return reason('VERIFY_CARD_NOT_IN_REGISTRY');
  if (status === 'deceased') return reason('VERIFY_PERSON_DECEASED');
  if (status === 'mismatch') return reason('VERIFY_CARD_MISMATCH', { fields: differences.map((d) => d.label).join(', ') });
  return null;
}

/**
 * DG2's face from an authentic chip, for the counter to compare with the person in front of it: the
 * counter read it from the card itself, so it is shown whatever the purpose. Browsers cannot show
 * JPEG 2000: then only the format is answered, and the desk says to compare with the printed photo.
 */
function chipFace(report: PassiveAuthReport) {
  if (!report.face) return null;
  const displayable = report.face.mediaType === 'image/jpeg';
  return {
    mediaType: report.face.mediaType, displayable,
    dataUrl: displayable ? `data:${report.face.mediaType};base64,${report.face.image.toString('base64')}` : null,
  };
}

function discloseAllowedFields(person: Parameters<typeof fieldValues>[0], rp: RelyingPartyRow) {
  return pick(fieldValues({ ...person }, todayInVietnam()), rp.allowed_fields);
}
