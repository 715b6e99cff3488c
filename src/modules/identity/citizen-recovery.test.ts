import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { SIGNED_IN_PAGES } from './citizen-routes.js';
import { CITIZEN_PASSWORD, citizenSessionOf, latestCode, registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, PEOPLE, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { chipOf, trustTestCsca } from '../../testing/chip.js';

let t: TestApp;
let policeA: Session;
let policeB: Session;
let registryB: Session;
let auditor: Session;
let an: CitizenSession;
let le: CitizenSession;

const { an: AN, bich: BICH, binh: BINH, le: LE } = SIGN_UPS;
const NEW_PASSWORD = 'mat-khau-moi-that-dai-2026';
/** A well-formed personal ID that no one in the fixtures holds. */
const NOBODY = '082095000777';

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const outboxSize = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0].n);
const startReset = (personalId: string, phone: string) => inject('POST', '/api/v1/citizen/password-resets', {}, { personalId, phone });
const confirmReset = (id: string, code: string, password = NEW_PASSWORD) => inject('POST', `/api/v1/citizen/password-resets/${id}/confirm`, {}, { code, password });
const resetThrottle = () => t.db.query('DELETE FROM login_throttle');
const auditCount = async (action: string) => {
  await t.services.audit.drain();
  return Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n);
};

/** Both sign-in steps; the session, or the status of the step that failed. */
async function signIn(personalId: string, password: string): Promise<CitizenSession | number> {
  const first = await inject('POST', '/api/v1/citizen/session', {}, { personalId, password });
  if (first.statusCode !== 200) return first.statusCode;
  const res = await inject('POST', '/api/v1/citizen/session/verify', { 'user-agent': 'vitest' }, { challengeId: first.json().challengeId, method: 'otp', code: await latestCode(t) });
  return res.statusCode === 200 ? citizenSessionOf(res) : res.statusCode;
}
const sessionLives = async (s: CitizenSession) => (await inject('GET', '/api/v1/citizen/session', { cookie: s.cookie })).statusCode === 200;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  policeA = await t.officer('ca.xa.a', 'commune_police', COMMUNE_A);
  policeB = await t.officer('ca.xa.b', 'commune_police', COMMUNE_B);
  registryB = await t.officer('dk.xa.b', 'commune_registry', COMMUNE_B);
  auditor = await t.officer('kiem.tra', 'auditor', '82');
  an = await registerCitizen(t, AN);
  le = await registerCitizen(t, LE);
  await registerCitizen(t, BICH);
  await registerCitizen(t, BINH);
}, 120_000);
afterAll(() => t.close());

