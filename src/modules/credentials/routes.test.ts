import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { checkIdentityToken } from './identity-qr.js';
import { createPublicKey, type JsonWebKey } from 'node:crypto';

let t: TestApp;
let admin: Session;
let commune: Session;
let province: Session;
let hospitalStaff: Session;
let lodgingStaff: Session;
let an: CitizenSession;
let bich: CitizenSession;
let hospitalId: number;
let lodgingId: number;
let barId: number;
let barKey: string;

const { an: AN, bich: BICH } = SIGN_UPS;

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const qrFor = async (c: CitizenSession, fields: string[]) => {
  const res = await inject('POST', '/api/v1/citizen/identity-qr', c.headers, { fields });
  expect(res.statusCode).toBe(200);
  return res.json().token as string;
};
const verifyAt = (headers: Record<string, string>, qr: string) => inject('POST', '/api/v1/verifications', headers, { qr });

async function addRelyingParty(body: object) {
  const res = await inject('POST', '/api/v1/relying-parties', admin.headers, body);
  expect(res.statusCode).toBe(201);
  return res.json() as { relyingParty: { id: number }; apiKey: string | null };
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  commune = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
  province = await t.officer('tinh', 'province_registry', '82');
  hospitalId = (await addRelyingParty({
    code: 'bv-da-khoa-dong-thap', name: 'Bệnh viện Đa khoa Đồng Tháp', type: 'hospital', purpose: 'Tiếp đón người bệnh khám chữa bệnh',
    allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'], minLevel: 1, provinceCode: '82',
  })).relyingParty.id;
  lodgingId = (await addRelyingParty({
    code: 'ks-sen-hong', name: 'Khách sạn Sen Hồng', type: 'lodging', purpose: 'Thông báo lưu trú', allowedFields: ['personal_id', 'full_name'], minLevel: 2, provinceCode: '82',
  })).relyingParty.id;
  const bar = await addRelyingParty({
    code: 'quay-ve-ga', name: 'Phòng vé ga Cao Lãnh', type: 'ticketing', purpose: 'Bán vé cho người đủ 18 tuổi', allowedFields: ['age_over_18'], minLevel: 1, provinceCode: '82', withApiKey: true,
  });
  barId = bar.relyingParty.id;
  barKey = bar.apiKey!;
  hospitalStaff = await t.officer('bv.tiepdon', 'rp_staff', '82', hospitalId);
  lodgingStaff = await t.officer('ks.letan', 'rp_staff', '82', lodgingId);
  an = await registerCitizen(t, AN);
  bich = await registerCitizen(t, BICH);
});
afterAll(() => t.close());

