import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { testApp, type Session, type TestApp } from '../../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, PEOPLE, SIGN_UPS, insertFixturePeople } from '../../registry/testing.js';
import { DEVELOPMENT_MARK } from '../../documents/index.js';
import { HAS_OPENSSL, HAS_PDFSIG, opensslVerify, pdfsig } from '../../documents/testing.js';
import { PDF_BYTES } from '../testing.js';

// Certified electronic copies through the HTTP API (issue 16, model 4): the fee per page with its cap, the scan's
// checks, the signed PDF (pdfsig, OpenSSL, /verify, the citizen's document store), the copy as an online dossier's
// result, and the commune's register: gapless numbers under concurrent issues, searched, exported, its own only.

let t: TestApp;
let an: CitizenSession;
let justice: Session;
let leader: Session;
let otherJustice: Session;
let desk: Session;
const BASE = '/api/v1/services/officer/certified-copies';
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });

/** A real PNG (pdfkit draws it): a small coloured card. */
function png(width = 60, height = 40): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([30 + (i % width), 90, 160, 255], i * 4);
  return PNG.sync.write(image);
}
const scan = (content: Buffer = png(), fileName = 'ban-chinh.png') => ({ fileName, content: content.toString('base64') });
const counterBody = (over: object = {}) => ({
  personalId: SIGN_UPS.an.personalId, documentName: 'Bằng tốt nghiệp trung học phổ thông', pages: 2, copies: 1, compared: true, scans: [scan()], ...over,
});
const issue = (who: Session, body: object, key: string = randomUUID()) => inject('POST', BASE, { ...who.headers, 'idempotency-key': key }, body);

interface Copy { id: number; registerNumber: string; number: number; feePerCopy: number; feeTotal: number; signedDocumentId: string; dossierId: number | null }
let first: Copy;
let firstPdf: Buffer;

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  justice = await t.officer('tuphap.sao', 'civil_status_officer', COMMUNE_A);
  leader = await t.officer('chutich.sao', 'commune_leader', COMMUNE_A);
  otherJustice = await t.officer('tuphap.khac', 'civil_status_officer', COMMUNE_B);
  desk = await t.officer('motcua.sao', 'one_stop_officer', COMMUNE_A);
  const r = await issue(justice, counterBody());
  expect(r.statusCode, r.body).toBe(201);
  first = r.json();
  const pdf = await inject('GET', `${BASE}/${first.id}/pdf`, justice.headers);
  expect(pdf.statusCode, pdf.body).toBe(200);
  firstPdf = pdf.rawPayload;
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('needs an officer with the certification permissions; another commune\'s officer sees nothing of this register', async () => {
    expect((await inject('GET', BASE)).statusCode).toBe(401);
    expect((await issue(an as unknown as Session, counterBody())).statusCode).toBe(401);
    expect((await issue(desk, counterBody())).statusCode).toBe(403);
    expect((await inject('GET', BASE, desk.headers)).statusCode).toBe(403);
    expect((await inject('GET', `${BASE}/fee?pages=1`, desk.headers)).statusCode).toBe(403);
    const other = await inject('GET', BASE, otherJustice.headers);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual({ total: 0, items: [] });
    expect((await inject('GET', `${BASE}/${first.id}/pdf`, otherJustice.headers)).statusCode).toBe(404);
    const csv = await inject('GET', `${BASE}/months/${first.registerNumber.split('/')[1]}-${String(new Date().getMonth() + 1).padStart(2, '0')}/register.csv`, otherJustice.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain(SIGN_UPS.an.personalId);
    // The register's owner reads it.
    expect((await inject('GET', BASE, leader.headers)).json().total).toBeGreaterThan(0);
  });
});

