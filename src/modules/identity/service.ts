import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db, Queryable } from '../../platform/db.js';
import { audited, type AuditWriter } from '../../platform/audit.js';
import { runAs } from '../../platform/context.js';
import { DomainError, fieldError } from './errors.js';
import type { Caller, CitizenCaller, OfficerCaller, Permission, RoleTable } from '../../platform/access.js';
import { createCitizenStore } from './citizen-store.js';

/** Cookie of an officer session. */
export const OFFICER_COOKIE = 'da06_session';
/** Cookie of a citizen (e-ID) session. */
export const CITIZEN_COOKIE = 'da06_citizen';
import { createOfficerStore, type OfficerRow } from './store.js';
import { createLoginThrottle, type ThrottleSettings } from './login-throttle.js';

/** argon2id, OWASP's second profile: 19 MiB, 2 passes, 1 lane (~9 ms a verify here). */
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** The officers' password rules: as long as the citizens' (citizen-signin.ts), without the username, and new. */
export const OFFICER_PASSWORD_MIN_LENGTH = 10;

/** Field errors of an officer password (`field`: the form's field), empty when it is acceptable. */
export function officerPasswordErrors(password: string, username: string, field = 'password') {
  const errors = [];
  if ([...password].length < OFFICER_PASSWORD_MIN_LENGTH) errors.push(fieldError(field, 'PASSWORD_TOO_SHORT', { min: OFFICER_PASSWORD_MIN_LENGTH }));
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) errors.push(fieldError(field, 'PASSWORD_CONTAINS_USERNAME'));
  return errors;
}

/** A one-time password given by an administrator (creation, reset): 16 characters of base64url, 96 bits. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

export interface OfficerInput {
  username: string;
  fullName: string;
  password: string;
  role: string;
  areaCode: string;
  /** Required for rp_staff: the relying party they work for. */
  relyingPartyId?: number | null;
}

/** Creates an officer account; returns its id, or undefined when the username is taken. */
export async function createOfficerAccount(db: Db, input: OfficerInput): Promise<number | undefined> {
  return createOfficerStore(db).insert({ ...input, passwordHash: await hashPassword(input.password) });
}

/**
 * The same, for a password that was hashed earlier (a lodging facility's application, approved later, or
 * a one-time password the police hand to a facility's staff: `mustChangePassword`, replaced at first sign-in).
 */
export async function createOfficerAccountHashed(
  db: Queryable, input: Omit<OfficerInput, 'password'> & { passwordHash: string; mustChangePassword?: boolean },
): Promise<number | undefined> {
  return createOfficerStore(db).insert(input);
}

export interface IdentityOptions {
  /** Key of the HMAC under which session tokens are stored: a stolen table yields no usable token. */
  sessionSecret: string;
  sessionTtlMinutes: number;
  /** Back-off of repeated sign-in attempts per account name (officers and citizens). */
  throttle: ThrottleSettings;
  /** The deployment's roles and their permissions (src/roles.ts). */
  roles: RoleTable;
}

const SESSION_CACHE_MS = 5_000;


/** Until a one-time password is replaced, the session holds only its own (session.own: the password change). */
const ONE_TIME_PASSWORD_PERMISSIONS: readonly Permission[] = ['session.own'];

function toCaller(o: OfficerRow, csrfToken: string, roles: RoleTable): OfficerCaller {
  const role = Object.hasOwn(roles, o.role) ? roles[o.role] : undefined;
  const mustChangePassword = o.must_change_password === true;
  return {
    kind: 'officer',
    officerId: Number(o.id),
    username: o.username,
    fullName: o.full_name,
    role: o.role,
    roleLabel: role?.label ?? o.role,
    // A role this deployment no longer defines holds nothing.
    permissions: new Set<Permission>(mustChangePassword ? ONE_TIME_PASSWORD_PERMISSIONS.filter((p) => role?.permissions.includes(p)) : (role?.permissions ?? [])),
    mustChangePassword,
    area: { level: o.area_level === 'commune' ? 'commune' : 'province', code: o.area_code },
    relyingPartyId: o.relying_party_id === null ? null : Number(o.relying_party_id),
    csrfToken,
  };
}

