import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';

let t: TestApp;
let commune: Session;
let otherCommune: Session;
let admin: Session;
let staff: Session;
let an: CitizenSession;
let le: CitizenSession;

const HEALTH_INSURANCE = {
  cardNumber: 'HS4828401234567', benefitLevel: 4, primaryCareFacility: 'Trung tâm Y tế khu vực Cao Lãnh', primaryCareFacilityCode: '87001',
  validFrom: '2026-01-01', validTo: '2026-12-31',
};
const JUDICIAL_RECORD = {
  form: 1, recordNumber: '1234/2026/LLTP', criminalRecordStatus: 'none', issuingAuthority: 'Công an tỉnh Đồng Tháp', issueDate: '2026-11-02', purpose: 'Bổ sung hồ sơ xin việc',
};

const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const issue = (s: Session, personalId: string, type: string, claims: object) => inject('POST', '/api/v1/wallet/documents', s.headers, { personalId, type, claims });

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  commune = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
  otherCommune = await t.officer('xa.b', 'commune_registry', COMMUNE_B);
  admin = await t.officer('quantri', 'admin', '82');
  const rp = await inject('POST', '/api/v1/relying-parties', admin.headers, {
    code: 'tt-y-te', name: 'Trung tâm Y tế khu vực Cao Lãnh', type: 'hospital', purpose: 'Khám chữa bệnh bảo hiểm y tế', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82',
  });
  staff = await t.officer('yte.nv', 'rp_staff', '82', rp.json().relyingParty.id);
  an = await registerCitizen(t, SIGN_UPS.an);
  le = await registerCitizen(t, SIGN_UPS.le);
});
afterAll(() => t.close());

