import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { chipOf, trustTestCsca } from '../../testing/chip.js';
import { COMMUNE_A, OTHER_PROVINCE_COMMUNE, PEOPLE, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { buildTestCard } from '../credentials/testing.js';
import { BIRTH_LIKE, PDF_BYTES, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from '../services/testing.js';
import { signedNotification } from '../payments/testing.js';

let t: TestApp;
let admin: Session;
let otherAdmin: Session;
let deskOfficer: Session;
let an: CitizenSession;
let centreId: number;
let kioskId: number;
let kioskKey: string;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const kiosk = (extra: Headers = {}) => ({ 'x-kiosk-key': kioskKey, ...extra });
const entries = async (action: string) =>
  (await t.db.query<{ actor_id: string; subject_id: string | null; data: string | null }>('SELECT actor_id, subject_id, data FROM audit_log WHERE action = $1 ORDER BY seq', [action])).rows;
const qrFor = async (c: CitizenSession, fields: string[]) => {
  const res = await inject('POST', '/api/v1/citizen/identity-qr', c.headers, { fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
};

async function register(session: Session, body: object) {
  return inject('POST', '/api/v1/kiosks', session.headers, body);
}

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms });
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  otherAdmin = await t.officer('quantri.khac', 'admin', '25');
  deskOfficer = await t.officer('motcua.a', 'one_stop_officer', COMMUNE_A);
  const rp = await inject('POST', '/api/v1/relying-parties', admin.headers, {
    code: 'hcc-xa-a', name: 'Bộ phận Một cửa xã A', type: 'other', purpose: 'Công dân đăng nhập tại kiosk tự phục vụ', allowedFields: ['personal_id', 'full_name'], minLevel: 1, provinceCode: '82',
  });
  expect(rp.statusCode, rp.body).toBe(201);
  centreId = rp.json().relyingParty.id;
  const res = await register(admin, { name: 'Kiosk 1 – sảnh', unitCode: COMMUNE_A, relyingPartyId: centreId });
  expect(res.statusCode, res.body).toBe(201);
  kioskId = res.json().device.id;
  kioskKey = res.json().deviceKey;
  an = await registerCitizen(t, SIGN_UPS.an);
  // Level 2, as after the check at the police counter: submitting a dossier needs it.
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
  t.services.identity.forgetCitizenSessions();
}, 120_000);
afterAll(() => t?.close());

