import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { generateSigningKey } from '../../platform/crypto.js';
import { signIdentityToken, type IdentityClaims } from './identity-qr.js';
import { createOfflineVerifier } from './offline-verifier.js';

const ISSUER = 'https://da06.dongthap.gov.vn';
const pair = generateSigningKey('ES256');
const other = generateSigningKey('ES256');
const key = { kid: pair.privateJwk.kid, privateKey: createPrivateKey({ key: pair.privateJwk as JsonWebKey, format: 'jwk' }) };
const jwks = { keys: [pair.publicJwk as never] };
const verifier = createOfflineVerifier(jwks, { issuer: ISSUER });
const now = Math.floor(Date.now() / 1000);
const claims = (extra: Partial<IdentityClaims> = {}): IdentityClaims =>
  ({ iss: ISSUER, jti: 'AAAAAAAAAAAAAAAAAAAAAA', iat: now, exp: now + 90, loa: 2, full_name: 'Nguyễn Văn An', age_over_18: true, ...extra });

describe('offline verification of an identity QR', () => {
  it('a fresh token is valid and shows what it carries, with the limits of an offline check', async () => {
    const r = await verifier.verify(signIdentityToken(claims(), key));
    expect(r).toMatchObject({ valid: true, level: 2, fields: { full_name: 'Nguyễn Văn An', age_over_18: true } });
    expect(r.limits).toMatch(/không biết được mã đã bị thu hồi/);
  });

  it('refuses expired, future, foreign-issuer, unknown-key and tampered tokens with the online codes', async () => {
    const cases: [string, string][] = [
      [signIdentityToken(claims({ iat: now - 600, exp: now - 300 }), key), 'VERIFY_QR_EXPIRED'],
      [signIdentityToken(claims({ iat: now + 600, exp: now + 700 }), key), 'VERIFY_QR_NOT_YET_VALID'],
      [signIdentityToken(claims({ iss: 'https://gia-mao.example' }), key), 'VERIFY_QR_WRONG_ISSUER'],
      [signIdentityToken(claims(), { kid: other.privateJwk.kid, privateKey: createPrivateKey({ key: other.privateJwk as JsonWebKey, format: 'jwk' }) }), 'VERIFY_QR_UNKNOWN_KEY'],
      [signIdentityToken(claims(), { kid: key.kid, privateKey: createPrivateKey({ key: other.privateJwk as JsonWebKey, format: 'jwk' }) }), 'VERIFY_QR_SIGNATURE_INVALID'],
      ['001099012345||Nguyễn Văn An|15031999|Nam|Hà Nội|20052021', 'VERIFY_QR_UNREADABLE'],
    ];
    for (const [token, code] of cases) {
      const r = await verifier.verify(token);
      expect(r.valid, code).toBe(false);
      expect(r.code).toBe(code);
      expect(r.message).toBeTruthy();
    }
    const [h, p, s] = signIdentityToken(claims(), key).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ full_name: 'Kẻ Giả Mạo' }))).toString('base64url');
    expect((await verifier.verify(`${h}.${forged}.${s}`)).code).toBe('VERIFY_QR_SIGNATURE_INVALID');
    expect((await verifier.verify(`${h}.${p}.${s}`)).valid).toBe(true);
  });

  it('never throws on arbitrary input, and never calls it valid', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 3000 }), fc.array(fc.base64String(), { minLength: 3, maxLength: 3 }).map((a) => a.join('.'))), async (text) => {
      const r = await verifier.verify(text);
      expect(r.valid).toBe(false);
    }), { numRuns: 300 });
  });
});
