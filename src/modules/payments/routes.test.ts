import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { BIRTH_LIKE, PDF_BYTES, fixtureCatalogue, fixtureForms } from '../services/testing.js';
import { readVietQr } from './vietqr.js';
import { signedNotification } from './testing.js';

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let deskB: Session;
let registryOfficer: Session;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object | string) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const NOTIFY = '/api/v1/payments/notifications';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'da06-receipt-'));
  try {
    writeFileSync(path.join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dossier of `c` received, processed and waiting for a fee of `amount` đồng; its payment request as the citizen sees it. */
async function awaitingPayment(c: CitizenSession = an, amount = 8_000) {
  const started = await inject('POST', DOSSIERS, c.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Con' } });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().id as number;
  const up = await inject('POST', `${DOSSIERS}/${id}/documents`, c.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
  expect(up.statusCode, up.body).toBe(201);
  const sub = await inject('POST', `${DOSSIERS}/${id}/submission`, { ...c.headers, 'idempotency-key': randomUUID() });
  expect(sub.statusCode, sub.body).toBe(201);
  for (const [step, body] of [['reception', {}], ['processing', {}], ['payment-request', { amount }]] as const) {
    const res = await inject('POST', `${DESK}/${id}/${step}`, desk.headers, body);
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  }
  const list = await inject('GET', `/api/v1/payments/own?subjectKind=dossier&subjectId=${id}`, c.headers);
  expect(list.statusCode, list.body).toBe(200);
  const payment = list.json().items[0] as { reference: string; amount: number; status: string; vietQr: string; subjectCode: string };
  return { id, code: sub.json().code as string, payment };
}

const notification = (reference: string, amount: number, transactionId = `FT${randomUUID().replaceAll('-', '').slice(0, 16)}`) =>
  JSON.stringify({ transactionId, reference, amount, paidAt: new Date().toISOString() });
const deliver = (body: string, headers = signedNotification(body)) => inject('POST', NOTIFY, headers, body);

const dossierState = async (id: number) => (await inject('GET', `${DOSSIERS}/${id}`, an.headers)).json().state as string;
const statusOf = async (reference: string, c: CitizenSession = an) => (await inject('GET', `/api/v1/payments/own/${reference}`, c.headers)).json().status as string;
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params)).rows[0].n);

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.a', 'one_stop_officer', COMMUNE_A);
  deskB = await t.officer('motcua.b', 'one_stop_officer', COMMUNE_B);
  registryOfficer = await t.officer('dancu.a', 'commune_registry', COMMUNE_A);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('shows a payment to its payer and its unit only; another payer or unit reads it as absent', async () => {
    const { payment } = await awaitingPayment();
    const url = `/api/v1/payments/own/${payment.reference}`;
    expect((await inject('GET', url)).statusCode).toBe(401);
    expect((await inject('GET', url, an.headers)).statusCode).toBe(200);
    expect((await inject('GET', url, bich.headers)).json().code).toBe('PAYMENT_NOT_FOUND');
    const unitUrl = `/api/v1/payments/${payment.reference}`;
    expect((await inject('GET', unitUrl, an.headers)).statusCode).toBe(401);
    expect((await inject('GET', unitUrl, registryOfficer.headers)).statusCode).toBe(403);
    expect((await inject('GET', unitUrl, deskB.headers)).statusCode).toBe(404);
    expect((await inject('GET', unitUrl, desk.headers)).statusCode).toBe(200);
  });

  it('the status a waiting page polls: the payer only, nothing personal in it, no audit entry', async () => {
    const { payment } = await awaitingPayment();
    const url = `/api/v1/payments/own/${payment.reference}/status`;
    expect((await inject('GET', url)).statusCode).toBe(401);
    expect((await inject('GET', url, bich.headers)).json().code).toBe('PAYMENT_NOT_FOUND');
    expect((await inject('GET', url, desk.headers)).statusCode).toBe(401);
    const before = await count(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [payment.reference]);
    const res = await inject('GET', url, an.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['expiresAt', 'paidAt', 'receiptNumber', 'reference', 'status', 'statusLabel']);
    expect(res.json()).toMatchObject({ status: 'pending', statusLabel: 'Chờ thanh toán', paidAt: null, receiptNumber: null });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [payment.reference])).toBe(before);
  });
});