describe('fee (TT 226/2016/TT-BTC: 2.000 đ/trang cho trang 1–2, 1.000 đ/trang từ trang 3, tối đa 200.000 đ/bản)', () => {
  it.each([[1, 2000], [2, 4000], [5, 7000], [300, 200000]])('%i trang: %i đồng một bản', async (pages, amount) => {
    const q = await inject('GET', `${BASE}/fee?pages=${pages}`, justice.headers);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ pages, copies: 1, perCopy: amount, total: amount, source: { document: 'Thông tư 226/2016/TT-BTC' } });
  });

  it('is per copy: 3 copies of 5 pages cost 21.000 đ, recorded in the register', async () => {
    expect((await inject('GET', `${BASE}/fee?pages=5&copies=3`, justice.headers)).json()).toMatchObject({ perCopy: 7000, total: 21000 });
    const r = await issue(justice, counterBody({ pages: 5, copies: 3 }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ feePerCopy: 7000, feeTotal: 21000, pages: 5, copies: 3 });
  });
});

describe('the scan and the officer\'s comparison', () => {
  it('refuses a file that is not PDF/JPEG/PNG, an oversized one (the limit stated), a PNG renamed .pdf, and no comparison', async () => {
    const text = await issue(justice, counterBody({ scans: [{ fileName: 'ban-chinh.txt', content: Buffer.from('không phải ảnh').toString('base64') }] }));
    expect(text.statusCode).toBe(422);
    expect(text.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'scans.0.content', code: 'DOCUMENT_TYPE' }] });
    const big = Buffer.concat([png(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await issue(justice, counterBody({ scans: [scan(big)] }));
    expect(tooBig.statusCode, tooBig.body).toBe(422);
    expect(tooBig.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'scans.0.content', code: 'DOCUMENT_TOO_LARGE', message: 'Tệp lớn hơn 5 MB' }] });
    const renamed = await issue(justice, counterBody({ scans: [scan(png(), 'ban-chinh.pdf')] }));
    expect(renamed.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'scans.0.fileName', code: 'DOCUMENT_TYPE_MISMATCH' }] });
    const twoHalves = await issue(justice, counterBody({ scans: [scan(Buffer.concat([png(), Buffer.alloc(2.6 * 1024 * 1024)])), scan(Buffer.concat([png(), Buffer.alloc(2.6 * 1024 * 1024)]))] }));
    expect(twoHalves.json()).toMatchObject({ code: 'COPY_SCANS_TOO_LARGE', title: 'Tổng dung lượng các bản chụp lớn hơn 5 MB' });
    const notCompared = await issue(justice, counterBody({ compared: false }));
    expect(notCompared.statusCode).toBe(422);
    expect(notCompared.json()).toMatchObject({ code: 'COPY_NOT_COMPARED' });
    const both = await issue(justice, counterBody({ dossierId: 1 }));
    expect(both.json()).toMatchObject({ code: 'COPY_REQUESTER_REQUIRED' });
    // Nothing refused took a number.
    const numbers = (await t.db.query<{ n: number }>('SELECT number AS n FROM certified_copies ORDER BY number')).rows.map((r) => r.n);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('the same Idempotency-Key answers with the copy made, without a second number', async () => {
    const key = randomUUID();
    const a = await issue(justice, counterBody(), key);
    const b = await issue(justice, counterBody(), key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ id: a.json().id, registerNumber: a.json().registerNumber, replayed: true });
    expect((await inject('POST', BASE, justice.headers, counterBody())).json()).toMatchObject({ code: 'COPY_IDEMPOTENCY_KEY_REQUIRED' });
  });
});

