import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { registerCitizen } from '../../testing/citizen.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { CARD_QR_FAILURES_PER_COUNTER, CARD_QR_FAILURES_PER_ID } from './card-qr-guard.js';

/**
 * The QR printed on a card is unsigned, so comparing it with the registry must teach the counter nothing
 * the card did not already say (issue 12 §2): one outcome for "not found", "mismatch", "deceased" and
 * "number cancelled", and a bounded number of failed checks per counter and personal ID.
 */
let t: TestApp;
let admin: Session;
/** Administrators manage the counters of their own province only (admin-area.test.ts). */
const admins: Record<string, Session> = {};
let auditor: Session;
let otherAuditor: Session;
const staff: Record<string, Session> = {};
const ids: Record<string, number> = {};

const { an: AN, bich: BICH } = SIGN_UPS;
const RESIDENCE = 'Số 1, khu phố 1, Cao Lãnh, Đồng Tháp';
const card = (id: string, name: string, dob: string, sex = 'Nam', cmnd = '') => `${id}|${cmnd}|${name}|${dob}|${sex}|${RESIDENCE}|01062021`;
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('');

const verifyAt = (who: Session, qr: string) => t.app.inject({ method: 'POST', url: '/api/v1/verifications', headers: who.headers, payload: { qr } });
/** The answer without what differs between any two requests (request id, instants) and the counter that asked. */
function comparable(res: LightMyRequestResponse) {
  const body = res.json();
  delete body.verifiedAt;
  delete body.relyingParty;
  const headers = { ...res.headers };
  for (const h of ['date', 'x-request-id', 'content-length', 'x-ratelimit-remaining', 'x-ratelimit-reset']) delete headers[h];
  return JSON.stringify({ status: res.statusCode, headers, body });
}

/** Every day of a (leap) year, in order. */
function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

async function counter(code: string, province = '82') {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/relying-parties', headers: admins[province].headers,
    payload: {
      code, name: `Quầy ${code}`, type: 'hospital', purpose: 'Tiếp đón người bệnh', provinceCode: province,
      allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'], minLevel: 1, ratePerMinute: 100_000,
    },
  });
  expect(res.statusCode).toBe(201);
  ids[code] = res.json().relyingParty.id;
  staff[code] = await t.officer(`nv.${code}`, 'rp_staff', province, ids[code]);
  return staff[code];
}

/** A counter whose system calls with its API key: a fresh failure budget, no sign-in. */
async function apiCounter(code: string) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/relying-parties', headers: admin.headers,
    payload: { code, name: 'Quầy thử', type: 'pawnshop', purpose: 'Nhận cầm cố', provinceCode: '82', allowedFields: ['full_name', 'address'], minLevel: 1, withApiKey: true },
  });
  expect(res.statusCode).toBe(201);
  return { authorization: `Bearer ${res.json().apiKey}` };
}

const alertsOf = async (who: Session) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/verification-alerts', headers: { cookie: who.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { kind: string; relyingParty: { code: string }; personalId: string | null; message: string }[];
};

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  admins['82'] = admin;
  admins['79'] = await t.officer('quantri79', 'admin', '79');
  auditor = await t.officer('kiemtra', 'auditor', '82');
  otherAuditor = await t.officer('kiemtra79', 'auditor', '79');
  await counter('bv-a');
  await counter('bv-b');
  await counter('bv-c');
  await counter('bv-d');
  await counter('bv-e');
  await counter('bv-f');
  await counter('bv-79', '79');
}, 60_000);
afterAll(() => t.close());

describe('authorization', () => {
  it('the verification alerts are for auditors only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/verification-alerts' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/verification-alerts', headers: { cookie: staff['bv-a'].cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/verification-alerts', headers: { cookie: admin.cookie } })).statusCode).toBe(403);
    expect(await alertsOf(auditor)).toEqual([]);
  });
});