describe('authorization', () => {
  it('verifying needs a counter: 401 anonymous, 403 for registry officers, 401 for citizens, CSRF for staff', async () => {
    const qr = await qrFor(an, ['full_name']);
    expect((await verifyAt({}, qr)).statusCode).toBe(401);
    expect((await verifyAt(commune.headers, qr)).statusCode).toBe(403);
    expect((await verifyAt(an.headers, qr)).statusCode).toBe(401);
    const noCsrf = await verifyAt({ cookie: hospitalStaff.cookie }, qr);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
    expect((await verifyAt({ authorization: 'Bearer da06rp_not-a-real-key' }, qr)).statusCode).toBe(401);
  });

  it('relying parties are managed by administrators only', async () => {
    expect((await inject('GET', '/api/v1/relying-parties')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/relying-parties', { cookie: hospitalStaff.cookie })).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/relying-parties', { cookie: province.cookie })).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/relying-parties', { authorization: `Bearer ${barKey}` })).statusCode).toBe(401);
  });

  it('identity QR and history are the citizen’s own', async () => {
    expect((await inject('POST', '/api/v1/citizen/identity-qr', {}, { fields: [] })).statusCode).toBe(401);
    expect((await inject('POST', '/api/v1/citizen/identity-qr', { cookie: an.cookie }, { fields: [] })).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/citizen/verifications', hospitalStaff.headers)).statusCode).toBe(401);
  });

  it('publishes the verification keys to anyone', async () => {
    const res = await inject('GET', '/.well-known/jwks.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(res.json().keys[0].d).toBeUndefined();
  });
});

describe('identity QR at a counter', () => {
  it('a hospital sees the fields its purpose allows that the citizen chose, and nothing else', async () => {
    const qr = await qrFor(an, ['full_name', 'date_of_birth', 'sex']);
    expect(qr.length).toBeLessThan(600);
    const res = await verifyAt(hospitalStaff.headers, qr);
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ method: 'identity_qr', valid: true, reasons: [], level: 1, relyingParty: { name: 'Bệnh viện Đa khoa Đồng Tháp' } });
    expect(out.person).toEqual({ full_name: 'Nguyễn Văn An', date_of_birth: '1984-05-12', sex: 'Nam' });
    expect(out.withheld).toEqual(['personal_id', 'address']);
  });

  it('refuses fields that do not exist, with field errors', async () => {
    const res = await inject('POST', '/api/v1/citizen/identity-qr', an.headers, { fields: ['full_name', 'blood_type'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(0);
    expect((await inject('POST', '/api/v1/citizen/identity-qr', an.headers, { fields: ['full_name'], extra: 1 })).statusCode).toBe(400);
  });

  it('the token itself discloses only the chosen fields and verifies against the published JWKS', async () => {
    const qr = await qrFor(an, ['age_over_18']);
    const payload = JSON.parse(Buffer.from(qr.split('.')[1], 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ age_over_18: true, loa: 1 });
    expect(payload.full_name).toBeUndefined();
    expect(payload.personal_id).toBeUndefined();
    const jwks = (await inject('GET', '/.well-known/jwks.json')).json().keys as (JsonWebKey & { kid: string })[];
    const keys = new Map(jwks.map((k) => [k.kid, createPublicKey({ key: k, format: 'jwk' })]));
    expect(checkIdentityToken(qr, keys, { issuer: payload.iss }).ok).toBe(true);
  });

  it('a ticket office with only "age over 18" learns exactly that, through its API key', async () => {
    const qr = await qrFor(an, ['full_name', 'age_over_18']);
    const res = await verifyAt({ authorization: `Bearer ${barKey}` }, qr);
    expect(res.statusCode).toBe(200);
    expect(res.json().valid).toBe(true);
    expect(res.json().person).toEqual({ age_over_18: true });
  });

  it('a lodging that needs level 2 refuses a level-1 account', async () => {
    const res = await verifyAt(lodgingStaff.headers, await qrFor(bich, ['personal_id', 'full_name']));
    expect(res.json()).toMatchObject({ valid: false, level: 1, person: {} });
    expect(res.json().reasons.map((r: { code: string }) => r.code)).toEqual(['VERIFY_LEVEL_TOO_LOW']);
  });

  it('a QR shown at one counter and replayed at another is refused there', async () => {
    const qr = await qrFor(an, ['full_name']);
    expect((await verifyAt(hospitalStaff.headers, qr)).json().valid).toBe(true);
    expect((await verifyAt(hospitalStaff.headers, qr)).json().valid).toBe(true); // the same counter may scan twice
    const replay = (await verifyAt({ authorization: `Bearer ${barKey}` }, qr)).json();
    expect(replay.valid).toBe(false);
    expect(replay.reasons[0].code).toBe('VERIFY_QR_REPLAYED');
    expect(replay.person).toEqual({});
  });

  it('two counters scanning the same fresh QR at the same moment: exactly one of them gets it', async () => {
    const qr = await qrFor(an, ['full_name']);
    const [a, b] = await Promise.all([verifyAt(hospitalStaff.headers, qr), verifyAt({ authorization: `Bearer ${barKey}` }, qr)]);
    const outcomes = [a.json(), b.json()];
    expect(outcomes.filter((o) => o.valid)).toHaveLength(1);
    expect(outcomes.find((o) => !o.valid).reasons[0].code).toBe('VERIFY_QR_REPLAYED');
  });

  it('forged, tampered, expired and foreign inputs are invalid with a reason, never an error', async () => {
    const qr = await qrFor(an, ['full_name']);
    const [h, p, s] = qr.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), full_name: 'Kẻ Giả Mạo' })).toString('base64url');
    const cases: [string, string][] = [
      [`${h}.${forgedPayload}.${s}`, 'VERIFY_QR_SIGNATURE_INVALID'],
      [`${h}.${p}.${s.slice(0, -4)}AAAA`, 'VERIFY_QR_SIGNATURE_INVALID'],
      [`${Buffer.from('{"alg":"none","typ":"da06-id+jwt","kid":"x"}').toString('base64url')}.${p}.`, 'VERIFY_QR_UNREADABLE'],
      [`${Buffer.from('{"alg":"ES256","typ":"da06-id+jwt","kid":"khac"}').toString('base64url')}.${p}.${s}`, 'VERIFY_QR_UNKNOWN_KEY'],
      ['xin chào', 'VERIFY_QR_UNREADABLE'],
      ['a.b.c', 'VERIFY_QR_MALFORMED'],
    ];
    for (const [text, code] of cases) {
      const res = await verifyAt(hospitalStaff.headers, text);
      expect(res.statusCode, text).toBe(200);
      expect(res.json().valid).toBe(false);
      expect(res.json().reasons[0].code, text).toBe(code);
    }
    const later = Date.now() + 10 * 60 * 1000;
    const spy = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect((await verifyAt(hospitalStaff.headers, qr)).json().reasons[0].code).toBe('VERIFY_QR_EXPIRED');
    } finally {
      spy.mockRestore();
    }
    expect((await verifyAt(hospitalStaff.headers, 'x'.repeat(5000))).statusCode).toBe(400);
    expect((await verifyAt(hospitalStaff.headers, '')).statusCode).toBe(400);
  });

  it('the citizen sees every verification in "Lịch sử sử dụng", and each is in the audit chain', async () => {
    const res = await inject('GET', '/api/v1/citizen/verifications', { cookie: an.cookie });
    expect(res.statusCode).toBe(200);
    const history = res.json() as { relyingParty: string; result: string; fields: string[]; purpose: string }[];
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history).toContainEqual(expect.objectContaining({ relyingParty: 'Phòng vé ga Cao Lãnh', result: 'valid', fields: ['Đủ 18 tuổi'] }));
    expect(history).toContainEqual(expect.objectContaining({ relyingParty: 'Bệnh viện Đa khoa Đồng Tháp', purpose: 'Tiếp đón người bệnh khám chữa bệnh' }));
    await t.services.credentials.drain();
    const audit = await t.db.query<{ actor_name: string; fields: string[] }>(`SELECT actor_name, fields FROM audit_log WHERE action = 'credential.verify.identity_qr' AND subject_id = $1`, [AN.personalId]);
    expect(audit.rows.length).toBeGreaterThanOrEqual(3);
  });

  it('a death recorded in the registry makes the QR invalid at once', async () => {
    const qr = await qrFor(bich, ['full_name']);
    const death = await inject('POST', `/api/v1/people/${BICH.personalId}/death`, commune.headers, { dateOfDeath: '2026-11-20' });
    expect(death.statusCode).toBe(200);
    const out = (await verifyAt(hospitalStaff.headers, qr)).json();
    expect(out.valid).toBe(false);
    expect(out.reasons.map((r: { code: string }) => r.code)).toContain('VERIFY_PERSON_DECEASED');
  });

  it('after a key rotation old QR codes still verify and the JWKS lists both keys', async () => {
    const qr = await qrFor(an, ['full_name']);
    await t.services.credentials.rotateKeys();
    expect((await inject('GET', '/.well-known/jwks.json')).json().keys).toHaveLength(2);
    expect((await verifyAt(hospitalStaff.headers, qr)).json().valid).toBe(true);
    expect((await verifyAt(hospitalStaff.headers, await qrFor(an, ['full_name']))).json().valid).toBe(true);
  });
});