export function createIdentityService(db: Db, audit: AuditWriter, opts: IdentityOptions) {
  const store = createOfficerStore(db);
  const citizens = createCitizenStore(db);
  const citizenCache = new Map<string, { caller: CitizenCaller; until: number }>();
  const tokenHash = (token: string) => createHmac('sha256', opts.sessionSecret).update(token).digest('hex');
  /** Officer sessions resolved in the last seconds, by cookie token (not its HMAC: a hit computes nothing). */
  const cache = new Map<string, { caller: OfficerCaller; until: number }>();
  let endOfficerSso: ((officerId: number) => Promise<void>) | undefined;
  // Verifying against a fixed hash when the user is unknown keeps timing the same: no enumeration.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));

  const loginThrottle = createLoginThrottle(db, opts.sessionSecret, opts.throttle);

  /** An unknown username goes the same way as a wrong password: one argon2 verify, one audit entry. */
  async function checkPassword<R extends OfficerRow>(o: R | undefined, password: string): Promise<R> {
    const ok = await verify(o?.password_hash ?? (await dummyHash), password).catch(() => false);
    if (!o || !ok) {
      await audit.record({ actorKind: 'officer', actorId: o ? String(o.id) : 'unknown', action: 'officer.login.failed' });
      throw new DomainError('LOGIN_FAILED');
    }
    return o;
  }

  return {
    createOfficer: (input: OfficerInput) => createOfficerAccount(db, input),

    /** An officer account that may sign in: its role and area (the services desk assigns a dossier to a colleague). */
    async officerById(id: number): Promise<{ id: number; fullName: string; role: string; areaCode: string } | undefined> {
      const o = await store.findById(id);
      return o && { id: Number(o.id), fullName: o.full_name, role: o.role, areaCode: o.area_code };
    },

    /** Active officers of an area holding one of the roles (the services desk's colleagues to assign a dossier to). */
    async officersInArea(areaCode: string, roles: readonly string[]): Promise<{ id: number; fullName: string; role: string }[]> {
      return (await store.activeInArea(areaCode, roles)).map((o) => ({ id: Number(o.id), fullName: o.full_name, role: o.role }));
    },

    /** Usernames of officers by id (a counter's staff in its verification list); unknown ids are absent. */
    async usernames(ids: number[]): Promise<Map<number, string>> {
      if (!ids.length) return new Map();
      return new Map((await store.usernames(ids)).map((r) => [Number(r.id), r.username]));
    },

    /** The same back-off for the citizens' sign-in (citizen-signin.ts). */
    loginThrottle,

    /** Signs an officer in; returns the cookie token and the caller. */
    async login(username: string, password: string) {
      await loginThrottle.claim({ kind: 'officer', username });
      const officer = await checkPassword(await store.findByUsername(username), password);
      // Said only to whoever knows the password: a disabled account is no clue to anyone else.
      if (officer.disabled) {
        await audit.record({ actorKind: 'officer', actorId: String(officer.id), actorName: officer.full_name, action: 'officer.login.failed' });
        throw new DomainError('OFFICER_ACCOUNT_DISABLED');
      }
      await loginThrottle.reset({ kind: 'officer', username });
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      // The request came in anonymous: its entry names the officer it signs in.
      await runAs({ kind: 'officer', id: String(officer.id), name: officer.full_name }, () => db.transaction(async (tx) => {
        await store.insertSession(tokenHash(token), officer.id, csrfToken, opts.sessionTtlMinutes, tx);
        await audited(tx, {});
      }));
      return { token, caller: toCaller(officer, csrfToken, opts.roles) };
    },

    /** The caller behind a request's cookies: an officer session (citizen sessions join here with the e-ID). */
    async resolveCaller(cookies: Record<string, string | undefined>): Promise<Caller> {
      return (await this.resolveSession(cookies[OFFICER_COOKIE])) ?? (await this.resolveCitizenSession(cookies[CITIZEN_COOKIE])) ?? { kind: 'anonymous' };
    },

    /** Opens a citizen session after every factor has been checked; returns the cookie token. */
    async createCitizenSession(accountId: number, userAgent: string | null, tx: Queryable = db) {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await citizens.insertSession({ tokenHash: tokenHash(token), accountId, csrfToken, userAgent: userAgent?.slice(0, 200) ?? null, ttlMinutes: opts.sessionTtlMinutes }, tx);
      return { token, csrfToken };
    },

    async resolveCitizenSession(token: string | undefined): Promise<CitizenCaller | undefined> {
      if (!token || token.length > 100) return undefined;
      const key = tokenHash(token);
      const hit = citizenCache.get(key);
      if (hit && hit.until > Date.now()) return hit.caller;
      const row = await citizens.findLiveSession(key);
      if (!row) {
        citizenCache.delete(key);
        return undefined;
      }
      const caller: CitizenCaller = {
        kind: 'citizen', accountId: Number(row.account_id), personId: Number(row.person_id), personalId: row.personal_id,
        level: Number(row.level) as 1 | 2, sessionId: row.token_hash, csrfToken: row.csrf_token,
      };
      citizenCache.set(key, { caller, until: Math.min(Date.now() + SESSION_CACHE_MS, new Date(row.expires_at).getTime()) });
      if (citizenCache.size > 10_000) citizenCache.delete(citizenCache.keys().next().value as string);
      return caller;
    },

    /** Forgets cached citizen sessions (after a revocation, a level change or a lock). */
    forgetCitizenSessions(accountId?: number) {
      for (const [k, v] of citizenCache) if (accountId === undefined || v.caller.accountId === accountId) citizenCache.delete(k);
    },

    async resolveSession(token: string | undefined): Promise<OfficerCaller | undefined> {
      if (!token || token.length > 100) return undefined;
      // The cache is keyed by the token itself: a hit (every request of a signed-in officer within 5 s)
      // costs no HMAC. Only the database holds the HMAC, so a copy of it still opens no session.
      const hit = cache.get(token);
      if (hit && hit.until > Date.now()) return hit.caller;
      const row = await store.findSession(tokenHash(token));
      if (!row) {
        cache.delete(token);
        return undefined;
      }
      const caller = toCaller(row, row.csrf_token, opts.roles);
      cache.set(token, { caller, until: Math.min(Date.now() + SESSION_CACHE_MS, new Date(row.expires_at).getTime()) });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      return caller;
    },

    /**
     * The officer replaces their password (the current one checked, with the sign-in's back-off, so the form
     * is no way around it); every other session of theirs ends, the one that asked stays.
     */
    async changePassword(caller: OfficerCaller, token: string, currentPassword: string, newPassword: string) {
      await loginThrottle.claim({ kind: 'officer', username: caller.username });
      const stored = await store.passwordHash(caller.officerId);
      if (!stored || !(await verify(stored, currentPassword).catch(() => false))) {
        // A guess at the password from an open session: recorded like a failed sign-in (and counted by its back-off, above).
        await audit.record({
          actorKind: 'officer', actorId: String(caller.officerId), actorName: caller.fullName, action: 'officer.password.wrong',
          subjectKind: 'officer', subjectId: String(caller.officerId),
        });
        throw new DomainError('VALIDATION_FAILED', {}, [fieldError('currentPassword', 'PASSWORD_WRONG')]);
      }
      await loginThrottle.reset({ kind: 'officer', username: caller.username });
      const errors = officerPasswordErrors(newPassword, caller.username, 'newPassword');
      if (newPassword === currentPassword) errors.push(fieldError('newPassword', 'PASSWORD_UNCHANGED'));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      const passwordHash = await hashPassword(newPassword);
      const ended = await db.transaction(async (tx) => {
        await store.setPassword(caller.officerId, passwordHash, false, tx);
        const n = await store.deleteSessionsOf(caller.officerId, tokenHash(token), tx);
        await audited(tx, { subjectKind: 'officer', subjectId: String(caller.officerId) });
        return n;
      });
      await this.forgetOfficer(caller.officerId);
      return { otherSessionsEnded: ended };
    },

    /**
     * Ends what an officer's old password or account still holds (after a password change, a reset or a
     * disable): the cached sessions (the next request reads the row) and their single sign-on grants, tokens
     * and provider sessions at the services they signed in to.
     */
    async forgetOfficer(officerId: number) {
      for (const [k, v] of cache) if (v.caller.officerId === officerId) cache.delete(k);
      await endOfficerSso?.(officerId);
    },

    /** How an officer's single sign-on ends (the OpenID provider, made after this service). */
    useOfficerSso(end: (officerId: number) => Promise<void>) {
      endOfficerSso = end;
    },

    async logout(token: string) {
      const key = tokenHash(token);
      cache.delete(token);
      await db.transaction(async (tx) => {
        await store.deleteSession(key, tx);
        await audited(tx, {});
      });
    },

    /** Constant-time CSRF comparison. */
    csrfMatches(expected: string, given: string | undefined): boolean {
      if (!given || given.length !== expected.length) return false;
      return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
