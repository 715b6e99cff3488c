import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../testing/app.js';
import { COMMUNE_A, insertFixturePeople } from '../modules/registry/testing.js';
import { hasUnstorableText, unstorableTextFields } from './text.js';

// Text PostgreSQL cannot store (NUL) or UTF-8 cannot carry (a lone UTF-16 surrogate), and other C0
// control characters, are refused at the edge for every route (installInputGuards in http.ts), before
// they reach a service or a grouped transaction shared with other people's requests.

let t: TestApp;
let officer: Session;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  officer = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
});
afterAll(() => t.close());

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

function expectRefused(res: Res, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json();
  expect(problem.code).toBe('VALIDATION_FAILED');
  expect(problem.errors).toContainEqual({ field, code: 'INVALID_CHARACTERS', message: 'Có ký tự không hợp lệ (ký tự điều khiển hoặc mã Unicode lỗi)' });
}

describe('unstorable text is refused at the edge', () => {
  it('a NUL in a body field of an anonymous route (officer sign-in username)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'evil\u0000user', password: 'x' } });
    expectRefused(res, 'username');
  });

  it('a NUL in the query of an audited read (purpose)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/people/082084001234?purpose=x%00y', headers: { cookie: officer.cookie } });
    expectRefused(res, 'purpose');
  });

  it('a NUL in a path parameter (the registration being confirmed)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations/ab%00cd/confirm', payload: { code: '123456', password: 'mot-mat-khau-dai-2026' } });
    expectRefused(res, 'id');
  });

  it('a NUL in the sign-in challenge of every anonymous citizen step (code by SMS, verification, passkey options)', async () => {
    for (const [url, payload] of [
      ['/api/v1/citizen/session/otp', { challengeId: 'ab\u0000cd' }],
      ['/api/v1/citizen/session/passkey-options', { challengeId: 'ab\u0000cd' }],
      ['/api/v1/citizen/session/verify', { challengeId: 'ab\u0000cd', method: 'otp', code: '123456' }],
    ] as const) {
      expectRefused(await t.app.inject({ method: 'POST', url, payload }), 'challengeId');
    }
  });

  it('a lone surrogate and other C0 controls anywhere in a body, nested or in a key', async () => {
    const lone = await t.app.inject({
      method: 'POST', url: '/api/v1/citizen/registrations', headers: { 'content-type': 'application/json' },
      payload: '{"personalId":"082084001234","fullName":"Nguy\\ud800n","dateOfBirth":"1984-05-12","phone":"0912345678"}',
    });
    expectRefused(lone, 'fullName');
    // A bad key is reported at its object, never echoed.
    const key = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { 'user\u0001name': 'a', password: 'x' } });
    expectRefused(key, 'body');
  });

  it('a control character in a header the app reads (user agent kept with citizen sessions)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'user-agent': 'bot\u0000' }, payload: { username: 'a', password: 'x' } });
    expectRefused(res, 'user-agent');
  });

  it('tab, CR and LF are ordinary text and reach the service', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'a\tb\r\nc', password: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('LOGIN_FAILED');
  });

  it('the OpenID Connect provider under /oidc refuses it as an invalid request, and stores nothing', async () => {
    const { clientId } = await t.services.oidc.clients.add({ name: 'Cổng thử', redirectUris: ['https://rp.test/cb'], scopes: ['profile'], minLevel: 1, public: true });
    const stored = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM oidc_payloads')).rows[0].n);
    const before = await stored();
    const query = new URLSearchParams({
      client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: 'https://rp.test/cb',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', nonce: 'n\u0000once',
    });
    const res = await t.app.inject({ method: 'GET', url: `/oidc/auth?${query}` });
    // Back to the client with an OAuth error, as for any invalid parameter.
    expect(res.statusCode, res.body).toBe(303);
    expect(new URL(res.headers.location as string).searchParams.get('error')).toBe('invalid_request');
    expect(await stored()).toBe(before);
  });
});

describe('unstorableTextFields', () => {
  it('names every bad string by its path, keys included, and accepts well-formed text', () => {
    expect(unstorableTextFields({ a: 'ok\tline\n', b: ['x', 'y\u0000'], c: { 'd\u001f': 1, e: '\udc00x', f: '😀 Việt' } }, 'body'))
      .toEqual(['b.1', 'c', 'c.e']);
    expect(unstorableTextFields('\u0000', 'body')).toEqual(['body']);
    expect(unstorableTextFields(null, 'body')).toEqual([]);
  });

  it('hasUnstorableText answers whether unstorableTextFields finds anything', () => {
    const samples: unknown[] = [
      null, undefined, 12, true, '', 'ok\tline\r\n', '😀 Việt', '\u0000', 'a\u007f', '\ud800', 'x\udc00', '\ud83d\ude00',
      { a: 'ok', b: ['x', 'y'] }, { a: 'ok', b: ['x', 'y\u0000'] }, { 'k\u001f': 1 }, { deep: { er: [{ s: '\u000b' }] } },
      [[['fine']]], [[['\u0008']]], Buffer.from('\u0000'), { headers: { host: 'x', 'user-agent': 'Mozilla/5.0' } },
    ];
    for (const s of samples) expect(hasUnstorableText(s), JSON.stringify(s)).toBe(unstorableTextFields(s, 'v').length > 0);
  });
});