describe('a fee paid by VietQR', () => {
  it('asks for payment with a dynamic VietQR to the collecting account, the reference in 62/01 and 62/08', async () => {
    const { code, payment } = await awaitingPayment(an, 50_000);
    expect(payment).toMatchObject({ amount: 50_000, status: 'pending', subjectCode: code });
    const qr = readVietQr(payment.vietQr);
    expect(qr).toMatchObject({ bin: '970415', account: '113366668888', amount: 50_000, dynamic: true, billNumber: payment.reference });
    // What the payer types by hand is what the code carries in 62/08; the bank is named.
    const seen = (await inject('GET', `/api/v1/payments/own/${payment.reference}`, an.headers)).json();
    expect(seen.transferText).toBe(qr.purpose);
    expect(seen.transferText.startsWith(`${payment.reference} `)).toBe(true);
    expect(seen.account.bankName).toContain('VietinBank');
    expect(qr.purpose!.startsWith(payment.reference)).toBe(true);
    const svg = await inject('GET', `/api/v1/payments/own/${payment.reference}/qr.svg`, an.headers);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    // The account is the development sample: the answer says so.
    expect((await inject('GET', `/api/v1/payments/own/${payment.reference}`, an.headers)).json().sample).toBe(true);
  });

  it('confirms on a signed notification: the dossier moves on (system change, audited), a numbered receipt is issued', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification(payment.reference, 8_000);
    const res = await deliver(body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reference: payment.reference, status: 'confirmed', duplicate: false });
    expect(res.json().receiptNumber).toMatch(/^BL26E-\d{7}$/);
    expect(await dossierState(id)).toBe('in_process');
    expect(await statusOf(payment.reference)).toBe('paid');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.payment.confirmed' AND subject_id = $1`, [payment.reference])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.paid' AND subject_id = $1 AND actor_kind = 'system'`, [String(id)])).toBe(1);
    // A paid request shows no QR any more.
    expect((await inject('GET', `/api/v1/payments/own/${payment.reference}`, an.headers)).json().vietQr).toBeNull();
    expect((await inject('GET', `/api/v1/payments/own/${payment.reference}/qr.svg`, an.headers)).json().code).toBe('PAYMENT_STATE');
  });

  it('lets the payer and the unit download the e-receipt with the content §6.4 lists', async () => {
    const { code, payment } = await awaitingPayment(an, 1_005_000);
    const res = await deliver(notification(payment.reference, 1_005_000));
    const number = res.json().receiptNumber as string;
    const own = await inject('GET', `/api/v1/payments/own/${payment.reference}/receipt.pdf`, an.headers);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    const text = pdfText(own.rawPayload).replace(/\s+/g, ' ');
    for (const part of [
      'BIÊN LAI THU PHÍ, LỆ PHÍ', 'Ký hiệu mẫu: 01BLP0-001', 'Ký hiệu: BL26E', `Số: ${number.slice(-7)}`, 'Mã số thuế:', SIGN_UPS.an.fullName,
      SIGN_UPS.an.personalId, `Phí, lệ phí: ${BIRTH_LIKE.name}`, '1.005.000 đồng', 'Một triệu không trăm linh năm nghìn đồng', code, 'BẢN MẪU', 'chưa được ký số',
    ]) expect(text).toContain(part);
    const unit = await inject('GET', `/api/v1/payments/${payment.reference}/receipt.pdf`, desk.headers);
    expect(unit.statusCode).toBe(200);
    expect((await inject('GET', `/api/v1/payments/${payment.reference}/receipt.pdf`, deskB.headers)).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.receipt.read' AND subject_id = $1`, [payment.reference])).toBe(2);
  });

  it('numbers receipts of a series without gaps when payments are confirmed at the same time', async () => {
    const waiting = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => awaitingPayment()));
    const answers = await Promise.all(waiting.map(({ payment }) => deliver(notification(payment.reference, 8_000))));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const numbers = (await t.db.query<{ number: number }>('SELECT number FROM payment_receipts WHERE series = $1 ORDER BY number', ['BL26E'])).rows.map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});

