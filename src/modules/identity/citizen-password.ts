import { setTimeout as sleep } from 'node:timers/promises';
import { verify } from '@node-rs/argon2';
import type { Db } from '../../platform/db.js';
import { currentContext } from '../../platform/context.js';
import { audited, type AuditWriter } from '../../platform/audit.js';
import type { CitizenCaller } from '../../platform/access.js';
import { DomainError, fieldError } from './errors.js';
import { message } from './messages.js';
import { runAs } from '../../platform/context.js';
import { hashPassword, type IdentityService } from './service.js';
import { createCitizenStore } from './citizen-store.js';
import { maskPhone, type MessageSender } from './outbox.js';
import { newChallengeId, newOtpCode, otpHasher, OTP_MAX_ATTEMPTS, OTP_TTL_MINUTES } from './otp.js';
import { checkPasswordStrength } from './citizen-signin.js';

/**
 * Every answer to a reset request takes at least this long, matched or not: the one case that sends a
 * text message (a gateway round trip) is not told apart by its timing (citizen-recovery.test.ts).
 */
export const RESET_ANSWER_MIN_MS = 400;
/** Expired resets are deleted every so many requests. */
const PRUNE_EVERY = 200;

export interface CitizenPasswordDeps {
  db: Db;
  audit: AuditWriter;
  identity: IdentityService;
  sender: MessageSender;
  secretKey: string;
  /** Ends the account's single sign-on: grants, tokens and provider sessions of every connected service (none when SSO is off). */
  endSso: (accountId: number) => Promise<void>;
}

/** The phone as the registry keeps it: digits, spaces, dots and dashes dropped, +84 written 0. */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[\s.()-]/g, '');
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
}

const resetText = (code: string) => message('SMS_PASSWORD_RESET_CODE', { code, minutes: OTP_TTL_MINUTES });

