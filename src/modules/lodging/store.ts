import type { Queryable } from '../../platform/db.js';

/**
 * SQL of the lodging module: facilities, bookings, stays, the watchlist and its alerts. The only code
 * that reads these tables. Area filters compare the province or commune code kept on each row.
 */
export interface FacilityRow {
  id: string;
  name: string;
  kind: string;
  star_class: number | null;
  commune_code: string;
  province_code: string;
  address: string;
  capacity: number | null;
  remote_area: boolean;
  owner_name: string;
  phone: string;
  status: string;
  relying_party_id: string | null;
  applicant_username: string | null;
  applicant_password_hash: string | null;
  decision_note: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface FacilityListRow extends FacilityRow {
  last_declared_at: string | null;
  current_guests: number;
  stays_30d: number;
}

export interface StayRow {
  id: string;
  booking_id: string;
  facility_id: string;
  facility_name: string;
  commune_code: string;
  province_code: string;
  facility_kind: string;
  role: string;
  foreigner: boolean;
  personal_id: string | null;
  legacy_id: string | null;
  passport_number: string | null;
  nationality: string;
  visa_document: string | null;
  full_name: string;
  date_of_birth: string;
  sex: string | null;
  id_method: string;
  verified: boolean;
  reason: string;
  room: string | null;
  arrived_at: string;
  expected_departure: string | null;
  declared_at: string;
  due_at: string;
  late: boolean;
  departed_at: string | null;
  trip: unknown;
  cancelled_at: string | null;
  cancel_reason: string | null;
  amended_at: string | null;
}

/** A correction or cancellation of a stay by its facility (what the police see of it). */
export interface StayChangeRow {
  id: string;
  stay_id: string;
  kind: 'amended' | 'cancelled';
  at: string;
  staff_id: string | null;
  room_before: string | null;
  room_after: string | null;
  departure_before: string | null;
  departure_after: string | null;
  reason: string | null;
}

/** What an amendment or cancellation changed: the stay before and after, and whom it is about. */
export type ChangedStayRow = DepartedRow & { room_before: string | null; departure_before: string | null; room: string | null; expected_departure: string | null };

export interface StayInsert {
  role: string;
  foreigner: boolean;
  personalId: string | null;
  legacyId: string | null;
  passportNumber: string | null;
  nationality: string;
  visaDocument: string | null;
  fullName: string;
  nameNorm: string;
  dateOfBirth: string;
  sex: string | null;
  idMethod: string;
  verified: boolean;
  dueAt: Date;
  late: boolean;
}

export interface BookingInsert {
  facilityId: number;
  communeCode: string;
  provinceCode: string;
  facilityKind: string;
  idempotencyKey: string;
  requestHash: string;
  staffId: number | null;
  room: string | null;
  reason: string;
  trip: unknown;
  arrivedAt: Date;
  expectedDeparture: string | null;
  declaredAt: Date;
  stays: StayInsert[];
}

export interface WatchlistRow {
  id: string;
  kind: string;
  personal_id: string | null;
  full_name: string;
  name_norm: string;
  date_of_birth: string | null;
  birth_year: number;
  sex: string | null;
  note: string | null;
  province_code: string;
  active: boolean;
  revision: string;
  created_at: string;
}

export interface WatchlistInsert {
  kind: string;
  personalId: string | null;
  fullName: string;
  nameNorm: string;
  dateOfBirth: string | null;
  birthYear: number;
  sex: string | null;
  note: string | null;
  provinceCode: string;
  addedBy: number | null;
}

export interface AlertInsert {
  entryId: number;
  stayId: number;
  match: string;
  score: number;
  communeCode: string;
  provinceCode: string;
}

export interface AlertRow {
  id: string;
  entry_id: string;
  stay_id: string;
  match: string;
  score: number;
  commune_code: string;
  province_code: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
  entry_kind: string;
  entry_name: string;
  entry_personal_id: string | null;
  entry_date_of_birth: string | null;
  entry_birth_year: number;
  entry_note: string | null;
  stay_name: string;
  stay_personal_id: string | null;
  stay_passport_number: string | null;
  stay_date_of_birth: string;
  stay_arrived_at: string;
  stay_verified: boolean;
  facility_id: string;
  facility_name: string;
  facility_address: string;
}

/** Where an officer may look: a commune, or a whole province. */
export interface Area {
  level: 'commune' | 'province';
  code: string;
}

export interface StayFilter {
  area: Area;
  q?: string;
  personalId?: string;
  facilityId?: number;
  communeCode?: string;
  current?: boolean;
  late?: boolean;
  foreigner?: boolean;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

const FACILITY_COLUMNS = `f.id, f.name, f.kind, f.star_class, f.commune_code, f.province_code, f.address, f.capacity, f.remote_area,
  f.owner_name, f.phone, f.status, f.relying_party_id, f.applicant_username, f.applicant_password_hash, f.decision_note, f.created_at, f.decided_at`;

const STAY_COLUMNS = `s.id, s.booking_id, s.facility_id, f.name AS facility_name, s.commune_code, s.province_code, s.facility_kind, s.role,
  s.foreigner, s.personal_id, s.legacy_id, s.passport_number, s.nationality, s.visa_document, s.full_name, s.date_of_birth::text AS date_of_birth,
  s.sex, s.id_method, s.verified, s.reason, s.room, s.arrived_at, s.expected_departure::text AS expected_departure, s.declared_at, s.due_at,
  s.late, s.departed_at, b.trip, s.cancelled_at, s.cancel_reason, s.amended_at`;

/** `alias.province_code` / `alias.commune_code` limited to an area; `$n` holds the code. */
/** A guest checked out: the stay and who it is (the audit entry's subject). */
export type DepartedRow = Pick<StayRow, 'id' | 'personal_id' | 'legacy_id' | 'nationality' | 'passport_number'>;

function areaSql(alias: string, area: Area, n: number): string {
  return area.level === 'province' ? `${alias}.province_code = $${n}` : `${alias}.commune_code = $${n}`;
}

/** Where statistics look: an officer's area, or a list of communes (null: everywhere) for the operations centre. */
export type Scope = Area | { communes: string[] | null };

function scopeSql(alias: string, scope: Scope, n: number): { sql: string; value: unknown } {
  if ('communes' in scope) return { sql: `($${n}::text[] IS NULL OR ${alias}.commune_code = ANY($${n}))`, value: scope.communes };
  return { sql: areaSql(alias, scope, n), value: scope.code };
}

/** `db`: the database, or the transaction of a write (its audit entry commits with it). */
export function createLodgingStore(db: Queryable) {
  return {
    // ---- facilities ----
    async insertFacility(f: {
      name: string; kind: string; starClass: number | null; communeCode: string; provinceCode: string; address: string; capacity: number | null;
      remoteArea: boolean; ownerName: string; phone: string; status: string; registeredBy: number | null;
      applicantUsername: string | null; applicantPasswordHash: string | null;
    }): Promise<FacilityRow> {
      const { rows } = await db.query<FacilityRow>(
        `INSERT INTO lodging_facilities (name, kind, star_class, commune_code, province_code, address, capacity, remote_area, owner_name, phone,
           status, registered_by, applicant_username, applicant_password_hash, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $11 = 'approved' THEN $12::bigint END, CASE WHEN $11 = 'approved' THEN now() END)
         RETURNING ${FACILITY_COLUMNS.replace(/f\./g, '')}`,
        [f.name, f.kind, f.starClass, f.communeCode, f.provinceCode, f.address, f.capacity, f.remoteArea, f.ownerName, f.phone,
          f.status, f.registeredBy, f.applicantUsername, f.applicantPasswordHash],
      );
      return rows[0];
    },

    async findFacility(id: number): Promise<FacilityRow | undefined> {
      const { rows } = await db.query<FacilityRow>(`SELECT ${FACILITY_COLUMNS} FROM lodging_facilities f WHERE f.id = $1`, [id]);
      return rows[0];
    },

    async findFacilityByRelyingParty(relyingPartyId: number): Promise<FacilityRow | undefined> {
      const { rows } = await db.query<FacilityRow>(`SELECT ${FACILITY_COLUMNS} FROM lodging_facilities f WHERE f.relying_party_id = $1`, [relyingPartyId], 'lodging_facility_by_rp');
      return rows[0];
    },

    /** Facilities of an area with when they last declared, their current guests and stays of the last 30 days. */
    async listFacilities(area: Area, f: { status?: string; silentDays?: number; communeCode?: string }): Promise<FacilityListRow[]> {
      const params: unknown[] = [area.code];
      const where = [areaSql('f', area, 1)];
      if (f.status) where.push(`f.status = $${params.push(f.status)}`);
      if (f.communeCode) where.push(`f.commune_code = $${params.push(f.communeCode)}`);
      let having = '';
      if (f.silentDays !== undefined) {
        where.push(`f.status = 'approved'`);
        having = `WHERE t.last_declared_at IS NULL OR t.last_declared_at < now() - make_interval(days => $${params.push(f.silentDays)})`;
      }
      const { rows } = await db.query<FacilityListRow>(
        `SELECT * FROM (
           SELECT ${FACILITY_COLUMNS},
             (SELECT max(s.declared_at) FROM lodging_stays s WHERE s.facility_id = f.id) AS last_declared_at,
             (SELECT count(*)::int FROM lodging_stays s WHERE s.facility_id = f.id AND s.departed_at IS NULL AND s.cancelled_at IS NULL) AS current_guests,
             (SELECT count(*)::int FROM lodging_stays s WHERE s.facility_id = f.id AND s.arrived_at > now() - interval '30 days' AND s.cancelled_at IS NULL) AS stays_30d
           FROM lodging_facilities f WHERE ${where.join(' AND ')}) t
         ${having}
         ORDER BY t.status = 'pending' DESC, t.name LIMIT 1000`,
        params,
      );
      return rows;
    },

    async decideFacility(id: number, d: { status: string; officerId: number; note: string | null; relyingPartyId: number | null }): Promise<FacilityRow | undefined> {
      const { rows } = await db.query<FacilityRow>(
        `UPDATE lodging_facilities SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4,
           relying_party_id = COALESCE(relying_party_id, $5), applicant_password_hash = CASE WHEN $2 = 'pending' THEN applicant_password_hash END
         WHERE id = $1 RETURNING ${FACILITY_COLUMNS.replace(/f\./g, '')}`,
        [id, d.status, d.officerId, d.note, d.relyingPartyId],
      );
      return rows[0];
    },

    async setRelyingParty(id: number, relyingPartyId: number): Promise<void> {
      await db.query('UPDATE lodging_facilities SET relying_party_id = $2 WHERE id = $1', [id, relyingPartyId]);
    },

    async countFacilities(scope: Scope): Promise<{ registered: number; pending: number }> {
      const where = scopeSql('f', scope, 1);
      const { rows } = await db.query<{ registered: number; pending: number }>(
        `SELECT count(*) FILTER (WHERE status = 'approved')::int AS registered, count(*) FILTER (WHERE status = 'pending')::int AS pending
           FROM lodging_facilities f WHERE ${where.sql}`,
        [where.value],
      );
      return rows[0];
    },

    // ---- bookings and stays ----
    /** Bookings by (facility, idempotency key), in the order asked; undefined where none. Unnamed: Queryable.query says why. */
    async findBookingsByKeys(keys: { facilityId: number; key: string }[]): Promise<({ id: string; request_hash: string } | undefined)[]> {
      const { rows } = await db.query<{ id: string; request_hash: string; facility_id: string; idempotency_key: string }>(
        `SELECT b.id, b.request_hash, b.facility_id, b.idempotency_key FROM lodging_bookings b
           JOIN unnest($1::bigint[], $2::text[]) AS k(facility_id, idempotency_key) USING (facility_id, idempotency_key)`,
        [keys.map((k) => k.facilityId), keys.map((k) => k.key)]);
      const found = new Map(rows.map((r) => [`${r.facility_id}|${r.idempotency_key}`, r]));
      return keys.map((k) => found.get(`${k.facilityId}|${k.key}`));
    },

    /**
     * Writes bookings and their stays inside the caller's transaction, three statements whatever their
     * number. Returns, per booking, its id and its stays' ids in guest order, or null when the facility
     * already has a booking under that idempotency key (then nothing of it is written).
     */
    async insertBookings(tx: Queryable, bookings: BookingInsert[]): Promise<({ bookingId: number; stayIds: number[] } | null)[]> {
      const b = <K extends keyof BookingInsert>(k: K) => bookings.map((x) => x[k]);
      const booked = await tx.query<{ id: string; facility_id: string; idempotency_key: string }>(
        `INSERT INTO lodging_bookings (facility_id, idempotency_key, request_hash, staff_id, room, reason, trip, created_at)
         SELECT facility_id, idempotency_key, request_hash, staff_id, room, reason, trip, created_at
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[]) WITH ORDINALITY
             AS t(facility_id, idempotency_key, request_hash, staff_id, room, reason, trip, created_at, ord)
          ORDER BY ord
         ON CONFLICT (facility_id, idempotency_key) DO NOTHING
         RETURNING id, facility_id, idempotency_key`,
        [b('facilityId'), b('idempotencyKey'), b('requestHash'), b('staffId'), b('room'), b('reason'),
          bookings.map((x) => (x.trip === null ? null : JSON.stringify(x.trip))), b('declaredAt')],
        'lodging_bookings_insert',
      );
      const idOf = new Map(booked.rows.map((r) => [`${r.facility_id}|${r.idempotency_key}`, Number(r.id)]));
      const written = bookings.map((x) => idOf.get(`${x.facilityId}|${x.idempotencyKey}`));
      const rows = bookings.flatMap((x, i) => (written[i] === undefined ? [] : x.stays.map((s) => ({ x, s, bookingId: written[i]! }))));
      const stayIds = new Map<number, number[]>();
      if (rows.length) {
        const c = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
        const { rows: ids } = await tx.query<{ id: string; booking_id: string }>(
          `INSERT INTO lodging_stays (booking_id, facility_id, commune_code, province_code, facility_kind, reason, room, arrived_at, expected_departure,
             declared_at, role, foreigner, personal_id, legacy_id, passport_number, nationality, visa_document, full_name, name_norm, date_of_birth,
             sex, id_method, verified, due_at, late)
           SELECT booking_id, facility_id, commune_code, province_code, facility_kind, reason, room, arrived_at, expected_departure,
                  declared_at, role, foreigner, personal_id, legacy_id, passport_number, nationality, visa_document, full_name, name_norm, date_of_birth,
                  sex, id_method, verified, due_at, late
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::date[],
                         $10::timestamptz[], $11::text[], $12::boolean[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
                         $19::text[], $20::date[], $21::text[], $22::text[], $23::boolean[], $24::timestamptz[], $25::boolean[]) WITH ORDINALITY
               AS t(booking_id, facility_id, commune_code, province_code, facility_kind, reason, room, arrived_at, expected_departure,
                    declared_at, role, foreigner, personal_id, legacy_id, passport_number, nationality, visa_document, full_name, name_norm, date_of_birth,
                    sex, id_method, verified, due_at, late, ord)
            ORDER BY ord
           RETURNING id, booking_id`,
          [c((r) => r.bookingId), c((r) => r.x.facilityId), c((r) => r.x.communeCode), c((r) => r.x.provinceCode), c((r) => r.x.facilityKind),
            c((r) => r.x.reason), c((r) => r.x.room), c((r) => r.x.arrivedAt), c((r) => r.x.expectedDeparture), c((r) => r.x.declaredAt),
            c((r) => r.s.role), c((r) => r.s.foreigner), c((r) => r.s.personalId), c((r) => r.s.legacyId), c((r) => r.s.passportNumber),
            c((r) => r.s.nationality), c((r) => r.s.visaDocument), c((r) => r.s.fullName), c((r) => r.s.nameNorm), c((r) => r.s.dateOfBirth),
            c((r) => r.s.sex), c((r) => r.s.idMethod), c((r) => r.s.verified), c((r) => r.s.dueAt), c((r) => r.s.late)],
          'lodging_stays_insert',
        );
        // Identities are drawn in insertion order, which follows `ord`: ascending ids are guest order.
        for (const r of ids) {
          const list = stayIds.get(Number(r.booking_id)) ?? [];
          list.push(Number(r.id));
          stayIds.set(Number(r.booking_id), list);
        }
      }
      return written.map((id) => (id === undefined ? null : { bookingId: id, stayIds: (stayIds.get(id) ?? []).sort((p, q) => p - q) }));
    },

    async staysOfBooking(bookingId: number): Promise<StayRow[]> {
      const { rows } = await db.query<StayRow>(
        `SELECT ${STAY_COLUMNS} FROM lodging_stays s JOIN lodging_facilities f ON f.id = s.facility_id JOIN lodging_bookings b ON b.id = s.booking_id
          WHERE s.booking_id = $1 ORDER BY s.id`, [bookingId]);
      return rows;
    },

    async findStay(id: number): Promise<StayRow | undefined> {
      const { rows } = await db.query<StayRow>(
        `SELECT ${STAY_COLUMNS} FROM lodging_stays s JOIN lodging_facilities f ON f.id = s.facility_id JOIN lodging_bookings b ON b.id = s.booking_id
          WHERE s.id = $1`, [id]);
      return rows[0];
    },

    /**
     * A facility's guests: those still there, then the latest departures and cancellations; `q` a normalised
     * name part, `room` the room as written (case-insensitive, leading and trailing spaces ignored).
     */
    async staysOfFacility(facilityId: number, f: { current: boolean; q?: string; room?: string; limit: number }): Promise<StayRow[]> {
      const { rows } = await db.query<StayRow>(
        `SELECT ${STAY_COLUMNS} FROM lodging_stays s JOIN lodging_facilities f ON f.id = s.facility_id JOIN lodging_bookings b ON b.id = s.booking_id
          WHERE s.facility_id = $1 AND ($2::boolean IS FALSE OR (s.departed_at IS NULL AND s.cancelled_at IS NULL))
            AND ($3::text IS NULL OR s.name_norm LIKE '%' || $3 || '%')
            AND ($4::text IS NULL OR lower(btrim(s.room)) = lower(btrim($4)))
          ORDER BY (s.departed_at IS NULL AND s.cancelled_at IS NULL) DESC, s.arrived_at DESC, s.id DESC LIMIT $5`,
        [facilityId, f.current, f.q ?? null, f.room ?? null, f.limit]);
      return rows;
    },

    /**
     * Corrects the room and/or expected departure of a stay still in the house, inside the caller's
     * transaction; undefined when the facility has no such stay in the house. `undefined` keeps a value.
     */
    async amendStay(tx: Queryable, id: number, facilityId: number, to: { room?: string | null; expectedDeparture?: string | null }): Promise<ChangedStayRow | undefined> {
      const { rows } = await tx.query<ChangedStayRow>(
        `UPDATE lodging_stays s SET
             room = CASE WHEN $3::boolean THEN $4::text ELSE s.room END,
             expected_departure = CASE WHEN $5::boolean THEN $6::date ELSE s.expected_departure END,
             amended_at = now()
           FROM (SELECT id, room, expected_departure FROM lodging_stays
                  WHERE id = $1 AND facility_id = $2 AND departed_at IS NULL AND cancelled_at IS NULL FOR UPDATE) old
          WHERE s.id = old.id
          RETURNING s.id, s.personal_id, s.legacy_id, s.nationality, s.passport_number, old.room AS room_before,
                    old.expected_departure::text AS departure_before, s.room, s.expected_departure::text AS expected_departure`,
        [id, facilityId, to.room !== undefined, to.room ?? null, to.expectedDeparture !== undefined, to.expectedDeparture ?? null]);
      return rows[0];
    },

    /** Cancels a declared stay that has not ended, inside the caller's transaction; undefined when there is none such. */
    async cancelStay(tx: Queryable, id: number, facilityId: number, reason: string): Promise<ChangedStayRow | undefined> {
      const { rows } = await tx.query<ChangedStayRow>(
        `UPDATE lodging_stays SET cancelled_at = now(), cancel_reason = $3
          WHERE id = $1 AND facility_id = $2 AND departed_at IS NULL AND cancelled_at IS NULL
          RETURNING id, personal_id, legacy_id, nationality, passport_number, room AS room_before, expected_departure::text AS departure_before,
                    room, expected_departure::text AS expected_departure`,
        [id, facilityId, reason]);
      return rows[0];
    },

    async insertStayChange(tx: Queryable, c: {
      stayId: number; kind: 'amended' | 'cancelled'; staffId: number | null; roomBefore: string | null; roomAfter: string | null;
      departureBefore: string | null; departureAfter: string | null; reason: string | null;
    }): Promise<void> {
      await tx.query(
        `INSERT INTO lodging_stay_changes (stay_id, kind, staff_id, room_before, room_after, departure_before, departure_after, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [c.stayId, c.kind, c.staffId, c.roomBefore, c.roomAfter, c.departureBefore, c.departureAfter, c.reason]);
    },

    async changesOfStay(stayId: number): Promise<StayChangeRow[]> {
      const { rows } = await db.query<StayChangeRow>(
        `SELECT id, stay_id, kind, at, staff_id, room_before, room_after, departure_before::text AS departure_before,
                departure_after::text AS departure_after, reason
           FROM lodging_stay_changes WHERE stay_id = $1 ORDER BY at, id`, [stayId]);
      return rows;
    },

    async checkOut(stayIds: number[], facilityId: number, at: Date): Promise<DepartedRow[]> {
      const { rows } = await db.query<DepartedRow>(
        `UPDATE lodging_stays SET departed_at = $3 WHERE id = ANY($1::bigint[]) AND facility_id = $2 AND departed_at IS NULL AND cancelled_at IS NULL AND arrived_at <= $3
         RETURNING id, personal_id, legacy_id, nationality, passport_number`,
        [stayIds, facilityId, at]);
      return rows;
    },

    /** Every guest of a booking left at `at` (demo data of past stays), inside the caller's transaction. */
    async departBooking(tx: Queryable, bookingId: number, at: Date): Promise<void> {
      await tx.query('UPDATE lodging_stays SET departed_at = $2 WHERE booking_id = $1', [bookingId, at]);
    },

    async searchStays(f: StayFilter): Promise<{ rows: StayRow[]; total: number }> {
      const params: unknown[] = [f.area.code];
      const where = [areaSql('s', f.area, 1)];
      if (f.q) where.push(`s.name_norm LIKE $${params.push(`%${f.q}%`)}`);
      if (f.personalId) where.push(`(s.personal_id = $${params.push(f.personalId)} OR s.passport_number = $${params.length})`);
      if (f.facilityId !== undefined) where.push(`s.facility_id = $${params.push(f.facilityId)}`);
      if (f.communeCode) where.push(`s.commune_code = $${params.push(f.communeCode)}`);
      if (f.current) where.push('s.departed_at IS NULL AND s.cancelled_at IS NULL');
      if (f.late !== undefined) where.push(`s.late = $${params.push(f.late)}`);
      if (f.foreigner !== undefined) where.push(`s.foreigner = $${params.push(f.foreigner)}`);
      if (f.from) where.push(`s.arrived_at >= $${params.push(f.from)}`);
      if (f.to) where.push(`s.arrived_at < $${params.push(f.to)}`);
      const whereSql = where.join(' AND ');
      const [page, count] = await Promise.all([
        db.query<StayRow>(
          `SELECT ${STAY_COLUMNS} FROM lodging_stays s JOIN lodging_facilities f ON f.id = s.facility_id JOIN lodging_bookings b ON b.id = s.booking_id
            WHERE ${whereSql} ORDER BY s.arrived_at DESC, s.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, f.limit, f.offset]),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lodging_stays s WHERE ${whereSql}`, params),
      ]);
      return { rows: page.rows, total: count.rows[0].n };
    },

    async staysOfPerson(personalId: string, limit: number): Promise<(StayRow & { facility_address: string })[]> {
      const { rows } = await db.query<StayRow & { facility_address: string }>(
        `SELECT ${STAY_COLUMNS}, f.address AS facility_address FROM lodging_stays s JOIN lodging_facilities f ON f.id = s.facility_id
           JOIN lodging_bookings b ON b.id = s.booking_id
          WHERE s.personal_id = $1 ORDER BY s.arrived_at DESC LIMIT $2`, [personalId, limit]);
      return rows;
    },

    // ---- watchlist ----
    async insertWatchlistEntries(entries: WatchlistInsert[]): Promise<WatchlistRow[]> {
      if (!entries.length) return [];
      const col = <K extends keyof WatchlistInsert>(k: K) => entries.map((e) => e[k]);
      const { rows } = await db.query<WatchlistRow>(
        `INSERT INTO watchlist_entries (kind, personal_id, full_name, name_norm, date_of_birth, birth_year, sex, note, province_code, added_by)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::smallint[], $7::text[], $8::text[], $9::text[], $10::bigint[])
         RETURNING id, kind, personal_id, full_name, name_norm, date_of_birth::text AS date_of_birth, birth_year, sex, note, province_code, active, revision, created_at`,
        [col('kind'), col('personalId'), col('fullName'), col('nameNorm'), col('dateOfBirth'), col('birthYear'), col('sex'), col('note'), col('provinceCode'), col('addedBy')],
      );
      return rows;
    },

    async deactivateWatchlistEntry(id: number, provinceCode: string, officerId: number): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE watchlist_entries SET active = false, removed_at = now(), removed_by = $3, revision = nextval('watchlist_revision')
          WHERE id = $1 AND province_code = $2 AND active RETURNING id`, [id, provinceCode, officerId]);
      return rows.length > 0;
    },

