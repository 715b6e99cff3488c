import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { DomainError } from '../errors.js';
import { walletMessage } from './messages.js';
import { SD_JWT_VC_TYP, decodeJsonPart, isObject, splitSdJwt } from './format.js';
import { isoFromSeconds, labelClaims, openDisclosures, readPayload, type LabelledClaim, type StatusReference } from './document.js';
import { sdHasher } from './issue.js';
import { SPECS, type DocumentType } from './types.js';

export interface DecodedDocument {
  type: DocumentType;
  vct: string;
  typeLabel: string;
  issuer: string;
  issuedAt: string;
  expiresAt: string;
  status: StatusReference;
  /** Every claim the document holds, in catalogue order, with whether the citizen may withhold it. */
  claims: Record<string, LabelledClaim & { disclosure: 'always' | 'selective' }>;
}

/**
 * The citizen's own view of a document they hold (all claims, labelled). It reads the document as
 * strictly as a verifier does but checks no signature: it is for documents from da06's own store.
 * Throws when the text is not a readable wallet document.
 */
export function decodeDocument(sdJwt: string): DecodedDocument {
  const parts = splitSdJwt(sdJwt.trim());
  const [head, body] = parts?.jwt.split('.') ?? [];
  const header = head ? decodeJsonPart(head) : undefined;
  const payload = body ? decodeJsonPart(body) : undefined;
  if (!parts || parts.kbJwt !== '' || !isObject(header) || header.typ !== SD_JWT_VC_TYP || !isObject(payload)) throw new Error('not a wallet document');
  const doc = readPayload(payload);
  if (!doc.ok) throw new Error(`not a readable wallet document: ${doc.code}`);
  const opened = openDisclosures(doc.value, parts.disclosures);
  if (!opened.ok) throw new Error(`not a readable wallet document: ${opened.code}`);
  const { spec, iss, iat, exp, status, shown } = doc.value;
  const labelled = labelClaims(spec, new Map([...shown, ...opened.value]));
  const claims: DecodedDocument['claims'] = {};
  for (const c of spec.claims) if (labelled[c.claim]) claims[c.claim] = { ...labelled[c.claim], disclosure: c.disclosure };
  return { type: spec.type, vct: spec.vct, typeLabel: spec.label, issuer: iss, issuedAt: isoFromSeconds(iat), expiresAt: isoFromSeconds(exp), status, claims };
}

/**
 * A presentation of a held document showing only the chosen claims (plus the always-shown ones):
 * the issuer-signed JWT with just the chosen disclosures, `jwt~d1~…~dn~`, no key binding. A chosen
 * claim the type does not have is a VALIDATION_FAILED on field `claims`; one the type has but this
 * document lacks (an optional field left empty) is skipped.
 */
export async function presentDocument(sdJwt: string, chosenClaims: readonly string[]): Promise<string> {
  const doc = decodeDocument(sdJwt);
  const known = new Set(SPECS[doc.type].claims.map((c) => c.claim));
  const unknown = chosenClaims.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new DomainError('VALIDATION_FAILED', {}, unknown.map((claim) => ({
      field: 'claims', code: 'WALLET_FIELD_CLAIM_UNKNOWN', message: walletMessage('WALLET_FIELD_CLAIM_UNKNOWN', { claim }),
    })));
  }
  const frame = Object.fromEntries(chosenClaims.filter((c) => doc.claims[c]?.disclosure === 'selective').map((c) => [c, true]));
  return new SDJwtVcInstance({ hasher: sdHasher }).present(sdJwt.trim(), frame);
}
