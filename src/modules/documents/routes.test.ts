import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { PDF_BYTES } from '../services/testing.js';
import { DEVELOPMENT_MARK } from './signing-identity.js';
import { HAS_OPENSSL, HAS_PDFSIG, opensslVerify, pdfsig, verifyLinkOf } from './testing.js';

// Results as signed documents through the HTTP API (issue 16): an approved dossier's result is a PDF signed by the
// unit's (here: the generated development) certificate, checked by pdfsig and OpenSSL, verifiable by anyone from its
// QR link or the file itself, revocable by the issuing unit, and kept in the citizen's document store.

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let justice: Session;
let police: Session;
let otherPolice: Session;
let desk: Session;
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const STORE = '/api/v1/citizen/documents';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);

async function submitted(who: CitizenSession, procedure: string, form: object) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form });
  expect(d.statusCode, d.body).toBe(201);
  const s = await inject('POST', `${DOSSIERS}/${d.json().id}/submission`, { ...who.headers, 'idempotency-key': randomUUID() });
  expect(s.statusCode, s.body).toBe(201);
  return s.json() as { id: number; code: string };
}
const verifyPath = (link: string) => {
  const u = new URL(link);
  return `/api/v1/documents/verify/${u.searchParams.get('d')}?t=${u.searchParams.get('t')}`;
};
type Item = { id: string; title: string; kind: string; dossierCode: string; revoked: boolean; development: boolean; issuerName: string };

