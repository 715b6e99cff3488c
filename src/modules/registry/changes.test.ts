import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, COMMUNE_B, insertFixturePeople } from './fixtures.js';
import { expectDetailDocumentsMatchRecords } from '../../testing/registry.js';

let t: TestApp;
let communeA: Session;
let province: Session;
let auditor: Session;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  communeA = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
  province = await t.officer('tinh', 'province_registry', '82');
  auditor = await t.officer('kt', 'auditor', '82');
});
afterAll(() => t.close());

const post = (url: string, s: Session, payload: object) => t.app.inject({ method: 'POST', url, headers: s.headers, payload });

/** The audit entries written while `act` ran (reads drained first, so none is missed). */
async function entriesOf(act: () => Promise<unknown>) {
  await t.services.audit.drain();
  const before = Number((await t.db.query<{ n: number }>('SELECT coalesce(max(seq), 0)::int AS n FROM audit_log')).rows[0].n);
  await act();
  await t.services.audit.drain();
  return (await t.db.query<{ action: string; subject_id: string; purpose: string; data: string | null }>(
    'SELECT action, subject_id, purpose, data FROM audit_log WHERE seq > $1 ORDER BY seq', [before])).rows;
}

describe('authorization', () => {
  it('refuses moves and ID changes to roles without write permission, and to other areas', async () => {
    expect((await post('/api/v1/people/082084001234/moves', auditor, { kind: 'temporary', communeCode: COMMUNE_A, address: 'x', movedOn: '2026-01-01' })).statusCode).toBe(403);
    // A commune officer cannot move someone into another commune…
    expect((await post('/api/v1/people/082084001234/moves', communeA, { kind: 'permanent', communeCode: COMMUNE_B, address: 'x', movedOn: '2026-01-01' })).statusCode).toBe(403);
    // …nor touch someone outside their commune (404).
    expect((await post('/api/v1/people/087090004567/personal-id', communeA, { newPersonalId: '087190004568', sex: 'Nữ' })).statusCode).toBe(404);
  });
});

describe('moves', () => {
  it('records a permanent move into a new household, closing the old residence', async () => {
    const res = await post('/api/v1/people/082212003456/moves', province, { kind: 'permanent', communeCode: COMMUNE_B, address: 'Số 9, khu phố 3', movedOn: '2026-03-01' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.commune.code).toBe(COMMUNE_B);
    expect(p.household).toMatchObject({ relationToHead: 'Chủ hộ', address: 'Số 9, khu phố 3' });
    expect(p.residences.map((r: { communeCode: string; validTo: string | null }) => [r.communeCode, r.validTo])).toEqual([[COMMUNE_A, '2026-03-01'], [COMMUNE_B, null]]);
    expect(p.lifeEvents.at(-1)).toMatchObject({ kind: 'move', occurredOn: '2026-03-01', communeCode: COMMUNE_B });
    // The old household no longer lists them; the commune A officer no longer sees them.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/households/HK-A', headers: { cookie: province.cookie } })).json().members).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people/082212003456', headers: { cookie: communeA.cookie } })).statusCode).toBe(404);
  });

  it('joins an existing household of the destination only', async () => {
    const wrong = await post('/api/v1/people/082186002345/moves', province, { kind: 'permanent', communeCode: COMMUNE_B, address: 'x', movedOn: '2026-03-02', householdNo: 'HK-A' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'householdNo', code: 'HOUSEHOLD_ELSEWHERE' });
    const ok = await post('/api/v1/people/082186002345/moves', province, { kind: 'permanent', communeCode: COMMUNE_B, address: 'x', movedOn: '2026-03-02', householdNo: 'HK-B', relationToHead: 'Vợ' });
    expect(ok.json().household).toMatchObject({ householdNo: 'HK-B', relationToHead: 'Vợ' });
  });

  it('adds a temporary residence and checks dates', async () => {
    const bad = await post('/api/v1/people/082084001234/moves', communeA, { kind: 'temporary', communeCode: COMMUNE_A, address: 'Nhà trọ', movedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'movedOn', code: 'INVALID_DATE' });
    let ok!: Awaited<ReturnType<typeof post>>;
    const entries = await entriesOf(async () => {
      ok = await post('/api/v1/people/082084001234/moves', communeA, { kind: 'temporary', communeCode: COMMUNE_A, address: 'Nhà trọ số 5', movedOn: '2026-02-01', until: '2026-08-01' });
    });
    expect(ok.json().residences.find((r: { kind: string }) => r.kind === 'temporary')).toMatchObject({ address: 'Nhà trọ số 5', validTo: '2026-08-01' });
    // Exactly one entry, of the route's action; the kind of move is its data.
    expect(entries).toEqual([{ action: 'person.move', subject_id: '082084001234', purpose: 'Đăng ký cư trú', data: '{"kind":"temporary"}' }]);
    // A move refused leaves none.
    expect(await entriesOf(() => post('/api/v1/people/082084001234/moves', communeA, { kind: 'temporary', communeCode: COMMUNE_A, address: 'x', movedOn: '2026-02-30' }))).toEqual([]);
  });
});

describe('re-established personal ID', () => {
  it('keeps the old number as cancelled and refuses to issue it again', async () => {
    let res!: Awaited<ReturnType<typeof post>>;
    const entries = await entriesOf(async () => {
      res = await post('/api/v1/people/087090004567/personal-id', province, { newPersonalId: '087190004999', sex: 'Nữ' });
    });
    expect(res.statusCode).toBe(200);
    // One person changed: one entry, under the new number, naming the cancelled one.
    expect(entries).toEqual([
      { action: 'person.personal-id.establish', subject_id: '087190004999', purpose: 'Xác lập lại số định danh', data: '{"cancelledPersonalId":"087090004567"}' },
    ]);
    expect(res.json()).toMatchObject({ personalId: '087190004999', sex: 'Nữ' });
    expect(res.json().formerIdentifiers).toEqual([expect.objectContaining({ kind: 'cancelled_id', value: '087090004567' })]);
    // The old number no longer opens a record directly, but a search by it still finds the holder.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people/087090004567', headers: { cookie: province.cookie } })).statusCode).toBe(404);
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/people?q=087090004567', headers: { cookie: province.cookie } });
    expect(found.json().items.map((i: { personalIdMasked: string }) => i.personalIdMasked)).toEqual(['087******999']);
    const again = await post('/api/v1/people/087190004999/personal-id', province, { newPersonalId: '087090004567', sex: 'Nam' });
    expect(again.json().errors[0]).toMatchObject({ code: 'PERSONAL_ID_IN_USE' });
  });

  it('checks the new number against the sex and birth year', async () => {
    const res = await post('/api/v1/people/082084001234/personal-id', province, { newPersonalId: '082084009999', sex: 'Nữ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'newPersonalId', code: 'PERSONAL_ID_SEX' });
  });
});

describe('detail document built by the database', () => {
  it('is field for field the record the service builds, and matches the Person schema', async () => {
    await expectDetailDocumentsMatchRecords(t, province, 3);
  });
});
