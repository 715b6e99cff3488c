// Browser-safe: the identity QR's format, shared by the server and the offline verifier.
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

export type TokenProblem = 'QR_MALFORMED' | 'QR_UNKNOWN_KEY' | 'QR_SIGNATURE_INVALID' | 'QR_EXPIRED' | 'QR_NOT_YET_VALID' | 'QR_WRONG_ISSUER';
export type TokenCheck = { ok: true; kid: string; claims: IdentityClaims } | { ok: false; code: TokenProblem };

const B64U = /^[A-Za-z0-9_-]+$/;
const JTI = /^[A-Za-z0-9_-]{16,64}$/;

/** Does the text look like a compact JWS at all (three base64url parts)? Cheap, for routing a scan. */
export function looksLikeJws(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 3 && parts.every((p) => p.length > 0 && B64U.test(p));
}

export function isObject(v: unknown): v is Record<string, unknown> {
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


/** Issuer and time window, after the signature: the same rule online and offline. */
export function checkIssuerAndTime(claims: IdentityClaims, issuer: string, nowMs: number): TokenProblem | null {
  if (claims.iss !== issuer) return 'QR_WRONG_ISSUER';
  const now = Math.floor(nowMs / 1000);
  if (claims.iat > now + CLOCK_SKEW_SECONDS) return 'QR_NOT_YET_VALID';
  if (claims.exp <= now - CLOCK_SKEW_SECONDS) return 'QR_EXPIRED';
  return null;
}