describe('bad notifications: refused with a clear error, nothing changed', () => {
  const unchangedBy = async (id: number, reference: string, res: Awaited<ReturnType<typeof deliver>>, code: string, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect(await dossierState(id)).toBe('awaiting_payment');
    expect(await statusOf(reference)).toBe('pending');
    expect(await count('SELECT count(*)::int AS n FROM payment_receipts r JOIN payment_requests p ON p.id = r.request_id WHERE p.reference = $1', [reference])).toBe(0);
  };

  it('a wrong signature, or none', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification(payment.reference, 8_000);
    await unchangedBy(id, payment.reference, await deliver(body, signedNotification(body, 'a-different-secret-of-at-least-32-characters')), 'PAYMENT_NOTIFY_SIGNATURE', 401);
    await unchangedBy(id, payment.reference, await deliver(body, { 'content-type': 'application/json' }), 'PAYMENT_NOTIFY_SIGNATURE', 401);
    // The body changed after signing (the amount).
    const signed = signedNotification(body);
    await unchangedBy(id, payment.reference, await deliver(body.replace('8000', '80000'), signed), 'PAYMENT_NOTIFY_SIGNATURE', 401);
  });

  it('an old timestamp (beyond the 5-minute window), even signed right', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification(payment.reference, 8_000);
    const res = await deliver(body, signedNotification(body, undefined, Math.floor(Date.now() / 1000) - 301));
    await unchangedBy(id, payment.reference, res, 'PAYMENT_NOTIFY_TIMESTAMP', 401);
    expect(res.json().title).toContain('300 giây');
  });

  it('a replayed delivery (same signature) is refused; the bank\'s retry of one transaction id pays once', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification(payment.reference, 8_000);
    const headers = signedNotification(body);
    const first = await deliver(body, headers);
    expect(first.statusCode, first.body).toBe(200);
    const replay = await deliver(body, headers);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('PAYMENT_NOTIFY_REPLAY');
    // The same transaction id delivered again later (a new timestamp, so a new signature): answered, not paid twice.
    const retry = await deliver(body, signedNotification(body, undefined, Math.floor(Date.now() / 1000) + 1));
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ duplicate: true, receiptNumber: first.json().receiptNumber });
    expect(await dossierState(id)).toBe('in_process');
    expect(await count('SELECT count(*)::int AS n FROM payment_notifications WHERE reference = $1', [payment.reference])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.paid' AND subject_id = $1`, [String(id)])).toBe(1);
  });

  it('a different amount is held for the accountant, and stays held when delivered again', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification(payment.reference, 7_000);
    const res = await deliver(body);
    await unchangedBy(id, payment.reference, res, 'PAYMENT_AMOUNT_MISMATCH', 422);
    expect(res.json().title).toContain('7000');
    const again = await deliver(body, signedNotification(body, undefined, Math.floor(Date.now() / 1000) + 1));
    await unchangedBy(id, payment.reference, again, 'PAYMENT_AMOUNT_MISMATCH', 422);
    const held = (await t.db.query<{ outcome: string; expected_amount: number }>('SELECT outcome, expected_amount FROM payment_notifications WHERE reference = $1', [payment.reference])).rows;
    expect(held).toEqual([{ outcome: 'amount_mismatch', expected_amount: 8000 }]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.notification.held' AND subject_id = $1`, [payment.reference])).toBe(1);
  });

  it('an unknown reference', async () => {
    const { id, payment } = await awaitingPayment();
    const body = notification('TT000000XXXXXXXX', 8_000);
    const res = await deliver(body);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PAYMENT_REFERENCE_UNKNOWN');
    expect(await count(`SELECT count(*)::int AS n FROM payment_notifications WHERE reference = 'TT000000XXXXXXXX'`)).toBe(0);
    expect(await dossierState(id)).toBe('awaiting_payment');
    expect(await statusOf(payment.reference)).toBe('pending');
  });

  it('a body that is not the contract (unknown field, decimal amount, date without offset, not JSON)', async () => {
    const { id, payment } = await awaitingPayment();
    const bad = [
      JSON.stringify({ transactionId: 'FT1', reference: payment.reference, amount: 8000, paidAt: '2026-12-07T09:00:00+07:00', note: 'x' }),
      JSON.stringify({ transactionId: 'FT2', reference: payment.reference, amount: 8000.5, paidAt: '2026-12-07T09:00:00+07:00' }),
      JSON.stringify({ transactionId: 'FT3', reference: payment.reference, amount: 8000, paidAt: '2026-12-07 09:00' }),
      '{"transactionId":',
    ];
    for (const body of bad) await unchangedBy(id, payment.reference, await deliver(body), 'PAYMENT_NOTIFY_INVALID', 400);
  });
});

