import { createHash, randomBytes } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { DomainError } from '../errors.js';
import type { SigningKey } from '../identity-qr.js';
import { HASH_ALG, MAX_PRESENTATION_LENGTH, signEs256 } from './format.js';
import { isHttpUri, type StatusReference } from './document.js';
import { SPECS, VALIDITY, type DocumentInputs, type DocumentType } from './types.js';
import { addMonths, endOfVietnamDay, validateDocumentInput, vietnamDay, type ValidatedClaims } from './validate.js';

export interface IssueOptions {
  /** The current credential key (`loadCredentialKeys(...).current`): ES256, P-256. */
  signer: SigningKey;
  /** `iss`: the platform's public URL, the same as the identity QR's. */
  issuer: string;
  /** Where this document's revocation bit lives: the status list token's URI and an index from `allocateStatusIndex`. */
  status: StatusReference;
  now: Date;
}

/** SHA-256 for the SD-JWT library (digests of disclosures); no other algorithm is accepted. */
export function sdHasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg !== HASH_ALG) throw new Error(`unsupported _sd_alg ${alg}`);
  return createHash('sha256').update(typeof data === 'string' ? Buffer.from(data, 'utf8') : new Uint8Array(data)).digest();
}

/** Seconds since the epoch when a document of this type, issued at `iat`, stops being valid. */
export function expiryOf(type: DocumentType, claims: ValidatedClaims, iat: number): number {
  switch (type) {
    case 'certified-copy':
    case 'result-birth-extract': {
      const d = new Date(iat * 1000);
      d.setUTCFullYear(d.getUTCFullYear() + (type === 'certified-copy' ? VALIDITY.certifiedCopyYears : VALIDITY.resultYears));
      return Math.floor(d.getTime() / 1000);
    }
    case 'result-criminal-record':
    case 'result-residence-confirmation':
      return endOfVietnamDay(addMonths(claims.issue_date as string, VALIDITY.freshResultMonths)) - 86400;
    case 'health-insurance':
      return Math.min(endOfVietnamDay(claims.valid_to as string), iat + VALIDITY.healthInsuranceMaxDays * 86400);
    case 'judicial-record':
      // valid while today < issue date + 6 months: ends as that day starts in Vietnam
      return endOfVietnamDay(addMonths(claims.issue_date as string, VALIDITY.judicialRecordMonths)) - 86400;
  }
}

function checkOptions({ signer, issuer, status }: IssueOptions) {
  const k = signer.privateKey;
  if (k.type !== 'private' || k.asymmetricKeyType !== 'ec' || k.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new TypeError('wallet documents are signed with an ES256 (P-256) private key');
  if (!signer.kid || signer.kid.length > 100) throw new TypeError('signing key needs a kid');
  if (!isHttpUri(issuer)) throw new TypeError(`issuer must be an http(s) URL: ${issuer}`);
  if (!isHttpUri(status.uri) || !Number.isSafeInteger(status.idx) || status.idx < 0) throw new TypeError('status needs an http(s) uri and a non-negative index');
}

/**
 * Issues a wallet document as an SD-JWT VC (typ dc+sd-jwt). The request is validated strictly first
 * (a DomainError VALIDATION_FAILED lists every field problem in Vietnamese). Every claim about the
 * person is a separate disclosure; decoy digests pad `_sd` to the same length for every document of
 * a type, so the token does not tell which optional fields a document has.
 *
 * No holder binding (`cnf`): citizens present through the da06 portal, which holds no device key
 * that could sign a key-binding JWT; verification refuses any document or presentation that has one.
 */
export async function issueDocument<T extends DocumentType>(type: T, input: DocumentInputs[T], opts: IssueOptions): Promise<string> {
  checkOptions(opts);
  const validation = validateDocumentInput(type, input, vietnamDay(opts.now));
  if (!validation.ok) throw new DomainError('VALIDATION_FAILED', {}, validation.errors);
  const { claims } = validation;
  const spec = SPECS[type];
  const iat = Math.floor(opts.now.getTime() / 1000);
  const selective = spec.claims.filter((c) => c.disclosure === 'selective');
  const payload: Record<string, unknown> = {
    iss: opts.issuer,
    iat,
    exp: expiryOf(type, claims, iat),
    vct: spec.vct,
    status: { status_list: { idx: opts.status.idx, uri: opts.status.uri } },
  };
  for (const c of spec.claims) if (claims[c.claim] !== undefined) payload[c.claim] = claims[c.claim];
  const disclosed = selective.filter((c) => claims[c.claim] !== undefined).map((c) => c.claim);

  const sdjwt = new SDJwtVcInstance({
    signer: (data) => signEs256(data, opts.signer.privateKey),
    signAlg: 'ES256',
    hasher: sdHasher,
    hashAlg: HASH_ALG,
    saltGenerator: (length) => randomBytes(length).toString('base64url'),
  });
  const frame = { _sd: disclosed, _sd_decoy: selective.length - disclosed.length };
  const token = await sdjwt.issue(payload as { vct: string }, frame as never, { header: { kid: opts.signer.kid } });
  // MAX_CLAIM_BYTES keeps every valid document under the limit; reaching this is a catalogue bug.
  if (token.length > MAX_PRESENTATION_LENGTH) throw new Error(`wallet document of ${token.length} characters exceeds ${MAX_PRESENTATION_LENGTH}`);
  return token;
}
