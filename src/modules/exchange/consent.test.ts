import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';

// Consent the citizen holds (issue 17): an agency asks, the citizen approves (fields, validity) or refuses with the
// e-ID level the service needs, and may revoke; the gateway answers a consent-based purpose only under a consent in force.

let t: TestApp;
let admin: Session;
let owner: Session;
let bich: CitizenSession;
let an: CitizenSession;
let token: string;
let otherToken: string;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const LAW = 'credit.loan-appraisal';
const CONSENT = 'service.offer-with-consent';
const UNKNOWN_ID = '001099000000';
const bearer = (tok = token) => ({ authorization: `Bearer ${tok}` });
const lookup = (personalId: string, purpose = CONSENT, tok = token) => inject('POST', '/api/v1/exchange/person-lookups', bearer(tok), { personalId, purpose });
const ask = (body: object, tok = token) => inject('POST', '/api/v1/exchange/consent-requests', bearer(tok), {
  personalId: SIGN_UPS.bich.personalId, service: 'person.lookup', purpose: CONSENT, fields: ['fullName', 'dateOfBirth', 'sex'], validUntil: '2099-12-31', frequency: 'periodic', ...body,
});
const mine = async (c: CitizenSession) => (await inject('GET', '/api/v1/citizen/consents', c.headers)).json() as { id: number; status: string; agency: string; fields: string[] }[];
async function level(personalId: string, lv: 1 | 2) {
  await t.db.query('UPDATE citizen_accounts SET level = $2, level2_at = now() WHERE personal_id = $1', [personalId, lv]);
  t.services.identity.forgetCitizenSessions();
}

async function agency(name: string) {
  const c = await inject('POST', '/api/v1/sso/clients', admin.headers, { name, redirectUris: ['https://bh.tinh.test/cb'], scopes: ['profile'], minLevel: 1 });
  expect(c.statusCode, c.body).toBe(201);
  const client = c.json() as { clientId: string; clientSecret: string };
  const a = await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name, legalBasis: 'Thỏa thuận kết nối 02/2026', clientId: client.clientId });
  expect(a.statusCode, a.body).toBe(201);
  const g = await inject('POST', '/api/v1/exchange/grants', admin.headers, {
    agencyId: a.json().id, service: 'person.lookup', purposes: [LAW, CONSENT], consentPurposes: [CONSENT], fields: ['fullName', 'dateOfBirth', 'sex'], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31',
  });
  expect(g.statusCode, g.body).toBe(201);
  expect(g.json().consentPurposes).toEqual([CONSENT]);
  expect((await inject('POST', `/api/v1/exchange/grants/${g.json().id}/approve`, owner.headers)).statusCode).toBe(200);
  const tok = await t.app.inject({
    method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
  });
  expect(tok.statusCode, tok.body).toBe(200);
  return tok.json().access_token as string;
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  bich = await registerCitizen(t, SIGN_UPS.bich);
  an = await registerCitizen(t, SIGN_UPS.an);
  token = await agency('Công ty Bảo hiểm Thử nghiệm');
  otherToken = await agency('Ngân hàng Khác');
}, 120_000);
afterAll(() => t?.close());

describe('grants name the purposes that rest on consent', () => {
  it('refuses a consent purpose that is not one of the grant\'s purposes', async () => {
    const res = await inject('POST', '/api/v1/exchange/grants', admin.headers, {
      agencyId: 1, service: 'person.is_alive', purposes: [LAW], consentPurposes: [CONSENT], fields: [], dailyQuota: 1, validFrom: '2020-01-01', validUntil: '2099-12-31',
    });
    expect(res.statusCode).toBe(422);
  });
});

