import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';

// The citizen's document store, continued (issue 16): a signed result is also an SD-JWT VC in the holder's wallet,
// verified at a counter and revoked with its document; and a document is shared by a time-limited link whose
// every opening is in the holder's access history.

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let justice: Session;
let registry: Session;
let staff: Session;
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const STORE = '/api/v1/citizen/documents';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const UA_PHONE = 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

let documentId: string;
let pdf: Buffer;
let now = Date.now();

beforeAll(async () => {
  t = await testApp();
  t.services.documents.useClock(() => new Date(now));
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  justice = await t.officer('tuphap.share', 'province_justice_officer', '82');
  const justiceHead = await t.officer('lanhdao.tuphap.share', 'province_justice_officer', '82');
  registry = await t.officer('hotich.share', 'commune_registry', COMMUNE_A);
  const admin = await t.officer('quantri.share', 'admin', '82');
  const rp = await inject('POST', '/api/v1/relying-parties', admin.headers, {
    code: 'cong-ty-x', name: 'Công ty TNHH X', type: 'hospital', purpose: 'Tuyển dụng', allowedFields: ['full_name'], minLevel: 1, provinceCode: '82',
  });
  expect(rp.statusCode, rp.body).toBe(201);
  staff = await t.officer('congty.nv', 'rp_staff', '82', rp.json().relyingParty.id);

  const d = await inject('POST', DOSSIERS, an.headers, { procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' } });
  expect(d.statusCode, d.body).toBe(201);
  const s = await inject('POST', `${DOSSIERS}/${d.json().id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
  expect(s.statusCode, s.body).toBe(201);
  const id = s.json().id as number;
  expect((await act(justice, id, 'reception')).statusCode).toBe(200);
  expect((await act(justice, id, 'processing')).statusCode).toBe(200);
  const approved = await act(justiceHead, id, 'approval', { result: { convictions: 'none' } });
  expect(approved.statusCode, approved.body).toBe(200);
  documentId = (await t.db.query<{ id: string }>('SELECT id FROM signed_documents WHERE source_id = $1', [id])).rows[0]!.id;
  pdf = (await inject('GET', `${STORE}/${documentId}/pdf`, an.headers)).rawPayload;
}, 180_000);
afterAll(() => t.close());

type WalletDoc = { id: string; type: string; status: string; claims: { claim: string; text: string; selective: boolean }[] };
const resultInWallet = async (who: CitizenSession) =>
  ((await inject('GET', '/api/v1/citizen/wallet', { cookie: who.cookie })).json() as WalletDoc[]).find((w) => w.type === 'result-criminal-record');
const present = async (walletId: string, claims: string[]) => {
  const p = await inject('POST', `/api/v1/citizen/wallet/${walletId}/presentations`, an.headers, { claims });
  expect(p.statusCode, p.body).toBe(200);
  return p.json().presentation as string;
};
const share = (who: CitizenSession, id: string, validity?: string) => inject('POST', `${STORE}/${id}/share-links`, who.headers, validity ? { validity } : {});
const pathOf = (url: string) => `/api/v1/shared-documents/${url.split('/shared/')[1]}`;

describe('authorization', () => {
  it('links and history need the holder: anyone else reads the document as absent; the shared page needs no sign-in', async () => {
    expect((await inject('POST', `${STORE}/${documentId}/share-links`, {}, {})).statusCode).toBe(401);
    expect((await inject('GET', `${STORE}/${documentId}/accesses`, justice.headers)).statusCode).toBe(401);
    const other = await share(bich, documentId);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('SIGNED_DOCUMENT_NOT_FOUND');
    expect((await inject('GET', `${STORE}/${documentId}/share-links`, bich.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${STORE}/${documentId}/accesses`, bich.headers)).statusCode).toBe(404);
    const mine = await share(an, documentId);
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await inject('POST', `${STORE}/${documentId}/share-links/${mine.json().id}/revocation`, bich.headers)).statusCode).toBe(404);
    expect((await inject('GET', pathOf(mine.json().url))).statusCode).toBe(200);
  });
});

