import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { createHash } from 'node:crypto';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { parseExchangeLogFile, verifyExchangeLog } from './index.js';

let t: TestApp;
let admin: Session;
let otherAdmin: Session;
let owner: Session;
let otherOwner: Session;
let communeOfficer: Session;
let bich: CitizenSession;
let client: { clientId: string; clientSecret: string };
let agencyId: number;
let token: string;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const bearer = () => ({ authorization: `Bearer ${token}` });
const PURPOSE = 'procedure.dossier-processing';
const entries = async (action: string) =>
  (await t.db.query<{ actor_id: string; actor_name: string | null; subject_id: string | null; fields: string[] | null; purpose: string | null }>(
    'SELECT actor_id, actor_name, subject_id, fields, purpose FROM audit_log WHERE action = $1 ORDER BY seq', [action])).rows;

async function newClient(session: Session, name: string) {
  const res = await inject('POST', '/api/v1/sso/clients', session.headers, { name, redirectUris: ['https://nh.tinh.test/cb'], scopes: ['profile'], minLevel: 1 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { clientId: string; clientSecret: string };
}
async function tokenOf(c: { clientId: string; clientSecret: string }) {
  const res = await t.app.inject({
    method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token as string;
}
async function grant(body: object) {
  const res = await inject('POST', '/api/v1/exchange/grants', admin.headers, { agencyId, purposes: [PURPOSE], fields: [], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const approved = await inject('POST', `/api/v1/exchange/grants/${res.json().id}/approve`, owner.headers);
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json() as { id: number };
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  otherAdmin = await t.officer('quantri.khac', 'admin', '25');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  otherOwner = await t.officer('dancu.khac', 'province_registry', '25');
  communeOfficer = await t.officer('dancu.xa', 'commune_registry', COMMUNE_A);
  client = await newClient(admin, 'Ngân hàng thử nghiệm');
  bich = await registerCitizen(t, SIGN_UPS.bich);
}, 120_000);
afterAll(() => t?.close());

describe('authorization', () => {
  it('agencies and grants are managed by administrators, approved by the data owner, each in their own province', async () => {
    expect((await inject('GET', '/api/v1/exchange/agencies')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/exchange/agencies', communeOfficer.headers)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/exchange/agencies', owner.headers, { name: 'X', legalBasis: 'Y', clientId: client.clientId })).statusCode).toBe(403);
    const res = await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Ngân hàng TMCP Thử nghiệm', legalBasis: 'Nghị định 13/2023/NĐ-CP; thỏa thuận kết nối số 01/2026', clientId: client.clientId });
    expect(res.statusCode, res.body).toBe(201);
    agencyId = res.json().id;
    expect((await inject('GET', '/api/v1/exchange/agencies', otherAdmin.headers)).json()).toEqual([]);
    expect((await inject('GET', '/api/v1/exchange/agencies', admin.headers)).json().map((a: { id: number }) => a.id)).toEqual([agencyId]);
    // The same client is one agency only; a client that is not confidential or does not exist is refused.
    expect((await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Lần hai', legalBasis: 'Y', clientId: client.clientId })).json().code).toBe('EXCHANGE_CLIENT_TAKEN');
    expect((await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Không có', legalBasis: 'Y', clientId: 'khong-co' })).statusCode).toBe(422);

    const body = { agencyId, service: 'person.is_alive', purposes: [PURPOSE], fields: [], dailyQuota: 10, validFrom: '2020-01-01', validUntil: '2099-12-31' };
    expect((await inject('POST', '/api/v1/exchange/grants', owner.headers, body)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/exchange/grants', otherAdmin.headers, body)).json().code).toBe('EXCHANGE_AGENCY_NOT_FOUND');
    const asked = await inject('POST', '/api/v1/exchange/grants', admin.headers, body);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('requested');
    const id = asked.json().id;
    // The administrator who asks cannot approve; another province's data owner does not see it.
    expect((await inject('POST', `/api/v1/exchange/grants/${id}/approve`, admin.headers)).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/exchange/grants/${id}/approve`, otherOwner.headers)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/exchange/grants', otherOwner.headers)).json()).toEqual([]);
    expect((await inject('GET', '/api/v1/exchange/grants', owner.headers)).json()[0]).toMatchObject({ id, agencyName: 'Ngân hàng TMCP Thử nghiệm', status: 'requested' });
  });

  it('the agency API needs a valid client-credentials token of a registered agency, checked before the body', async () => {
    const body = { service: 'person.is_alive', personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE };
    expect((await inject('POST', '/api/v1/exchange/checks', {}, body)).json().code).toBe('EXCHANGE_TOKEN_INVALID');
    expect((await inject('POST', '/api/v1/exchange/checks', { authorization: 'Bearer khong-phai-ma-truy-cap-that' }, body)).statusCode).toBe(401);
    // An officer's session is no agency.
    expect((await inject('POST', '/api/v1/exchange/checks', admin.headers, body)).statusCode).toBe(401);
    // A valid token of a client that is no agency.
    const stranger = await tokenOf(await newClient(admin, 'Hệ thống chưa đăng ký'));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/exchange/checks', headers: { authorization: `Bearer ${stranger}`, 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('EXCHANGE_AGENCY_UNKNOWN');
    token = await tokenOf(client);
    // Nothing without an approved grant.
    const none = await inject('POST', '/api/v1/exchange/checks', bearer(), body);
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('EXCHANGE_NO_GRANT');
  });
});

describe('grants', () => {
  it('refuses fields a service does not offer and fields on a yes/no check', async () => {
    const base = { agencyId, purposes: [PURPOSE], dailyQuota: 5, validFrom: '2020-01-01', validUntil: '2099-12-31' };
    expect((await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'person.is_alive', fields: ['fullName'] })).statusCode).toBe(422);
    expect((await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'khong.co', fields: [] })).statusCode).toBe(422);
    expect((await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'person.lookup', fields: ['religion'] })).statusCode).toBe(400);
    expect((await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'person.lookup', fields: [], validFrom: '2030-01-01', validUntil: '2029-01-01' })).statusCode).toBe(422);
    const services = await inject('GET', '/api/v1/exchange/services', admin.headers);
    expect(services.json().map((s: { code: string }) => s.code)).toEqual(['person.lookup', 'person.is_alive', 'person.lives_in_commune', 'person.is_over_18', 'person.matches', 'household.members', 'sector.health_book', 'sector.labour_book', 'sector.land_rights', 'sector.civil_status_event']);
    // Each service has a purpose catalogue, and a grant may name only its purposes.
    expect(services.json().every((s: { purposes: unknown[] }) => s.purposes.length > 0)).toBe(true);
    expect(services.json()[0].purposes[0]).toEqual({ code: expect.any(String), label: expect.any(String), legalBasis: expect.any(String), validFrom: expect.any(String), validUntil: null });
    const outside = await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'person.is_alive', fields: [], purposes: [PURPOSE, 'Tiếp thị'] });
    expect(outside.json()).toMatchObject({ code: 'EXCHANGE_INVALID', title: expect.stringContaining('Tiếp thị') });
    const otherService = await inject('POST', '/api/v1/exchange/grants', admin.headers, { ...base, service: 'person.lives_in_commune', fields: [], purposes: ['kyc.customer-identification'] });
    expect(otherService.json()).toMatchObject({ code: 'EXCHANGE_INVALID', title: expect.stringContaining('kyc.customer-identification') });
  });
});

describe('the agency API', () => {
  it('looks a person up with only the granted fields, under a granted purpose, audited as the agency', async () => {
    await grant({ service: 'person.lookup', fields: ['fullName', 'dateOfBirth'] });
    const other = await inject('POST', '/api/v1/exchange/person-lookups', bearer(), { personalId: SIGN_UPS.bich.personalId, purpose: 'kyc.customer-identification' });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'EXCHANGE_PURPOSE_NOT_GRANTED', title: expect.stringContaining('kyc.customer-identification') });
    // A purpose outside the service's catalogue has its own code: the catalogue is public, so it tells nothing of grants or people.
    const unknown = await inject('POST', '/api/v1/exchange/person-lookups', bearer(), { personalId: SIGN_UPS.bich.personalId, purpose: 'Tiếp thị sản phẩm' });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toMatchObject({ code: 'EXCHANGE_PURPOSE_UNKNOWN', title: expect.stringContaining('Tiếp thị sản phẩm') });
    const res = await inject('POST', '/api/v1/exchange/person-lookups', bearer(), { personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ personalId: SIGN_UPS.bich.personalId, fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03' });
    const [entry] = await entries('exchange.person.lookup');
    expect(entry).toMatchObject({ actor_id: `exchange:${agencyId}`, actor_name: 'Ngân hàng TMCP Thử nghiệm', subject_id: SIGN_UPS.bich.personalId, purpose: PURPOSE });
    expect(entry!.fields).toEqual(['fullName', 'dateOfBirth']);
    expect((await inject('POST', '/api/v1/exchange/person-lookups', bearer(), { personalId: '001099000000', purpose: PURPOSE })).json().code).toBe('EXCHANGE_PERSON_NOT_FOUND');
  });

  it('answers checks yes or no only, an unknown personal ID exactly as a no', async () => {
    await grant({ service: 'person.is_alive' });
    await grant({ service: 'person.lives_in_commune' });
    await grant({ service: 'person.is_over_18' });
    await grant({ service: 'person.matches' });
    const check = async (body: object) => {
      const res = await inject('POST', '/api/v1/exchange/checks', bearer(), { personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.body;
    };
    const yes = await check({ service: 'person.is_alive' });
    expect(JSON.parse(yes)).toEqual({ service: 'person.is_alive', answer: true });
    expect(JSON.parse(await check({ service: 'person.is_over_18' })).answer).toBe(true);
    expect(JSON.parse(await check({ service: 'person.is_over_18', personalId: '082212003456' })).answer).toBe(false);
    expect(JSON.parse(await check({ service: 'person.lives_in_commune', communeCode: COMMUNE_A })).answer).toBe(true);
    const no = await check({ service: 'person.lives_in_commune', communeCode: '25747' });
    const unknown = await check({ service: 'person.lives_in_commune', communeCode: COMMUNE_A, personalId: '001099000000' });
    expect(unknown).toBe(no);
    expect(JSON.parse(await check({ service: 'person.matches', fullName: 'tran thi  bich', dateOfBirth: '1986-02-03' })).answer).toBe(true);
    expect(JSON.parse(await check({ service: 'person.matches', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-04' })).answer).toBe(false);
    const missing = await inject('POST', '/api/v1/exchange/checks', bearer(), { service: 'person.matches', personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE });
    expect(missing.statusCode).toBe(422);
    // Each known person's check is a read of their data by the agency, naming the check; the unknown ID names nobody.
    const reads = await entries('exchange.person.check');
    expect(reads.every((e) => e.actor_id === `exchange:${agencyId}` && e.purpose === PURPOSE)).toBe(true);
    expect(reads.map((e) => e.subject_id)).not.toContain('001099000000');
    expect(reads.find((e) => e.subject_id === SIGN_UPS.bich.personalId)?.fields).toEqual(['person.is_alive']);
  });

  it('enforces the daily quota with a 429 problem in Vietnamese', async () => {
    const g = await grant({ service: 'person.is_alive', purposes: ['welfare.eligibility-review'], dailyQuota: 2 });
    const call = () => inject('POST', '/api/v1/exchange/checks', bearer(), { service: 'person.is_alive', personalId: SIGN_UPS.bich.personalId, purpose: 'welfare.eligibility-review' });
    expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(200);
    const over = await call();
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'EXCHANGE_QUOTA_EXCEEDED', title: expect.stringContaining('hạn mức 2 lượt') });
    const usage = await t.db.query<{ calls: number }>('SELECT calls FROM exchange_usage WHERE grant_id = $1', [g.id]);
    expect(Number(usage.rows[0]!.calls)).toBe(2);
  });

  it('shows each query in the citizen\'s access history with the agency\'s name', async () => {
    const res = await inject('GET', '/api/v1/citizen/verifications', bich.headers);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().filter((h: { method: string }) => h.method === 'exchange');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((h: { relyingParty: string; purpose: string }) => h.relyingParty === 'Ngân hàng TMCP Thử nghiệm' && h.purpose)).toBe(true);
    // In Vietnamese: the fields a lookup released, or that a check released only its yes/no answer.
    expect(mine.some((h: { fields: string[] }) => h.fields.join() === 'Họ, chữ đệm và tên,Ngày sinh')).toBe(true);
    expect(mine.some((h: { fields: string[] }) => h.fields.join() === 'Chỉ câu trả lời có/không (không cung cấp dữ liệu)')).toBe(true);
  });
});

describe('the signed exchange log', () => {
  it('lets the agency download its own chained, signed log, which verifies offline and fails when one entry is altered', async () => {
    const call = await inject('POST', '/api/v1/exchange/checks', bearer(), { service: 'person.is_alive', personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE });
    expect(call.statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/exchange/log')).statusCode).toBe(401);
    const res = await inject('GET', '/api/v1/exchange/log', bearer());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const { header, entries: log } = parseExchangeLogFile(res.body);
    expect(header).toMatchObject({ agencyId, agencyName: 'Ngân hàng TMCP Thử nghiệm', entries: log.length });
    // Every call since the agency was known, refusals included (the grant-less call, the wrong purpose, the 429).
    expect(log.length).toBeGreaterThanOrEqual(15);
    expect(log.every((e) => e.agencyId === agencyId)).toBe(true);
    expect(log.map((e) => e.status)).toEqual(expect.arrayContaining([200, 403, 404, 422, 429]));
    const last = log.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/api/v1/exchange/checks', status: 200 });
    expect(last.responseSha256).toBe(createHash('sha256').update(call.body).digest('hex'));
    expect(JSON.stringify(log)).not.toContain(SIGN_UPS.bich.personalId);

    const jwks = (await inject('GET', '/.well-known/jwks.json')).json();
    expect(header.jwks).toEqual(jwks);
    expect(await verifyExchangeLog(log, jwks)).toEqual({ valid: true, entries: log.length });
    // One entry altered: its status, or its body hash with the entry's hash recomputed, or one dropped.
    const altered = structuredClone(log);
    altered[3]!.status = 418;
    expect(await verifyExchangeLog(altered, jwks)).toMatchObject({ valid: false, seq: 4 });
    const rehashed = structuredClone(log);
    rehashed[5]!.responseSha256 = '0'.repeat(64);
    const e = rehashed[5]!;
    e.hash = createHash('sha256').update(JSON.stringify([e.agencyId, e.seq, e.at, e.method, e.path, e.status, e.requestSha256, e.responseSha256, e.prevHash])).digest('hex');
    expect(await verifyExchangeLog(rehashed, jwks)).toMatchObject({ valid: false, seq: 6, reason: expect.stringContaining('signature') });
    expect(await verifyExchangeLog([...log.slice(0, 2), ...log.slice(3)], jwks)).toMatchObject({ valid: false });
    // Another agency sees only its own (empty) log.
    const other = await newClient(admin, 'Sở Y tế thử nghiệm');
    expect((await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Sở Y tế', legalBasis: 'Luật Khám bệnh, chữa bệnh', clientId: other.clientId })).statusCode).toBe(201);
    expect(parseExchangeLogFile((await inject('GET', '/api/v1/exchange/log', { authorization: `Bearer ${await tokenOf(other)}` })).body).entries).toEqual([]);
  });
});
