import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { verifyAudit } from '../../platform/audit.js';
import { COMMUNE_A, COMMUNE_B, PEOPLE, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { chipOf, trustTestCsca } from '../../testing/chip.js';

let t: TestApp;
let communeA: Session;
let communeB: Session;
let province: Session;
let auditor: Session;

const { an: AN, bich: BICH, binh: BINH, le: LE } = SIGN_UPS;
const PASSWORD = 'mot-mat-khau-dai-2026';

interface Citizen { cookie: string; csrf: string; headers: Record<string, string> }

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const latestCode = async () => /(\d{6})/.exec((await inject('GET', '/api/v1/dev/outbox?limit=1')).json().items[0].body)![1];
const asCitizen = (res: Awaited<ReturnType<typeof inject>>): Citizen => {
  const cookie = `da06_citizen=${res.cookies.find((c) => c.name === 'da06_citizen')!.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
};
const auditActions = async () => {
  await t.services.audit.drain();
  return (await t.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) => r.action);
};

async function register(p: typeof AN): Promise<Citizen> {
  const { registrationId } = (await inject('POST', '/api/v1/citizen/registrations', {}, p)).json();
  const res = await inject('POST', `/api/v1/citizen/registrations/${registrationId}/confirm`, {}, { code: await latestCode(), password: PASSWORD });
  expect(res.statusCode).toBe(201);
  return asCitizen(res);
}

const endBackoffs = () => t.db.query(`UPDATE login_throttle SET blocked_until = now() - interval '1 second'`);
const resetThrottle = () => t.db.query('DELETE FROM login_throttle');
const signIn = (personalId: string, password = PASSWORD) => inject('POST', '/api/v1/citizen/session', {}, { personalId, password });
const verify = (challengeId: string, method: 'otp' | 'totp', code: string) =>
  inject('POST', '/api/v1/citizen/session/verify', { 'user-agent': 'vitest' }, { challengeId, method, code });

async function signInWithOtp(personalId: string): Promise<Citizen> {
  const first = await signIn(personalId);
  expect(first.statusCode).toBe(200);
  const res = await verify(first.json().challengeId, 'otp', await latestCode());
  expect(res.statusCode).toBe(200);
  return asCitizen(res);
}

let an: Citizen;
let le: Citizen;
beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  communeA = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
  communeB = await t.officer('xa.b', 'commune_registry', COMMUNE_B);
  province = await t.officer('tinh', 'province_registry', '82');
  auditor = await t.officer('kiemtra', 'auditor', '82');
  await trustTestCsca(t);
  for (const p of PEOPLE) chips.set(p.personalId, await chipOf(p));
  an = await register(AN);
  le = await register(LE);
  await register(BICH);
  await register(BINH);
});
afterAll(() => t.close());

/** Each fixture person's chip card, as the officer's NFC reader reads it. */
const chips = new Map<string, Awaited<ReturnType<typeof chipOf>>>();
const raise = (personalId: string, s: Session | Record<string, string>, body: object = { level: 2, checkedDocument: 'cccd' }) =>
  inject('POST', `/api/v1/citizen-accounts/${personalId}/level`, 'headers' in s ? (s as Session).headers : s, { chip: chips.get(personalId), ...body });

describe('authorization', () => {
  it('level-2 upgrade: 401 anonymous, 403 for a role without eid.upgrade, 401 for a citizen', async () => {
    expect((await raise(AN.personalId, {})).statusCode).toBe(401);
    const res = await raise(AN.personalId, auditor);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await raise(AN.personalId, an.headers)).statusCode).toBe(401);
    expect((await inject('GET', `/api/v1/citizen-accounts/${AN.personalId}`, { cookie: auditor.cookie })).statusCode).toBe(403);
  });

  it('level-2 upgrade answers 404 for a person of another commune, never 403', async () => {
    const res = await raise(LE.personalId, communeA);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PERSON_NOT_FOUND');
    expect((await inject('GET', `/api/v1/citizen-accounts/${LE.personalId}`, { cookie: communeA.cookie })).statusCode).toBe(404);
  });

  it('refuses citizen and officer writes without the CSRF header', async () => {
    for (const [method, url] of [['DELETE', '/api/v1/citizen/session'], ['POST', '/api/v1/citizen/totp/setup'], ['DELETE', '/api/v1/citizen/sessions/x']] as const) {
      const res = await inject(method, url, { cookie: an.cookie });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('CSRF_INVALID');
    }
    const res = await raise(AN.personalId, { cookie: communeA.cookie });
    expect(res.json().code).toBe('CSRF_INVALID');
  });

  it('a citizen sees only their own sessions and cannot revoke another citizen\'s', async () => {
    const theirs = (await inject('GET', '/api/v1/citizen/sessions', { cookie: le.cookie })).json().items[0].id;
    const res = await inject('DELETE', `/api/v1/citizen/sessions/${theirs}`, an.headers);
    expect(res.statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: le.cookie })).statusCode).toBe(200);
  });
});

describe('sign-in with a text-message code', () => {
  it('asks for the second factor after the right password, then opens a session', async () => {
    const first = await signIn(AN.personalId);
    expect(first.json()).toEqual({ next: 'otp', challengeId: expect.any(String), factors: ['otp'], sentTo: '091****678' });
    expect(first.cookies.find((c) => c.name === 'da06_citizen')).toBeUndefined();
    const res = await verify(first.json().challengeId, 'otp', await latestCode());
    expect(res.json()).toEqual({ level: 1, csrfToken: expect.any(String) });
    const again = await verify(first.json().challengeId, 'otp', '123456');
    expect(again.json().code).toBe('OTP_EXPIRED');
    expect(await auditActions()).toContain('citizen.login');
  });

  it('answers an unknown ID, a wrong password and a malformed ID the same way', async () => {
    const answers = await Promise.all([signIn('082099999999'), signIn(AN.personalId, 'sai-mat-khau-roi'), signIn('abc')]);
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.json().code).toBe('CITIZEN_LOGIN_FAILED');
    }
    expect(new Set(answers.map((a) => a.json().title)).size).toBe(1);
  });

  it('makes the ID wait after repeated failures, even for the right password (back-off: login-throttle.test.ts)', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(BICH.personalId, 'sai-mat-khau-roi')).statusCode).toBe(401);
    const right = await signIn(BICH.personalId);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    await endBackoffs();
    expect((await signIn(BICH.personalId)).statusCode).toBe(200);
    expect((await auditActions()).filter((a) => a === 'citizen.login.failed').length).toBeGreaterThanOrEqual(6);
  });

  it('counts wrong codes toward the challenge limit and the back-off', async () => {
    await resetThrottle();
    const { challengeId } = (await signIn(AN.personalId)).json();
    const code = await latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(challengeId, 'otp', wrong)).json().code).toBe('OTP_INVALID');
    expect((await verify(challengeId, 'otp', code)).json().code).toBe('OTP_EXPIRED');
    expect((await signIn(AN.personalId)).json().code).toBe('ACCOUNT_LOCKED');
    await resetThrottle();
  });

  it('refuses TOTP when no authenticator app is active', async () => {
    const { challengeId } = (await signIn(AN.personalId)).json();
    expect((await verify(challengeId, 'totp', '123456')).json().code).toBe('FACTOR_NOT_AVAILABLE');
  });
});

describe('authenticator app (TOTP)', () => {
  let totp: TOTP;
  it('sets up a secret stored encrypted, activated only by a first valid code', async () => {
    const setup = await inject('POST', '/api/v1/citizen/totp/setup', le.headers);
    expect(setup.statusCode).toBe(200);
    const { otpauthUrl, secret } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/da06:087\*\*\*\*\*\*567\?/);
    const row = (await t.db.query<{ totp_pending_enc: string; totp_secret_enc: string | null }>(
      'SELECT totp_pending_enc, totp_secret_enc FROM citizen_accounts WHERE personal_id = $1', [LE.personalId])).rows[0];
    expect(row.totp_pending_enc).toMatch(/^v1\./);
    expect(row.totp_pending_enc).not.toContain(secret);
    expect(row.totp_secret_enc).toBeNull();
    totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    expect((await inject('POST', '/api/v1/citizen/totp/activate', le.headers, { code: '000000' === totp.generate() ? '111111' : '000000' })).json().code).toBe('OTP_INVALID');
    const ok = await inject('POST', '/api/v1/citizen/totp/activate', le.headers, { code: totp.generate() });
    expect(ok.json()).toEqual({ factors: ['totp', 'otp'] });
  });

  it('signs in with a TOTP code, refuses the same code twice, and still allows a text-message code', async () => {
    const sentBefore = (await inject('GET', '/api/v1/dev/outbox?limit=100')).json().items.length;
    const first = await signIn(LE.personalId);
    expect(first.json()).toMatchObject({ next: 'totp', factors: ['totp', 'otp'] });
    expect(first.json().sentTo).toBeUndefined();
    expect((await inject('GET', '/api/v1/dev/outbox?limit=100')).json().items.length).toBe(sentBefore);
    // The activation used the current step; the next step's code is within the accepted drift.
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const res = await verify(first.json().challengeId, 'totp', code);
    expect(res.statusCode).toBe(200);
    const replay = await signIn(LE.personalId);
    expect((await verify(replay.json().challengeId, 'totp', code)).json().code).toBe('OTP_INVALID');
    const sent = await inject('POST', '/api/v1/citizen/session/otp', {}, { challengeId: replay.json().challengeId });
    expect(sent.statusCode).toBe(202);
    expect((await verify(replay.json().challengeId, 'otp', await latestCode())).statusCode).toBe(200);
    await resetThrottle();
  });
});

describe('profile and sessions', () => {
  it('shows the registry facts read-only, with the account level, and audits the read', async () => {
    const res = await inject('GET', '/api/v1/citizen/profile', { cookie: an.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      personalId: AN.personalId, fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', sex: 'Nam', phoneMasked: '091****678',
      residence: { communeCode: COMMUNE_A }, household: { householdNo: 'HK-A', relationToHead: 'Chủ hộ' },
      account: { level: 1, factors: ['otp'], level2: null },
    });
    await t.services.audit.drain();
    const r = await t.db.query<{ actor_kind: string; action: string }>(`SELECT actor_kind, action FROM audit_log WHERE action = 'person.release' ORDER BY seq DESC LIMIT 1`);
    expect(r.rows[0]).toEqual({ actor_kind: 'citizen', action: 'person.release' });
  });

  it('lists sessions with the current one marked, and revokes another one', async () => {
    const other = await signInWithOtp(AN.personalId);
    const list = (await inject('GET', '/api/v1/citizen/sessions', { cookie: an.cookie })).json().items as { id: string; current: boolean }[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const otherId = (await inject('GET', '/api/v1/citizen/sessions', { cookie: other.cookie })).json().items.find((s: { current: boolean }) => s.current).id;
    const before = (await auditActions()).length;
    expect((await inject('DELETE', `/api/v1/citizen/sessions/${otherId}`, an.headers)).statusCode).toBe(204);
    expect((await auditActions()).slice(before)).toEqual(['citizen.session.revoke']);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: other.cookie })).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: an.cookie })).statusCode).toBe(200);
  });

  it('lists no connected services until the OpenID Connect provider plugs in, then lists and revokes its grants', async () => {
    expect((await inject('GET', '/api/v1/citizen/connected-services', { cookie: an.cookie })).json()).toEqual({ items: [] });
    const grants = new Map([['rp-1', { id: 'rp-1', name: 'Cổng dịch vụ công tỉnh', scopes: ['openid', 'profile'], connectedAt: new Date().toISOString(), lastUsedAt: null }]]);
    t.services.citizens.useConnectedServices({ list: async () => [...grants.values()], revoke: async (_a, id) => grants.delete(id), revokeAll: async () => grants.clear() });
    expect((await inject('GET', '/api/v1/citizen/connected-services', { cookie: an.cookie })).json().items[0].name).toBe('Cổng dịch vụ công tỉnh');
    expect((await inject('DELETE', '/api/v1/citizen/connected-services/rp-1', an.headers)).statusCode).toBe(204);
    expect((await inject('DELETE', '/api/v1/citizen/connected-services/rp-1', an.headers)).statusCode).toBe(404);
  });

  it('signs out with the CSRF token; the session is dead afterwards', async () => {
    const s = await signInWithOtp(BICH.personalId);
    expect((await inject('DELETE', '/api/v1/citizen/session', s.headers)).statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: s.cookie })).statusCode).toBe(401);
  });
});

describe('level 2 by a registry officer', () => {
  it('raises the account of a person of the officer\'s commune, audited, and the citizen sees it at once', async () => {
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: an.cookie })).json().level).toBe(1);
    const before = await auditActions();
    const res = await raise(AN.personalId, communeA, { level: 2, checkedDocument: 'can_cuoc', note: 'Đối chiếu trực tiếp tại trụ sở' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ personalId: AN.personalId, level: 2, status: 'active', level2Document: 'can_cuoc', level2At: expect.any(String) });
    const added = (await auditActions()).slice(before.length);
    expect(added.filter((a) => a === 'citizen.level.raise')).toHaveLength(1);
    expect((await inject('GET', '/api/v1/citizen/session', { cookie: an.cookie })).json().level).toBe(2);
    const profile = (await inject('GET', '/api/v1/citizen/profile', { cookie: an.cookie })).json();
    expect(profile.account).toMatchObject({ level: 2, level2: { checkedDocument: 'can_cuoc', checkedDocumentLabel: 'thẻ Căn cước' } });
    expect((await raise(AN.personalId, communeA)).json().code).toBe('LEVEL_UNCHANGED');
  });

  it('needs a chip read that is authentic, is this person\'s card and matches the registry', async () => {
    const noChip = await inject('POST', `/api/v1/citizen-accounts/${LE.personalId}/level`, province.headers, { level: 2, checkedDocument: 'cccd' });
    expect(noChip.statusCode).toBe(400);
    const someoneElse = await raise(LE.personalId, province, { level: 2, checkedDocument: 'cccd', chip: chips.get(AN.personalId) });
    expect(someoneElse.statusCode).toBe(422);
    expect(someoneElse.json().code).toBe('CHIP_CHECK_FAILED');
    expect(someoneElse.json().title).toMatch(/thẻ của người khác/);
    const tampered = { ...chips.get(LE.personalId)!, dg13: chips.get(AN.personalId)!.dg13 };
    const res = await raise(LE.personalId, province, { level: 2, checkedDocument: 'cccd', chip: tampered });
    expect(res.statusCode).toBe(422);
    // A chip that fails passive authentication is never compared with the registry (issue 12 §2).
    expect(res.json().title).not.toMatch(/khác Cơ sở dữ liệu dân cư/);
    expect((await inject('GET', `/api/v1/citizen-accounts/${LE.personalId}`, { cookie: province.cookie })).json().level).toBe(1);
  });

  it('a province officer may raise anyone of the province; the officer view shows the account', async () => {
    expect((await raise(LE.personalId, province)).json().level).toBe(2);
    const view = await inject('GET', `/api/v1/citizen-accounts/${LE.personalId}`, { cookie: communeB.cookie });
    expect(view.json()).toMatchObject({ level: 2, status: 'active', level2Document: 'cccd' });
  });

  it('answers 404 CITIZEN_ACCOUNT_NOT_FOUND for a person without an account', async () => {
    const otherProvince = await t.officer('tinh.hcm', 'province_registry', '79');
    const res = await raise('079175005678', otherProvince);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CITIZEN_ACCOUNT_NOT_FOUND');
  });
});

describe('death recorded in the registry', () => {
  it('locks the account, ends its sessions, and names the lock only after the right password', async () => {
    const s = await signInWithOtp(BINH.personalId);
    expect((await inject('GET', '/api/v1/citizen/profile', { cookie: s.cookie })).statusCode).toBe(200);
    const death = await inject('POST', `/api/v1/people/${BINH.personalId}/death`, communeA.headers, { dateOfDeath: '2026-01-02' });
    expect(death.statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/citizen/profile', { cookie: s.cookie })).statusCode).toBe(401);
    const right = await signIn(BINH.personalId);
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('CITIZEN_ACCOUNT_LOCKED');
    expect(right.json().title).toBe('Tài khoản định danh điện tử đã bị khóa: công dân đã được khai tử (ngày mất 02/01/2026)');
    expect((await signIn(BINH.personalId, 'sai-mat-khau-roi')).json().code).toBe('CITIZEN_LOGIN_FAILED');
    expect((await raise(BINH.personalId, communeA)).json().code).toBe('PERSON_DECEASED');
    expect((await inject('GET', `/api/v1/citizen-accounts/${BINH.personalId}`, { cookie: communeA.cookie })).json()).toMatchObject({ status: 'locked' });
    expect(await auditActions()).toContain('citizen.account.lock');
  });

  it('a re-established personal ID becomes the new login name', async () => {
    const res = await inject('POST', `/api/v1/people/${BICH.personalId}/personal-id`, communeA.headers, { newPersonalId: '082186009999', sex: 'Nữ' });
    expect(res.statusCode).toBe(200);
    expect((await signIn('082186009999')).statusCode).toBe(200);
    expect((await signIn(BICH.personalId)).statusCode).toBe(401);
  });

  it('keeps the audit chain intact', async () => {
    await t.services.audit.drain();
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
