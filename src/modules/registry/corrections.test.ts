import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, insertFixturePeople } from './fixtures.js';
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

const correct = (key: string, s: Session, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/people/${key}/corrections`, headers: s.headers, payload });
const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

/** The audit entries written while `act` ran (reads drained first, so none is missed). */
async function entriesOf(act: () => Promise<unknown>) {
  await t.services.audit.drain();
  const before = Number((await t.db.query<{ n: number }>('SELECT coalesce(max(seq), 0)::int AS n FROM audit_log')).rows[0].n);
  await act();
  await t.services.audit.drain();
  return (await t.db.query<{ action: string; subject_id: string; purpose: string; fields: string[]; data: string | null }>(
    'SELECT action, subject_id, purpose, fields, data FROM audit_log WHERE seq > $1 ORDER BY seq', [before])).rows;
}

const corrections = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person_corrections')).rows[0].n);

describe('authorization', () => {
  it('refuses a role without the write permission (403) and a person outside the area (404)', async () => {
    const reason = 'Sai chính tả so với giấy khai sinh';
    expect((await correct('082084001234', auditor, { field: 'religion', value: 'Phật giáo', reason })).statusCode).toBe(403);
    // Lê Văn An lives in commune B: outside the commune A officer's area, he reads as absent.
    expect((await correct('087090004567', communeA, { field: 'religion', value: 'Phật giáo', reason })).statusCode).toBe(404);
    // Phạm Thị An lives in Hồ Chí Minh (79): outside the province officer's area.
    expect((await correct('079175005678', province, { field: 'religion', value: 'Phật giáo', reason })).statusCode).toBe(404);
    // Without the CSRF header the write is refused before it is read.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/people/082084001234/corrections', headers: { cookie: communeA.cookie }, payload: { field: 'religion', value: 'Phật giáo', reason } })).statusCode).toBe(403);
    expect(await corrections()).toBe(0);
    const ok = await correct('087090004567', province, { field: 'religion', value: 'Phật giáo', reason });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('corrections', () => {
  it('corrects a name: one entry with the field and reason as data, the old value in the history, the search finds the new name', async () => {
    let res!: Awaited<ReturnType<typeof correct>>;
    const entries = await entriesOf(async () => {
      res = await correct('082186002345', communeA, { field: 'fullName', value: '  Trần   Thị Bích   Ngọc ', reason: 'Theo trích lục khai sinh số 12/2026' });
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(entries).toEqual([{
      action: 'person.correct', subject_id: '082186002345', purpose: 'Cải chính thông tin công dân', fields: ['fullName', 'corrections'],
      data: '{"field":"fullName","reason":"Theo trích lục khai sinh số 12/2026"}',
    }]);
    const p = res.json();
    expect(p.fullName).toBe('Trần Thị Bích Ngọc');
    expect(p.corrections).toEqual([{
      field: 'fullName', oldValue: 'Trần Thị Bích', newValue: 'Trần Thị Bích Ngọc', reason: 'Theo trích lục khai sinh số 12/2026',
      correctedBy: expect.any(String), correctedAt: expect.any(String), sourceDossier: null,
    }]);
    // The detail read shows the same history, and the person's access log shows the correction.
    expect((await get('/api/v1/people/082186002345', communeA)).json().corrections).toEqual(p.corrections);
    const log = (await get('/api/v1/people/082186002345/access-log', communeA)).json() as { action: string; fields: string[] }[];
    expect(log.find((e) => e.action === 'person.correct')).toMatchObject({ fields: ['fullName', 'corrections'] });
    // The name is searched by its normalised form: the new name finds her, without diacritics too.
    const found = (await get('/api/v1/people?q=tran%20thi%20bich%20ngoc', communeA)).json() as { items: { fullName: string }[] };
    expect(found.items.map((i) => i.fullName)).toEqual(['Trần Thị Bích Ngọc']);
  });

  it('keeps every old value, newest first', async () => {
    const reason = 'Cập nhật theo tờ khai';
    expect((await correct('082084001234', communeA, { field: 'occupation', value: 'Giáo viên', reason })).statusCode).toBe(200);
    const res = await correct('082084001234', communeA, { field: 'occupation', value: 'Hiệu trưởng', reason });
    expect(res.json().occupation).toBe('Hiệu trưởng');
    expect(res.json().corrections.map((c: { oldValue: string | null; newValue: string }) => [c.oldValue, c.newValue])).toEqual([
      ['Giáo viên', 'Hiệu trưởng'],
      [null, 'Giáo viên'],
    ]);
  });

  it('corrects a date of birth within the year the personal ID encodes, moving the birth event with it', async () => {
    // 082212003456: male, born 2012 (digit 4 = 2, digits 5–6 = 12).
    const otherYear = await correct('082212003456', communeA, { field: 'dateOfBirth', value: '2013-09-30', reason: 'Sai năm sinh' });
    expect(otherYear.statusCode).toBe(400);
    expect(otherYear.json().errors).toEqual([expect.objectContaining({ field: 'value', code: 'PERSONAL_ID_BIRTH_YEAR' })]);
    const otherCentury = await correct('082212003456', communeA, { field: 'dateOfBirth', value: '1912-09-30', reason: 'Sai năm sinh' });
    expect(otherCentury.json().errors[0]).toMatchObject({ field: 'value', code: 'PERSONAL_ID_CENTURY' });
    const ok = await correct('082212003456', communeA, { field: 'dateOfBirth', value: '2012-10-03', reason: 'Theo giấy chứng sinh' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().dateOfBirth).toBe('2012-10-03');
    expect(ok.json().lifeEvents.find((e: { kind: string }) => e.kind === 'birth')).toMatchObject({ occurredOn: '2012-10-03' });
    expect(ok.json().corrections[0]).toMatchObject({ field: 'dateOfBirth', oldValue: '2012-09-30', newValue: '2012-10-03' });
  });

  it('answers field errors in Vietnamese and writes nothing when refused', async () => {
    const before = await corrections();
    const cases: [object, string, string][] = [
      [{ field: 'fullName', value: 'Nguyễn 3 An', reason: 'x' }, 'value', 'NAME_CHARACTERS'],
      [{ field: 'fullName', value: '   ', reason: 'x' }, 'value', 'REQUIRED'],
      [{ field: 'dateOfBirth', value: '1984-02-30', reason: 'x' }, 'value', 'INVALID_DATE'],
      [{ field: 'ethnicity', value: 'Kinh', reason: 'x' }, 'value', 'CORRECTION_UNCHANGED'],
      [{ field: 'religion', value: 'Công giáo', reason: '  ' }, 'reason', 'REQUIRED'],
    ];
    for (const [payload, field, code] of cases) {
      let res!: Awaited<ReturnType<typeof correct>>;
      expect(await entriesOf(async () => {
        res = await correct('082084001234', communeA, payload);
      })).toEqual([]);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const [error] = res.json().errors as { field: string; code: string; message: string }[];
      expect(error).toMatchObject({ field, code });
      expect(error.message).toMatch(/\p{L}/u);
    }
    expect((await correct('082084001234', communeA, { field: 'ethnicity', value: 'Kinh', reason: 'x' })).json().errors[0].message)
      .toBe('Giá trị mới giống giá trị đang ghi: không có gì để cải chính');
    // Sex and the personal ID are not corrected here (the ID encodes the sex: it is re-established instead).
    for (const field of ['sex', 'personalId', 'phone']) {
      expect((await correct('082084001234', communeA, { field, value: 'Nữ', reason: 'x' })).statusCode).toBe(400);
    }
    expect(await corrections()).toBe(before);
  });

  it('keeps the detail document and the written record identical, corrections included', async () => {
    await expectDetailDocumentsMatchRecords(t, province, 3);
  });
});

describe('death', () => {
  it('records the place of death as the note of the event, once', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/people/087090004567/death', headers: province.headers, payload: { dateOfDeath: '2026-01-05', place: 'Bệnh viện Đa khoa tỉnh' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ deceased: true, dateOfDeath: '2026-01-05' });
    expect(res.json().lifeEvents.at(-1)).toMatchObject({ kind: 'death', occurredOn: '2026-01-05', note: 'Bệnh viện Đa khoa tỉnh' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/people/087090004567/death', headers: province.headers, payload: { dateOfDeath: '2026-01-06' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PERSON_DECEASED');
  });
});
