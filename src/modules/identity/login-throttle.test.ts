import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as argon2 from '@node-rs/argon2';
import { testApp, TEST_PASSWORD, type TestApp } from '../../testing/app.js';
import { insertFixturePeople, SIGN_UPS } from '../registry/testing.js';

// A pass-through spy: every password check still runs argon2, and the test can count them.
vi.mock('@node-rs/argon2', async (original) => {
  const real = await original<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});
const argonVerify = vi.mocked(argon2.verify);

const FREE_ATTEMPTS = 5;
const BACKOFF_SEC = 2;
const PER_IP = 12;

let t: TestApp;
beforeAll(async () => {
  t = await testApp({
    DA06_LOGIN_FREE_ATTEMPTS: String(FREE_ATTEMPTS), DA06_LOGIN_BACKOFF_SEC: String(BACKOFF_SEC),
    DA06_LOGIN_BACKOFF_MAX_SEC: '300', DA06_LOGIN_WINDOW_MIN: '15', DA06_RATE_LIMIT_LOGIN: String(PER_IP),
  });
  await insertFixturePeople(t.db);
  for (const username of ['nan.nhan', 'cua.so', 'so.sanh', 'tuan.tu']) {
    await t.services.identity.createOfficer({ username, fullName: `Cán bộ ${username}`, password: TEST_PASSWORD, role: 'commune_registry', areaCode: '28249' });
  }
});
afterAll(() => t.close());

