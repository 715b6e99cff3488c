import { createHash } from 'node:crypto';
import { appendAudit, audited } from '../../platform/audit.js';
import { currentContext, type RequestContext } from '../../platform/context.js';
import { DomainError } from './errors.js';
import type { EventBus } from '../../platform/events.js';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import { maskPersonalId } from '../registry/index.js';
import { createCitizenStore, type CitizenAccountRow } from './citizen-store.js';
import { createCitizenSignIn, type CitizenSignInDeps } from './citizen-signin.js';
import { maskPhone } from './outbox.js';
import { createCitizenPasswords } from './citizen-password.js';
import { createLevel2Requests } from './citizen-level2.js';
import type { ChipInput } from '../credentials/index.js';

/** A relying service the citizen signed in to and consented to (filled by the OpenID Connect provider). */
export interface ConnectedService {
  id: string;
  name: string;
  scopes: string[];
  connectedAt: string;
  lastUsedAt: string | null;
}

/**
 * What the OpenID Connect provider hands over with `citizens.useConnectedServices(source)`, so that the
 * citizen's page lists and revokes connected services without this file knowing OAuth.
 */
export interface ConnectedServicesSource {
  list(accountId: number): Promise<ConnectedService[]>;
  /** Revokes the grant (and its tokens); false when the account has no such grant. */
  revoke(accountId: number, serviceId: string): Promise<boolean>;
  /** Ends the account's single sign-on everywhere: every grant, its tokens, and the provider's sessions (after a password reset). */
  revokeAll(accountId: number): Promise<void>;
}

/**
 * The chip check of the credentials module, handed over with `citizens.useChipCheck(check)`: the
 * reasons a chip read does not prove this person's card (none = it does).
 */
export type ChipCheck = (personalId: string, chip: ChipInput) => Promise<{ code: string; message: string }[]>;

export type CheckedDocument = 'cccd' | 'can_cuoc';
const DOCUMENT_LABELS: Record<CheckedDocument, string> = { cccd: 'thẻ Căn cước công dân', can_cuoc: 'thẻ Căn cước' };
const PROFILE_FIELDS = ['personalId', 'fullName', 'dateOfBirth', 'sex', 'phone', 'residence', 'household'];

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');
/** The handle of a session shown to its owner: derived from the stored HMAC, never the HMAC itself. */
const publicSessionId = (tokenHash: string) => createHash('sha256').update(tokenHash).digest('base64url').slice(0, 22);

export interface CitizenServiceDeps extends CitizenSignInDeps {
  events: EventBus;
}

function officerView(a: CitizenAccountRow) {
  return {
    personalId: a.personal_id,
    level: Number(a.level) as 1 | 2,
    status: a.status,
    lockedReason: a.locked_reason,
    createdAt: iso(a.created_at)!,
    level2At: iso(a.level2_at),
    level2Document: a.level2_document,
  };
}

