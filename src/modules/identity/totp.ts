import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'da06';
const PERIOD = 30;

/**
 * Authenticator-app secrets, encrypted at rest with AES-256-GCM under a key derived (HKDF-SHA256)
 * from the master key. The account id is the additional data, so a ciphertext copied onto another
 * account does not decrypt.
 */
export function totpVault(masterKey: string) {
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'da06', 'citizen-totp-secret', 32));

  function encrypt(accountId: number, secretBase32: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`citizen:${accountId}`));
    const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  function decrypt(accountId: number, sealed: string): string {
    const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`citizen:${accountId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  const totpOf = (secretBase32: string, label = '') =>
    new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

  return {
    /** A fresh 160-bit secret, its otpauth:// URL (for the QR code) and its sealed form. */
    create(accountId: number, label: string) {
      const secret = new Secret({ size: 20 }).base32;
      return { secret, otpauthUrl: totpOf(secret, label).toString(), sealed: encrypt(accountId, secret) };
    },
    /**
     * The 30-second step the code belongs to (±1 step of clock drift), or null. The caller refuses a
     * step not newer than the last accepted one, so a code is never accepted twice.
     */
    matchStep(accountId: number, sealed: string, code: string, now = Date.now()): number | null {
      if (!/^\d{6}$/.test(code)) return null;
      const delta = totpOf(decrypt(accountId, sealed)).validate({ token: code, timestamp: now, window: 1 });
      return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
    },
  };
}

export type TotpVault = ReturnType<typeof totpVault>;
