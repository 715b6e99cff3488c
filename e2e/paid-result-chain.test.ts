import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { DESKTOP, launchChromium, phoneContext, officerDesktopPage, signInOfficer, type RegisteredResident } from './support.js';
import { act, choose, levelTwoCitizen, PDF } from './services-support.js';
import { scanQr, tlv } from './vietqr-scan.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';
import { readVietQr } from '../src/modules/payments/index.js';
import { signedNotification } from '../src/modules/payments/testing.js';

// Issue 16, "Done when", end to end in one chain: a citizen submits a paid procedure (phiếu lý lịch tư pháp) in the
// portal, the justice officer asks for the fee, the citizen's VietQR is read off the screen, the stand-in bank's
// signed notification confirms it, the dossier moves on, the leader approves (the handler may not), and the signed
// PDF and the wallet credential in the citizen's store verify: the PDF at /verify, the credential at a counter.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-chuoi-ket-qua-2026';
const FEE = 200_000;

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let handler: Page;
let dossierId = 0;
let presentation = '';

const officerPage = (username: string) => officerDesktopPage(browser, server, username);

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

describe('a paid procedure from the portal to a verified result', () => {
  it('the citizen sees the fee before starting, fills the form (registry fields locked) and submits', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    await page.getByTestId('services-search').locator('input').fill('ly lich tu phap');
    await page.getByTestId('services-search').locator('input').press('Enter');
    const item = page.locator('[data-testid="procedure-item"][data-slug="cap-phieu-ly-lich-tu-phap"]');
    await item.waitFor();
    await item.click();
    await page.getByTestId('procedure-fee').waitFor();
    expect(await page.getByTestId('procedure-fee').textContent()).toContain('200.000 đ');
    await page.getByTestId('procedure-start').click();
    await page.waitForURL(/\/citizen\/services\/dossiers\/\d+$/);
    dossierId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('field-applicant.fullName').waitFor();
    expect(await page.getByTestId('field-applicant.fullName-input').inputValue()).toBe(resident.fullName);
    expect(await page.getByTestId('field-applicant.personalId-input').isDisabled()).toBe(true);
    await choose(page, 'formType', 'Phiếu lý lịch tư pháp số 1');
    await page.getByTestId('field-purpose-input').fill('Bổ sung hồ sơ xin việc');
    await page.getByTestId('field-copies-input').fill('1');
    await choose(page, 'delivery', 'Nhận bản điện tử trên tài khoản');
    await page.getByTestId('submit-dossier').click();
    await page.locator('[data-testid="dossier-state"][data-state="submitted"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}chain-submitted.png`, fullPage: true });
    await page.close();
  });

  it('the justice officer receives it, starts processing and asks for the fee', async () => {
    handler = await officerPage('tuphap.tinh');
    await handler.goto(`${server.baseUrl}/officer/dossiers/${dossierId}`);
    await act(handler, 'receive', 'received');
    await act(handler, 'start_processing', 'in_process');
    await act(handler, 'request_payment', 'awaiting_payment', { 'action-amount': String(FEE) });
  });

  it('the citizen\'s VietQR, read off the screen, carries the fee, the account and the reference with a valid CRC; the bank confirms it', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.locator('[data-testid="payment-panel"][data-status="pending"]').waitFor();
    await page.getByTestId('pay-qr').evaluate((img: HTMLImageElement) => img.decode());
    expect(await page.getByTestId('pay-amount').textContent()).toBe('200.000 đ');
    const text = await scanQr(page.getByTestId('pay-qr'), `${ARTIFACTS}chain-vietqr.png`);
    const reference = await page.getByTestId('payment-panel').getAttribute('data-reference');
    const tags = tlv(text);
    expect(tags.get('01')).toBe('12'); // dynamic
    expect(tags.get('54')).toBe(String(FEE));
    expect(tlv(tags.get('62')!).get('08')!.startsWith(`${reference} `)).toBe(true);
    expect(text.slice(-8, -4)).toBe('6304');
    const scanned = readVietQr(text); // checks the CRC-16/CCITT-FALSE
    expect(scanned).toMatchObject({ dynamic: true, amount: FEE, billNumber: reference });

    // The stand-in bank: the transfer made from the scanned code, signed as docs/connectors/payments.md says.
    const body = JSON.stringify({ transactionId: `FT${Date.now()}`, reference: scanned.billNumber, amount: scanned.amount, paidAt: new Date().toISOString() });
    const confirmed = await fetch(`${server.baseUrl}/api/v1/payments/notifications`, { method: 'POST', headers: signedNotification(body), body });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    await page.locator('[data-testid="payment-panel"][data-status="paid"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="dossier-state"][data-state="in_process"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}chain-paid.png`, fullPage: true });
    await page.close();
  });

  it('the handler is not offered the approval; the department\'s leader approves; the handler returns the result', async () => {
    await handler.reload();
    await handler.locator('[data-testid="dossier-state"][data-state="in_process"]').first().waitFor();
    expect(await handler.getByTestId('action-approve').count()).toBe(0);
    const head = await officerPage('lanhdao.tuphap');
    await head.goto(`${server.baseUrl}/officer/dossiers/${dossierId}`);
    await head.getByTestId('action-approve').click();
    await head.getByTestId('action-convictions').waitFor();
    await head.getByTestId('action-convictions').getByText('Không có án tích', { exact: true }).click();
    await head.getByTestId('action-comment').fill('Đã tra cứu Cơ sở dữ liệu lý lịch tư pháp.');
    await head.getByTestId('action-ok').click();
    await head.locator('[data-testid="dossier-state"][data-state="processed"]').first().waitFor();
    await head.context().close();
    await handler.reload();
    await act(handler, 'return_result', 'returned');
    await handler.context().close();
  });

  it('the signed PDF is in the citizen\'s store (and in the wallet) and /verify says it is authentic', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/documents`);
    const doc = page.getByTestId('citizen-document').first();
    await doc.waitFor();
    expect(await doc.textContent()).toMatch(/lý lịch tư pháp/i);
    await doc.getByTestId('citizen-document-in-wallet').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}chain-store.png`, fullPage: true });
    const href = (await doc.getByTestId('citizen-document-pdf').getAttribute('href'))!;
    const pdf = await page.request.get(new URL(href, page.url()).toString());
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();

    const verify = await (await browser.newContext(DESKTOP)).newPage();
    await verify.goto(`${server.baseUrl}/verify`);
    await verify.locator('input[type=file]').setInputFiles({ name: 'phieu-ly-lich-tu-phap.pdf', mimeType: 'application/pdf', buffer: bytes });
    await verify.getByTestId('verify-authentic').waitFor();
    expect(await verify.getByTestId('verify-page').textContent()).not.toContain(resident.personalId);
    await verify.screenshot({ path: `${ARTIFACTS}chain-verify.png`, fullPage: true });
    await verify.context().close();
  });

  it('the wallet credential, presented from the phone, is HỢP LỆ at a counter', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/wallet`);
    const card = page.getByTestId('wallet-document').filter({ hasText: /lý lịch tư pháp/i }).first();
    await card.waitFor();
    expect(await card.getByTestId('wallet-status').getAttribute('data-status')).toBe('valid');
    await card.click();
    await page.getByTestId('wallet-detail').waitFor();
    await page.getByTestId('wallet-present').click();
    await page.getByTestId('wallet-choice').waitFor();
    const picks = page.locator('[data-testid^="wallet-pick-"]');
    for (let i = 0; i < await picks.count(); i++) await picks.nth(i).click();
    await page.getByTestId('wallet-make-qr').click();
    const qr = page.getByTestId('wallet-qr-card');
    await qr.waitFor();
    presentation = (await qr.getAttribute('data-presentation'))!;
    expect(presentation).toContain('~');
    await page.screenshot({ path: `${ARTIFACTS}chain-wallet-qr.png`, fullPage: true });
    await page.close();

    const desk = await (await phoneContext(browser)).newPage();
    await signInOfficer(desk, server, 'tiepdon.bv');
    await desk.waitForURL('**/desk');
    await desk.getByTestId('desk-paste').fill(presentation);
    await desk.getByTestId('desk-check').click();
    await desk.getByTestId('desk-result').waitFor();
    expect(await desk.getByTestId('desk-result').getAttribute('data-valid')).toBe('true');
    expect(await desk.getByTestId('desk-verdict').textContent()).not.toContain('KHÔNG');
    expect(await desk.getByTestId('desk-document-type').textContent()).toMatch(/lý lịch tư pháp/i);
    await desk.screenshot({ path: `${ARTIFACTS}chain-counter.png`, fullPage: true });
    await desk.context().close();
  });
});

describe('never asked twice: a paper of the store reused with one tap', () => {
  it('the proof of lawful accommodation uploaded once for a temporary residence is offered and attached in a permanent residence', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    // The paper uploaded once, for an earlier dossier (the upload's own pages are covered by services.test.ts).
    const uploaded = await page.evaluate(async (pdf) => {
      const { csrfToken } = (await (await fetch('/api/v1/citizen/session')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const d = (await (await fetch('/api/v1/services/dossiers', { method: 'POST', headers, body: JSON.stringify({ procedure: 'dang-ky-tam-tru' }) })).json()) as { id: number };
      const r = await fetch(`/api/v1/services/dossiers/${d.id}/documents`, { method: 'POST', headers, body: JSON.stringify({ kind: 'giay-to-cho-o-hop-phap', fileName: 'hop-dong-thue-nha.pdf', content: pdf }) });
      return r.status;
    }, PDF.toString('base64'));
    expect(uploaded).toBe(201);

    await page.goto(`${server.baseUrl}/citizen/services/procedures/dang-ky-thuong-tru`);
    await page.getByTestId('procedure-start').click();
    await page.waitForURL(/\/citizen\/services\/dossiers\/\d+$/);
    const paper = page.locator('[data-testid="upload-doc"][data-kind="giay-to-cho-o-hop-phap"]');
    const offer = paper.getByTestId('stored-doc');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('hop-dong-thue-nha.pdf');
    expect(await paper.getByTestId('reuse-stored').textContent()).toBe('Dùng giấy tờ đã có trong kho');
    await paper.screenshot({ path: `${ARTIFACTS}chain-reuse-offer.png` });
    await paper.getByTestId('reuse-stored').click();
    await paper.getByTestId('uploaded-file').waitFor();
    expect(await paper.getByTestId('uploaded-file').textContent()).toContain('hop-dong-thue-nha.pdf');
    expect(await paper.getByTestId('stored-doc').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}chain-reuse-attached.png`, fullPage: true });
    await page.close();
  });
});
