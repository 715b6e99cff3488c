import { createHmac } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { uniqueViolation, type Db } from '../../platform/db.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from './errors.js';
import type { CitizenCaller } from '../../platform/access.js';
import { maskPersonalId } from '../registry/index.js';
import { createCitizenStore, type PasskeyRow } from './citizen-store.js';
import { OTP_TTL_MINUTES } from './otp.js';

const RP_NAME = 'da06 — Định danh điện tử';
const TIMEOUT_MS = OTP_TTL_MINUTES * 60_000;
/** Enough for a phone, a laptop and a few security keys; more is a sign of something wrong. */
export const MAX_PASSKEYS = 10;

export interface PasskeyDeps {
  db: Db;
  /** Master key: derives the opaque WebAuthn user handle from the account id. */
  secretKey: string;
  /** The configured public URL (publicUrl(config)): its host is the RP ID and its origin the only accepted one. */
  publicUrl: string;
}

export interface PasskeyView {
  id: string;
  label: string | null;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function view(p: PasskeyRow): PasskeyView {
  return { id: String(p.id), label: p.label, transports: p.transports ?? [], createdAt: iso(p.created_at)!, lastUsedAt: iso(p.last_used_at) };
}

/**
 * Passkeys (WebAuthn) of citizens: registration from the signed-in portal, and the check of an
 * assertion during sign-in. Whatever the browser sends that the library cannot verify is a 400
 * PASSKEY_INVALID, never a 500.
 */
export function createCitizenPasskeys(deps: PasskeyDeps) {
  const { db } = deps;
  const citizens = createCitizenStore(db);
  const url = new URL(deps.publicUrl);
  const rpID = url.hostname;
  const origin = url.origin;
  /** An opaque, stable user handle: the authenticator never learns the account id or the personal ID. */
  const userHandle = (accountId: number) => new Uint8Array(createHmac('sha256', deps.secretKey).update(`citizen-passkey-user:${accountId}`).digest().subarray(0, 32));

  return {
    rpID,
    origin,

    async hasPasskey(accountId: number): Promise<boolean> {
      return (await citizens.countPasskeys(accountId)) > 0;
    },

    async list(caller: CitizenCaller): Promise<PasskeyView[]> {
      return (await citizens.listPasskeys(caller.accountId)).map(view);
    },

    /** Registration options; the challenge waits on the account (one at a time, single use). */
    async registrationOptions(caller: CitizenCaller) {
      const existing = await citizens.listPasskeys(caller.accountId);
      if (existing.length >= MAX_PASSKEYS) throw new DomainError('PASSKEY_LIMIT', { max: MAX_PASSKEYS });
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID,
        userName: caller.personalId,
        userDisplayName: maskPersonalId(caller.personalId),
        userID: userHandle(caller.accountId),
        timeout: TIMEOUT_MS,
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await citizens.setPasskeyChallenge(caller.accountId, options.challenge, OTP_TTL_MINUTES);
      return options;
    },

    /** Checks the authenticator's answer to the pending options and stores the credential (audited). */
    async register(caller: CitizenCaller, response: RegistrationResponseJSON, label: string | undefined, requestId?: string): Promise<PasskeyView> {
      const account = await citizens.findAccountById(caller.accountId);
      const expected = account?.passkey_challenge;
      // Used up before the check: a challenge answers one registration attempt, right or wrong.
      if (!expected || !(await citizens.consumePasskeyChallenge(caller.accountId, expected))) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
      const info = await verifyRegistrationResponse({ response, expectedChallenge: expected, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false })
        .then((r) => (r.verified ? r.registrationInfo : undefined), () => undefined);
      if (!info) throw new DomainError('PASSKEY_INVALID');
      const transports = (response.response.transports ?? info.credential.transports ?? []).filter((t) => typeof t === 'string').slice(0, 8);
      const cleanLabel = label?.trim() || null;
      try {
        const id = await db.transaction(async (tx) => {
          const newId = await citizens.insertPasskey({
            accountId: caller.accountId, credentialId: info.credential.id, publicKey: info.credential.publicKey, counter: info.credential.counter, transports, label: cleanLabel,
          }, tx);
          await appendAudit(tx, [{
            actorKind: 'citizen', actorId: String(caller.accountId), action: 'citizen.passkey.register', subjectKind: 'person', subjectId: caller.personalId,
            fields: ['passkey'], purpose: `Đăng ký khóa truy cập${cleanLabel ? ` "${cleanLabel}"` : ''}`, requestId,
          }]);
          return newId;
        });
        return view((await citizens.listPasskeys(caller.accountId)).find((p) => Number(p.id) === id)!);
      } catch (err) {
        if (uniqueViolation(err) !== undefined) throw new DomainError('PASSKEY_ALREADY_REGISTERED');
        throw err;
      }
    },

    async remove(caller: CitizenCaller, id: string, requestId?: string): Promise<void> {
      if (!/^\d{1,18}$/.test(id)) throw new DomainError('PASSKEY_NOT_FOUND');
      await db.transaction(async (tx) => {
        const removed = await citizens.deletePasskey(tx, caller.accountId, Number(id));
        if (!removed) throw new DomainError('PASSKEY_NOT_FOUND');
        await appendAudit(tx, [{
          actorKind: 'citizen', actorId: String(caller.accountId), action: 'citizen.passkey.remove', subjectKind: 'person', subjectId: caller.personalId,
          fields: ['passkey'], purpose: `Xóa khóa truy cập${removed.label ? ` "${removed.label}"` : ''}`, requestId,
        }]);
      });
    },

    /** Authentication options for a sign-in challenge: only this account's credentials are allowed. */
    async authenticationOptions(accountId: number) {
      const passkeys = await citizens.listPasskeys(accountId);
      if (!passkeys.length) throw new DomainError('FACTOR_NOT_AVAILABLE');
      return generateAuthenticationOptions({
        rpID,
        timeout: TIMEOUT_MS,
        userVerification: 'preferred',
        allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports })),
      });
    },

    /**
     * True when the assertion answers `expectedChallenge` with a credential of this account and a
     * signature counter that moved forward (stored atomically, so the same counter never wins twice).
     */
    async assertionAccepted(accountId: number, expectedChallenge: string | null, response: AuthenticationResponseJSON): Promise<boolean> {
      if (!expectedChallenge) return false;
      const passkey = await citizens.findPasskey(accountId, response.id);
      if (!passkey) return false;
      const stored = Number(passkey.counter);
      let newCounter: number;
      try {
        const result = await verifyAuthenticationResponse({
          response,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: false,
          credential: { id: passkey.credential_id, publicKey: new Uint8Array(Buffer.from(passkey.public_key_b64, 'base64')), counter: stored, transports: passkey.transports },
        });
        if (!result.verified) return false;
        newCounter = result.authenticationInfo.newCounter;
      } catch {
        return false;
      }
      return citizens.usePasskey(Number(passkey.id), stored, newCounter);
    },
  };
}

export type CitizenPasskeys = ReturnType<typeof createCitizenPasskeys>;