describe('authorization', () => {
  it('kiosks are registered by administrators only, in their own province', async () => {
    const body = { name: 'Kiosk 2', unitCode: COMMUNE_A, relyingPartyId: centreId };
    expect((await inject('GET', '/api/v1/kiosks')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/kiosks', { cookie: deskOfficer.cookie })).statusCode).toBe(403);
    expect((await register(deskOfficer, body)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/kiosks', { 'x-kiosk-key': kioskKey })).statusCode).toBe(401);
    // Another province's administrator neither sees nor stops this one, nor registers one for a unit or counter of this province.
    expect((await inject('GET', '/api/v1/kiosks', otherAdmin.headers)).json()).toEqual([]);
    expect((await inject('POST', `/api/v1/kiosks/${kioskId}/disable`, otherAdmin.headers)).statusCode).toBe(404);
    const outside = await register(otherAdmin, body);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('KIOSK_INVALID');
    expect((await register(admin, { ...body, unitCode: OTHER_PROVINCE_COMMUNE })).json().code).toBe('KIOSK_INVALID');
  });

  it('kiosk mode opens only with the key of a registered, active kiosk (deny by default)', async () => {
    for (const headers of [{}, { 'x-kiosk-key': 'da06kiosk_not-a-real-key' }, { 'x-kiosk-key': 'something' }, admin.headers, an.headers]) {
      const res = await inject('POST', '/api/v1/kiosk/queue-tickets', headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('KIOSK_NOT_REGISTERED');
    }
    // Refused before the body is read: an oversized or malformed body still answers 401.
    const junk = await t.app.inject({ method: 'POST', url: '/api/v1/kiosk/sessions', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(junk.statusCode).toBe(401);
    const ok = await inject('GET', '/api/v1/kiosk', kiosk());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Kiosk 1 – sảnh', unitCode: COMMUNE_A, idleSeconds: 60 });
  });
});

describe('devices', () => {
  it('keeps the key only as its HMAC, lists the province\'s kiosks and audits registration once', async () => {
    const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM kiosk_devices WHERE id = $1', [kioskId]);
    expect(stored.rows[0].key_hash).not.toContain(kioskKey.slice(10));
    expect(kioskKey).toMatch(/^da06kiosk_[\w-]{32}$/);
    const list = await inject('GET', '/api/v1/kiosks', admin.headers);
    expect(list.json().map((d: { id: number }) => d.id)).toContain(kioskId);
    expect(JSON.stringify(list.json())).not.toContain(kioskKey);
    // Seen when it opened kiosk mode above; nothing used yet.
    const mine = list.json().find((d: { id: number }) => d.id === kioskId);
    expect(mine).toMatchObject({ active: true, queueTickets: 0, signIns: 0 });
    expect(Date.now() - Date.parse(mine.lastSeenAt)).toBeLessThan(120_000);
    expect((await entries('kiosk.device.registered')).filter((e) => e.subject_id === String(kioskId))).toHaveLength(1);
  });

  it('a disabled kiosk is refused at once and its citizen signed out', async () => {
    const res = await register(admin, { name: 'Kiosk tạm', unitCode: COMMUNE_A, relyingPartyId: centreId });
    const { device, deviceKey } = res.json() as { device: { id: number }; deviceKey: string };
    expect((await inject('POST', '/api/v1/kiosk/queue-tickets', { 'x-kiosk-key': deviceKey })).statusCode).toBe(201);
    const signIn = await inject('POST', '/api/v1/kiosk/sessions', { 'x-kiosk-key': deviceKey }, { qr: await qrFor(an, ['personal_id', 'full_name']) });
    expect(signIn.statusCode, signIn.body).toBe(201);
    const disabled = await inject('POST', `/api/v1/kiosks/${device.id}/disable`, admin.headers);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    expect((await inject('POST', '/api/v1/kiosk/queue-tickets', { 'x-kiosk-key': deviceKey })).statusCode).toBe(401);
    const open = await t.db.query('SELECT 1 FROM kiosk_sessions WHERE device_id = $1 AND ended_at IS NULL', [device.id]);
    expect(open.rows).toHaveLength(0);
    expect((await entries('kiosk.device.disabled')).map((e) => e.subject_id)).toEqual([String(device.id)]);
  });
});

describe('queue numbers', () => {
  it('gives the centre\'s numbers of the day without gap or repeat to parallel takers, one audit entry each', async () => {
    const before = (await entries('kiosk.queue.taken')).length;
    const first = await inject('POST', '/api/v1/kiosk/queue-tickets', kiosk());
    expect(first.statusCode, first.body).toBe(201);
    const ticket = first.json();
    expect(ticket).toMatchObject({ unitCode: COMMUNE_A, deviceName: 'Kiosk 1 – sảnh' });
    expect(ticket.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const parallel = await Promise.all(Array.from({ length: 20 }, () => inject('POST', '/api/v1/kiosk/queue-tickets', kiosk())));
    const numbers = parallel.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => ticket.number + 1 + i));
    const taken = (await entries('kiosk.queue.taken')).slice(before);
    expect(taken).toHaveLength(21);
    expect(taken.every((e) => e.actor_id === `kiosk:${kioskId}`)).toBe(true);
    const listed = (await inject('GET', '/api/v1/kiosks', admin.headers)).json().find((d: { id: number }) => d.id === kioskId);
    expect(listed.queueTickets).toBe(21);
  });
});

describe('sign-in with the identity QR', () => {
  it('opens a short session for the citizen the QR names, verified as at the centre\'s counter', async () => {
    const res = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: await qrFor(an, ['personal_id', 'full_name']) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fullName: SIGN_UPS.an.fullName, idleSeconds: 60 });
    const token = res.json().sessionToken as string;
    // The verification is the credentials module's: logged for the centre, audited once, in the citizen's history.
    const verified = await entries('credential.verify.identity_qr');
    expect(verified.at(-1)).toMatchObject({ subject_id: SIGN_UPS.an.personalId, actor_id: 'rp:hcc-xa-a' });
    const history = await inject('GET', '/api/v1/citizen/verifications', an.headers);
    expect(history.json()[0].relyingParty).toBe('Bộ phận Một cửa xã A');
    // Only a hash of the session token is kept.
    const kept = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM kiosk_sessions WHERE ended_at IS NULL AND device_id = $1', [kioskId]);
    expect(kept.rows).toHaveLength(1);
    expect(kept.rows[0].token_hash).not.toBe(token);
    // Ended by the citizen (or the kiosk's idle reset): once, audited once; again changes nothing.
    const end = await inject('DELETE', '/api/v1/kiosk/sessions/current', kiosk({ 'x-kiosk-session': token }));
    expect(end.statusCode).toBe(204);
    expect((await inject('DELETE', '/api/v1/kiosk/sessions/current', kiosk({ 'x-kiosk-session': token }))).statusCode).toBe(204);
    expect((await entries('kiosk.session.ended')).filter((e) => e.subject_id === String(kioskId))).toHaveLength(1);
  });

  it('refuses a QR that does not verify or hides the personal ID, with the reason in Vietnamese', async () => {
    const forged = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: 'eyJhbGciOiJFUzI1NiJ9.eyJ4IjoxfQ.AAAA' });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().code).toBe('KIOSK_SIGNIN_FAILED');
    const nameOnly = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: await qrFor(an, ['full_name']) });
    expect(nameOnly.statusCode).toBe(422);
    expect(nameOnly.json().title).toContain('số định danh');
    const empty = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: '' });
    expect(empty.statusCode).toBe(400);
  });

  it('ends a session left idle: the service refuses it after the idle time', async () => {
    const res = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: await qrFor(an, ['personal_id', 'full_name']) });
    const token = res.json().sessionToken as string;
    const device = await t.services.kiosk.deviceOfKey(kioskKey);
    expect((await t.services.kiosk.session(device, token)).personalId).toBe(SIGN_UPS.an.personalId);
    await t.db.query("UPDATE kiosk_sessions SET last_seen_at = now() - interval '61 seconds' WHERE device_id = $1 AND ended_at IS NULL", [kioskId]);
    await expect(t.services.kiosk.session(device, token)).rejects.toMatchObject({ code: 'KIOSK_SESSION_ENDED' });
  });
});

