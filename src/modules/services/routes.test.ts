import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { BIRTH_LIKE, PDF_BYTES, PNG_BYTES, RESIDENCE_LIKE, SAME_DAY_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';
import { computeFee, loadCatalogue, validateForm } from './catalogue/index.js';

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let deskB: Session;
let leader: Session;
let police: Session;
let policeB: Session;
let policeLead: Session;
let registryOfficer: Session;
/** The workflow's clock (deadlines, timestamps of changes); the real time when unset. */
let fixedNow: Date | undefined;
const setNow = (d: Date) => {
  fixedNow = d;
};

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** The text of a PDF, read by Poppler's pdftotext (installed by .ci/run). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'da06-paper-'));
  try {
    writeFileSync(path.join(dir, 'p.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const inject = (method: Method, url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const vn = (local: string) => new Date(`${local}+07:00`);
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const CHILD = { childName: 'Nguyễn Văn Con' };

/** A citizen at e-ID level 2 (as after the officer's check at the police counter). */
async function level2(signUp: (typeof SIGN_UPS)[keyof typeof SIGN_UPS]): Promise<CitizenSession> {
  const session = await registerCitizen(t, signUp);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [signUp.personalId]);
  t.services.identity.forgetCitizenSessions();
  return session;
}

async function start(c: CitizenSession, procedure = BIRTH_LIKE.slug, form: object = CHILD) {
  const res = await inject('POST', DOSSIERS, c.headers, { procedure, form });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; form: Record<string, Record<string, unknown>>; prefilledFields: string[]; state: string; documentsNotRequired: number };
}

const upload = (c: CitizenSession, id: number, fileName: string, bytes: Buffer, kind = 'giay-chung-sinh') =>
  inject('POST', `${DOSSIERS}/${id}/documents`, c.headers, { kind, fileName, content: bytes.toString('base64') });

const submit = (c: CitizenSession, id: number, key: string = randomUUID()) => inject('POST', `${DOSSIERS}/${id}/submission`, { ...c.headers, 'idempotency-key': key });

/** A submitted dossier of the people's committee with its birth paper uploaded. */
async function submitted(c: CitizenSession = an) {
  const d = await start(c);
  expect((await upload(c, d.id, 'chung-sinh.pdf', PDF_BYTES)).statusCode).toBe(201);
  const res = await submit(c, d.id);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string; state: string; acceptanceDueAt: string };
}

const act = (s: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, s.headers, body);
const outbox = async () => (await t.db.query<{ body: string; recipient: string }>('SELECT body, recipient FROM outbox ORDER BY id DESC LIMIT 5')).rows;
const auditCount = async (action: string, subjectId: string) =>
  Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = $2', [action, subjectId])).rows[0].n);

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms, clock: () => fixedNow ?? new Date() });
  await insertFixturePeople(t.db);
  an = await level2(SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  desk = await t.officer('motcua.a', 'one_stop_officer', COMMUNE_A);
  deskB = await t.officer('motcua.b', 'one_stop_officer', COMMUNE_B);
  leader = await t.officer('lanhdao.a', 'commune_leader', COMMUNE_A);
  police = await t.officer('congan.a', 'commune_police', COMMUNE_A);
  policeB = await t.officer('congan.b', 'commune_police', COMMUNE_B);
  // The approval is by another officer than the one who processed (separation of duties, review 3 #7).
  policeLead = await t.officer('congan.a2', 'commune_police', COMMUNE_A);
  registryOfficer = await t.officer('dancu.a', 'commune_registry', COMMUNE_A);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  fixedNow = undefined;
});