describe('authorization', () => {
  it('changing the password and the level-2 requests need a citizen session; the queue needs eid.upgrade', async () => {
    for (const [method, url] of [['POST', '/api/v1/citizen/password'], ['GET', '/api/v1/citizen/level2-requests'], ['POST', '/api/v1/citizen/level2-requests']] as const) {
      expect((await inject(method, url, {}, method === 'POST' ? {} : undefined)).statusCode, url).toBe(401);
      expect((await inject(method, url, policeA.headers, method === 'POST' ? {} : undefined)).statusCode, url).toBe(401);
    }
    expect((await inject('GET', '/api/v1/level2-requests')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/level2-requests', an.headers)).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/level2-requests', auditor.headers)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/level2-requests', policeA.headers)).statusCode).toBe(200);
  });

  it('a citizen write needs the CSRF header', async () => {
    const res = await inject('POST', '/api/v1/citizen/password', { cookie: an.cookie }, { currentPassword: CITIZEN_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
  });
});

describe('the portal\'s pages', () => {
  it('send a signed-out visitor to the sign-in page before any script loads, coming back afterwards', async () => {
    const res = await inject('GET', '/citizen');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/citizen/login?next=%2Fcitizen');
    expect((await inject('GET', '/citizen/history?x=1')).headers.location).toBe('/citizen/login?next=%2Fcitizen%2Fhistory%3Fx%3D1');
    // An officer's session is not a citizen's.
    expect((await inject('GET', '/citizen', { cookie: policeA.cookie })).statusCode).toBe(302);
    // Signed in: the page itself (here, without a built web UI, the not-found answer).
    expect((await inject('GET', '/citizen', { cookie: an.cookie })).statusCode).not.toBe(302);
    // The sign-in, registration and recovery pages never redirect.
    expect((await inject('GET', '/citizen/login')).statusCode).not.toBe(302);
  });

  it('are every page of the web UI that asks for a citizen session, each redirected when signed out', async () => {
    const web = path.join(fileURLToPath(new URL('.', import.meta.url)), '../../../web/src');
    const routes = readFileSync(path.join(web, 'routes.tsx'), 'utf8');
    const files = new Map([...routes.matchAll(/const (\w+) = lazy\(\(\) => import\('\.\/(pages\/[^']+)\.js'\)\)/g)].map(([, name, file]) => [name, file]));
    const needSession = [...routes.matchAll(/<Route path="(\/citizen[^"]*)" element=\{<(\w+) \/>\}/g)]
      .filter(([, , page]) => /useRequireCitizen|useCitizenPage/.test(readFileSync(path.join(web, `${files.get(page)}.tsx`), 'utf8')))
      .map(([, url]) => url);
    expect(needSession.length).toBeGreaterThan(10);
    expect([...SIGNED_IN_PAGES].sort()).toEqual([...needSession].sort());
    for (const url of needSession) {
      const res = await inject('GET', url.replace(/:\w+/g, '7'));
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toMatch(/^\/citizen\/login\?next=/);
    }
  });
});

describe('forgot password', () => {
  it('answers an unknown ID, a wrong phone and the right pair alike, and sends a code only for the right pair', async () => {
    await resetThrottle();
    const before = await outboxSize();
    const unknown = await startReset(NOBODY, '0912345678');
    const wrongPhone = await startReset(AN.personalId, '0912345679');
    const afterMisses = await outboxSize();
    const right = await startReset(AN.personalId, '091 234 5678');
    const shape = (r: typeof unknown) => ({
      status: r.statusCode, type: r.headers['content-type'], keys: Object.keys(r.json()).sort(), idLength: r.json().resetId.length, expires: r.json().expiresInSeconds,
    });
    expect(shape(unknown)).toEqual(shape(right));
    expect(shape(wrongPhone)).toEqual(shape(right));
    expect(right.statusCode).toBe(202);
    expect(unknown.json().sentTo).toBe('091****678');
    expect(right.json().sentTo).toBe('091****678');
    expect(afterMisses).toBe(before);
    expect(await outboxSize()).toBe(before + 1);
    // A wrong code answers the same for a reset that matched nothing and one that did.
    const missConfirm = await confirmReset(wrongPhone.json().resetId, '123456');
    const hitConfirm = await confirmReset(right.json().resetId, (await latestCode(t)) === '123456' ? '654321' : '123456');
    expect(missConfirm.statusCode).toBe(400);
    expect(hitConfirm.statusCode).toBe(400);
    expect(missConfirm.json().code).toBe(hitConfirm.json().code);
    expect(missConfirm.json().title).toBe(hitConfirm.json().title);
  }, 30_000);

  it('takes about as long whether a code is sent or not', async () => {
    await resetThrottle();
    const time = async (personalId: string, phone: string) => {
      const started = performance.now();
      expect((await startReset(personalId, phone)).statusCode).toBe(202);
      return performance.now() - started;
    };
    const miss = await time(NOBODY, '0912000000');
    const hit = await time(LE.personalId, LE.phone);
    expect(miss).toBeGreaterThanOrEqual(380);
    expect(hit).toBeGreaterThanOrEqual(380);
    expect(Math.abs(hit - miss)).toBeLessThan(250);
  }, 30_000);

  it('applies the password rules of registration, and the code is single use', async () => {
    await resetThrottle();
    const { resetId } = (await startReset(BICH.personalId, BICH.phone)).json();
    const code = await latestCode(t);
    const short = await confirmReset(resetId, code, 'ngan');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'password', code: 'PASSWORD_TOO_SHORT' });
    const withId = await confirmReset(resetId, code, `mk-${BICH.personalId}`);
    expect(withId.json().errors[0]).toMatchObject({ field: 'password', code: 'PASSWORD_CONTAINS_ID' });
    expect((await confirmReset(resetId, code, 'mat-khau-cua-bich-moi')).statusCode).toBe(204);
    expect((await confirmReset(resetId, code, 'mat-khau-cua-bich-khac')).statusCode).toBe(410);
    expect(typeof (await signIn(BICH.personalId, 'mat-khau-cua-bich-moi'))).toBe('object');
  }, 30_000);

  it('counts each try before comparing the code: guesses sent at once never get more tries than allowed', async () => {
    await resetThrottle();
    const { resetId } = (await startReset(BICH.personalId, BICH.phone)).json();
    const code = await latestCode(t);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 12 }, () => confirmReset(resetId, wrong, 'mat-khau-doan-mo')));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(7).fill(410)]);
    // The tries are spent: the right code no longer sets a password.
    expect((await confirmReset(resetId, code, 'mat-khau-doan-mo')).statusCode).toBe(410);
  }, 30_000);

  it('ends every session of the citizen, single sign-on included, and only the new password signs in', async () => {
    await resetThrottle();
    const other = await signIn(AN.personalId, CITIZEN_PASSWORD);
    if (typeof other === 'number') throw new Error(`sign-in ${other}`);
    expect(await sessionLives(an)).toBe(true);
    // A grant of a connected service, a token under it and the provider's session, as oidc-provider stores them.
    const account = (await t.db.query<{ id: number }>('SELECT id FROM citizen_accounts WHERE personal_id = $1', [AN.personalId])).rows[0].id;
    await t.db.query(
      `INSERT INTO oidc_payloads (model, id, payload, grant_id) VALUES
         ('Grant', 'g-an', $1, NULL), ('RefreshToken', 'rt-an', $2, 'g-an'), ('Session', 's-an', $1, NULL), ('Grant', 'g-le', $3, NULL)`,
      [JSON.stringify({ accountId: String(account), clientId: 'x' }), JSON.stringify({ accountId: String(account), grantId: 'g-an' }), JSON.stringify({ accountId: '999999', clientId: 'x' })],
    );
    const resetsBefore = await auditCount('citizen.password-reset');
    const { resetId } = (await startReset(AN.personalId, AN.phone)).json();
    expect((await confirmReset(resetId, await latestCode(t))).statusCode).toBe(204);
    expect(await auditCount('citizen.password-reset')).toBe(resetsBefore + 1);
    expect(await sessionLives(an)).toBe(false);
    expect(await sessionLives(other)).toBe(false);
    const left = (await t.db.query<{ id: string }>(`SELECT id FROM oidc_payloads WHERE id IN ('g-an', 'rt-an', 's-an', 'g-le') ORDER BY id`)).rows.map((r) => r.id);
    expect(left).toEqual(['g-le']);
    expect(await signIn(AN.personalId, CITIZEN_PASSWORD)).toBe(401);
    const fresh = await signIn(AN.personalId, NEW_PASSWORD);
    if (typeof fresh === 'number') throw new Error(`sign-in ${fresh}`);
    an = fresh;
  }, 30_000);

  it('limits requests per personal ID without slowing down that person\'s sign-in', async () => {
    await resetThrottle();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await startReset(LE.personalId, '0900000001')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await startReset(LE.personalId, LE.phone);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('PASSWORD_RESET_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // An unknown ID waits alike: the limit says nothing about who has an account.
    for (let i = 0; i < 7; i++) await startReset(NOBODY, '0900000001');
    const unknownLimited = await startReset(NOBODY, '0900000001');
    expect(unknownLimited.statusCode).toBe(429);
    expect(unknownLimited.json().code).toBe('PASSWORD_RESET_LIMITED');
    // The owner still signs in at once.
    expect(typeof (await signIn(LE.personalId, CITIZEN_PASSWORD))).toBe('object');
  }, 60_000);
});

