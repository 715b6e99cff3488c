import { message, type MessageKey } from '../messages.js';
import type { RelyingPartyRow } from '../store.js';
import type { Reason, VerificationOutcome } from '../schema.js';

export type VerificationMethod = VerificationOutcome['method'];

/** The outcome's own parts; `outcomeOf` fills in the rest. */
export type OutcomeParts = Partial<Omit<VerificationOutcome, 'method' | 'verifiedAt' | 'relyingParty'>>;

/** The person a verification identified, for the log and the audit entry (personId null: the number names nobody living). */
export interface Holder {
  personId: number | null;
  personalId: string;
}

/** An identity QR seen for the first time: claimed for this relying party when the verification commits. */
export interface TokenClaim {
  jti: string;
  relyingPartyId: number;
}

/** What one verification found, before it is logged (verify/log.ts). */
export interface Finding {
  method: VerificationMethod;
  outcome: OutcomeParts;
  /** Whom it identified; none means no audit entry. */
  holder?: Holder | null;
  /** What was shown (default: the outcome's person fields). */
  fields?: string[];
  claim?: TokenClaim;
}

export const reason = (code: MessageKey, params?: Record<string, unknown>): Reason => ({ code, message: message(code, params) });

/**
 * A step found that what was scanned identifies nobody: the verification stops there, is logged
 * without a holder (so without an audit entry) and shows these reasons with the parts known so far.
 */
export class Rejection extends Error {
  constructor(readonly reasons: Reason[], readonly parts: OutcomeParts = {}) {
    super(reasons[0]?.code);
  }
}

/** The reasons that apply, in the order of the checks. */
export const reasonsOf = (...checks: (Reason | null)[]): Reason[] => checks.filter((r): r is Reason => r !== null);

/**
 * Runs a verification's steps; a Rejection thrown by any of them becomes its finding. `common` are the
 * parts every outcome of the method carries (the printed QR's notice).
 */
export async function runSteps(method: VerificationMethod, steps: () => Promise<Omit<Finding, 'method'>>, common: OutcomeParts = {}): Promise<Finding> {
  try {
    const found = await steps();
    return { ...found, method, outcome: { ...common, ...found.outcome } };
  } catch (err) {
    if (!(err instanceof Rejection)) throw err;
    return { method, outcome: { ...common, ...err.parts, reasons: err.reasons } };
  }
}

/** The whole outcome a counter sees. */
export function outcomeOf(finding: Finding, rp: RelyingPartyRow, verifiedAt: string): VerificationOutcome {
  return {
    method: finding.method, valid: false, reasons: [], level: null, person: {}, withheld: [], issuedAt: null, expiresAt: null,
    verifiedAt, relyingParty: { name: rp.name, purpose: rp.purpose }, registry: null, notice: null, checks: null, chipFace: null, document: null,
    ...finding.outcome,
  };
}