describe('authorization', () => {
  it('only registry officers of the person\'s area issue; citizens see only their own wallet', async () => {
    expect((await inject('POST', '/api/v1/wallet/documents', {}, { personalId: SIGN_UPS.an.personalId, type: 'health-insurance', claims: HEALTH_INSURANCE })).statusCode).toBe(401);
    expect((await issue(admin, SIGN_UPS.an.personalId, 'health-insurance', HEALTH_INSURANCE)).statusCode).toBe(403);
    expect((await issue(otherCommune, SIGN_UPS.an.personalId, 'health-insurance', HEALTH_INSURANCE)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/citizen/wallet', { cookie: commune.cookie })).statusCode).toBe(401);
  });
});

describe('wallet documents', () => {
  it('an officer issues a health-insurance card with the holder taken from the registry; the citizen sees it', async () => {
    const res = await issue(commune, SIGN_UPS.an.personalId, 'health-insurance', { ...HEALTH_INSURANCE, holderName: 'Tên Khác' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'health-insurance', typeLabel: 'Thẻ bảo hiểm y tế', status: 'valid' });
    const wallet = (await inject('GET', '/api/v1/citizen/wallet', { cookie: an.cookie })).json();
    expect(wallet).toHaveLength(1);
    expect(wallet[0].claims).toContainEqual(expect.objectContaining({ claim: 'holder_name', text: 'Nguyễn Văn An' }));
    expect((await inject('GET', '/api/v1/citizen/wallet', { cookie: le.cookie })).json()).toEqual([]);
    await t.services.audit.drain();
    const reads = await t.db.query<{ fields: string[] }>(`SELECT fields FROM audit_log WHERE action = 'wallet.read' ORDER BY seq`);
    expect(reads.rows.map((r) => r.fields)).toEqual([['health-insurance'], []]);
  });

  it('bad claims are refused field by field, in Vietnamese', async () => {
    const res = await issue(commune, SIGN_UPS.an.personalId, 'health-insurance', { ...HEALTH_INSURANCE, cardNumber: 'XX', benefitLevel: 9 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['cardNumber', 'benefitLevel']));
  });

  it('the citizen presents chosen claims; a counter verifies exactly those, and the citizen sees the verification', async () => {
    const [doc] = (await inject('GET', '/api/v1/citizen/wallet', { cookie: an.cookie })).json();
    const p = await inject('POST', `/api/v1/citizen/wallet/${doc.id}/presentations`, an.headers, { claims: ['card_number', 'holder_name', 'valid_to'] });
    expect(p.statusCode).toBe(200);
    const out = (await inject('POST', '/api/v1/verifications', staff.headers, { qr: p.json().presentation })).json();
    expect(out).toMatchObject({ method: 'wallet', valid: true, document: { type: 'health-insurance' } });
    expect(out.document.claims.map((c: { claim: string }) => c.claim).sort()).toEqual(['card_number', 'holder_name', 'valid_to']);
    expect(out.document.claims).toContainEqual({ claim: 'valid_to', label: 'Giá trị sử dụng đến ngày', text: '31/12/2026' });
    const history = (await inject('GET', '/api/v1/citizen/verifications', { cookie: an.cookie })).json();
    expect(history[0]).toMatchObject({ method: 'wallet', result: 'valid', relyingParty: 'Trung tâm Y tế khu vực Cao Lãnh' });
    expect(history[0].fields).toEqual(expect.arrayContaining(['Mã số thẻ BHYT', 'Giá trị sử dụng đến ngày']));
  });

  it('a presentation asking for a claim the document type does not have is refused', async () => {
    const [doc] = (await inject('GET', '/api/v1/citizen/wallet', { cookie: an.cookie })).json();
    const res = await inject('POST', `/api/v1/citizen/wallet/${doc.id}/presentations`, an.headers, { claims: ['holder_name', 'blood_type'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await inject('POST', '/api/v1/citizen/wallet/khong-co-giay-to-nay/presentations', an.headers, { claims: [] })).json().code).toBe('WALLET_DOCUMENT_NOT_FOUND');
  });

  it('a revoked document fails verification through the published status list', async () => {
    const res = await issue(commune, SIGN_UPS.an.personalId, 'judicial-record', JUDICIAL_RECORD);
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    const p = (await inject('POST', `/api/v1/citizen/wallet/${issued.id}/presentations`, an.headers, { claims: ['holder_name', 'criminal_record_status'] })).json();
    expect((await inject('POST', '/api/v1/verifications', staff.headers, { qr: p.presentation })).json().valid).toBe(true);
    expect((await inject('POST', `/api/v1/wallet/documents/${issued.id}/revoke`, commune.headers, { reason: 'Cấp nhầm' })).statusCode).toBe(204);
    const out = (await inject('POST', '/api/v1/verifications', staff.headers, { qr: p.presentation })).json();
    expect(out.valid).toBe(false);
    expect(out.reasons[0].code).toBe('WALLET_REVOKED');
    const status = await inject('GET', '/api/v1/status-lists/1');
    expect(status.statusCode).toBe(200);
    expect(status.headers['content-type']).toContain('application/statuslist+jwt');
    expect((await inject('POST', `/api/v1/citizen/wallet/${issued.id}/presentations`, an.headers, { claims: [] })).json().code).toBe('WALLET_DOCUMENT_REVOKED');
  });

  it('a tampered presentation is invalid with a reason, never an error', async () => {
    const [doc] = (await inject('GET', '/api/v1/citizen/wallet', { cookie: an.cookie })).json().filter((d: { status: string }) => d.status === 'valid');
    const { presentation } = (await inject('POST', `/api/v1/citizen/wallet/${doc.id}/presentations`, an.headers, { claims: ['holder_name'] })).json();
    const [jwt, ...rest] = presentation.split('~');
    const forged = Buffer.from(JSON.stringify(['c2FsdA', 'holder_name', 'Kẻ Giả Mạo'])).toString('base64url');
    for (const text of [`${jwt}~${forged}~`, `${jwt.slice(0, -3)}AAA~${rest.join('~')}`, 'a~b~c']) {
      const res = await inject('POST', '/api/v1/verifications', staff.headers, { qr: text });
      expect(res.statusCode).toBe(200);
      expect(res.json().valid).toBe(false);
      expect(res.json().reasons.length).toBeGreaterThan(0);
    }
  });
});