describe('ID-card QR at a counter', () => {
  const card = (id: string, cmnd: string, name: string, dob: string, sex: string) => `${id}|${cmnd}|${name}|${dob}|${sex}|Số 1, khu phố 1, Cao Lãnh, Đồng Tháp|01062021`;

  it('a card that matches a living person is valid, with the notice that a printed QR proves nothing', async () => {
    const out = (await verifyAt(hospitalStaff.headers, card(AN.personalId, '123456789', 'Nguyễn Văn An', '12051984', 'Nam'))).json();
    expect(out).toMatchObject({ method: 'card_qr', valid: true, registry: { status: 'match', differences: [] }, level: null });
    expect(out.notice).toMatch(/không chứng minh thẻ là thật/);
    expect(out.person).toEqual({ personal_id: AN.personalId, full_name: 'Nguyễn Văn An', date_of_birth: '1984-05-12', sex: 'Nam', address: 'Số 1, khu phố 1' });
  });

  it('a card that differs is not confirmed, without saying where (the printed QR is unsigned)', async () => {
    const out = (await verifyAt(hospitalStaff.headers, card(AN.personalId, '', 'Nguyễn Văn Ân', '12051984', 'Nam'))).json();
    expect(out.valid).toBe(false);
    // The counter's log keeps the reason as it was shown, values filled in.
    const recent = (await inject('GET', '/api/v1/verifications?limit=100', { cookie: hospitalStaff.cookie })).json().items as { reason: string | null; staff: string | null }[];
    expect(recent.map((r) => r.reason)).toContain(out.reasons[0].message);
    // Who served at the counter comes from the identity module (credentials does not read its officers table).
    expect(new Set(recent.map((r) => r.staff))).toEqual(new Set(['bv.tiepdon']));
    expect(recent.some((r) => r.reason?.includes('{'))).toBe(false);
    expect(out.registry).toEqual({ status: 'unconfirmed', differences: [] });
    expect(out.reasons[0].code).toBe('VERIFY_CARD_UNCONFIRMED');
    expect(out.person).toEqual({});
    expect(JSON.stringify(out)).not.toContain('Nguyễn Văn An');
  });

  it('unknown numbers, inconsistent cards and the six-field bug are refused clearly', async () => {
    const unknown = (await verifyAt(hospitalStaff.headers, card('082084009999', '', 'Nguyễn Văn Không', '12051984', 'Nam'))).json();
    expect(unknown.registry.status).toBe('unconfirmed');
    expect(unknown.reasons[0].code).toBe('VERIFY_CARD_UNCONFIRMED');
    const wrongSex = (await verifyAt(hospitalStaff.headers, card(AN.personalId, '', 'Nguyễn Văn An', '12051984', 'Nữ'))).json();
    expect(wrongSex.valid).toBe(false);
    expect(wrongSex.reasons[0].code).toBe('PERSONAL_ID_SEX');
    const sixFields = (await verifyAt(hospitalStaff.headers, `${AN.personalId}|Nguyễn Văn An|12051984|Nam|Cao Lãnh|01062021`)).json();
    expect(sixFields.reasons[0].code).toBe('CARD_QR_MISSING_LEGACY_SLOT');
  });
});

