import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_PASSWORD, type TestApp } from '../../testing/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.services.identity.createOfficer({ username: 'canbo', fullName: 'Cán bộ Một', password: TEST_PASSWORD, role: 'commune_registry', areaCode: '28249' });
  await t.services.identity.createOfficer({ username: 'bikhoa', fullName: 'Cán bộ Hai', password: TEST_PASSWORD, role: 'commune_registry', areaCode: '28249' });
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });

describe('authorization', () => {
  it('GET /api/v1/session needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(res.statusCode).toBe(401);
  });
});

describe('officer sign-in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns the CSRF token', async () => {
    const res = await login('canbo', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'da06_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json()).toMatchObject({ username: 'canbo', role: 'commune_registry', area: { level: 'commune', code: '28249' } });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `da06_session=${cookie.value}` } });
    expect(me.json().fullName).toBe('Cán bộ Một');
    // The web UI hides what a role may not do by these permissions, never by the role's name.
    const registryPermissions = ['eid.upgrade', 'linkage.review', 'registry.read', 'registry.write', 'session.own', 'sso.signin', 'units.read', 'wallet.issue'];
    expect([...res.json().permissions].sort()).toEqual(registryPermissions);
    expect([...me.json().permissions].sort()).toEqual(registryPermissions);
    const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM officer_sessions');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(cookie.value);
  });

  it('answers an unknown user and a wrong password the same way (no enumeration)', async () => {
    const unknown = await login('khong-co', 'x');
    const wrong = await login('canbo', 'sai-mat-khau');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().title).toBe(wrong.json().title);
    expect(unknown.json().title).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('makes an account wait after repeated failures, even for the right password (back-off: login-throttle.test.ts)', async () => {
    for (let i = 0; i < 5; i++) expect((await login('bikhoa', 'sai')).statusCode).toBe(401);
    const res = await login('bikhoa', TEST_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('ACCOUNT_LOCKED');
    expect(res.json().title).toMatch(/thử lại sau \d+ giây/);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('refuses malformed bodies with field errors', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'canbo' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'password', code: 'REQUIRED', message: 'Trường bắt buộc' }]);
  });

  it('signs out only with the CSRF token, and the session is gone afterwards', async () => {
    const s = await t.login('canbo', TEST_PASSWORD);
    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('audits sign-ins', async () => {
    await t.services.audit.drain();
    const r = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'officer.%'`);
    const actions = r.rows.map((x) => x.action);
    expect(actions).toContain('officer.login');
    expect(actions).toContain('officer.login.failed');
    expect(actions).toContain('officer.logout');
  });
});

describe('platform edges', () => {
  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/ready')).json()).toMatchObject({ status: 'ready' });
    const doc = (await t.app.inject('/api/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/people', '/api/v1/people/{key}', '/api/v1/units', '/api/v1/households/{householdNo}']));
  });

  it('answers unknown paths with problem+json 404', async () => {
    const res = await t.app.inject('/api/v1/khong-ton-tai');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('rate-limits the login route per address', async () => {
    const limited = await testApp({ DA06_RATE_LIMIT_LOGIN: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await limited.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x', password: 'y' } })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
