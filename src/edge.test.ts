import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/app.js';

// What every response carries, whoever answers it: a Fastify route, the not-found handler, the
// framework's own errors, or the OpenID Connect provider mounted through middie.
function expectSecurityHeaders(res: { headers: Record<string, unknown> }, label: string) {
  expect(res.headers['content-security-policy'], label).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['content-security-policy'], label).toMatch(/default-src 'self'/);
  expect(res.headers['x-content-type-options'], label).toBe('nosniff');
  expect(res.headers['referrer-policy'], label).toBe('no-referrer');
  expect(res.headers['x-frame-options'], label).toBe('DENY');
}

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ DA06_TRUST_PROXY: '10.0.0.0/8' });
});
afterAll(async () => t.close());

describe('security headers', () => {
  it('are on API answers, which are never stored by a cache', async () => {
    for (const url of ['/api/v1/session', '/api/v1/units?scheme=2025&level=province', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      expectSecurityHeaders(res, url);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('are on the OpenID Connect provider pages: discovery and an error page', async () => {
    const discovery = await t.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' });
    expect(discovery.statusCode).toBe(200);
    expectSecurityHeaders(discovery, 'discovery');
    const error = await t.app.inject({ method: 'GET', url: '/oidc/auth?client_id=nobody&response_type=code&scope=openid' });
    expect(error.statusCode).toBe(400);
    expect(error.headers['content-type']).toMatch(/text\/html/);
    expectSecurityHeaders(error, 'error page');
    expect(error.headers['cache-control']).toBe('no-store');
    // Its own page has an inline style; a form_post answer posts to the service's redirect URI.
    expect(error.headers['content-security-policy']).toMatch(/style-src[^;]*'unsafe-inline'/);
    expect(error.headers['content-security-policy']).not.toMatch(/form-action/);
  });

  it('are on the pages of the web UI (index.html for client-side routes)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/officer/people' });
    expectSecurityHeaders(res, 'spa');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/img-src 'self' data:/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
  });

  it('let only the kiosk page reach the card reader on the loopback interface (docs/connectors/kiosk-card-reader.md)', async () => {
    for (const url of ['/kiosk', '/kiosk?reader=http%3A%2F%2F127.0.0.1%3A8406']) {
      const res = await t.app.inject({ method: 'GET', url });
      expectSecurityHeaders(res, url);
      expect(String(res.headers['content-security-policy'])).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*(;|$)/);
    }
    expect(String((await t.app.inject({ method: 'GET', url: '/kiosks' })).headers['content-security-policy'])).toMatch(/connect-src 'self'(;|$)/);
  });

  it('are on the Swagger UI, which loads only its own scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res, 'swagger');
    expect(res.body).not.toMatch(/<script>/);
  });

  it('add HSTS only when a trusted proxy says the request came over HTTPS', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const trusted = await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-proto': 'https' } });
    expect(trusted.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const oidc = await t.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-proto': 'https' } });
    expect(oidc.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const untrusted = await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('framework errors', () => {
  it('answer a malformed URL with problem+json that does not repeat the path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/people/%zz-marker' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toContain('marker');
    expectSecurityHeaders(res, 'bad url');
  });

  it('answer an overlong path parameter with problem+json that does not repeat it', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/people/${'q'.repeat(3000)}/death` });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toContain('qqqq');
    expect(res.json().code).toBe('URI_TOO_LONG');
  });
});

describe('authorization before validation', () => {
  it('answers 401 to an anonymous call of every protected route, whatever its body', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { 'x-access'?: string }>>;
    };
    const protectedRoutes: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op['x-access'], `${method} ${path}`).toBeDefined();
        if (op['x-access'] === 'public') continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const res = await t.app.inject({ method: method.toUpperCase() as 'POST', url, payload: method === 'get' ? undefined : '{"unexpected": ['
          , headers: method === 'get' ? {} : { 'content-type': 'application/json' } });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        protectedRoutes.push(`${method} ${path}`);
      }
    }
    expect(protectedRoutes.length).toBeGreaterThan(60);
  });
});
