import { describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { totpVault } from './totp.js';
import { otpHasher } from './otp.js';

describe('authenticator secrets at rest', () => {
  const vault = totpVault('k'.repeat(40));

  it('encrypts the secret, bound to its account and to the master key', () => {
    const { secret, sealed } = vault.create(7, 'label');
    expect(sealed).not.toContain(secret);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    expect(vault.matchStep(7, sealed, code)).toBe(Math.floor(Date.now() / 30_000));
    expect(() => vault.matchStep(8, sealed, code)).toThrow();
    expect(() => totpVault('z'.repeat(40)).matchStep(7, sealed, code)).toThrow();
  });

  it('accepts one step of clock drift and no more', () => {
    const { secret, sealed } = vault.create(1, 'label');
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const now = Date.now();
    expect(vault.matchStep(1, sealed, totp.generate({ timestamp: now - 30_000 }), now)).not.toBeNull();
    expect(vault.matchStep(1, sealed, totp.generate({ timestamp: now + 90_000 }), now)).toBeNull();
    expect(vault.matchStep(1, sealed, 'abcdef', now)).toBeNull();
  });
});

describe('one-time codes', () => {
  it('are stored as an HMAC bound to their challenge', () => {
    const h = otpHasher('secret');
    const stored = h.hash('c1', '123456');
    expect(stored).not.toContain('123456');
    expect(h.matches('c1', '123456', stored)).toBe(true);
    expect(h.matches('c2', '123456', stored)).toBe(false);
    expect(h.matches('c1', '123457', stored)).toBe(false);
    expect(h.matches('c1', '123456', null)).toBe(false);
  });
});