describe('one outcome for every card the registry does not confirm', () => {
  it('"not found", "another birth date", "another name" and "another sex" answer byte for byte the same', async () => {
    const who = staff['bv-a'];
    const notFound = await verifyAt(who, card('082084009999', 'Nguyễn Văn Không', '12051984'));
    const otherDate = await verifyAt(who, card(BICH.personalId, 'Trần Thị Bích', '04021986', 'Nữ'));
    const otherName = await verifyAt(who, card(AN.personalId, 'Nguyễn Văn Ân', '12051984'));
    for (const res of [notFound, otherDate, otherName]) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ method: 'card_qr', valid: false, person: {}, registry: { status: 'unconfirmed', differences: [] } });
      expect(res.json().reasons.map((r: { code: string }) => r.code)).toEqual(['VERIFY_CARD_UNCONFIRMED']);
    }
    expect(comparable(otherDate)).toBe(comparable(notFound));
    expect(comparable(otherName)).toBe(comparable(notFound));
    // Registry values never leave, not even the existence of the number.
    expect(otherName.body).not.toContain('Nguyễn Văn An');
    expect(otherName.body).not.toMatch(/fullName|dateOfBirth|diacritics|not_found|mismatch/);
    // The same work behind each answer: one verification row and one audit entry on the number tried.
    const audited = await t.db.query<{ subject_id: string; n: string }>(
      `SELECT subject_id, count(*) AS n FROM audit_log WHERE action = 'credential.verify.card_qr' AND subject_id = ANY($1::text[]) GROUP BY 1 ORDER BY 1`,
      [['082084009999', BICH.personalId, AN.personalId]]);
    expect(audited.rows.map((r) => [r.subject_id, Number(r.n)])).toEqual([['082084001234', 1], ['082084009999', 1], [BICH.personalId, 1]].sort());
    const rows = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM verifications WHERE relying_party_id = $1 AND reason = 'VERIFY_CARD_UNCONFIRMED'`, [ids['bv-a']]);
    expect(Number(rows.rows[0].n)).toBe(3);
  });

  it('a card that matches every identifying field shows the allowed registry fields', async () => {
    const out = (await verifyAt(staff['bv-b'], card(AN.personalId, 'Nguyễn Văn An', '12051984', 'Nam', '123456789'))).json();
    expect(out).toMatchObject({ valid: true, reasons: [], registry: { status: 'match', differences: [] } });
    expect(out.person).toEqual({ personal_id: AN.personalId, full_name: 'Nguyễn Văn An', date_of_birth: '1984-05-12', sex: 'Nam', address: 'Số 1, khu phố 1' });
    // A wrong former CMND number is a mismatch like any other field.
    const wrongCmnd = await verifyAt(staff['bv-b'], card(AN.personalId, 'Nguyễn Văn An', '12051984', 'Nam', '999999999'));
    expect(wrongCmnd.json().registry).toEqual({ status: 'unconfirmed', differences: [] });
    expect(wrongCmnd.json().person).toEqual({});
  });
});

describe('any wrong card of an existing person answers as the same card with an unknown number', () => {
  const NAMES = ['Nguyễn Văn Ân', 'Nguyễn Văn Anh', 'Nguyễn An', 'Trần Văn An', "H'Hen Niê", 'Nguyễn Văn Bình'];

  it('name, date of birth and former CMND changed in any combination', async () => {
    const days = daysOf(1984).filter((d) => d !== AN.dateOfBirth);
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.record({
        name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
        day: fc.option(fc.constantFrom(...days), { nil: undefined }),
        cmnd: fc.option(fc.stringMatching(/^\d{9}$/).filter((c) => c !== '123456789'), { nil: undefined }),
        stranger: fc.integer({ min: 0, max: 999_999 }).filter((n) => n !== 1234).map((n) => `082084${String(n).padStart(6, '0')}`),
      }).filter((v) => v.name !== undefined || v.day !== undefined || v.cmnd !== undefined),
      async (v) => {
        const headers = await apiCounter(`cam-do-${run++}`);
        const qr = (id: string) => card(id, v.name ?? AN.fullName, ddmmyyyy(v.day ?? AN.dateOfBirth), 'Nam', v.cmnd ?? '');
        const post = (id: string) => t.app.inject({ method: 'POST', url: '/api/v1/verifications', headers, payload: { qr: qr(id) } });
        const wrong = await post(AN.personalId);
        const unknown = await post(v.stranger);
        expect(wrong.json().reasons[0].code).toBe('VERIFY_CARD_UNCONFIRMED');
        expect(comparable(wrong)).toBe(comparable(unknown));
      },
    ), { numRuns: 25 });
  }, 120_000);
});

describe('the record of each check', () => {
  it('the citizen’s history lists the card checks of their number, confirmed or not; the counter’s log keeps the one reason', async () => {
    const an = await registerCitizen(t, AN);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/citizen/verifications', headers: { cookie: an.cookie } });
    expect(res.statusCode).toBe(200);
    const history = (res.json() as { method: string; result: string; reason: string | null; relyingParty: string }[]).filter((h) => h.method === 'card_qr');
    expect(history).toContainEqual(expect.objectContaining({ relyingParty: 'Quầy bv-a', result: 'invalid', reason: expect.stringMatching(/^Không xác nhận được thẻ/) }));
    expect(history).toContainEqual(expect.objectContaining({ relyingParty: 'Quầy bv-b', result: 'valid', reason: null }));
    const recent = (await t.app.inject({ method: 'GET', url: '/api/v1/verifications?limit=100', headers: { cookie: staff['bv-a'].cookie } })).json().items as { method: string; reason: string | null }[];
    expect(new Set(recent.map((r) => r.reason))).toEqual(new Set([history.find((h) => h.relyingParty === 'Quầy bv-a')!.reason]));
  });
});

describe('enumeration of a birth date (the probe: found in 334 requests)', () => {
  it('366 tries at one existing ID answer exactly as 366 tries at an ID nobody holds, and never confirm the true date', async () => {
    const days = daysOf(1984);
    expect(days).toHaveLength(366);
    const real: string[] = [];
    for (const day of days) real.push(comparable(await verifyAt(staff['bv-c'], card(AN.personalId, AN.fullName, ddmmyyyy(day)))));
    const nobody: string[] = [];
    for (const day of days) nobody.push(comparable(await verifyAt(staff['bv-d'], card('082084009998', AN.fullName, ddmmyyyy(day)))));
    expect(real).toEqual(nobody);
    // Two answers only: "not confirmed" for the first few, then "checks of this ID paused at this counter".
    expect(new Set(real).size).toBe(2);
    const codes = real.map((r) => JSON.parse(r).body.reasons[0].code as string);
    expect(codes.slice(0, CARD_QR_FAILURES_PER_ID)).toEqual(Array(CARD_QR_FAILURES_PER_ID).fill('VERIFY_CARD_UNCONFIRMED'));
    expect(new Set(codes.slice(CARD_QR_FAILURES_PER_ID))).toEqual(new Set(['VERIFY_CARD_CHECKS_PAUSED']));
    const trueDay = days.indexOf(AN.dateOfBirth);
    expect(JSON.parse(real[trueDay]).body).toMatchObject({ valid: false, person: {}, registry: null });
  }, 120_000);

  it('the pause holds for simultaneous requests too, and is stored in the database (another API node sees it)', async () => {
    const wrong = daysOf(1984).filter((d) => d !== AN.dateOfBirth).slice(0, 20);
    const answers = await Promise.all(wrong.map((d) => verifyAt(staff['bv-e'], card(AN.personalId, AN.fullName, ddmmyyyy(d)))));
    const codes = answers.map((r) => r.json().reasons[0].code);
    expect(codes.filter((c) => c === 'VERIFY_CARD_UNCONFIRMED')).toHaveLength(CARD_QR_FAILURES_PER_ID);
    expect(codes.filter((c) => c === 'VERIFY_CARD_CHECKS_PAUSED')).toHaveLength(20 - CARD_QR_FAILURES_PER_ID);
    const other = await buildApp({ config: loadConfig({ DA06_ENV: 'test', LOG_LEVEL: 'silent' }), db: t.db, logger: false });
    try {
      await other.app.ready();
      const session = await other.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nv.bv-e', password: 'mat-khau-thu-nghiem-2026' } });
      const cookie = `da06_session=${session.cookies.find((c) => c.name === 'da06_session')!.value}`;
      const res = await other.app.inject({
        method: 'POST', url: '/api/v1/verifications', headers: { cookie, 'x-csrf-token': session.json().csrfToken }, payload: { qr: card(AN.personalId, AN.fullName, ddmmyyyy(AN.dateOfBirth)) },
      });
      expect(res.json().reasons[0].code).toBe('VERIFY_CARD_CHECKS_PAUSED');
    } finally {
      await other.app.close();
    }
  });

  it('the pause is per counter and ID: the citizen is still verified at any other counter, and this counter still verifies others', async () => {
    expect((await verifyAt(staff['bv-a'], card(AN.personalId, AN.fullName, '12051984'))).json().valid).toBe(true);
    expect((await verifyAt(staff['bv-c'], card(BICH.personalId, BICH.fullName, '03021986', 'Nữ'))).json().valid).toBe(true);
  });

  it('reaching the limit raises an audit event the province’s auditor sees (not another province’s)', async () => {
    const alerts = await alertsOf(auditor);
    const forAn = alerts.filter((a) => a.kind === 'personal_id' && a.personalId === '082******234');
    expect(forAn.map((a) => a.relyingParty.code).sort()).toEqual(['bv-c', 'bv-e']);
    expect(alerts.some((a) => a.relyingParty.code === 'bv-d' && a.personalId === '082******998')).toBe(true);
    expect(forAn[0].message).toMatch(/không khớp/);
    expect(await alertsOf(otherAuditor)).toEqual([]);
    // An auditor limited to a commune sees the counters of its province.
    expect(await alertsOf(await t.officer('kiemtra.xa', 'auditor', COMMUNE_A))).toEqual(alerts);
    // The event is in the audit chain, on the person, so their access log shows it as well.
    const log = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'credential.card_qr.paused'`, [AN.personalId]);
    expect(log.rows).toHaveLength(2);
  });
});

