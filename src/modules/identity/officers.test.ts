import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, OTHER_PROVINCE_COMMUNE } from '../registry/testing.js';

// Officer accounts run by a province's administrator (issue 14): area-limited to the province, no
// escalation, one audit entry per action, a one-time password that must be replaced, and sessions ended
// by a disable or a reset. An officer changes their own password.

let t: TestApp;
let admin82: Session;
let admin79: Session;
let officer79: number;
let rp82: number;
let rp79: number;
const RP = { name: 'Phòng khám Đa khoa', type: 'hospital', purpose: 'Khám chữa bệnh', allowedFields: ['full_name'], minLevel: 1 };

const post = (s: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload && { payload }) });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
const sessionOf = (res: Awaited<ReturnType<typeof login>>): Session => {
  const cookie = `da06_session=${res.cookies.find((c) => c.name === 'da06_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
};
const entries = async (action: string, subjectId?: number) => {
  await t.services.audit.drain();
  const r = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2)', [action, subjectId === undefined ? null : String(subjectId)]);
  return r.rows[0].n;
};

async function create(s: Session, body: object) {
  const res = await post(s, '/api/v1/officers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { account: { id: number; username: string; status: string; mustChangePassword: boolean }; password: string };
}

/** Signs in with the one-time password and replaces it; returns the new session. */
async function firstSignIn(username: string, oneTime: string, newPassword = 'mat-khau-moi-2026') {
  const first = await login(username, oneTime);
  expect(first.statusCode).toBe(200);
  const s = sessionOf(first);
  const changed = await post(s, '/api/v1/session/password', { currentPassword: oneTime, newPassword });
  expect(changed.statusCode, changed.body).toBe(200);
  return s;
}

beforeAll(async () => {
  t = await testApp();
  admin82 = await t.officer('quantri.82', 'admin', '82');
  admin79 = await t.officer('quantri.79', 'admin', '79');
  await t.officer('canbo.79', 'commune_registry', OTHER_PROVINCE_COMMUNE);
  officer79 = Number((await t.db.query<{ id: number }>(`SELECT id FROM officers WHERE username = 'canbo.79'`)).rows[0].id);
  rp82 = (await post(admin82, '/api/v1/relying-parties', { ...RP, code: 'pk-82', provinceCode: '82' })).json().relyingParty.id;
  rp79 = (await post(admin79, '/api/v1/relying-parties', { ...RP, code: 'pk-79', provinceCode: '79' })).json().relyingParty.id;
}, 60_000);
afterAll(() => t.close());

describe('authorization', () => {
  it('refuses every account route without a session, and without officers.manage', async () => {
    for (const [method, url] of [['GET', '/api/v1/officers'], ['GET', '/api/v1/officers/activity'], ['GET', '/api/v1/officers/options'], ['POST', '/api/v1/officers'],
      ['POST', `/api/v1/officers/${officer79}/disable`], ['POST', `/api/v1/officers/${officer79}/enable`], ['POST', `/api/v1/officers/${officer79}/password-reset`]] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
    }
    const registry = await t.officer('canbo.xa.82', 'commune_registry', COMMUNE_A);
    expect((await get(registry, '/api/v1/officers')).statusCode).toBe(403);
    expect((await post(registry, '/api/v1/officers', { username: 'moi.xa', fullName: 'Mới', role: 'admin', areaCode: '82' })).statusCode).toBe(403);
  });

  it('an administrator neither lists nor touches an account of another province: it reads as absent', async () => {
    const list = (await get(admin82, '/api/v1/officers?limit=100')).json() as { items: { id: number; username: string }[]; total: number };
    expect(list.items.map((a) => a.username)).toContain('quantri.82');
    expect(list.items.map((a) => a.username)).not.toContain('canbo.79');
    expect(list.items.map((a) => a.username)).not.toContain('quantri.79');
    for (const action of ['disable', 'enable', 'password-reset']) {
      const res = await post(admin82, `/api/v1/officers/${officer79}/${action}`);
      expect(res.statusCode, action).toBe(404);
      expect(res.json().code).toBe('OFFICER_NOT_FOUND');
    }
    // Still signs in: nothing happened to it.
    expect((await login('canbo.79', TEST_PASSWORD)).statusCode).toBe(200);
    const own = (await get(admin79, '/api/v1/officers')).json() as { items: { username: string }[] };
    expect(own.items.map((a) => a.username)).toEqual(['canbo.79', 'quantri.79']);
  });

  it('cannot create an account outside the province, above its role\'s level or on another province\'s counter', async () => {
    const refused = async (body: object, field: string, code: string) => {
      const res = await post(admin82, '/api/v1/officers', { username: 'leo.thang', fullName: 'Leo Thang', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field, code })]);
    };
    await refused({ role: 'province_registry', areaCode: '79' }, 'areaCode', 'AREA_OUTSIDE_PROVINCE');
    await refused({ role: 'commune_registry', areaCode: OTHER_PROVINCE_COMMUNE }, 'areaCode', 'AREA_OUTSIDE_PROVINCE');
    // A commune role given the whole province would read every commune of it.
    await refused({ role: 'commune_registry', areaCode: '82' }, 'areaCode', 'AREA_LEVEL');
    await refused({ role: 'province_police', areaCode: COMMUNE_A }, 'areaCode', 'AREA_LEVEL');
    await refused({ role: 'superadmin', areaCode: '82' }, 'role', 'ROLE_UNKNOWN');
    await refused({ role: 'rp_staff', relyingPartyId: rp79 }, 'relyingPartyId', 'RELYING_PARTY_OUTSIDE_PROVINCE');
    await refused({ role: 'rp_staff' }, 'relyingPartyId', 'RELYING_PARTY_REQUIRED');
    expect((await t.db.query(`SELECT 1 FROM officers WHERE username = 'leo.thang'`)).rows).toEqual([]);
    expect(await entries('officer.account.create')).toBe(0);
  });

  it('an administrator cannot disable or reset their own account', async () => {
    const me = (await get(admin82, '/api/v1/officers?q=quantri.82')).json().items[0].id as number;
    const disable = await post(admin82, `/api/v1/officers/${me}/disable`);
    expect(disable.statusCode).toBe(409);
    expect(disable.json()).toMatchObject({ code: 'OFFICER_SELF', title: 'Không thể vô hiệu hóa tài khoản của chính mình' });
    expect((await post(admin82, `/api/v1/officers/${me}/password-reset`)).json().code).toBe('OFFICER_SELF');
    expect((await get(admin82, '/api/v1/session')).statusCode).toBe(200);
  });
});

describe('officer accounts', () => {
  it('creates a counter staff account with a one-time password that must be replaced at the first sign-in', async () => {
    const { account, password } = await create(admin82, { username: 'tiepdon.pk', fullName: 'Trần Thị Tiếp Đón', role: 'rp_staff', relyingPartyId: rp82 });
    expect(account).toMatchObject({ username: 'tiepdon.pk', status: 'active', mustChangePassword: true, area: { code: '82' }, relyingParty: { id: rp82, name: RP.name } });
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(await entries('officer.account.create', account.id)).toBe(1);

    const first = await login('tiepdon.pk', password);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true, permissions: ['session.own'] });
    const s = sessionOf(first);
    // Nothing but the password change until then: not even the counter.
    expect((await post(s, '/api/v1/verifications', { qr: 'x' })).statusCode).toBe(403);
    const weak = await post(s, '/api/v1/session/password', { currentPassword: password, newPassword: 'tiepdon.pk-1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors.map((e: { code: string }) => e.code)).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    const short = await post(s, '/api/v1/session/password', { currentPassword: password, newPassword: 'ngan' });
    expect(short.json().errors.map((e: { code: string }) => e.code)).toEqual(['PASSWORD_TOO_SHORT']);
    const changed = await post(s, '/api/v1/session/password', { currentPassword: password, newPassword: 'mat-khau-quay-2026' });
    expect(changed.statusCode, changed.body).toBe(200);
    const me = (await get(s, '/api/v1/session')).json();
    expect(me.mustChangePassword).toBe(false);
    expect(me.permissions).toContain('credentials.verify');
    expect((await login('tiepdon.pk', password)).statusCode).toBe(401);
    expect((await login('tiepdon.pk', 'mat-khau-quay-2026')).statusCode).toBe(200);
  });

  it('creates a commune officer of the province and lists it', async () => {
    const { account } = await create(admin82, { username: 'canbo.moi', fullName: 'Lê Văn Mới', role: 'commune_registry', areaCode: COMMUNE_A });
    expect(account).toMatchObject({ role: 'commune_registry', roleLabel: 'Cán bộ đăng ký cư trú cấp xã', area: { code: COMMUNE_A, level: 'commune' }, relyingParty: null });
    const list = (await get(admin82, '/api/v1/officers?q=l%C3%AA%20v%C4%83n')).json();
    expect(list.items.map((a: { username: string }) => a.username)).toEqual(['canbo.moi']);
    const taken = await post(admin82, '/api/v1/officers', { username: 'canbo.moi', fullName: 'Trùng', role: 'commune_registry', areaCode: COMMUNE_A });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'OFFICER_USERNAME_TAKEN', errors: [{ field: 'username', code: 'USERNAME_TAKEN' }] });
  });

  it('a disabled account cannot sign in and its sessions end; re-enabled, it can again', async () => {
    const { account, password } = await create(admin82, { username: 'congan.xa.82', fullName: 'Phạm Công An', role: 'commune_police', areaCode: COMMUNE_A });
    const s = await firstSignIn('congan.xa.82', password);
    expect((await get(s, '/api/v1/session')).statusCode).toBe(200);

    const disabled = await post(admin82, `/api/v1/officers/${account.id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect(await entries('officer.account.disable', account.id)).toBe(1);
    expect((await get(s, '/api/v1/session')).statusCode).toBe(401);
    const refused = await login('congan.xa.82', 'mat-khau-moi-2026');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OFFICER_ACCOUNT_DISABLED');
    // A wrong password still reads as a wrong password: the state is told only to whoever knows the password.
    expect((await login('congan.xa.82', 'sai-mat-khau-2026')).json().code).toBe('LOGIN_FAILED');
    const again = await post(admin82, `/api/v1/officers/${account.id}/disable`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('OFFICER_STATE');
    expect(await entries('officer.account.disable', account.id)).toBe(1);

    const enabled = await post(admin82, `/api/v1/officers/${account.id}/enable`);
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(await entries('officer.account.enable', account.id)).toBe(1);
    expect((await login('congan.xa.82', 'mat-khau-moi-2026')).statusCode).toBe(200);
  });

  it('a reset gives a new one-time password, shown once, and ends the account\'s sessions', async () => {
    const { account, password } = await create(admin82, { username: 'lanhdao.82', fullName: 'Võ Lãnh Đạo', role: 'leader', areaCode: '82' });
    const s = await firstSignIn('lanhdao.82', password);
    const other = sessionOf(await login('lanhdao.82', 'mat-khau-moi-2026'));
    // A grant of a service the officer signed in to, a refresh token under it and the provider's session, as oidc-provider stores them.
    const officerSub = `officer:${account.id}`;
    await t.db.query(
      `INSERT INTO oidc_payloads (model, id, payload, grant_id) VALUES ('Grant', 'g-ld', $1, NULL), ('RefreshToken', 'rt-ld', $2, 'g-ld'), ('Session', 's-ld', $1, NULL)`,
      [JSON.stringify({ accountId: officerSub, clientId: 'x' }), JSON.stringify({ accountId: officerSub, grantId: 'g-ld' })],
    );
    const reset = await post(admin82, `/api/v1/officers/${account.id}/password-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    // What the old password opened at connected services ends with it.
    expect((await t.db.query(`SELECT id FROM oidc_payloads WHERE id IN ('g-ld', 'rt-ld', 's-ld')`)).rows).toEqual([]);
    const fresh = reset.json().password as string;
    expect(fresh).not.toBe(password);
    expect(await entries('officer.account.password-reset', account.id)).toBe(1);
    expect((await get(s, '/api/v1/session')).statusCode).toBe(401);
    expect((await get(other, '/api/v1/session')).statusCode).toBe(401);
    expect((await login('lanhdao.82', 'mat-khau-moi-2026')).statusCode).toBe(401);
    const next = await login('lanhdao.82', fresh);
    expect(next.json()).toMatchObject({ mustChangePassword: true, permissions: ['session.own'] });
  });

  it('lists the recent account actions with who, when and what, and audits that read', async () => {
    const res = await get(admin82, '/api/v1/officers/activity');
    expect(res.statusCode).toBe(200);
    const activity = res.json() as { action: string; actionLabel: string; actor: { name: string }; account: { username: string } }[];
    expect(activity[0]).toMatchObject({ action: 'officer.account.password-reset', account: { username: 'lanhdao.82' }, actor: { name: 'Cán bộ quantri.82' } });
    expect(activity[0].actionLabel).toContain('Đặt lại mật khẩu');
    expect(activity.map((a) => a.account.username)).not.toContain('canbo.79');
    expect(activity.some((a) => a.action === 'officer.password.change' && a.account.username === 'tiepdon.pk')).toBe(true);
    expect(await entries('officer.account-activity.read')).toBeGreaterThan(0);
    expect(await entries('officer.accounts.read')).toBeGreaterThan(0);
    const other = (await get(admin79, '/api/v1/officers/activity')).json() as { account: { username: string } }[];
    expect(other).toEqual([]);
  });

  it('offers the roles an administrator assigns and the province\'s relying parties only', async () => {
    const options = (await get(admin82, '/api/v1/officers/options')).json();
    expect(options.province.code).toBe('82');
    expect(options.roles).toContainEqual({ role: 'rp_staff', label: expect.any(String), area: 'relying_party' });
    expect(options.roles).toContainEqual({ role: 'commune_registry', label: 'Cán bộ đăng ký cư trú cấp xã', area: 'commune' });
    expect(options.relyingParties.map((r: { id: number }) => r.id)).toEqual([rp82]);
  });
});

describe('own password', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    await t.officer('doimatkhau', 'province_registry', '82');
    const a = await t.login('doimatkhau', TEST_PASSWORD);
    const b = await t.login('doimatkhau', TEST_PASSWORD);
    const wrong = await post(a, '/api/v1/session/password', { currentPassword: 'khong-dung-2026', newPassword: 'mat-khau-moi-2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'PASSWORD_WRONG' })]);
    const same = await post(a, '/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().errors.map((e: { code: string }) => e.code)).toEqual(['PASSWORD_UNCHANGED']);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/session/password', headers: { cookie: a.cookie }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' } });
    expect(noCsrf.statusCode).toBe(403);

    const ok = await post(a, '/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' });
    // b, and the session t.officer opened when it made the account.
    expect(ok.json()).toEqual({ otherSessionsEnded: 2 });
    expect((await get(a, '/api/v1/session')).statusCode).toBe(200);
    expect((await get(b, '/api/v1/session')).statusCode).toBe(401);
    expect((await login('doimatkhau', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('doimatkhau', 'mat-khau-moi-2026')).statusCode).toBe(200);
  });
});

describe('no escalation through the accounts page (last review)', () => {
  it('an administrator creates no administrator or auditor, and neither resets, disables nor re-enables one', async () => {
    for (const role of ['admin', 'auditor']) {
      const res = await post(admin82, '/api/v1/officers', { username: `leo.${role}`, fullName: 'Leo Thang', role, areaCode: '82' });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'role', code: 'ROLE_OPERATOR_ONLY' })]);
    }
    expect((await t.db.query(`SELECT 1 FROM officers WHERE username LIKE 'leo.%'`)).rows).toEqual([]);
    const options = (await get(admin82, '/api/v1/officers/options')).json() as { roles: { role: string }[] };
    expect(options.roles.map((r) => r.role)).not.toContain('admin');
    expect(options.roles.map((r) => r.role)).not.toContain('auditor');

    await t.officer('quantri.khac.82', 'admin', '82');
    await t.officer('kiemtra.82', 'auditor', '82');
    const list = (await get(admin82, '/api/v1/officers?limit=100')).json() as { items: { id: number; username: string; administrable: boolean }[] };
    for (const username of ['quantri.khac.82', 'kiemtra.82']) {
      const account = list.items.find((a) => a.username === username)!;
      expect(account.administrable).toBe(false);
      for (const action of ['password-reset', 'disable', 'enable']) {
        const res = await post(admin82, `/api/v1/officers/${account.id}/${action}`);
        expect(res.statusCode, `${username} ${action}`).toBe(403);
        expect(res.json().code).toBe('OFFICER_ROLE_PROTECTED');
      }
      // Untouched: still signs in with its own password.
      expect((await login(username, TEST_PASSWORD)).statusCode).toBe(200);
    }
    expect(list.items.find((a) => a.username === 'canbo.moi')?.administrable).toBe(true);
  });

  it('the operator (da06 officers disable | enable | reset-password) acts on an administrator by username, audited as cli', async () => {
    await t.officer('quantri.vanhanh.82', 'admin', '82');
    const id = Number((await t.db.query<{ id: number }>(`SELECT id FROM officers WHERE username = 'quantri.vanhanh.82'`)).rows[0].id);
    const signedIn = sessionOf(await login('quantri.vanhanh.82', TEST_PASSWORD));
    await t.services.officers.operator.disable('vanhanh', 'quantri.vanhanh.82');
    expect((await get(signedIn, '/api/v1/officers')).statusCode).toBe(401);
    expect((await login('quantri.vanhanh.82', TEST_PASSWORD)).json().code).toBe('OFFICER_ACCOUNT_DISABLED');
    await expect(t.services.officers.operator.disable('vanhanh', 'quantri.vanhanh.82')).rejects.toMatchObject({ code: 'OFFICER_STATE' });
    await expect(t.services.officers.operator.enable('vanhanh', 'khong.co')).rejects.toMatchObject({ code: 'OFFICER_NOT_FOUND' });
    await t.services.officers.operator.enable('vanhanh', 'quantri.vanhanh.82');
    const { password } = await t.services.officers.operator.resetPassword('vanhanh', 'quantri.vanhanh.82');
    expect((await login('quantri.vanhanh.82', TEST_PASSWORD)).json().code).toBe('LOGIN_FAILED');
    expect((await login('quantri.vanhanh.82', password)).json()).toMatchObject({ mustChangePassword: true });
    await t.services.audit.drain();
    const audit = await t.db.query<{ actor_kind: string; actor_id: string; action: string }>(
      `SELECT actor_kind, actor_id, action FROM audit_log WHERE subject_kind = 'officer' AND subject_id = $1 AND actor_kind = 'cli' ORDER BY seq`, [String(id)]);
    expect(audit.rows.map((r) => `${r.actor_id} ${r.action}`)).toEqual([
      'vanhanh officer.account.disable', 'vanhanh officer.account.enable', 'vanhanh officer.account.password-reset',
    ]);
  });

  it('shows a reset one-time password to the administrator who asked, once: no list, activity or audit entry holds it', async () => {
    const { account } = await create(admin82, { username: 'motlan.82', fullName: 'Đặng Một Lần', role: 'province_registry', areaCode: '82' });
    const reset = await post(admin82, `/api/v1/officers/${account.id}/password-reset`);
    const oneTime = reset.json().password as string;
    expect(oneTime).toMatch(/^[\w-]{16}$/);
    for (const url of ['/api/v1/officers?limit=100', '/api/v1/officers?q=motlan.82', '/api/v1/officers/activity']) {
      const res = await get(admin82, url);
      expect(res.statusCode).toBe(200);
      expect(res.body, url).not.toContain(oneTime);
    }
    await t.services.audit.drain();
    const stored = await t.db.query(`SELECT 1 FROM audit_log WHERE data::text LIKE $1 OR coalesce(array_to_string(fields, ','), '') LIKE $1`, [`%${oneTime}%`]);
    expect(stored.rows).toEqual([]);
    // Nor is it kept: only its hash, which the next sign-in checks.
    expect((await t.db.query(`SELECT 1 FROM officers WHERE password_hash = $1`, [oneTime])).rows).toEqual([]);
  });

  it('an inactive relying party gets no staff account, and its staff can no longer use the counter', async () => {
    const rp = (await post(admin82, '/api/v1/relying-parties', { ...RP, code: 'pk-ngung-82', provinceCode: '82' })).json().relyingParty.id as number;
    const { password } = await create(admin82, { username: 'tiepdon.ngung', fullName: 'Nhân Viên Cũ', role: 'rp_staff', relyingPartyId: rp });
    const staff = await t.firstSignIn('tiepdon.ngung', password);
    expect((await get(staff, '/api/v1/desk')).statusCode).toBe(200);
    const off = await t.app.inject({ method: 'PUT', url: `/api/v1/relying-parties/${rp}`, headers: admin82.headers, payload: { ...RP, active: false } });
    expect(off.statusCode, off.body).toBe(200);
    const refused = await post(admin82, '/api/v1/officers', { username: 'tiepdon.moi', fullName: 'Nhân Viên Mới', role: 'rp_staff', relyingPartyId: rp });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'relyingPartyId', code: 'RELYING_PARTY_INACTIVE' })]);
    for (const res of [await get(staff, '/api/v1/desk'), await post(staff, '/api/v1/verifications', { qr: 'x' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('RELYING_PARTY_INACTIVE');
    }
  });
});

describe('a wrong current password on the change form', () => {
  it('is audited and counted by the sign-in back-off', async () => {
    await t.officer('doan.matkhau', 'province_registry', '82');
    const s = await t.login('doan.matkhau', TEST_PASSWORD);
    const id = Number((await t.db.query<{ id: string }>(`SELECT id FROM officers WHERE username = 'doan.matkhau'`)).rows[0].id);
    let last;
    for (let i = 0; i < 5; i++) last = await post(s, '/api/v1/session/password', { currentPassword: `doan-sai-${i}-2026`, newPassword: 'mat-khau-moi-2026' });
    expect(last!.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'PASSWORD_WRONG' })]);
    expect(await entries('officer.password.wrong', id)).toBe(5);
    // Five guesses from an open session slow the sign-in down like five at the sign-in form.
    const locked = await login('doan.matkhau', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
  });
});