describe('dossier look-up', () => {
  it('shows state and due date only, by the code on the receipt', async () => {
    const start = await inject('POST', '/api/v1/services/dossiers', an.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Con' } });
    expect(start.statusCode, start.body).toBe(201);
    const id = start.json().id as number;
    await inject('POST', `/api/v1/services/dossiers/${id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
    const submitted = await inject('POST', `/api/v1/services/dossiers/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const code = submitted.json().code as string;
    const res = await inject('GET', `/api/v1/kiosk/dossiers/${encodeURIComponent(code.toLowerCase())}`, kiosk());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code, state: 'submitted', stateLabel: 'Mới đăng ký', dueAt: null });
    const missing = await inject('GET', '/api/v1/kiosk/dossiers/UBX.28249-010101-9999', kiosk());
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('KIOSK_DOSSIER_NOT_FOUND');
    expect((await inject('GET', '/api/v1/kiosk/dossiers/%3Cscript%3E', kiosk())).statusCode).toBe(400);
    expect((await inject('GET', `/api/v1/kiosk/dossiers/${code}`)).statusCode).toBe(401);
  });
});

describe('sign-in with the chip card (the kiosk\'s card reader)', () => {
  const anInRegistry = () => PEOPLE.find((p) => p.personalId === SIGN_UPS.an.personalId)!;
  const chipSignIn = (body: object, headers: Headers = kiosk()) => inject('POST', '/api/v1/kiosk/sessions/chip', headers, body);

  it('opens a session for the holder of an authentic chip, verified and logged as at the centre\'s counter', async () => {
    await trustTestCsca(t);
    const before = (await entries('credential.verify.chip')).length;
    const res = await chipSignIn(await chipOf(anInRegistry()));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fullName: SIGN_UPS.an.fullName, idleSeconds: 60 });
    const device = await t.services.kiosk.deviceOfKey(kioskKey);
    expect((await t.services.kiosk.session(device, res.json().sessionToken)).personalId).toBe(SIGN_UPS.an.personalId);
    const verified = (await entries('credential.verify.chip')).slice(before);
    expect(verified).toHaveLength(1);
    expect(verified[0]).toMatchObject({ subject_id: SIGN_UPS.an.personalId, actor_id: 'rp:hcc-xa-a' });
  });

  it('spends an active-authentication challenge the kiosk asked for once', async () => {
    const card = await buildTestCard({
      personalId: SIGN_UPS.an.personalId, fullName: SIGN_UPS.an.fullName, dateOfBirth: SIGN_UPS.an.dateOfBirth, sex: 'M', legacyId: anInRegistry().legacyId ?? undefined,
      issuedOn: '2021-06-01', expiresOn: '2045-01-01', nationality: 'Việt Nam',
    });
    const issued = await inject('POST', '/api/v1/kiosk/chip-challenges', kiosk());
    expect(issued.statusCode, issued.body).toBe(200);
    const { challenge } = issued.json() as { challenge: string };
    const body = { sod: card.sod, dg1: card.dg1, dg13: card.dg13, dg15: card.dg15, aaChallenge: challenge, aaSignature: card.signChallenge(Buffer.from(challenge, 'base64')) };
    expect((await chipSignIn(body)).statusCode).toBe(201);
    const replayed = await chipSignIn(body);
    expect(replayed.statusCode).toBe(422);
    expect(replayed.json().code).toBe('KIOSK_CHIP_SIGNIN_FAILED');
  });

  it('refuses a tampered chip with the reason in Vietnamese, and opens nothing', async () => {
    const open = async () => (await t.db.query('SELECT 1 FROM kiosk_sessions WHERE device_id = $1 AND ended_at IS NULL', [kioskId])).rows.length;
    await t.db.query('UPDATE kiosk_sessions SET ended_at = now() WHERE device_id = $1', [kioskId]);
    const a = anInRegistry();
    const tampered = await buildTestCard({
      personalId: a.personalId, fullName: a.fullName, dateOfBirth: a.dateOfBirth, sex: 'M', legacyId: a.legacyId ?? undefined, issuedOn: '2021-06-01', expiresOn: '2045-01-01', nationality: 'Việt Nam',
    }, { tamper: 'dg13' });
    const res = await chipSignIn({ sod: tampered.sod, dg1: tampered.dg1, dg13: tampered.dg13 });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('KIOSK_CHIP_SIGNIN_FAILED');
    expect(res.json().title).toMatch(/^Không đăng nhập được bằng thẻ căn cước gắn chip: \S/);
    expect(await open()).toBe(0);
  });

  it('is refused at a disabled kiosk before the chip is read', async () => {
    const reg = await register(admin, { name: 'Kiosk chip tạm', unitCode: COMMUNE_A, relyingPartyId: centreId });
    const { device, deviceKey } = reg.json() as { device: { id: number }; deviceKey: string };
    expect((await inject('POST', `/api/v1/kiosks/${device.id}/disable`, admin.headers)).statusCode).toBe(200);
    const before = (await entries('credential.verify.chip')).length;
    const res = await chipSignIn(await chipOf(anInRegistry()), { 'x-kiosk-key': deviceKey });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('KIOSK_NOT_REGISTERED');
    expect(await entries('credential.verify.chip')).toHaveLength(before);
  });
});