describe('reconciliation and refunds (accountant)', () => {
  let accountant: Session;
  const STATEMENTS = '/api/v1/payments/statements';
  const csv = (...lines: string[]) => ['transaction_id,booked_on,amount,description', ...lines].join('\n');
  const upload = (s: Session, content: string) => inject('POST', STATEMENTS, s.headers, { fileName: 'sao-ke-12-2026.csv', content });

  beforeAll(async () => {
    accountant = await t.officer('ketoan.a', 'accountant', COMMUNE_A);
  });

  it('authorization: only the accountant reconciles and refunds', async () => {
    expect((await upload(desk, csv())).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/payments/mismatches', desk.headers)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/payments/mismatches')).statusCode).toBe(401);
    expect((await inject('POST', '/api/v1/payments/TT000000AAAAAAAA/refund', desk.headers, { reason: 'Nộp nhầm hai lần' })).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/payments/mismatches', accountant.headers)).statusCode).toBe(200);
  });

  it('matches the statement with the notifications and lists every line that does not match', async () => {
    const paid = await awaitingPayment();
    const transactionId = `FT${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await deliver(notification(paid.payment.reference, 8_000, transactionId))).statusCode).toBe(200);
    const unpaid = await awaitingPayment();
    const res = await upload(accountant, csv(
      `${transactionId},2026-12-07,8000,${paid.payment.reference} LE PHI`,
      `FTNONOTIFY1,2026-12-07,8000,"${unpaid.payment.reference} LE PHI, HO TICH"`,
      'FTSTRANGER1,2026-12-07,50000,CHUYEN TIEN',
    ));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ lines: 3, matched: 1, mismatches: 2 });
    expect(r.items.map((i: { outcome: string }) => i.outcome)).toEqual(['no_notification', 'unknown_reference']);
    const list = (await inject('GET', '/api/v1/payments/mismatches', accountant.headers)).json();
    expect(list.statementLines.map((l: { transactionId: string }) => l.transactionId)).toEqual(expect.arrayContaining(['FTNONOTIFY1', 'FTSTRANGER1']));
    // The notification held earlier for a wrong amount is on the list too.
    expect(list.heldNotifications.some((n: { outcome: string }) => n.outcome === 'amount_mismatch')).toBe(true);
    // Another commune's accountant sees none of it.
    const other = await t.officer('ketoan.b', 'accountant', COMMUNE_B);
    const theirs = (await inject('GET', '/api/v1/payments/mismatches', other.headers)).json();
    expect(theirs).toEqual({ statementLines: [], heldNotifications: [] });
  });

  it('refuses a malformed statement line by line, in Vietnamese, and stores nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM payment_statements');
    const res = await upload(accountant, csv('FT1,2026-02-30,8000,X', 'FT2,2026-12-07,8.000,X', 'FT3,2026-12-07,8000', 'FT1,2026-12-07,8000,"X'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PAYMENT_STATEMENT_INVALID');
    expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'Dòng 2: ngày ghi sổ (booked_on) phải là ngày có thật dạng YYYY-MM-DD',
      'Dòng 3: số tiền (amount) là số nguyên đồng lớn hơn 0, không có dấu phân cách',
      'Dòng 4: cần đúng 4 cột, có 3',
      'Dòng 5: dấu ngoặc kép không đúng quy tắc CSV',
    ]);
    expect((await upload(accountant, 'ma,ngay,tien,noi dung\nFT1,2026-12-07,8000,X')).json().errors[0].message).toContain('Dòng 1: dòng đầu phải đúng là');
    expect(await count('SELECT count(*)::int AS n FROM payment_statements')).toBe(before);
  });

  it('records a refund with its reason, audited, only for a paid request', async () => {
    const { payment } = await awaitingPayment();
    const refund = (reason: string) => inject('POST', `/api/v1/payments/${payment.reference}/refund`, accountant.headers, { reason });
    expect((await refund('Nộp nhầm')).json().code).toBe('PAYMENT_STATE');
    expect((await deliver(notification(payment.reference, 8_000))).statusCode).toBe(200);
    expect((await refund('ngắn')).statusCode).toBe(400);
    const res = await refund('Công dân rút hồ sơ trước khi giải quyết');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refunded', amount: 8000, reason: 'Công dân rút hồ sơ trước khi giải quyết' });
    expect(await statusOf(payment.reference)).toBe('refunded');
    expect((await refund('Hoàn trả lần hai')).json().code).toBe('PAYMENT_STATE');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.refund.recorded' AND subject_id = $1`, [payment.reference])).toBe(1);
    // The receipt stays downloadable after the refund.
    expect((await inject('GET', `/api/v1/payments/own/${payment.reference}/receipt.pdf`, an.headers)).statusCode).toBe(200);
  });
});

