import { createHash } from 'node:crypto';
import type { VerifierCaller } from '../../platform/access.js';
import { appendAudit, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import type { Db, Queryable } from '../../platform/db.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { createBatcher } from '../../platform/batch.js';
import { isRealDate } from '../registry/index.js';
import { isLate, notificationDeadline, MAX_STAY_DAYS } from './deadline.js';
import { todayInVietnam } from '../../platform/time.js';
import { identifyGuest, type GuestVerifier, type IdentifiedGuest } from './guests.js';
import { GUEST_ROLES, rolesOf, type FacilityKind, type GuestRole } from './kinds.js';
import type { DeclareInput } from './schema.js';
import type { AlertInsert, BookingInsert, FacilityRow, LodgingStore, StayRow } from './store.js';
import { stayView } from './views.js';
import type { WatchHit } from './watchlist-index.js';

/**
 * A declaration from a desk, step by step: the facility behind the desk, the idempotency key (a repeat
 * returns the first answer), the booking's own fields, each guest identified, the law's deadline for
 * each stay, the watchlist, then one durable commit (stays, alerts and audit entries together,
 * grouped with concurrent declarations) before the answer leaves. Alerts are never in the answer.
 */
export interface DeclarationDeps {
  db: Db;
  store: LodgingStore;
  guests: GuestVerifier;
  facilityOf: (verifier: VerifierCaller) => Promise<FacilityRow>;
  match: (guest: IdentifiedGuest) => Promise<WatchHit[]>;
  /** Reads of guests at the desk are audited like any read of personal data. */
  audit: AuditWriter;
  /** Called after the commit with the new alerts (the police consoles listen). */
  alertsRaised: (raised: { alertIds: number[]; communeCode: string; provinceCode: string }) => void;
  now?: () => Date;
}

const PURPOSE = 'Thông báo lưu trú';
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

interface Pending {
  booking: BookingInsert;
  hits: WatchHit[][];
  audit: AuditEntry[];
  result?: { bookingId: number; stayIds: number[]; alertIds: number[] } | null;
}

/** Who acts at a desk: the staff member signed in, or the facility's own system with its API key. */
function deskActor(verifier: VerifierCaller) {
  return verifier.staffId === null
    ? { actorKind: 'system' as const, actorId: `rp:${verifier.relyingPartyId}` }
    : { actorKind: 'officer' as const, actorId: String(verifier.staffId) };
}

export function checkIdempotencyKey(value: string | undefined): string {
  const key = value?.trim();
  if (!key || key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key)) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
  return key;
}

function requestHash(input: DeclareInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

function checkArrival(value: string | undefined, now: Date, errors: FieldError[]): Date {
  if (value === undefined) return now;
  const at = INSTANT.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) errors.push(fieldError('arrivedAt', 'INVALID_INSTANT'));
  else if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) errors.push(fieldError('arrivedAt', 'ARRIVAL_IN_FUTURE'));
  else if (now.getTime() - at.getTime() > MAX_STAY_DAYS * 86_400_000) errors.push(fieldError('arrivedAt', 'ARRIVAL_TOO_OLD', { days: MAX_STAY_DAYS }));
  else return at;
  return now;
}

function checkBooking(input: DeclareInput, facility: FacilityRow, arrivedAt: Date, errors: FieldError[]) {
  if (!input.reason.trim()) errors.push(fieldError('reason', 'REQUIRED'));
  const departure = input.expectedDeparture?.trim() || null;
  if (departure && !isRealDate(departure)) errors.push(fieldError('expectedDeparture', 'INVALID_DATE'));
  else if (departure && departure < todayInVietnam(arrivedAt)) errors.push(fieldError('expectedDeparture', 'DEPARTURE_BEFORE_ARRIVAL'));
  const bus = facility.kind === 'bus_operator';
  if (bus && !input.trip) errors.push(fieldError('trip', 'TRIP_REQUIRED'));
  if (!bus && input.trip) errors.push(fieldError('trip', 'TRIP_NOT_ALLOWED'));
  const allowed = rolesOf(facility.kind as FacilityKind);
  input.guests.forEach((g, i) => {
    const role = g.role as GuestRole | undefined;
    if (role && !allowed.includes(role)) {
      errors.push(fieldError(`guests.${i}.role`, 'GUEST_ROLE', { role: GUEST_ROLES[role] ?? role, allowed: allowed.map((r) => GUEST_ROLES[r]).join(', ') }));
    }
  });
  return departure;
}

