import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { fixturePerson, insertFixturePeople, PEOPLE } from '../registry/testing.js';

let t: TestApp;
let sector: Session;
let otherProvince: Session;
let communeOfficer: Session;
let runId: number;

const DECEASED = '082150009999';
const MOVED_OUT = '079175005678'; // Phạm Thị An: lives in Hồ Chí Minh now, her permanent residence in Đồng Tháp ended

const LIST = [
  'personal_id,legacy_id,full_name,date_of_birth,sex,commune_code,ma_the',
  '082084001234,,Nguyễn Văn An,1984-05-12,Nam,28249,T1', // matched
  ',123456789,Nguyen Van An,05/1984,,28249,T2', // matched: the same person again → duplicates
  `${DECEASED},,Võ Văn Chết,1950,Nam,28261,T3`, // a deceased person
  `${MOVED_OUT},,Phạm Thị An,1975-07-07,Nữ,,T4`, // moved out of the province
  ',,,,,,T5', // nothing identifying
].join('\n') + '\n';

async function finished(id: number) {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${id}`, headers: sector.headers });
    if (res.json().state !== 'running') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run did not finish');
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db, [...PEOPLE, { ...fixturePerson(DECEASED, 'Võ Văn Chết', '1950-03-03', 'Nam', '28261', 'HK-D', 'Chủ hộ'), dateOfDeath: '2025-01-01' }]);
  await t.db.query(
    `INSERT INTO residences (person_id, kind, commune_code, address, valid_from, valid_to)
     SELECT id, 'permanent', '28249', 'Ấp 2', '1975-07-07', '2024-06-01' FROM people WHERE personal_id = $1`, [MOVED_OUT]);
  sector = await t.officer('bhxh.tinh', 'health_insurance_officer', '82');
  otherProvince = await t.officer('bhxh.khac', 'health_insurance_officer', '25');
  communeOfficer = await t.officer('motcua.xa', 'one_stop_officer', '28249');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/linkage/runs?source=BHYT', headers: { ...sector.headers, 'content-type': 'text/csv' }, payload: LIST });
  expect(res.statusCode, res.body).toBe(202);
  runId = res.json().id;
  await finished(runId);
}, 120_000);
afterAll(() => t?.close());

const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: session.headers });

describe('authorization', () => {
  it('denies a role without linkage.run', async () => {
    expect((await get(communeOfficer, `/api/v1/linkage/runs/${runId}/quality`)).statusCode).toBe(403);
  });

  it('another province\'s run reads as absent', async () => {
    const res = await get(otherProvince, `/api/v1/linkage/runs/${runId}/quality`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('LINKAGE_RUN_NOT_FOUND');
    expect((await get(otherProvince, `/api/v1/linkage/runs/${runId}/quality.csv`)).statusCode).toBe(404);
  });

  it('a run still linking answers a clear problem', async () => {
    const r = await t.db.query<{ id: string }>(
      "INSERT INTO linkage_runs (province_code, source, scheme, created_by, match_threshold, review_threshold, columns, row_count) VALUES ('82', 'X', '2025', 'bhxh.tinh', 0.9, 0.5, '{full_name}', 1) RETURNING id");
    const res = await get(sector, `/api/v1/linkage/runs/${r.rows[0].id}/quality`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'LINKAGE_RUN_NOT_DONE', title: expect.stringContaining('chưa xong') });
  });
});

describe('the quality report', () => {
  it('flags the deceased and moved-out rows in the results (JSON and CSV)', async () => {
    const { items } = (await get(sector, `/api/v1/linkage/runs/${runId}/results`)).json();
    expect(items[2].reasons).toEqual(expect.arrayContaining(['personal_id:not_found', 'person:deceased']));
    expect(items[3].reasons).toEqual(expect.arrayContaining(['personal_id:not_found', 'person:moved_out']));
    expect(items[0].reasons.some((r: string) => r.startsWith('person:'))).toBe(false);
    const csv = (await get(sector, `/api/v1/linkage/runs/${runId}/results.csv`)).body.split('\r\n');
    expect(csv[3]).toContain('person:deceased');
  });

  it('answers completeness, statuses, duplicates, deceased and moved out, per list and per commune, audited', async () => {
    const res = await get(sector, `/api/v1/linkage/runs/${runId}/quality`);
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q).toMatchObject({ runId, source: 'BHYT' });
    expect(q.overall).toMatchObject({ rows: 5, matched: 2, unmatched: 3, deceased: 1, movedOut: 1, duplicateRows: 2, dateOfBirth: { full: 2, monthYear: 1, yearOnly: 1 } });
    expect(q.overall.completeness.find((c: { field: string }) => c.field === 'personal_id')).toEqual({ field: 'personal_id', count: 3, share: 0.6 });
    expect(q.duplicates).toEqual({ groups: 1, rows: 2, items: [{ personalId: '082084001234', rows: [1, 2] }] });
    expect(q.byPersonCommune[0]).toMatchObject({ communeCode: '28249', rows: 2, matched: 2, communeName: expect.any(String) });
    expect(q.byListCommune.map((c: { communeCode: string | null; rows: number }) => [c.communeCode, c.rows])).toEqual([['28249', 2], ['28261', 1], [null, 2]]);
    const audit = await t.db.query<{ subject_id: string; fields: string[] }>("SELECT subject_id, fields FROM audit_log WHERE action = 'linkage.quality.read'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].subject_id).toBe(String(runId));
  });

  it('exports one CSV line for the list and one per commune', async () => {
    const res = await get(sector, `/api/v1/linkage/runs/${runId}/quality.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^basis,commune_code,commune_name,rows,matched,review,unmatched,personal_id_complete,/);
    expect(lines[1]).toMatch(/^list,,,5,2,0,3,0\.6,/);
    expect(lines.filter((l) => l.startsWith('person_commune,'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('list_commune,'))).toHaveLength(3);
  });

  it('exports the same lines as an Excel workbook, with Vietnamese titles', async () => {
    const res = await get(sector, `/api/v1/linkage/runs/${runId}/quality.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`chat-luong-${runId}.xlsx`);
    const entries = unzip(res.rawPayload);
    const sheet = entries.get('xl/worksheets/sheet1.xml') ?? '';
    const strings = entries.get('xl/sharedStrings.xml') ?? '';
    // The titles and the lines' basis in words; one line for the list, two per-person communes, three list communes.
    for (const text of ['Phạm vi', 'Đã khớp', 'Có số định danh cá nhân', 'Cả danh sách', 'Theo xã của người được khớp']) expect(sheet + strings).toContain(text);
    expect(sheet.match(/<row /g)).toHaveLength(1 + 1 + 2 + 3);
    expect((await get(otherProvince, `/api/v1/linkage/runs/${runId}/quality.xlsx`)).statusCode).toBe(404);
  });

  it('feeds the operations centre: each source\'s latest finished run, its rows and matched rows', async () => {
    const latest = await t.services.linkage.quality.latestPerSource('82', new Date(Date.now() + 60_000));
    expect(latest).toEqual([{ source: 'BHYT', rows: 5, verified: 2 }]);
    expect(await t.services.linkage.quality.latestPerSource('82', new Date('2020-01-01'))).toEqual([]);
  });
});

/** The text entries of a zip file (the workbook), read from its central directory; stored or deflated. */
function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}
