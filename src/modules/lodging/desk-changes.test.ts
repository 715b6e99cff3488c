import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, COMMUNE_B, insertFixturePeople } from '../registry/testing.js';
import { todayInVietnam } from '../../platform/time.js';

/**
 * The hotel's in-house list (search by name and room), a facility correcting or cancelling a declaration
 * (audited, shown to the police with what changed), and facility registration as one transaction.
 */
let t: TestApp;
let police: Session;
let policeB: Session;
let admin: Session;
let staff: Session;
let otherStaff: Session;
let hotelId: number;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const HOTEL = {
  name: 'Khách sạn Bến Sông', kind: 'hotel', starClass: 2, communeCode: COMMUNE_A, address: '3 Lê Lợi', capacity: 20,
  ownerName: 'Trần Văn Bến', phone: '0912345001',
};
const GUESTS = [
  { personalId: '079090001234', fullName: 'Võ Văn Tám', dateOfBirth: '1990-04-04' },
  { personalId: '079190001235', fullName: 'Lý Thị Mười', dateOfBirth: '1990-05-05' },
];

async function registerFacility(s: Session, body: object) {
  const res = await inject('POST', '/api/v1/lodging/facilities', s.headers, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

async function staffOf(s: Session, facilityId: number, username: string) {
  const res = await inject('POST', `/api/v1/lodging/facilities/${facilityId}/staff`, s.headers, { username, fullName: `Lễ tân ${username}` });
  expect(res.statusCode, res.body).toBe(201);
  return t.firstSignIn(username, res.json().password as string);
}

/** Declares one guest in a room; the stay's id. */
async function checkIn(guest: object, room: string, s: Session = staff): Promise<number> {
  const res = await inject('POST', '/api/v1/desk/stays', { ...s.headers, 'idempotency-key': randomUUID() }, { reason: 'Du lịch', room, guests: [guest] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().stays[0].id as number;
}

const entries = async (action: string, subjectId: string) =>
  (await t.db.query<{ fields: string[]; actor_name: string | null }>('SELECT fields, actor_name FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY seq', [action, subjectId])).rows;
/** The Vietnamese calendar day `days` after today (a guest checked in now arrived today). */
const dayAfterToday = (days: number) => todayInVietnam(new Date(Date.now() + days * 86_400_000));
const LEAVES = dayAfterToday(3);
const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  police = await t.officer('ca.ben', 'commune_police', COMMUNE_A);
  policeB = await t.officer('ca.ben.b', 'commune_police', COMMUNE_B);
  admin = await t.officer('qt.ben', 'admin', '82');
  hotelId = (await registerFacility(police, HOTEL)).id;
  staff = await staffOf(police, hotelId, 'letan.bs');
  const otherId = (await registerFacility(policeB, { ...HOTEL, name: 'Nhà nghỉ Khác', kind: 'guest_house', starClass: null, communeCode: COMMUNE_B })).id;
  otherStaff = await staffOf(policeB, otherId, 'letan.khac');
});

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('lets only the facility that declared a stay change it', async () => {
    const stayId = await checkIn(GUESTS[0], '101');
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, {}, { room: '102' })).statusCode).toBe(401);
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, police.headers, { room: '102' })).statusCode).toBe(403);
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, { cookie: staff.cookie }, { room: '102' })).statusCode).toBe(403);
    // Another facility's stay reads as absent.
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, otherStaff.headers, { room: '102' })).statusCode).toBe(404);
    expect((await inject('POST', `/api/v1/desk/stays/${stayId}/cancellation`, otherStaff.headers, { reason: 'Nhầm' })).statusCode).toBe(404);
    expect(await entries('lodging.stay.amended', GUESTS[0].personalId)).toEqual([]);
    await inject('POST', '/api/v1/desk/stays/check-out', staff.headers, { stayIds: [stayId] });
  });
});

describe('in-house list', () => {
  it('finds guests by name without diacritics and by room, and records each guest shown', async () => {
    const tam = await checkIn(GUESTS[0], '201');
    const muoi = await checkIn(GUESTS[1], 'P. 305');
    const list = async (query: string) => (await inject('GET', `/api/v1/desk/stays${query}`, staff.headers)).json().items.map((s: { id: number }) => s.id);
    expect(await list('')).toEqual(expect.arrayContaining([tam, muoi]));
    expect(await list('?q=vo van tam')).toEqual([tam]);
    expect(await list('?q=' + encodeURIComponent('Mười'))).toEqual([muoi]);
    expect(await list('?room=p.%20305')).toEqual([muoi]);
    expect(await list('?room=201&q=muoi')).toEqual([]);
    const before = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.stay.desk-read' AND subject_id = $1`, [GUESTS[1].personalId]);
    await list('?room=p.%20305');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.stay.desk-read' AND subject_id = $1`, [GUESTS[1].personalId])).toBe(before + 1);
    await inject('POST', '/api/v1/desk/stays/check-out', staff.headers, { stayIds: [tam, muoi] });
  });
});

