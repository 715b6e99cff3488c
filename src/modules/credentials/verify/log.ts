import type { Db, Transaction } from '../../../platform/db.js';
import { appendAuditAfter, identifiedNobody, type AuditAction, type AuditEntry } from '../../../platform/audit.js';
import { GroupCommit } from '../../../platform/group-commit.js';
import { message } from '../messages.js';
import { CHIP_FACE_FIELD } from '../fields.js';
import { normalizeName } from '../../registry/index.js';
import type { VerifierCaller } from '../../../platform/access.js';
import { currentContext } from '../../../platform/context.js';
import type { createCredentialStore, RelyingPartyRow, VerificationInsert } from '../store.js';
import type { VerificationOutcome } from '../schema.js';
import { outcomeOf, reason, type Finding, type TokenClaim, type VerificationMethod } from './finding.js';

/** The name and personal ID the counter was shown, for its list of recent verifications (nothing it was not shown). */
function shownOf(outcome: VerificationOutcome) {
  const name = typeof outcome.person.full_name === 'string' ? outcome.person.full_name : null;
  const personalId = typeof outcome.person.personal_id === 'string' ? outcome.person.personal_id : null;
  return { shownName: name, shownNameNorm: name === null ? null : normalizeName(name), shownPersonalId: personalId };
}

/** The read a verification makes of the person it identified, by what was scanned. */
const VERIFY_ACTIONS = {
  identity_qr: 'credential.verify.identity_qr', card_qr: 'credential.verify.card_qr', chip: 'credential.verify.chip', wallet: 'credential.verify.wallet',
} as const satisfies Record<VerificationMethod, AuditAction>;

interface LogItem {
  row: VerificationInsert;
  audit: AuditEntry | null;
  claim?: TokenClaim;
  /** Set by the batch when another counter claimed the token first. */
  replayed: boolean;
}

/**
 * Each verification is a row in `verifications` and an entry in the audit chain, committed together in
 * groups; an identity QR seen for the first time is claimed for its relying party in the same
 * transaction, and one already claimed by another counter turns the verification into a replay.
 *
 * The entry is the verification's own, not the route's declared action (access.ts `RouteSpec.audit`):
 * its action depends on what was scanned, a scan that identifies nobody has none, and lodging's
 * declarations verify guests inside their own audited write.
 */
export function createVerificationLog(db: Db, store: Pick<ReturnType<typeof createCredentialStore>, 'claimTokens' | 'insertVerifications'>) {
  const write = async (tx: Transaction, items: LogItem[]): Promise<AuditEntry[]> => {
    // Decided afresh on each call: a group that failed is written again member by member (GroupCommit).
    const claiming = items.filter((i) => i.claim);
    const owners = claiming.length ? await store.claimTokens(tx, claiming.map((i) => i.claim!)) : new Map<string, number>();
    for (const i of items) i.replayed = !!i.claim && owners.get(i.claim.jti) !== i.claim.relyingPartyId;
    await store.insertVerifications(items.map((i) => (i.replayed
      ? { ...i.row, result: 'invalid' as const, reason: 'VERIFY_QR_REPLAYED', reasonText: message('VERIFY_QR_REPLAYED'), fields: [], shownName: null, shownNameNorm: null, shownPersonalId: null }
      : i.row)), tx);
    return items.flatMap((i) => (i.audit && !i.replayed ? [i.audit] : []));
  };
  const log = new GroupCommit<LogItem>(db, async (tx: Transaction, items) => {
    // A group that identified somebody takes the audit chain first, with its BEGIN (one round trip fewer
    // than a BEGIN of its own before the claims); one that identified nobody never takes it.
    if (items.some((i) => i.audit)) await appendAuditAfter(tx, () => write(tx, items));
    else await write(tx, items);
  });

  return {
    /**
     * Logs a verification and answers what the counter sees: the finding's outcome, or "replayed" with
     * nothing shown when another counter claimed the identity QR first.
     */
    async record(verifier: VerifierCaller, rp: RelyingPartyRow, finding: Finding, verifiedAt: string): Promise<VerificationOutcome> {
      const outcome = outcomeOf(finding, rp, verifiedAt);
      const personId = finding.holder?.personId ?? null;
      const personalId = finding.holder?.personalId ?? null;
      // The chip's own face (DG2) is shown to the counter too when it can be drawn: listed like any field shown.
      const fields = [...(finding.fields ?? Object.keys(outcome.person)), ...(outcome.chipFace?.dataUrl ? [CHIP_FACE_FIELD] : [])];
      const item: LogItem = {
        claim: finding.claim,
        replayed: false,
        row: {
          relyingPartyId: Number(rp.id), staffId: verifier.staffId, method: outcome.method, personId,
          result: outcome.valid ? 'valid' : 'invalid', reason: outcome.reasons[0]?.code ?? null, reasonText: outcome.reasons[0]?.message ?? null, fields, purpose: rp.purpose,
          personalId, ...shownOf(outcome),
        },
        // A person identified is a read of their registry record, even when the answer shows no field; so is
        // a lookup of an unsigned card's number, found or not (both do the same work: card-qr-oracle.test.ts).
        audit: personalId
          ? {
            actorKind: verifier.staffId ? 'officer' : 'system', actorId: verifier.staffId ? String(verifier.staffId) : `rp:${rp.code}`, actorName: rp.name,
            action: VERIFY_ACTIONS[outcome.method], subjectKind: 'person', subjectId: personalId, fields, purpose: rp.purpose, requestId: currentContext()?.requestId,
          }
          : null,
      };
      await log.add(item);
      // The route declares one of the verification actions (`{ oneOf }`): a scan that shows nobody owes none.
      if (!item.audit || item.replayed) identifiedNobody();
      return item.replayed ? { ...outcome, valid: false, reasons: [reason('VERIFY_QR_REPLAYED')], person: {}, withheld: [] } : outcome;
    },

    drain: () => log.drain(),
  };
}

export type VerificationLog = ReturnType<typeof createVerificationLog>;
