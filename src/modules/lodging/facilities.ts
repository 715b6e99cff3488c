import { randomBytes } from 'node:crypto';
import type { OfficerCaller, VerifierCaller } from '../../platform/access.js';
import { audited } from '../../platform/audit.js';
import type { Db, Queryable } from '../../platform/db.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import type { RelyingPartyService } from '../credentials/index.js';
import { FACILITY_KINDS, FACILITY_STATUSES, GUEST_ROLES, rolesOf, type FacilityKind, type FacilityStatus } from './kinds.js';
import { createLodgingStore, type Area, type FacilityListRow, type FacilityRow, type LodgingStore } from './store.js';
import type { ApplicationInput, FacilityInput } from './schema.js';

/**
 * Lodging facilities: registered by police (approved at once) or applying themselves (pending until
 * the commune police approve). Approval makes the facility a relying party of the credentials module,
 * so its staff sign in as counter staff and verify guests' QR codes and chip cards.
 */
export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
}

export interface StaffAccount {
  username: string;
  fullName: string;
  relyingPartyId: number;
  areaCode: string;
  passwordHash: string;
  /**
   * A password the police handed over (addStaff) is replaced at the first sign-in, like one an
   * administrator gives; the applicant's own password (chosen when applying) is not.
   */
  mustChangePassword: boolean;
}

export interface FacilityDeps {
  db: Db;
  store: LodgingStore;
  relyingParties: RelyingPartyService;
  /** A 2025-scheme commune, or undefined. */
  commune: (code: string) => Promise<Commune | undefined>;
  /** Creates an rp_staff account inside the caller's transaction; undefined when the username is taken. */
  createStaff: (account: StaffAccount, tx: Queryable) => Promise<number | undefined>;
  hashPassword: (password: string) => Promise<string>;
}

/** What a facility's relying party may see of a guest: what a stay notification must contain. */
const DECLARATION_FIELDS = ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'];
const PURPOSE = 'Thông báo lưu trú (Luật Cư trú 2020, Điều 30)';
const CACHE_MS = 5_000;

export function areaOf(caller: OfficerCaller): Area {
  return { level: caller.area.level, code: caller.area.code };
}

export function inArea(area: Area, row: { commune_code: string; province_code: string }): boolean {
  return area.level === 'province' ? row.province_code === area.code : row.commune_code === area.code;
}