export function createCitizenService(deps: CitizenServiceDeps) {
  const { db, identity, registry, events } = deps;
  const citizens = createCitizenStore(db);
  let connected: ConnectedServicesSource | undefined;
  let chipCheck: ChipCheck | undefined;

  async function getAccount(accountId: number) {
    const a = await citizens.findAccountById(accountId);
    if (!a) throw new DomainError('UNAUTHENTICATED');
    return a;
  }

  const level2 = createLevel2Requests({ db, registry });

  /**
   * The person must be visible to the officer (404 outside the area), with an account; or have asked
   * online for level 2 at an office of the officer's area, wherever they live (citizen-recovery.test.ts).
   */
  async function loadAccountForOfficer(caller: OfficerCaller, personalId: string, purpose: string) {
    try {
      const person = await registry.getPerson(caller, personalId, purpose, currentContext()?.requestId);
      const account = await citizens.findAccountByPersonalId(person.personalId);
      if (!account) throw new DomainError('CITIZEN_ACCOUNT_NOT_FOUND');
      return { deceased: person.deceased, account };
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'PERSON_NOT_FOUND')) throw err;
      const account = /^\d{12}$/.test(personalId) ? await citizens.findAccountByPersonalId(personalId) : undefined;
      if (!account || !(await level2.requestedInArea(caller, Number(account.id)))) throw err;
      const person = await registry.unsafeFindForVerification(account.personal_id);
      if (!person) throw err;
      return { deceased: person.dateOfDeath !== null, account };
    }
  }

  // A death recorded in the registry locks the account and ends its sessions at once.
  events.on('registry.person.died', async ({ personId, dateOfDeath }) => {
    const account = await citizens.findAccountByPersonId(personId);
    await db.transaction(async (tx) => {
      await citizens.cancelRegistrations(tx, personId);
      if (!account || account.status === 'locked') return;
      await citizens.lock(Number(account.id), `công dân đã được khai tử (ngày mất ${ddmmyyyy(dateOfDeath)})`, tx);
      await citizens.revokeAllSessionsIn(tx, Number(account.id));
      await citizens.closeOpenLevel2Requests(tx, Number(account.id));
      await appendAudit(tx, [{
        actorKind: 'system', actorId: 'registry.person.died', action: 'citizen.account.lock', subjectKind: 'person', subjectId: account.personal_id,
        fields: ['status', 'sessions'], purpose: 'Khóa tài khoản định danh điện tử do công dân đã mất',
      }]);
    });
    if (account) identity.forgetCitizenSessions(Number(account.id));
  });

  // The login name follows a re-established personal ID.
  events.on('registry.person.id-changed', async ({ personId, oldPersonalId, newPersonalId }) => {
    const account = await citizens.findAccountByPersonId(personId);
    await db.transaction(async (tx) => {
      await citizens.cancelRegistrations(tx, personId);
      if (!account) return;
      await citizens.setPersonalId(personId, newPersonalId, tx);
      await appendAudit(tx, [{
        actorKind: 'system', actorId: 'registry.person.id-changed', action: 'citizen.account.personal-id', subjectKind: 'person', subjectId: newPersonalId,
        fields: ['personalId'], purpose: `Đổi tên đăng nhập theo số định danh mới (số cũ ${maskPersonalId(oldPersonalId)})`,
      }]);
    });
    if (account) identity.forgetCitizenSessions(Number(account.id));
  });

  const signIn = createCitizenSignIn(deps);
  const passwords = createCitizenPasswords({ ...deps, endSso: async (accountId) => connected?.revokeAll(accountId) });

  return {
    /** e-ID accounts at level 1 and 2 among residents of the given communes (null: all). */
    /**
     * A notice to the holder of an e-ID account, by text message to the account's phone through the
     * configured sender (the outbox in development): another module's message about their affairs
     * (a dossier's progress). Nothing is sent for an account that does not exist.
     */
    async notifyAccount(accountId: number, text: string): Promise<void> {
      const a = await citizens.findAccountById(accountId);
      if (a) await deps.sender.send(a.phone, text);
    },

    /** The same to the account of a personal ID (an invitation to confirm someone's dossier); nothing is sent, nor said, without one. */
    async notifyPersonalId(personalId: string, text: string): Promise<void> {
      const a = await citizens.findAccountByPersonalId(personalId);
      if (a) await deps.sender.send(a.phone, text);
    },

    /** Which of some people hold an active e-ID account (person id → account id): another module's notices reach only them. */
    async unsafeActiveAccountsOf(personIds: readonly number[]): Promise<Map<number, number>> {
      return citizens.activeAccountsOf([...new Set(personIds)]);
    },

    /**
     * The e-ID account of a registry person, for another module that files something in their name (the
     * services desk receiving a paper dossier): no access check, the caller has checked the person.
     */
    async unsafeAccountIdOf(personId: number): Promise<number | undefined> {
      const a = await citizens.findAccountByPersonId(personId);
      return a ? Number(a.id) : undefined;
    },

    /**
     * The active e-ID account of a personal ID a kiosk verified (identity QR or chip), for another module that
     * shows the person their own records there: no access check, the caller has verified the person.
     */
    async unsafeActiveAccountOfPersonalId(personalId: string): Promise<{ accountId: number; personId: number; level: 1 | 2 } | undefined> {
      const a = await citizens.findAccountByPersonalId(personalId);
      return a && a.status === 'active' ? { accountId: Number(a.id), personId: Number(a.person_id), level: a.level } : undefined;
    },

    async coverage(communes: string[] | null) {
      const rows = await citizens.coverage(communes);
      return { level1: rows.find((r) => r.level === 1)?.accounts ?? 0, level2: rows.find((r) => r.level === 2)?.accounts ?? 0 };
    },

    ...signIn,
    ...passwords,

    // ---- level-2 requests (citizen-level2.ts) ----
    findOffice: level2.findOffice,
    requestLevel2: level2.requestLevel2,
    listLevel2Requests: level2.listLevel2Requests,
    cancelLevel2Request: level2.cancelLevel2Request,
    level2Queue: level2.level2Queue,

    /** The extension point of the OpenID Connect provider: from then on the citizen sees and revokes its grants. */
    useConnectedServices(source: ConnectedServicesSource) {
      connected = source;
    },

    useChipCheck(check: ChipCheck) {
      chipCheck = check;
    },

    async currentSession(caller: CitizenCaller) {
      const a = await getAccount(caller.accountId);
      return { personalIdMasked: maskPersonalId(caller.personalId), level: caller.level, factors: await signIn.factorsFor(a), csrfToken: caller.csrfToken };
    },

    /**
     * Ends the citizen's session: from the portal (the route declares citizen.logout) or from a connected
     * service's sign-out at the OpenID provider, which runs outside any route and is audited alike.
     */
    async signOut(caller: CitizenCaller) {
      const ctx: RequestContext = currentContext() ?? { caller, writeAction: 'citizen.logout' };
      await db.transaction(async (tx) => {
        await citizens.revokeSession(caller.accountId, caller.sessionId, tx);
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId }, ctx);
      });
      identity.forgetCitizenSessions(caller.accountId);
    },

    /** The citizen's own registry facts (read-only, audited as a release to the citizen) and account. */
    async profile(caller: CitizenCaller) {
      const account = await getAccount(caller.accountId);
      const facts = await registry.unsafeIdentityFacts(
        caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId), requestId: currentContext()?.requestId }, PROFILE_FIELDS, 'Công dân xem thông tin của mình',
      );
      if (!facts) throw new DomainError('PERSON_NOT_FOUND');
      return {
        personalId: facts.personalId,
        fullName: facts.fullName,
        dateOfBirth: facts.dateOfBirth,
        sex: facts.sex,
        phoneMasked: facts.phone ? maskPhone(facts.phone) : null,
        residence: facts.residence,
        household: facts.household,
        account: {
          level: Number(account.level) as 1 | 2,
          createdAt: iso(account.created_at)!,
          factors: await signIn.factorsFor(account),
          level2: account.level2_at
            ? { at: iso(account.level2_at)!, checkedDocument: account.level2_document, checkedDocumentLabel: account.level2_document ? DOCUMENT_LABELS[account.level2_document] : null }
            : null,
        },
      };
    },

    async listSessions(caller: CitizenCaller) {
      const rows = await citizens.listSessions(caller.accountId);
      return rows.map((s) => ({
        id: publicSessionId(s.token_hash),
        userAgent: s.user_agent,
        createdAt: iso(s.created_at)!,
        lastSeen: iso(s.last_seen)!,
        expiresAt: iso(s.expires_at)!,
        current: s.token_hash === caller.sessionId,
      }));
    },

    async revokeSession(caller: CitizenCaller, id: string) {
      const target = (await citizens.listSessions(caller.accountId)).find((s) => publicSessionId(s.token_hash) === id);
      if (!target) throw new DomainError('SESSION_NOT_FOUND');
      await db.transaction(async (tx) => {
        if (!(await citizens.revokeSession(caller.accountId, target.token_hash, tx))) throw new DomainError('SESSION_NOT_FOUND');
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId });
      });
      identity.forgetCitizenSessions(caller.accountId);
    },

    async listConnectedServices(caller: CitizenCaller) {
      return connected ? connected.list(caller.accountId) : [];
    },

    /**
     * The provider revokes the grant in its own storage (not this database's transaction), so the entry
     * is written right after it: a crash in between leaves the grant revoked and unaudited, never the reverse.
     */
    async revokeConnectedService(caller: CitizenCaller, serviceId: string) {
      if (!connected || !(await connected.revoke(caller.accountId, serviceId))) throw new DomainError('CONNECTED_SERVICE_NOT_FOUND');
      await db.transaction((tx) => audited(tx, { subjectKind: 'person', subjectId: caller.personalId, purpose: serviceId }));
    },

    /** An officer's view of a person's account (the person must be in the officer's area). */
    async accountForOfficer(caller: OfficerCaller, personalId: string) {
      const { account } = await loadAccountForOfficer(caller, personalId, 'Xem tài khoản định danh điện tử');
      return officerView(account);
    },

    /**
     * Level 2 after an in-person check by a registry officer of the person's area: the person shows
     * their card, the officer reads its chip, and the chip must pass passive authentication, be this
     * person's and match the registry.
     */
    async raiseToLevel2(caller: OfficerCaller, personalId: string, input: { checkedDocument: CheckedDocument; note?: string; chip?: ChipInput }) {
      const { deceased, account } = await loadAccountForOfficer(caller, personalId, 'Kiểm tra trực tiếp để nâng tài khoản định danh điện tử lên mức độ 2');
      if (deceased) throw new DomainError('PERSON_DECEASED');
      if (account.status === 'locked') throw new DomainError('CITIZEN_ACCOUNT_LOCKED', { reason: account.locked_reason ?? '' });
      if (Number(account.level) === 2) throw new DomainError('LEVEL_UNCHANGED', { level: 2 });
      if (!input.chip || !chipCheck) throw new DomainError('CHIP_REQUIRED');
      const problems = await chipCheck(account.personal_id, input.chip);
      if (problems.length) throw new DomainError('CHIP_CHECK_FAILED', { reasons: problems.map((p) => p.message).join(' ') });
      await db.transaction(async (tx) => {
        if (!(await citizens.raiseToLevel2(tx, { accountId: Number(account.id), officerId: caller.officerId, document: input.checkedDocument, note: input.note ?? null }))) {
          throw new DomainError('LEVEL_UNCHANGED', { level: 2 });
        }
        // The citizen's online request, if any, is done with it.
        const request = await citizens.completeLevel2Request(tx, Number(account.id), caller.officerId);
        await audited(tx, {
          subjectKind: 'person', subjectId: account.personal_id, fields: ['level'],
          purpose: `Nâng lên mức độ 2 sau khi kiểm tra trực tiếp và xác thực chip ${DOCUMENT_LABELS[input.checkedDocument]}${request ? ` (đề nghị trực tuyến số ${request.id})` : ''}`,
        });
      });
      // Cached sessions carry the level: forget them so the next request sees level 2.
      identity.forgetCitizenSessions(Number(account.id));
      return officerView((await citizens.findAccountById(Number(account.id)))!);
    },
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
