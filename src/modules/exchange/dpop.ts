import { createHash } from 'node:crypto';
import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify } from 'jose';
import { DomainError } from './errors.js';
import { message } from './messages.js';

/** How far a proof's `iat` may be from now, either way (seconds); its `jti` is remembered this long. */
export const DPOP_WINDOW_S = 60;
/** Algorithms a proof may be signed with (the provider's token endpoint accepts the same). */
export const DPOP_ALGS = ['ES256', 'EdDSA', 'Ed25519'];

export interface ProofTarget { method: string; url: string }

/** The URL a proof must name: scheme, host and path of the request, without query or fragment (RFC 9449 §4.3). */
export function normalizedHtu(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/**
 * Checks a DPoP proof (RFC 9449 §4.3) presented with an access token: a `dpop+jwt` signed by the key in its own
 * header, for this method and URL, recent, bound to this token (`ath`) and to the key the token was issued for
 * (`jkt`); returns the proof's `jti` for the replay check the caller makes.
 */
export async function checkDpopProof(proof: string, token: string, jkt: string, target: ProofTarget, nowS: number): Promise<{ jti: string }> {
  const invalid = (reason: string) => new DomainError('EXCHANGE_DPOP_INVALID', { reason });
  let payload;
  let header;
  try {
    if (decodeProtectedHeader(proof).typ !== 'dpop+jwt') throw invalid(message('DPOP_TYP'));
    ({ payload, protectedHeader: header } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGS }));
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw invalid(message('DPOP_SIGNATURE'));
  }
  if (typeof payload.jti !== 'string' || !payload.jti || payload.jti.length > 200) throw invalid(message('DPOP_JTI'));
  if (typeof payload.iat !== 'number' || Math.abs(nowS - payload.iat) > DPOP_WINDOW_S) throw invalid(message('DPOP_IAT'));
  const htu = typeof payload.htu === 'string' ? normalizedHtu(payload.htu) : undefined;
  if (payload.htm !== target.method || htu === undefined || htu !== normalizedHtu(target.url)) {
    throw new DomainError('EXCHANGE_DPOP_WRONG_TARGET');
  }
  if (payload.ath !== createHash('sha256').update(token).digest('base64url')) throw invalid(message('DPOP_ATH'));
  if ((await calculateJwkThumbprint(header.jwk!, 'sha256')) !== jkt) throw invalid(message('DPOP_KEY'));
  return { jti: payload.jti };
}
