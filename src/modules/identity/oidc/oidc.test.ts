import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidcClient from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { testApp, type Session, type TestApp } from '../../../testing/app.js';
import { insertFixturePeople } from '../../registry/testing.js';
import { createCitizenStore } from '../citizen-store.js';
import { cachedClientFind } from './adapter.js';
import { loadSigningKeys, rotateSigningKeys } from './keys.js';
import { createOidcStore } from './store.js';
import { LEVEL2_HINT } from './policy.js';
import { cookieJar } from './testing.js';

// The relying party is openid-client talking HTTP to the listening app, as a provincial system would.

const RP = 'http://dichvucong.tinh.test/callback';
const RP2 = 'http://truonghoc.tinh.test/auth/cb';
const AFTER_LOGOUT = 'http://dichvucong.tinh.test/da-dang-xuat';

let t: TestApp;
let base: string;
let issuer: URL;
let admin: Session;
let commune: Session;

interface Citizen { accountId: number; personId: number; cookie: string; csrf: string }
const citizens: Record<string, Citizen> = {};
const ids: Record<string, { clientId: string; clientSecret?: string }> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function citizen(personalId: string, level: 1 | 2): Promise<Citizen> {
  const person = (await t.db.query<{ id: number }>('SELECT id FROM people WHERE personal_id = $1', [personalId])).rows[0];
  const store = createCitizenStore(t.db);
  const accountId = await store.insertAccount({ personId: Number(person.id), personalId, phone: '0912345678', passwordHash: 'không-dùng-trong-thử-nghiệm' });
  if (level === 2) await store.setLevel(accountId, 2, 1);
  const s = await t.services.identity.createCitizenSession(accountId, 'vitest');
  return { accountId, personId: Number(person.id), cookie: `da06_citizen=${s.token}`, csrf: s.csrfToken };
}

async function rp(name: string, opts: { secret?: boolean } = {}) {
  const { clientId, clientSecret } = ids[name];
  return oidcClient.discovery(
    issuer, clientId, { id_token_signed_response_alg: 'ES256', ...(clientSecret ? { client_secret: clientSecret } : {}) },
    opts.secret || clientSecret ? oidcClient.ClientSecretBasic(clientSecret) : oidcClient.None(),
    { execute: [oidcClient.allowInsecureRequests] },
  );
}

/** A browser: a cookie jar (by name, good enough here) plus the da06 citizen session. */
function browser(who?: Citizen) {
  const cookies = cookieJar();
  const header = () => cookies.header(who ? [who.cookie] : []);
  async function go(url: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}, as?: Citizen) {
    const cookie = as && as !== who ? header().replace(who?.cookie ?? '', as.cookie) : header();
    const res = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    cookies.keep(res);
    return res;
  }
  return { go, jar: cookies.jar };
}

type Step = { prompt: 'login' | 'consent'; details: Record<string, unknown> };

/**
 * Authorization request → interaction API (login, consent) → back to the RP's redirect URI.
 * Returns the callback URL and every interaction seen.
 */
async function authorize(
  config: oidcClient.Configuration, who: Citizen | undefined, params: Record<string, string>,
  opts: { approve?: boolean; b?: ReturnType<typeof browser>; consentAs?: Citizen } = {},
) {
  const b = opts.b ?? browser(who);
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const nonce = oidcClient.randomNonce();
  const url = oidcClient.buildAuthorizationUrl(config, {
    redirect_uri: RP, scope: 'openid', code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce, ...params,
  });
  const steps: Step[] = [];
  let res = await b.go(url.href);
  for (let i = 0; i < 10; i++) {
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect: ${res.status} ${await res.text()}`);
    const next = new URL(location, base);
    if (next.origin !== new URL(base).origin) return { callback: next, verifier, state, nonce, steps, b };
    if (next.pathname.startsWith('/api/v1/oidc/interactions/')) {
      const details = await (await b.go(next.pathname, { headers: { accept: 'application/json' } })).json();
      steps.push({ prompt: details.prompt, details });
      const actor = details.prompt === 'consent' && opts.consentAs ? opts.consentAs : who;
      const post = await b.go(`${next.pathname}/${details.prompt}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': actor?.csrf ?? '' },
        body: JSON.stringify(details.prompt === 'consent' ? { approve: opts.approve ?? true } : {}),
      }, actor);
      if (post.status !== 200) return { refused: { status: post.status, body: await post.json() }, steps, b, verifier, state, nonce };
      res = await b.go((await post.json()).redirectTo);
    } else {
      res = await b.go(next.href);
    }
  }
  throw new Error('too many redirects');
}

