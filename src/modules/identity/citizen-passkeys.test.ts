import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { SoftAuthenticator, b64u } from '../../testing/webauthn.js';
import { verifyAudit } from '../../platform/audit.js';
import { insertFixturePeople } from '../registry/testing.js';

const PUBLIC_URL = 'https://eid.example.vn';
const RP_ID = 'eid.example.vn';
const AN = { personalId: '082084001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', phone: '0912345678' };
const LE = { personalId: '087090004567', fullName: 'Lê Văn An', dateOfBirth: '1990-01-01', phone: '0987654321' };
const PASSWORD = 'mot-mat-khau-dai-2026';

let t: TestApp;
interface Citizen { cookie: string; csrf: string; headers: Record<string, string> }

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const latestCode = async () => /(\d{6})/.exec((await inject('GET', '/api/v1/dev/outbox?limit=1')).json().items[0].body)![1];
const outboxSize = async () => (await inject('GET', '/api/v1/dev/outbox?limit=100')).json().items.length as number;
const asCitizen = (res: Awaited<ReturnType<typeof inject>>): Citizen => {
  const cookie = `da06_citizen=${res.cookies.find((c) => c.name === 'da06_citizen')!.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
};
const auditRows = async () => {
  await t.services.audit.drain();
  return (await t.db.query<{ action: string; purpose: string | null }>('SELECT action, purpose FROM audit_log ORDER BY seq')).rows;
};
/** Forgets the sign-in attempts (all IDs: the back-off keeps them by HMAC, not by personal ID). */
const resetFailures = () => t.db.query('DELETE FROM login_throttle');

async function register(p: typeof AN): Promise<Citizen> {
  const { registrationId } = (await inject('POST', '/api/v1/citizen/registrations', {}, p)).json();
  const res = await inject('POST', `/api/v1/citizen/registrations/${registrationId}/confirm`, {}, { code: await latestCode(), password: PASSWORD });
  expect(res.statusCode).toBe(201);
  return asCitizen(res);
}

const signIn = (personalId: string) => inject('POST', '/api/v1/citizen/session', {}, { personalId, password: PASSWORD });
const passkeyOptions = (challengeId: string) => inject('POST', '/api/v1/citizen/session/passkey-options', {}, { challengeId });
const verifyPasskey = (challengeId: string, response: unknown) =>
  inject('POST', '/api/v1/citizen/session/verify', { 'user-agent': 'vitest' }, { challengeId, method: 'passkey', response: response as object });

/** Registration from the portal: options, then the authenticator's answer. */
async function addPasskey(c: Citizen, auth: SoftAuthenticator, label?: string) {
  const options = await inject('POST', '/api/v1/citizen/passkeys/options', c.headers);
  expect(options.statusCode).toBe(200);
  return inject('POST', '/api/v1/citizen/passkeys', c.headers, { response: auth.create(options.json().challenge), ...(label ? { label } : {}) });
}

/** Password, then passkey options: the challenge id and the WebAuthn challenge. */
async function startPasskeySignIn(personalId: string) {
  const first = await signIn(personalId);
  expect(first.statusCode).toBe(200);
  const { challengeId } = first.json();
  const options = await passkeyOptions(challengeId);
  expect(options.statusCode).toBe(200);
  return { challengeId: challengeId as string, challenge: options.json().challenge as string, first: first.json(), options: options.json() };
}

let an: Citizen;
let le: Citizen;
const phone = new SoftAuthenticator(PUBLIC_URL);

beforeAll(async () => {
  t = await testApp({ DA06_PUBLIC_URL: PUBLIC_URL });
  await insertFixturePeople(t.db);
  an = await register(AN);
  le = await register(LE);
});
afterAll(() => t.close());

describe('authorization', () => {
  const validBody = { response: new SoftAuthenticator(PUBLIC_URL).create('AAAA') };
  it('needs a citizen session for every passkey management route', async () => {
    for (const [method, url] of [['POST', '/api/v1/citizen/passkeys/options'], ['POST', '/api/v1/citizen/passkeys'], ['GET', '/api/v1/citizen/passkeys'], ['DELETE', '/api/v1/citizen/passkeys/1']] as const) {
      const res = await inject(method, url, {}, method === 'POST' ? validBody : undefined);
      expect(res.statusCode, url).toBe(401);
    }
    const officer = await t.officer('xa.a', 'admin', '82');
    expect((await inject('GET', '/api/v1/citizen/passkeys', { cookie: officer.cookie })).statusCode).toBe(401);
  });

  it('refuses writes without the CSRF header', async () => {
    for (const [method, url] of [['POST', '/api/v1/citizen/passkeys/options'], ['POST', '/api/v1/citizen/passkeys'], ['DELETE', '/api/v1/citizen/passkeys/1']] as const) {
      const res = await inject(method, url, { cookie: an.cookie }, method === 'POST' ? validBody : undefined);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('CSRF_INVALID');
    }
  });
});

describe('registration', () => {
  it('gives options for this site, with user verification preferred and no attestation', async () => {
    const res = await inject('POST', '/api/v1/citizen/passkeys/options', an.headers);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.rp).toEqual({ name: expect.any(String), id: RP_ID });
    expect(o.attestation).toBe('none');
    expect(o.authenticatorSelection).toMatchObject({ userVerification: 'preferred' });
    expect(o.user.name).toBe(AN.personalId);
    // The user handle is opaque: neither the account id nor the personal ID.
    expect(Buffer.from(o.user.id, 'base64url').toString()).not.toContain(AN.personalId);
    expect(o.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('stores the credential, lists it and audits it', async () => {
    const res = await addPasskey(an, phone, 'Điện thoại của tôi');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), label: 'Điện thoại của tôi', transports: ['internal'], createdAt: expect.any(String), lastUsedAt: null });
    const list = (await inject('GET', '/api/v1/citizen/passkeys', { cookie: an.cookie })).json();
    expect(list.items).toHaveLength(1);
    const row = (await t.db.query<{ credential_id: string; counter: number }>('SELECT credential_id, counter FROM citizen_passkeys')).rows[0];
    expect(row.credential_id).toBe(phone.id);
    expect((await auditRows()).map((r) => r.action)).toContain('citizen.passkey.register');
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: an.cookie })).json().factors).toEqual(['passkey', 'otp']);
    expect((await inject('GET', '/api/v1/citizen/passkeys', { cookie: le.cookie })).json().items).toEqual([]);
  });

  it('uses a challenge once and refuses a wrong challenge, another origin, a second registration of the same key and garbage', async () => {
    // No pending options (the last ones were used).
    expect((await inject('POST', '/api/v1/citizen/passkeys', an.headers, { response: new SoftAuthenticator(PUBLIC_URL).create('AAAA') })).json().code).toBe('PASSKEY_CHALLENGE_EXPIRED');
    await inject('POST', '/api/v1/citizen/passkeys/options', an.headers);
    const wrong = await inject('POST', '/api/v1/citizen/passkeys', an.headers, { response: new SoftAuthenticator(PUBLIC_URL).create(b64u(randomBytes(32))) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('PASSKEY_INVALID');
    expect((await addPasskey(an, new SoftAuthenticator('https://evil.example', RP_ID))).json().code).toBe('PASSKEY_INVALID');
    expect((await addPasskey(an, new SoftAuthenticator(PUBLIC_URL, 'example.vn'))).json().code).toBe('PASSKEY_INVALID');
    const twice = await addPasskey(le, phone);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PASSKEY_ALREADY_REGISTERED');
    for (const body of [{}, { response: 'abc' }, { response: { id: 'x' } }, { response: { ...phone.create('AAAA'), type: 'password' } }, { response: phone.create('AAAA'), extra: 1 }]) {
      await inject('POST', '/api/v1/citizen/passkeys/options', an.headers);
      const res = await inject('POST', '/api/v1/citizen/passkeys', an.headers, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    await inject('POST', '/api/v1/citizen/passkeys/options', an.headers);
    const junk = { ...phone.create('AAAA'), response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } };
    const res = await inject('POST', '/api/v1/citizen/passkeys', an.headers, { response: junk });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PASSKEY_INVALID');
    expect((await inject('GET', '/api/v1/citizen/passkeys', { cookie: an.cookie })).json().items).toHaveLength(1);
  });
});

describe('sign-in with a passkey', () => {
  it('proposes the passkey first without sending a text message, then opens a session', async () => {
    const sent = await outboxSize();
    const { challengeId, challenge, first, options } = await startPasskeySignIn(AN.personalId);
    expect(first).toEqual({ next: 'passkey', challengeId, factors: ['passkey', 'otp'] });
    expect(await outboxSize()).toBe(sent);
    expect(options).toMatchObject({ rpId: RP_ID, userVerification: 'preferred', allowCredentials: [{ id: phone.id, type: 'public-key', transports: ['internal'] }] });
    const assertion = phone.get(challenge);
    const res = await verifyPasskey(challengeId, assertion);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ level: 1, csrfToken: expect.any(String) });
    const s = asCitizen(res);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: s.cookie })).statusCode).toBe(200);
    expect((await auditRows()).at(-1)).toEqual({ action: 'citizen.login', purpose: 'passkey' });
    const stored = (await inject('GET', '/api/v1/citizen/passkeys', { cookie: s.cookie })).json().items[0];
    expect(stored.lastUsedAt).toEqual(expect.any(String));

    // The same assertion again: the challenge is used up.
    const replay = await verifyPasskey(challengeId, assertion);
    expect(replay.statusCode).toBe(410);
    expect(replay.json().code).toBe('OTP_EXPIRED');
  });

  it('refuses a replayed assertion, a wrong challenge, an old counter and an unknown credential with 4xx', async () => {
    const before = (await auditRows()).filter((r) => r.action === 'citizen.login.failed').length;
    const { challengeId: c1, challenge: ch1 } = await startPasskeySignIn(AN.personalId);
    const answered = phone.get(ch1);
    expect((await verifyPasskey(c1, answered)).statusCode).toBe(200);

    // Replayed on a new challenge: it signed the old one.
    const { challengeId: c2, challenge: ch2 } = await startPasskeySignIn(AN.personalId);
    const replay = await verifyPasskey(c2, answered);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('PASSKEY_INVALID');
    // A challenge the server never gave.
    expect((await verifyPasskey(c2, phone.get(b64u(randomBytes(32))))).json().code).toBe('PASSKEY_INVALID');
    // The right challenge but a counter that did not move (a cloned authenticator).
    const stored = (await t.db.query<{ counter: number }>('SELECT counter FROM citizen_passkeys WHERE credential_id = $1', [phone.id])).rows[0];
    expect(Number(stored.counter)).toBe(2);
    const stale = await verifyPasskey(c2, phone.get(ch2, { counter: Number(stored.counter) }));
    expect(stale.statusCode).toBe(400);
    expect(stale.json().code).toBe('PASSKEY_INVALID');
    // A key this account never registered (even if it signs the right challenge).
    const stranger = new SoftAuthenticator(PUBLIC_URL);
    expect((await verifyPasskey(c2, stranger.get(ch2))).json().code).toBe('PASSKEY_INVALID');
    await resetFailures();

    // Another account's passkey does not open this account.
    const { challengeId: c3, challenge: ch3 } = await startPasskeySignIn(AN.personalId);
    expect((await verifyPasskey(c3, phone.get(ch3))).statusCode).toBe(200);
    await addPasskey(le, stranger);
    const leFirst = (await signIn(LE.personalId)).json();
    const leOptions = (await passkeyOptions(leFirst.challengeId)).json();
    expect((await verifyPasskey(leFirst.challengeId, phone.get(leOptions.challenge))).json().code).toBe('PASSKEY_INVALID');
    expect((await verifyPasskey(leFirst.challengeId, stranger.get(leOptions.challenge))).statusCode).toBe(200);

    const failed = (await auditRows()).filter((r) => r.action === 'citizen.login.failed');
    expect(failed.length - before).toBe(5);
    expect(failed.at(-1)!.purpose).toBe('passkey');
    await resetFailures();
  });

  it('refuses a passkey answer before options were asked, and garbage, with 400 and never 500', async () => {
    const { challengeId } = (await signIn(AN.personalId)).json();
    expect((await verifyPasskey(challengeId, phone.get(b64u(randomBytes(32))))).json().code).toBe('PASSKEY_INVALID');
    const bodies: object[] = [
      { challengeId, method: 'passkey' },
      { challengeId, method: 'passkey', response: 'abc' },
      { challengeId, method: 'passkey', response: { id: 'x', rawId: 'x', type: 'public-key' } },
      { challengeId, method: 'passkey', response: { ...phone.get('AAAA'), id: 'not base64url!' } },
      { challengeId, method: 'webauthn', response: phone.get('AAAA') },
      { challengeId, method: 'otp' },
      { challengeId, method: 'passkey', response: phone.get('AAAA'), code: 'x'.repeat(20) },
    ];
    for (const body of bodies) {
      const res = await inject('POST', '/api/v1/citizen/session/verify', {}, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const { challengeId: c2, challenge } = await startPasskeySignIn(AN.personalId);
    const junk = { ...phone.get(challenge), response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' } };
    const res = await verifyPasskey(c2, junk);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PASSKEY_INVALID');
    for (const body of [{}, { challengeId: 'x'.repeat(65) }]) expect((await inject('POST', '/api/v1/citizen/session/passkey-options', {}, body)).statusCode).toBe(400);
    expect((await passkeyOptions('unknown')).statusCode).toBe(410);
    await resetFailures();
  });

  it('keeps the other factors working beside a passkey', async () => {
    const first = (await signIn(AN.personalId)).json();
    const sent = await inject('POST', '/api/v1/citizen/session/otp', {}, { challengeId: first.challengeId });
    expect(sent.statusCode).toBe(202);
    const res = await inject('POST', '/api/v1/citizen/session/verify', {}, { challengeId: first.challengeId, method: 'otp', code: await latestCode() });
    expect(res.statusCode).toBe(200);
  });
});

describe('removal', () => {
  it('removes only the citizen\'s own passkey, audited; without one the factor disappears', async () => {
    const mine = (await inject('GET', '/api/v1/citizen/passkeys', { cookie: an.cookie })).json().items[0].id as string;
    expect((await inject('DELETE', `/api/v1/citizen/passkeys/${mine}`, le.headers)).statusCode).toBe(404);
    expect((await inject('DELETE', '/api/v1/citizen/passkeys/abc', an.headers)).json().code).toBe('PASSKEY_NOT_FOUND');
    expect((await inject('DELETE', `/api/v1/citizen/passkeys/${mine}`, an.headers)).statusCode).toBe(204);
    expect((await inject('DELETE', `/api/v1/citizen/passkeys/${mine}`, an.headers)).statusCode).toBe(404);
    expect((await auditRows()).map((r) => r.action)).toContain('citizen.passkey.remove');
    const first = (await signIn(AN.personalId)).json();
    expect(first).toMatchObject({ next: 'otp', factors: ['otp'] });
    const options = await passkeyOptions(first.challengeId);
    expect(options.statusCode).toBe(400);
    expect(options.json().code).toBe('FACTOR_NOT_AVAILABLE');
    expect((await inject('GET', '/api/v1/citizen/profile', { cookie: an.cookie })).json().account.factors).toEqual(['otp']);
  });

  it('keeps the audit chain intact', async () => {
    await t.services.audit.drain();
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