describe('the citizen\'s dossiers at the kiosk', () => {
  it('lists the signed-in citizen\'s dossiers and gives the receipt of a received one to print, each read audited', async () => {
    const start = await inject('POST', '/api/v1/services/dossiers', an.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Út' } });
    const id = start.json().id as number;
    await inject('POST', `/api/v1/services/dossiers/${id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
    const code = (await inject('POST', `/api/v1/services/dossiers/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() })).json().code as string;
    const signedIn = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: await qrFor(an, ['personal_id', 'full_name']) });
    const session = kiosk({ 'x-kiosk-session': signedIn.json().sessionToken as string });

    const before = (await entries('kiosk.dossiers.read')).length;
    const list = await inject('GET', '/api/v1/kiosk/sessions/current/dossiers', session);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.find((d: { id: number }) => d.id === id)).toMatchObject({ code, state: 'submitted', procedureName: BIRTH_LIKE.name, dueAt: null });
    // Not yet received: no receipt to print.
    expect((await inject('GET', `/api/v1/kiosk/sessions/current/dossiers/${id}/receipt`, session)).statusCode).toBe(409);
    const received = await inject('POST', `/api/v1/services/officer/dossiers/${id}/reception`, deskOfficer.headers, { comment: 'Đủ' });
    expect(received.statusCode, received.body).toBe(200);
    const receipt = await inject('GET', `/api/v1/kiosk/sessions/current/dossiers/${id}/receipt`, session);
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json()).toMatchObject({ dossierCode: code, applicant: { name: SIGN_UPS.an.fullName }, procedure: { name: BIRTH_LIKE.name } });
    const read = (await entries('kiosk.dossiers.read')).slice(before);
    expect(read.map((e) => [e.actor_id, e.subject_id])).toEqual([[`kiosk:${kioskId}`, SIGN_UPS.an.personalId], [`kiosk:${kioskId}`, SIGN_UPS.an.personalId]]);

    // Another person's dossier reads as absent; without the session nothing is shown.
    const foreign = await t.db.query<{ id: string }>('SELECT id FROM dossiers WHERE applicant_personal_id <> $1 LIMIT 1', [SIGN_UPS.an.personalId]);
    if (foreign.rows[0]) expect((await inject('GET', `/api/v1/kiosk/sessions/current/dossiers/${foreign.rows[0].id}/receipt`, session)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/kiosk/sessions/current/dossiers', kiosk())).json().code).toBe('KIOSK_SESSION_ENDED');
    expect((await inject('GET', '/api/v1/kiosk/sessions/current/dossiers', { 'x-kiosk-session': signedIn.json().sessionToken as string })).statusCode).toBe(401);
    await inject('DELETE', '/api/v1/kiosk/sessions/current', session);
    expect((await inject('GET', '/api/v1/kiosk/sessions/current/dossiers', session)).json().code).toBe('KIOSK_SESSION_ENDED');
  });
});

