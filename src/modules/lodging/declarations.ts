import { createHash } from 'node:crypto';
import type { VerifierCaller } from '../../platform/access.js';
import { audited, auditedTogether, unchanged, type AuditDetails, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import { currentContext, type RequestContext } from '../../platform/context.js';
import type { Db, Transaction } from '../../platform/db.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { createBatcher } from '../../platform/batch.js';
import { isRealDate, normalizeName } from '../registry/index.js';
import { isLate, needsTemporaryResidence, notificationDeadline, MAX_STAY_DAYS } from './deadline.js';
import { todayInVietnam } from '../../platform/time.js';
import { identifyGuest, type GuestVerifier, type IdentifiedGuest } from './guests.js';
import { GUEST_ROLES, rolesOf, type FacilityKind, type GuestRole } from './kinds.js';
import type { AmendStayInput, DeclareInput } from './schema.js';
import { createLodgingStore, type AlertInsert, type BookingInsert, type FacilityRow, type LodgingStore, type StayRow } from './store.js';
import { guestSubject, shownStay, stayView } from './views.js';
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
  /** Announces the new alerts with the commit of `tx`, once per commune of a group commit (the police consoles listen). */
  alertsRaised: (tx: Transaction, raised: { alertIds: number[]; communeCode: string; provinceCode: string }) => Promise<void>;
  /** Called after the commit of a facility's amendment or cancellation (the police consoles reload the stay). */
  stayChanged: (changed: { stayId: number; change: 'amended' | 'cancelled'; communeCode: string; provinceCode: string }) => void;
  now?: () => Date;
}

const PURPOSE = 'Thông báo lưu trú';
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Alert ids per event: a NOTIFY payload holds 8,000 bytes. */
const EVENT_ALERTS = 400;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