describe('change password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    await resetThrottle();
    const other = await signIn(LE.personalId, CITIZEN_PASSWORD);
    if (typeof other === 'number') throw new Error(`sign-in ${other}`);
    const wrong = await inject('POST', '/api/v1/citizen/password', le.headers, { currentPassword: 'khong-dung-mat-khau', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'currentPassword', code: 'PASSWORD_WRONG' });
    const same = await inject('POST', '/api/v1/citizen/password', le.headers, { currentPassword: CITIZEN_PASSWORD, newPassword: CITIZEN_PASSWORD });
    expect(same.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_UNCHANGED' });
    const short = await inject('POST', '/api/v1/citizen/password', le.headers, { currentPassword: CITIZEN_PASSWORD, newPassword: 'ngan' });
    expect(short.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_TOO_SHORT' });
    const changes = await auditCount('citizen.password.change');
    const ok = await inject('POST', '/api/v1/citizen/password', le.headers, { currentPassword: CITIZEN_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.statusCode).toBe(204);
    expect(await auditCount('citizen.password.change')).toBe(changes + 1);
    expect(await sessionLives(le)).toBe(true);
    expect(await sessionLives(other)).toBe(false);
    expect(await signIn(LE.personalId, CITIZEN_PASSWORD)).toBe(401);
    expect(typeof (await signIn(LE.personalId, NEW_PASSWORD))).toBe('object');
  }, 30_000);

  it('wrong current passwords meet the sign-in back-off', async () => {
    await resetThrottle();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await inject('POST', '/api/v1/citizen/password', le.headers, { currentPassword: `sai-mat-khau-${i}`, newPassword: 'mot-mat-khau-khac-nua' })).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    await resetThrottle();
  }, 30_000);
});