describe('authorization', () => {
  it('refuses the citizen routes without a citizen session and the desk without its permission', async () => {
    expect((await inject('GET', DOSSIERS)).statusCode).toBe(401);
    expect((await inject('POST', DOSSIERS, desk.headers, { procedure: BIRTH_LIKE.slug })).statusCode).toBe(401);
    expect((await inject('GET', DESK)).statusCode).toBe(401);
    expect((await inject('GET', DESK, an.headers)).statusCode).toBe(401);
    expect((await inject('GET', DESK, registryOfficer.headers)).statusCode).toBe(403);
    expect((await inject('GET', DESK, desk.headers)).statusCode).toBe(200);
  });

  it('lets a level-1 account browse and draft, and asks for level 2 to submit', async () => {
    expect((await inject('GET', `/api/v1/services/procedures?q=${encodeURIComponent('hộ tịch')}`)).json().items.map((p: { slug: string }) => p.slug)).toContain(BIRTH_LIKE.slug);
    const d = await start(bich);
    expect((await upload(bich, d.id, 'a.pdf', PDF_BYTES)).statusCode).toBe(201);
    const res = await submit(bich, d.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('DOSSIER_LEVEL_REQUIRED');
  });

  it('answers 404 to an officer of another unit or agency, and never shows a dossier to another citizen', async () => {
    const d = await submitted();
    for (const s of [deskB, police]) {
      expect((await inject('GET', `${DESK}/${d.id}`, s.headers)).statusCode).toBe(404);
      const res = await act(s, d.id, 'reception');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('DOSSIER_NOT_FOUND');
    }
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, bich.headers)).statusCode).toBe(404);
    const mine = (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json();
    const docId = mine.documents[0].id as number;
    expect((await inject('GET', `${DOSSIERS}/${d.id}/documents/${docId}`, bich.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${DESK}/${d.id}/documents/${docId}`, deskB.headers)).statusCode).toBe(404);
    const own = await inject('GET', `${DOSSIERS}/${d.id}/documents/${docId}`, an.headers);
    expect(Buffer.from(own.json().content, 'base64').equals(PDF_BYTES)).toBe(true);
    const officer = await inject('GET', `${DESK}/${d.id}/documents/${docId}`, desk.headers);
    expect(officer.statusCode).toBe(200);
    expect(officer.json().mediaType).toBe('application/pdf');
  });
});

describe('a dossier from draft to rating', () => {
  it('prefills and locks the registry fields, and ignores a client that changes them', async () => {
    const d = await start(an);
    expect(d.state).toBe('draft');
    expect(d.form.applicant.fullName).toBe('Nguyễn Văn An');
    expect(d.form.applicant.personalId).toBe(SIGN_UPS.an.personalId);
    expect(d.prefilledFields).toEqual(expect.arrayContaining(['applicant.fullName', 'applicant.personalId']));
    expect(d.documentsNotRequired).toBe(1);
    const saved = await inject('PUT', `${DOSSIERS}/${d.id}/form`, an.headers, { form: { applicant: { fullName: 'Người Khác', personalId: '079175005678' }, childName: 'Bé Na' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().form.applicant).toMatchObject({ fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId });
    expect(saved.json().form.childName).toBe('Bé Na');
  });

  it('checks uploads by their content: a PNG renamed .pdf is refused, a real PDF accepted with its hash', async () => {
    const d = await start(an);
    const renamed = await upload(an, d.id, 'giay-chung-sinh.pdf', PNG_BYTES);
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().errors[0]).toMatchObject({ field: 'fileName', code: 'DOCUMENT_TYPE_MISMATCH' });
    expect(renamed.json().errors[0].message).toContain('PNG');
    const text = await upload(an, d.id, 'giay.pdf', Buffer.from('khong phai tep pdf'));
    expect(text.json().errors[0].code).toBe('DOCUMENT_TYPE');
    const platformPaper = await upload(an, d.id, 'cu-tru.pdf', PDF_BYTES, 'giay-to-cu-tru');
    expect(platformPaper.json().errors[0].code).toBe('DOCUMENT_NOT_UPLOADED');
    const pdf = await upload(an, d.id, 'giay-chung-sinh.pdf', PDF_BYTES);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length });
    expect(pdf.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const png = await upload(an, d.id, 'anh.png', PNG_BYTES);
    expect(png.json().mediaType).toBe('image/png');
    expect((await inject('DELETE', `${DOSSIERS}/${d.id}/documents/${png.json().id}`, an.headers)).statusCode).toBe(204);
  });

  it('refuses a form with errors, in Vietnamese, and a missing paper', async () => {
    const d = await start(an, BIRTH_LIKE.slug, {});
    const res = await submit(an, d.id);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { field: string; message: string }[];
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'form.childName', message: 'Trường bắt buộc' }),
      expect.objectContaining({ field: 'documents.giay-chung-sinh', message: 'Còn thiếu giấy tờ: Giấy chứng sinh' }),
    ]));
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json().state).toBe('draft');
  });

  it('makes one dossier of a double submission with the same key', async () => {
    const d = await start(an);
    await upload(an, d.id, 'cs.pdf', PDF_BYTES);
    const key = randomUUID();
    const [a, b] = await Promise.all([submit(an, d.id, key), submit(an, d.id, key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().code).toBe(b.json().code);
    expect(a.json().code).toMatch(/^UBX\.28249-\d{6}-\d{4}$/);
    expect(await auditCount('services.dossier.submitted', String(d.id))).toBe(1);
    const again = await submit(an, d.id, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().replayed).toBe(true);
    const other = await start(an);
    await upload(an, other.id, 'cs.pdf', PDF_BYTES);
    expect((await submit(an, other.id, key)).json().code).toBe('DOSSIER_IDEMPOTENCY_KEY_REUSED');
  });

  it('goes through the desk: receive with a due date, process, approve by the leader only, return, rate once; the citizen sees it all', async () => {
    setNow(vn('2026-02-12T09:00:00'));
    const d = await submitted();
    expect(d.state).toBe('submitted');
    expect((await outbox())[0].body).toContain(d.code);

    const queue = await inject('GET', `${DESK}?state=submitted`, desk.headers);
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(d.id);
    expect(queue.json().items[0].applicantPersonalIdMasked).not.toContain(SIGN_UPS.an.personalId);

    const detail = await inject('GET', `${DESK}/${d.id}`, desk.headers);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().registry.applicant).toMatchObject({ personalId: SIGN_UPS.an.personalId, fullName: 'Nguyễn Văn An' });
    expect(detail.json().allowed).toEqual(expect.arrayContaining(['receive', 'request_supplement', 'reject']));
    expect(detail.json().allowed).not.toContain('approve');
    expect(await auditCount('services.dossier.read', SIGN_UPS.an.personalId)).toBeGreaterThan(0);

    setNow(vn('2026-02-12T10:00:00'));
    const colleagues = (await inject('GET', '/api/v1/services/officer/colleagues', desk.headers)).json().items as { id: number; name: string }[];
    expect(colleagues.map((c) => c.name)).toEqual(expect.arrayContaining(['Cán bộ motcua.a', 'Cán bộ lanhdao.a']));
    expect(colleagues.map((c) => c.name)).not.toContain('Cán bộ motcua.b');
    const assigned = await act(desk, d.id, 'assignment', { officerId: colleagues.find((c) => c.name === 'Cán bộ lanhdao.a')!.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const other = await t.db.query<{ id: number }>("SELECT id FROM officers WHERE username = 'motcua.b'");
    expect((await act(desk, d.id, 'assignment', { officerId: Number(other.rows[0].id) })).json().code).toBe('DOSSIER_ASSIGNEE_UNKNOWN');
    expect((await act(desk, d.id, 'assignment')).json().assignedOfficerId).toBeGreaterThan(0);
    const received = await act(desk, d.id, 'reception', { comment: 'Hồ sơ đầy đủ' });
    expect(received.statusCode, received.body).toBe(200);
    // Accepted Thu 12/02/2026 with 3 working days: 13/02, (Tết 14–22/02), 23/02, 24/02 — due at the close of 24/02.
    expect(received.json().dueAt).toBe(vn('2026-02-24T17:00:00').toISOString());
    expect((await outbox())[0].body).toContain('24/02/2026');
    const receipt = await inject('GET', `${DESK}/${d.id}/receipt`, desk.headers);
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json()).toMatchObject({
      dossierCode: d.code, appointmentAt: vn('2026-02-24T17:00:00').toISOString(), receivedAt: vn('2026-02-12T10:00:00').toISOString(),
      documents: [{ name: 'Giấy chứng sinh', originals: 0, copies: 1 }], notRequired: ['Giấy tờ chứng minh nơi cư trú'], officer: { name: 'Cán bộ motcua.a' },
    });
    expect((await inject('GET', `${DOSSIERS}/${d.id}/receipt`, an.headers)).json().dossierCode).toBe(d.code);
    expect((await inject('GET', `${DOSSIERS}/${d.id}/receipt`, bich.headers)).statusCode).toBe(404);
    // The same receipt as the paper to print and sign (Mẫu 01), for the desk and the citizen; no one else's.
    const paper = await inject('GET', `${DESK}/${d.id}/receipt.pdf`, desk.headers);
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.headers['content-type']).toBe('application/pdf');
    const paperText = pdfText(paper.rawPayload);
    expect(paperText).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(paperText).toContain(d.code);
    expect(paperText).toContain('24/02/2026');
    expect((await inject('GET', `${DOSSIERS}/${d.id}/receipt.pdf`, an.headers)).rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await inject('GET', `${DOSSIERS}/${d.id}/receipt.pdf`, bich.headers)).statusCode).toBe(404);

    expect((await act(desk, d.id, 'processing')).json().state).toBe('in_process');
    expect((await act(desk, d.id, 'approval')).statusCode).toBe(403);
    const approved = await act(leader, d.id, 'approval', { comment: 'Đồng ý' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'processed', decision: 'approved' });
    expect((await act(desk, d.id, 'return')).json().state).toBe('returned');

    const scale = (await inject('GET', '/api/v1/services/rating-scale')).json();
    expect(scale.criteria).toHaveLength(9);
    expect(scale.values.map((v: { value: number }) => v.value)).toEqual([1, 2, 3]);
    const scores = { resultTime: 3, agenciesContacted: 3, contactsNeeded: 3, information: 2, officerConduct: 3, lawfulResult: 3, explanations: 2, onlineService: 3, other: 2 };
    const rated = await inject('POST', `${DOSSIERS}/${d.id}/rating`, an.headers, { scores, comment: 'Nhanh' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().rating.scores).toEqual(scores);
    expect((await inject('POST', `${DOSSIERS}/${d.id}/rating`, an.headers, { scores })).json().code).toBe('DOSSIER_ALREADY_RATED');
    expect((await inject('POST', `${DOSSIERS}/${d.id}/rating`, an.headers, { scores: { ...scores, other: 7 } })).statusCode).toBe(422);

    const mine = (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json();
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual(['started', 'submit', 'receive', 'start_processing', 'approve', 'return_result']);
    expect(mine.timeline.find((e: { action: string }) => e.action === 'receive').comment).toBe('Hồ sơ đầy đủ');
    const list = (await inject('GET', DOSSIERS, an.headers)).json();
    expect(list.items.some((i: { id: number; state: string }) => i.id === d.id && i.state === 'returned')).toBe(true);
  });
});

describe('transitions', () => {
  it('refuses a transition its state does not allow, with a Vietnamese 409 that changes nothing', async () => {
    const d = await submitted();
    const res = await act(leader, d.id, 'approval');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DOSSIER_STATE', title: 'Hồ sơ đang ở trạng thái "Mới đăng ký": không thực hiện được thao tác "Phê duyệt kết quả"' });
    expect((await act(desk, d.id, 'return')).statusCode).toBe(409);
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json()).toMatchObject({ state: 'submitted', decision: null });
    expect(await auditCount('services.dossier.approved', String(d.id))).toBe(0);
    const rejected = await act(desk, d.id, 'rejection', { comment: '' });
    expect(rejected.statusCode).toBe(400);
  });

  it('restarts the clock from the supplemented dossier', async () => {
    setNow(vn('2026-02-12T09:00:00'));
    const d = await submitted();
    await act(desk, d.id, 'reception');
    const asked = await act(desk, d.id, 'supplement-request', { comment: 'Giấy chứng sinh bị mờ', items: ['Giấy chứng sinh bản rõ nét'] });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ state: 'supplement_requested', dueAt: null });
    // The text names the code only: the officer's comment and items are read on the portal (review finding 12).
    expect((await outbox())[0].body).not.toContain('Giấy chứng sinh');
    expect((await outbox())[0].body).toContain('Cổng dịch vụ công');
    expect((await act(desk, d.id, 'supplement-request', { comment: 'x', items: [] })).statusCode).toBe(400);

    setNow(vn('2026-02-23T09:00:00'));
    expect((await upload(an, d.id, 'cs-moi.pdf', PDF_BYTES)).statusCode).toBe(201);
    const answered = await inject('POST', `${DOSSIERS}/${d.id}/supplement`, an.headers, { comment: 'Đã bổ sung' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'submitted', receivedAt: vn('2026-02-23T09:00:00').toISOString(), dueAt: null });
    setNow(vn('2026-02-23T10:00:00'));
    const again = await act(desk, d.id, 'reception');
    // Day 0 is the new acceptance, Mon 23/02: three working days later is Thu 26/02.
    expect(again.json().dueAt).toBe(vn('2026-02-26T17:00:00').toISOString());
  });

  it('gives a same-day dossier received at 15:30 on the last working day before Tết the close of the first working day after it', async () => {
    setNow(vn('2026-02-13T15:10:00'));
    const d = await start(an, SAME_DAY_LIKE.slug, {});
    const res = await submit(an, d.id);
    expect(res.statusCode, res.body).toBe(201);
    setNow(vn('2026-02-13T15:30:00'));
    const received = await act(desk, d.id, 'reception');
    expect(received.json().dueAt).toBe(vn('2026-02-23T17:00:00').toISOString());
  });

  it('extends once, at least one working day before the due date', async () => {
    setNow(vn('2026-02-12T10:00:00'));
    const d = await submitted();
    await act(desk, d.id, 'reception');
    setNow(vn('2026-02-13T10:00:00'));
    expect((await act(desk, d.id, 'extension', { newDueDate: '2026-02-24', comment: 'Xin lỗi' })).json().errors[0].code).toBe('DUE_DATE_NOT_LATER');
    const extended = await act(desk, d.id, 'extension', { newDueDate: '2026-02-27', comment: 'Xin lỗi ông/bà vì cần xác minh thêm' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ extended: true, dueAt: vn('2026-02-27T17:00:00').toISOString() });
    expect((await outbox())[0].body).toContain('27/02/2026');
    const twice = await act(desk, d.id, 'extension', { newDueDate: '2026-03-03', comment: 'Lần nữa' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('DOSSIER_EXTENSION_USED');

    setNow(vn('2026-02-12T10:00:00'));
    const late = await submitted();
    await act(desk, late.id, 'reception');
    setNow(vn('2026-02-24T08:00:00'));
    const res = await act(desk, late.id, 'extension', { newDueDate: '2026-02-27', comment: 'Xin lỗi' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DOSSIER_EXTENSION_LATE', title: expect.stringContaining('24/02/2026') });
    const queue = await inject('GET', `${DESK}?due=due_today`, desk.headers);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(late.id);
    expect(queue.json().items.find((i: { id: number }) => i.id === late.id).dueFlag).toBe('due_today');
  });

  it('lets the citizen withdraw before a decision, and the desk stop or transfer', async () => {
    const d = await submitted();
    const w = await inject('POST', `${DOSSIERS}/${d.id}/withdrawal`, an.headers, {});
    expect(w.json().state).toBe('withdrawn');
    expect((await inject('POST', `${DOSSIERS}/${d.id}/withdrawal`, an.headers, {})).statusCode).toBe(409);

    const moved = await submitted();
    const res = await act(desk, moved.id, 'transfer', { unitCode: COMMUNE_B, comment: 'Đúng thẩm quyền xã B' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await inject('GET', `${DESK}/${moved.id}`, desk.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${DESK}/${moved.id}`, deskB.headers)).statusCode).toBe(200);
    await act(deskB, moved.id, 'reception');
    expect((await act(deskB, moved.id, 'stop', { comment: 'Công dân đề nghị dừng' })).json().state).toBe('stopped');
  });

  it('routes residence dossiers to the commune police', async () => {
    const d = await start(an, RESIDENCE_LIKE.slug, {});
    const res = await submit(an, d.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toMatch(/^CAX\.28249-/);
    expect((await inject('GET', `${DESK}/${d.id}`, desk.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${DESK}/${d.id}`, policeB.headers)).statusCode).toBe(404);
    await act(police, d.id, 'reception');
    await act(police, d.id, 'processing');
    expect((await act(policeLead, d.id, 'approval')).json().state).toBe('processed');
  });
});

describe('dossier codes and linked steps', () => {
  it('numbers the dossiers of a day without a gap or a collision when they are submitted together', async () => {
    setNow(vn('2026-03-10T08:00:00'));
    const drafts = await Promise.all(Array.from({ length: 8 }, () => start(an, RESIDENCE_LIKE.slug, {})));
    const codes = (await Promise.all(drafts.map((d) => submit(an, d.id)))).map((r) => r.json().code as string);
    expect(codes.every((c) => c.startsWith('CAX.28249-260310-'))).toBe(true);
    expect(codes.map((c) => Number(c.split('-')[2])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('starts a linked group\'s next step as a dossier of its own, in the queue of its unit, audited as the system', async () => {
    const person = (await t.db.query<{ id: number; account: number }>(
      'SELECT p.id, a.id AS account FROM people p JOIN citizen_accounts a ON a.person_id = p.id WHERE p.personal_id = $1', [SIGN_UPS.an.personalId],
    )).rows[0];
    const step = await t.db.transaction((tx) => t.services.services.startLinkedStep(tx, {
      procedure: RESIDENCE_LIKE.slug, applicantAccountId: Number(person.account), applicantPersonId: Number(person.id), applicantName: 'Nguyễn Văn An',
      applicantPersonalId: SIGN_UPS.an.personalId, unitCode: COMMUNE_A, provinceCode: '82', form: { applicant: { fullName: 'Nguyễn Văn An' } }, groupId: 77, groupStep: 2,
    }));
    expect(step).toMatchObject({ state: 'submitted', groupId: 77, groupStep: 2 });
    expect(step.code).toMatch(/^CAX\.28249-/);
    const queue = (await inject('GET', `${DESK}?state=submitted`, police.headers)).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(step.id);
    const entry = (await t.db.query<{ actor_kind: string }>("SELECT actor_kind FROM audit_log WHERE action = 'services.dossier.submitted' AND subject_id = $1", [String(step.id)])).rows;
    expect(entry).toEqual([{ actor_kind: 'system' }]);
    expect((await inject('GET', `${DOSSIERS}/${step.id}`, an.headers)).json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    expect(await t.services.services.unsafeDossier(step.id)).toMatchObject({ form: { applicant: { fullName: 'Nguyễn Văn An' } }, applicantPersonId: Number(person.id), groupStep: 2 });
  });

  it('audits the registry facts a draft and a submission take with the change itself, and none for a refused submission', async () => {
    const releases = () => auditCount('person.release', SIGN_UPS.an.personalId);
    const before = await releases();
    const d = await start(an, RESIDENCE_LIKE.slug, {});
    const bad = await start(an, RESIDENCE_LIKE.slug, { purpose: 5 });
    expect(await releases()).toBe(before + 2);
    expect((await submit(an, bad.id)).statusCode).toBe(422);
    expect(await releases()).toBe(before + 2);
    expect((await submit(an, d.id)).statusCode).toBe(201);
    expect(await releases()).toBe(before + 3);
    const ofRequest = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE request_id = (SELECT request_id FROM audit_log WHERE action = 'services.dossier.submitted' AND subject_id = $1) ORDER BY seq`,
      [String(d.id)],
    );
    expect(ofRequest.rows.map((r) => r.action).slice(0, 2)).toEqual(['services.dossier.submitted', 'person.release']);
  });

  it('takes no number for a refused submission, and numbers parallel submissions and a linked step uniquely and in order', async () => {
    setNow(vn('2026-03-11T08:00:00'));
    const seqOf = (code: string) => Number(code.split('-')[2]);
    // A form with an error is refused before the dossier is numbered: the next good one takes number 1.
    const bad = await start(an, RESIDENCE_LIKE.slug, { purpose: 5 });
    const refused = await submit(an, bad.id);
    expect(refused.statusCode, refused.body).toBe(422);
    const first = await submit(an, (await start(an, RESIDENCE_LIKE.slug, {})).id);
    expect(first.json().code).toBe('CAX.28249-260311-0001');
    // Twenty submissions at once, while a linked step of the same unit and day takes its code in a transaction that
    // keeps the day's row locked (the approval's order: code, then the audit chain): no deadlock, no duplicate.
    const person = (await t.db.query<{ id: number; account: number }>(
      'SELECT p.id, a.id AS account FROM people p JOIN citizen_accounts a ON a.person_id = p.id WHERE p.personal_id = $1', [SIGN_UPS.an.personalId],
    )).rows[0];
    const drafts = await Promise.all(Array.from({ length: 20 }, () => start(an, RESIDENCE_LIKE.slug, {})));
    const [linked, ...answers] = await Promise.all([
      t.db.transaction((tx) => t.services.services.startLinkedStep(tx, {
        procedure: RESIDENCE_LIKE.slug, applicantAccountId: Number(person.account), applicantPersonId: Number(person.id), applicantName: 'Nguyễn Văn An',
        applicantPersonalId: SIGN_UPS.an.personalId, unitCode: COMMUNE_A, provinceCode: '82', form: { applicant: { fullName: 'Nguyễn Văn An' } }, groupId: 78, groupStep: 2,
      })),
      ...drafts.map((d) => submit(an, d.id)),
    ]);
    for (const r of answers) expect(r.statusCode, r.body).toBe(201);
    const codes = [String(linked.code), ...answers.map((r) => r.json().code as string)];
    expect(codes.every((c) => c.startsWith('CAX.28249-260311-'))).toBe(true);
    expect(codes.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
    // In the order they were taken: each dossier's number is above those of the dossiers submitted before it.
    const later = await submit(an, (await start(an, RESIDENCE_LIKE.slug, {})).id);
    expect(seqOf(later.json().code)).toBe(23);
  });
});

describe('with the bundled catalogue (data/procedures)', () => {
  it('fills "xác nhận thông tin về cư trú" from the registry, takes it without a paper, and gives a half-day due time', async () => {
    t.services.services.useReferenceData({ catalogue: loadCatalogue(), forms: { validateForm, computeFee } });
    try {
      const found = (await inject('GET', `/api/v1/services/procedures?q=${encodeURIComponent('xac nhan cu tru')}`)).json();
      expect(found.items.map((p: { slug: string }) => p.slug)).toContain('xac-nhan-thong-tin-cu-tru');
      const detail = (await inject('GET', '/api/v1/services/procedures/xac-nhan-thong-tin-cu-tru')).json();
      expect(detail.feeQuote.online).toBe(0);
      expect(detail.documentsNotRequired).toBeGreaterThan(0);

      setNow(vn('2026-02-12T09:00:00'));
      const d = await start(an, 'xac-nhan-thong-tin-cu-tru', { purpose: 'Bổ sung hồ sơ xin việc' });
      expect(d.form.applicant).toMatchObject({ fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId, birthDate: '1984-05-12', sex: 'Nam' });
      expect(d.prefilledFields).toEqual(expect.arrayContaining(['applicant.fullName', 'applicant.birthDate', 'applicant.sex', 'applicant.personalId']));
      const res = await submit(an, d.id);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().fee).toMatchObject({ amount: 0 });
      const received = await act(police, d.id, 'reception');
      expect(received.statusCode, received.body).toBe(200);
      // 4 working hours from 09:00: 09:00–11:30, then 13:30–15:00.
      expect(received.json().dueAt).toBe(vn('2026-02-12T15:00:00').toISOString());
    } finally {
      t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms });
    }
  });
});