describe('paying a dossier\'s fee at the kiosk', () => {
  it('shows the signed-in citizen\'s fee with its VietQR until the bank confirms it, then the receipt number; another\'s reads as absent', async () => {
    const start = await inject('POST', '/api/v1/services/dossiers', an.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Phí' } });
    const id = start.json().id as number;
    await inject('POST', `/api/v1/services/dossiers/${id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
    expect((await inject('POST', `/api/v1/services/dossiers/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() })).statusCode).toBe(201);
    const signedIn = await inject('POST', '/api/v1/kiosk/sessions', kiosk(), { qr: await qrFor(an, ['personal_id', 'full_name']) });
    const session = kiosk({ 'x-kiosk-session': signedIn.json().sessionToken as string });
    const url = `/api/v1/kiosk/sessions/current/dossiers/${id}/payment`;
    // Nothing asked yet.
    expect((await inject('GET', url, session)).json().code).toBe('KIOSK_PAYMENT_NOT_FOUND');
    for (const [step, body] of [['reception', {}], ['processing', {}], ['payment-request', { amount: 8_000 }]] as const) {
      const res = await inject('POST', `/api/v1/services/officer/dossiers/${id}/${step}`, deskOfficer.headers, body);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const due = await inject('GET', url, session);
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json()).toMatchObject({ amount: 8_000, status: 'pending', receiptNumber: null });
    expect(due.json().qrSvg).toMatch(/^<svg/);
    expect(due.json().transferText).toContain(due.json().reference);
    // The bank confirms, server to server: the kiosk's next question shows it paid, without a QR.
    const body = JSON.stringify({ transactionId: `FT${randomUUID().replaceAll('-', '').slice(0, 16)}`, reference: due.json().reference, amount: 8_000, paidAt: new Date().toISOString() });
    expect((await inject('POST', '/api/v1/payments/notifications', signedNotification(body), body as unknown as object)).statusCode).toBe(200);
    const paid = (await inject('GET', url, session)).json();
    expect(paid).toMatchObject({ status: 'paid', qrSvg: null, transferText: null });
    expect(paid.receiptNumber).toBeTruthy();
    // Each look audited as a read of the citizen's data at this kiosk.
    const read = (await entries('kiosk.dossiers.read')).filter((e) => e.subject_id === SIGN_UPS.an.personalId);
    expect(read.length).toBeGreaterThanOrEqual(2);
    const foreign = await t.db.query<{ id: string }>('SELECT id FROM dossiers WHERE applicant_personal_id <> $1 LIMIT 1', [SIGN_UPS.an.personalId]);
    if (foreign.rows[0]) expect((await inject('GET', `/api/v1/kiosk/sessions/current/dossiers/${foreign.rows[0].id}/payment`, session)).statusCode).toBe(404);
  });
});