describe('consent the citizen holds', () => {
  it('answers a purpose under the law without consent, and refuses a consent purpose alike for a known and an unknown ID', async () => {
    const law = await lookup(SIGN_UPS.bich.personalId, LAW);
    expect(law.statusCode, law.body).toBe(200);
    const known = await lookup(SIGN_UPS.bich.personalId);
    const unknown = await lookup(UNKNOWN_ID);
    expect(known.statusCode).toBe(403);
    expect(known.headers['content-type']).toContain('application/problem+json');
    expect(known.json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    // Nothing tells a known ID from an unknown one.
    const strip = (b: string) => { const { instance: _i, ...rest } = JSON.parse(b) as Record<string, unknown>; return rest; };
    expect(strip(unknown.body)).toEqual(strip(known.body));
  });

  it('asks consent: only for a consent purpose, fields of the grant, within its validity; an unknown ID is asked alike', async () => {
    expect((await ask({ purpose: LAW })).statusCode).toBe(422);
    expect((await ask({ purpose: 'welfare.eligibility-review' })).json().code).toBe('EXCHANGE_PURPOSE_NOT_GRANTED');
    expect((await ask({ purpose: 'Không có trong danh mục' })).json().code).toBe('EXCHANGE_PURPOSE_UNKNOWN');
    expect((await ask({ fields: ['ethnicity'] })).statusCode).toBe(422);
    expect((await ask({ validUntil: '2001-01-01' })).statusCode).toBe(422);
    expect((await ask({ service: 'person.is_alive', fields: [] })).json().code).toBe('EXCHANGE_NO_GRANT');
    const res = await ask({});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', purpose: CONSENT, fieldsAsked: ['fullName', 'dateOfBirth', 'sex'], frequency: 'periodic' });
    const nobody = await ask({ personalId: UNKNOWN_ID });
    expect(nobody.statusCode).toBe(201);
    expect(nobody.json().status).toBe('pending');
    // The agency reads its own requests only.
    expect((await inject('GET', `/api/v1/exchange/consent-requests/${res.json().id}`, bearer())).json().status).toBe('pending');
    expect((await inject('GET', `/api/v1/exchange/consent-requests/${res.json().id}`, bearer(otherToken))).statusCode).toBe(404);
    const [entry] = (await t.db.query<{ actor_id: string }>(`SELECT actor_id FROM audit_log WHERE action = 'exchange.consent.requested' ORDER BY seq`)).rows;
    expect(entry!.actor_id).toMatch(/^exchange:/);
  });

  it('the citizen sees the request, needs level 2 for a lookup, approves some fields and a shorter validity; the query then succeeds', async () => {
    const list = await mine(bich);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'pending', agency: 'Công ty Bảo hiểm Thử nghiệm', requiredLevel: 2 });
    expect(await mine(an)).toEqual([]);
    const id = list[0]!.id;
    // Another citizen cannot answer it; level 1 is not enough for a lookup.
    expect((await inject('POST', `/api/v1/citizen/consents/${id}/approve`, an.headers, { fields: ['fullName'], validUntil: '2099-01-01' })).statusCode).toBe(404);
    const low = await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['fullName'], validUntil: '2099-01-01' });
    expect(low.statusCode).toBe(403);
    expect(low.json()).toMatchObject({ code: 'EXCHANGE_CONSENT_LEVEL_REQUIRED', title: expect.stringContaining('mức độ 2') });
    await level(SIGN_UPS.bich.personalId, 2);
    expect((await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['nationality'], validUntil: '2099-01-01' })).statusCode).toBe(422);
    expect((await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['fullName'], validUntil: '2100-01-01' })).statusCode).toBe(422);
    const ok = await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['fullName', 'dateOfBirth'], validUntil: '2099-01-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', fields: ['fullName', 'dateOfBirth'], validUntil: '2099-01-01' });
    expect((await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['fullName'], validUntil: '2099-01-01' })).json().code).toBe('EXCHANGE_CONSENT_DECIDED');

    // Only the fields both the grant and the citizen released; twice, as the consent is periodic.
    for (let i = 0; i < 2; i++) {
      const res = await lookup(SIGN_UPS.bich.personalId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ personalId: SIGN_UPS.bich.personalId, fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03' });
    }
    // Another agency has no consent.
    expect((await lookup(SIGN_UPS.bich.personalId, CONSENT, otherToken)).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    expect((await inject('GET', `/api/v1/exchange/consent-requests/${id}`, bearer())).json()).toMatchObject({ status: 'approved', fields: ['fullName', 'dateOfBirth'] });
  });

  it('revocation takes effect at the next query', async () => {
    const [c] = await mine(bich);
    const res = await inject('POST', `/api/v1/citizen/consents/${c!.id}/revoke`, bich.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('revoked');
    expect((await lookup(SIGN_UPS.bich.personalId)).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    expect((await inject('POST', `/api/v1/citizen/consents/${c!.id}/revoke`, bich.headers)).json().code).toBe('EXCHANGE_CONSENT_NOT_ACTIVE');
  });

  it('a once consent is used up by one query; a refusal leaves the purpose refused', async () => {
    const once = await ask({ frequency: 'once', fields: ['fullName'] });
    const id = once.json().id as number;
    expect((await inject('POST', `/api/v1/citizen/consents/${id}/approve`, bich.headers, { fields: ['fullName'], validUntil: '2099-12-31' })).statusCode).toBe(200);
    expect((await lookup(SIGN_UPS.bich.personalId)).statusCode).toBe(200);
    expect((await lookup(SIGN_UPS.bich.personalId)).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    expect((await inject('GET', `/api/v1/exchange/consent-requests/${id}`, bearer())).json().status).toBe('used');

    const refused = await ask({});
    const r = await inject('POST', `/api/v1/citizen/consents/${refused.json().id}/refuse`, bich.headers);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('refused');
    expect((await lookup(SIGN_UPS.bich.personalId)).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    const actions = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'exchange.consent.%' AND actor_kind = 'citizen' ORDER BY seq`)).rows.map((x) => x.action);
    expect(actions).toEqual(['exchange.consent.approved', 'exchange.consent.revoked', 'exchange.consent.approved', 'exchange.consent.refused']);
  });

  it('the citizen\'s history shows each query with its basis, refusals for want of consent, and the decisions', async () => {
    const res = await inject('GET', '/api/v1/citizen/verifications', bich.headers);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { method: string; result: string; relyingPartyType: string; reason: string | null; fields: string[] }[]).filter((h) => h.method === 'exchange');
    const types = items.map((h) => h.relyingPartyType);
    expect(types.filter((x) => x.endsWith('theo quy định pháp luật'))).toHaveLength(1);
    expect(items.filter((h) => h.relyingPartyType.endsWith('theo đồng ý') && h.result === 'valid')).toHaveLength(3);
    expect(items.filter((h) => h.result === 'invalid').every((h) => h.reason?.includes('chưa có sự đồng ý') && h.fields.length === 0)).toBe(true);
    expect(items.filter((h) => h.result === 'invalid').length).toBeGreaterThanOrEqual(4);
    expect(types.some((x) => x.includes('Bạn đã đồng ý chia sẻ (nhiều lần, đến 01/01/2099)'))).toBe(true);
    expect(types.some((x) => x.includes('Bạn đã thu hồi sự đồng ý'))).toBe(true);
    expect(types.some((x) => x.includes('Bạn đã từ chối chia sẻ'))).toBe(true);
    // Nobody's history holds the unknown ID's attempt; An has none.
    expect(((await inject('GET', '/api/v1/citizen/verifications', an.headers)).json() as { method: string }[]).filter((h) => h.method === 'exchange')).toEqual([]);
  });
});

describe('household composition', () => {
  it('answers the members with their relation to the head and the granted fields only, under the same grant and consent rules', async () => {
    const households = (body: object, tok = token) => inject('POST', '/api/v1/exchange/households', bearer(tok), { personalId: SIGN_UPS.an.personalId, purpose: LAW, ...body });
    expect((await households({})).json().code).toBe('EXCHANGE_NO_GRANT');
    const agencies = (await inject('GET', '/api/v1/exchange/agencies', admin.headers)).json() as { id: number; name: string }[];
    const agencyId = agencies.find((a) => a.name === 'Công ty Bảo hiểm Thử nghiệm')!.id;
    const g = await inject('POST', '/api/v1/exchange/grants', admin.headers, {
      agencyId, service: 'household.members', purposes: [LAW, CONSENT], consentPurposes: [CONSENT], fields: ['fullName', 'sex'], dailyQuota: 10, validFrom: '2020-01-01', validUntil: '2099-12-31',
    });
    expect(g.statusCode, g.body).toBe(201);
    expect((await inject('POST', `/api/v1/exchange/grants/${g.json().id}/approve`, owner.headers)).statusCode).toBe(200);
    const res = await households({});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      personalId: SIGN_UPS.an.personalId,
      members: [
        { relationToHead: 'Chủ hộ', fullName: 'Nguyễn Văn An', sex: 'Nam' },
        { relationToHead: 'Vợ', fullName: 'Trần Thị Bích', sex: 'Nữ' },
        { relationToHead: 'Con', fullName: 'Nguyễn Văn Bình', sex: 'Nam' },
      ],
    });
    // Each member's data read is an entry naming them; an unknown ID is answered as a lookup's; a consent purpose needs consent.
    const reads = (await t.db.query<{ subject_id: string }>(`SELECT subject_id FROM audit_log WHERE action = 'exchange.household.lookup' ORDER BY seq`)).rows.map((r) => r.subject_id);
    expect(reads.sort()).toEqual([SIGN_UPS.an.personalId, SIGN_UPS.bich.personalId, SIGN_UPS.binh.personalId].sort());
    expect((await households({ personalId: UNKNOWN_ID })).json().code).toBe('EXCHANGE_PERSON_NOT_FOUND');
    expect((await households({ purpose: CONSENT })).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
    expect((await households({ purpose: CONSENT, personalId: UNKNOWN_ID })).json().code).toBe('EXCHANGE_CONSENT_REQUIRED');
  });
});
