import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from './testing/app.js';
import { createClientService } from './modules/identity/index.js';

// Administrators manage the relying parties and single sign-on clients of their own province only;
// the operator's CLI may name any province. Error titles never repeat what the caller sent.

const MARKER = 'zq-marker-7731';
const RP = { name: 'Bệnh viện Đa khoa', type: 'hospital', purpose: 'Khám chữa bệnh', allowedFields: ['full_name'], minLevel: 1 };
const CLIENT = { name: 'Cổng dịch vụ', redirectUris: ['https://dichvu.tinh.test/cb'], scopes: ['profile'], minLevel: 1 };

let t: TestApp;
let admin82: Session;
let admin79: Session;
let rp79: number;
let client79: string;

const post = (s: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: s.headers, payload });

beforeAll(async () => {
  t = await testApp();
  admin82 = await t.officer('quantri82', 'admin', '82');
  admin79 = await t.officer('quantri79', 'admin', '79');
  const created = await post(admin79, '/api/v1/relying-parties', { ...RP, code: 'bv-tinh-79', provinceCode: '79' });
  expect(created.statusCode).toBe(201);
  rp79 = created.json().relyingParty.id;
  const client = await post(admin79, '/api/v1/sso/clients', CLIENT);
  expect(client.statusCode).toBe(201);
  client79 = client.json().clientId;
}, 60_000);
afterAll(async () => t.close());

describe('authorization: relying parties of another province', () => {
  it('an administrator of 82 cannot create one for 79, and the title does not echo the input', async () => {
    const res = await post(admin82, '/api/v1/relying-parties', { ...RP, code: 'bv-lan-sang', provinceCode: '79' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('RELYING_PARTY_OUT_OF_AREA');
    expect(res.body).not.toContain('bv-lan-sang');
  });

  it('an administrator of 82 neither lists nor changes one of 79: it reads as absent', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/relying-parties', headers: admin82.headers })).json() as { id: number }[];
    expect(list.map((r) => r.id)).not.toContain(rp79);
    const update = await t.app.inject({ method: 'PUT', url: `/api/v1/relying-parties/${rp79}`, headers: admin82.headers, payload: { ...RP, active: false } });
    expect(update.statusCode).toBe(404);
    expect((await post(admin82, `/api/v1/relying-parties/${rp79}/api-key`, {})).statusCode).toBe(404);
    const own = (await t.app.inject({ method: 'GET', url: '/api/v1/relying-parties', headers: admin79.headers })).json() as { id: number }[];
    expect(own.map((r) => r.id)).toContain(rp79);
  });
});

describe('authorization: single sign-on clients of another province', () => {
  it('an administrator sees only the clients of their province', async () => {
    const mine = await post(admin82, '/api/v1/sso/clients', { ...CLIENT, name: 'Cổng 82' });
    expect(mine.statusCode).toBe(201);
    const list82 = (await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin82.headers })).json() as { clientId: string }[];
    expect(list82.map((c) => c.clientId)).toEqual([mine.json().clientId]);
    const list79 = (await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin79.headers })).json() as { clientId: string }[];
    expect(list79.map((c) => c.clientId)).toEqual([client79]);
  });
});

describe('redirect URIs in production', () => {
  it('accept https and loopback http (RFC 8252) only', async () => {
    const clients = createClientService(t.db, 'a-test-master-key-of-32-characters!!', { allowInsecureRedirects: false });
    const add = (uri: string) => clients.add({ ...CLIENT, redirectUris: [uri], scopes: ['profile'], minLevel: 1, public: true }, { provinceCode: '82' });
    for (const ok of ['https://dichvu.tinh.test/cb', 'http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'http://localhost/cb']) {
      await expect(add(ok), ok).resolves.toMatchObject({ clientId: expect.any(String) });
    }
    for (const bad of ['http://evil.example/cb', 'http://localhost.evil.example/cb', 'http://127.0.0.1.evil.example/cb']) {
      await expect(add(bad), bad).rejects.toMatchObject({ code: 'OIDC_CLIENT_INVALID' });
    }
    await expect(clients.add({ ...CLIENT, postLogoutRedirectUris: ['http://evil.example/bye'], scopes: ['profile'], minLevel: 1 }, { provinceCode: '82' }))
      .rejects.toMatchObject({ code: 'OIDC_CLIENT_INVALID' });
  });

  it('outside production plain http to another host stays allowed (test rigs)', async () => {
    const res = await post(admin82, '/api/v1/sso/clients', { ...CLIENT, redirectUris: ['http://dichvu.tinh.test/cb'] });
    expect(res.statusCode).toBe(201);
  });
});

describe('error answers never repeat submitted text', () => {
  it('for every text field of the relying-party and client routes', async () => {
    await post(admin82, '/api/v1/relying-parties', { ...RP, code: MARKER, provinceCode: '82' });
    const attempts: [string, string, object][] = [
      ['POST', '/api/v1/relying-parties', { ...RP, code: MARKER, provinceCode: '82' }], // code already used
      ['POST', '/api/v1/relying-parties', { ...RP, code: 'rp-x', name: MARKER, provinceCode: '79' }],
      ['POST', '/api/v1/relying-parties', { ...RP, code: 'rp-y', purpose: MARKER, provinceCode: '79' }],
      ['POST', '/api/v1/relying-parties', { ...RP, code: 'rp-z', type: MARKER, provinceCode: '82' }],
      ['POST', '/api/v1/relying-parties', { ...RP, code: 'rp-w', allowedFields: [MARKER], provinceCode: '82' }],
      ['POST', '/api/v1/relying-parties', { ...RP, code: MARKER.toUpperCase(), provinceCode: MARKER }],
      ['PUT', `/api/v1/relying-parties/${rp79}`, { ...RP, name: MARKER, purpose: MARKER, active: true }],
      ['PUT', '/api/v1/relying-parties/1', { ...RP, allowedFields: [MARKER], active: true }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, name: MARKER, redirectUris: ['https://a.tinh.test/cb', 'https://b.tinh.test/cb'] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, redirectUris: [MARKER] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, redirectUris: [`ftp://${MARKER}.test/cb`] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, redirectUris: [`https://dichvu.tinh.test/cb#${MARKER}`] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, postLogoutRedirectUris: [`javascript:${MARKER}`] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, scopes: [MARKER] }],
      ['POST', '/api/v1/sso/clients', { ...CLIENT, audience: 'officer', scopes: ['officer', 'profile'], name: MARKER }],
    ];
    for (const [method, url, payload] of attempts) {
      const res = await t.app.inject({ method: method as 'POST', url, headers: admin82.headers, payload });
      const label = `${method} ${url} ${JSON.stringify(payload)}`;
      expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(res.body.toLowerCase(), label).not.toContain(MARKER);
    }
  });

  it('the reason still says which field is wrong', async () => {
    const res = await post(admin82, '/api/v1/sso/clients', { ...CLIENT, redirectUris: ['https://dichvu.tinh.test/cb', `ftp://${MARKER}.test/cb`] });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toContain('redirectUris[1]');
  });
});
