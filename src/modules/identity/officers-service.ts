import type { Db, Transaction } from '../../platform/db.js';
import { appendAudit, auditActionCatalogue, audited, type AuditAction, type AuditDetails } from '../../platform/audit.js';
import type { OfficerCaller, RoleTable } from '../../platform/access.js';
import { DomainError, fieldError } from './errors.js';
import { message } from './messages.js';
import { hashPassword, officerPasswordErrors, oneTimePassword, type IdentityService } from './service.js';
import { createOfficerStore, type AreaRow, type OfficerAccountRow } from './store.js';
import { USERNAME_PATTERN } from './officers-schema.js';

const USERNAME = new RegExp(USERNAME_PATTERN);

/** A relying party of the province, as the staff form picks one (the credentials module's list). */
export interface RelyingPartyChoice {
  id: number;
  code: string;
  name: string;
  typeLabel: string;
  active: boolean;
}

export interface OfficerAccountsDeps {
  db: Db;
  identity: Pick<IdentityService, 'forgetOfficer'>;
  /** The deployment's roles (src/roles.ts): their labels, and the level of area each is given. */
  roles: RoleTable;
  /** The relying parties of a province (credentials module). */
  relyingParties: (provinceCode: string) => Promise<RelyingPartyChoice[]>;
}

/**
 * Who administers the accounts: an administrator signed in (limited to the province of their area; an
 * account elsewhere reads as absent), or the operator at the command line (`da06 officers add`: any
 * province, named in the audit entry as `cli`).
 */
export type AccountAdministrator = { kind: 'admin'; caller: OfficerCaller } | { kind: 'operator'; name: string };

export interface NewOfficer {
  username: string;
  fullName: string;
  role: string;
  /** Commune or province (2025 scheme) by the role's level; counter staff default to their province. */
  areaCode?: string;
  /** Counter staff (role rp_staff): the relying party they work for. */
  relyingPartyId?: number | null;
  /** The operator's own password; an administrator always gives a one-time password. */
  password?: string;
}

