import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { PRODUCTION_ENV } from '../../testing/production.js';
import { insertFixturePeople } from '../registry/testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
});
afterAll(() => t.close());

const AN = { personalId: '082084001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', phone: '0912345678' };
const BICH = { personalId: '082186002345', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03', phone: '0912000111' };
const BINH = { personalId: '082212003456', fullName: 'Nguyễn Văn Bình', dateOfBirth: '2012-09-30', phone: '0912000222' };
const LE = { personalId: '087090004567', fullName: 'Lê Văn An', dateOfBirth: '1990-01-01', phone: '0987654321' };
const PASSWORD = 'mot-mat-khau-dai-2026';

const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers });
const outbox = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=50' })).json().items as { recipientMasked: string; body: string }[];
const latestCode = async () => /(\d{6})/.exec((await outbox())[0].body)![1];
const auditCount = async (action: string) => {
  await t.services.audit.drain();
  return Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n);
};

describe('authorization', () => {
  it('citizen pages need a citizen session (401), an officer session is not one', async () => {
    const officer = await t.officer('xa.a', 'commune_registry', '28249');
    for (const url of ['/api/v1/citizen/session', '/api/v1/citizen/profile', '/api/v1/citizen/sessions', '/api/v1/citizen/connected-services']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } })).statusCode, url).toBe(401);
    }
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/totp/setup', headers: officer.headers });
    expect(setup.statusCode).toBe(401);
    expect(setup.headers['content-type']).toContain('application/problem+json');
  });

  it('the development outbox exists only in development and test', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).statusCode).toBe(200);
    const prod = await testApp({ ...PRODUCTION_ENV, DA06_ENV: 'production' });
    try {
      const res = await prod.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    } finally {
      await prod.close();
    }
  });
});

describe('registration (level 1)', () => {
  it('matches the registry, sends a code to the registry phone, and the code + a password open a level-1 session', async () => {
    const start = await post('/api/v1/citizen/registrations', { ...AN, phone: '091 234 5678' });
    expect(start.statusCode).toBe(202);
    expect(start.json()).toMatchObject({ sentTo: '091****678', expiresInSeconds: 300 });
    const msg = (await outbox())[0];
    expect(msg.recipientMasked).toBe('091****678');
    expect(msg.body).toMatch(/\d{6}/);
    const stored = await t.db.query<{ code_hash: string }>('SELECT code_hash FROM citizen_registrations WHERE id = $1', [start.json().registrationId]);
    expect(stored.rows[0].code_hash).not.toContain(await latestCode());

    const confirm = await post(`/api/v1/citizen/registrations/${start.json().registrationId}/confirm`, { code: await latestCode(), password: PASSWORD });
    expect(confirm.statusCode).toBe(201);
    expect(confirm.json()).toEqual({ level: 1, csrfToken: expect.any(String) });
    const cookie = confirm.cookies.find((c) => c.name === 'da06_citizen')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/citizen/session', headers: { cookie: `da06_citizen=${cookie.value}` } });
    expect(me.json()).toMatchObject({ personalIdMasked: '082******234', level: 1, factors: ['otp'] });
    expect(await auditCount('citizen.account.create')).toBe(1);
  });

  it('answers the same refusal for a mismatch on any field, and sends nothing', async () => {
    const before = (await outbox()).length;
    const variants = [
      { ...BICH, personalId: '082186002346' },
      { ...BICH, fullName: 'Trần Thị Bình' },
      { ...BICH, dateOfBirth: '1986-02-04' },
      { ...BICH, phone: '0912000112' },
      { personalId: '079175005678', fullName: 'Phạm Thị An', dateOfBirth: '1975-07-07', phone: '0900000000' }, // no phone in the registry
    ];
    const answers = [];
    for (const v of variants) {
      const res = await post('/api/v1/citizen/registrations', v);
      expect(res.statusCode).toBe(422);
      answers.push({ code: res.json().code, title: res.json().title, errors: res.json().errors });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].code).toBe('REGISTRATION_MISMATCH');
    expect(answers[0].errors).toBeUndefined();
    expect((await outbox()).length).toBe(before);
  });

  it('refuses a name that is not a name (a formula) as a field error, before any registry lookup', async () => {
    const before = (await outbox()).length;
    const res = await post('/api/v1/citizen/registrations', { ...BICH, fullName: '=HYPERLINK("http://x.invalid","Bấm")' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'fullName', code: 'NAME_CHARACTERS' })]);
    expect((await outbox()).length).toBe(before);
  });

  it('answers the same refusal when the person already has an account, and sends nothing', async () => {
    const before = (await outbox()).length;
    const res = await post('/api/v1/citizen/registrations', AN);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('REGISTRATION_MISMATCH');
    expect((await outbox()).length).toBe(before);
  });

  it('refuses a short password and one containing the personal ID, without spending the code', async () => {
    const { registrationId } = (await post('/api/v1/citizen/registrations', BICH)).json();
    const code = await latestCode();
    const short = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: 'ngan' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([{ field: 'password', code: 'PASSWORD_TOO_SHORT', message: 'Mật khẩu phải có ít nhất 10 ký tự' }]);
    const withId = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: `mk-${BICH.personalId}` });
    expect(withId.json().errors[0].code).toBe('PASSWORD_CONTAINS_ID');
    expect((await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD })).statusCode).toBe(201);
  });

  it('a code is single use', async () => {
    const { registrationId } = (await post('/api/v1/citizen/registrations', LE)).json();
    const code = await latestCode();
    expect((await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD })).statusCode).toBe(201);
    const again = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('OTP_EXPIRED');
  });

  it('a code expires after 5 minutes', async () => {
    const { registrationId } = (await post('/api/v1/citizen/registrations', BINH)).json();
    const code = await latestCode();
    const row = await t.db.query<{ minutes: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM citizen_registrations WHERE id = $1`, [registrationId]);
    expect(row.rows[0].minutes).toBe(5);
    await t.db.query(`UPDATE citizen_registrations SET expires_at = now() - interval '1 second' WHERE id = $1`, [registrationId]);
    const res = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD });
    expect(res.json().code).toBe('OTP_EXPIRED');
  });

  it('a code dies after 5 wrong attempts, even for the right code afterwards', async () => {
    const { registrationId } = (await post('/api/v1/citizen/registrations', BINH)).json();
    const code = await latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code: wrong, password: PASSWORD });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('OTP_INVALID');
    }
    const res = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code, password: PASSWORD });
    expect(res.json().code).toBe('OTP_EXPIRED');
  });

  it('an unknown registration id reads as expired', async () => {
    const res = await post('/api/v1/citizen/registrations/khong-co/confirm', { code: '123456', password: PASSWORD });
    expect(res.json().code).toBe('OTP_EXPIRED');
  });
});

describe('rate limits', () => {
  it('limits registration attempts per minute and IP', async () => {
    const limited = await testApp({ DA06_RATE_LIMIT_LOGIN: '2' });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations', payload: BICH })).statusCode);
      expect(codes).toEqual([422, 422, 429]);
    } finally {
      await limited.close();
    }
  });
});
