import { createHmac } from 'node:crypto';
import type { Queryable } from '../../platform/db.js';
import { DomainError } from './errors.js';

export interface ThrottleSettings {
  /** Attempts allowed in a row before each further one has to wait. */
  freeAttempts: number;
  /** The first wait (seconds); it doubles with each attempt after it. */
  backoffSeconds: number;
  maxBackoffSeconds: number;
  /** Attempts older than this are forgotten. */
  windowMinutes: number;
}

/**
 * Whose attempts are counted: an officer's username or a citizen's personal ID, known to us or not.
 * A citizen's password-reset requests count apart from their sign-ins (`citizen-reset`): someone who
 * asks for codes in another person's name slows down only those requests, never that person's sign-in.
 */
export type ThrottleKey = { kind: 'officer'; username: string } | { kind: 'citizen' | 'citizen-reset'; personalId: string };

/** Spreads the clean-up of forgotten rows over sign-ins instead of a timer of its own. */
const PRUNE_EVERY = 500;

/**
 * Exponential back-off per account name, the same rule for officers and citizens (tested in
 * login-throttle.test.ts). An attempt is counted before its password is checked, so a burst of
 * parallel guesses cannot all slip in before the first failure is recorded; a success resets the
 * count. While an account name waits, attempts are refused unchecked and do not lengthen the wait,
 * so failures sent by someone else delay the owner by at most the current back-off, never lock them out.
 * Names are kept as an HMAC: the table holds no personal ID and no mistyped password.
 */
export function createLoginThrottle(db: Queryable, secret: string, settings: ThrottleSettings) {
  const keyHash = (key: ThrottleKey) =>
    createHmac('sha256', secret).update(key.kind === 'officer' ? `officer:${normaliseUsername(key.username)}` : `${key.kind}:${key.personalId.trim()}`).digest('hex');
  let sincePrune = 0;

  const attempts = `CASE WHEN t.last_attempt_at < now() - make_interval(mins => $2) THEN 1 ELSE t.attempts + 1 END`;
  // The exponent stops at 30: a patient attacker's thousandth failure must not overflow float8 into a 500.
  const blockedAfter = (n: string) =>
    `CASE WHEN ${n} >= $3 THEN now() + make_interval(secs => least($5::float8, $4::float8 * power(2, least(${n} - $3, 30)))) END`;
  const CLAIM = `
    INSERT INTO login_throttle AS t (key_hash, attempts, last_attempt_at, blocked_until)
    VALUES ($1, 1, now(), ${blockedAfter('1')})
    ON CONFLICT (key_hash) DO UPDATE SET
      attempts = ${attempts}, last_attempt_at = now(), blocked_until = ${blockedAfter(attempts)}
    WHERE t.blocked_until IS NULL OR t.blocked_until <= now()
    RETURNING attempts`;

  async function prune() {
    if (++sincePrune < PRUNE_EVERY) return;
    sincePrune = 0;
    await db.query(`DELETE FROM login_throttle WHERE last_attempt_at < now() - make_interval(mins => $1)`, [settings.windowMinutes]);
  }

  return {
    /** Counts one attempt, or refuses it with the seconds to wait (ACCOUNT_LOCKED, 429, Retry-After). */
    async claim(key: ThrottleKey): Promise<void> {
      const hash = keyHash(key);
      const s = settings;
      const r = await db.query(CLAIM, [hash, s.windowMinutes, s.freeAttempts, s.backoffSeconds, s.maxBackoffSeconds]);
      await prune();
      if (r.rows.length) return;
      const wait = await db.query<{ seconds: number | string | null }>(
        `SELECT ceil(extract(epoch FROM blocked_until - now())) AS seconds FROM login_throttle WHERE key_hash = $1`, [hash]);
      throw new DomainError('ACCOUNT_LOCKED', { seconds: Math.max(1, Number(wait.rows[0]?.seconds ?? 1)) });
    },
    /**
     * Takes back the attempt just claimed, which succeeded but is not the end of the sign-in (a
     * citizen's right password, before the second factor): it neither counts nor makes the next step wait.
     */
    async release(key: ThrottleKey): Promise<void> {
      await db.query(`UPDATE login_throttle SET attempts = greatest(attempts - 1, 0), blocked_until = NULL WHERE key_hash = $1`, [keyHash(key)]);
    },
    /** After a completed sign-in: the count starts again from zero. */
    async reset(key: ThrottleKey): Promise<void> {
      await db.query('DELETE FROM login_throttle WHERE key_hash = $1', [keyHash(key)]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/** "Canbo.Xa " and "canbo.xa" wait together: a variant of a name is no way around its back-off. */
function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
