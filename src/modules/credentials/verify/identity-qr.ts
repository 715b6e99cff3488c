import { todayInVietnam } from '../../../platform/time.js';
import type { RelyingPartyRow, TokenSubjectRow } from '../store.js';
import type { CredentialKeys } from '../keys.js';
import { checkIdentityToken, type IdentityClaims } from '../identity-qr.js';
import { IDENTITY_FIELDS, PORTRAIT_FIELD, fieldValues, pick } from '../fields.js';
import { Rejection, reason, reasonsOf, runSteps, type Finding, type OutcomeParts, type TokenClaim } from './finding.js';

export interface IdentityQrSteps {
  /** `iss` the token must carry. */
  issuer: string;
  /** The verification keys; `reload` reads them again (another node may have rotated). */
  keys: (reload?: boolean) => Promise<CredentialKeys>;
  tokenSubject: (jti: string) => Promise<TokenSubjectRow | undefined>;
  /** The registry's portrait as a data URL (the verification's audit entry lists `photo` when shown). */
  portrait: (personId: number) => Promise<string | null>;
}

/**
 * An identity QR (signed token) scanned at a counter. Once the token names its citizen, every check
 * runs and the counter sees all the reasons together; fields are shown only when none applies.
 */
export function verifyIdentityQr(deps: IdentityQrSteps, rp: RelyingPartyRow, text: string): Promise<Finding> {
  return runSteps('identity_qr', async () => {
    const claims = await checkSignature(deps, text);
    const token = tokenTimes(claims);
    const subject = await loadTokenSubject(deps, claims, token);
    const level = Number(subject.level) as 1 | 2;
    const reasons = reasonsOf(
      rejectIfReplayed(subject, rp),
      rejectIfAccountLocked(subject),
      rejectIfDeceased(subject),
      checkLevel(level, rp),
    );
    const valid = reasons.length === 0;
    return {
      outcome: { ...token, level, valid, reasons, ...(valid ? await discloseAllowedFields(deps, subject, rp) : {}) },
      holder: { personId: Number(subject.person_id), personalId: subject.personal_id },
      claim: claimIfFirst(subject, claims, rp),
    };
  });
}

/** The token's signature, issuer and times; an unknown key is looked up once more. */
async function checkSignature(deps: IdentityQrSteps, text: string): Promise<IdentityClaims> {
  let check = checkIdentityToken(text, (await deps.keys()).verification, { issuer: deps.issuer });
  if (!check.ok && check.code === 'QR_UNKNOWN_KEY') check = checkIdentityToken(text, (await deps.keys(true)).verification, { issuer: deps.issuer });
  if (!check.ok) throw new Rejection([reason(`VERIFY_${check.code}`)]);
  return check.claims;
}

/** What the token itself says, shown even when it names nobody any more. */
function tokenTimes(claims: IdentityClaims): OutcomeParts {
  return { issuedAt: new Date(claims.iat * 1000).toISOString(), expiresAt: new Date(claims.exp * 1000).toISOString(), level: claims.loa };
}

/** The citizen the token was issued to, as the registry has them now; a token no longer stored was revoked. */
async function loadTokenSubject(deps: IdentityQrSteps, claims: IdentityClaims, token: OutcomeParts): Promise<TokenSubjectRow> {
  const subject = await deps.tokenSubject(claims.jti);
  if (!subject) throw new Rejection([reason('VERIFY_QR_REVOKED')], token);
  return subject;
}

const firstRelyingParty = (subject: TokenSubjectRow) => (subject.first_relying_party_id === null ? null : Number(subject.first_relying_party_id));

/** Another counter verified this QR before (the log decides races between counters: verify/log.ts). */
function rejectIfReplayed(subject: TokenSubjectRow, rp: RelyingPartyRow) {
  const owner = firstRelyingParty(subject);
  return owner !== null && owner !== Number(rp.id) ? reason('VERIFY_QR_REPLAYED') : null;
}

function rejectIfAccountLocked(subject: TokenSubjectRow) {
  return subject.status !== 'active' ? reason('VERIFY_ACCOUNT_LOCKED') : null;
}

function rejectIfDeceased(subject: TokenSubjectRow) {
  return subject.date_of_death ? reason('VERIFY_PERSON_DECEASED') : null;
}

function checkLevel(level: number, rp: RelyingPartyRow) {
  return level < Number(rp.min_level) ? reason('VERIFY_LEVEL_TOO_LOW', { level: rp.min_level }) : null;
}

/** Shown: what the purpose allows and the citizen chose, from the registry as it is now (the portrait read only then). */
async function discloseAllowedFields(deps: IdentityQrSteps, subject: TokenSubjectRow, rp: RelyingPartyRow): Promise<OutcomeParts> {
  const shown = rp.allowed_fields.filter((f) => subject.fields.includes(f));
  const photo = shown.includes(PORTRAIT_FIELD) ? await deps.portrait(Number(subject.person_id)) : null;
  const values = fieldValues({ personalId: subject.personal_id, fullName: subject.full_name, dateOfBirth: subject.date_of_birth, sex: subject.sex, address: subject.address, photo }, todayInVietnam());
  return {
    person: pick(values, shown),
    withheld: IDENTITY_FIELDS.filter((f) => rp.allowed_fields.includes(f) && !subject.fields.includes(f)),
  };
}

/** A token no counter has verified yet is claimed for this one when the verification commits. */
function claimIfFirst(subject: TokenSubjectRow, claims: IdentityClaims, rp: RelyingPartyRow): TokenClaim | undefined {
  return firstRelyingParty(subject) === null ? { jti: claims.jti, relyingPartyId: Number(rp.id) } : undefined;
}
