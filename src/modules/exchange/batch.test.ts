import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { parseExchangeLogFile } from './index.js';
import { storedLines } from './batch.js';

let t: TestApp;
let admin: Session;
let owner: Session;
let bich: CitizenSession;
let agencyId: number;
let token: string;
let otherToken: string;

const PURPOSE = 'welfare.eligibility-review';
const bearer = (tk = token) => ({ authorization: `Bearer ${tk}` });
const { an, bich: b, binh, le } = SIGN_UPS;

async function newAgency(name: string) {
  const c = await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: admin.headers, payload: { name, redirectUris: ['https://so.tinh.test/cb'], scopes: ['profile'], minLevel: 1 } });
  expect(c.statusCode, c.body).toBe(201);
  const client = c.json() as { clientId: string; clientSecret: string };
  const a = await t.app.inject({ method: 'POST', url: '/api/v1/exchange/agencies', headers: admin.headers, payload: { name, legalBasis: 'Luật Bảo hiểm xã hội 2024', clientId: client.clientId } });
  expect(a.statusCode, a.body).toBe(201);
  const tk = await t.app.inject({
    method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
  });
  expect(tk.statusCode, tk.body).toBe(200);
  return { id: a.json().id as number, token: tk.json().access_token as string };
}
async function grant(agency: number, service: string, dailyQuota: number) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/exchange/grants', headers: admin.headers, payload: { agencyId: agency, service, purposes: [PURPOSE], fields: [], dailyQuota, validFrom: '2020-01-01', validUntil: '2099-12-31' } });
  expect(res.statusCode, res.body).toBe(201);
  const ok = await t.app.inject({ method: 'POST', url: `/api/v1/exchange/grants/${res.json().id}/approve`, headers: owner.headers });
  expect(ok.statusCode, ok.body).toBe(200);
  return res.json().id as number;
}
const upload = (service: string, body: string | Buffer, type = 'text/csv', tk = token) => t.app.inject({
  method: 'POST', url: `/api/v1/exchange/batches?service=${service}&purpose=${encodeURIComponent(PURPOSE)}`,
  headers: { ...bearer(tk), 'content-type': type }, payload: body,
});
async function finished(id: number) {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exchange/batches/${id}`, headers: bearer() });
    expect(res.statusCode, res.body).toBe(200);
    if (res.json().status === 'done' || res.json().status === 'failed') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('batch not answered');
}
const resultsOf = async (id: number, format = 'csv') => t.app.inject({ method: 'GET', url: `/api/v1/exchange/batches/${id}/results?format=${format}`, headers: bearer() });

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  bich = await registerCitizen(t, SIGN_UPS.bich);
  const agency = await newAgency('Bảo hiểm xã hội tỉnh');
  agencyId = agency.id;
  token = agency.token;
  otherToken = (await newAgency('Sở Lao động thử nghiệm')).token;
  await grant(agencyId, 'person.matches', 1_000);
  await grant(agencyId, 'person.is_alive', 3);
}, 120_000);
afterAll(() => t?.close());

describe('batch verification', () => {
  let batchId: number;
  const csv = [
    'personal_id,full_name,date_of_birth',
    `${an.personalId},${an.fullName},${an.dateOfBirth}`,
    `${b.personalId},TRAN THI BICH,${b.dateOfBirth}`, // accents and case aside, as a single check compares
    `${binh.personalId},Nguyễn Văn Bình,2012-09-29`, // a day off: no
    '099999999999,Không Có Ai,1990-01-01', // unknown: no, like a false answer
    '',
    '12345,Sai Số,1990-01-01', // not a personal ID
    `${le.personalId},"Lê Văn An, con",1990-01-01`, // quoted comma: a name that does not match
    `${le.personalId},Lê Văn An`, // a column short
    `${le.personalId},"Lê Văn An,1990-01-01`, // broken quoting: this row only
    `${le.personalId},Lê Văn An,1990-02-30`, // no such day
    `${le.personalId},Lê Văn An,1990-01-01\r`, // CRLF line end
  ].join('\n');

  it('takes a CSV file, answers at once with the batch number, then answers every row in file order', async () => {
    const res = await upload('person.matches', csv);
    expect(res.statusCode, res.body).toBe(202);
    batchId = res.json().id;
    expect(res.headers.location).toBe(`/api/v1/exchange/batches/${batchId}`);
    expect(res.json()).toMatchObject({ service: 'person.matches', purpose: PURPOSE, format: 'csv', rowsTotal: 10, inputSha256: createHash('sha256').update(csv).digest('hex') });
    const done = await finished(batchId);
    expect(done).toMatchObject({ status: 'done', rowsTotal: 10, rowsDone: 10, progress: 100, yes: 3, no: 3, errors: 4 });

    const out = await resultsOf(batchId);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.headers['content-type']).toContain('text/csv');
    const lines = out.body.trim().split('\n');
    expect(lines[0]).toBe('line,personal_id,answer,error,error_message');
    const rows = lines.slice(1).map((l) => l.split(',').slice(0, 4));
    expect(rows).toEqual([
      ['2', an.personalId, 'true', ''],
      ['3', b.personalId, 'true', ''],
      ['4', binh.personalId, 'false', ''],
      ['5', '099999999999', 'false', ''],
      ['7', '12345', '', 'PERSONAL_ID_INVALID'],
      ['8', le.personalId, 'false', ''],
      ['9', '', '', 'FIELD_COUNT'],
      ['10', '', '', 'MALFORMED'],
      ['11', le.personalId, '', 'PARAM_INVALID'],
      ['12', le.personalId, 'true', ''],
    ]);
    expect(out.body).toContain('số định danh cá nhân phải gồm đúng 12 chữ số');
    // The uploaded file is not kept once answered.
    expect(Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_batch_input WHERE batch_id = $1', [batchId])).rows[0]!.n)).toBe(0);
  });

  it('counts each checked row against the daily quota, audits each person read and shows it in their history', async () => {
    const usage = await t.db.query<{ calls: number }>(
      `SELECT u.calls FROM exchange_usage u JOIN exchange_grants g ON g.id = u.grant_id WHERE g.agency_id = $1 AND g.service_code = 'person.matches'`, [agencyId]);
    expect(Number(usage.rows[0]!.calls)).toBe(6);
    const audit = await t.db.query<{ subject_id: string; actor_id: string; purpose: string; fields: string[] }>(
      `SELECT subject_id, actor_id, purpose, fields FROM audit_log WHERE action = 'exchange.person.check' ORDER BY seq`);
    // Found people only (an unknown number reads nobody): An, Bích, Bình, Lê twice.
    expect(audit.rows.map((r) => r.subject_id).sort()).toEqual([an.personalId, b.personalId, binh.personalId, le.personalId, le.personalId].sort());
    expect(audit.rows.every((r) => r.actor_id === `exchange:${agencyId}` && r.purpose === PURPOSE && r.fields[0] === 'person.matches')).toBe(true);
    const submitted = await t.db.query<{ subject_id: string; data: string }>(`SELECT subject_id, data FROM audit_log WHERE action = 'exchange.batch.submitted'`);
    expect(submitted.rows.map((r) => ({ subject: r.subject_id, data: JSON.parse(r.data) }))).toEqual([{ subject: String(batchId), data: expect.objectContaining({ rows: 10, bytes: 401 }) }]);
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/citizen/verifications', headers: bich.headers });
    expect(history.json().filter((h: { method: string; relyingParty: string }) => h.method === 'exchange' && h.relyingParty === 'Bảo hiểm xã hội tỉnh')).toHaveLength(1);
  });

  it('takes NDJSON, with the keys of the JSON API', async () => {
    const nd = [
      JSON.stringify({ personalId: an.personalId, fullName: an.fullName, dateOfBirth: an.dateOfBirth }),
      JSON.stringify({ personalId: b.personalId, fullName: b.fullName }),
      JSON.stringify({ personalId: b.personalId, fullName: b.fullName, dateOfBirth: b.dateOfBirth, extra: 1 }),
      '[1,2]',
      '{"personalId":',
      JSON.stringify({ personalId: 82186002345, fullName: b.fullName, dateOfBirth: b.dateOfBirth }),
    ].join('\n') + '\n';
    const res = await upload('person.matches', nd, 'application/x-ndjson');
    expect(res.statusCode, res.body).toBe(202);
    expect(await finished(res.json().id)).toMatchObject({ status: 'done', rowsTotal: 6, yes: 1, errors: 5 });
    const out = await resultsOf(res.json().id, 'ndjson');
    expect(out.headers['content-type']).toContain('application/x-ndjson');
    const rows = out.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.error)).toEqual([null, 'PARAM_MISSING', 'UNKNOWN_KEY', 'MALFORMED', 'MALFORMED', 'PERSONAL_ID_INVALID']);
    expect(rows[0]).toMatchObject({ line: 1, personalId: an.personalId, answer: true, errorMessage: null });
  });

  it('answers rows over the day\'s quota with an error of their own and checks nothing more', async () => {
    const rows = [an, b, binh, le, an].map((p) => p.personalId);
    const res = await upload('person.is_alive', ['personal_id', ...rows].join('\n'));
    // 5 rows on a quota of 3: refused whole, as it can never fit in a day.
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'EXCHANGE_BATCH_OVER_QUOTA' });
    const first = await upload('person.is_alive', ['personal_id', ...rows.slice(0, 2)].join('\n'));
    expect(await finished(first.json().id)).toMatchObject({ yes: 2, errors: 0 });
    const second = await upload('person.is_alive', ['personal_id', ...rows.slice(2, 4)].join('\n'));
    expect(await finished(second.json().id)).toMatchObject({ yes: 1, errors: 1 });
    expect((await resultsOf(second.json().id)).body).toContain('QUOTA_EXCEEDED');
  });

  it('refuses a whole file that is not UTF-8, has a header not of the service, or no rows, naming the line, and keeps nothing', async () => {
    const before = Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_batches')).rows[0]!.n);
    const latin = Buffer.concat([Buffer.from(`personal_id,full_name,date_of_birth\n${an.personalId},`), Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e]), Buffer.from(',1984-05-12\n')]);
    const cases: [string | Buffer, string][] = [
      [latin, 'dòng 2'],
      ['personal_id,full_name\n1,2', 'thiếu cột "date_of_birth"'],
      ['personal_id,full_name,date_of_birth,ho_ten\n', 'cột "ho_ten" không thuộc dịch vụ này'],
      ['personal_id,full_name,date_of_birth\n\n', 'không có dòng dữ liệu nào'],
      ['', 'không có dòng dữ liệu nào'],
      ['"personal_id,full_name\n', 'dòng 1'],
    ];
    for (const [body, says] of cases) {
      const res = await upload('person.matches', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'EXCHANGE_BATCH_REFUSED' });
      expect(res.json().title).toContain(says);
    }
    expect(Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_batches')).rows[0]!.n)).toBe(before);
    expect(Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_batch_input')).rows[0]!.n)).toBe(0);
  });

  it('needs the agency token before the file is read, a grant for the service and purpose, and shows a batch to its agency only', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/exchange/batches?service=person.matches&purpose=x`, headers: { 'content-type': 'text/csv' }, payload: 'personal_id\n1' })).statusCode).toBe(401);
    const noGrant = await upload('person.is_over_18', 'personal_id\n082084001234');
    expect(noGrant.json().code).toBe('EXCHANGE_NO_GRANT');
    const other = await upload('person.matches', csv, 'text/csv', otherToken);
    expect(other.json().code).toBe('EXCHANGE_NO_GRANT');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/exchange/batches/${batchId}`, headers: bearer(otherToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/exchange/batches/${batchId}/results`, headers: bearer(otherToken) })).statusCode).toBe(404);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/exchange/batches', headers: bearer() });
    expect(mine.json().map((x: { id: number }) => x.id)).toContain(batchId);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exchange/batches', headers: bearer(otherToken) })).json()).toEqual([]);
  });

  it('reads the stored pieces as one text, whatever byte a piece was cut at (inside a Vietnamese letter too)', async () => {
    const text = 'personal_id,full_name,date_of_birth\r\n082084001234,Nguyễn Văn An,1984-05-12\n\n082186002345,Trần Thị Bích,1986-02-03';
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const pieces = [bytes.subarray(0, cut), bytes.subarray(cut)];
      const lines: { line: number; text: string }[] = [];
      for await (const l of storedLines(async (n) => pieces[n], 2)) lines.push(l);
      expect(lines).toEqual([
        { line: 1, text: 'personal_id,full_name,date_of_birth' },
        { line: 2, text: '082084001234,Nguyễn Văn An,1984-05-12' },
        { line: 4, text: '082186002345,Trần Thị Bích,1986-02-03' },
      ]);
    }
  });

  it('refuses a line longer than 8 KiB (a file without line ends) before holding it, and a NUL in a row is that row\'s error only', async () => {
    const long = await upload('person.matches', `personal_id,full_name,date_of_birth\n${an.personalId},${'A'.repeat(20_000)},1984-05-12\n`);
    expect(long.statusCode).toBe(422);
    expect(long.json().title).toContain('dòng 2');
    const nul = [
      JSON.stringify({ personalId: '0820\u000084001234', fullName: an.fullName, dateOfBirth: an.dateOfBirth }),
      JSON.stringify({ personalId: an.personalId, fullName: 'An\u0000', dateOfBirth: an.dateOfBirth }),
      JSON.stringify({ personalId: an.personalId, fullName: an.fullName, dateOfBirth: an.dateOfBirth }),
    ].join('\n');
    const res = await upload('person.matches', nul, 'application/x-ndjson');
    expect(res.statusCode, res.body).toBe(202);
    expect(await finished(res.json().id)).toMatchObject({ status: 'done', yes: 1, errors: 2 });
    const rows = (await resultsOf(res.json().id, 'ndjson')).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.personalId, r.error])).toEqual([['', 'PERSONAL_ID_INVALID'], [an.personalId, 'PARAM_INVALID'], [an.personalId, null]]);
  });

  it('records the upload in the agency\'s signed log with the SHA-256 of the file', async () => {
    const log = parseExchangeLogFile((await t.app.inject({ method: 'GET', url: '/api/v1/exchange/log', headers: bearer() })).body).entries;
    const sent = log.filter((e) => e.path.startsWith('/api/v1/exchange/batches') && e.status === 202);
    expect(sent.map((e) => e.requestSha256)).toContain(createHash('sha256').update(csv).digest('hex'));
  });

  it('answers a batch of several chunks in file order, the quota running out inside the second chunk, auditing and recording only the rows checked', async () => {
    const grantId = await grant(agencyId, 'person.lives_in_commune', 12_000);
    // 5,000 calls of the day already used: 7,000 left (a file over the whole quota is refused at the upload).
    await t.db.query(`INSERT INTO exchange_usage (grant_id, day, calls) VALUES ($1, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 5000)`, [grantId]);
    const ids = [an.personalId, b.personalId, binh.personalId, le.personalId, '099999999999'];
    const rows = Array.from({ length: 12_000 }, (_, i) => `${ids[i % ids.length]},${COMMUNE_A}`);
    const res = await upload('person.lives_in_commune', ['personal_id,commune_code', ...rows].join('\n'));
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as number;
    let done: { status: string; rowsDone: number; yes: number; no: number; errors: number } | undefined;
    for (let i = 0; i < 600 && done?.status !== 'done'; i++) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      done = (await t.app.inject({ method: 'GET', url: `/api/v1/exchange/batches/${id}`, headers: bearer() })).json();
    }
    expect(done).toMatchObject({ status: 'done', rowsDone: 12_000, errors: 5_000 });
    expect(done!.yes + done!.no).toBe(7_000);
    const lines = (await resultsOf(id)).body.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(lines).toHaveLength(12_000);
    expect(lines.every((l, i) => l[0] === String(i + 2) && l[1] === ids[i % ids.length])).toBe(true);
    expect(lines.slice(0, 7_000).every((l) => l[3] === '')).toBe(true);
    expect(lines.slice(7_000).every((l) => l[3] === 'QUOTA_EXCEEDED')).toBe(true);
    // Four people in five are found: each read of the 7,000 rows checked is audited and in the person's history.
    const audited = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.person.check' AND fields = ARRAY['person.lives_in_commune'] AND request_id IS NOT NULL`);
    expect(Number(audited.rows[0]!.n)).toBe(5_600);
    const history = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_queries WHERE service_code = 'person.lives_in_commune' AND purpose = $1`, [PURPOSE]);
    expect(Number(history.rows[0]!.n)).toBe(5_600);
  }, 120_000);
});
