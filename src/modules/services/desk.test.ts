// The one-stop desk's counter intake (channel 1), the papers Mẫu 02–04 as PDF and the close-out of
// unanswered supplement requests, through HTTP (counter.ts, receipt-paper.ts, close-out.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { BIRTH_LIKE, PDF_BYTES, PNG_BYTES, fixtureCatalogue, fixtureForms } from './testing.js';
import { loadWorkCalendar } from './calendar/index.js';
import { loadSupplementTimeLimit, supplementExpiry } from './close-out.js';

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let deskB: Session;
let police: Session;
let registryOfficer: Session;
let fixedNow: Date | undefined;
const setNow = (d: Date) => {
  fixedNow = d;
};

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const vn = (local: string) => new Date(`${local}+07:00`);
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const COUNTER = '/api/v1/services/officer/counter';
const b64 = (b: Buffer) => b.toString('base64');

/** The text of a PDF (Poppler's pdftotext, installed by .ci/run); undefined when it is not installed. */
function pdfText(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'da06-desk-'));
  try {
    writeFileSync(path.join(dir, 'p.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const expectText = (pdf: Buffer, ...parts: string[]) => {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  if (text !== undefined) for (const p of parts) expect(text).toContain(p);
};

const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: number }>(sql, params)).rows[0].n);
const auditCount = (action: string, subjectId: string) => count('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = $2', [action, subjectId]);
const outbox = async () => (await t.db.query<{ body: string }>('SELECT body FROM outbox ORDER BY id DESC LIMIT 5')).rows.map((r) => r.body);
const act = (s: Session, id: number, p: string, body: object = {}) => inject('POST', `${DESK}/${id}/${p}`, s.headers, body);