// Last in the file: it expires every pending request of this database.
describe('expiry', () => {
  it('a request past its time expires: no QR any more, and a transfer that still arrives is held, not confirmed', async () => {
    const { id, payment } = await awaitingPayment();
    expect(await t.services.payments.expireOverdue(new Date(Date.now() + 169 * 3_600_000))).toBeGreaterThanOrEqual(1);
    const seen = (await inject('GET', `/api/v1/payments/own/${payment.reference}`, an.headers)).json();
    expect(seen).toMatchObject({ status: 'expired', vietQr: null });
    const res = await deliver(notification(payment.reference, 8_000));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PAYMENT_NOT_PENDING');
    expect(await dossierState(id)).toBe('awaiting_payment');
  });

  it('a pending request past its time reads as expired before the job runs: no QR, no image', async () => {
    const { payment } = await awaitingPayment();
    await t.db.query(`UPDATE payment_requests SET expires_at = now() - interval '1 minute' WHERE reference = $1`, [payment.reference]);
    expect((await inject('GET', `/api/v1/payments/own/${payment.reference}`, an.headers)).json()).toMatchObject({ status: 'expired', statusLabel: 'Hết hạn', vietQr: null });
    const qr = await inject('GET', `/api/v1/payments/own/${payment.reference}/qr.svg`, an.headers);
    expect(qr.statusCode).toBe(409);
    expect(qr.json().code).toBe('PAYMENT_STATE');
  });

  it('the job records each expiry with its audit entry', async () => {
    const { payment } = await awaitingPayment();
    await t.db.query(`UPDATE payment_requests SET expires_at = now() - interval '1 minute' WHERE reference = $1`, [payment.reference]);
    expect(await t.services.payments.expireOverdue()).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*)::int AS n FROM payment_requests WHERE reference = $1 AND status = 'expired'`, [payment.reference])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.request.expired' AND subject_id = $1`, [payment.reference])).toBe(1);
  });

  describe('a fresh code for an expired request', () => {
    it('authorization: the payer, or an officer of the unit who may renew; others read it as absent', async () => {
      const { payment } = await awaitingPayment();
      await t.db.query(`UPDATE payment_requests SET expires_at = now() - interval '1 minute' WHERE reference = $1`, [payment.reference]);
      const own = `/api/v1/payments/own/${payment.reference}/renewal`;
      const unit = `/api/v1/payments/${payment.reference}/renewal`;
      expect((await inject('POST', own)).statusCode).toBe(401);
      expect((await inject('POST', own, bich.headers)).json().code).toBe('PAYMENT_NOT_FOUND');
      expect((await inject('POST', unit, registryOfficer.headers)).statusCode).toBe(403);
      expect((await inject('POST', unit, deskB.headers)).statusCode).toBe(404);
      const res = await inject('POST', unit, desk.headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ renewed: true, payment: { status: 'pending', amount: 8_000 } });
    });

    it('the payer gets a new reference with its QR, once on a double click; the old one stays expired; the new one pays the dossier', async () => {
      const { id, payment } = await awaitingPayment(an, 12_000);
      await t.db.query(`UPDATE payment_requests SET expires_at = now() - interval '1 minute' WHERE reference = $1`, [payment.reference]);
      const url = `/api/v1/payments/own/${payment.reference}/renewal`;
      const audits = () => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.request.renewed' AND data::jsonb->>'replaces' = $1`, [payment.reference]);
      const first = await inject('POST', url, an.headers);
      expect(first.statusCode, first.body).toBe(200);
      const fresh = first.json().payment as { reference: string; vietQr: string; expiresAt: string };
      expect(first.json().renewed).toBe(true);
      expect(fresh.reference).not.toBe(payment.reference);
      expect(readVietQr(fresh.vietQr)).toMatchObject({ amount: 12_000, billNumber: fresh.reference });
      expect(Date.parse(fresh.expiresAt)).toBeGreaterThan(Date.now() + 167 * 3_600_000);
      const again = await inject('POST', url, an.headers);
      expect(again.json()).toMatchObject({ renewed: false, payment: { reference: fresh.reference } });
      expect(await audits()).toBe(1);
      expect(await statusOf(payment.reference)).toBe('expired');
      // A renewal of the fresh one, still pending, is refused.
      const early = await inject('POST', `/api/v1/payments/own/${fresh.reference}/renewal`, an.headers);
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('PAYMENT_STATE');

      const paid = await deliver(notification(fresh.reference, 12_000));
      expect(paid.statusCode, paid.body).toBe(200);
      expect(await dossierState(id)).toBe('in_process');
      // Paid: no code is issued again.
      const late = await inject('POST', url, an.headers);
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('PAYMENT_NOT_DUE');
    });
  });
});
