import { sign, verify, type KeyObject } from 'node:crypto';
import { checkIssuerAndTime, isObject, looksLikeJws, parseClaims, IDENTITY_QR_TYP, MAX_TOKEN_LENGTH, type IdentityClaims, type TokenCheck } from './identity-qr-format.js';

export * from './identity-qr-format.js';

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
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
  const problem = checkIssuerAndTime(claims, opts.issuer, opts.now ?? Date.now());
  return problem ? { ok: false, code: problem } : { ok: true, kid: header.kid, claims };
}