/** Each call comes from a new address unless one is given: the per-IP limit stays out of the way. */
let nextIp = 1;
const newIp = () => `10.0.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
const login = (username: string, password: string, ip = newIp()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password }, remoteAddress: ip });

/** Moves every back-off (or, with `minutes`, every last attempt) of the table into the past. */
const endBackoffs = () => t.db.query(`UPDATE login_throttle SET blocked_until = now() - interval '1 second'`);
const ageAttempts = (minutes: number) =>
  t.db.query(`UPDATE login_throttle SET last_attempt_at = now() - make_interval(mins => $1), blocked_until = NULL`, [minutes]);

/** The answer without what legitimately differs between two requests (request id, date, per-IP counters). */
function shape(res: Awaited<ReturnType<typeof login>>) {
  const volatile = /^(date|x-request-id|x-ratelimit-.*|content-length)$/;
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !volatile.test(k)));
  const { instance: _instance, ...body } = res.json();
  return { status: res.statusCode, headers, body };
}

describe('officer sign-in: per-account back-off', () => {
  it('lets the owner in after a short back-off when others failed from many addresses, and then forgets the failures', async () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await login('nan.nhan', 'doan-mo')).statusCode).toBe(401);
    const waiting = await login('nan.nhan', TEST_PASSWORD);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().code).toBe('ACCOUNT_LOCKED');
    const retryAfter = Number(waiting.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(BACKOFF_SEC);
    expect(waiting.json().title).toBe(`Đăng nhập sai nhiều lần, vui lòng thử lại sau ${retryAfter} giây`);

    await endBackoffs();
    expect((await login('nan.nhan', TEST_PASSWORD)).statusCode).toBe(200);
    // The success reset the counter: the next failures start again from the first free attempt.
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await login('nan.nhan', 'doan-mo')).statusCode).toBe(401);
  });

  it('doubles the back-off for each failure after it, and a refused attempt does not extend it', async () => {
    await endBackoffs();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect((await login('nan.nhan', 'doan-mo')).statusCode).toBe(401);
      const refused = await login('nan.nhan', 'doan-mo');
      expect(refused.statusCode).toBe(429);
      const again = await login('nan.nhan', 'doan-mo');
      expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(Number(refused.headers['retry-after']));
      waits.push(Number(refused.headers['retry-after']));
      await endBackoffs();
    }
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(waits[2]).toBeGreaterThan(waits[1]);
    expect(waits[2]).toBeLessThanOrEqual(BACKOFF_SEC * 8);
  });

  it('stays at the longest back-off however many failures came before', async () => {
    await t.db.query('DELETE FROM login_throttle');
    expect((await login('nan.nhan', 'doan-mo')).statusCode).toBe(401);
    await t.db.query(`UPDATE login_throttle SET attempts = 5000, blocked_until = NULL`);
    expect((await login('nan.nhan', 'doan-mo')).statusCode).toBe(401);
    const refused = await login('nan.nhan', TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(300);
    await t.db.query('DELETE FROM login_throttle');
  });

  it('forgets failures older than the window', async () => {
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) expect((await login('cua.so', 'doan-mo')).statusCode).toBe(401);
    await ageAttempts(16);
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) expect((await login('cua.so', 'doan-mo')).statusCode).toBe(401);
    expect((await login('cua.so', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown username exactly like a wrong password, runs argon2 for both, and throttles both alike', async () => {
    argonVerify.mockClear();
    const unknown = await login('khong.ai.co', 'doan-mo');
    expect(argonVerify).toHaveBeenCalledTimes(1);
    const wrong = await login('so.sanh', 'doan-mo');
    expect(argonVerify).toHaveBeenCalledTimes(2);
    expect(shape(unknown)).toEqual(shape(wrong));
    expect(unknown.statusCode).toBe(401);

    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      expect(shape(await login('khong.ai.co', 'doan-mo'))).toEqual(shape(await login('so.sanh', 'doan-mo')));
    }
    argonVerify.mockClear();
    const unknownWaits = await login('khong.ai.co', 'doan-mo');
    const knownWaits = await login('so.sanh', TEST_PASSWORD);
    expect(knownWaits.statusCode).toBe(429);
    expect(shape(unknownWaits)).toEqual(shape(knownWaits));
    // While waiting, neither is checked against a password: the same (short) path for both.
    expect(argonVerify).not.toHaveBeenCalled();
  });

  it('keeps the per-address limit on the sign-in route', async () => {
    const ip = '192.0.2.7';
    for (let i = 0; i < PER_IP; i++) expect((await login('tuan.tu', TEST_PASSWORD, ip)).statusCode).toBe(200);
    const over = await login('tuan.tu', TEST_PASSWORD, ip);
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('RATE_LIMITED');
    expect((await login('tuan.tu', TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200);
  });
});

describe('citizen sign-in: the same back-off', () => {
  const { an: AN } = SIGN_UPS;
  const PASSWORD = 'mot-mat-khau-dai-2026';
  const inject = (url: string, payload: object, ip = newIp()) => t.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
  const signIn = (personalId: string, password: string) => inject('/api/v1/citizen/session', { personalId, password });

  beforeAll(async () => {
    const { registrationId } = (await inject('/api/v1/citizen/registrations', AN)).json();
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=1' })).json();
    const code = /(\d{6})/.exec(outbox.items[0].body)![1];
    expect((await inject(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD })).statusCode).toBe(201);
  });

  it('answers an unknown personal ID like a wrong password, throttled or not, and lets the owner in after the back-off', async () => {
    argonVerify.mockClear();
    const unknown = await signIn('082099999999', 'doan-mo-mai');
    const wrong = await signIn(AN.personalId, 'doan-mo-mai');
    expect(argonVerify).toHaveBeenCalledTimes(2);
    expect(shape(unknown)).toEqual(shape(wrong));
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      expect(shape(await signIn('082099999999', 'doan-mo-mai'))).toEqual(shape(await signIn(AN.personalId, 'doan-mo-mai')));
    }
    const unknownWaits = await signIn('082099999999', 'doan-mo-mai');
    const ownerWaits = await signIn(AN.personalId, PASSWORD);
    expect(ownerWaits.statusCode).toBe(429);
    expect(ownerWaits.json().code).toBe('ACCOUNT_LOCKED');
    expect(shape(unknownWaits)).toEqual(shape(ownerWaits));

    await endBackoffs();
    const first = await signIn(AN.personalId, PASSWORD);
    expect(first.statusCode).toBe(200);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=1' })).json();
    const code = /(\d{6})/.exec(outbox.items[0].body)![1];
    const done = await inject('/api/v1/citizen/session/verify', { challengeId: first.json().challengeId, method: 'otp', code });
    expect(done.statusCode).toBe(200);
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await signIn(AN.personalId, 'doan-mo-mai')).statusCode).toBe(401);
  });
});