describe('the certified copy is a signed PDF', () => {
  it('carries the scan, the lời chứng with its register number and page count, signed by the unit (development certificate)', async () => {
    expect(first.registerNumber).toBe(`1/${YEAR}/SCT/BS`);
    expect(firstPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = firstPdf.toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/Subtype /Image');
    const row = (await t.db.query<{ kind: string; holder_personal_id: string; sha256: string; certificate_subject: string }>(
      'SELECT kind, holder_personal_id, sha256, certificate_subject FROM signed_documents WHERE id = $1', [first.signedDocumentId])).rows[0]!;
    expect(row).toMatchObject({ kind: 'certified_copy', holder_personal_id: SIGN_UPS.an.personalId });
    expect(row.certificate_subject).toContain(DEVELOPMENT_MARK);
  });

  it.skipIf(!HAS_PDFSIG)('pdfsig finds the signature valid over the whole document', () => {
    const report = pdfsig(firstPdf);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
  });

  it.skipIf(!HAS_OPENSSL)('OpenSSL verifies the CMS over the signed byte range', () => {
    expect(opensslVerify(firstPdf)).toContain('Verification successful');
  });

  it('verifies at /verify byte for byte, not with one byte changed; the citizen finds it in their document store', async () => {
    const same = await inject('POST', '/api/v1/documents/verify', {}, { content: firstPdf.toString('base64') });
    expect(same.json()).toMatchObject({ authentic: true, document: { id: first.signedDocumentId, title: 'Bản sao điện tử được chứng thực từ bản chính', holderName: SIGN_UPS.an.fullName } });
    const altered = Buffer.from(firstPdf);
    altered[300] = altered[300]! ^ 1;
    expect((await inject('POST', '/api/v1/documents/verify', {}, { content: altered.toString('base64') })).json()).toMatchObject({ authentic: false });
    const store = (await inject('GET', '/api/v1/citizen/documents', an.headers)).json().items as { id: string; kind: string }[];
    expect(store.some((d) => d.id === first.signedDocumentId && d.kind === 'certified_copy')).toBe(true);
    const own = await inject('GET', `/api/v1/citizen/documents/${first.signedDocumentId}/pdf`, an.headers);
    expect(own.rawPayload.equals(firstPdf)).toBe(true);
  });

  it('a PDF scan is embedded in the signed file, named by its SHA-256', async () => {
    const r = await issue(justice, counterBody({ scans: [{ fileName: 'ban-chinh.pdf', content: PDF_BYTES.toString('base64') }], pages: 1 }));
    expect(r.statusCode, r.body).toBe(201);
    const pdf = (await inject('GET', `${BASE}/${r.json().id}/pdf`, justice.headers)).rawPayload;
    expect(pdf.toString('latin1')).toContain('/EmbeddedFiles');
  });
});

describe('from an online dossier', () => {
  it('the citizen asks online; at the appointment the officer certifies: the copy is the dossier\'s result', async () => {
    const d = await inject('POST', DOSSIERS, an.headers, { procedure: 'chung-thuc-ban-sao-tu-ban-chinh', form: { documentName: 'Giấy khai sinh', pages: 1, copies: 2 } });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as number;
    const up = await inject('POST', `${DOSSIERS}/${id}/documents`, an.headers, { kind: 'ban-chinh', fileName: 'khai-sinh.png', content: png().toString('base64') });
    expect(up.statusCode, up.body).toBe(201);
    const s = await inject('POST', `${DOSSIERS}/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
    expect(s.statusCode, s.body).toBe(201);
    // Not yet in process: the state machine answers 409 and no number is taken.
    const early = await issue(justice, { dossierId: id, pages: 1, copies: 2, compared: true, scans: [scan()] });
    expect(early.statusCode, early.body).toBe(409);
    expect((await inject('POST', `${DESK}/${id}/reception`, justice.headers, {})).statusCode).toBe(200);
    expect((await inject('POST', `${DESK}/${id}/processing`, justice.headers, {})).statusCode).toBe(200);
    const quote = (await inject('GET', `${BASE}/fee?pages=1&copies=2`, justice.headers)).json();
    const r = await issue(justice, { dossierId: id, pages: 1, copies: 2, compared: true, scans: [scan()] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ dossierId: id, documentName: 'Giấy khai sinh', feeTotal: quote.total, feePerCopy: 2000 });
    const item = (await inject('GET', `${DESK}/${id}`, justice.headers)).json();
    expect(item.state).toBe('processed');
    const result = await inject('GET', `${DESK}/${id}/result.pdf`, justice.headers);
    const copy = await inject('GET', `${BASE}/${r.json().id}/pdf`, justice.headers);
    expect(result.rawPayload.equals(copy.rawPayload)).toBe(true);
    // A decided dossier takes no second copy (409, no number taken).
    expect((await issue(justice, { dossierId: id, pages: 1, copies: 1, compared: true, scans: [scan()] })).statusCode).toBe(409);
  });
});

describe('the register (sổ chứng thực)', () => {
  it('numbers concurrent issues of one unit without gaps or repeats', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => issue(justice, counterBody())));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
    const rows = (await t.db.query<{ number: number; unit_code: string; year: number }>('SELECT number, unit_code, year FROM certified_copies ORDER BY number')).rows;
    expect(rows.every((r) => r.unit_code === COMMUNE_A && r.year === YEAR)).toBe(true);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
  }, 120_000);

  it('is searched by name without diacritics, by number and by days, and each read is audited', async () => {
    const byName = (await inject('GET', `${BASE}?name=${encodeURIComponent('nguyen van an')}`, justice.headers)).json();
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((i: { requesterName: string }) => i.requesterName === SIGN_UPS.an.fullName)).toBe(true);
    expect((await inject('GET', `${BASE}?name=${encodeURIComponent('tran thi')}`, justice.headers)).json().total).toBe(0);
    const one = (await inject('GET', `${BASE}?number=1`, justice.headers)).json();
    expect(one.items.map((i: Copy) => i.registerNumber)).toEqual([`1/${YEAR}/SCT/BS`]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await inject('GET', `${BASE}?from=${today}&to=${today}`, justice.headers)).json().total).toBe(byName.total);
    expect((await inject('GET', `${BASE}?to=2000-01-01`, justice.headers)).json().total).toBe(0);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.copy-register.read' AND subject_id = $1", [SIGN_UPS.an.personalId]);
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
  });

  it('exports a month as CSV with snake_case columns and text identifiers', async () => {
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    const csv = await inject('GET', `${BASE}/months/${month}/register.csv`, leader.headers);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('register_number,number,year,issued_at,requester_name,requester_personal_id,document_name,pages,copies,fee_per_copy,fee_total,dossier_code,certifier_name,signed_document_id');
    expect(lines[1]).toContain(`1/${YEAR}/SCT/BS,1,${YEAR},`);
    expect(lines[1]).toContain(SIGN_UPS.an.personalId);
    expect((await inject('GET', `${BASE}/months/2025-13/register.csv`, leader.headers)).json()).toMatchObject({ code: 'COPY_MONTH_INVALID' });
  });
});

// ---- Review of the certified copies (findings 1–7) ----

const copyCount = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM certified_copies')).rows[0]!.n);

/** An online copy dossier of An's, submitted (its submission's answer), then received and in process at the commune's justice desk. */
async function inProcess(form: object = { documentName: 'Giấy khai sinh', pages: 1, copies: 1 }, process = true) {
  const d = await inject('POST', DOSSIERS, an.headers, { procedure: 'chung-thuc-ban-sao-tu-ban-chinh', form });
  expect(d.statusCode, d.body).toBe(201);
  const id = d.json().id as number;
  const up = await inject('POST', `${DOSSIERS}/${id}/documents`, an.headers, { kind: 'ban-chinh', fileName: 'ban-chinh.png', content: png().toString('base64') });
  expect(up.statusCode, up.body).toBe(201);
  const s = await inject('POST', `${DOSSIERS}/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
  expect(s.statusCode, s.body).toBe(201);
  if (process) {
    expect((await inject('POST', `${DESK}/${id}/reception`, justice.headers, {})).statusCode).toBe(200);
    expect((await inject('POST', `${DESK}/${id}/processing`, justice.headers, {})).statusCode).toBe(200);
  }
  return { id, submitted: s.json() as { fee: { amount: number; explanation: string } | null } };
}

/** A PNG signature and IHDR declaring a size, and no pixels (the header is all the check reads). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, Buffer.from('IHDR'), ihdr, Buffer.alloc(4), Buffer.alloc(64)]);
}
/** A JPEG: SOI, an APP0 segment, then (when given) a baseline SOF0 declaring the size. */
function jpegHeader(size?: { width: number; height: number }): Buffer {
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(9)]);
  const sof = size ? Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, size.height >> 8, size.height & 0xff, size.width >> 8, size.width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]) : Buffer.alloc(0);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xda, 0x00, 0x02]), Buffer.alloc(32), Buffer.from([0xff, 0xd9])]);
}

