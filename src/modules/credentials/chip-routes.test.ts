import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUST_KEEPING_ROLES, testApp, type Session, type TestApp } from '../../testing/app.js';
import { insertFixturePeople } from '../registry/testing.js';
import { buildTestCard, type TestCard, type TestPerson } from './chip/testing.js';

let t: TestApp;
let admin: Session;
let staff: Session;
let card: TestCard;

/** Nguyễn Văn An of the registry fixtures, as his chip card says it. */
const AN: TestPerson = {
  personalId: '082084001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', sex: 'M', legacyId: '123456789',
  issuedOn: '2021-06-01', expiresOn: '2044-05-12', nationality: 'Việt Nam', ethnicity: 'Kinh', religion: 'Không',
};

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const chipOf = (c: TestCard) => ({ sod: c.sod, dg1: c.dg1, ...(c.dg2 && { dg2: c.dg2 }), ...(c.dg13 && { dg13: c.dg13 }) });
const verifyChip = (body: object, headers: Record<string, string> = staff.headers) => inject('POST', '/api/v1/verifications/chip', headers, body);
const failed = (out: { checks: { check: string; status: string }[] | null }) => (out.checks ?? []).filter((c) => c.status === 'fail').map((c) => c.check);

beforeAll(async () => {
  // A deployment whose administrator keeps the trust list; src/roles.ts gives no province role `trust.manage`.
  t = await testApp({}, { roles: TRUST_KEEPING_ROLES });
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  const rp = await inject('POST', '/api/v1/relying-parties', admin.headers, {
    code: 'cong-chung-so-1', name: 'Văn phòng công chứng số 1', type: 'notary', purpose: 'Công chứng hợp đồng', allowedFields: ['personal_id', 'full_name', 'date_of_birth'], minLevel: 1, provinceCode: '82',
  });
  staff = await t.officer('cc.nv', 'rp_staff', '82', rp.json().relyingParty.id);
  card = await buildTestCard(AN);
});
afterAll(() => t.close());

describe('authorization', () => {
  it('only counters verify chips; only administrators keep the trust list', async () => {
    expect((await verifyChip(chipOf(card), {})).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/trust/csca', { cookie: staff.cookie })).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/trust/csca', staff.headers, { pem: card.cscaPem })).statusCode).toBe(403);
    expect((await inject('DELETE', `/api/v1/trust/csca/${'a'.repeat(64)}`, { cookie: admin.cookie })).statusCode).toBe(403); // no CSRF header
  });

  it('a province administrator (src/roles.ts) sees the trust list but may not change it: that is the operator\'s (`da06 trust`)', async () => {
    const province = await testApp();
    try {
      const provinceAdmin = await province.officer('quantri.tinh', 'admin', '82');
      const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
        province.app.inject({ method, url, headers, payload });
      expect((await call('GET', '/api/v1/trust/csca', { cookie: provinceAdmin.cookie })).statusCode).toBe(200);
      const added = await call('POST', '/api/v1/trust/csca', provinceAdmin.headers, { pem: card.cscaPem });
      expect(added.statusCode).toBe(403);
      expect(added.json().code).toBe('FORBIDDEN');
      const removed = await call('DELETE', `/api/v1/trust/csca/${'a'.repeat(64)}`, provinceAdmin.headers);
      expect(removed.statusCode).toBe(403);
      expect(removed.json().code).toBe('FORBIDDEN');
      expect((await call('GET', '/api/v1/trust/csca', { cookie: provinceAdmin.cookie })).json()).toEqual([]);
      const entries = await province.db.query(`SELECT 1 FROM audit_log WHERE action LIKE 'credentials.csca.%'`);
      expect(entries.rows).toEqual([]);
    } finally {
      await province.close();
    }
  }, 300_000);
});

