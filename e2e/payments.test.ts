import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { scanQr as scanLocator, tlv } from './vietqr-scan.js';
import { startServer, type RunningServer } from './server.js';
import { cookiesOf, launchChromium, officerCookie, type RegisteredResident } from './support.js';
import { levelTwoCitizen, officerPost } from './services-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';
import { readVietQr } from '../src/modules/payments/index.js';
import { signedNotification } from '../src/modules/payments/testing.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-nop-phi-2026';
const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const FEE = 200_000;

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let dossierId = 0;
let paidTransaction = '';

/** The dossier page's VietQR as a camera reads it. */
const scanQr = (page: Page) => scanLocator(page.getByTestId('pay-qr'), `${ARTIFACTS}payments-qr.png`);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem() });
  browser = await launchChromium();
  ({ resident, citizen } = await levelTwoCitizen(server, browser, PASSWORD));
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a dossier\'s fee paid by VietQR, confirmed by the bank, with its e-receipt', () => {
  it('the officer asks for the fee: the citizen\'s dossier shows the amount, the VietQR and the transfer details', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    dossierId = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/citizen/session')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const d = (await (await fetch('/api/v1/services/dossiers', {
        method: 'POST', headers, body: JSON.stringify({ procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' } }),
      })).json()) as { id: number };
      await fetch(`/api/v1/services/dossiers/${d.id}/submission`, { method: 'POST', headers: { ...headers, 'idempotency-key': crypto.randomUUID() }, body: '{}' });
      return d.id;
    });
    const justice = await officerCookie(server, 'tuphap.tinh');
    for (const [step, body] of [['reception', {}], ['processing', {}], ['payment-request', { amount: FEE }]] as const) {
      const res = await officerPost(server, justice, `/api/v1/services/officer/dossiers/${dossierId}/${step}`, body);
      expect(res.status, `${step}: ${await res.clone().text()}`).toBe(200);
    }

    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.locator('[data-testid="dossier-state"][data-state="awaiting_payment"]').waitFor();
    const panel = page.locator('[data-testid="payment-panel"][data-status="pending"]');
    await panel.waitFor();
    expect(await page.getByTestId('pay-amount').textContent()).toBe('200.000 đ');
    expect(await page.getByTestId('pay-purpose').textContent()).toMatch(/^Phí, lệ phí: .*lý lịch tư pháp/i);
    expect(await page.getByTestId('pay-account').textContent()).toBe('113366668888');
    expect(await page.getByTestId('pay-bank').textContent()).toContain('VietinBank');
    expect(await page.getByTestId('pay-sample').count()).toBe(1);
    expect(await page.getByTestId('pay-waiting').textContent()).toContain('tự cập nhật khi ngân hàng báo đã nhận tiền');
    expect(await page.getByTestId('pay-expires').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByTestId('pay-qr').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: `${ARTIFACTS}payments-pending-phone.png`, fullPage: true });
    await panel.screenshot({ path: `${ARTIFACTS}payments-panel-phone.png` });

    // The same page on a desktop: the QR beside the details.
    const desktop = await browser.newContext(DESKTOP);
    await desktop.addCookies(await citizen.cookies());
    const wide = await desktop.newPage();
    await wide.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await wide.locator('[data-testid="payment-panel"][data-status="pending"]').waitFor();
    await wide.getByTestId('pay-qr').evaluate((img: HTMLImageElement) => img.decode());
    await wide.getByTestId('payment-panel').screenshot({ path: `${ARTIFACTS}payments-panel-desktop.png` });
    await desktop.close();
    await page.close();
  });

  it('the VietQR read off the screen is a dynamic NAPAS code for the amount, to the collecting account, with the reference and a valid CRC', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.locator('[data-testid="payment-panel"][data-status="pending"]').waitFor();
    await page.getByTestId('pay-qr').evaluate((img: HTMLImageElement) => img.decode());
    const text = await scanQr(page);
    const reference = await page.getByTestId('payment-panel').getAttribute('data-reference');

    const tags = tlv(text);
    expect(tags.get('00')).toBe('01');
    expect(tags.get('01')).toBe('12');
    const napas = tlv(tags.get('38')!);
    expect(napas.get('00')).toBe('A000000727');
    expect(tlv(napas.get('01')!)).toEqual(new Map([['00', '970415'], ['01', '113366668888']]));
    expect(napas.get('02')).toBe('QRIBFTTA');
    expect(tags.get('53')).toBe('704');
    expect(tags.get('54')).toBe(String(FEE));
    expect(tags.get('58')).toBe('VN');
    const extra = tlv(tags.get('62')!);
    expect(extra.get('01')).toBe(reference);
    expect(extra.get('08')!.startsWith(`${reference} `)).toBe(true);
    // What the payer would type by hand is what the code carries.
    expect(await page.getByTestId('pay-transfer-text').textContent()).toBe(extra.get('08'));
    expect(text.slice(-8, -4)).toBe('6304');
    // readVietQr checks the CRC-16/CCITT-FALSE over everything up to and including "6304".
    expect(readVietQr(text)).toMatchObject({ dynamic: true, bin: '970415', account: '113366668888', amount: FEE, billNumber: reference });
    const broken = `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`;
    expect(() => readVietQr(broken)).toThrow();
    await page.close();
  });

  it('the bank\'s signed notification confirms it: the page says "Đã thanh toán" by itself, the dossier moves on, the receipt downloads', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.locator('[data-testid="payment-panel"][data-status="pending"]').waitFor();
    await page.getByTestId('pay-qr').evaluate((img: HTMLImageElement) => img.decode());
    const scanned = readVietQr(await scanQr(page));
    // A marker on the page's window: it must survive, proving the page was not reloaded.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    // The stand-in bank: the transfer the payer made from the scanned code, signed as docs/connectors/payments.md says.
    paidTransaction = `FT${Date.now()}`;
    const body = JSON.stringify({ transactionId: paidTransaction, reference: scanned.billNumber, amount: scanned.amount, paidAt: new Date().toISOString() });
    const confirmed = await fetch(`${server.baseUrl}/api/v1/payments/notifications`, { method: 'POST', headers: signedNotification(body), body });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'confirmed', duplicate: false });

    await page.locator('[data-testid="payment-panel"][data-status="paid"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="dossier-state"][data-state="in_process"]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect((await page.getByTestId('pay-status').textContent())!.toLowerCase()).toBe('đã thanh toán');
    expect(await page.getByTestId('pay-receipt-number').textContent()).toMatch(/^BL26E-\d{7}$/);
    expect(await page.getByTestId('pay-qr').count()).toBe(0);
    expect(await page.locator('[data-testid="timeline-entry"][data-action="record_payment"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}payments-paid-phone.png`, fullPage: true });
    await page.getByTestId('payment-panel').screenshot({ path: `${ARTIFACTS}payments-paid-panel-phone.png` });

    const href = await page.getByTestId('pay-receipt-pdf').getAttribute('href');
    const pdf = await page.request.get(new URL(href!, page.url()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(resident.personalId).toMatch(/^\d{12}$/);
    await page.close();
  });
});

describe('the accountant reconciles the bank statement', () => {
  it('uploads the CSV: the paid transaction matches, an unknown transfer is listed as a mismatch', async () => {
    const username = 'ketoan.e2e';
    const made = await officerPost(server, await officerCookie(server, 'quantri'), '/api/v1/officers', { username, role: 'accountant', fullName: 'Kế toán (thử)', areaCode: '28249' });
    expect(made.status, await made.clone().text()).toBe(201);
    const { password } = (await made.json()) as { password: string };
    const signIn = await fetch(`${server.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const newPassword = 'Mat-khau-ke-toan-thu-phi-2026';
    const changed = await officerPost(server, cookiesOf(signIn), '/api/v1/session/password', { currentPassword: password, newPassword });
    expect(changed.status, await changed.clone().text()).toBe(200);

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(newPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/officer/payments');
    await page.getByTestId('statement-upload').waitFor();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const csv = `transaction_id,booked_on,amount,description\n${paidTransaction},${today},${FEE},CHUYEN KHOAN\nFT999999999,${today},15000,TIEN KHONG RO NGUON\n`;
    await page.getByTestId('statement-file').setInputFiles({ name: 'sao-ke.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('statement-submit').click();
    await page.getByTestId('statement-summary').waitFor();
    expect(await page.getByTestId('statement-summary').textContent()).toBe('2 dòng: 1 dòng khớp, 1 dòng không khớp');
    await page.getByTestId('payment-mismatches').getByText('FT999999999').waitFor();
    expect(await page.getByTestId('payment-mismatches').textContent()).toContain('15.000 đ');
    await page.screenshot({ path: `${ARTIFACTS}payments-accountant.png`, fullPage: true });
    await context.close();
  });
});