let criminal: { id: number; code: string; pdf: Buffer; documentId: string };
let ct07: { id: number; code: string; pdf: Buffer };

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  justice = await t.officer('tuphap.doc', 'province_justice_officer', '82');
  // The officer who handled a dossier may not approve it: a second officer of each agency approves.
  const justiceHead = await t.officer('lanhdao.tuphap.doc', 'province_justice_officer', '82');
  const policeChief = await t.officer('truong.congan.doc', 'commune_police', COMMUNE_A);
  police = await t.officer('congan.doc', 'commune_police', COMMUNE_A);
  otherPolice = await t.officer('congan.khac', 'commune_police', COMMUNE_B);
  desk = await t.officer('motcua.doc', 'one_stop_officer', COMMUNE_A);

  // A criminal-record certificate (signed at the approval) and a residence confirmation (signed at the return).
  const c = await submitted(an, 'cap-phieu-ly-lich-tu-phap', { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' });
  expect((await act(justice, c.id, 'reception')).statusCode).toBe(200);
  expect((await act(justice, c.id, 'processing')).statusCode).toBe(200);
  const approved = await act(justiceHead, c.id, 'approval', { result: { convictions: 'none' } });
  expect(approved.statusCode, approved.body).toBe(200);
  expect((await act(justice, c.id, 'return')).statusCode).toBe(200);
  const cPdf = await inject('GET', `${DOSSIERS}/${c.id}/result.pdf`, an.headers);
  expect(cPdf.statusCode, cPdf.body).toBe(200);
  const signedId = (await t.db.query<{ id: string }>('SELECT id FROM signed_documents WHERE source_id = $1', [c.id])).rows[0]!.id;
  criminal = { ...c, pdf: cPdf.rawPayload, documentId: signedId };

  const r = await submitted(an, 'xac-nhan-thong-tin-cu-tru', { purpose: 'Bổ sung hồ sơ' });
  expect((await act(police, r.id, 'reception')).statusCode).toBe(200);
  expect((await act(police, r.id, 'processing')).statusCode).toBe(200);
  expect((await act(policeChief, r.id, 'approval')).statusCode).toBe(200);
  const returned = await act(police, r.id, 'return');
  expect(returned.statusCode, returned.body).toBe(200);
  const rPdf = await inject('GET', `${DOSSIERS}/${r.id}/result.pdf`, an.headers);
  expect(rPdf.statusCode, rPdf.body).toBe(200);
  ct07 = { ...r, pdf: rPdf.rawPayload };
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('the store needs a citizen; revocation needs documents.revoke; another unit\'s document reads as absent', async () => {
    expect((await inject('GET', STORE)).statusCode).toBe(401);
    expect((await inject('GET', `${STORE}/${criminal.documentId}/pdf`)).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/documents', an.headers)).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/documents', desk.headers)).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/documents/${criminal.documentId}/revocation`, desk.headers, { reason: 'Thu hồi thử' })).statusCode).toBe(403);
    // A commune's police officer does not see nor revoke the province's justice department's certificate.
    expect((await inject('POST', `/api/v1/documents/${criminal.documentId}/revocation`, otherPolice.headers, { reason: 'Thu hồi thử' })).statusCode).toBe(404);
    const list = (await inject('GET', '/api/v1/documents', otherPolice.headers)).json().items as Item[];
    expect(list).toEqual([]);
    // Another citizen's document reads as absent.
    expect((await inject('GET', `${STORE}/${criminal.documentId}/pdf`, bich.headers)).statusCode).toBe(404);
  });
});

describe('a result is a signed PDF', () => {
  it('the certificate and the CT07 are signed (ETSI.CAdES.detached) by the development certificate, said on the paper', async () => {
    for (const pdf of [criminal.pdf, ct07.pdf]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    }
    const row = (await t.db.query<{ sha256: string; development: boolean; certificate_subject: string; kind: string }>(
      'SELECT sha256, development, certificate_subject, kind FROM signed_documents ORDER BY issued_at')).rows;
    expect(row.map((r) => r.kind)).toEqual(['criminal_record', 'residence_confirmation']);
    expect(row.every((r) => r.development && r.certificate_subject.includes(DEVELOPMENT_MARK))).toBe(true);
  });

  it.skipIf(!HAS_PDFSIG)('pdfsig (Poppler) finds each signature valid and covering the whole document', () => {
    for (const pdf of [criminal.pdf, ct07.pdf]) {
      const report = pdfsig(pdf);
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(report).toContain(DEVELOPMENT_MARK);
    }
  });

  it.skipIf(!HAS_OPENSSL)('OpenSSL verifies the extracted CMS over the signed byte range', () => {
    expect(opensslVerify(criminal.pdf)).toMatch(/Verification successful/);
    expect(opensslVerify(ct07.pdf)).toMatch(/Verification successful/);
  });
});

describe('public verification', () => {
  it('the QR link says authentic, who issued it and when, and no more than the paper shows', async () => {
    const link = verifyLinkOf(criminal.pdf);
    expect(link).toMatch(/\/verify\?d=[0-9a-f-]{36}&t=[A-Za-z0-9_-]{20,}$/);
    const res = await inject('GET', verifyPath(link));
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      authentic: true,
      document: { title: 'Phiếu lý lịch tư pháp', dossierCode: criminal.code, holderName: SIGN_UPS.an.fullName, development: true, revoked: false },
    });
    expect(v.document.issuerName).toMatch(/^Sở Tư pháp/);
    expect(JSON.stringify(v)).not.toContain(SIGN_UPS.an.personalId);
    // The check is in the holder's access history.
    const entries = (await t.db.query<{ subject_id: string; actor_id: string }>(`SELECT subject_id, actor_id FROM audit_log WHERE action = 'documents.verified'`)).rows;
    expect(entries).toEqual([{ subject_id: SIGN_UPS.an.personalId, actor_id: 'public' }]);
  });

  it('a wrong token or an unknown document says not authentic, plainly; a malformed one is refused', async () => {
    const u = new URL(verifyLinkOf(criminal.pdf));
    const wrong = await inject('GET', `/api/v1/documents/verify/${u.searchParams.get('d')}?t=${'A'.repeat(22)}`);
    expect(wrong.json()).toEqual({ authentic: false, reason: 'unknown' });
    const unknown = await inject('GET', `/api/v1/documents/verify/${randomUUID()}?t=${u.searchParams.get('t')}`);
    expect(unknown.json()).toEqual({ authentic: false, reason: 'unknown' });
    const bad = await inject('GET', '/api/v1/documents/verify/khong-phai-so?t=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('an uploaded file is authentic only when byte for byte the one issued', async () => {
    const same = await inject('POST', '/api/v1/documents/verify', {}, { content: ct07.pdf.toString('base64') });
    expect(same.json()).toMatchObject({ authentic: true, document: { title: 'Xác nhận thông tin về cư trú', dossierCode: ct07.code } });
    const altered = Buffer.from(ct07.pdf);
    altered[200] = altered[200]! ^ 1;
    expect((await inject('POST', '/api/v1/documents/verify', {}, { content: altered.toString('base64') })).json()).toEqual({ authentic: false, reason: 'unknown' });
    const notPdf = await inject('POST', '/api/v1/documents/verify', {}, { content: Buffer.from('hello').toString('base64') });
    expect(notPdf.statusCode).toBe(422);
    expect(notPdf.json()).toMatchObject({ code: 'SIGNED_DOCUMENT_UPLOAD_REFUSED', title: 'Tệp kiểm tra phải là tệp PDF, không quá 2 MB' });
  });
});

describe('revocation by the issuing unit', () => {
  it('is audited once, shows on the verification, and cannot be repeated', async () => {
    const list = (await inject('GET', '/api/v1/documents', justice.headers)).json().items as Item[];
    expect(list.map((d) => d.id)).toEqual([criminal.documentId]);
    const short = await inject('POST', `/api/v1/documents/${criminal.documentId}/revocation`, justice.headers, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    const res = await inject('POST', `/api/v1/documents/${criminal.documentId}/revocation`, justice.headers, { reason: 'Cấp nhầm mẫu phiếu' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: criminal.documentId, revoked: true });
    const entries = (await t.db.query<{ subject_id: string; purpose: string }>(`SELECT subject_id, purpose FROM audit_log WHERE action = 'documents.revoked'`)).rows;
    expect(entries).toEqual([{ subject_id: SIGN_UPS.an.personalId, purpose: 'Cấp nhầm mẫu phiếu' }]);
    const v = (await inject('GET', verifyPath(verifyLinkOf(criminal.pdf)))).json();
    expect(v).toMatchObject({ authentic: true, document: { revoked: true } });
    expect(v.document.revokedAt).toBeTruthy();
    const again = await inject('POST', `/api/v1/documents/${criminal.documentId}/revocation`, justice.headers, { reason: 'Cấp nhầm mẫu phiếu' });
    expect(again.statusCode).toBe(409);
  });
});

describe('a birth registration', () => {
  it('gives the declaring mother a signed extract that names the child and the allocated personal ID', async () => {
    const leader = await t.officer('lanhdao.doc', 'commune_leader', COMMUNE_A);
    const d = await inject('POST', DOSSIERS, bich.headers, {
      procedure: 'dang-ky-khai-sinh',
      form: { child: { fullName: 'Trần Thị Ký Số', sex: 'Nữ', birthDate: '2026-11-20', birthPlace: 'Trạm y tế xã', hometown: 'Đồng Tháp', ethnicity: 'Kinh', nationality: 'Việt Nam' }, declarant: { relation: 'Mẹ' }, delivery: 'online' },
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as number;
    const up = await inject('POST', `${DOSSIERS}/${id}/documents`, bich.headers, { kind: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', content: PDF_BYTES.toString('base64') });
    expect(up.statusCode, up.body).toBe(201);
    expect((await inject('POST', `${DOSSIERS}/${id}/submission`, { ...bich.headers, 'idempotency-key': randomUUID() })).statusCode).toBe(201);
    expect((await act(desk, id, 'reception')).statusCode).toBe(200);
    expect((await act(desk, id, 'processing')).statusCode).toBe(200);
    const approved = await act(leader, id, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await act(desk, id, 'return')).statusCode).toBe(200);
    const items = (await inject('GET', STORE, bich.headers)).json().items as (Item & { holderName: string })[];
    expect(items).toEqual([expect.objectContaining({ kind: 'birth', title: 'Trích lục khai sinh', holderName: 'Trần Thị Ký Số' })]);
    const pdf = (await inject('GET', `${STORE}/${items[0]!.id}/pdf`, bich.headers)).rawPayload;
    if (HAS_PDFSIG) expect(pdfsig(pdf)).toContain('Signature is Valid.');
    const v = (await inject('GET', verifyPath(verifyLinkOf(pdf)))).json();
    expect(v).toMatchObject({ authentic: true, document: { title: 'Trích lục khai sinh', holderName: 'Trần Thị Ký Số', revoked: false } });
    expect(v.document.issuerName).toMatch(/^Ủy ban nhân dân/);
  });
});

describe('the citizen\'s document store (kho dữ liệu điện tử)', () => {
  it('lists the citizen\'s results and gives the same signed file, each access in their history', async () => {
    const res = await inject('GET', STORE, an.headers);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    expect(items.map((d) => d.kind).sort()).toEqual(['criminal_record', 'residence_confirmation']);
    const others = (await inject('GET', STORE, bich.headers)).json().items as Item[];
    expect(others.some((d) => items.some((mine) => mine.id === d.id))).toBe(false);
    const doc = items.find((d) => d.kind === 'residence_confirmation')!;
    const file = await inject('GET', `${STORE}/${doc.id}/pdf`, an.headers);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.rawPayload.equals(ct07.pdf)).toBe(true);
    const reads = (await t.db.query<{ action: string; actor_kind: string; subject_id: string }>(
      `SELECT action, actor_kind, subject_id FROM audit_log WHERE action IN ('documents.own-list', 'documents.own-read') AND subject_id = $1 ORDER BY seq`, [SIGN_UPS.an.personalId])).rows;
    expect(reads).toEqual([
      { action: 'documents.own-list', actor_kind: 'citizen', subject_id: SIGN_UPS.an.personalId },
      { action: 'documents.own-list', actor_kind: 'citizen', subject_id: SIGN_UPS.an.personalId },
      { action: 'documents.own-read', actor_kind: 'citizen', subject_id: SIGN_UPS.an.personalId },
    ]);
  });
});
