import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { chipOf, trustTestCsca } from '../../testing/chip.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { syntheticPortrait } from '../registry/index.js';
import { buildTestCard } from './chip/testing.js';

// The registry's portrait at a counter: shown for a signed identity QR when the relying party's purpose
// allows `photo` and the citizen chose it, listed then in the audit entry's fields; never for the
// unsigned printed card QR; the chip shows its own face (DG2).

let t: TestApp;
let hospitalStaff: Session;
let notaryStaff: Session;
let an: CitizenSession;
const AN = SIGN_UPS.an;
const FACE = syntheticPortrait({ personalId: AN.personalId, sex: 'Nam', dateOfBirth: AN.dateOfBirth });
const FACE_URL = `data:image/jpeg;base64,${FACE.toString('base64')}`;
const CARD_QR = `${AN.personalId}|123456789|${AN.fullName}|12051984|Nam|Số 1, khu phố 1|01062021`;

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url, headers, payload });
const qrFor = async (fields: string[]) => {
  const res = await inject('POST', '/api/v1/citizen/identity-qr', an.headers, { fields });
  expect(res.statusCode).toBe(200);
  return res.json() as { token: string; fields: string[] };
};
const verifyAt = (s: Session, qr: string) => inject('POST', '/api/v1/verifications', s.headers, { qr });
const lastEntryFields = async (action: string) => (await t.db.query<{ fields: string[] }>(
  'SELECT fields FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT 1', [action, AN.personalId])).rows[0]?.fields;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  const admin = await t.officer('quantri', 'admin', '82');
  const commune = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
  const add = async (body: object) => {
    const res = await inject('POST', '/api/v1/relying-parties', admin.headers, body);
    expect(res.statusCode).toBe(201);
    return res.json().relyingParty.id as number;
  };
  const hospital = await add({
    code: 'bv-mau', name: 'Bệnh viện mẫu', type: 'hospital', purpose: 'Tiếp đón người bệnh', minLevel: 1, provinceCode: '82',
    allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'photo'],
  });
  const notary = await add({
    code: 'cong-chung-mau', name: 'Công chứng mẫu', type: 'notary', purpose: 'Công chứng hợp đồng', minLevel: 1, provinceCode: '82',
    allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex'],
  });
  hospitalStaff = await t.officer('bv.nv', 'rp_staff', '82', hospital);
  notaryStaff = await t.officer('cc.nv', 'rp_staff', '82', notary);
  const set = await inject('PUT', `/api/v1/people/${AN.personalId}/photo`, commune.headers, { image: FACE.toString('base64'), source: 'card' });
  expect(set.statusCode).toBe(200);
  an = await registerCitizen(t, AN);
  await trustTestCsca(t);
});
afterAll(() => t.close());

describe('identity QR', () => {
  it('the portrait never travels in the code, even when chosen', async () => {
    const qr = await qrFor(['full_name', 'photo']);
    expect(qr.fields).toEqual(['full_name', 'photo']);
    const claims = JSON.parse(Buffer.from(qr.token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.photo).toBeUndefined();
    expect(qr.token.length).toBeLessThan(600);
  });

  it('a counter whose purpose allows photo sees the registry portrait the citizen chose to show; the audit entry lists photo', async () => {
    const out = (await verifyAt(hospitalStaff, (await qrFor(['full_name', 'date_of_birth', 'photo'])).token)).json();
    expect(out).toMatchObject({ valid: true, person: { full_name: AN.fullName, photo: FACE_URL } });
    expect(await lastEntryFields('credential.verify.identity_qr')).toEqual(['full_name', 'date_of_birth', 'photo']);
  });

  it('not chosen by the citizen: withheld, not shown, not in the audit entry', async () => {
    const out = (await verifyAt(hospitalStaff, (await qrFor(['full_name'])).token)).json();
    expect(out.person).toEqual({ full_name: AN.fullName });
    expect(out.withheld).toContain('photo');
    expect(await lastEntryFields('credential.verify.identity_qr')).toEqual(['full_name']);
  });

  it('a purpose without photo never sees it, even when the citizen chose it', async () => {
    const out = (await verifyAt(notaryStaff, (await qrFor(['full_name', 'photo'])).token)).json();
    expect(out).toMatchObject({ valid: true, person: { full_name: AN.fullName } });
    expect(out.person.photo).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain(FACE.toString('base64').slice(0, 40));
    expect(await lastEntryFields('credential.verify.identity_qr')).toEqual(['full_name']);
  });
});

describe('printed card QR', () => {
  it('never shows the registry portrait, even to a purpose that allows photo: an unsigned code proves nothing about its holder', async () => {
    for (const staff of [hospitalStaff, notaryStaff]) {
      const out = (await verifyAt(staff, CARD_QR)).json();
      expect(out).toMatchObject({ method: 'card_qr', valid: true, person: { full_name: AN.fullName } });
      expect(out.person.photo).toBeUndefined();
      expect(JSON.stringify(out)).not.toContain(FACE.toString('base64').slice(0, 40));
      expect(await lastEntryFields('credential.verify.card_qr')).not.toContain('photo');
    }
  });
});

describe('chip card', () => {
  const chipBody = async (face?: Buffer) => chipOf({ ...AN, sex: 'Nam', legacyId: '123456789' }, { face });

  it("shows DG2's JPEG face of an authentic chip", async () => {
    const out = (await inject('POST', '/api/v1/verifications/chip', notaryStaff.headers, await chipBody(FACE))).json();
    expect(out).toMatchObject({ method: 'chip', valid: true, chipFace: { mediaType: 'image/jpeg', displayable: true, dataUrl: FACE_URL } });
    expect(out.person.photo).toBeUndefined();
    // Shown, so listed in the audit entry and the citizen's history, as any field shown.
    expect(await lastEntryFields('credential.verify.chip')).toEqual(['personal_id', 'full_name', 'date_of_birth', 'sex', 'chip_face']);
    const history = (await inject('GET', '/api/v1/citizen/verifications', an.headers)).json();
    expect(JSON.stringify(history)).toContain('Ảnh chân dung trong chip');
  });

  it('a JPEG 2000 face is named but not sent (browsers cannot show it); no DG2, no face', async () => {
    const jp2 = Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]), Buffer.alloc(32, 1)]);
    const out = (await inject('POST', '/api/v1/verifications/chip', notaryStaff.headers, await chipBody(jp2))).json();
    expect(out.chipFace).toEqual({ mediaType: 'image/jp2', displayable: false, dataUrl: null });
    expect(await lastEntryFields('credential.verify.chip')).not.toContain('chip_face');
    const none = (await inject('POST', '/api/v1/verifications/chip', notaryStaff.headers, await chipBody())).json();
    expect(none).toMatchObject({ valid: true, chipFace: null });
  });

  it('a DG2 changed after signing shows no face', async () => {
    const card = await buildTestCard({ personalId: AN.personalId, fullName: AN.fullName, dateOfBirth: AN.dateOfBirth, sex: 'M', legacyId: '123456789', expiresOn: '2045-01-01' }, { face: FACE, tamper: 'dg2' });
    const out = (await inject('POST', '/api/v1/verifications/chip', notaryStaff.headers, { sod: card.sod, dg1: card.dg1, dg2: card.dg2, dg13: card.dg13 })).json();
    expect(out.valid).toBe(false);
    expect(out.chipFace).toBeNull();
  });
});