interface Pending {
  booking: BookingInsert;
  hits: WatchHit[][];
  /** One entry per guest, written in the group's transaction under the request's context. */
  audit: AuditDetails[];
  context: RequestContext | undefined;
  result?: { bookingId: number; stayIds: number[] } | null;
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

/**
 * The longest stay a notification covers, the same for a declaration and a later correction: a citizen
 * expected to stay longer than MAX_STAY_DAYS must register temporary residence (foreigners: their own regime).
 */
function checkStayLength(arrivedAt: Date, departure: string | null, foreigners: boolean[], errors: FieldError[]): void {
  if (departure && foreigners.some((foreigner) => needsTemporaryResidence(arrivedAt, departure, foreigner))) {
    errors.push(fieldError('expectedDeparture', 'DEPARTURE_TOO_LATE', { days: MAX_STAY_DAYS }));
  }
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

  /**
   * Why a stay of this facility could not be changed: it has ended, or it is not theirs (404, like one of
   * another facility). Read through the write's own transaction: PGlite runs one transaction at a time.
   */
  async function closedOrMissing(txStore: LodgingStore, stayId: number, facilityId: number): Promise<DomainError> {
    const stay = await txStore.findStay(stayId);
    return stay && Number(stay.facility_id) === facilityId ? new DomainError('STAY_CLOSED') : new DomainError('STAY_NOT_FOUND');
  }

  /** Idempotency-key lookups of requests that arrive together leave as one query. */
  const bookingByKey = createBatcher((keys: { facilityId: number; key: string }[]) => store.findBookingsByKeys(keys));

  const commits = new GroupCommit<Pending>(deps.db, async (tx: Transaction, items) => {
    const written = await store.insertBookings(tx, items.map((i) => i.booking));
    const alerts: AlertInsert[] = [];
    const itemOfStay = new Map<number, Pending>();
    items.forEach((item, n) => {
      const w = written[n];
      item.result = w;
      if (!w) return;
      item.hits.forEach((hits, i) => hits.forEach((h) => {
        alerts.push({ entryId: h.entry.id, stayId: w.stayIds[i], match: h.match, score: h.score, communeCode: item.booking.communeCode, provinceCode: item.booking.provinceCode });
        itemOfStay.set(w.stayIds[i], item);
      }));
    });
    const raised = await store.insertAlerts(tx, alerts);
    // Each declaration's entries under its own request's context (the flush runs in none), then, in the
    // same append, one event entry per match: a match is the watchlist's doing, not the desk's declaration.
    await auditedTogether(tx, items.filter((i) => i.result).map((i) => ({ details: i.audit, ctx: i.context })), alerts.map((a): AuditEntry => ({
      actorKind: 'system', actorId: 'watchlist', action: 'lodging.alert.raised', subjectKind: 'lodging_stay', subjectId: String(a.stayId), fields: [a.match],
      purpose: 'Đối chiếu danh sách theo dõi',
    })));
    // The police consoles hear of the group's alerts when it commits: one event per area of the group,
    // not one per declaration (on every node, each event is one read of its alerts).
    if (raised.length) await raiseEvents(tx, raised.map((a) => ({ id: a.id, item: itemOfStay.get(a.stayId)! })));
  });

  /** One `lodging.alert.raised` per commune of the group's alerts, in chunks that fit a NOTIFY payload. */
  async function raiseEvents(tx: Transaction, raised: { id: number; item: Pending }[]) {
    const byCommune = new Map<string, { communeCode: string; provinceCode: string; alertIds: number[] }>();
    for (const { id, item: { booking } } of raised) {
      const key = `${booking.provinceCode}|${booking.communeCode}`;
      const event = byCommune.get(key) ?? { communeCode: booking.communeCode, provinceCode: booking.provinceCode, alertIds: [] };
      event.alertIds.push(id);
      byCommune.set(key, event);
    }
    for (const event of byCommune.values()) {
      for (let i = 0; i < event.alertIds.length; i += EVENT_ALERTS) await deps.alertsRaised(tx, { ...event, alertIds: event.alertIds.slice(i, i + EVENT_ALERTS) });
    }
  }

  async function replay(existing: { id: string; request_hash: string }, hash: string) {
    if (existing.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    // The first request wrote the stays and their entries; this answer repeats it and changes nothing.
    unchanged();
    const rows = await store.staysOfBooking(Number(existing.id));
    return { bookingId: Number(existing.id), replayed: true, stays: rows.map((r) => stayView(r, true)) };
  }

  return {
    async declare(verifier: VerifierCaller, input: DeclareInput, idempotencyKey: string | undefined) {
      const facility = await deps.facilityOf(verifier);
      const key = checkIdempotencyKey(idempotencyKey);
      const hash = requestHash(input);
      const existing = await bookingByKey.load({ facilityId: Number(facility.id), key });
      if (existing) return replay(existing, hash);

      const declaredAt = now();
      const errors: FieldError[] = [];
      const arrivedAt = checkArrival(input.arrivedAt, declaredAt, errors);
      const expectedDeparture = checkBooking(input, facility, arrivedAt, errors);
      const guests = await Promise.all(input.guests.map((g, i) => identifyGuest(g, i, deps.guests, verifier, errors)));
      checkNoDuplicates(guests, errors);
      if (!errors.some((e) => e.field === 'expectedDeparture')) checkStayLength(arrivedAt, expectedDeparture, guests.map((g) => g?.foreigner ?? false), errors);
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
      const audit: AuditDetails[] = stays.map((s) => ({
        subjectKind: s.foreigner ? 'passport' : 'person',
        subjectId: s.personalId ?? s.legacyId ?? `${s.nationality}:${s.passportNumber}`,
        fields: ['full_name', 'date_of_birth', s.personalId ? 'personal_id' : s.legacyId ? 'legacy_id' : 'passport_number'], purpose: PURPOSE,
      }));
      const hits = await Promise.all(identified.map((g) => deps.match(g)));

      // The group's write runs outside any request: it writes each declaration's entries under its own context.
      const item: Pending = { booking, hits, audit, context: currentContext() };
      await commits.add(item);
      if (!item.result) {
        // The same key was committed by a concurrent request (a double click): answer with that one.
        return replay((await bookingByKey.load({ facilityId: Number(facility.id), key }))!, hash);
      }
      const rows: StayRow[] = stays.map((s, i) => ({
        id: String(item.result!.stayIds[i]), booking_id: String(item.result!.bookingId), facility_id: facility.id, facility_name: facility.name,
        commune_code: facility.commune_code, province_code: facility.province_code, facility_kind: facility.kind, role: s.role, foreigner: s.foreigner,
        personal_id: s.personalId, legacy_id: s.legacyId, passport_number: s.passportNumber, nationality: s.nationality, visa_document: s.visaDocument,
        full_name: s.fullName, date_of_birth: s.dateOfBirth, sex: s.sex, id_method: s.idMethod, verified: s.verified, reason: booking.reason,
        room: booking.room, arrived_at: arrivedAt.toISOString(), expected_departure: expectedDeparture, declared_at: declaredAt.toISOString(),
        due_at: s.dueAt.toISOString(), late: s.late, departed_at: null, trip: booking.trip, cancelled_at: null, cancel_reason: null, amended_at: null,
      }));
      return { bookingId: item.result.bookingId, replayed: false, stays: rows.map((r) => stayView(r, true)) };
    },

    /** The in-house list (or every recent guest), searchable by name (without diacritics too) and room. */
    async guestsAt(verifier: VerifierCaller, f: { current: boolean; q?: string; room?: string }) {
      const facility = await deps.facilityOf(verifier);
      const q = f.q?.trim() ? normalizeName(f.q) || undefined : undefined;
      const rows = await store.staysOfFacility(Number(facility.id), { current: f.current, q, room: f.room?.trim() || undefined, limit: 500 });
      // The answer masks the IDs: each item is marked with its guest for the route's read audit.
      return { items: rows.map(shownStay) };
    },

    async checkOut(verifier: VerifierCaller, stayIds: number[], departedAt: string | undefined) {
      const facility = await deps.facilityOf(verifier);
      const at = departedAt ? new Date(departedAt) : now();
      if (at.getTime() > now().getTime() + FUTURE_TOLERANCE_MS) throw new DomainError('STAY_INVALID', {}, [fieldError('departedAt', 'DEPARTURE_IN_FUTURE')]);
      const done = await deps.db.transaction(async (tx) => {
        const departed = await createLodgingStore(tx).checkOut(stayIds, Number(facility.id), at);
        if (!departed.length) throw new DomainError('STAY_NOT_FOUND');
        await audited(tx, departed.map((r) => ({ ...guestSubject(r), fields: ['departed_at'], purpose: PURPOSE })));
        return departed;
      });
      return { stayIds: done.map((r) => Number(r.id)) };
    },

    /** The facility corrects the room and/or expected departure of a guest still in the house. */
    async amend(verifier: VerifierCaller, stayId: number, input: AmendStayInput) {
      const facility = await deps.facilityOf(verifier);
      const errors: FieldError[] = [];
      const to: { room?: string | null; expectedDeparture?: string | null } = {};
      if (input.room !== undefined) to.room = input.room?.trim() || null;
      if (input.expectedDeparture !== undefined) {
        const departure = input.expectedDeparture?.trim() || null;
        if (departure && !isRealDate(departure)) errors.push(fieldError('expectedDeparture', 'INVALID_DATE'));
        to.expectedDeparture = departure;
      }
      if (input.room === undefined && input.expectedDeparture === undefined) errors.push(fieldError('room', 'AMEND_NOTHING'));
      if (errors.length) throw new DomainError('STAY_INVALID', {}, errors);
      const changed = await deps.db.transaction(async (tx) => {
        const txStore = createLodgingStore(tx);
        const row = await txStore.amendStay(tx, stayId, Number(facility.id), to);
        if (!row) throw await closedOrMissing(txStore, stayId, Number(facility.id));
        const stay = (await txStore.findStay(stayId))!;
        const arrivedAt = new Date(stay.arrived_at);
        if (row.expected_departure && row.expected_departure < todayInVietnam(arrivedAt)) {
          throw new DomainError('STAY_INVALID', {}, [fieldError('expectedDeparture', 'DEPARTURE_BEFORE_ARRIVAL')]);
        }
        const tooLong: FieldError[] = [];
        if (to.expectedDeparture !== undefined) checkStayLength(arrivedAt, row.expected_departure, [stay.foreigner], tooLong);
        if (tooLong.length) throw new DomainError('STAY_INVALID', {}, tooLong);
        await txStore.insertStayChange(tx, {
          stayId, kind: 'amended', staffId: verifier.staffId, roomBefore: row.room_before, roomAfter: row.room,
          departureBefore: row.departure_before, departureAfter: row.expected_departure, reason: null,
        });
        const fields = [...(to.room !== undefined ? ['room'] : []), ...(to.expectedDeparture !== undefined ? ['expected_departure'] : [])];
        await audited(tx, { ...guestSubject(row), fields, purpose: PURPOSE });
        return stay;
      });
      deps.stayChanged({ stayId, change: 'amended', communeCode: changed.commune_code, provinceCode: changed.province_code });
      return stayView(changed, true);
    },

    /** The facility cancels a declaration of a guest still in the house (declared by mistake, never arrived), with a reason. */
    async cancel(verifier: VerifierCaller, stayId: number, reason: string) {
      const facility = await deps.facilityOf(verifier);
      const why = reason.trim();
      if (!why) throw new DomainError('STAY_INVALID', {}, [fieldError('reason', 'REQUIRED')]);
      const cancelled = await deps.db.transaction(async (tx) => {
        const txStore = createLodgingStore(tx);
        const row = await txStore.cancelStay(tx, stayId, Number(facility.id), why);
        if (!row) throw await closedOrMissing(txStore, stayId, Number(facility.id));
        await txStore.insertStayChange(tx, {
          stayId, kind: 'cancelled', staffId: verifier.staffId, roomBefore: row.room_before, roomAfter: row.room,
          departureBefore: row.departure_before, departureAfter: row.expected_departure, reason: why,
        });
        await audited(tx, { ...guestSubject(row), fields: ['cancelled_at', 'cancel_reason'], purpose: PURPOSE });
        return (await txStore.findStay(stayId))!;
      });
      deps.stayChanged({ stayId, change: 'cancelled', communeCode: cancelled.commune_code, provinceCode: cancelled.province_code });
      return stayView(cancelled, true);
    },

    drain: () => commits.drain(),
  };
}