describe('the result in the wallet (SD-JWT VC)', () => {
  it('is issued with the signed document, says which document it is, and carries the PDF\'s SHA-256', async () => {
    const items = (await inject('GET', STORE, an.headers)).json().items as { id: string; inWallet: boolean }[];
    expect(items.find((i) => i.id === documentId)?.inWallet).toBe(true);
    const w = await resultInWallet(an);
    expect(w).toMatchObject({ status: 'valid' });
    const claim = (name: string) => w!.claims.find((c) => c.claim === name);
    expect(claim('document_id')).toMatchObject({ text: documentId, selective: false });
    expect(claim('document_title')?.text).toBe('Phiếu lý lịch tư pháp');
    expect(claim('criminal_record')).toMatchObject({ text: 'Không có án tích', selective: true });
    expect(claim('holder_personal_id')?.text).toBe(SIGN_UPS.an.personalId);
    expect(claim('pdf_sha256')?.text).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await resultInWallet(bich)).toBeUndefined();
  });

  it('a counter verifies a presentation of chosen claims; the wallet\'s own revocation is refused (the unit revokes the document)', async () => {
    const w = (await resultInWallet(an))!;
    const out = (await inject('POST', '/api/v1/verifications', staff.headers, { qr: await present(w.id, ['criminal_record', 'pdf_sha256']) })).json();
    expect(out).toMatchObject({ method: 'wallet', valid: true, document: { type: 'result-criminal-record' } });
    expect(out.document.claims.map((c: { claim: string }) => c.claim).sort()).toEqual(['criminal_record', 'document_id', 'document_kind', 'document_title', 'pdf_sha256']);
    const refused = await inject('POST', `/api/v1/wallet/documents/${w.id}/revoke`, registry.headers, { reason: 'Thu hồi thử' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('WALLET_DOCUMENT_IS_RESULT');
  });
});

describe('share links', () => {
  it('open the document and its PDF without sign-in, each opening in the holder\'s access history', async () => {
    const res = await share(an, documentId, '1h');
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json();
    expect(link).toMatchObject({ status: 'active', accesses: 0 });
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(3600_000);
    const token = link.url.split('/shared/')[1] as string;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = await t.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM document_share_links WHERE id = $1', [link.id]);
    expect(stored.rows[0]!.token_sha256).toBe(createHash('sha256').update(token).digest('hex'));

    const seen = await t.app.inject({ method: 'GET', url: pathOf(link.url), headers: { 'user-agent': UA_PHONE } });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ authentic: true, document: { id: documentId, title: 'Phiếu lý lịch tư pháp', revoked: false }, sharedUntil: link.expiresAt });
    const file = await t.app.inject({ method: 'GET', url: `${pathOf(link.url)}/pdf`, headers: { 'user-agent': UA_PHONE } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);

    const history = await inject('GET', `${STORE}/${documentId}/accesses`, an.headers);
    expect(history.statusCode).toBe(200);
    const mine = history.json().items.filter((a: { linkId: string }) => a.linkId === link.id);
    expect(mine.map((a: { what: string }) => a.what)).toEqual(['pdf', 'view']);
    expect(mine[0]).toMatchObject({ client: 'Chrome trên Android', clientAddress: '127.0.0.1' });
    const links = (await inject('GET', `${STORE}/${documentId}/share-links`, an.headers)).json().items;
    expect(links.find((l: { id: string }) => l.id === link.id)).toMatchObject({ status: 'active', accesses: 2 });
    await t.services.audit.drain();
    const reads = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'documents.shared-read' AND subject_id = $1`, [SIGN_UPS.an.personalId]);
    expect(reads.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('an expired link, a revoked one and an unknown token answer alike', async () => {
    const expiring = (await share(an, documentId)).json();
    expect(Date.parse(expiring.expiresAt) - Date.parse(expiring.createdAt)).toBe(15 * 60_000);
    const revoked = (await share(an, documentId, '7d')).json();
    const r = await inject('POST', `${STORE}/${documentId}/share-links/${revoked.id}/revocation`, an.headers);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('revoked');
    const again = await inject('POST', `${STORE}/${documentId}/share-links/${revoked.id}/revocation`, an.headers);
    expect(again.json().code).toBe('SHARE_LINK_INACTIVE');

    expect((await inject('GET', pathOf(expiring.url))).statusCode).toBe(200);
    now += 15 * 60_000 + 1000;
    const answers = await Promise.all([
      inject('GET', pathOf(expiring.url)), inject('GET', pathOf(revoked.url)), inject('GET', `/api/v1/shared-documents/${'A'.repeat(43)}`),
      inject('GET', '/api/v1/shared-documents/ngan'), inject('GET', `${pathOf(revoked.url)}/pdf`), inject('GET', `${pathOf(expiring.url)}/pdf`),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.json()).toMatchObject({ code: 'SHARE_LINK_NOT_FOUND', title: 'Liên kết chia sẻ không tồn tại hoặc không còn hiệu lực' });
    }
    expect(new Set(answers.map((a) => a.body.replace(/"instance":"[^"]*"|"requestId":"[^"]*"/g, ''))).size).toBe(1);
    const links = (await inject('GET', `${STORE}/${documentId}/share-links`, an.headers)).json().items;
    expect(links.find((l: { id: string }) => l.id === expiring.id).status).toBe('expired');
  });
});

describe('revocation of the document', () => {
  it('revokes its wallet credential: the counter sees it revoked, /verify and the shared page say revoked, no new link', async () => {
    const w = (await resultInWallet(an))!;
    const presentation = await present(w.id, ['holder_name']);
    const link = (await share(an, documentId, '24h')).json();
    const res = await inject('POST', `/api/v1/documents/${documentId}/revocation`, justice.headers, { reason: 'Cấp nhầm mẫu phiếu' });
    expect(res.statusCode, res.body).toBe(200);
    const out = (await inject('POST', '/api/v1/verifications', staff.headers, { qr: presentation })).json();
    expect(out.valid).toBe(false);
    expect(out.reasons[0].code).toBe('WALLET_REVOKED');
    expect((await resultInWallet(an))!.status).toBe('revoked');
    expect((await inject('GET', pathOf(link.url))).json().document).toMatchObject({ revoked: true });
    expect((await share(an, documentId)).json().code).toBe('SIGNED_DOCUMENT_REVOKED_ALREADY');
  });
});