    /** Entries changed after a revision (new, and removed ones with active = false), oldest change first. */
    async watchlistChangedSince(revision: number, limit: number): Promise<WatchlistRow[]> {
      const { rows } = await db.query<WatchlistRow>(
        `SELECT id, kind, personal_id, full_name, name_norm, date_of_birth::text AS date_of_birth, birth_year, sex, note, province_code, active, revision, created_at
           FROM watchlist_entries WHERE revision > $1 ORDER BY revision LIMIT $2`, [revision, limit], 'watchlist_changed_since');
      return rows;
    },

    async watchlistRevision(): Promise<number> {
      const { rows } = await db.query<{ r: string | null }>('SELECT max(revision) AS r FROM watchlist_entries', [], 'watchlist_revision');
      return Number(rows[0].r ?? 0);
    },

    async listWatchlist(provinceCode: string, f: { q?: string; limit: number; offset: number }): Promise<{ rows: WatchlistRow[]; total: number }> {
      const params: unknown[] = [provinceCode];
      let where = 'province_code = $1 AND active';
      if (f.q) where += ` AND (name_norm LIKE $${params.push(`%${f.q}%`)} OR personal_id = $${params.push(f.q.replace(/\s/g, ''))})`;
      const [page, count] = await Promise.all([
        db.query<WatchlistRow>(
          `SELECT id, kind, personal_id, full_name, name_norm, date_of_birth::text AS date_of_birth, birth_year, sex, note, province_code, active, revision, created_at
             FROM watchlist_entries WHERE ${where} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, f.limit, f.offset]),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM watchlist_entries WHERE ${where}`, params),
      ]);
      return { rows: page.rows, total: count.rows[0].n };
    },

