import { sign, verify, type KeyObject } from 'node:crypto';
import { IDENTITY_FIELDS, type IdentityField } from './fields.js';

/**
 * The identity QR is a compact JWS (RFC 7515), ES256, `typ` below, carrying only the fields the
 * citizen chose plus who issued it, when, until when, the account's assurance level (`loa`) and a
 * random `jti` the server resolves to the account. About 400 characters: a version 15–17 QR at
 * error-correction level M, which a phone camera reads at arm's length.
 */
export const IDENTITY_QR_TYP = 'da06-id+jwt';
/** Anything longer is not ours: refused before decoding. */
export const MAX_TOKEN_LENGTH = 2048;
/** Grace after the refresh interval, so a QR scanned as it refreshes still verifies. */
export const QR_GRACE_SECONDS = 30;
/** Allowed clock difference between the citizen's phone, the server and a verifier. */
export const CLOCK_SKEW_SECONDS = 30;

export interface IdentityClaims extends Partial<Record<IdentityField, string | boolean>> {
  iss: string;
  jti: string;
  iat: number;
  exp: number;
  loa: 1 | 2;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

const b64u = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export function signIdentityToken(claims: IdentityClaims, key: SigningKey): string {
  const head = b64u(JSON.stringify({ alg: 'ES256', typ: IDENTITY_QR_TYP, kid: key.kid }));
  const body = b64u(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${signature.toString('base64url')}`;
}

export type TokenProblem = 'QR_MALFORMED' | 'QR_UNKNOWN_KEY' | 'QR_SIGNATURE_INVALID' | 'QR_EXPIRED' | 'QR_NOT_YET_VALID' | 'QR_WRONG_ISSUER';
export type TokenCheck = { ok: true; kid: string; claims: IdentityClaims } | { ok: false; code: TokenProblem };

const B64U = /^[A-Za-z0-9_-]+$/;
const JTI = /^[A-Za-z0-9_-]{16,64}$/;

/** Does the text look like a compact JWS at all (three base64url parts)? Cheap, for routing a scan. */
export function looksLikeJws(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 3 && parts.every((p) => p.length > 0 && B64U.test(p));
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strict shape of the payload: known claims only, each of its type. */
export function parseClaims(value: unknown): IdentityClaims | undefined {
  if (!isObject(value)) return undefined;
  const { iss, jti, iat, exp, loa } = value;
  if (typeof iss !== 'string' || iss.length > 200) return undefined;
  if (typeof jti !== 'string' || !JTI.test(jti)) return undefined;
  if (!Number.isInteger(iat) || !Number.isInteger(exp) || (exp as number) <= (iat as number)) return undefined;
  if (loa !== 1 && loa !== 2) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (['iss', 'jti', 'iat', 'exp', 'loa'].includes(k)) continue;
    if (!(IDENTITY_FIELDS as readonly string[]).includes(k)) return undefined;
    if (k === 'age_over_18' ? typeof v !== 'boolean' : typeof v !== 'string' || v.length > 300) return undefined;
  }
  return value as unknown as IdentityClaims;
}

/**
 * Checks a token's form, key, signature, issuer and time window. Never throws: anything wrong is a
 * problem code. `keys` holds every published verification key by kid (current and retired).
 */
export function checkIdentityToken(text: string, keys: ReadonlyMap<string, KeyObject>, opts: { issuer: string; now?: number }): TokenCheck {
  if (text.length > MAX_TOKEN_LENGTH || !looksLikeJws(text)) return { ok: false, code: 'QR_MALFORMED' };
  const [head, body, sig] = text.split('.');
  const header = decodeJson(head);
  if (!isObject(header) || header.alg !== 'ES256' || header.typ !== IDENTITY_QR_TYP || typeof header.kid !== 'string' || Object.keys(header).length !== 3) {
    return { ok: false, code: 'QR_MALFORMED' };
  }
  const key = keys.get(header.kid);
  if (!key) return { ok: false, code: 'QR_UNKNOWN_KEY' };
  const signature = Buffer.from(sig, 'base64url');
  if (signature.length !== 64) return { ok: false, code: 'QR_SIGNATURE_INVALID' };
  if (!verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    return { ok: false, code: 'QR_SIGNATURE_INVALID' };
  }
  const claims = parseClaims(decodeJson(body));
  if (!claims) return { ok: false, code: 'QR_MALFORMED' };
  if (claims.iss !== opts.issuer) return { ok: false, code: 'QR_WRONG_ISSUER' };
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (claims.iat > now + CLOCK_SKEW_SECONDS) return { ok: false, code: 'QR_NOT_YET_VALID' };
  if (claims.exp <= now - CLOCK_SKEW_SECONDS) return { ok: false, code: 'QR_EXPIRED' };
  return { ok: true, kid: header.kid, claims };
}