async function signIn(name: string, who: Citizen, params: Record<string, string> = {}, b?: ReturnType<typeof browser>) {
  const config = await rp(name);
  const flow = await authorize(config, who, params, { b });
  if (!flow.callback) throw new Error(`refused: ${JSON.stringify(flow.refused)}`);
  const tokens = await oidcClient.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
  return { config, tokens, claims: tokens.claims()!, flow };
}

beforeAll(async () => {
  const port = await freePort();
  t = await testApp({ PORT: String(port) });
  await t.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  issuer = new URL(`${base}/oidc`);
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  commune = await t.officer('canbo', 'commune_registry', '28249');
  citizens.an = await citizen('082084001234', 1);
  citizens.bich = await citizen('082186002345', 2);
  const oidc = t.services.oidc.clients;
  // Clients of the administrator's province: the administrator lists them (src/admin-area.test.ts).
  const PROVINCE_82 = { provinceCode: '82' };
  ids.portal = await oidc.add({ name: 'Cổng dịch vụ công tỉnh', redirectUris: [RP], postLogoutRedirectUris: [AFTER_LOGOUT], scopes: ['profile', 'address', 'household'], minLevel: 1, public: true }, PROVINCE_82);
  ids.school = await oidc.add({ name: 'Hệ thống quản lý trường học', redirectUris: [RP2], scopes: ['birthdate', 'gender'], minLevel: 1, public: true }, PROVINCE_82);
  ids.desk = await oidc.add({ name: 'Phần mềm một cửa', redirectUris: [RP], scopes: ['profile'], minLevel: 2, allowPersonalId: true }, PROVINCE_82);
}, 60_000);
afterAll(() => t?.close());