export function createOfficerAccounts(deps: OfficerAccountsDeps) {
  const { db, roles } = deps;
  const store = createOfficerStore(db);

  /** The province an administrator administers: the one of their area. */
  async function provinceOf(caller: OfficerCaller): Promise<string> {
    if (caller.area.level === 'province') return caller.area.code;
    return (await store.findArea(caller.area.code))?.province_code ?? caller.area.code;
  }

  /** The audit entry of an account write, in its transaction: the route's declared action, or the operator's. */
  async function auditIn(tx: Transaction, by: AccountAdministrator, action: AuditAction, details: AuditDetails): Promise<void> {
    if (by.kind === 'admin') return audited(tx, details);
    await appendAudit(tx, [{ actorKind: 'cli', actorId: by.name, action, ...details }]);
  }

  function roleOf(role: string) {
    const spec = Object.hasOwn(roles, role) ? roles[role] : undefined;
    if (!spec?.area) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('role', 'ROLE_UNKNOWN')]);
    return { ...spec, area: spec.area };
  }

  /** Whether an administrator manages accounts of this role (the operator manages every role). */
  const administrable = (role: string) => !(Object.hasOwn(roles, role) && roles[role].operatorOnly);

  /** An administrator writes no account of an operator-only role (administrators, auditors): lower roles only. */
  function refuseProtected(row: OfficerAccountRow): void {
    if (!administrable(row.role)) throw new DomainError('OFFICER_ROLE_PROTECTED', { role: roles[row.role].label });
  }

  const inProvince = (area: AreaRow, province: string) => area.code === province || area.province_code === province;

  /** The area the new account is given, checked against the role's level and the administrator's province. */
  async function checkArea(by: AccountAdministrator, input: NewOfficer, level: 'commune' | 'province' | 'relying_party') {
    const limit = by.kind === 'admin' ? await provinceOf(by.caller) : undefined;
    const code = input.areaCode?.trim() || (level === 'relying_party' ? limit : undefined);
    const area = code ? await store.findArea(code) : undefined;
    if (!area) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('areaCode', code ? 'INVALID_FORMAT' : 'REQUIRED')]);
    if (limit !== undefined && !inProvince(area, limit)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('areaCode', 'AREA_OUTSIDE_PROVINCE')]);
    // Counter staff work at their relying party's counter: the province or a commune of it.
    if (level !== 'relying_party' && area.level !== level) {
      throw new DomainError('VALIDATION_FAILED', {}, [fieldError('areaCode', 'AREA_LEVEL', { level: level === 'commune' ? 'xã' : 'tỉnh' })]);
    }
    if (level === 'relying_party' && area.level !== 'commune' && area.level !== 'province') {
      throw new DomainError('VALIDATION_FAILED', {}, [fieldError('areaCode', 'AREA_LEVEL', { level: 'tỉnh hoặc xã' })]);
    }
    return { area, province: area.level === 'province' ? area.code : area.province_code };
  }

  async function checkRelyingParty(level: string, relyingPartyId: number | null | undefined, province: string): Promise<RelyingPartyChoice | null> {
    if (level !== 'relying_party') return null;
    if (relyingPartyId === undefined || relyingPartyId === null) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('relyingPartyId', 'RELYING_PARTY_REQUIRED')]);
    const rp = (await deps.relyingParties(province)).find((r) => r.id === relyingPartyId);
    if (!rp) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('relyingPartyId', 'RELYING_PARTY_OUTSIDE_PROVINCE')]);
    // A deactivated relying party gets no new staff (its staff cannot work either: access.ts verifierRoute).
    if (!rp.active) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('relyingPartyId', 'RELYING_PARTY_INACTIVE')]);
    return rp;
  }

  /** An account of the administrator's province, or OFFICER_NOT_FOUND (another province's reads as absent). */
  async function getInProvince(caller: OfficerCaller, id: number): Promise<OfficerAccountRow> {
    const row = await store.findInProvince(await provinceOf(caller), id);
    if (!row) throw new DomainError('OFFICER_NOT_FOUND');
    return row;
  }

  function refuseSelf(caller: OfficerCaller, id: number, what: string): void {
    if (caller.officerId === id) throw new DomainError('OFFICER_SELF', { what });
  }

  async function view(rows: OfficerAccountRow[], province: string | undefined) {
    const rps = rows.some((r) => r.relying_party_id !== null) && province ? await deps.relyingParties(province) : [];
    const rpName = new Map(rps.map((r) => [r.id, r.name]));
    return rows.map((r) => {
      const rpId = r.relying_party_id === null ? null : Number(r.relying_party_id);
      return {
        id: Number(r.id), username: r.username, fullName: r.full_name, role: r.role,
        roleLabel: Object.hasOwn(roles, r.role) ? roles[r.role].label : r.role,
        area: { code: r.area_code, level: r.area_level, name: r.area_name },
        relyingParty: rpId === null ? null : { id: rpId, name: rpName.get(rpId) ?? String(rpId) },
        status: r.disabled_at ? ('disabled' as const) : ('active' as const),
        mustChangePassword: r.must_change_password,
        administrable: administrable(r.role),
        createdAt: new Date(r.created_at).toISOString(),
        disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
      };
    });
  }

  /** Disables or re-enables an account; either way its sessions end when it is disabled. */
  async function writeDisabled(by: AccountAdministrator, row: OfficerAccountRow, disabled: boolean): Promise<void> {
    const id = Number(row.id);
    await db.transaction(async (tx) => {
      const s = createOfficerStore(tx);
      if (!(await s.setDisabled(id, disabled, tx))) {
        throw new DomainError('OFFICER_STATE', { username: row.username, state: message(disabled ? 'OFFICER_ALREADY_DISABLED' : 'OFFICER_ALREADY_ACTIVE') });
      }
      if (disabled) await s.deleteSessionsOf(id, null, tx);
      await auditIn(tx, by, disabled ? 'officer.account.disable' : 'officer.account.enable', { subjectKind: 'officer', subjectId: String(id) });
    });
    await deps.identity.forgetOfficer(id);
  }

  /** A new one-time password for an account; its sessions end. */
  async function writeReset(by: AccountAdministrator, id: number): Promise<{ password: string }> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const s = createOfficerStore(tx);
      await s.setPassword(id, passwordHash, true, tx);
      await s.deleteSessionsOf(id, null, tx);
      await auditIn(tx, by, 'officer.account.password-reset', { subjectKind: 'officer', subjectId: String(id) });
    });
    await deps.identity.forgetOfficer(id);
    return { password };
  }

  /** An administrator's disable or enable of an account of the province (never their own when disabling). */
  async function setDisabled(caller: OfficerCaller, id: number, disabled: boolean) {
    if (disabled) refuseSelf(caller, id, message('OFFICER_SELF_DISABLE'));
    const row = await getInProvince(caller, id);
    refuseProtected(row);
    await writeDisabled({ kind: 'admin', caller }, row, disabled);
    const [account] = await view([(await store.findInProvince(await provinceOf(caller), id))!], await provinceOf(caller));
    return account;
  }

  /** The operator's account by username (any province, any role), or OFFICER_NOT_FOUND. */
  async function operatorTarget(username: string): Promise<OfficerAccountRow> {
    const row = await store.findAccountByUsername(username.trim());
    if (!row) throw new DomainError('OFFICER_NOT_FOUND');
    return row;
  }

  return {
    /** What the account form offers: the roles an administrator assigns, the province and its relying parties. */
    async options(caller: OfficerCaller) {
      const province = await provinceOf(caller);
      const area = await store.findArea(province);
      return {
        province: { code: province, name: area?.full_name ?? province },
        roles: Object.entries(roles).flatMap(([role, spec]) => (spec.area && !spec.operatorOnly ? [{ role, label: spec.label, area: spec.area }] : [])),
        relyingParties: (await deps.relyingParties(province)).filter((r) => r.active).map(({ id, code, name, typeLabel }) => ({ id, code, name, typeLabel })),
      };
    },

    /** The accounts of the administrator's province (never another's), by username. */
    async list(caller: OfficerCaller, f: { q?: string; status?: 'active' | 'disabled'; limit: number; offset: number }) {
      const province = await provinceOf(caller);
      const { rows, total } = await store.listInProvince(province, { ...f, q: f.q?.trim() || undefined });
      return { items: await view(rows, province), total };
    },

    /**
     * Creates an account. An administrator gives it a one-time password, shown once, that the account
     * replaces at its first sign-in; the operator may set the password (checked by the same rules).
     */
    async create(by: AccountAdministrator, input: NewOfficer) {
      const username = input.username.trim();
      const fullName = input.fullName.trim();
      const errors = [];
      if (!USERNAME.test(username)) errors.push(fieldError('username', 'INVALID_FORMAT'));
      if (!fullName) errors.push(fieldError('fullName', 'REQUIRED'));
      const given = by.kind === 'operator' ? input.password : undefined;
      if (given !== undefined) errors.push(...officerPasswordErrors(given, username));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      const role = roleOf(input.role);
      if (by.kind === 'admin' && role.operatorOnly) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('role', 'ROLE_OPERATOR_ONLY')]);
      const { area, province } = await checkArea(by, input, role.area);
      const rp = await checkRelyingParty(role.area, input.relyingPartyId, province);
      const password = given ?? oneTimePassword();
      const passwordHash = await hashPassword(password);
      const id = await db.transaction(async (tx) => {
        const inserted = await createOfficerStore(tx).insert({
          username, fullName, passwordHash, role: input.role, areaCode: area.code, relyingPartyId: rp?.id ?? null, mustChangePassword: given === undefined,
        }, tx);
        if (inserted === undefined) throw new DomainError('OFFICER_USERNAME_TAKEN', { username }, [fieldError('username', 'USERNAME_TAKEN')]);
        await auditIn(tx, by, 'officer.account.create', {
          subjectKind: 'officer', subjectId: String(inserted), data: { role: input.role, areaCode: area.code, relyingPartyId: rp?.id ?? null },
        });
        return inserted;
      });
      const [account] = await view([(await store.findInProvince(province, id))!], province);
      return { account, password: given === undefined ? password : null };
    },

    /** Disables an account of the province (not one's own); its sessions end at once. */
    disable: (caller: OfficerCaller, id: number) => setDisabled(caller, id, true),

    /** Re-enables a disabled account of the province. */
    enable: (caller: OfficerCaller, id: number) => setDisabled(caller, id, false),

    /** A new one-time password for an account of the province, shown once; its sessions end. One's own: change it instead. */
    async resetPassword(caller: OfficerCaller, id: number) {
      refuseSelf(caller, id, message('OFFICER_SELF_RESET'));
      refuseProtected(await getInProvince(caller, id));
      return writeReset({ kind: 'admin', caller }, id);
    },

    /**
     * The operator at the command line (`da06 officers disable | enable | reset-password`): any account by
     * username, administrators and auditors included (which no administrator may touch), audited as `cli`.
     */
    operator: {
      disable: async (name: string, username: string) => writeDisabled({ kind: 'operator', name }, await operatorTarget(username), true),
      enable: async (name: string, username: string) => writeDisabled({ kind: 'operator', name }, await operatorTarget(username), false),
      resetPassword: async (name: string, username: string) => writeReset({ kind: 'operator', name }, Number((await operatorTarget(username)).id)),
    },

    /** The newest account actions on accounts of the province (audit chain): who did what to whom, when. */
    async activity(caller: OfficerCaller, limit: number) {
      const rows = await store.accountActivity(await provinceOf(caller), limit);
      const labels = auditActionCatalogue();
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        action: r.action,
        actionLabel: labels.get(r.action)?.label ?? r.action,
        actor: {
          kind: r.actor_kind,
          id: r.actor_id,
          name: r.actor_kind === 'officer' ? (r.actor_name ?? r.actor_id) : r.actor_kind === 'cli' ? message('ACTOR_CLI', { name: r.actor_id }) : message('ACTOR_SYSTEM'),
        },
        account: { id: Number(r.officer_id), username: r.username, fullName: r.full_name },
      }));
    },
  };
}

export type OfficerAccounts = ReturnType<typeof createOfficerAccounts>;