/** An online dossier of An's, submitted with its birth paper. */
async function submitted(): Promise<{ id: number; code: string }> {
  const d = (await inject('POST', DOSSIERS, an.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Con' } })).json() as { id: number };
  await inject('POST', `${DOSSIERS}/${d.id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: b64(PDF_BYTES) });
  const res = await inject('POST', `${DOSSIERS}/${d.id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const counterBody = (over: object = {}) => ({
  procedure: BIRTH_LIKE.slug, personalId: SIGN_UPS.an.personalId,
  form: { childName: 'Nguyễn Thị Mai', applicant: { fullName: 'Tên khác' } },
  documents: [{ kind: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', content: b64(PDF_BYTES) }],
  ...over,
});
const receiveAtCounter = (s: Session, body: object, key: string = randomUUID()) => inject('POST', `${COUNTER}/dossiers`, { ...s.headers, 'idempotency-key': key }, body);

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms, clock: () => fixedNow ?? new Date() });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
  t.services.identity.forgetCitizenSessions();
  bich = await registerCitizen(t, SIGN_UPS.bich);
  desk = await t.officer('motcua.a', 'one_stop_officer', COMMUNE_A);
  deskB = await t.officer('motcua.b', 'one_stop_officer', COMMUNE_B);
  police = await t.officer('congan.a', 'commune_police', COMMUNE_A);
  registryOfficer = await t.officer('dancu.a', 'commune_registry', COMMUNE_A);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  fixedNow = undefined;
});

describe('authorization', () => {
  it('keeps the counter to the one-stop desk, its procedures and its province', async () => {
    const lookup = `${COUNTER}/applicants/${SIGN_UPS.an.personalId}?procedure=${BIRTH_LIKE.slug}`;
    expect((await inject('GET', lookup)).statusCode).toBe(401);
    expect((await inject('GET', lookup, registryOfficer.headers)).statusCode).toBe(403);
    expect((await receiveAtCounter(registryOfficer, counterBody())).statusCode).toBe(403);
    // The police do not receive the people's committee's procedures: absent for them.
    const other = await inject('GET', lookup, police.headers);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('PROCEDURE_NOT_FOUND');
    // A person of another province reads as absent.
    expect((await inject('GET', `${COUNTER}/applicants/079175005678?procedure=${BIRTH_LIKE.slug}`, desk.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${COUNTER}/applicants/12345?procedure=${BIRTH_LIKE.slug}`, desk.headers)).statusCode).toBe(400);
  });
});

describe('counter intake', () => {
  it('finds the citizen by personal ID with the form prefilled and locked from the registry, audited with its purpose', async () => {
    const before = await auditCount('services.counter.applicant-read', SIGN_UPS.an.personalId);
    const res = await inject('GET', `${COUNTER}/applicants/${SIGN_UPS.an.personalId}?procedure=${BIRTH_LIKE.slug}`, desk.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      person: { fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId }, hasAccount: true,
      form: { applicant: { fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId } },
      documents: [{ id: 'giay-chung-sinh', required: true }], notRequired: ['Giấy tờ chứng minh nơi cư trú'],
    });
    expect(res.json().prefilledFields).toEqual(expect.arrayContaining(['applicant.fullName', 'applicant.personalId']));
    expect(await auditCount('services.counter.applicant-read', SIGN_UPS.an.personalId)).toBe(before + 1);
    const purposes = (await t.db.query<{ purpose: string }>("SELECT purpose FROM audit_log WHERE action = 'services.counter.applicant-read' ORDER BY seq DESC LIMIT 1")).rows;
    expect(purposes[0].purpose).toBe('Tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa');
  });

  it('refuses a scan by its content, and a dossier missing a paper, creating nothing', async () => {
    const n = await count("SELECT count(*)::int AS n FROM dossiers WHERE channel = 'direct'", []);
    const renamed = await receiveAtCounter(desk, counterBody({ documents: [{ kind: 'giay-chung-sinh', fileName: 'giay.pdf', content: b64(PNG_BYTES) }] }));
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'documents.0.fileName', code: 'DOCUMENT_TYPE_MISMATCH' }] });
    const text = await receiveAtCounter(desk, counterBody({ documents: [{ kind: 'giay-chung-sinh', fileName: 'giay', content: b64(Buffer.from('khong phai tep')) }] }));
    expect(text.json().errors[0]).toMatchObject({ field: 'documents.0.content', code: 'DOCUMENT_TYPE' });
    const platform = await receiveAtCounter(desk, counterBody({ documents: [{ kind: 'giay-to-cu-tru', fileName: 'a.pdf', content: b64(PDF_BYTES) }] }));
    expect(platform.json().errors[0]).toMatchObject({ field: 'documents.0.kind', code: 'DOCUMENT_NOT_UPLOADED' });
    const missing = await receiveAtCounter(desk, counterBody({ documents: [] }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ field: 'documents.giay-chung-sinh', code: 'DOCUMENT_MISSING' });
    expect((await receiveAtCounter(desk, counterBody(), 'short')).json().code).toBe('DOSSIER_IDEMPOTENCY_KEY_REQUIRED');
    // Someone without an e-ID account: the desk helps them register first (NĐ 118 Art. 17).
    const noAccount = await receiveAtCounter(desk, counterBody({ personalId: SIGN_UPS.binh.personalId }));
    expect(noAccount.statusCode).toBe(409);
    expect(noAccount.json().code).toBe('DOSSIER_APPLICANT_NO_ACCOUNT');
    expect(await count("SELECT count(*)::int AS n FROM dossiers WHERE channel = 'direct'", [])).toBe(n);
  });

  it('receives at once: one dossier on a double click, numbered, with its appointment and receipt, the citizen\'s own', async () => {
    setNow(vn('2026-02-12T10:00:00'));
    const key = randomUUID();
    const [a, b] = await Promise.all([receiveAtCounter(desk, counterBody(), key), receiveAtCounter(desk, counterBody(), key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const d = a.json() as { id: number; code: string; state: string; channel: string; dueAt: string; replayed: boolean };
    expect(b.json().id).toBe(d.id);
    expect(d).toMatchObject({ state: 'received', channel: 'direct', dueAt: vn('2026-02-24T17:00:00').toISOString() });
    expect(d.code).toMatch(/^UBX\.28249-260212-\d+$/);
    expect(await count("SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key = $1", [key])).toBe(1);
    expect(await auditCount('services.dossier.counter-received', String(d.id))).toBe(1);
    expect((await outbox())[0]).toContain(d.code);
    // A third click, later: still the same dossier.
    expect((await receiveAtCounter(desk, counterBody(), key)).json()).toMatchObject({ id: d.id, replayed: true });

    const detail = (await inject('GET', `${DESK}/${d.id}`, desk.headers)).json();
    expect(detail.form.applicant.fullName).toBe('Nguyễn Văn An');
    expect(detail.form.childName).toBe('Nguyễn Thị Mai');
    expect(detail.documents).toMatchObject([{ kind: 'giay-chung-sinh', uploadedBy: 'officer', mediaType: 'application/pdf' }]);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['receive_at_counter']);

    const receipt = await inject('GET', `${DESK}/${d.id}/receipt`, desk.headers);
    expect(receipt.json()).toMatchObject({ dossierCode: d.code, delivery: 'counter', officer: { name: 'Cán bộ motcua.a' } });
    const paper = await inject('GET', `${DESK}/${d.id}/receipt.pdf`, desk.headers);
    expect(paper.statusCode, paper.body).toBe(200);
    expectText(paper.rawPayload, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', d.code, '24/02/2026');

    // The citizen sees it on their portal, received at the desk.
    const mine = (await inject('GET', DOSSIERS, an.headers)).json().items.find((i: { id: number }) => i.id === d.id);
    expect(mine).toMatchObject({ channel: 'direct', state: 'received', code: d.code });
    expect((await inject('GET', `${DOSSIERS}/${d.id}/receipt.pdf`, an.headers)).statusCode).toBe(200);
    // Another unit's desk, another citizen: absent.
    expect((await inject('GET', `${DESK}/${d.id}`, deskB.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${DESK}/${d.id}/receipt.pdf`, deskB.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, bich.headers)).statusCode).toBe(404);
  });
});

describe('papers (Mẫu 02–04)', () => {
  const paper = (s: Session | CitizenSession, id: number, name: string, officer = true) =>
    inject('GET', `${officer ? DESK : DOSSIERS}/${id}/papers/${name}`, s.headers);

  it('serves the supplement request to its owner and handlers once asked, 404 before and to anyone else; each download audited', async () => {
    const d = await submitted();
    const none = await paper(an, d.id, 'supplement-request', false);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('DOSSIER_PAPER_NOT_FOUND');
    expect((await paper(desk, d.id, 'supplement-request')).statusCode).toBe(404);
    expect((await act(desk, d.id, 'supplement-request', { comment: 'Giấy chứng sinh bị mờ', items: ['Giấy chứng sinh bản rõ nét'] })).statusCode).toBe(200);

    const own = SIGN_UPS.an.personalId;
    const ownReads = await auditCount('services.dossier.own-read', own);
    const mine = await paper(an, d.id, 'supplement-request', false);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expectText(mine.rawPayload, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', d.code, 'Giấy chứng sinh bản rõ nét', 'Giấy chứng sinh bị mờ');
    // The download wrote its read entry (the handler answers with the file, not the reply).
    expect(await auditCount('services.dossier.own-read', own)).toBe(ownReads + 1);

    const deskReads = await auditCount('services.dossier.read', own);
    const handler = await paper(desk, d.id, 'supplement-request');
    expect(handler.statusCode).toBe(200);
    expectText(handler.rawPayload, 'PHIẾU YÊU CẦU BỔ SUNG');
    expect(await auditCount('services.dossier.read', own)).toBe(deskReads + 1);

    expect((await paper(bich, d.id, 'supplement-request', false)).statusCode).toBe(404);
    expect((await paper(deskB, d.id, 'supplement-request')).statusCode).toBe(404);
    expect((await paper(police, d.id, 'supplement-request')).statusCode).toBe(404);
    expect((await paper(an, d.id, 'rejection', false)).statusCode).toBe(404);
    expect((await paper(an, d.id, 'extension', false)).statusCode).toBe(404);
    expect((await paper(an, d.id, 'mau-99', false)).statusCode).toBe(400);
  });

  it('serves the refusal with its reason', async () => {
    const d = await submitted();
    expect((await act(desk, d.id, 'rejection', { comment: 'Thủ tục không thuộc thẩm quyền của xã' })).statusCode).toBe(200);
    for (const [s, officer] of [[an, false], [desk, true]] as const) {
      const res = await paper(s, d.id, 'rejection', officer);
      expect(res.statusCode, res.body).toBe(200);
      expectText(res.rawPayload, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Thủ tục không thuộc thẩm quyền của xã');
    }
    expect((await paper(bich, d.id, 'rejection', false)).statusCode).toBe(404);
  });

  it('serves the apology with the old and the new appointment', async () => {
    setNow(vn('2026-02-12T10:00:00'));
    const d = await submitted();
    await act(desk, d.id, 'reception');
    setNow(vn('2026-02-13T10:00:00'));
    expect((await act(desk, d.id, 'extension', { newDueDate: '2026-02-26', comment: 'Cần xác minh thêm tại nơi sinh' })).statusCode).toBe(200);
    for (const [s, officer] of [[an, false], [desk, true]] as const) {
      const res = await paper(s, d.id, 'extension', officer);
      expect(res.statusCode, res.body).toBe(200);
      expectText(res.rawPayload, 'VĂN BẢN XIN LỖI', '24/02/2026', '26/02/2026', 'Cần xác minh thêm tại nơi sinh');
    }
    expect((await paper(deskB, d.id, 'extension')).statusCode).toBe(404);
  });
});

describe('close-out of unanswered supplement requests', () => {
  it('counts the dated limit from the data file: calendar days end on a working day, working days skip days off', () => {
    const cal = loadWorkCalendar();
    const limit = loadSupplementTimeLimit('2026-03-01');
    expect(limit).toMatchObject({ days: 15, count: 'calendar', mark: 'P' });
    // Asked Mon 02/03/2026: 15 days end with Tue 17/03; closed from 00:00 of 18/03.
    expect(supplementExpiry(cal, vn('2026-03-02T09:00:00'), limit)).toEqual(vn('2026-03-18T00:00:00'));
    // Asked Sun 01/02/2026: the 15th day (16/02) is in the Tết break, so the period runs to the next working day (23/02).
    expect(supplementExpiry(cal, vn('2026-02-01T09:00:00'), limit)).toEqual(vn('2026-02-24T00:00:00'));
    // Three working days from Thu 12/02/2026: 13/02, 23/02, 24/02.
    expect(supplementExpiry(cal, vn('2026-02-12T09:00:00'), { days: 3, count: 'working' })).toEqual(vn('2026-02-25T00:00:00'));
  });

  it('stops a dossier whose citizen did not answer in time, once, with a comment, a text message and one audit entry', async () => {
    const services = t.services.services;
    setNow(vn('2026-03-02T09:00:00'));
    const d = await submitted();
    await act(desk, d.id, 'reception');
    expect((await act(desk, d.id, 'supplement-request', { comment: 'Thiếu chữ ký', items: ['Tờ khai có chữ ký'] })).statusCode).toBe(200);
    // An answered one is never closed.
    const answered = await submitted();
    await act(desk, answered.id, 'supplement-request', { comment: 'Thiếu', items: ['Giấy chứng sinh'] });
    expect((await inject('POST', `${DOSSIERS}/${answered.id}/supplement`, an.headers, { comment: 'Đã bổ sung' })).statusCode).toBe(200);

    setNow(vn('2026-03-17T23:59:00'));
    const early = await services.closeUnansweredSupplements();
    expect(early.closed.map((c) => c.id)).not.toContain(d.id);
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json().state).toBe('supplement_requested');

    setNow(vn('2026-03-18T00:30:00'));
    const run = await services.closeUnansweredSupplements();
    expect(run.closed).toContainEqual({ id: d.id, code: d.code });
    expect(run.closed.map((c) => c.id)).not.toContain(answered.id);
    const mine = (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json();
    expect(mine.state).toBe('stopped');
    const last = mine.timeline.at(-1);
    expect(last.action).toBe('close_unanswered');
    expect(last.comment).toContain('15 ngày kể từ ngày 02/03/2026');
    expect((await outbox()).some((m) => m.includes(d.code) && m.includes('chưa được bổ sung trong thời hạn'))).toBe(true);
    expect(await auditCount('services.dossier.closed-unanswered', String(d.id))).toBe(1);

    // Again: nothing more happens to it.
    const again = await services.closeUnansweredSupplements();
    expect(again.closed.map((c) => c.id)).not.toContain(d.id);
    expect(await auditCount('services.dossier.closed-unanswered', String(d.id))).toBe(1);
    const actor = (await t.db.query<{ actor_kind: string }>("SELECT actor_kind FROM audit_log WHERE action = 'services.dossier.closed-unanswered' AND subject_id = $1", [String(d.id)])).rows;
    expect(actor).toEqual([{ actor_kind: 'system' }]);
  });
});