describe('corrections and cancellations', () => {
  it('corrects the room and expected departure: one entry, and the police see the old and new values', async () => {
    const stayId = await checkIn(GUESTS[0], '401');
    const before = (await entries('lodging.stay.amended', GUESTS[0].personalId)).length;
    const res = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { room: '402', expectedDeparture: LEAVES });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: stayId, room: '402', expectedDeparture: LEAVES, cancelledAt: null });
    expect(res.json().amendedAt).not.toBeNull();
    expect(res.json().personalId).toContain('*');
    const audit = await entries('lodging.stay.amended', GUESTS[0].personalId);
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)!.fields).toEqual(['room', 'expected_departure']);

    const detail = (await inject('GET', `/api/v1/lodging/stays/${stayId}`, police.headers)).json();
    expect(detail.stay).toMatchObject({ room: '402', expectedDeparture: LEAVES });
    expect(detail.changes).toEqual([expect.objectContaining({
      kind: 'amended', roomBefore: '401', roomAfter: '402', expectedDepartureBefore: null, expectedDepartureAfter: LEAVES, reason: null,
    })]);
    // Only the room this time: the departure stays.
    const roomOnly = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { room: '403' });
    expect(roomOnly.json()).toMatchObject({ room: '403', expectedDeparture: LEAVES });
    await inject('POST', '/api/v1/desk/stays/check-out', staff.headers, { stayIds: [stayId] });
  });

  it('refuses an empty correction, a departure before arrival or past the longest stay, and a guest who has left, writing nothing for them', async () => {
    const stayId = await checkIn(GUESTS[1], '501');
    const before = (await entries('lodging.stay.amended', GUESTS[1].personalId)).length;
    const empty = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('room');
    const early = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { expectedDeparture: '2020-01-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe('expectedDeparture');
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { expectedDeparture: '2026-02-30' })).statusCode).toBe(422);
    // Past the longest stay a notification covers (29 days for a citizen), as a new declaration would be.
    const late = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { expectedDeparture: dayAfterToday(30) });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ field: 'expectedDeparture', code: 'DEPARTURE_TOO_LATE' });
    expect((await inject('GET', `/api/v1/lodging/stays/${stayId}`, police.headers)).json().stay.expectedDeparture).toBeNull();
    const declared = await inject('POST', '/api/v1/desk/stays', { ...staff.headers, 'idempotency-key': randomUUID() }, {
      reason: 'Du lịch', expectedDeparture: dayAfterToday(30), guests: [GUESTS[0]],
    });
    expect(declared.json().errors?.[0]).toMatchObject({ field: 'expectedDeparture', code: 'DEPARTURE_TOO_LATE' });
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { expectedDeparture: dayAfterToday(29) })).statusCode).toBe(200);
    await inject('POST', '/api/v1/desk/stays/check-out', staff.headers, { stayIds: [stayId] });
    const closed = await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { room: '502' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('STAY_CLOSED');
    expect((await entries('lodging.stay.amended', GUESTS[1].personalId)).length).toBe(before + 1);
    expect((await inject('GET', `/api/v1/lodging/stays/${stayId}`, police.headers)).json().changes).toHaveLength(1);
  });

  it('cancels with a reason: gone from the in-house list and the counts, still shown to the police with the reason', async () => {
    const stayId = await checkIn(GUESTS[0], '601');
    expect((await inject('POST', `/api/v1/desk/stays/${stayId}/cancellation`, staff.headers, { reason: '  ' })).statusCode).toBe(422);
    const before = (await entries('lodging.stay.cancelled', GUESTS[0].personalId)).length;
    const res = await inject('POST', `/api/v1/desk/stays/${stayId}/cancellation`, staff.headers, { reason: 'Khai nhầm khách' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: stayId, cancelReason: 'Khai nhầm khách' });
    expect((await entries('lodging.stay.cancelled', GUESTS[0].personalId)).length).toBe(before + 1);

    const inHouse = (await inject('GET', '/api/v1/desk/stays', staff.headers)).json().items.map((s: { id: number }) => s.id);
    expect(inHouse).not.toContain(stayId);
    const all = (await inject('GET', '/api/v1/desk/stays?current=false', staff.headers)).json().items as { id: number; cancelledAt: string | null }[];
    expect(all.find((s) => s.id === stayId)?.cancelledAt).not.toBeNull();
    // A cancelled stay cannot be cancelled again, corrected or checked out.
    expect((await inject('POST', `/api/v1/desk/stays/${stayId}/cancellation`, staff.headers, { reason: 'Lần nữa' })).statusCode).toBe(409);
    expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { room: '602' })).statusCode).toBe(409);
    expect((await inject('POST', '/api/v1/desk/stays/check-out', staff.headers, { stayIds: [stayId] })).statusCode).toBe(404);

    const detail = (await inject('GET', `/api/v1/lodging/stays/${stayId}`, police.headers)).json();
    expect(detail.stay.cancelReason).toBe('Khai nhầm khách');
    expect(detail.changes).toEqual([expect.objectContaining({ kind: 'cancelled', reason: 'Khai nhầm khách', roomBefore: '601' })]);
    const listed = (await inject('GET', `/api/v1/lodging/stays?facilityId=${hotelId}`, police.headers)).json().items as { id: number; cancelledAt: string | null }[];
    expect(listed.find((s) => s.id === stayId)?.cancelledAt).not.toBeNull();
    const current = (await inject('GET', `/api/v1/lodging/stays?facilityId=${hotelId}&current=true`, police.headers)).json().items as { id: number }[];
    expect(current.map((s) => s.id)).not.toContain(stayId);
    const facility = (await inject('GET', '/api/v1/lodging/facilities', police.headers)).json().items.find((f: { id: number }) => f.id === hotelId);
    expect(facility.currentGuests).toBe(0);
  });
});

