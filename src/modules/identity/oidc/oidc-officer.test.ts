import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidcClient from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { testApp, type Session, type TestApp } from '../../../testing/app.js';
import { insertFixturePeople } from '../../registry/testing.js';
import { createCitizenStore } from '../citizen-store.js';
import { cookieJar } from './testing.js';

// Provincial systems registered for officers (audience officer): the officer's da06 session signs
// them in. The relying party is openid-client talking HTTP to the listening app.

const RP = 'http://quanly.tinh.test/callback';
const RP_CITIZEN = 'http://dichvucong.tinh.test/callback';

let t: TestApp;
let base: string;
let issuer: URL;
let admin: Session;
let commune: Session;
let province: Session;
let citizen: { accountId: number; cookie: string; csrf: string };
const ids: Record<string, { clientId: string; clientSecret?: string }> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function rp(name: string) {
  const { clientId, clientSecret } = ids[name];
  return oidcClient.discovery(
    issuer, clientId, { id_token_signed_response_alg: 'ES256', ...(clientSecret ? { client_secret: clientSecret } : {}) },
    clientSecret ? oidcClient.ClientSecretBasic(clientSecret) : oidcClient.None(),
    { execute: [oidcClient.allowInsecureRequests] },
  );
}

/** A browser: a cookie jar plus the da06 session cookies it holds (officer and/or citizen). */
function browser(...sessions: string[]) {
  const cookies = cookieJar();
  async function go(url: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}) {
    const res = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookies.header(sessions) } });
    cookies.keep(res);
    return res;
  }
  return { go, sessions };
}
type Browser = ReturnType<typeof browser>;

interface Actor { step: 'officer-login' | 'login'; csrf: string }

/** Authorization request → interaction API (answered by `actor`) → back to the RP. */
async function authorize(config: oidcClient.Configuration, b: Browser, actor: Actor | undefined, params: Record<string, string> = {}) {
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const nonce = oidcClient.randomNonce();
  const url = oidcClient.buildAuthorizationUrl(config, {
    redirect_uri: RP, scope: 'openid officer', code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce, ...params,
  });
  const steps: Record<string, unknown>[] = [];
  let res = await b.go(url.href);
  for (let i = 0; i < 10; i++) {
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect: ${res.status} ${(await res.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
    const next = new URL(location, base);
    if (next.origin !== new URL(base).origin) return { callback: next, verifier, state, nonce, steps };
    if (next.pathname.startsWith('/api/v1/oidc/interactions/')) {
      const details = await (await b.go(next.pathname, { headers: { accept: 'application/json' } })).json();
      steps.push(details);
      if (!actor) return { steps, verifier, state, nonce };
      const post = await b.go(`${next.pathname}/${details.prompt === 'consent' ? 'consent' : actor.step}`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': actor.csrf }, body: JSON.stringify(details.prompt === 'consent' ? { approve: true } : {}),
      });
      if (post.status !== 200) return { refused: { status: post.status, body: await post.json() }, steps, verifier, state, nonce };
      res = await b.go((await post.json()).redirectTo);
    } else {
      res = await b.go(next.href);
    }
  }
  throw new Error('too many redirects');
}

async function officerSignIn(name: string, who: Session, b: Browser = browser(who.cookie), params: Record<string, string> = {}) {
  const config = await rp(name);
  const flow = await authorize(config, b, { step: 'officer-login', csrf: who.csrf }, params);
  if (!flow.callback) throw new Error(`refused: ${JSON.stringify(flow.refused)}`);
  const tokens = await oidcClient.authorizationCodeGrant(config, flow.callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
  return { config, tokens, claims: tokens.claims()!, flow, b };
}

async function auditRows(action: string) {
  await t.services.audit.drain();
  return (await t.db.query<{ actor_kind: string; actor_id: string; subject_id: string }>(
    'SELECT actor_kind, actor_id, subject_id FROM audit_log WHERE action = $1 ORDER BY seq', [action])).rows;
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
  province = await t.officer('canbo.tinh', 'province_registry', '82');
  const person = (await t.db.query<{ id: number }>(`SELECT id FROM people WHERE personal_id = '082186002345'`)).rows[0];
  const store = createCitizenStore(t.db);
  const accountId = await store.insertAccount({ personId: Number(person.id), personalId: '082186002345', phone: '0912345678', passwordHash: 'không-dùng-trong-thử-nghiệm' });
  await store.setLevel(accountId, 2, 1);
  const s = await t.services.identity.createCitizenSession(accountId, 'vitest');
  citizen = { accountId, cookie: `da06_citizen=${s.token}`, csrf: s.csrfToken };

  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/sso/clients', headers: admin.headers,
    payload: { name: 'Phần mềm quản lý hồ sơ công việc', redirectUris: [RP], scopes: [], minLevel: 1, audience: 'officer' },
  });
  expect(created.statusCode).toBe(201);
  ids.work = created.json();
  ids.citizen = await t.services.oidc.clients.add({ name: 'Cổng dịch vụ công tỉnh', redirectUris: [RP_CITIZEN], scopes: ['profile'], minLevel: 1, public: true }, { provinceCode: '82' });
}, 60_000);
afterAll(() => t?.close());