describe('authorization', () => {
  it('GET /api/v1/sso/clients: anonymous 401, officer without sso.manage 403, admin 200', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: commune.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: { cookie: citizens.an.cookie } })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((c: { name: string }) => c.name)).toContain('Cổng dịch vụ công tỉnh');
  });

  it('POST /api/v1/sso/clients needs sso.manage and CSRF, writes one audit entry', async () => {
    const payload = { name: 'Thử', redirectUris: ['https://thu.tinh.test/cb'], scopes: ['profile'], minLevel: 1 };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', payload })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: commune.headers, payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: { cookie: admin.cookie }, payload })).statusCode).toBe(403);
    const before = await auditCount('oidc.client.created');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sso/clients', headers: admin.headers, payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().clientSecret).toMatch(/^[\w-]{40,}$/);
    expect(await auditCount('oidc.client.created')).toBe(before + 1);
  });

  it('interaction login and consent need a citizen session (401) and the CSRF header (403)', async () => {
    for (const step of ['login', 'consent']) {
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/oidc/interactions/abc/${step}`, payload: { approve: true } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/oidc/interactions/abc/${step}`, headers: admin.headers, payload: { approve: true } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/oidc/interactions/abc/${step}`, headers: { cookie: citizens.an.cookie }, payload: { approve: true } })).statusCode).toBe(403);
    }
  });

  it('an unknown or foreign interaction answers 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/oidc/interactions/khong-co', headers: { cookie: citizens.an.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('OIDC_INTERACTION_NOT_FOUND');
  });

  it('another citizen cannot consent in someone else\'s sign-in (403)', async () => {
    const flow = await authorize(await rp('portal'), citizens.an, { scope: 'openid profile' }, { consentAs: citizens.bich });
    expect(flow.refused).toMatchObject({ status: 403, body: { code: 'OIDC_ACCOUNT_MISMATCH' } });
  });
});

describe('discovery and keys', () => {
  it('publishes the issuer, PKCE S256 only, pairwise subjects and the acr values', async () => {
    const config = await rp('portal');
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(issuer.href);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.subject_types_supported).toEqual(['pairwise']);
    expect(meta.acr_values_supported).toEqual(['urn:da06:loa:1', 'urn:da06:loa:2', 'urn:da06:officer']);
    expect(meta.response_types_supported).toEqual(['code']);
    const jwks = await (await fetch(`${issuer.href}/jwks`)).json();
    expect(jwks.keys.map((k: { alg: string }) => k.alg)).toEqual(['ES256', 'RS256']);
    expect(jwks.keys.every((k: { d?: string }) => k.d === undefined)).toBe(true);
  });

  it('stores private keys encrypted', async () => {
    const rows = (await t.db.query<{ private_jwk_enc: string }>('SELECT private_jwk_enc FROM oidc_signing_keys')).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.private_jwk_enc).toMatch(/^v1\./);
  });
});

describe('authorization code flow with PKCE (openid-client)', () => {
  let first: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    first = await signIn('portal', citizens.an, { scope: 'openid profile address household' });
  });

  it('asks to log in, then for consent listing exactly the claims requested, in Vietnamese', () => {
    expect(first.flow.steps.map((s) => s.prompt)).toEqual(['login', 'consent']);
    const consent = first.flow.steps[1].details;
    expect(consent).toMatchObject({ client: { name: 'Cổng dịch vụ công tỉnh' }, signedIn: true, level: 1, acrRequired: 'urn:da06:loa:1' });
    expect((consent.claims as { name: string }[]).map((c) => c.name)).toEqual(['name', 'family_name', 'middle_name', 'given_name', 'address', 'household_no', 'relation_to_head']);
    expect(consent.claims).toContainEqual({ name: 'address', label: 'Nơi thường trú hiện tại' });
  });

  it('issues an ES256 ID token that verifies against the JWKS, with acr loa:1 and a pairwise sub', async () => {
    const idToken = first.tokens.id_token!;
    const { payload, protectedHeader } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${issuer.href}/jwks`)), { issuer: issuer.href, audience: ids.portal.clientId });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.acr).toBe('urn:da06:loa:1');
    expect(payload.sub).toMatch(/^[\w-]{43}$/);
    expect(payload.sub).not.toContain('082084001234');
    expect(payload.sub).not.toBe(String(citizens.an.personId));
    expect(payload.name).toBeUndefined(); // scope claims travel by userinfo only
  });

  it('keeps sub stable per client and different between clients', async () => {
    const again = await signIn('portal', citizens.an, { scope: 'openid profile address household' }, first.flow.b);
    expect(again.claims.sub).toBe(first.claims.sub);
    expect(again.flow.steps).toEqual([]); // SSO: signed in and consented already
    const school = await signIn('school', citizens.an, { scope: 'openid birthdate', redirect_uri: RP2 }, first.flow.b);
    expect(school.flow.steps.map((x) => x.prompt)).toEqual(['consent']); // signed in already, new client asks consent
    expect(school.claims.sub).not.toBe(first.claims.sub);
    const fresh = await signIn('portal', citizens.an, { scope: 'openid profile address household' });
    expect(fresh.flow.steps.map((x) => x.prompt)).toEqual(['login']); // another browser signs in again; the consent is remembered
    expect(fresh.claims.sub).toBe(first.claims.sub);
  });

  it('releases userinfo claims per scope, audited as released to the client', async () => {
    const info = await oidcClient.fetchUserInfo(first.config, first.tokens.access_token, first.claims.sub);
    expect(info).toMatchObject({
      sub: first.claims.sub, name: 'Nguyễn Văn An', family_name: 'Nguyễn', middle_name: 'Văn', given_name: 'An',
      household_no: 'HK-A', relation_to_head: 'Chủ hộ', address: { locality: expect.any(String), region: expect.any(String), country: 'VN' },
    });
    expect(info.address?.formatted).toContain('Số 1, khu phố 1');
    expect(info.birthdate).toBeUndefined();
    expect(info.gender).toBeUndefined();
    expect(info.personal_id).toBeUndefined();
    const audit = await t.db.query<{ actor_id: string; purpose: string; subject_id: string }>(`SELECT actor_id, purpose, subject_id FROM audit_log WHERE action = 'person.release' AND purpose LIKE 'Cung cấp%' ORDER BY seq DESC LIMIT 1`);
    expect(audit.rows[0]).toEqual({ actor_id: `oidc-client:${ids.portal.clientId}`, purpose: 'Cung cấp thông tin cho Cổng dịch vụ công tỉnh', subject_id: '082084001234' });
  });

  it('gives birthdate and gender (male/female) only with their scopes', async () => {
    const school = await signIn('school', citizens.bich, { scope: 'openid birthdate gender', redirect_uri: RP2 });
    const info = await oidcClient.fetchUserInfo(school.config, school.tokens.access_token, school.claims.sub);
    expect(info).toEqual({ sub: school.claims.sub, birthdate: '1986-02-03', gender: 'female' });
  });

  it('refuses a scope the client was not given', async () => {
    const flow = await authorize(await rp('school'), citizens.an, { scope: 'openid profile', redirect_uri: RP2 });
    expect(flow.callback?.searchParams.get('error')).toBe('invalid_scope');
  });

  it('rotates refresh tokens; the old one no longer works', async () => {
    const rt = first.tokens.refresh_token!;
    expect(rt).toBeTruthy();
    const next = await oidcClient.refreshTokenGrant(first.config, rt);
    expect(next.access_token).not.toBe(first.tokens.access_token);
    expect(next.refresh_token).toBeTruthy();
    expect(next.refresh_token).not.toBe(rt);
    expect(next.claims()?.sub).toBe(first.claims.sub);
    await expect(oidcClient.refreshTokenGrant(first.config, rt)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a refresh only once the new tokens are stored: the new refresh token and access token work at once', async () => {
    const s = await signIn('school', citizens.bich, { scope: 'openid birthdate', redirect_uri: RP2 });
    let rt = s.tokens.refresh_token!;
    for (let i = 0; i < 3; i++) {
      const next = await oidcClient.refreshTokenGrant(s.config, rt);
      expect((await oidcClient.fetchUserInfo(s.config, next.access_token, s.claims.sub)).birthdate).toBeTruthy();
      rt = next.refresh_token!;
    }
  });

  it('refuses a refresh once the citizen account is locked (the account is read with the token)', async () => {
    const s = await signIn('school', citizens.bich, { scope: 'openid birthdate', redirect_uri: RP2 });
    await t.db.query(`UPDATE citizen_accounts SET status = 'locked' WHERE id = $1`, [citizens.bich.accountId]);
    try {
      await expect(oidcClient.refreshTokenGrant(s.config, s.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await t.db.query(`UPDATE citizen_accounts SET status = 'active' WHERE id = $1`, [citizens.bich.accountId]);
    }
  });

  it('answers server_error, with no tokens, when the new tokens cannot be stored', async () => {
    const s = await signIn('school', citizens.bich, { scope: 'openid birthdate', redirect_uri: RP2 });
    // Every new row of the provider's table is refused from now on; rows already there stay valid.
    await t.db.owner.query(`ALTER TABLE oidc_payloads ADD CONSTRAINT test_refuse_writes CHECK (false) NOT VALID`);
    try {
      const res = await fetch(`${base}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.tokens.refresh_token!, client_id: ids.school.clientId }),
      });
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body).toEqual({ error: 'server_error', error_description: expect.stringContaining('Không lưu được') });
    } finally {
      await t.db.owner.query(`ALTER TABLE oidc_payloads DROP CONSTRAINT test_refuse_writes`);
    }
  });

  it('ends with access_denied when the citizen declines consent', async () => {
    const flow = await authorize(await rp('school'), citizens.bich, { scope: 'openid birthdate gender', redirect_uri: RP2, prompt: 'consent' }, { approve: false });
    expect(flow.callback?.searchParams.get('error')).toBe('access_denied');
  });

  it('signs the citizen out through RP-initiated logout', async () => {
    const s = await signIn('portal', citizens.bich, { scope: 'openid profile' });
    const b = s.flow.b;
    const end = oidcClient.buildEndSessionUrl(s.config, { id_token_hint: s.tokens.id_token!, post_logout_redirect_uri: AFTER_LOGOUT, state: 'st' });
    const page = await b.go(end.href);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Đăng xuất');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    const action = /action="([^"]+)"/.exec(html)![1];
    const done = await b.go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${AFTER_LOGOUT}?state=st`);
    expect(await auditCount('oidc.sign-out')).toBeGreaterThan(0);
    // Logging out of da06 from the relying party ends the da06 session too: the portal asks for sign-in again.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/citizen/session', headers: { cookie: citizens.bich.cookie } })).statusCode).toBe(401);
    const fresh = await t.services.identity.createCitizenSession(citizens.bich.accountId, 'vitest');
    citizens.bich = { ...citizens.bich, cookie: `da06_citizen=${fresh.token}`, csrf: fresh.csrfToken };
    // The provider session and its grants are gone: after signing in to da06 again (a new browser
    // session here), the next request asks again.
    const again = await authorize(s.config, citizens.bich, { scope: 'openid profile' });
    expect(again.steps.map((x) => x.prompt)).toEqual(['login', 'consent']);
  });
});

describe('assurance levels', () => {
  it('refuses a level-1 citizen facing a client that requires level 2, telling them how to reach it', async () => {
    const config = await rp('desk');
    const flow = await authorize(config, citizens.an, { scope: 'openid profile' });
    expect(flow.steps[0].details).toMatchObject({ prompt: 'login', acrRequired: 'urn:da06:loa:2', level: 1, levelSufficient: false });
    expect(flow.callback!.searchParams.get('error')).toBe('unmet_authentication_requirements');
    expect(flow.callback!.searchParams.get('error_description')).toBe(LEVEL2_HINT);
    expect(LEVEL2_HINT).toMatch(/công an cấp xã.*mức độ 2/);
    await expect(oidcClient.authorizationCodeGrant(config, flow.callback!, { pkceCodeVerifier: flow.verifier, expectedState: flow.state }))
      .rejects.toMatchObject({ error: 'unmet_authentication_requirements' });
  });

  it('honours acr_values=urn:da06:loa:2 on a level-1 client', async () => {
    const flow = await authorize(await rp('portal'), citizens.an, { scope: 'openid', acr_values: 'urn:da06:loa:2' });
    expect(flow.callback!.searchParams.get('error')).toBe('unmet_authentication_requirements');
  });

  it('signs a level-2 citizen in with acr loa:2 and releases personal_id to a client allowed it', async () => {
    const s = await signIn('desk', citizens.bich, { scope: 'openid profile personal_id' });
    expect(s.claims.acr).toBe('urn:da06:loa:2');
    const info = await oidcClient.fetchUserInfo(s.config, s.tokens.access_token, s.claims.sub);
    expect(info.personal_id).toBe('082186002345');
    expect(s.claims.sub).not.toBe('082186002345');
  });

  it('does not let a public client ask for personal_id', async () => {
    const flow = await authorize(await rp('portal'), citizens.bich, { scope: 'openid personal_id' });
    expect(flow.callback!.searchParams.get('error')).toBe('invalid_scope');
  });
});

describe('client credentials', () => {
  it('issues a token to a confidential client and refuses a public one', async () => {
    const desk = await rp('desk');
    const tokens = await oidcClient.clientCredentialsGrant(desk);
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    // A public client never authenticates, so the grant is refused before it is considered.
    await expect(oidcClient.clientCredentialsGrant(await rp('portal'))).rejects.toMatchObject({ error: expect.stringMatching(/^(unauthorized_client|invalid_request)$/) });
    const bad = await fetch(`${issuer.href}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${ids.desk.clientId}:sai`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe('invalid_client');
  });
});

describe('audit and statistics', () => {
  it('audits logins, consents, sign-ins and token issuance', async () => {
    await t.services.audit.drain();
    for (const action of ['oidc.login', 'oidc.consent', 'oidc.sign-in', 'oidc.token.issued', 'oidc.login.refused']) {
      expect(await auditCount(action), action).toBeGreaterThan(0);
    }
  });

  it('counts sign-ins per client and day for the administrator', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin.headers });
    const portal = res.json().find((c: { clientId: string }) => c.clientId === ids.portal.clientId);
    expect(portal.totalSignIns).toBeGreaterThanOrEqual(3);
    expect(portal.signIns[0]).toMatchObject({ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: portal.totalSignIns });
    expect(portal).toMatchObject({ public: true, minLevel: 1, allowPersonalId: false });
  });

  it('lists the citizen\'s connected services and revokes one with its tokens', async () => {
    const s = await signIn('school', citizens.an, { scope: 'openid birthdate', redirect_uri: RP2 });
    const services = await t.services.oidc.connectedServices.list(citizens.an.accountId);
    // (The portal grant went when the refresh test replayed a rotated token: replay revokes the whole grant.)
    expect(services.map((x) => x.name)).toContain('Hệ thống quản lý trường học');
    expect(services.find((x) => x.id === ids.school.clientId)?.scopes).toContain('birthdate');
    expect(await t.services.oidc.connectedServices.revoke(citizens.an.accountId, ids.school.clientId)).toBe(true);
    await expect(oidcClient.fetchUserInfo(s.config, s.tokens.access_token, s.claims.sub)).rejects.toBeTruthy();
    await expect(oidcClient.refreshTokenGrant(s.config, s.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('bad requests to the OIDC endpoints get OAuth errors, never a 500', () => {
  const garbage: [string, RequestInit][] = [
    ['/oidc/auth', {}],
    ['/oidc/auth?client_id=nope&response_type=code&scope=openid&redirect_uri=http://x/', {}],
    [`/oidc/auth?client_id=%00%ff&response_type=token`, {}],
    ['/oidc/auth?' + 'a=1&'.repeat(500), {}],
    ['/oidc/token', { method: 'POST' }],
    ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' }],
    ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=x&client_id=nope' }],
    ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=%00&client_id=%00' }],
    ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic !!!' }, body: 'grant_type=client_credentials' }],
    ['/oidc/me', {}],
    ['/oidc/me', { headers: { authorization: 'Bearer rác' } }],
    ['/oidc/me', { headers: { authorization: 'Bearer ' + 'x'.repeat(5000) } }],
    ['/oidc/me', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '\u0000' }],
    ['/oidc/session/end?id_token_hint=abc', {}],
    ['/oidc/token/introspection', { method: 'POST' }],
  ];
  it.each(garbage)('%s', async (path, init) => {
    const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    if (res.headers.get('content-type')?.includes('json')) expect(JSON.parse(body).error).toMatch(/^[a-z_]+$/);
    else expect(body).toMatch(/Mã lỗi: <code>[a-z_]+<\/code>/);
  });
});

describe('signing key rotation', () => {
  it('keys rotate adds new current keys and keeps the old public keys published', async () => {
    const before = (await t.db.query<{ kid: string }>('SELECT kid FROM oidc_signing_keys WHERE retired_at IS NULL')).rows.map((r) => r.kid);
    const fresh = await rotateSigningKeys(t.db, 'da06-development-only-master-key-0000');
    const keys = await loadSigningKeys(t.db, 'da06-development-only-master-key-0000');
    expect(keys.slice(0, 2).map((k) => k.kid).sort()).toEqual([...fresh].sort());
    expect(keys.map((k) => k.kid)).toEqual(expect.arrayContaining(before));
    expect(keys.every((k) => typeof k.d === 'string')).toBe(true);
  });
});

async function auditCount(action: string): Promise<number> {
  await t.services.audit.drain();
  return Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n);
}

describe('provider storage', () => {
  it('stores issued tokens and marks a consumed one in one statement, and a key both consumed and rewritten takes both', async () => {
    const store = createOidcStore(t.db);
    const row = (id: string, extra: Record<string, unknown> = {}) => ({ model: 'AccessToken', id, payload: { jti: id, kind: 'AccessToken', ...extra }, expiresIn: 60 });
    await store.upsertPayloads([row('store-old')]);
    await store.writePayloads([row('store-new-1'), row('store-new-2', { grantId: 'store-grant' })], [{ model: 'AccessToken', id: 'store-old' }]);
    const [old, new1, new2] = await store.findPayloadsBy('id', ['store-old', 'store-new-1', 'store-new-2'].map((key) => ({ model: 'AccessToken', key })));
    expect(old).toMatchObject({ jti: 'store-old', consumed: expect.any(Number) });
    expect(new1).toEqual({ jti: 'store-new-1', kind: 'AccessToken' });
    expect(new2).toEqual({ jti: 'store-new-2', kind: 'AccessToken', grantId: 'store-grant' });
    expect((await t.db.query('SELECT 1 FROM oidc_payloads WHERE grant_id = $1', ['store-grant'])).rows).toHaveLength(1);

    await store.writePayloads([row('store-new-1', { rewritten: true })], [{ model: 'AccessToken', id: 'store-new-1' }]);
    const [again] = await store.findPayloadsBy('id', [{ model: 'AccessToken', key: 'store-new-1' }]);
    expect(again).toMatchObject({ jti: 'store-new-1', rewritten: true, consumed: expect.any(Number) });
  });

  it("answers oidc-provider's client for the same registration object without building it again, and a new one for a new object", async () => {
    let built = 0;
    const registrations = new Map<string, object>([['a', { client_id: 'a' }]]);
    const find = cachedClientFind(async (id) => ({ id, built: ++built }), async (id) => registrations.get(id) as never);
    const first = await find('a');
    expect(await find('a')).toBe(first);
    registrations.set('a', { client_id: 'a', changed: true });
    const second = await find('a');
    expect(second).not.toBe(first);
    expect(await find('a')).toBe(second);
    expect(await find('unknown')).toEqual({ id: 'unknown', built: 3 });
  });
});
