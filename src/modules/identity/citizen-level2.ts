import { uniqueViolation, type Db } from '../../platform/db.js';
import { audited } from '../../platform/audit.js';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import type { RegistryService } from '../registry/index.js';
import { DomainError, fieldError } from './errors.js';
import { createCitizenStore, type Level2RequestRow } from './citizen-store.js';

/** How many open requests an officer's queue shows at once (the oldest first). */
const QUEUE_LIMIT = 200;

export interface Level2Office {
  code: string;
  name: string;
  provinceCode: string;
}

/** "Phường Mỹ Trà" → "Công an phường Mỹ Trà": the office of a commune's police. */
export function officeName(communeFullName: string): string {
  return `Công an ${communeFullName.charAt(0).toLocaleLowerCase('vi')}${communeFullName.slice(1)}`;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/**
 * A level-1 citizen asks online for level 2 at a commune police office of their choice; the officers
 * holding `eid.upgrade` there see the queue, and the request is done when one of them raises the
 * account after the chip check at the counter (raiseToLevel2 in citizen-service.ts).
 */
export function createLevel2Requests(deps: { db: Db; registry: Pick<RegistryService, 'getUnit' | 'listUnits'> }) {
  const { db, registry } = deps;
  const citizens = createCitizenStore(db);
  // Communes do not change within a scheme: their names are kept once read.
  const offices = new Map<string, Level2Office | null>();

  async function findOffice(code: string): Promise<Level2Office | undefined> {
    if (!offices.has(code)) {
      try {
        const u = await registry.getUnit('2025', code);
        offices.set(code, u.level === 'commune' ? { code: u.code, name: officeName(u.fullName), provinceCode: u.provinceCode } : null);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        offices.set(code, null);
      }
    }
    return offices.get(code) ?? undefined;
  }

  async function view(r: Level2RequestRow) {
    return {
      id: Number(r.id),
      officeCode: r.office_code,
      officeName: (await findOffice(r.office_code))?.name ?? r.office_code,
      status: r.status,
      createdAt: iso(r.created_at)!,
      closedAt: iso(r.closed_at),
    };
  }

  /** Is the office in the officer's area (their commune, or a commune of their province)? */
  async function officeInArea(caller: OfficerCaller, code: string): Promise<boolean> {
    if (caller.area.level === 'commune') return caller.area.code === code;
    return (await findOffice(code))?.provinceCode === caller.area.code;
  }

  return {
    /** The offices a citizen may choose: the communes of a province (2025 scheme). */
    findOffice,

    async requestLevel2(caller: CitizenCaller, officeCode: string) {
      const account = await citizens.findAccountById(caller.accountId);
      if (!account) throw new DomainError('UNAUTHENTICATED');
      if (account.status === 'locked') throw new DomainError('CITIZEN_ACCOUNT_LOCKED', { reason: account.locked_reason ?? '' });
      if (Number(account.level) === 2) throw new DomainError('LEVEL_UNCHANGED', { level: 2 });
      const office = await findOffice(officeCode);
      if (!office) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('officeCode', 'OFFICE_UNKNOWN')]);
      try {
        const row = await db.transaction(async (tx) => {
          const inserted = await citizens.insertLevel2Request(tx, caller.accountId, office.code);
          await audited(tx, { subjectKind: 'person', subjectId: caller.personalId, fields: ['level'], purpose: `Đề nghị nâng lên mức độ 2 tại ${office.name}` });
          return inserted;
        });
        return view(row);
      } catch (err) {
        if (uniqueViolation(err) !== undefined) throw new DomainError('LEVEL2_REQUEST_OPEN');
        throw err;
      }
    },

    async listLevel2Requests(caller: CitizenCaller) {
      return Promise.all((await citizens.level2RequestsOf(caller.accountId)).map(view));
    },

    async cancelLevel2Request(caller: CitizenCaller, id: number) {
      const row = await db.transaction(async (tx) => {
        const cancelled = await citizens.cancelLevel2Request(tx, caller.accountId, id);
        if (!cancelled) throw new DomainError('LEVEL2_REQUEST_NOT_FOUND');
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId, purpose: 'Hủy đề nghị nâng lên mức độ 2' });
        return cancelled;
      });
      return view(row);
    },

    /** The open requests at the offices of the officer's area, oldest first (the route audits each person shown). */
    async level2Queue(caller: OfficerCaller) {
      const codes = caller.area.level === 'commune'
        ? [caller.area.code]
        : (await registry.listUnits('2025', { level: 'commune', provinceCode: caller.area.code })).map((u) => u.code);
      const rows = await citizens.pendingLevel2Requests(codes, QUEUE_LIMIT);
      return Promise.all(rows.map(async (r) => ({ ...(await view(r)), personalId: r.personal_id })));
    },

    /** Has the account an open request at an office of the officer's area? (They may then raise it wherever the person lives.) */
    async requestedInArea(caller: OfficerCaller, accountId: number): Promise<boolean> {
      const open = (await citizens.level2RequestsOf(accountId)).filter((r) => r.status === 'pending');
      for (const r of open) if (await officeInArea(caller, r.office_code)) return true;
      return false;
    },
  };
}

export type Level2Requests = ReturnType<typeof createLevel2Requests>;
