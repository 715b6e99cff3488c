import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** One-time codes sent by text message: 6 digits, 5 minutes, single use, at most 5 tries. */
export const OTP_TTL_MINUTES = 5;
export const OTP_MAX_ATTEMPTS = 5;

export function newOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Unguessable handle of a registration or a sign-in challenge (128 bits). */
export function newChallengeId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Codes are stored as an HMAC bound to their challenge: a read of the table yields neither the code
 * nor a hash that could be replayed against another challenge.
 */
export function otpHasher(key: string) {
  const digest = (challengeId: string, code: string) => createHmac('sha256', key).update(`${challengeId}:${code}`).digest();
  return {
    hash: (challengeId: string, code: string) => digest(challengeId, code).toString('hex'),
    matches(challengeId: string, code: string, storedHex: string | null): boolean {
      if (!storedHex || !/^\d{6}$/.test(code)) return false;
      const stored = Buffer.from(storedHex, 'hex');
      const given = digest(challengeId, code);
      return stored.length === given.length && timingSafeEqual(stored, given);
    },
  };
}

export type OtpHasher = ReturnType<typeof otpHasher>;
