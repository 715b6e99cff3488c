import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { todayInVietnam } from '../../platform/time.js';
import { createExchangeClient } from '../../../packages/exchange-client/index.js';
import { freePort, keyPair, refusal } from './testing.js';

// Usage per day, key rotation, disabling and the agency's own console, through HTTP with the repo's client package.
let t: TestApp;
let admin: Session;
let owner: Session;
let otherAdmin: Session;
let communeOfficer: Session;
let baseUrl: string;
let agencyId: number;
let clientId: string;
const PURPOSE = 'kyc.customer-identification';
const BICH = SIGN_UPS.bich.personalId;

const inject = (method: 'GET' | 'POST', url: string, s: Session, payload?: object) => t.app.inject({ method, url, headers: s.headers, ...(payload && { payload }) });
const auditOf = async (action: string) =>
  (await t.db.query<{ subject_id: string; data: string | null }>('SELECT subject_id, data FROM audit_log WHERE action = $1 ORDER BY seq', [action])).rows
    .map((e) => ({ subject_id: e.subject_id, data: e.data === null ? null : (JSON.parse(e.data) as { kid?: string }) }));

let first: Awaited<ReturnType<typeof keyPair>>;
/** The agency's key after the rotation below (the disabling tests call with it). */
let second: Awaited<ReturnType<typeof keyPair>>;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await testApp({ DA06_PUBLIC_URL: baseUrl });
  await t.app.listen({ port, host: '127.0.0.1' });
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  otherAdmin = await t.officer('quantri.khac', 'admin', '25');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  communeOfficer = await t.officer('dancu.xa', 'commune_registry', '82');
  first = await keyPair('bank-2026-01');
}, 120_000);
afterAll(() => t?.close());

