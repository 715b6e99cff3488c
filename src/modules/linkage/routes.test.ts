import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { insertFixturePeople } from '../registry/testing.js';

let t: TestApp;
let sector: Session;
let registryOfficer: Session;
let otherProvince: Session;
let communeOfficer: Session;

const LIST = [
  'personal_id,legacy_id,full_name,date_of_birth,sex,commune_code,so_the_bhyt',
  '082084001234,,Nguyen Van An,1984,Nam,,HS001', // valid ID agreeing (no diacritics) → matched
  ',123456789,Nguyễn Văn An,12/05/1984,,,HS002', // CMND as a former identifier → matched
  '082186002345,,Lê Văn Cường,1986-02-03,Nữ,,HS003', // ID exists but the name disagrees → review
  ',,Trần Thị Bích,03/02/1986,Nữ,28249,"HS004, lớp 1"', // no ID: the comparison
  ',,,,,,HS005', // nothing identifying
].join('\n') + '\n';

const upload = (session: Session, body: string, query = 'source=BHYT%20h%E1%BB%8Dc%20sinh', type = 'text/csv') =>
  t.app.inject({ method: 'POST', url: `/api/v1/linkage/runs?${query}`, headers: { ...session.headers, 'content-type': type }, payload: body });

async function finished(session: Session, id: number) {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${id}`, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    if (res.json().state !== 'running') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run did not finish');
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  sector = await t.officer('bhxh.tinh', 'health_insurance_officer', '82');
  registryOfficer = await t.officer('dancu.tinh', 'province_registry', '82');
  otherProvince = await t.officer('bhxh.khac', 'health_insurance_officer', '25');
  communeOfficer = await t.officer('motcua.xa', 'one_stop_officer', '28249');
}, 120_000);
afterAll(() => t?.close());

describe('a list linked through the API', () => {
  let runId: number;

  it('takes the upload, audits it, and links in the background', async () => {
    const res = await upload(sector, LIST);
    expect(res.statusCode, res.body).toBe(202);
    runId = res.json().id;
    expect(res.json()).toMatchObject({ source: 'BHYT học sinh', scheme: '2025', rows: 5, createdBy: 'bhxh.tinh' });
    const run = await finished(sector, runId);
    expect(run).toMatchObject({ state: 'done', processed: 5, matched: 3, review: 1, unmatched: 1 });
    const audit = await t.db.query<{ actor_id: string; subject_id: string; data: unknown }>(
      "SELECT actor_id, subject_id, data FROM audit_log WHERE action = 'linkage.run.created'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].subject_id).toBe(String(runId));
    const data = audit.rows[0].data;
    expect(typeof data === 'string' ? JSON.parse(data) : data).toMatchObject({ source: 'BHYT học sinh', rows: 5 });
  });

  it('answers the results as JSON, paged and filtered, with the sector columns untouched and the read audited', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/results?limit=10`, headers: sector.headers });
    expect(res.statusCode, res.body).toBe(200);
    const { total, items } = res.json();
    expect(total).toBe(5);
    expect(items.map((r: { status: string }) => r.status)).toEqual(['matched', 'matched', 'review', 'matched', 'unmatched']);
    expect(items[0]).toMatchObject({ row: 1, personalId: '082084001234', matchProbability: 1 });
    expect(items[1].personalId).toBe('082084001234');
    expect(items[2]).toMatchObject({ personalId: '082186002345', reasons: expect.arrayContaining(['id:disagrees']) });
    expect(items[3]).toMatchObject({ personalId: '082186002345', fields: { so_the_bhyt: 'HS004, lớp 1' } });
    expect(items[4].reasons).toContain('nothing_identifying');
    const review = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/results?status=review`, headers: sector.headers });
    expect(review.json().total).toBe(1);
    const reads = await t.db.query("SELECT subject_id FROM audit_log WHERE action = 'linkage.results.read'");
    expect(reads.rows.length).toBe(2);
  });

  it('answers the results as CSV with linkage columns first and the list columns as they came', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/results.csv`, headers: sector.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,personal_id,match_probability,status,reasons,input_personal_id,legacy_id,full_name,date_of_birth,sex,commune_code,so_the_bhyt');
    expect(lines[1]).toMatch(/^1,082084001234,1,matched,/);
    expect(lines[4]).toContain('"HS004, lớp 1"');
  });

  it('previews other thresholds and sets the source\'s, audited', async () => {
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/preview?match=0.99&review=0.01`, headers: sector.headers });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.matched + p.review + p.unmatched).toBe(5);
    const bad = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/preview?match=0.4&review=0.5`, headers: sector.headers });
    expect(bad.json().code).toBe('LINKAGE_THRESHOLDS_INVALID');
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/linkage/sources/BHYT%20h%E1%BB%8Dc%20sinh/thresholds', headers: sector.headers, payload: { match: 0.95, review: 0.4 } });
    expect(set.statusCode, set.body).toBe(200);
    const next = await upload(sector, LIST);
    expect(next.json().thresholds).toEqual({ match: 0.95, review: 0.4 });
    await finished(sector, next.json().id);
    expect((await t.db.query("SELECT 1 FROM audit_log WHERE action = 'linkage.thresholds.set'")).rows).toHaveLength(1);
  });

  it('the registry officer may run lists too; another province does not see the run; other roles may not', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}`, headers: registryOfficer.headers })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/linkage/runs/${runId}/results`, headers: otherProvince.headers });
    expect(other.json().code).toBe('LINKAGE_RUN_NOT_FOUND');
    expect((await upload(communeOfficer, LIST)).statusCode).toBe(403);
  });

  it('NDJSON is read the same way', async () => {
    const res = await upload(sector, '{"full_name":"Trần Thị Bích","date_of_birth":"1986-02-03","sex":"Nữ","ma":7}\n', 'source=NDJSON', 'application/x-ndjson');
    expect(res.statusCode, res.body).toBe(202);
    const run = await finished(sector, res.json().id);
    expect(run.columns).toEqual(['full_name', 'date_of_birth', 'sex', 'ma']);
  });
});

describe('bad input is refused with its first bad line', () => {
  it.each([
    ['broken quoting', 'full_name,date_of_birth\nNguyễn Văn An,1984\n"Trần Thị, Bích,1986\n', 3],
    ['another number of fields', 'full_name,date_of_birth\nNguyễn Văn An,1984,x\n', 2],
    ['a header with a column twice', 'full_name,full_name\n', 1],
  ])('%s', async (_name, body, line) => {
    const res = await upload(sector, body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('LINKAGE_FILE_REFUSED');
    expect(res.json().title).toContain(`dòng ${line}:`);
  });

  it('a file in another encoding (Windows-1258 bytes)', async () => {
    const body = Buffer.concat([Buffer.from('full_name,date_of_birth\nNguyen Van An,1984\n'), Buffer.from([0x54, 0x72, 0xe2, 0xf2, 0x6e, 0x2c, 0x31, 0x39, 0x39, 0x30, 0x0a])]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/linkage/runs?source=X', headers: { ...sector.headers, 'content-type': 'text/csv' }, payload: body });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('LINKAGE_FILE_REFUSED');
    expect(res.json().title).toBe('Tệp danh sách không đọc được ở dòng 3: tệp không phải UTF-8 (hãy lưu lại với mã hóa UTF-8)');
  });

  it('no run is recorded for a refused file', async () => {
    expect((await t.db.query("SELECT 1 FROM linkage_runs WHERE source = 'X'")).rows).toHaveLength(0);
  });
});