describe('a paperless dossier started at the kiosk', () => {
  const signIn = async (key = kioskKey, who = an) => {
    const res = await inject('POST', '/api/v1/kiosk/sessions', { 'x-kiosk-key': key }, { qr: await qrFor(who, ['personal_id', 'full_name']) });
    expect(res.statusCode, res.body).toBe(201);
    return { 'x-kiosk-key': key, 'x-kiosk-session': res.json().sessionToken as string };
  };
  const dossierCount = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM dossiers')).rows[0].n);
  const submit = (headers: Headers, body: object, key: string = randomUUID()) => inject('POST', '/api/v1/kiosk/sessions/current/dossiers', { ...headers, 'idempotency-key': key }, body);
  /** A paper of the citizen's store: one they uploaded for an earlier dossier. */
  async function storedPaper(c: CitizenSession, childName: string) {
    const start = await inject('POST', '/api/v1/services/dossiers', c.headers, { procedure: BIRTH_LIKE.slug, form: { childName } });
    expect(start.statusCode, start.body).toBe(201);
    const up = await inject('POST', `/api/v1/services/dossiers/${start.json().id}/documents`, c.headers, { kind: 'giay-chung-sinh', fileName: 'chung-sinh.pdf', content: PDF_BYTES.toString('base64') });
    expect(up.statusCode, up.body).toBe(201);
    return `dossier_document:${up.json().id}`;
  }

  it('lists what the citizen can submit without paper, then starts and submits it in one go: numbered, recorded with the kiosk, audited once, in the portal', async () => {
    const ref = await storedPaper(an, 'Nguyễn Văn Kho');
    const session = await signIn();
    const list = await inject('GET', '/api/v1/kiosk/sessions/current/procedures', session);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { slug: string; form: { applicant: { fullName: string } }; prefilledFields: string[]; papers: { id: string; stored: { ref: string }[] }[] }[];
    const birth = items.find((p) => p.slug === BIRTH_LIKE.slug)!;
    expect(birth.form.applicant.fullName).toBe(SIGN_UPS.an.fullName);
    expect(birth.prefilledFields).toContain('applicant.personalId');
    expect(birth.papers[0].stored.map((x) => x.ref)).toContain(ref);
    expect(items.map((p) => p.slug)).toContain(RESIDENCE_LIKE.slug);

    const before = (await entries('kiosk.dossier.submitted')).length;
    const key = randomUUID();
    const res = await submit(session, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Kiosk' }, documents: [{ kind: 'giay-chung-sinh', ref }] }, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ state: 'submitted', procedureName: BIRTH_LIKE.name, replayed: false });
    expect(res.json().code).toMatch(/\S/);
    const id = res.json().id as number;
    const row = (await t.db.query<{ kiosk_device_id: string; channel: string; applicant_personal_id: string }>('SELECT kiosk_device_id, channel, applicant_personal_id FROM dossiers WHERE id = $1', [id])).rows[0];
    expect({ ...row, kiosk_device_id: Number(row.kiosk_device_id) }).toEqual({ kiosk_device_id: kioskId, channel: 'online', applicant_personal_id: SIGN_UPS.an.personalId });
    const docs = (await t.db.query<{ reused_from: string }>('SELECT reused_from FROM dossier_documents WHERE dossier_id = $1', [id])).rows;
    expect(docs.map((d) => d.reused_from)).toEqual([ref]);
    const audited = (await entries('kiosk.dossier.submitted')).slice(before);
    expect(audited.map((e) => [e.actor_id, e.subject_id])).toEqual([[`kiosk:${kioskId}`, String(id)]]);
    // The same key (a second touch) answers with the same dossier, nothing more.
    const again = await submit(session, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Kiosk' }, documents: [{ kind: 'giay-chung-sinh', ref }] }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, replayed: true });
    // The citizen's portal lists it; the kiosk's list of their dossiers too.
    const portal = await inject('GET', '/api/v1/services/dossiers', an.headers);
    expect(portal.json().items.find((d: { id: number }) => d.id === id)).toMatchObject({ state: 'submitted' });
    expect((await inject('GET', '/api/v1/kiosk/sessions/current/dossiers', session)).json().items[0]).toMatchObject({ id });
  });

  it('refuses a missing field or another person\'s stored document in Vietnamese, creating nothing', async () => {
    const bich = await registerCitizen(t, SIGN_UPS.bich);
    const hers = await storedPaper(bich, 'Trần Văn Khác');
    const session = await signIn();
    const count = await dossierCount();
    const foreign = await submit(session, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Mượn' }, documents: [{ kind: 'giay-chung-sinh', ref: hers }] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(foreign.json().code).toBe('STORED_DOCUMENT_NOT_FOUND');
    const missing = await submit(session, { procedure: BIRTH_LIKE.slug, form: {} });
    expect(missing.statusCode, missing.body).toBe(422);
    expect(missing.json().code).toBe('DOSSIER_INVALID');
    const fields = (missing.json().errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['form.childName', 'documents.giay-chung-sinh']));
    const unknown = await submit(session, { procedure: 'khong-co-thu-tuc-nay', form: {} });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PROCEDURE_NOT_FOUND');
    expect(await dossierCount()).toBe(count);
  });

  it('sends a person without an e-ID account to the desk', async () => {
    await trustTestCsca(t).catch(() => undefined);
    const taken = new Set(Object.values(SIGN_UPS).map((x) => x.personalId));
    const someone = PEOPLE.find((p) => !taken.has(p.personalId) && p.dateOfBirth < '2000-01-01')!;
    const res = await inject('POST', '/api/v1/kiosk/sessions/chip', kiosk(), await chipOf(someone));
    expect(res.statusCode, res.body).toBe(201);
    const session = kiosk({ 'x-kiosk-session': res.json().sessionToken as string });
    for (const answer of [await inject('GET', '/api/v1/kiosk/sessions/current/procedures', session), await submit(session, { procedure: RESIDENCE_LIKE.slug, form: {} })]) {
      expect(answer.statusCode).toBe(409);
      expect(answer.json().code).toBe('KIOSK_NO_ACCOUNT');
      expect(answer.json().title).toContain('lấy số thứ tự');
    }
  });

  it('is refused at a disabled kiosk and with a session of another kiosk', async () => {
    const other = (await register(admin, { name: 'Kiosk 3 – tầng 2', unitCode: COMMUNE_A, relyingPartyId: centreId })).json() as { device: { id: number }; deviceKey: string };
    const there = await signIn(other.deviceKey);
    const count = await dossierCount();
    // The other kiosk's session, shown at this kiosk: ended for this one.
    const crossed = await submit(kiosk({ 'x-kiosk-session': there['x-kiosk-session'] }), { procedure: RESIDENCE_LIKE.slug, form: {} });
    expect(crossed.statusCode).toBe(401);
    expect(crossed.json().code).toBe('KIOSK_SESSION_ENDED');
    expect((await inject('GET', '/api/v1/kiosk/sessions/current/procedures', kiosk({ 'x-kiosk-session': there['x-kiosk-session'] }))).json().code).toBe('KIOSK_SESSION_ENDED');
    expect((await inject('POST', `/api/v1/kiosks/${other.device.id}/disable`, admin.headers)).statusCode).toBe(200);
    const stopped = await submit(there, { procedure: RESIDENCE_LIKE.slug, form: {} });
    expect(stopped.statusCode).toBe(401);
    expect(stopped.json().code).toBe('KIOSK_NOT_REGISTERED');
    expect(await dossierCount()).toBe(count);
  });
});

describe('look-up limit', () => {
  it('limits the look-up by code per kiosk and per address, saying in Vietnamese when to try again', async () => {
    const fresh = async (name: string) => (await register(admin, { name, unitCode: COMMUNE_A, relyingPartyId: centreId })).json().deviceKey as string;
    const lookUp = (key: string, remoteAddress = '10.0.0.1') =>
      t.app.inject({ method: 'GET', url: '/api/v1/kiosk/dossiers/UBX.28249-010101-0001', headers: { 'x-kiosk-key': key }, remoteAddress });
    const first = await fresh('Kiosk tra cứu 1');
    // 20 a minute for one kiosk (DA06_KIOSK_LOOKUPS_PER_MIN): then refused, the wait in the title and in Retry-After.
    for (let i = 0; i < 20; i++) expect((await lookUp(first)).statusCode).toBe(404);
    const over = await lookUp(first);
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('KIOSK_LOOKUP_LIMITED');
    const wait = Number(over.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(over.json().title).toBe(`Đã tra cứu quá nhiều lần; vui lòng thử lại sau ${wait} giây`);
    // Another kiosk of the same address still looks up, until the address's 60 a minute are spent.
    const second = await fresh('Kiosk tra cứu 2');
    const third = await fresh('Kiosk tra cứu 3');
    for (let i = 0; i < 20; i++) expect((await lookUp(second)).statusCode).toBe(404);
    for (let i = 0; i < 19; i++) expect((await lookUp(third)).statusCode).toBe(404);
    expect((await lookUp(third)).json().code).toBe('KIOSK_LOOKUP_LIMITED');
    // From another address the third kiosk still has its own budget; taking a number is never limited.
    expect((await lookUp(third, '10.0.0.2')).statusCode).toBe(404);
    expect((await inject('POST', '/api/v1/kiosk/queue-tickets', { 'x-kiosk-key': first })).statusCode).toBe(201);
  });
});
