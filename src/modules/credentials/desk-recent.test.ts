import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';

/**
 * A counter's recent verifications: a page at a time, searchable, naming each person only as far as the
 * verification showed them to this counter (its purpose's fields), and every person listed audited.
 */
let t: TestApp;
let admin: Session;
let registryOfficer: Session;
let hospitalStaff: Session;
let otherStaff: Session;
let an: CitizenSession;
let bich: CitizenSession;
let ticketKey: string;

const { an: AN, bich: BICH } = SIGN_UPS;
type Headers = Record<string, string>;
interface Recent { total: number; items: { fullName: string | null; personalId: string | null; identified: boolean; result: string }[] }

const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const qrFor = async (c: CitizenSession, fields: string[]) => (await inject('POST', '/api/v1/citizen/identity-qr', c.headers, { fields })).json().token as string;
const verify = async (headers: Headers, qr: string) => {
  const res = await inject('POST', '/api/v1/verifications', headers, { qr });
  expect(res.statusCode, res.body).toBe(200);
};
const recent = async (headers: Headers, query = ''): Promise<Recent> => {
  const res = await inject('GET', `/api/v1/verifications${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Recent;
};
const reads = async (personalId: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'credential.verification.desk-read' AND subject_id = $1`, [personalId])).rows[0].n;

async function addRelyingParty(body: object) {
  const res = await inject('POST', '/api/v1/relying-parties', admin.headers, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { relyingParty: { id: number }; apiKey: string | null };
}

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('qt.recent', 'admin', '82');
  registryOfficer = await t.officer('xa.recent', 'commune_registry', COMMUNE_A);
  const hospital = await addRelyingParty({
    code: 'bv-recent', name: 'Bệnh viện Gần Đây', type: 'hospital', purpose: 'Tiếp đón người bệnh', allowedFields: ['personal_id', 'full_name', 'date_of_birth'], minLevel: 1, provinceCode: '82',
  });
  const other = await addRelyingParty({
    code: 'pk-recent', name: 'Phòng khám Khác', type: 'hospital', purpose: 'Khám bệnh', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82',
  });
  const ticket = await addRelyingParty({
    code: 've-recent', name: 'Quầy vé', type: 'ticketing', purpose: 'Bán vé cho người đủ 18 tuổi', allowedFields: ['age_over_18'], minLevel: 1, provinceCode: '82', withApiKey: true,
  });
  ticketKey = ticket.apiKey!;
  hospitalStaff = await t.officer('bv.recent', 'rp_staff', '82', hospital.relyingParty.id);
  otherStaff = await t.officer('pk.recent', 'rp_staff', '82', other.relyingParty.id);
  an = await registerCitizen(t, AN);
  bich = await registerCitizen(t, BICH);
  // At the hospital: An twice (name and ID shown), Bích once with only her name shown.
  await verify(hospitalStaff.headers, await qrFor(an, ['personal_id', 'full_name']));
  await verify(hospitalStaff.headers, await qrFor(bich, ['full_name']));
  await verify(hospitalStaff.headers, await qrFor(an, ['personal_id', 'full_name', 'date_of_birth']));
  await verify({ authorization: `Bearer ${ticketKey}` }, await qrFor(an, ['age_over_18']));
});

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('lists a counter its own verifications only', async () => {
    expect((await inject('GET', '/api/v1/verifications')).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/verifications', registryOfficer.headers)).statusCode).toBe(403);
    expect(await recent(otherStaff.headers)).toEqual({ total: 0, items: [] });
  });
});

describe("a counter's recent verifications", () => {
  it('names the person as the verification showed them: the name, the personal ID masked', async () => {
    const page = await recent(hospitalStaff.headers);
    expect(page.total).toBe(3);
    expect(page.items.map((v) => [v.fullName, v.identified])).toEqual([['Nguyễn Văn An', true], [BICH.fullName, true], ['Nguyễn Văn An', true]]);
    expect(page.items[0].personalId).toMatch(/^\d{3}\*{6}\d{3}$/);
    expect(page.items[0].personalId).not.toBe(AN.personalId);
    // Bích's QR showed no personal ID: the list has none either.
    expect(page.items[1].personalId).toBeNull();
  });

  it('masks who was verified where the purpose shows neither name nor ID', async () => {
    const page = await recent({ authorization: `Bearer ${ticketKey}` });
    expect(page.items).toEqual([expect.objectContaining({ fullName: null, personalId: null, identified: true, result: 'valid' })]);
    expect(JSON.stringify(page)).not.toContain('Nguyễn');
    // Nor can it find them by name or number.
    expect((await recent({ authorization: `Bearer ${ticketKey}` }, '?q=nguyen')).total).toBe(0);
    expect((await recent({ authorization: `Bearer ${ticketKey}` }, `?q=${AN.personalId}`)).total).toBe(0);
  });

  it('is paginated on the server', async () => {
    const first = await recent(hospitalStaff.headers, '?limit=2');
    const second = await recent(hospitalStaff.headers, '?limit=2&offset=2');
    expect([first.total, first.items.length, second.total, second.items.length]).toEqual([3, 2, 3, 1]);
    expect((await inject('GET', '/api/v1/verifications?limit=1000', hospitalStaff.headers)).statusCode).toBe(400);
  });

  it('searches by name without diacritics and by a part of the personal ID it was shown', async () => {
    expect((await recent(hospitalStaff.headers, '?q=nguyen%20van%20an')).total).toBe(2);
    expect((await recent(hospitalStaff.headers, `?q=${encodeURIComponent(BICH.fullName)}`)).items.map((v) => v.fullName)).toEqual([BICH.fullName]);
    expect((await recent(hospitalStaff.headers, `?q=${AN.personalId.slice(-6)}`)).total).toBe(2);
    // Bích's number was never shown here: it finds nothing.
    expect((await recent(hospitalStaff.headers, `?q=${BICH.personalId}`)).total).toBe(0);
  });

  it('records a read of each person listed with what was shown of them, none for a counter shown nothing', async () => {
    const [anBefore, bichBefore] = [await reads(AN.personalId), await reads(BICH.personalId)];
    await recent(hospitalStaff.headers);
    expect(await reads(AN.personalId)).toBe(anBefore + 2);
    expect(await reads(BICH.personalId)).toBe(bichBefore + 1);
    const fields = (await t.db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_log WHERE action = 'credential.verification.desk-read' AND subject_id = $1 ORDER BY seq DESC LIMIT 1`, [BICH.personalId])).rows[0].fields;
    expect(fields).toEqual(['full_name']);
    const anNow = await reads(AN.personalId);
    await recent({ authorization: `Bearer ${ticketKey}` });
    expect(await reads(AN.personalId)).toBe(anNow);
  });
});