describe('authorization', () => {
  it('officer-login needs an officer session (401) with the CSRF header (403); a citizen session is not one', async () => {
    const url = '/api/v1/oidc/interactions/abc/officer-login';
    expect((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: citizen.cookie, 'x-csrf-token': citizen.csrf }, payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: commune.cookie }, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: commune.headers, payload: {} })).statusCode).toBe(404);
  });

  it('a citizen session never satisfies an officer client', async () => {
    const b = browser(citizen.cookie);
    const flow = await authorize(await rp('work'), b, { step: 'login', csrf: citizen.csrf });
    expect(flow.steps[0]).toMatchObject({ prompt: 'login', audience: 'officer', signedIn: false, acrRequired: 'urn:da06:officer' });
    expect(flow.refused).toMatchObject({ status: 403, body: { code: 'OIDC_AUDIENCE_MISMATCH' } });
    expect((await auditRows('oidc.login.refused')).some((r) => r.actor_kind === 'citizen' && r.subject_id === ids.work.clientId)).toBe(true);
  });

  it('an officer session never satisfies a citizen client', async () => {
    const b = browser(commune.cookie);
    const flow = await authorize(await rp('citizen'), b, { step: 'officer-login', csrf: commune.csrf }, { redirect_uri: RP_CITIZEN, scope: 'openid profile' });
    expect(flow.steps[0]).toMatchObject({ prompt: 'login', audience: 'citizen', signedIn: false });
    expect(flow.refused).toMatchObject({ status: 403, body: { code: 'OIDC_AUDIENCE_MISMATCH' } });
  });

  it('a citizen client cannot ask for the officer scope, nor an officer client for citizen scopes', async () => {
    const citizenFlow = await authorize(await rp('citizen'), browser(citizen.cookie), undefined, { redirect_uri: RP_CITIZEN, scope: 'openid officer' });
    expect(citizenFlow.callback?.searchParams.get('error')).toBe('invalid_scope');
    const officerFlow = await authorize(await rp('work'), browser(commune.cookie), undefined, { scope: 'openid profile' });
    expect(officerFlow.callback?.searchParams.get('error')).toBe('invalid_scope');
  });

  it('an officer client is registered with the officer scope only, and refuses citizen scopes or personal_id', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin.headers })).json();
    expect(list.find((c: { clientId: string }) => c.clientId === ids.work.clientId)).toMatchObject({ audience: 'officer', scopes: ['officer'], public: false, allowPersonalId: false });
    expect(list.find((c: { clientId: string }) => c.clientId === ids.citizen.clientId)).toMatchObject({ audience: 'citizen' });
    const bad = await t.app.inject({
      method: 'POST', url: '/api/v1/sso/clients', headers: admin.headers,
      payload: { name: 'Sai', redirectUris: [RP], scopes: ['profile'], minLevel: 1, audience: 'officer' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('OIDC_CLIENT_INVALID');
    const citizenWithOfficerScope = await t.app.inject({
      method: 'POST', url: '/api/v1/sso/clients', headers: admin.headers,
      payload: { name: 'Sai', redirectUris: [RP], scopes: ['officer'], minLevel: 1 },
    });
    expect(citizenWithOfficerScope.statusCode).toBe(422);
  });
});