    // ---- alerts ----
    async insertAlerts(tx: Queryable, alerts: AlertInsert[]): Promise<{ id: number; stayId: number }[]> {
      if (!alerts.length) return [];
      const col = <K extends keyof AlertInsert>(k: K) => alerts.map((a) => a[k]);
      const { rows } = await tx.query<{ id: string; stay_id: string }>(
        `INSERT INTO watchlist_alerts (entry_id, stay_id, match, score, commune_code, province_code)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::real[], $5::text[], $6::text[])
         ON CONFLICT (entry_id, stay_id) DO NOTHING RETURNING id, stay_id`,
        [col('entryId'), col('stayId'), col('match'), col('score'), col('communeCode'), col('provinceCode')],
        'watchlist_alerts_insert',
      );
      return rows.map((r) => ({ id: Number(r.id), stayId: Number(r.stay_id) }));
    },

    /** Alerts of an area (null: any area, for the live feed that filters per listener). */
    async alerts(area: Area | null, f: { ids?: number[]; afterId?: number; raisedSince?: Date; unacknowledged?: boolean; limit: number }): Promise<AlertRow[]> {
      const params: unknown[] = [area?.code ?? null];
      const where = [area ? areaSql('a', area, 1) : '$1::text IS NULL'];
      if (f.ids) where.push(`a.id = ANY($${params.push(f.ids)}::bigint[])`);
      if (f.afterId !== undefined) where.push(`a.id > $${params.push(f.afterId)}`);
      if (f.raisedSince) where.push(`a.created_at >= $${params.push(f.raisedSince.toISOString())}::timestamptz`);
      if (f.unacknowledged) where.push('a.acknowledged_at IS NULL');
      const { rows } = await db.query<AlertRow>(
        `SELECT a.id, a.entry_id, a.stay_id, a.match, a.score, a.commune_code, a.province_code, a.created_at, a.acknowledged_at,
                a.acknowledged_by_name, e.kind AS entry_kind, e.full_name AS entry_name, e.personal_id AS entry_personal_id,
                e.date_of_birth::text AS entry_date_of_birth, e.birth_year AS entry_birth_year, e.note AS entry_note,
                s.full_name AS stay_name, s.personal_id AS stay_personal_id, s.passport_number AS stay_passport_number,
                s.date_of_birth::text AS stay_date_of_birth, s.arrived_at AS stay_arrived_at, s.verified AS stay_verified,
                f.id AS facility_id, f.name AS facility_name, f.address AS facility_address
           FROM watchlist_alerts a JOIN watchlist_entries e ON e.id = a.entry_id JOIN lodging_stays s ON s.id = a.stay_id
           JOIN lodging_facilities f ON f.id = s.facility_id
          WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.push(f.limit)}`,
        params,
      );
      return rows;
    },