describe('review: a dossier the citizen asked to stop (finding 1)', () => {
  it('is not decided by a certification: 409 DOSSIER_STOP_PENDING, no number taken, the dossier still in process', async () => {
    const { id } = await inProcess();
    const stop = await inject('POST', `${DOSSIERS}/${id}/stop-request`, an.headers, { reason: 'Không cần bản sao nữa' });
    expect(stop.statusCode, stop.body).toBe(200);
    const before = await copyCount();
    const r = await issue(justice, { dossierId: id, compared: true, scans: [scan()] });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'DOSSIER_STOP_PENDING' });
    expect(await copyCount()).toBe(before);
    expect((await inject('GET', `${DESK}/${id}`, justice.headers)).json().state).toBe('in_process');
  });
});

describe('review: the fee of an online copy dossier (finding 2)', () => {
  it.each([[1, 2000], [2, 4000], [5, 7000], [300, 200000]])('submitted with %i pages × 1 copy: %i đồng', async (pages, amount) => {
    const { submitted } = await inProcess({ documentName: 'Học bạ', pages, copies: 1 }, false);
    expect(submitted.fee).toMatchObject({ amount });
  });

  it('counts the copies: 5 pages × 3 copies is 21.000 đ at submission; the certification defaults to the form and charges the same', async () => {
    const { id, submitted } = await inProcess({ documentName: 'Học bạ', pages: 5, copies: 3 });
    expect(submitted.fee?.amount).toBe(21000);
    expect(submitted.fee?.explanation).toContain('3 bản');
    const r = await issue(justice, { dossierId: id, compared: true, scans: [scan()] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ pages: 5, copies: 3, feePerCopy: 7000, feeTotal: 21000 });
    const d = (await inject('GET', `${DESK}/${id}`, justice.headers)).json();
    expect(d.fee.amount).toBe(21000);
    expect(d.timeline.at(-1).comment).not.toContain('Tờ khai ghi');
  });

  it('charges by the officer\'s count of the original when it differs from the form, and says so on the timeline', async () => {
    const { id, submitted } = await inProcess({ documentName: 'Sổ đỏ', pages: 2, copies: 1 });
    expect(submitted.fee?.amount).toBe(4000);
    const r = await issue(justice, { dossierId: id, pages: 5, compared: true, scans: [scan()] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ pages: 5, copies: 1, feeTotal: 7000 });
    const d = (await inject('GET', `${DESK}/${id}`, justice.headers)).json();
    expect(d.fee.amount).toBe(7000);
    const last = d.timeline.at(-1);
    expect(last.comment).toContain('Tờ khai ghi 2 trang × 1 bản; cán bộ đối chiếu bản chính: 5 trang × 1 bản');
    expect(last.comment).toContain('7.000 đồng');
  });

  it('at the counter the officer gives the page count (422 without it)', async () => {
    const { pages: _pages, ...noPages } = counterBody();
    const r = await issue(justice, noPages);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'COPY_PAGES_REQUIRED' });
  });
});