describe('chip card at a counter', () => {
  it('before the CSCA is trusted the chip is not authentic', async () => {
    const out = (await verifyChip(chipOf(card))).json();
    expect(out).toMatchObject({ method: 'chip', valid: false, person: {} });
    expect(failed(out)).toContain('certificate_chain');
  });

  it('a chip that fails passive authentication is made-up data: it is never compared with the registry (issue 12 §2)', async () => {
    const real = (await verifyChip(chipOf(card))).json();
    const wrongDate = (await verifyChip(chipOf(await buildTestCard({ ...AN, dateOfBirth: '1984-05-13' })))).json();
    const nobody = (await verifyChip(chipOf(await buildTestCard({ ...AN, personalId: '082084009999' })))).json();
    for (const out of [real, wrongDate, nobody]) {
      expect(out).toMatchObject({ valid: false, person: {}, registry: null });
      expect(out.reasons.map((r: { code: string }) => r.code)).not.toContain('VERIFY_CARD_MISMATCH');
    }
  });

  it('with the CSCA in the trust list, an untouched chip of a living registry person is valid, each check reported', async () => {
    const added = await inject('POST', '/api/v1/trust/csca', admin.headers, { pem: card.cscaPem });
    expect(added.statusCode).toBe(200);
    expect(added.json().added).toBe(true);
    expect((await inject('GET', '/api/v1/trust/csca', { cookie: admin.cookie })).json()).toHaveLength(1);
    const out = (await verifyChip(chipOf(card))).json();
    expect(out.reasons).toEqual([]);
    expect(out).toMatchObject({ valid: true, registry: { status: 'match', differences: [] } });
    expect(out.person).toEqual({ personal_id: AN.personalId, full_name: 'Nguyễn Văn An', date_of_birth: '1984-05-12' });
    expect(failed(out)).toEqual([]);
    expect(out.checks.map((c: { check: string }) => c.check)).toEqual(expect.arrayContaining(['sod_signature', 'certificate_chain', 'certificate_validity', 'dg_hash', 'dg1_mrz']));
  });

  it('a tampered data group, a wrong signer and an untrusted CSCA each fail their own check', async () => {
    const tampered = (await verifyChip(chipOf(await buildTestCard(AN, { tamper: 'dg13' })))).json();
    expect(tampered.valid).toBe(false);
    expect(failed(tampered)).toContain('dg_hash');
    const wrongSigner = (await verifyChip(chipOf(await buildTestCard(AN, { wrongSignerKey: true })))).json();
    expect(failed(wrongSigner)).toContain('sod_signature');
    const untrusted = (await verifyChip(chipOf(await buildTestCard(AN, { issuer: 'untrusted' })))).json();
    expect(failed(untrusted)).toContain('certificate_chain');
    for (const out of [tampered, wrongSigner, untrusted]) expect(out.person).toEqual({});
  });

  it('an authentic chip of an expired card, or of someone the registry does not know, is not valid', async () => {
    const expired = (await verifyChip(chipOf(await buildTestCard({ ...AN, expiresOn: '2025-05-12' })))).json();
    expect(expired.valid).toBe(false);
    expect(expired.reasons[0].code).toBe('VERIFY_CARD_EXPIRED');
    const stranger = (await verifyChip(chipOf(await buildTestCard({ ...AN, personalId: '082084009999' })))).json();
    expect(stranger.registry.status).toBe('not_found');
    expect(stranger.valid).toBe(false);
  });

  it('undecodable input is a clear reason; oversized input is refused at the door', async () => {
    const notBase64 = await verifyChip({ sod: 'không phải base64!', dg1: card.dg1 });
    expect(notBase64.statusCode).toBe(200);
    expect(notBase64.json().valid).toBe(false);
    expect(notBase64.json().reasons[0].message).toBeTruthy();
    const truncated = (await verifyChip({ sod: card.sod.slice(0, 40), dg1: card.dg1 })).json();
    expect(truncated.valid).toBe(false);
    expect((await verifyChip({ sod: 'A'.repeat(200_000), dg1: card.dg1 })).statusCode).toBe(400);
    expect((await verifyChip({ dg1: card.dg1 })).statusCode).toBe(400);
  });

  it('active authentication counts only with a challenge da06 issued to this counter, used once', async () => {
    const res = await inject('POST', '/api/v1/verifications/chip/challenges', staff.headers);
    expect(res.statusCode).toBe(200);
    const { challenge } = res.json();
    const body = { ...chipOf(card), dg15: card.dg15!, aaChallenge: challenge, aaSignature: card.signChallenge(Buffer.from(challenge, 'base64')) };
    const out = (await verifyChip(body)).json();
    expect(out.valid).toBe(true);
    expect(out.checks.find((c: { check: string }) => c.check === 'active_authentication').status).toBe('pass');
    const replay = (await verifyChip(body)).json();
    expect(replay.valid).toBe(false);
    expect(replay.reasons[0].code).toBe('VERIFY_AA_CHALLENGE_UNKNOWN');
    const madeUp = Buffer.from('12345678').toString('base64');
    const own = (await verifyChip({ ...body, aaChallenge: madeUp, aaSignature: card.signChallenge(Buffer.from(madeUp, 'base64')) })).json();
    expect(own.reasons[0].code).toBe('VERIFY_AA_CHALLENGE_UNKNOWN');
  });

  it('removing the CSCA makes its chips untrusted again', async () => {
    const [csca] = (await inject('GET', '/api/v1/trust/csca', { cookie: admin.cookie })).json();
    expect((await inject('DELETE', `/api/v1/trust/csca/${csca.fingerprint}`, admin.headers)).statusCode).toBe(204);
    expect(failed((await verifyChip(chipOf(card))).json())).toContain('certificate_chain');
    expect((await inject('POST', '/api/v1/trust/csca', admin.headers, { pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })).statusCode).toBe(422);
  });
});
