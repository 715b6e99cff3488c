// Browser-safe (jose and the format module only): a relying party checks an identity QR with the
// published JWKS and no call to the server.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { message, type MessageKey } from './messages.js';
import { IDENTITY_QR_TYP, MAX_TOKEN_LENGTH, checkIssuerAndTime, looksLikeJws, parseClaims, type IdentityClaims, type TokenProblem } from './identity-qr-format.js';
import { IDENTITY_FIELDS, type IdentityField } from './fields.js';

export interface OfflineResult {
  valid: boolean;
  /** The problem's code when not valid (the same codes as the online check, prefixed VERIFY_). */
  code: string | null;
  message: string | null;
  level: 1 | 2 | null;
  /** What the token itself discloses: only the fields the citizen chose. */
  fields: Partial<Record<IdentityField, string | boolean>>;
  issuedAt: string | null;
  expiresAt: string | null;
  /**
   * What an offline check cannot know: revocation, a locked account, a death recorded after the
   * token was issued, or the same token shown at another counter. Always present, always shown.
   */
  limits: string;
}

export interface OfflineVerifier {
  verify(text: string, now?: Date): Promise<OfflineResult>;
}

/** A verifier over a JWKS fetched earlier from `${issuer}/.well-known/jwks.json` (cache it as long as you like; refetch on VERIFY_QR_UNKNOWN_KEY). */
export function createOfflineVerifier(jwks: JSONWebKeySet, opts: { issuer: string }): OfflineVerifier {
  const keys = createLocalJWKSet(jwks);
  const known = new Set(jwks.keys.map((k) => k.kid));
  const limits = message('VERIFY_OFFLINE_LIMITS');
  const fail = (code: TokenProblem | 'QR_UNREADABLE', claims?: IdentityClaims): OfflineResult => ({
    valid: false, code: `VERIFY_${code}`, message: message(`VERIFY_${code}` as MessageKey), level: claims?.loa ?? null, fields: {},
    issuedAt: claims ? new Date(claims.iat * 1000).toISOString() : null, expiresAt: claims ? new Date(claims.exp * 1000).toISOString() : null, limits,
  });

  return {
    async verify(text, now = new Date()) {
      const scanned = text.trim();
      if (scanned.length > MAX_TOKEN_LENGTH || !looksLikeJws(scanned)) return fail('QR_UNREADABLE');
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(scanned);
      } catch {
        return fail('QR_MALFORMED');
      }
      if (header.alg !== 'ES256' || header.typ !== IDENTITY_QR_TYP || typeof header.kid !== 'string') return fail('QR_MALFORMED');
      if (!known.has(header.kid)) return fail('QR_UNKNOWN_KEY');
      let payload: Uint8Array;
      try {
        ({ payload } = await compactVerify(scanned, keys, { algorithms: ['ES256'] }));
      } catch {
        return fail('QR_SIGNATURE_INVALID');
      }
      let claims: IdentityClaims | undefined;
      try {
        claims = parseClaims(JSON.parse(new TextDecoder().decode(payload)));
      } catch {
        claims = undefined;
      }
      if (!claims) return fail('QR_MALFORMED');
      const problem = checkIssuerAndTime(claims, opts.issuer, now.getTime());
      if (problem) return fail(problem, claims);
      const fields: Partial<Record<IdentityField, string | boolean>> = {};
      for (const f of IDENTITY_FIELDS) if (claims[f] !== undefined) fields[f] = claims[f];
      return {
        valid: true, code: null, message: null, level: claims.loa, fields,
        issuedAt: new Date(claims.iat * 1000).toISOString(), expiresAt: new Date(claims.exp * 1000).toISOString(), limits,
      };
    },
  };
}