export function createFacilityService(deps: FacilityDeps) {
  const { store } = deps;
  const byRelyingParty = new Map<number, { row: FacilityRow; until: number }>();

  async function view(r: FacilityRow | FacilityListRow) {
    const commune = await deps.commune(r.commune_code);
    const list = 'current_guests' in r ? r : null;
    return {
      id: Number(r.id), name: r.name, kind: r.kind, kindLabel: FACILITY_KINDS[r.kind as FacilityKind] ?? r.kind,
      starClass: r.star_class === null ? null : Number(r.star_class), communeCode: r.commune_code, communeName: commune?.name ?? r.commune_code,
      provinceCode: r.province_code, address: r.address, capacity: r.capacity === null ? null : Number(r.capacity), remoteArea: r.remote_area,
      ownerName: r.owner_name, phone: r.phone, status: r.status as FacilityStatus, statusLabel: FACILITY_STATUSES[r.status as FacilityStatus] ?? r.status,
      decisionNote: r.decision_note, createdAt: new Date(r.created_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      roles: rolesOf(r.kind as FacilityKind),
      ...(list ? {
        lastDeclaredAt: list.last_declared_at ? new Date(list.last_declared_at).toISOString() : null,
        currentGuests: Number(list.current_guests), stays30d: Number(list.stays_30d),
      } : {}),
    };
  }

  /** The commune of a new facility: on the 2025 list and, for police, inside their area. */
  async function checkCommune(input: FacilityInput, area: Area | null): Promise<Commune> {
    const errors: FieldError[] = [];
    if (input.starClass != null && input.kind !== 'hotel') errors.push(fieldError('starClass', 'STAR_CLASS_HOTEL_ONLY'));
    const commune = await deps.commune(input.communeCode);
    if (!commune) errors.push(fieldError('communeCode', 'COMMUNE_NOT_2025', { code: input.communeCode }));
    else if (area && !inArea(area, { commune_code: commune.code, province_code: commune.provinceCode })) {
      errors.push(fieldError('communeCode', 'COMMUNE_OUTSIDE_AREA', { code: input.communeCode }));
    }
    if (errors.length) throw new DomainError('FACILITY_INVALID', {}, errors);
    return commune!;
  }

  async function insert(
    into: LodgingStore, input: FacilityInput, commune: Commune, extra: { status: FacilityStatus; registeredBy: number | null; username: string | null; hash: string | null },
  ) {
    return into.insertFacility({
      name: input.name.trim(), kind: input.kind, starClass: input.starClass ?? null, communeCode: commune.code, provinceCode: commune.provinceCode,
      address: input.address.trim(), capacity: input.capacity ?? null, remoteArea: input.remoteArea ?? false, ownerName: input.ownerName.trim(),
      phone: input.phone, status: extra.status, registeredBy: extra.registeredBy, applicantUsername: extra.username, applicantPasswordHash: extra.hash,
    });
  }

  /**
   * The relying party through which the facility's staff verify guests; made once, on approval, inside the
   * transaction that approves (or registers) the facility: a failure later in it leaves no relying party behind.
   */
  async function ensureRelyingParty(f: FacilityRow, tx: Queryable): Promise<number> {
    if (f.relying_party_id) return Number(f.relying_party_id);
    const type = f.kind === 'hospital' || f.kind === 'clinic' ? 'hospital' : f.kind === 'bus_operator' ? 'ticketing' : 'lodging';
    const { relyingParty } = await deps.relyingParties.add({
      code: `luu-tru-${f.id}`, name: f.name, type, purpose: PURPOSE, allowedFields: DECLARATION_FIELDS, minLevel: 1, provinceCode: f.province_code,
    }, { withApiKey: false, tx });
    await createLodgingStore(tx).setRelyingParty(Number(f.id), relyingParty.id);
    return relyingParty.id;
  }

  async function getInArea(caller: OfficerCaller, id: number): Promise<FacilityRow> {
    const f = await store.findFacility(id);
    if (!f || !inArea(areaOf(caller), f)) throw new DomainError('FACILITY_NOT_FOUND');
    return f;
  }

  return {
    view,

    /** Registered by police of the area: approved at once, with its relying party, in one transaction. */
    async register(caller: OfficerCaller, input: FacilityInput) {
      const commune = await checkCommune(input, areaOf(caller));
      const row = await deps.db.transaction(async (tx) => {
        const txStore = createLodgingStore(tx);
        const inserted = await insert(txStore, input, commune, { status: 'approved', registeredBy: caller.officerId, username: null, hash: null });
        await ensureRelyingParty(inserted, tx);
        await audited(tx, { subjectKind: 'lodging_facility', subjectId: String(inserted.id) });
        return (await txStore.findFacility(Number(inserted.id)))!;
      });
      return view(row);
    },

    /** A facility applies itself; its first staff account is created when the police approve. */
    async apply(input: ApplicationInput) {
      const commune = await checkCommune(input, null);
      const { username, password, ...facility } = input;
      const hash = await deps.hashPassword(password);
      const row = await deps.db.transaction(async (tx) => {
        const inserted = await insert(createLodgingStore(tx), facility, commune, { status: 'pending', registeredBy: null, username, hash });
        await audited(tx, { subjectKind: 'lodging_facility', subjectId: String(inserted.id) });
        return inserted;
      });
      return view(row);
    },

    async list(caller: OfficerCaller, f: { status?: string; silentDays?: number; communeCode?: string }) {
      const area = areaOf(caller);
      const [rows, counts] = await Promise.all([store.listFacilities(area, f), store.countFacilities(area)]);
      return { items: await Promise.all(rows.map(view)), ...counts };
    },

    async get(caller: OfficerCaller, id: number) {
      return view(await getInArea(caller, id));
    },

    /** Approve (creating the relying party and the applicant's account), reject, or suspend. */
    async decide(caller: OfficerCaller, id: number, decision: 'approved' | 'rejected' | 'suspended', note: string | undefined) {
      const f = await getInArea(caller, id);
      const allowed: Record<string, FacilityStatus[]> = { approved: ['pending', 'suspended'], rejected: ['pending'], suspended: ['approved'] };
      if (!allowed[decision].includes(f.status as FacilityStatus)) {
        throw new DomainError('FACILITY_STATE', { status: FACILITY_STATUSES[f.status as FacilityStatus] ?? f.status });
      }
      // The relying party, the applicant's account, the relying party's state and the decision commit together,
      // or none of them (facilities-atomic.test.ts).
      const row = await deps.db.transaction(async (tx) => {
        let relyingPartyId: number | null = f.relying_party_id ? Number(f.relying_party_id) : null;
        if (decision === 'approved') {
          relyingPartyId = await ensureRelyingParty(f, tx);
          if (f.applicant_username && f.applicant_password_hash) {
            const created = await deps.createStaff({
              username: f.applicant_username, fullName: f.owner_name, relyingPartyId, areaCode: f.commune_code, passwordHash: f.applicant_password_hash, mustChangePassword: false,
            }, tx);
            if (created === undefined) throw new DomainError('FACILITY_USERNAME_TAKEN', { username: f.applicant_username });
          }
        }
        if (relyingPartyId !== null) await deps.relyingParties.setActive(relyingPartyId, decision === 'approved', tx);
        const decided = await createLodgingStore(tx).decideFacility(id, { status: decision, officerId: caller.officerId, note: note?.trim() || null, relyingPartyId });
        await audited(tx, { subjectKind: 'lodging_facility', subjectId: String(id), data: { decision } });
        return decided;
      });
      byRelyingParty.clear();
      return view(row!);
    },

    /** A staff account for an approved facility; the initial password is returned once. */
    async addStaff(caller: OfficerCaller, id: number, input: { username: string; fullName: string }) {
      const f = await getInArea(caller, id);
      if (f.status !== 'approved') throw new DomainError('FACILITY_STATE', { status: FACILITY_STATUSES[f.status as FacilityStatus] ?? f.status });
      const password = randomBytes(12).toString('base64url');
      const passwordHash = await deps.hashPassword(password);
      // The account (the identity module's write) and its entry commit together.
      await deps.db.transaction(async (tx) => {
        const created = await deps.createStaff({
          username: input.username, fullName: input.fullName.trim(), relyingPartyId: await ensureRelyingParty(f, tx), areaCode: f.commune_code, passwordHash, mustChangePassword: true,
        }, tx);
        if (created === undefined) throw new DomainError('FACILITY_USERNAME_TAKEN', { username: input.username });
        await audited(tx, { subjectKind: 'officer', subjectId: String(created) });
      });
      return { username: input.username, password };
    },

    /** The approved facility a desk works for (cached briefly); any other counter has none. */
    async ofVerifier(verifier: VerifierCaller): Promise<FacilityRow> {
      const hit = byRelyingParty.get(verifier.relyingPartyId);
      if (hit && hit.until > Date.now()) return hit.row;
      const row = await store.findFacilityByRelyingParty(verifier.relyingPartyId);
      if (!row || row.status !== 'approved') throw new DomainError('FACILITY_NOT_FOUND');
      byRelyingParty.set(verifier.relyingPartyId, { row, until: Date.now() + CACHE_MS });
      return row;
    },

    roleLabel: (role: string) => GUEST_ROLES[role as keyof typeof GUEST_ROLES] ?? role,
  };
}

export type FacilityService = ReturnType<typeof createFacilityService>;