describe('review: oversized images are refused by their header (finding 3)', () => {
  it.each([
    ['a PNG wider than 8000 px', pngHeader(8001, 100), 'ban-chinh.png', '8001×100'],
    ['a PNG of 49 megapixels', pngHeader(7000, 7000), 'ban-chinh.png', '7000×7000'],
    ['a JPEG taller than 8000 px', jpegHeader({ width: 100, height: 9000 }), 'ban-chinh.jpg', '100×9000'],
  ])('%s: 422 with the limit stated, no number taken', async (_what, content, fileName, size) => {
    const before = await copyCount();
    const r = await issue(justice, counterBody({ scans: [scan(), scan(content, fileName)] }));
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'scans.1.content', code: 'DOCUMENT_IMAGE_TOO_LARGE' }] });
    expect(r.json().errors[0].message).toBe(`Ảnh ${size} điểm ảnh quá lớn: tối đa 8000×8000 điểm ảnh và 40 triệu điểm ảnh mỗi ảnh`);
    expect(await copyCount()).toBe(before);
  });

  it('a JPEG whose size cannot be read is refused; one within the limits passes the check', async () => {
    const r = await issue(justice, counterBody({ scans: [scan(jpegHeader(), 'ban-chinh.jpg')] }));
    expect(r.json()).toMatchObject({ code: 'DOCUMENT_REFUSED', errors: [{ field: 'scans.0.content', code: 'DOCUMENT_IMAGE_UNREADABLE' }] });
    // The citizen's upload goes through the same check.
    const d = await inject('POST', DOSSIERS, an.headers, { procedure: 'chung-thuc-ban-sao-tu-ban-chinh', form: { documentName: 'Giấy tờ', pages: 1, copies: 1 } });
    const big = await inject('POST', `${DOSSIERS}/${d.json().id}/documents`, an.headers, { kind: 'ban-chinh', fileName: 'to.png', content: pngHeader(20000, 20000).toString('base64') });
    expect(big.statusCode).toBe(422);
    expect(big.json()).toMatchObject({ errors: [{ code: 'DOCUMENT_IMAGE_TOO_LARGE' }] });
  });
});

