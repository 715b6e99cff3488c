import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Wire format of wallet documents: an SD-JWT VC (RFC 9901 SD-JWT; draft-ietf-oauth-sd-jwt-vc) in
 * compact form `<issuer JWT>~<disclosure>~…~<disclosure>~`, ES256, header `{typ, kid, alg}` only,
 * `_sd_alg` sha-256, no key binding. Everything here is strict and never throws on input.
 */
export const SD_JWT_VC_TYP = 'dc+sd-jwt';
export const STATUS_LIST_TYP = 'statuslist+jwt';
export const HASH_ALG = 'sha-256';
/** Anything longer is refused before decoding. The largest document, fully disclosed, is under it. */
export const MAX_PRESENTATION_LENGTH = 8192;
/** Far more than any type has claims: refuses a flood of disclosures before hashing them. */
export const MAX_DISCLOSURES = 32;
export { CLOCK_SKEW_SECONDS } from '../identity-qr-format.js';

const B64U = /^[A-Za-z0-9_-]+$/;
const DIGEST = /^[A-Za-z0-9_-]{43}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const isDigest = (v: unknown): v is string => typeof v === 'string' && DIGEST.test(v);

/** base64url → UTF-8 → JSON, refusing bad alphabet, impossible lengths and invalid UTF-8. */
export function decodeJsonPart(part: string): unknown {
  if (!B64U.test(part) || part.length % 4 === 1) return undefined;
  try {
    return JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    return undefined;
  }
}

export const b64uJson = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function sha256B64u(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('base64url');
}

export function signEs256(data: string, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(data, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

function verifyEs256(data: string, signature: string, key: KeyObject): boolean {
  if (signature.length !== 86 || !B64U.test(signature)) return false;
  const bytes = Buffer.from(signature, 'base64url');
  // The last character carries 2 unused bits: only the canonical spelling is accepted, so a token has one form.
  if (bytes.toString('base64url') !== signature) return false;
  try {
    return verify('sha256', Buffer.from(data, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, bytes);
  } catch {
    return false;
  }
}

/** Published verification keys: a map by kid (as `loadCredentialKeys` gives) or a JWKS document. */
export type VerificationKeys = ReadonlyMap<string, KeyObject> | { keys: readonly unknown[] };

/** A JWKS as a map by kid, keeping only P-256 signing keys; anything else in the set is skipped. */
export function toKeyMap(keys: VerificationKeys): ReadonlyMap<string, KeyObject> {
  if (keys instanceof Map) return keys;
  const map = new Map<string, KeyObject>();
  const list = (keys as { keys?: unknown }).keys;
  if (!Array.isArray(list)) return map;
  for (const jwk of list) {
    if (!isObject(jwk) || typeof jwk.kid !== 'string' || jwk.kty !== 'EC' || jwk.crv !== 'P-256') continue;
    if ((jwk.alg !== undefined && jwk.alg !== 'ES256') || (jwk.use !== undefined && jwk.use !== 'sig') || 'd' in jwk) continue;
    try {
      map.set(jwk.kid, createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string }, format: 'jwk' }));
    } catch {
      // a broken entry in a published set is not ours to repair
    }
  }
  return map;
}

export type JwsProblem = 'MALFORMED' | 'WRONG_TYPE' | 'UNKNOWN_KEY' | 'SIGNATURE_INVALID';
export type JwsCheck = { ok: true; kid: string; payload: Record<string, unknown> } | { ok: false; problem: JwsProblem };

/**
 * A compact JWS, ES256, with exactly `{alg, typ, kid}` in its header and `typ` as given: the
 * header first (a token of another type is WRONG_TYPE, not a bad signature), then the key, the
 * signature, and only then the payload is decoded.
 */
export function checkJws(jws: string, typ: string, keys: ReadonlyMap<string, KeyObject>): JwsCheck {
  const parts = jws.split('.');
  if (parts.length !== 3) return { ok: false, problem: 'MALFORMED' };
  const [head, body, signature] = parts;
  if (!B64U.test(body)) return { ok: false, problem: 'MALFORMED' };
  const header = decodeJsonPart(head);
  if (!isObject(header)) return { ok: false, problem: 'MALFORMED' };
  if (header.typ !== typ) return { ok: false, problem: 'WRONG_TYPE' };
  if (header.alg !== 'ES256' || typeof header.kid !== 'string' || Object.keys(header).length !== 3) return { ok: false, problem: 'MALFORMED' };
  const key = keys.get(header.kid);
  if (!key) return { ok: false, problem: 'UNKNOWN_KEY' };
  if (!verifyEs256(`${head}.${body}`, signature, key)) return { ok: false, problem: 'SIGNATURE_INVALID' };
  const payload = decodeJsonPart(body);
  if (!isObject(payload)) return { ok: false, problem: 'MALFORMED' };
  return { ok: true, kid: header.kid, payload };
}

export interface CompactSdJwt {
  jwt: string;
  disclosures: string[];
  /** The key-binding JWT after the last `~`; empty when there is none. */
  kbJwt: string;
}

/** Splits `jwt~d1~…~dn~[kb]`. Undefined when it is not that shape at all. */
export function splitSdJwt(text: string): CompactSdJwt | undefined {
  const parts = text.split('~');
  if (parts.length < 2 || parts.length > MAX_DISCLOSURES + 2) return undefined;
  const jwt = parts[0];
  const kbJwt = parts[parts.length - 1];
  const disclosures = parts.slice(1, -1);
  if (disclosures.some((d) => !B64U.test(d))) return undefined;
  return { jwt, disclosures, kbJwt };
}

export interface Disclosure {
  encoded: string;
  digest: string;
  salt: string;
  claim: string;
  value: unknown;
}

/** `[salt, name, value]`; array-element disclosures (`[salt, value]`) are not used by any type. */
export function parseDisclosure(encoded: string): Disclosure | undefined {
  const item = decodeJsonPart(encoded);
  if (!Array.isArray(item) || item.length !== 3) return undefined;
  const [salt, claim, value] = item;
  if (typeof salt !== 'string' || salt.length < 16 || salt.length > 64 || typeof claim !== 'string') return undefined;
  return { encoded, digest: sha256B64u(encoded), salt, claim, value };
}