/** Forgot password (a code to the registered phone, then a new password) and change password. */
export function createCitizenPasswords(deps: CitizenPasswordDeps) {
  const { db, audit, identity, sender } = deps;
  const citizens = createCitizenStore(db);
  const codes = otpHasher(deps.secretKey);
  let sincePrune = 0;

  /** Ends every session of the account but `keep`: the portal's at once, then the connected services'. */
  async function endSessionsAfterCommit(accountId: number) {
    identity.forgetCitizenSessions(accountId);
    await deps.endSso(accountId);
  }

  async function claimResetRequest(personalId: string) {
    try {
      await identity.loginThrottle.claim({ kind: 'citizen-reset', personalId });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'ACCOUNT_LOCKED') throw new DomainError('PASSWORD_RESET_LIMITED', err.params);
      throw err;
    }
  }

  return {
    /**
     * Step 1 of a reset: a personal ID and the phone registered with the account. The answer is the
     * same whatever they match (a new reset handle, the phone as typed, masked), in shape and in
     * timing; the code is sent only when both match an active account. Requests count per personal
     * ID apart from sign-ins (`citizen-reset`), so asking in someone's name never slows their sign-in.
     */
    async startPasswordReset(input: { personalId: string; phone: string }) {
      const started = Date.now();
      const personalId = input.personalId.trim();
      const phone = normalisePhone(input.phone);
      await claimResetRequest(personalId);
      const account = await citizens.findAccountByPersonalId(personalId);
      const matched = account && account.status === 'active' && account.phone === phone ? account : undefined;
      const id = newChallengeId();
      const code = matched ? newOtpCode() : undefined;
      await runAs({ kind: 'citizen', id: 'password-reset' }, () => db.transaction(async (tx) => {
        await citizens.insertPasswordReset({
          id, accountId: matched ? Number(matched.id) : null, personalId, codeHash: code ? codes.hash(id, code) : null, ttlMinutes: OTP_TTL_MINUTES,
        }, tx);
        await audited(tx, {
          subjectKind: 'person', subjectId: personalId, fields: ['personalId', 'phone'],
          purpose: matched ? 'Khôi phục mật khẩu: thông tin khớp, đã gửi mã xác thực' : 'Khôi phục mật khẩu: không có tài khoản khớp, không gửi mã',
        });
      }));
      // The text message is waited for only until the answer's minimum time: a slow or failing gateway must
      // not make a matching pair answer later or differently than any other (a failed send leaves the
      // citizen without a code; they ask again).
      const sending = matched && code ? sender.send(matched.phone, resetText(code)).then(() => undefined, () => undefined) : Promise.resolve();
      if (++sincePrune >= PRUNE_EVERY) {
        sincePrune = 0;
        await citizens.prunePasswordResets();
      }
      await Promise.race([sending, sleep(Math.max(0, RESET_ANSWER_MIN_MS - (Date.now() - started)))]);
      const left = RESET_ANSWER_MIN_MS - (Date.now() - started);
      if (left > 0) await sleep(left);
      return { resetId: id, sentTo: maskPhone(phone), expiresInSeconds: OTP_TTL_MINUTES * 60 };
    },

    /**
     * Step 2: the code and a new password (the rules of registration). A reset that matched nothing
     * answers exactly as a wrong code does. After it, every session of the citizen has ended: the
     * portal's and those of the services connected by single sign-on.
     */
    async confirmPasswordReset(resetId: string, input: { code: string; password: string }) {
      const reset = await citizens.findPasswordReset(resetId, OTP_MAX_ATTEMPTS);
      if (!reset || !reset.live) throw new DomainError('OTP_EXPIRED');
      checkPasswordStrength(input.password, reset.personal_id);
      // Each try is counted before the code is compared, in one statement that refuses once the tries are used
      // up: guesses sent at the same moment cannot all pass a check made before any of them was counted.
      if (!(await citizens.claimPasswordResetAttempt(reset.id, OTP_MAX_ATTEMPTS))) throw new DomainError('OTP_EXPIRED');
      const account = reset.account_id === null ? undefined : await citizens.findAccountById(Number(reset.account_id));
      if (!account || account.status !== 'active' || !codes.matches(reset.id, input.code, reset.code_hash)) throw new DomainError('OTP_INVALID');
      const passwordHash = await hashPassword(input.password);
      const accountId = Number(account.id);
      await runAs({ kind: 'citizen', id: String(accountId) }, () => db.transaction(async (tx) => {
        if (!(await citizens.consumePasswordReset(tx, reset.id))) throw new DomainError('OTP_EXPIRED');
        await citizens.setPasswordHash(tx, accountId, passwordHash);
        await citizens.cancelPasswordResets(tx, accountId);
        const ended = await citizens.revokeSessionsExcept(tx, accountId, null);
        await audited(tx, {
          subjectKind: 'person', subjectId: account.personal_id, fields: ['password', 'sessions'],
          purpose: `Đặt lại mật khẩu bằng mã gửi tới số điện thoại đã đăng ký; ${ended} phiên đăng nhập đã kết thúc`,
        });
      }));
      await endSessionsAfterCommit(accountId);
      // The phone proved who this is: earlier failed sign-ins and reset requests no longer make them wait.
      await identity.loginThrottle.reset({ kind: 'citizen', personalId: account.personal_id });
      await identity.loginThrottle.reset({ kind: 'citizen-reset', personalId: account.personal_id });
    },

    /**
     * Signed in: the current password and a new one. Wrong current passwords meet the sign-in
     * back-off (a stolen session cannot guess its way to the password); the citizen's other sessions
     * end, the one changing it stays.
     */
    async changePassword(caller: CitizenCaller, input: { currentPassword: string; newPassword: string }) {
      checkPasswordStrength(input.newPassword, caller.personalId, 'newPassword');
      if (input.newPassword === input.currentPassword) {
        throw new DomainError('VALIDATION_FAILED', {}, [fieldError('newPassword', 'PASSWORD_UNCHANGED')]);
      }
      const key = { kind: 'citizen', personalId: caller.personalId } as const;
      await identity.loginThrottle.claim(key);
      const account = await citizens.findAccountById(caller.accountId);
      if (!account) throw new DomainError('UNAUTHENTICATED');
      if (!(await verify(account.password_hash, input.currentPassword).catch(() => false))) {
        await audit.record({
          actorKind: 'citizen', actorId: String(caller.accountId), action: 'citizen.login.failed', subjectKind: 'person', subjectId: caller.personalId,
          purpose: 'Đổi mật khẩu: mật khẩu hiện tại không đúng', requestId: currentContext()?.requestId,
        });
        throw new DomainError('VALIDATION_FAILED', {}, [fieldError('currentPassword', 'PASSWORD_WRONG')]);
      }
      await identity.loginThrottle.reset(key);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await citizens.setPasswordHash(tx, caller.accountId, passwordHash);
        await citizens.cancelPasswordResets(tx, caller.accountId);
        const ended = await citizens.revokeSessionsExcept(tx, caller.accountId, caller.sessionId);
        await audited(tx, {
          subjectKind: 'person', subjectId: caller.personalId, fields: ['password', 'sessions'],
          purpose: `Đổi mật khẩu; ${ended} phiên đăng nhập khác đã kết thúc`,
        });
      });
      await endSessionsAfterCommit(caller.accountId);
    },
  };
}

export type CitizenPasswords = ReturnType<typeof createCitizenPasswords>;