describe('level-2 requests', () => {
  const request = (s: CitizenSession, officeCode: string) => inject('POST', '/api/v1/citizen/level2-requests', s.headers, { officeCode });
  const queue = async (s: Session) => (await inject('GET', '/api/v1/level2-requests', s.headers)).json().items as { id: number; personalId: string; officeName: string }[];

  it('the citizen picks a commune police office; officers there see the queue, others do not', async () => {
    const bad = await request(le, '99999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'officeCode', code: 'OFFICE_UNKNOWN' });
    // Lê Văn An lives in commune B; Nguyễn Văn An in commune A asks at commune B.
    const res = await request(an, COMMUNE_B);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ officeCode: COMMUNE_B, status: 'pending', closedAt: null });
    expect(res.json().officeName).toMatch(/^Công an (xã|phường) /);
    expect((await request(an, COMMUNE_A)).json().code).toBe('LEVEL2_REQUEST_OPEN');
    const reads = await auditCount('citizen.level2-request.read');
    expect((await queue(policeB)).map((r) => r.personalId)).toEqual([AN.personalId]);
    expect(await auditCount('citizen.level2-request.read')).toBe(reads + 1);
    expect(await queue(policeA)).toEqual([]);
    expect((await queue(registryB)).map((r) => r.personalId)).toEqual([AN.personalId]);
  });

  it('the officer at the chosen office raises the account after the chip check, wherever the person lives, and the request is done', async () => {
    await trustTestCsca(t);
    // Without a request, commune B does not see a resident of commune A.
    expect((await inject('GET', `/api/v1/citizen-accounts/${BICH.personalId}`, policeB.headers)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/citizen-accounts/${AN.personalId}`, policeB.headers)).statusCode).toBe(200);
    const chip = await chipOf(PEOPLE.find((p) => p.personalId === AN.personalId)!);
    const raised = await inject('POST', `/api/v1/citizen-accounts/${AN.personalId}/level`, policeB.headers, { level: 2, checkedDocument: 'can_cuoc', chip });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json().level).toBe(2);
    const mine = (await inject('GET', '/api/v1/citizen/level2-requests', an.headers)).json().items;
    expect(mine[0]).toMatchObject({ status: 'done', officeCode: COMMUNE_B });
    expect(await queue(policeB)).toEqual([]);
    // Level 2 already: nothing to ask for.
    expect((await request(an, COMMUNE_A)).json().code).toBe('LEVEL_UNCHANGED');
  }, 30_000);

  it('the citizen cancels a pending request, once', async () => {
    const created = (await request(le, COMMUNE_A)).json();
    const cancelled = await inject('POST', `/api/v1/citizen/level2-requests/${created.id}/cancel`, le.headers);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: created.id, status: 'cancelled' });
    expect((await inject('POST', `/api/v1/citizen/level2-requests/${created.id}/cancel`, le.headers)).statusCode).toBe(404);
    // Someone else's request reads as absent.
    const other = (await request(le, COMMUNE_A)).json();
    expect((await inject('POST', `/api/v1/citizen/level2-requests/${other.id}/cancel`, an.headers)).statusCode).toBe(404);
    expect(await queue(policeA)).toMatchObject([{ id: other.id, personalId: LE.personalId }]);
  });
});
