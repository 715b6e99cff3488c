import { shownAs } from '../../platform/audit.js';
import { maskPersonalId } from '../registry/index.js';
import { GUEST_ROLES, ID_METHODS, MATCH_KINDS, WATCHLIST_KINDS, type GuestRole, type IdMethod, type MatchKind, type WatchlistKind } from './kinds.js';
import { needsTemporaryResidence } from './deadline.js';
import { nationalityName } from './guests.js';
import { explainMatch } from './match-explain.js';
import type { AlertRow, StayChangeRow, StayRow, WatchlistRow } from './store.js';

/** The JSON shapes of stays, alerts and watchlist entries (schema.ts: Stay, Alert, WatchlistEntry). */
const iso = (v: string | Date) => new Date(v).toISOString();
const isoOrNull = (v: string | Date | null) => (v === null ? null : iso(v));

/** Whom an audit entry about a stay names: the person by personal ID (or CMND), a foreigner by nationality and passport. */
function subjectOf(stayId: string | number, personalId: string | null, legacyId: string | null, nationality: string, passportNumber: string | null) {
  return {
    kind: personalId ? 'person' : 'passport',
    id: personalId ?? legacyId ?? (passportNumber ? `${nationality}:${passportNumber}` : `stay:${stayId}`),
  };
}

/** The same from a stay's row (entries written by the service). */
export function guestSubject(r: Pick<StayRow, 'id' | 'personal_id' | 'legacy_id' | 'nationality' | 'passport_number'>) {
  const { kind, id } = subjectOf(r.id, r.personal_id, r.legacy_id, r.nationality, r.passport_number);
  return { subjectKind: kind, subjectId: id };
}

/** The same from an unmasked stay of an answer (a route's read audit). */
export function stayViewSubject(s: { id: number; personalId: string | null; legacyId: string | null; nationality: string; passportNumber: string | null }) {
  return subjectOf(s.id, s.personalId, s.legacyId, s.nationality, s.passportNumber);
}

/** A stay; `masked` hides the middle of identity numbers (lists, the desk). */
export function stayView(r: StayRow, masked: boolean) {
  const mask = (v: string | null) => (v && masked ? maskPersonalId(v) : v);
  const arrivedAt = new Date(r.arrived_at);
  const until = r.departed_at ? new Date(r.departed_at) : r.expected_departure ?? new Date();
  const trip = r.trip as { route: string; plate: string; departureAt: string } | null;
  return {
    id: Number(r.id), bookingId: Number(r.booking_id), facilityId: Number(r.facility_id), facilityName: r.facility_name, communeCode: r.commune_code,
    role: r.role, roleLabel: GUEST_ROLES[r.role as GuestRole] ?? r.role, foreigner: r.foreigner,
    personalId: mask(r.personal_id), legacyId: mask(r.legacy_id), passportNumber: mask(r.passport_number),
    nationality: r.nationality, nationalityName: nationalityName(r.nationality), visaDocument: masked ? null : r.visa_document,
    fullName: r.full_name, dateOfBirth: r.date_of_birth, sex: r.sex,
    idMethod: r.id_method, idMethodLabel: ID_METHODS[r.id_method as IdMethod] ?? r.id_method, verified: r.verified,
    reason: r.reason, room: r.room, arrivedAt: iso(arrivedAt), expectedDeparture: r.expected_departure,
    declaredAt: iso(r.declared_at), dueAt: iso(r.due_at), late: r.late, departedAt: isoOrNull(r.departed_at),
    needsTemporaryResidence: needsTemporaryResidence(arrivedAt, until, r.foreigner),
    trip: trip ? { route: trip.route, plate: trip.plate, departureAt: trip.departureAt } : null,
    amendedAt: isoOrNull(r.amended_at), cancelledAt: isoOrNull(r.cancelled_at), cancelReason: r.cancel_reason,
  };
}

/** A correction or cancellation of a stay, as the police see it. */
export function stayChangeView(r: StayChangeRow) {
  return {
    kind: r.kind, at: iso(r.at), roomBefore: r.room_before, roomAfter: r.room_after,
    expectedDepartureBefore: r.departure_before, expectedDepartureAfter: r.departure_after, reason: r.reason,
  };
}
export type StayView = ReturnType<typeof stayView>;

/**
 * A stay as a list shows it (identity numbers masked): the answer cannot name its guest, so the item is
 * marked with them (platform `shownAs`) and the route's read audit names them with `subjectShown`.
 */
export function shownStay(r: StayRow): StayView {
  return shownAs(stayView(r, true), subjectOf(r.id, r.personal_id, r.legacy_id, r.nationality, r.passport_number));
}

/** What an alert matched, from the stay's side and the entry's (match-explain.ts). */
function matchedOf(r: AlertRow, stay: { fullName: string; personalId: string | null; dateOfBirth: string }) {
  return explainMatch(stay, { fullName: r.entry_name, personalId: r.entry_personal_id, dateOfBirth: r.entry_date_of_birth, birthYear: Number(r.entry_birth_year) });
}

function alertCore(r: AlertRow, stay: { fullName: string; personalId: string | null; dateOfBirth: string }) {
  return {
    matched: matchedOf(r, stay),
    id: Number(r.id), match: r.match, matchLabel: MATCH_KINDS[r.match as MatchKind] ?? r.match, score: Math.round(Number(r.score) * 100) / 100,
    createdAt: iso(r.created_at), acknowledgedAt: isoOrNull(r.acknowledged_at), acknowledgedBy: r.acknowledged_by_name,
    entry: {
      id: Number(r.entry_id), kind: r.entry_kind, kindLabel: WATCHLIST_KINDS[r.entry_kind as WatchlistKind] ?? r.entry_kind, fullName: r.entry_name,
      personalId: r.entry_personal_id, dateOfBirth: r.entry_date_of_birth, birthYear: Number(r.entry_birth_year), note: r.entry_note,
    },
  };
}

/** An alert of a stay shown in full (the stay's own row says who was declared). */
export function alertOfStayView(r: AlertRow, stay: StayRow) {
  return alertCore(r, { fullName: stay.full_name, personalId: stay.personal_id, dateOfBirth: stay.date_of_birth });
}

export function alertView(r: AlertRow) {
  return {
    ...alertCore(r, { fullName: r.stay_name, personalId: r.stay_personal_id, dateOfBirth: r.stay_date_of_birth }),
    stay: {
      id: Number(r.stay_id), fullName: r.stay_name, personalId: r.stay_personal_id, passportNumber: r.stay_passport_number,
      dateOfBirth: r.stay_date_of_birth, arrivedAt: iso(r.stay_arrived_at), verified: r.stay_verified,
    },
    facility: { id: Number(r.facility_id), name: r.facility_name, address: r.facility_address },
    communeCode: r.commune_code,
  };
}
export type AlertView = ReturnType<typeof alertView>;

export function watchlistView(r: WatchlistRow) {
  return {
    id: Number(r.id), kind: r.kind, kindLabel: WATCHLIST_KINDS[r.kind as WatchlistKind] ?? r.kind, personalId: r.personal_id, fullName: r.full_name,
    dateOfBirth: r.date_of_birth, birthYear: Number(r.birth_year), sex: r.sex, note: r.note, createdAt: iso(r.created_at),
  };
}
