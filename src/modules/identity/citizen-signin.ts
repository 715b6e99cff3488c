import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { uniqueViolation, type Db } from '../../platform/db.js';
import { currentContext, runAs } from '../../platform/context.js';
import { audited, type AuditWriter } from '../../platform/audit.js';
import { DomainError, fieldError } from './errors.js';
import { message } from './messages.js';
import type { CitizenCaller } from '../../platform/access.js';
import { isPersonName, maskPersonalId, type RegistryService } from '../registry/index.js';
import { hashPassword, type IdentityService } from './service.js';
import { createCitizenStore, type CitizenAccountRow } from './citizen-store.js';
import { maskPhone, type MessageSender } from './outbox.js';
import { newChallengeId, newOtpCode, otpHasher, OTP_MAX_ATTEMPTS, OTP_TTL_MINUTES } from './otp.js';
import { totpVault } from './totp.js';
import { createCitizenPasskeys } from './citizen-passkeys.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';

export const PASSWORD_MIN_LENGTH = 10;
/** Codes a single sign-in challenge may send (the first one and two resends). */
const MAX_CODES_PER_CHALLENGE = 3;

export type SecondFactor = 'otp' | 'totp' | 'passkey';

export interface CitizenSignInDeps {
  db: Db;
  audit: AuditWriter;
  identity: IdentityService;
  registry: RegistryService;
  sender: MessageSender;
  /** Master key (secretKey(config)): keys the code HMAC and the authenticator-secret encryption. */
  secretKey: string;
  /** The configured public URL (publicUrl(config)): RP ID and origin of passkeys. */
  publicUrl: string;
}

export interface RegistrationInput {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  phone: string;
}

const registrationText = (code: string) => message('SMS_REGISTRATION_CODE', { code, minutes: OTP_TTL_MINUTES });
const signInText = (code: string) => message('SMS_SIGN_IN_CODE', { code, minutes: OTP_TTL_MINUTES });

/** The second factors of an account, the strongest first (the first one is proposed first). */
export function factorsOf(account: Pick<CitizenAccountRow, 'totp_secret_enc'>, hasPasskey = false): SecondFactor[] {
  const factors: SecondFactor[] = hasPasskey ? ['passkey'] : [];
  if (account.totp_secret_enc) factors.push('totp');
  factors.push('otp');
  return factors;
}

export interface VerifyInput {
  challengeId: string;
  method: SecondFactor;
  code?: string;
  response?: AuthenticationResponseJSON;
}

/** The password rules of registration, reset and change (field errors on `field`). */
export function checkPasswordStrength(password: string, personalId: string, field = 'password'): void {
  const errors = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) errors.push(fieldError(field, 'PASSWORD_TOO_SHORT', { min: PASSWORD_MIN_LENGTH }));
  if (password.replace(/\D/g, '').includes(personalId)) errors.push(fieldError(field, 'PASSWORD_CONTAINS_ID'));
  if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
}

function rejectIfLocked(account: CitizenAccountRow): void {
  if (account.status === 'locked') throw new DomainError('CITIZEN_ACCOUNT_LOCKED', { reason: account.locked_reason ?? 'liên hệ cơ quan công an cấp xã' });
}