describe('officer sign-in (openid-client)', () => {
  let first: Awaited<ReturnType<typeof officerSignIn>>;
  beforeAll(async () => {
    first = await officerSignIn('work', commune);
  });

  it('asks to log in with the officer session, no consent step', () => {
    expect(first.flow.steps).toHaveLength(1);
    expect(first.flow.steps[0]).toMatchObject({
      prompt: 'login', audience: 'officer', signedIn: true, level: null, client: { name: 'Phần mềm quản lý hồ sơ công việc' },
      claims: [{ name: 'name' }, { name: 'preferred_username' }, { name: 'da06_role' }, { name: 'da06_area' }],
    });
  });

  it('issues an ID token with acr urn:da06:officer (never a citizen level) and a pairwise sub', async () => {
    const { payload } = await jwtVerify(first.tokens.id_token!, createRemoteJWKSet(new URL(`${issuer.href}/jwks`)), { issuer: issuer.href, audience: ids.work.clientId });
    expect(payload.acr).toBe('urn:da06:officer');
    expect(payload.sub).toMatch(/^[\w-]{43}$/);
    expect(payload.sub).not.toContain('officer');
  });

  it('releases the officer claims through userinfo', async () => {
    const info = await oidcClient.fetchUserInfo(first.config, first.tokens.access_token, first.claims.sub);
    expect(info).toEqual({ sub: first.claims.sub, name: 'Cán bộ canbo', preferred_username: 'canbo', da06_role: 'commune_registry', da06_area: '28249' });
  });

  it('keeps sub stable for the officer and different between officers; SSO skips the prompt', async () => {
    const again = await officerSignIn('work', commune, first.b);
    expect(again.flow.steps).toEqual([]);
    expect(again.claims.sub).toBe(first.claims.sub);
    const other = await officerSignIn('work', province);
    expect(other.claims.sub).not.toBe(first.claims.sub);
    const info = await oidcClient.fetchUserInfo(other.config, other.tokens.access_token, other.claims.sub);
    expect(info).toMatchObject({ da06_role: 'province_registry', da06_area: '82' });
  });

  it('asks again when the officer session ends or another officer signs in', async () => {
    const b = browser(commune.cookie);
    await officerSignIn('work', commune, b);
    b.sessions.splice(0, 1, province.cookie);
    // The provider session is the first officer's: the login step comes back, for the officer signed in now.
    const switched = await authorize(await rp('work'), b, undefined);
    expect(switched.steps.map((x) => x.prompt)).toEqual(['login']);
    expect(switched.steps[0]).toMatchObject({ signedIn: true });
    b.sessions.splice(0, 1);
    const none = await authorize(await rp('work'), b, undefined, { prompt: 'none' });
    expect(none.callback?.searchParams.get('error')).toMatch(/^(login|interaction)_required$/);
    expect(none.callback?.searchParams.get('code')).toBeNull();
  });

  it('a provider session opened by an officer does not carry over to a citizen client in the same browser', async () => {
    const b = browser(commune.cookie);
    await officerSignIn('work', commune, b);
    const flow = await authorize(await rp('citizen'), b, undefined, { redirect_uri: RP_CITIZEN, scope: 'openid profile', prompt: 'none' });
    expect(flow.callback?.searchParams.get('error')).toMatch(/^(login|interaction)_required$/);
    expect(flow.callback?.searchParams.get('code')).toBeNull();
  });

  it('audits officer logins and sign-ins as the officer, and counts them per client', async () => {
    const officerId = (await t.db.query<{ id: string }>(`SELECT id FROM officers WHERE username = 'canbo'`)).rows[0].id;
    expect((await auditRows('oidc.login')).some((r) => r.actor_kind === 'officer' && r.actor_id === String(officerId) && r.subject_id === ids.work.clientId)).toBe(true);
    expect((await auditRows('oidc.sign-in')).some((r) => r.actor_kind === 'officer' && r.actor_id === String(officerId))).toBe(true);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/sso/clients', headers: admin.headers })).json();
    expect(list.find((c: { clientId: string }) => c.clientId === ids.work.clientId).totalSignIns).toBeGreaterThanOrEqual(5);
  });
});