describe('review: a leader\'s generic approval of a copy dossier (finding 4)', () => {
  it('is refused with the way to the certification, and approve is not among the allowed actions', async () => {
    const { id } = await inProcess();
    const detail = (await inject('GET', `${DESK}/${id}`, leader.headers)).json();
    expect(detail.state).toBe('in_process');
    expect(detail.allowed).not.toContain('approve');
    expect(detail.allowed).toContain('refuse');
    const r = await inject('POST', `${DESK}/${id}/approval`, leader.headers, { comment: 'Đồng ý' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'COPY_APPROVE_BY_CERTIFICATION' });
    expect(r.json().title).toContain('Chứng thực bản sao điện tử');
    expect((await inject('GET', `${DESK}/${id}`, leader.headers)).json().state).toBe('in_process');
  });
});

describe('review: a revoked copy in the register (finding 6)', () => {
  it('reads as revoked ("revokedAt") and its PDF is no longer handed out (410)', async () => {
    const c = (await issue(justice, counterBody())).json() as Copy;
    expect((await inject('GET', `${BASE}?number=${c.number}`, justice.headers)).json().items[0]).toMatchObject({ id: c.id, revokedAt: null });
    const revoked = await inject('POST', `/api/v1/documents/${c.signedDocumentId}/revocation`, leader.headers, { reason: 'Chứng thực nhầm giấy tờ' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const row = (await inject('GET', `${BASE}?number=${c.number}`, justice.headers)).json().items[0];
    expect(row.id).toBe(c.id);
    expect(typeof row.revokedAt).toBe('string');
    const pdf = await inject('GET', `${BASE}/${c.id}/pdf`, justice.headers);
    expect(pdf.statusCode, pdf.body).toBe(410);
    expect(pdf.json()).toMatchObject({ code: 'COPY_REVOKED' });
    expect(pdf.json().title).toContain('đã bị thu hồi ngày');
    // Others are still handed out.
    expect((await inject('GET', `${BASE}/${first.id}/pdf`, justice.headers)).statusCode).toBe(200);
  });
});

describe('review: the certification route\'s own area (finding 7)', () => {
  it('another commune\'s dossier and a requester from another province answer 404, no number taken', async () => {
    const { id } = await inProcess();
    const before = await copyCount();
    const other = await issue(otherJustice, { dossierId: id, pages: 1, copies: 1, compared: true, scans: [scan()] });
    expect(other.statusCode, other.body).toBe(404);
    expect(other.json()).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
    const elsewhere = PEOPLE.find((p) => !p.personalId.startsWith('08'))!;
    const counter = await issue(justice, counterBody({ personalId: elsewhere.personalId }));
    expect(counter.statusCode, counter.body).toBe(404);
    expect((await inject('GET', `${BASE}/requesters/${elsewhere.personalId}`, justice.headers)).statusCode).toBe(404);
    expect(await copyCount()).toBe(before);
  });
});