describe('live to the police', () => {
  it("pushes a facility's correction and cancellation to the consoles of its area (server-sent event `stay`), not to another area's", async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (s: Session, controller: AbortController) => {
      const res = await fetch(`${address}/api/v1/lodging/alerts/stream`, { headers: { cookie: s.cookie }, signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read(); // the stream's opening comment: the console is listening
      return reader;
    };
    const own = new AbortController();
    const other = new AbortController();
    try {
      const reader = await open(police, own);
      const otherReader = await open(policeB, other);
      const stayId = await checkIn(GUESTS[1], '701');
      expect((await inject('PATCH', `/api/v1/desk/stays/${stayId}`, staff.headers, { room: '702' })).statusCode).toBe(200);
      expect((await inject('POST', `/api/v1/desk/stays/${stayId}/cancellation`, staff.headers, { reason: 'Khai nhầm' })).statusCode).toBe(200);
      let text = '';
      while ((text.match(/event: stay\n/g) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
      const events = text.split('event: stay\n').slice(1).map((e) => JSON.parse(e.split('data: ')[1].split('\n')[0]));
      // Which stay and how: nothing personal travels, the console reloads the stay through its audited read.
      expect(events).toEqual([{ stayId, change: 'amended' }, { stayId, change: 'cancelled' }]);
      const race = await Promise.race([otherReader.read().then((r) => new TextDecoder().decode(r.value)), new Promise((r) => setTimeout(() => r('nothing'), 300))]);
      expect(race).toBe('nothing');
    } finally {
      own.abort();
      other.abort();
    }
  });
});

describe('facility registration is one transaction', () => {
  it('leaves no facility behind when its relying party cannot be made', async () => {
    const { n } = (await t.db.query<{ n: string }>(`SELECT nextval(pg_get_serial_sequence('lodging_facilities', 'id')) AS n`)).rows[0];
    const next = Number(n) + 1;
    const taken = await inject('POST', '/api/v1/relying-parties', admin.headers, {
      code: `luu-tru-${next}`, name: 'Đơn vị trùng mã', type: 'lodging', purpose: 'Thử', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82',
    });
    expect(taken.statusCode, taken.body).toBe(201);
    const res = await inject('POST', '/api/v1/lodging/facilities', police.headers, { ...HOTEL, name: 'Khách sạn Dở Dang' });
    expect(res.statusCode, res.body).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM lodging_facilities WHERE name = $1`, ['Khách sạn Dở Dang'])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.facility.registered' AND subject_id = $1`, [String(next)])).toBe(0);
  });

  it('leaves an application pending, with no relying party, when the applicant account cannot be made', async () => {
    const apply = (name: string) => inject('POST', '/api/v1/lodging/facility-applications', {}, {
      ...HOTEL, name, kind: 'rental_house', starClass: null, username: 'chu.trung', password: 'mot-mat-khau-rat-dai',
    });
    const first = (await apply('Nhà trọ Một')).json().id as number;
    const second = (await apply('Nhà trọ Hai')).json().id as number;
    expect((await inject('POST', `/api/v1/lodging/facilities/${first}/decision`, police.headers, { decision: 'approved' })).statusCode).toBe(200);
    const res = await inject('POST', `/api/v1/lodging/facilities/${second}/decision`, police.headers, { decision: 'approved' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FACILITY_USERNAME_TAKEN');
    expect((await inject('GET', `/api/v1/lodging/facilities/${second}`, police.headers)).json().status).toBe('pending');
    expect(await count(`SELECT count(*)::int AS n FROM relying_parties WHERE code = $1`, [`luu-tru-${second}`])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM lodging_facilities WHERE id = $1 AND relying_party_id IS NOT NULL`, [second])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.facility.decided' AND subject_id = $1`, [String(second)])).toBe(0);
  });

  it('adds a staff account and its entry together, or neither', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.facility.staff-added'`, []);
    const res = await inject('POST', `/api/v1/lodging/facilities/${hotelId}/staff`, police.headers, { username: 'letan.bs', fullName: 'Trùng tên' });
    expect(res.statusCode).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lodging.facility.staff-added'`, [])).toBe(before);
  });
});