describe('relying parties', () => {
  it('lists them with their verification counts; bad input gets a Vietnamese reason', async () => {
    const list = (await inject('GET', '/api/v1/relying-parties', { cookie: admin.cookie })).json() as { id: number; verifications: number }[];
    expect(list.find((r) => r.id === hospitalId)!.verifications).toBeGreaterThan(3);
    const dup = await inject('POST', '/api/v1/relying-parties', admin.headers, {
      code: 'ks-sen-hong', name: 'X', type: 'lodging', purpose: 'Y', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82',
    });
    expect(dup.statusCode).toBe(409);
    const bad = await inject('POST', '/api/v1/relying-parties', admin.headers, {
      code: 'x-y', name: 'X', type: 'casino', purpose: 'Y', allowedFields: ['blood_type'], minLevel: 3, provinceCode: '82',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.length).toBeGreaterThan(0);
  });

  it('each relying party has its own rate per minute', async () => {
    const slow = await addRelyingParty({
      code: 'cam-do-an-phu', name: 'Cầm đồ An Phú', type: 'pawnshop', purpose: 'Nhận cầm cố tài sản', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82', ratePerMinute: 2, withApiKey: true,
    });
    const headers = { authorization: `Bearer ${slow.apiKey}` };
    expect((await verifyAt(headers, 'a.b.c')).statusCode).toBe(200);
    expect((await verifyAt(headers, 'a.b.c')).statusCode).toBe(200);
    const third = await verifyAt(headers, 'a.b.c');
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toContain('application/problem+json');
    // Another counter is not slowed down by it.
    expect((await verifyAt(hospitalStaff.headers, 'a.b.c')).statusCode).toBe(200);
  });

  it('a deactivated relying party can no longer verify', async () => {
    const update = await inject('PUT', `/api/v1/relying-parties/${barId}`, admin.headers, {
      name: 'Phòng vé ga Cao Lãnh', type: 'ticketing', purpose: 'Bán vé', allowedFields: ['age_over_18'], minLevel: 1, active: false,
    });
    expect(update.statusCode).toBe(200);
    expect((await verifyAt({ authorization: `Bearer ${barKey}` }, await qrFor(an, ['age_over_18']))).statusCode).toBe(401);
  });
});