/** Registration (level 1), sign-in with a second factor, and the authenticator app. */
export function createCitizenSignIn(deps: CitizenSignInDeps) {
  const { db, audit, identity, registry, sender } = deps;
  const citizens = createCitizenStore(db);
  const codes = otpHasher(deps.secretKey);
  const vault = totpVault(deps.secretKey);
  const passkeys = createCitizenPasskeys(deps);
  const factorsFor = async (account: CitizenAccountRow) => factorsOf(account, await passkeys.hasPasskey(Number(account.id)));
  // Verifying against a fixed hash when the ID is unknown keeps the timing the same: no enumeration.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));

  /** Sends a sign-in code; the new code and its audit entry commit together (`action` is the route's). */
  async function sendChallengeCode(challengeId: string, account: CitizenAccountRow) {
    const code = newOtpCode();
    await db.transaction(async (tx) => {
      await citizens.setChallengeCode(challengeId, codes.hash(challengeId, code), tx);
      await audited(tx, { subjectKind: 'person', subjectId: account.personal_id });
    });
    await sender.send(account.phone, signInText(code));
    return maskPhone(account.phone);
  }

  /** A TOTP code of the right step that was never accepted before. */
  async function totpAccepted(account: CitizenAccountRow, code: string): Promise<boolean> {
    if (!account.totp_secret_enc) throw new DomainError('FACTOR_NOT_AVAILABLE');
    const step = vault.matchStep(Number(account.id), account.totp_secret_enc, code);
    return step !== null && (await citizens.acceptTotpStep(Number(account.id), step));
  }

  async function loadLiveChallenge(challengeId: string) {
    const ch = await citizens.findChallenge(challengeId, OTP_MAX_ATTEMPTS);
    if (!ch || !ch.live) throw new DomainError('OTP_EXPIRED');
    const account = await citizens.findAccountById(Number(ch.account_id));
    if (!account) throw new DomainError('OTP_EXPIRED');
    return { ch, account };
  }

  return {
    /**
     * Step 1 of registration: the declaration must match a living person of the registry who has no
     * account yet. Every refusal is the same REGISTRATION_MISMATCH, and nothing is sent then.
     */
    async startRegistration(input: RegistrationInput) {
      // The shape of a name says nothing about the registry, so it may be refused with its own field error.
      if (!isPersonName(input.fullName)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('fullName', 'NAME_CHARACTERS')]);
      const facts = await registry.unsafeMatchForAccount(input, { actorKind: 'citizen', actorId: 'registration', requestId: currentContext()?.requestId });
      if (!facts || facts.deceased || !facts.phone) throw new DomainError('REGISTRATION_MISMATCH');
      const phone = facts.phone;
      if (await citizens.findAccountByPersonId(facts.personId)) throw new DomainError('REGISTRATION_MISMATCH');
      const id = newChallengeId();
      const code = newOtpCode();
      return runAs({ kind: 'citizen', id: 'registration' }, async () => {
        await db.transaction(async (tx) => {
          await citizens.insertRegistration({
            id, personId: facts.personId, personalId: facts.personalId, phone, codeHash: codes.hash(id, code), ttlMinutes: OTP_TTL_MINUTES,
          }, tx);
          await audited(tx, { subjectKind: 'person', subjectId: facts.personalId, fields: ['phone'] });
        });
        await sender.send(phone, registrationText(code));
        return { registrationId: id, sentTo: maskPhone(phone), expiresInSeconds: OTP_TTL_MINUTES * 60 };
      });
    },

    /** Step 2: the code from the phone and a password; creates the level-1 account and opens a session. */
    async confirmRegistration(registrationId: string, input: { code: string; password: string }, userAgent: string | null) {
      const reg = await citizens.findRegistration(registrationId, OTP_MAX_ATTEMPTS);
      if (!reg || !reg.live) throw new DomainError('OTP_EXPIRED');
      checkPasswordStrength(input.password, reg.personal_id);
      if (!codes.matches(reg.id, input.code, reg.code_hash)) {
        await citizens.countRegistrationAttempt(reg.id);
        throw new DomainError('OTP_INVALID');
      }
      if (await citizens.findAccountByPersonId(Number(reg.person_id))) throw new DomainError('REGISTRATION_MISMATCH');
      const passwordHash = await hashPassword(input.password);
      let accountId: number;
      try {
        accountId = await db.transaction(async (tx) => {
          if (!(await citizens.consumeRegistration(tx, reg.id))) throw new DomainError('OTP_EXPIRED');
          const id = await citizens.insertAccount({ personId: Number(reg.person_id), personalId: reg.personal_id, phone: reg.phone, passwordHash }, tx);
          await runAs({ kind: 'citizen', id: String(id) }, () => audited(tx, { subjectKind: 'person', subjectId: reg.personal_id, fields: ['personalId', 'phone', 'level'] }));
          return id;
        });
      } catch (err) {
        // Two confirmations racing for one person: the unique index decides, the loser is told nothing more.
        if (uniqueViolation(err) !== undefined) throw new DomainError('REGISTRATION_MISMATCH');
        throw err;
      }
      const session = await runAs({ kind: 'citizen', id: String(accountId) }, () => identity.createCitizenSession(accountId, userAgent));
      return { ...session, level: 1 as const };
    },

    /**
     * Sign-in, first step: the password. A wrong password and an unknown ID get the same answer, and
     * wait alike once they failed too often (the back-off is kept per ID whether it has an account or
     * not); a permanently locked account is named only after the right password.
     */
    async startSignIn(personalId: string, password: string) {
      const key = { kind: 'citizen', personalId } as const;
      await identity.loginThrottle.claim(key);
      const account = /^\d{12}$/.test(personalId) ? await citizens.findAccountByPersonalId(personalId) : undefined;
      const passwordOk = await verify(account?.password_hash ?? (await dummyHash), password).catch(() => false);
      if (!account || !passwordOk) {
        await audit.record({
          actorKind: 'citizen', actorId: account ? String(account.id) : 'unknown', action: 'citizen.login.failed',
          subjectKind: account ? 'person' : undefined, subjectId: account?.personal_id, purpose: 'Mật khẩu', requestId: currentContext()?.requestId,
        });
        throw new DomainError('CITIZEN_LOGIN_FAILED');
      }
      // The password was right: this attempt does not count, but a guessed second factor will.
      await identity.loginThrottle.release(key);
      rejectIfLocked(account);
      const factors = await factorsFor(account);
      const challengeId = newChallengeId();
      const code = factors[0] === 'otp' ? newOtpCode() : undefined;
      return runAs({ kind: 'citizen', id: String(account.id) }, async () => {
        await db.transaction(async (tx) => {
          await citizens.insertChallenge({ id: challengeId, accountId: Number(account.id), ttlMinutes: OTP_TTL_MINUTES }, tx);
          if (code) await citizens.setChallengeCode(challengeId, codes.hash(challengeId, code), tx);
          await audited(tx, { subjectKind: 'person', subjectId: account.personal_id, purpose: 'Mật khẩu' });
        });
        if (code) await sender.send(account.phone, signInText(code));
        const sentTo = code ? maskPhone(account.phone) : undefined;
        return { next: factors[0], challengeId, factors, sentTo };
      });
    },

    /** Sends (again) a text-message code for a sign-in challenge, e.g. when the authenticator app is not at hand. */
    async sendSignInCode(challengeId: string) {
      const { ch, account } = await loadLiveChallenge(challengeId);
      if (Number(ch.codes_sent) >= MAX_CODES_PER_CHALLENGE) throw new DomainError('RATE_LIMITED');
      return runAs({ kind: 'citizen', id: String(account.id) }, async () => ({ sentTo: await sendChallengeCode(ch.id, account) }));
    },

    /** Passkey options for a sign-in challenge (the password was right); the WebAuthn challenge waits on it. */
    async signInPasskeyOptions(challengeId: string) {
      const { ch, account } = await loadLiveChallenge(challengeId);
      rejectIfLocked(account);
      const options = await passkeys.authenticationOptions(Number(account.id));
      await runAs({ kind: 'citizen', id: String(account.id) }, () => db.transaction(async (tx) => {
        await citizens.setWebauthnChallenge(ch.id, options.challenge, tx);
        await audited(tx, { subjectKind: 'person', subjectId: account.personal_id, purpose: 'passkey' });
      }));
      return options;
    },

    /** Sign-in, second step: the code or the passkey's assertion; opens the session. */
    async finishSignIn(input: VerifyInput, userAgent: string | null) {
      if (input.method === 'passkey' ? !input.response : !input.code) {
        throw new DomainError('VALIDATION_FAILED', {}, [fieldError(input.method === 'passkey' ? 'response' : 'code', 'REQUIRED')]);
      }
      const { ch, account } = await loadLiveChallenge(input.challengeId);
      rejectIfLocked(account);
      // Wrong codes count like wrong passwords: guessing the second factor meets the same back-off.
      const key = { kind: 'citizen', personalId: account.personal_id } as const;
      await identity.loginThrottle.claim(key);
      const ok = input.method === 'otp' ? codes.matches(ch.id, input.code!, ch.code_hash)
        : input.method === 'totp' ? await totpAccepted(account, input.code!)
          : await passkeys.assertionAccepted(Number(account.id), ch.webauthn_challenge, input.response!);
      if (!ok) {
        await citizens.countChallengeAttempt(ch.id);
        await audit.record({
          actorKind: 'citizen', actorId: String(account.id), action: 'citizen.login.failed', subjectKind: 'person', subjectId: account.personal_id, purpose: input.method,
          requestId: currentContext()?.requestId,
        });
        throw new DomainError(input.method === 'passkey' ? 'PASSKEY_INVALID' : 'OTP_INVALID');
      }
      const session = await runAs({ kind: 'citizen', id: String(account.id) }, () => db.transaction(async (tx) => {
        if (!(await citizens.consumeChallenge(ch.id, tx))) throw new DomainError('OTP_EXPIRED');
        const opened = await identity.createCitizenSession(Number(account.id), userAgent, tx);
        await audited(tx, { subjectKind: 'person', subjectId: account.personal_id, purpose: input.method });
        return opened;
      }));
      await identity.loginThrottle.reset(key);
      return { ...session, level: Number(account.level) as 1 | 2 };
    },

    /** Starts setting up an authenticator app: a new secret, kept aside until a first code proves it. */
    async setUpTotp(caller: CitizenCaller) {
      const created = vault.create(caller.accountId, maskPersonalId(caller.personalId));
      await db.transaction(async (tx) => {
        await citizens.setTotpPending(caller.accountId, created.sealed, tx);
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId });
      });
      return { otpauthUrl: created.otpauthUrl, secret: created.secret };
    },

    async activateTotp(caller: CitizenCaller, code: string) {
      const account = await citizens.findAccountById(caller.accountId);
      const pending = account?.totp_pending_enc;
      if (!pending) throw new DomainError('TOTP_NOT_SET_UP');
      const step = vault.matchStep(caller.accountId, pending, code);
      if (step === null) throw new DomainError('OTP_INVALID');
      await db.transaction(async (tx) => {
        if (!(await citizens.activateTotp(tx, caller.accountId, pending, step))) throw new DomainError('TOTP_NOT_SET_UP');
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId });
      });
      return { factors: factorsOf({ totp_secret_enc: pending }, await passkeys.hasPasskey(caller.accountId)) };
    },

    /** The account's second factors, passkeys included (session and profile views). */
    factorsFor,

    // ---- passkeys, from the signed-in portal ----
    listPasskeys: passkeys.list,
    passkeyRegistrationOptions: passkeys.registrationOptions,
    registerPasskey: passkeys.register,
    removePasskey: passkeys.remove,
  };
}

export type CitizenSignIn = ReturnType<typeof createCitizenSignIn>;