describe('permissions', () => {
  it('the data owner cannot register agencies nor rotate keys; the administrator cannot approve; both read usage', async () => {
    const register = { name: 'Ngân hàng TMCP Sử dụng', legalBasis: 'Nghị định 13/2023/NĐ-CP', jwks: { keys: [first.publicJwk] } };
    expect((await inject('POST', '/api/v1/exchange/agencies', owner, register)).statusCode).toBe(403);
    const res = await inject('POST', '/api/v1/exchange/agencies', admin, register);
    expect(res.statusCode, res.body).toBe(201);
    ({ id: agencyId, clientId } = res.json());
    const asked = await inject('POST', '/api/v1/exchange/grants', admin, {
      agencyId, service: 'person.is_alive', purposes: [PURPOSE], fields: [], dailyQuota: 2, validFrom: '2020-01-01', validUntil: '2099-12-31',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    // The rule of today: the administrator asks, only the data owner approves.
    expect((await inject('POST', `/api/v1/exchange/grants/${asked.json().id}/approve`, admin)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/exchange/agency-grants', admin)).json()).toMatchObject([{ id: asked.json().id, status: 'requested', agencyName: 'Ngân hàng TMCP Sử dụng' }]);
    expect((await inject('GET', '/api/v1/exchange/agency-grants', owner)).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/exchange/grants/${asked.json().id}/approve`, owner)).statusCode).toBe(200);

    const { publicJwk } = await keyPair('khac');
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys`, owner, { jwk: publicJwk })).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys/bank-2026-01/retire`, owner)).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/disable`, owner)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/exchange/agencies/${agencyId}/keys`, otherAdmin)).json().code).toBe('EXCHANGE_AGENCY_NOT_FOUND');
    expect((await inject('GET', '/api/v1/exchange/usage/daily', communeOfficer)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/exchange/usage/daily', owner)).statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/exchange/usage/daily', admin)).statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/exchange/usage/daily?from=2026-01-01&to=2026-12-31', admin)).json().code).toBe('EXCHANGE_INVALID');
  });
});

describe('usage per day', () => {
  it('counts the calls against the quota and the refused answers exactly, for the officers and for the agency itself', async () => {
    const client = createExchangeClient({ baseUrl, clientId, privateJwk: first.privateJwk });
    const call = (purpose = PURPOSE) => client.check({ service: 'person.is_alive', personalId: BICH, purpose });
    await call();
    await call();
    expect((await refusal(call())).code).toBe('EXCHANGE_QUOTA_EXCEEDED');
    expect((await refusal(call('health.patient-identification'))).code).toBe('EXCHANGE_PURPOSE_NOT_GRANTED');
    expect((await refusal(call('Tiếp thị'))).code).toBe('EXCHANGE_PURPOSE_UNKNOWN');
    expect((await refusal(client.check({ service: 'person.is_over_18', personalId: BICH, purpose: PURPOSE }))).code).toBe('EXCHANGE_NO_GRANT');
    const today = todayInVietnam();
    const expected = {
      to: today,
      days: [{ day: today, agencyId, agencyName: 'Ngân hàng TMCP Sử dụng', service: 'person.is_alive', calls: 2, dailyQuota: 2, refusedNoConsent: 0 }],
      refusals: [
        // By code: a purpose outside the catalogue is told apart from one outside the grant, and from no grant at all.
        { day: today, agencyId, endpoint: '/api/v1/exchange/checks', status: 403, problem: 'EXCHANGE_NO_GRANT', calls: 1 },
        { day: today, agencyId, endpoint: '/api/v1/exchange/checks', status: 403, problem: 'EXCHANGE_PURPOSE_NOT_GRANTED', calls: 1 },
        { day: today, agencyId, endpoint: '/api/v1/exchange/checks', status: 403, problem: 'EXCHANGE_PURPOSE_UNKNOWN', calls: 1 },
        { day: today, agencyId, endpoint: '/api/v1/exchange/checks', status: 429, problem: 'EXCHANGE_QUOTA_EXCEEDED', calls: 1 },
      ],
    };
    for (const s of [admin, owner]) {
      const res = await inject('GET', '/api/v1/exchange/usage/daily', s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject(expected);
    }
    expect((await inject('GET', `/api/v1/exchange/usage/daily?agencyId=${agencyId + 1000}`, admin)).json()).toMatchObject({ days: [], refusals: [] });
    expect((await inject('GET', '/api/v1/exchange/usage/daily', otherAdmin)).json()).toMatchObject({ days: [], refusals: [] });
    // The agency's own console: the same figures with its own token (reading them is not itself logged or counted),
    // without the consent refusals, which are counted only for a person who exists.
    const own = { ...expected, days: expected.days.map(({ refusedNoConsent: _, ...d }) => d) };
    const answered = await client.usage();
    expect(answered).toMatchObject(own);
    expect(answered.days[0]).not.toHaveProperty('refusedNoConsent');
    expect(await client.usage({ from: today, to: today })).toMatchObject(own);
    expect((await refusal(client.usage({ from: '2020-01-01', to: today }))).code).toBe('EXCHANGE_INVALID');
  });
});

describe("the agency's own calls", () => {
  it('lists its own calls newest first, a page at a time, with service, purpose and problem code, and no personal ID', async () => {
    const client = createExchangeClient({ baseUrl, clientId, privateJwk: first.privateJwk });
    const all = await client.calls();
    // The calls of the usage test above: 2 answered, then the quota, the purpose outside the grant, outside the catalogue, no grant.
    expect(all.nextBefore).toBeNull();
    expect(all.calls.map((c) => [c.status, c.problem])).toEqual([
      [403, 'EXCHANGE_NO_GRANT'], [403, 'EXCHANGE_PURPOSE_UNKNOWN'], [403, 'EXCHANGE_PURPOSE_NOT_GRANTED'], [429, 'EXCHANGE_QUOTA_EXCEEDED'], [200, null], [200, null],
    ]);
    expect(all.calls.map((c) => c.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(all.calls[0]).toMatchObject({ method: 'POST', path: '/api/v1/exchange/checks', service: 'person.is_over_18', purpose: PURPOSE, requestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // A purpose outside the catalogue is not kept: the agency's free text is not ours to keep.
    expect(all.calls[1]).toMatchObject({ service: 'person.is_alive', purpose: null });
    expect(all.calls[2]).toMatchObject({ service: 'person.is_alive', purpose: 'health.patient-identification' });
    expect(JSON.stringify(all)).not.toContain(BICH);
    // Reading the list is not itself a call of the log.
    expect((await client.calls()).calls).toHaveLength(6);
    const page1 = await client.calls({ limit: 4 });
    expect(page1.calls.map((c) => c.seq)).toEqual([6, 5, 4, 3]);
    expect(page1.nextBefore).toBe(3);
    const page2 = await client.calls({ limit: 4, before: page1.nextBefore! });
    expect(page2).toEqual({ calls: all.calls.slice(4), nextBefore: null });
    expect((await refusal(client.calls({ limit: 1000 }))).status).toBe(400);
    // Without the agency's token: refused; another agency sees only its own (none).
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exchange/calls' })).statusCode).toBe(401);
    const second = await keyPair('other-2026');
    const other = await inject('POST', '/api/v1/exchange/agencies', admin, { name: 'Sở Lao động thử nghiệm', legalBasis: 'Nghị định 13/2023/NĐ-CP', jwks: { keys: [second.publicJwk] } });
    const otherClient = createExchangeClient({ baseUrl, clientId: other.json().clientId, privateJwk: second.privateJwk });
    expect(await otherClient.calls()).toEqual({ calls: [], nextBefore: null });
  });
});

describe('key rotation', () => {
  it('adds a key while the old one stays valid, then retires the old one: its assertion is refused', async () => {
    second = await keyPair('bank-2026-07');
    const added = await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys`, admin, { jwk: second.publicJwk });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().keys.map((k: { kid: string }) => k.kid)).toEqual(['bank-2026-01', 'bank-2026-07']);
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys`, admin, { jwk: second.publicJwk })).json().code).toBe('EXCHANGE_INVALID');
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys`, admin, { jwk: { ...second.publicJwk, kid: 'rieng', d: second.privateJwk.d } })).json().code).toBe('EXCHANGE_INVALID');

    // The provider reads a client's registration again after a few seconds (its cache).
    await new Promise((r) => setTimeout(r, 5_200));
    const oldClient = createExchangeClient({ baseUrl, clientId, privateJwk: first.privateJwk });
    const newClient = createExchangeClient({ baseUrl, clientId, privateJwk: second.privateJwk });
    expect(await oldClient.accessToken()).toBeTruthy();
    expect((await newClient.usage()).days[0]!.calls).toBe(2);

    const retired = await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys/bank-2026-01/retire`, admin);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().keys.map((k: { kid: string }) => k.kid)).toEqual(['bank-2026-07']);
    expect((await inject('GET', `/api/v1/exchange/agencies/${agencyId}/keys`, admin)).json().keys).toHaveLength(1);
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys/bank-2026-01/retire`, admin)).json().code).toBe('EXCHANGE_KEY_NOT_FOUND');
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/keys/bank-2026-07/retire`, admin)).json().code).toBe('EXCHANGE_INVALID');

    await new Promise((r) => setTimeout(r, 5_200));
    oldClient.forgetToken();
    expect(await refusal(oldClient.accessToken())).toMatchObject({ status: 401, code: 'invalid_client' });
    newClient.forgetToken();
    expect(await newClient.accessToken()).toBeTruthy();
    expect((await newClient.usage()).days).toHaveLength(1);

    expect((await auditOf('exchange.agency.key_added')).map((e) => [e.subject_id, e.data?.kid])).toEqual([[String(agencyId), 'bank-2026-07']]);
    expect((await auditOf('exchange.agency.key_retired')).map((e) => [e.subject_id, e.data?.kid])).toEqual([[String(agencyId), 'bank-2026-01']]);
  }, 30_000);
});

describe('disabling an agency', () => {
  it('refuses the agency\'s next call', async () => {
    const res = await inject('POST', `/api/v1/exchange/agencies/${agencyId}/disable`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await inject('GET', '/api/v1/exchange/agencies', admin)).json()[0].active).toBe(false);
    expect((await inject('POST', `/api/v1/exchange/agencies/${agencyId}/disable`, otherAdmin)).json().code).toBe('EXCHANGE_AGENCY_NOT_FOUND');
    expect((await auditOf('exchange.agency.disabled')).map((e) => e.subject_id)).toEqual([String(agencyId)]);
  });

  it('lets the administrator enable it again with a reason, audited; its calls are then answered', async () => {
    const client = createExchangeClient({ baseUrl, clientId, privateJwk: second.privateJwk });
    expect((await refusal(client.usage())).code).toBe('EXCHANGE_AGENCY_UNKNOWN');
    const enable = (s: Session, body?: object) => inject('POST', `/api/v1/exchange/agencies/${agencyId}/enable`, s, body);
    const reason = 'Cơ quan đã khắc phục sự cố lộ khóa (công văn số 12/NH-CNTT)';
    expect((await enable(owner, { reason })).statusCode).toBe(403);
    expect((await enable(otherAdmin, { reason })).json().code).toBe('EXCHANGE_AGENCY_NOT_FOUND');
    expect((await enable(admin)).statusCode).toBe(400);
    expect((await enable(admin, { reason: '   ' })).json().code).toBe('EXCHANGE_INVALID');
    expect((await auditOf('exchange.agency.enabled'))).toEqual([]);
    const res = await enable(admin, { reason: ` ${reason} ` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: agencyId, active: true });
    expect((await inject('GET', '/api/v1/exchange/agencies', admin)).json()[0].active).toBe(true);
    expect(await auditOf('exchange.agency.enabled')).toEqual([{ subject_id: String(agencyId), data: { reason } }]);
    // Enabling an active agency is refused and writes nothing.
    expect((await enable(admin, { reason })).json()).toMatchObject({ code: 'EXCHANGE_INVALID', title: expect.stringContaining('đang kết nối') });
    expect(await auditOf('exchange.agency.enabled')).toHaveLength(1);
    // This node forgets the agency it kept at once: the next call is answered.
    expect((await client.usage()).days.length).toBeGreaterThan(0);
  });
});