function checkNoDuplicates(guests: (IdentifiedGuest | null)[], errors: FieldError[]) {
  const seen = new Map<string, number>();
  guests.forEach((g, i) => {
    if (!g) return;
    const key = g.personalId ?? g.legacyId ?? `${g.nationality}:${g.passportNumber}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(fieldError(`guests.${i}`, 'GUEST_DUPLICATE', { index: first + 1 }));
    else seen.set(key, i);
  });
}

export function createDeclarations(deps: DeclarationDeps) {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());

  /** Idempotency-key lookups of requests that arrive together leave as one query. */
  const bookingByKey = createBatcher((keys: { facilityId: number; key: string }[]) => store.findBookingsByKeys(keys));

  const commits = new GroupCommit<Pending>(deps.db, async (tx: Queryable, items) => {
    const written = await store.insertBookings(tx, items.map((i) => i.booking));
    const alerts: AlertInsert[] = [];
    const audit: AuditEntry[] = [];
    const itemOfStay = new Map<number, Pending>();
    items.forEach((item, n) => {
      const w = written[n];
      item.result = w && { ...w, alertIds: [] };
      if (!w) return;
      audit.push(...item.audit);
      item.hits.forEach((hits, i) => hits.forEach((h) => {
        alerts.push({ entryId: h.entry.id, stayId: w.stayIds[i], match: h.match, score: h.score, communeCode: item.booking.communeCode, provinceCode: item.booking.provinceCode });
        itemOfStay.set(w.stayIds[i], item);
      }));
    });
    for (const a of await store.insertAlerts(tx, alerts)) itemOfStay.get(a.stayId)!.result!.alertIds.push(a.id);
    for (const a of alerts) {
      audit.push({ actorKind: 'system', actorId: 'watchlist', action: 'lodging.alert.raised', subjectKind: 'lodging_stay', subjectId: String(a.stayId), fields: [a.match], purpose: 'Đối chiếu danh sách theo dõi' });
    }
    await appendAudit(tx, audit);
  });

  async function replay(existing: { id: string; request_hash: string }, hash: string) {
    if (existing.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    const rows = await store.staysOfBooking(Number(existing.id));
    return { bookingId: Number(existing.id), replayed: true, stays: rows.map((r) => stayView(r, true)) };
  }

  return {
    async declare(verifier: VerifierCaller, input: DeclareInput, idempotencyKey: string | undefined, requestId?: string) {
      const facility = await deps.facilityOf(verifier);
      const key = checkIdempotencyKey(idempotencyKey);
      const hash = requestHash(input);
      const existing = await bookingByKey.load({ facilityId: Number(facility.id), key });
      if (existing) return replay(existing, hash);

      const declaredAt = now();
      const errors: FieldError[] = [];
      const arrivedAt = checkArrival(input.arrivedAt, declaredAt, errors);
      const expectedDeparture = checkBooking(input, facility, arrivedAt, errors);
      const guests = await Promise.all(input.guests.map((g, i) => identifyGuest(g, i, deps.guests, verifier, errors, requestId)));
      checkNoDuplicates(guests, errors);
      if (errors.length) throw new DomainError('STAY_INVALID', {}, errors);

      const identified = guests as IdentifiedGuest[];
      const roles = rolesOf(facility.kind as FacilityKind);
      const stays = identified.map((g, i) => {
        const dueAt = notificationDeadline(arrivedAt, { foreigner: g.foreigner, remoteArea: facility.remote_area });
        return { ...g, role: (input.guests[i].role ?? roles[0]) as GuestRole, dueAt, late: isLate(declaredAt, dueAt) };
      });
      const booking: BookingInsert = {
        facilityId: Number(facility.id), communeCode: facility.commune_code, provinceCode: facility.province_code, facilityKind: facility.kind,
        idempotencyKey: key, requestHash: hash, staffId: verifier.staffId, room: input.room?.trim() || null, reason: input.reason.trim(),
        trip: input.trip ?? null, arrivedAt, expectedDeparture, declaredAt, stays,
      };
      const actor = deskActor(verifier);
      const audit: AuditEntry[] = stays.map((s) => ({
        ...actor, action: 'lodging.stay.declared', subjectKind: s.foreigner ? 'passport' : 'person',
        subjectId: s.personalId ?? s.legacyId ?? `${s.nationality}:${s.passportNumber}`,
        fields: ['full_name', 'date_of_birth', s.personalId ? 'personal_id' : s.legacyId ? 'legacy_id' : 'passport_number'], purpose: PURPOSE, requestId,
      }));
      const hits = await Promise.all(identified.map((g) => deps.match(g)));

      const item: Pending = { booking, hits, audit };
      await commits.add(item);
      if (!item.result) {
        // The same key was committed by a concurrent request (a double click): answer with that one.
        return replay((await bookingByKey.load({ facilityId: Number(facility.id), key }))!, hash);
      }
      if (item.result.alertIds.length) deps.alertsRaised({ alertIds: item.result.alertIds, communeCode: facility.commune_code, provinceCode: facility.province_code });
      const rows: StayRow[] = stays.map((s, i) => ({
        id: String(item.result!.stayIds[i]), booking_id: String(item.result!.bookingId), facility_id: facility.id, facility_name: facility.name,
        commune_code: facility.commune_code, province_code: facility.province_code, facility_kind: facility.kind, role: s.role, foreigner: s.foreigner,
        personal_id: s.personalId, legacy_id: s.legacyId, passport_number: s.passportNumber, nationality: s.nationality, visa_document: s.visaDocument,
        full_name: s.fullName, date_of_birth: s.dateOfBirth, sex: s.sex, id_method: s.idMethod, verified: s.verified, reason: booking.reason,
        room: booking.room, arrived_at: arrivedAt.toISOString(), expected_departure: expectedDeparture, declared_at: declaredAt.toISOString(),
        due_at: s.dueAt.toISOString(), late: s.late, departed_at: null, trip: booking.trip,
      }));
      return { bookingId: item.result.bookingId, replayed: false, stays: rows.map((r) => stayView(r, true)) };
    },

    async guestsAt(verifier: VerifierCaller, current: boolean) {
      const facility = await deps.facilityOf(verifier);
      const rows = await store.staysOfFacility(Number(facility.id), { current, limit: 500 });
      await deps.audit.recordAll(rows.map((r) => ({
        ...deskActor(verifier), action: 'lodging.stay.desk-read', subjectKind: r.personal_id ? 'person' : 'passport',
        subjectId: r.personal_id ?? r.legacy_id ?? `${r.nationality}:${r.passport_number}`, fields: ['full_name', 'date_of_birth', 'room'], purpose: PURPOSE,
      })));
      return { items: rows.map((r) => stayView(r, true)) };
    },

    async checkOut(verifier: VerifierCaller, stayIds: number[], departedAt: string | undefined) {
      const facility = await deps.facilityOf(verifier);
      const at = departedAt ? new Date(departedAt) : now();
      if (at.getTime() > now().getTime() + FUTURE_TOLERANCE_MS) throw new DomainError('STAY_INVALID', {}, [fieldError('departedAt', 'DEPARTURE_IN_FUTURE')]);
      const done = await store.checkOut(stayIds, Number(facility.id), at);
      if (!done.length) throw new DomainError('STAY_NOT_FOUND');
      return { stayIds: done };
    },

    drain: () => commits.drain(),
  };
}
