import { randomBytes } from 'node:crypto';
import type { OfficerCaller, VerifierCaller } from '../../platform/access.js';
import type { AuditWriter } from '../../platform/audit.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import type { RelyingPartyService } from '../credentials/index.js';
import { FACILITY_KINDS, FACILITY_STATUSES, GUEST_ROLES, rolesOf, type FacilityKind, type FacilityStatus } from './kinds.js';
import type { Area, FacilityListRow, FacilityRow, LodgingStore } from './store.js';
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
  password?: string;
  passwordHash?: string;
}

export interface FacilityDeps {
  store: LodgingStore;
  audit: AuditWriter;
  relyingParties: RelyingPartyService;
  /** A 2025-scheme commune, or undefined. */
  commune: (code: string) => Promise<Commune | undefined>;
  /** Creates an rp_staff account; undefined when the username is taken. */
  createStaff: (account: StaffAccount) => Promise<number | undefined>;
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

  async function insert(input: FacilityInput, commune: Commune, extra: { status: FacilityStatus; registeredBy: number | null; username: string | null; hash: string | null }) {
    return store.insertFacility({
      name: input.name.trim(), kind: input.kind, starClass: input.starClass ?? null, communeCode: commune.code, provinceCode: commune.provinceCode,
      address: input.address.trim(), capacity: input.capacity ?? null, remoteArea: input.remoteArea ?? false, ownerName: input.ownerName.trim(),
      phone: input.phone, status: extra.status, registeredBy: extra.registeredBy, applicantUsername: extra.username, applicantPasswordHash: extra.hash,
    });
  }

  /** The relying party through which the facility's staff verify guests; made once, on approval. */
  async function ensureRelyingParty(f: FacilityRow): Promise<number> {
    if (f.relying_party_id) return Number(f.relying_party_id);
    const type = f.kind === 'hospital' || f.kind === 'clinic' ? 'hospital' : f.kind === 'bus_operator' ? 'ticketing' : 'lodging';
    const { relyingParty } = await deps.relyingParties.add({
      code: `luu-tru-${f.id}`, name: f.name, type, purpose: PURPOSE, allowedFields: DECLARATION_FIELDS, minLevel: 1, provinceCode: f.province_code,
    }, { withApiKey: false });
    await store.setRelyingParty(Number(f.id), relyingParty.id);
    return relyingParty.id;
  }

  async function getInArea(caller: OfficerCaller, id: number): Promise<FacilityRow> {
    const f = await store.findFacility(id);
    if (!f || !inArea(areaOf(caller), f)) throw new DomainError('FACILITY_NOT_FOUND');
    return f;
  }

  const actor = (caller: OfficerCaller) => ({ actorKind: 'officer' as const, actorId: String(caller.officerId), actorName: caller.username });

  return {
    view,

    /** Registered by police of the area: approved at once. */
    async register(caller: OfficerCaller, input: FacilityInput, requestId?: string) {
      const commune = await checkCommune(input, areaOf(caller));
      const row = await insert(input, commune, { status: 'approved', registeredBy: caller.officerId, username: null, hash: null });
      await ensureRelyingParty(row);
      await deps.audit.record({ ...actor(caller), action: 'lodging.facility.registered', subjectKind: 'lodging_facility', subjectId: String(row.id), requestId });
      return view((await store.findFacility(Number(row.id)))!);
    },

    /** A facility applies itself; its first staff account is created when the police approve. */
    async apply(input: ApplicationInput, requestId?: string) {
      const commune = await checkCommune(input, null);
      const { username, password, ...facility } = input;
      const row = await insert(facility, commune, { status: 'pending', registeredBy: null, username, hash: await deps.hashPassword(password) });
      await deps.audit.record({ actorKind: 'system', actorId: 'public', action: 'lodging.facility.applied', subjectKind: 'lodging_facility', subjectId: String(row.id), requestId });
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
    async decide(caller: OfficerCaller, id: number, decision: 'approved' | 'rejected' | 'suspended', note: string | undefined, requestId?: string) {
      const f = await getInArea(caller, id);
      const allowed: Record<string, FacilityStatus[]> = { approved: ['pending', 'suspended'], rejected: ['pending'], suspended: ['approved'] };
      if (!allowed[decision].includes(f.status as FacilityStatus)) {
        throw new DomainError('FACILITY_STATE', { status: FACILITY_STATUSES[f.status as FacilityStatus] ?? f.status });
      }
      let relyingPartyId: number | null = f.relying_party_id ? Number(f.relying_party_id) : null;
      if (decision === 'approved') {
        relyingPartyId = await ensureRelyingParty(f);
        if (f.applicant_username && f.applicant_password_hash) {
          const created = await deps.createStaff({
            username: f.applicant_username, fullName: f.owner_name, relyingPartyId, areaCode: f.commune_code, passwordHash: f.applicant_password_hash,
          });
          if (created === undefined) throw new DomainError('FACILITY_USERNAME_TAKEN', { username: f.applicant_username });
        }
      }
      if (relyingPartyId !== null) await deps.relyingParties.setActive(relyingPartyId, decision === 'approved');
      const row = await store.decideFacility(id, { status: decision, officerId: caller.officerId, note: note?.trim() || null, relyingPartyId });
      byRelyingParty.clear();
      await deps.audit.record({ ...actor(caller), action: `lodging.facility.${decision}`, subjectKind: 'lodging_facility', subjectId: String(id), requestId });
      return view(row!);
    },

    /** A staff account for an approved facility; the initial password is returned once. */
    async addStaff(caller: OfficerCaller, id: number, input: { username: string; fullName: string }, requestId?: string) {
      const f = await getInArea(caller, id);
      if (f.status !== 'approved') throw new DomainError('FACILITY_STATE', { status: FACILITY_STATUSES[f.status as FacilityStatus] ?? f.status });
      const password = randomBytes(12).toString('base64url');
      const created = await deps.createStaff({
        username: input.username, fullName: input.fullName.trim(), relyingPartyId: await ensureRelyingParty(f), areaCode: f.commune_code, password,
      });
      if (created === undefined) throw new DomainError('FACILITY_USERNAME_TAKEN', { username: input.username });
      await deps.audit.record({ ...actor(caller), action: 'lodging.facility.staff-added', subjectKind: 'officer', subjectId: String(created), requestId });
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
