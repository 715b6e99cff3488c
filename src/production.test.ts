import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/app.js';
import { PRODUCTION_ENV } from './testing/production.js';
import { insertFixturePeople, SIGN_UPS } from './modules/registry/testing.js';

/** The app as DA06_ENV=production builds it, its SMS going to a local stand-in of the province gateway. */
let t: TestApp;
let standIn: Server;
const texts: { authorization?: string; body: { to: string; text: string } }[] = [];
let gatewayStatus = 202;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      texts.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(gatewayStatus).end();
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const gateway = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/sms`;
  t = await testApp({ ...PRODUCTION_ENV, DA06_ENV: 'production', DA06_SMS_GATEWAY_URL: gateway });
  await insertFixturePeople(t.db);
});
afterAll(async () => {
  await t.close();
  standIn.closeAllConnections();
  await new Promise<void>((resolve) => standIn.close(() => resolve()));
});

// The outbox route's absence in production: citizen-registration.test.ts ('the development outbox exists only…').
describe('production', () => {
  it('sends one-time codes through the configured SMS gateway, never to the outbox table', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations', payload: SIGN_UPS.an });
    expect(res.statusCode).toBe(202);
    expect(texts).toHaveLength(1);
    expect(texts[0].authorization).toBe(`Bearer ${PRODUCTION_ENV.DA06_SMS_GATEWAY_TOKEN}`);
    expect(texts[0].body.to).toBe(SIGN_UPS.an.phone);
    expect(texts[0].body.text).toMatch(/\d{6}/);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
  });

  it('fails the request, and only it, when the gateway refuses the message: nothing falls back to the outbox', async () => {
    gatewayStatus = 503;
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations', payload: SIGN_UPS.bich });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).not.toContain(PRODUCTION_ENV.DA06_SMS_GATEWAY_TOKEN);
    } finally {
      gatewayStatus = 202;
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations', payload: SIGN_UPS.le })).statusCode).toBe(202);
  });
});