describe('spraying one date each at many IDs', () => {
  it('the counter’s failures are bounded too: past the budget every card check at that counter is paused, and the auditor is told', async () => {
    const who = staff['bv-f'];
    const codes: string[] = [];
    for (let i = 0; i < CARD_QR_FAILURES_PER_COUNTER + 5; i++) {
      const id = `0820840${String(10000 + i).slice(1)}0`;
      codes.push((await verifyAt(who, card(id, 'Nguyễn Văn Thử', '01011984'))).json().reasons[0].code);
    }
    expect(codes.slice(0, CARD_QR_FAILURES_PER_COUNTER)).toEqual(Array(CARD_QR_FAILURES_PER_COUNTER).fill('VERIFY_CARD_UNCONFIRMED'));
    expect(new Set(codes.slice(CARD_QR_FAILURES_PER_COUNTER))).toEqual(new Set(['VERIFY_CARD_CHECKS_PAUSED_COUNTER']));
    // Even a true card is not compared any more at this counter (it would otherwise be an answer).
    expect((await verifyAt(who, card(AN.personalId, AN.fullName, '12051984'))).json().reasons[0].code).toBe('VERIFY_CARD_CHECKS_PAUSED_COUNTER');
    expect((await alertsOf(auditor)).filter((a) => a.kind === 'counter' && a.relyingParty.code === 'bv-f')).toHaveLength(1);
  }, 60_000);

  it('the counter of another province keeps its own budget and its own auditor', async () => {
    expect((await verifyAt(staff['bv-79'], card(AN.personalId, AN.fullName, '12051984'))).json().valid).toBe(true);
    expect(await alertsOf(otherAuditor)).toEqual([]);
  });
});

describe('a death is not told either', () => {
  it('the exact card of a person who has died answers as an unknown number', async () => {
    const headers = await apiCounter('cam-do-khai-tu');
    const post = (qr: string) => t.app.inject({ method: 'POST', url: '/api/v1/verifications', headers, payload: { qr } });
    const commune = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/people/${BICH.personalId}/death`, headers: commune.headers, payload: { dateOfDeath: '2026-11-20' } })).statusCode).toBe(200);
    const dead = await post(card(BICH.personalId, BICH.fullName, '03021986', 'Nữ'));
    const unknown = await post(card('082186009999', BICH.fullName, '03021986', 'Nữ'));
    expect(dead.json().registry).toEqual({ status: 'unconfirmed', differences: [] });
    expect(comparable(dead)).toBe(comparable(unknown));
  });
});