    async alertsOfStay(stayId: number): Promise<AlertRow[]> {
      const { rows } = await db.query<AlertRow>(
        `SELECT a.id, a.entry_id, a.stay_id, a.match, a.score, a.commune_code, a.province_code, a.created_at, a.acknowledged_at,
                a.acknowledged_by_name, e.kind AS entry_kind, e.full_name AS entry_name, e.personal_id AS entry_personal_id,
                e.date_of_birth::text AS entry_date_of_birth, e.birth_year AS entry_birth_year, e.note AS entry_note
           FROM watchlist_alerts a JOIN watchlist_entries e ON e.id = a.entry_id WHERE a.stay_id = $1 ORDER BY a.id`, [stayId]);
      return rows;
    },

    async acknowledgeAlert(id: number, area: Area, officer: { id: number; name: string }): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE watchlist_alerts a SET acknowledged_by = $3, acknowledged_by_name = $4, acknowledged_at = now()
          WHERE a.id = $2 AND ${areaSql('a', area, 1)} AND a.acknowledged_at IS NULL RETURNING a.id`, [area.code, id, officer.id, officer.name]);
      return rows.length > 0;
    },

    // ---- statistics (model 39) ----
    async statistics(scope: Scope, from: Date, to: Date) {
      const area = scopeSql('s', scope, 1);
      const p = [area.value, from, to];
      // A cancelled declaration counts no guest.
      const where = `${area.sql} AND s.arrived_at >= $2 AND s.arrived_at < $3 AND s.cancelled_at IS NULL`;
      const day = `((s.arrived_at AT TIME ZONE 'UTC') + interval '7 hours')::date`;
      const age = `date_part('year', age(((s.arrived_at AT TIME ZONE 'UTC') + interval '7 hours')::date, s.date_of_birth))`;
      const nights = `(COALESCE(((s.departed_at AT TIME ZONE 'UTC') + interval '7 hours')::date, s.expected_departure, ${day}) - ${day})`;
      const q = <T>(sql: string) => db.query<T>(sql, p).then((r) => r.rows);
      const alertsIn = scopeSql('a', scope, 1);
      const [byDay, byNationality, byAgeSex, byNights, byCommune, declaring, totals, alerts] = await Promise.all([
        q<{ day: string; facility_kind: string; foreigner: boolean; guests: number }>(
          `SELECT ${day}::text AS day, s.facility_kind, s.foreigner, count(*)::int AS guests FROM lodging_stays s WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1`),
        q<{ nationality: string; guests: number }>(
          `SELECT s.nationality, count(*)::int AS guests FROM lodging_stays s WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`),
        q<{ age: number; sex: string | null; guests: number }>(
          `SELECT ${age}::int AS age, s.sex, count(*)::int AS guests FROM lodging_stays s WHERE ${where} GROUP BY 1, 2`),
        q<{ nights: number; guests: number }>(
          `SELECT GREATEST(${nights}, 0)::int AS nights, count(*)::int AS guests FROM lodging_stays s WHERE ${where} GROUP BY 1`),
        q<{ commune_code: string; guests: number; late: number }>(
          `SELECT s.commune_code, count(*)::int AS guests, count(*) FILTER (WHERE s.late)::int AS late FROM lodging_stays s WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`),
        q<{ facilities: number }>(`SELECT count(DISTINCT s.facility_id)::int AS facilities FROM lodging_stays s WHERE ${where}`),
        q<{ guests: number; late: number; long_stays: number }>(
          `SELECT count(*)::int AS guests, count(*) FILTER (WHERE s.late)::int AS late,
                  count(*) FILTER (WHERE NOT s.foreigner AND ${nights} > 29)::int AS long_stays FROM lodging_stays s WHERE ${where}`),
        q<{ alerts: number }>(`SELECT count(*)::int AS alerts FROM watchlist_alerts a WHERE ${alertsIn.sql} AND a.created_at >= $2 AND a.created_at < $3`),
      ]);
      return { byDay, byNationality, byAgeSex, byNights, byCommune, declaringFacilities: declaring[0].facilities, totals: { ...totals[0], alerts: alerts[0].alerts } };
    },
  };
}

export type LodgingStore = ReturnType<typeof createLodgingStore>;
