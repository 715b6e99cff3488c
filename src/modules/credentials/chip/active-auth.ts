import { constants, publicDecrypt, verify, type KeyObject } from 'node:crypto';
import { digest, publicKeyFromSpki, type HashName } from './algorithms.js';
import { childrenOf, decodeBer, hasTag, TAG_CLASS } from './der.js';
import { ChipInputError, parseOrThrow } from './errors.js';
import type { ChipMessageCode } from './messages.js';

/** DG15 is application tag 15 (0x6F) holding the chip's SubjectPublicKeyInfo (ICAO 9303-10 §4.7.15). */
const DG15_TAG = 15;

/** Parses DG15 into a public key. Throws ChipInputError('DG15_MALFORMED'). */
export function parseDg15(bytes: Uint8Array): KeyObject {
  const root = decodeBer(bytes, 'DG15_MALFORMED');
  if (!hasTag(root, TAG_CLASS.application, DG15_TAG)) throw new ChipInputError('DG15_MALFORMED', {}, 'DG15 must start with tag 0x6F');
  const [spki] = childrenOf(root);
  const key = spki ? parseOrThrow('DG15_MALFORMED', () => publicKeyFromSpki(new Uint8Array(spki.valueBeforeDecodeView))) : null;
  if (!key) throw new ChipInputError('DG15_MALFORMED', {}, 'no loadable SubjectPublicKeyInfo');
  return key;
}

export interface ActiveAuthResult {
  valid: boolean;
  code: ChipMessageCode;
  params: Record<string, unknown>;
}

/**
 * Active Authentication (ICAO 9303-11 §6.1): the chip signs the verifier's challenge (RND.IFD,
 * 8 bytes) with the private key whose public key is in DG15.
 *
 * The caller must have issued the challenge itself and use it once; a replayed signature over
 * an old challenge proves nothing.
 */
export function verifyActiveAuthentication(publicKey: KeyObject, challenge: Uint8Array, signature: Uint8Array): ActiveAuthResult {
  const type = publicKey.asymmetricKeyType;
  const valid = type === 'ec' ? verifyEcdsa(publicKey, challenge, signature) : type === 'rsa' ? verifyIso9796Rsa(publicKey, challenge, signature) : null;
  if (valid === null) return { valid: false, code: 'AA_ALGORITHM_UNSUPPORTED', params: { algorithm: type ?? 'không rõ' } };
  return valid ? { valid: true, code: 'AA_VALID', params: {} } : { valid: false, code: 'AA_SIGNATURE_INVALID', params: {} };
}

/**
 * ECDSA AA: the hash is named in DG14's ActiveAuthenticationInfo, which this API does not
 * receive, so the hash matching the curve size is tried first, then the other ICAO hashes.
 * ICAO prescribes the plain r‖s signature format (BSI TR-03111); DER is accepted as well.
 */
function verifyEcdsa(publicKey: KeyObject, challenge: Uint8Array, signature: Uint8Array): boolean {
  const curve = publicKey.asymmetricKeyDetails?.namedCurve ?? '';
  const preferred: HashName = /384/.test(curve) ? 'sha384' : /521|512/.test(curve) ? 'sha512' : 'sha256';
  const hashes: HashName[] = [preferred, ...(['sha256', 'sha384', 'sha512', 'sha224', 'sha1'] as const).filter((h) => h !== preferred)];
  const encoding = signature[0] === 0x30 ? (['der', 'ieee-p1363'] as const) : (['ieee-p1363'] as const);
  for (const hash of hashes) {
    for (const dsaEncoding of encoding) {
      try {
        if (verify(hash, challenge, { key: publicKey, dsaEncoding }, signature)) return true;
      } catch {
        // A signature of the wrong length for this encoding: try the next one.
      }
    }
  }
  return false;
}

/** ISO/IEC 10118-3 hash identifiers used in the ISO 9796-2 trailer 'xx CC'. */
const ISO9796_HASHES: Record<number, HashName> = { 0x33: 'sha1', 0x34: 'sha256', 0x35: 'sha512', 0x36: 'sha384', 0x38: 'sha224' };
const HASH_LENGTHS: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/**
 * RSA AA (ICAO 9303-11 §6.1.2.2): ISO/IEC 9796-2 digital signature scheme 1 with partial message
 * recovery. Opening the signature with the public key gives
 * F = 0x6A ‖ M1 ‖ H(M1 ‖ challenge) ‖ trailer, where the trailer is 0xBC (SHA-1) or
 * <hash id> 0xCC. M1 is the chip's nonce, recovered from F.
 */
function verifyIso9796Rsa(publicKey: KeyObject, challenge: Uint8Array, signature: Uint8Array): boolean {
  let f: Buffer;
  try {
    f = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  if (f.length < 2 || f[0] !== 0x6a) return false;
  let hash: HashName | undefined;
  let trailerLength: number;
  if (f[f.length - 1] === 0xbc) {
    hash = 'sha1';
    trailerLength = 1;
  } else if (f[f.length - 1] === 0xcc) {
    hash = ISO9796_HASHES[f[f.length - 2]];
    trailerLength = 2;
  } else {
    return false;
  }
  if (!hash) return false;
  const digestEnd = f.length - trailerLength;
  const digestStart = digestEnd - HASH_LENGTHS[hash];
  if (digestStart <= 1) return false;
  const m1 = f.subarray(1, digestStart);
  return digest(hash, m1, challenge).equals(f.subarray(digestStart, digestEnd));
}
