import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, phoneContext, registerResident, signInOfficer, type RegisteredResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-vi-giay-to-2025';
const CARD_NUMBER = 'HS4828401234567';
const YEAR = new Date().getFullYear();
const VALID_FROM = `01/01/${YEAR}`;
const VALID_TO = `31/12/${YEAR + 1}`;
const REVOKE_REASON = 'Thẻ cấp nhầm mức hưởng, cấp lại thẻ mới';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let officer: BrowserContext;
let officerPage: Page;
let citizen: BrowserContext;
let staff: BrowserContext;
let desk: Page;
let issuedId: string;
let presentation: string;

/** Types a date into an antd DatePicker (dd/MM/yyyy) and confirms it. */
async function fillDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Pastes the presentation at the counter and returns the verdict. */
async function verifyAtDesk(text: string): Promise<{ valid: string | null; verdict: string }> {
  await desk.getByTestId('desk-paste').fill(text);
  await desk.getByTestId('desk-check').click();
  const result = desk.getByTestId('desk-result');
  await result.waitFor();
  return { valid: await result.getAttribute('data-valid'), verdict: (await desk.getByTestId('desk-verdict').textContent()) ?? '' };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000);
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
});

afterAll(async () => {
  await officer?.close();
  await citizen?.close();
  await staff?.close();
  await browser?.close();
  await server?.stop();
});

describe('wallet: a health insurance card from issue to counter to revocation', () => {
  it('the province officer issues a health insurance card from the person page; a server field error lands on its field', async () => {
    officer = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    officerPage = await officer.newPage();
    await signInOfficer(officerPage, server, 'canbo.tinh');
    await officerPage.waitForURL('**/officer/people');
    await officerPage.goto(`${server.baseUrl}/officer/people/${resident.personalId}`);
    await officerPage.getByTestId('section-wallet').waitFor();
    await officerPage.getByTestId('wallet-issue').click();
    await officerPage.getByTestId('wallet-form').waitFor();

    // A certified copy's digitised file is picked with a Vietnamese button (not the browser's English input); only its hash is kept.
    await officerPage.getByTestId('wallet-type').click();
    await officerPage.locator('.ant-select-item-option[title^="Bản sao điện tử"]').click();
    const picker = officerPage.getByTestId('wallet-field-fileSha256-button');
    await picker.waitFor();
    expect(await picker.textContent()).toBe('Chọn tệp bản số hóa');
    expect(await officerPage.getByTestId('wallet-field-fileSha256-name').textContent()).toBe('Chưa chọn tệp nào');
    expect(await officerPage.getByTestId('wallet-field-fileSha256').isVisible()).toBe(false);
    const scan = Buffer.from('%PDF-1.4 bản quét thử');
    await officerPage.getByTestId('wallet-field-fileSha256').setInputFiles({ name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: scan });
    await officerPage.getByText(createHash('sha256').update(scan).digest('hex')).waitFor();
    expect(await officerPage.getByTestId('wallet-field-fileSha256-name').textContent()).toBe('ban-sao.pdf');
    await officerPage.locator('.ant-form-item:has(.file-picker)').screenshot({ path: `${ARTIFACTS}wallet-file-picker.png` });
    await officerPage.getByTestId('wallet-type').click();
    await officerPage.locator('.ant-select-item-option[title^="Thẻ bảo hiểm y tế"]').click();
    await officerPage.getByTestId('wallet-field-cardNumber').waitFor();

    // The form accepts it; the server refuses an expired card, and its error lands on the valid-to field.
    await officerPage.getByTestId('wallet-field-cardNumber').fill('0123456789');
    await officerPage.getByTestId('wallet-field-benefitLevel').click();
    await officerPage.locator('.ant-select-item-option[title^="Mức 4"]').click();
    await officerPage.getByTestId('wallet-field-primaryCareFacility').fill('Trạm Y tế xã (mẫu)');
    await officerPage.getByTestId('wallet-field-primaryCareFacilityCode').fill('82001');
    await fillDate(officerPage, 'wallet-field-validFrom', `01/01/${YEAR - 2}`);
    await fillDate(officerPage, 'wallet-field-validTo', `31/12/${YEAR - 1}`);
    await officerPage.getByTestId('wallet-issue-ok').click();
    const validToError = officerPage.locator('#validTo_help, .ant-form-item-has-error:has([data-testid="wallet-field-validTo"]) .ant-form-item-explain-error');
    await validToError.first().waitFor();
    await officerPage.screenshot({ path: `${ARTIFACTS}wallet-issue-field-error.png`, fullPage: true });
    expect(await officerPage.getByTestId('wallet-issue-error').textContent()).toBeTruthy();

    await officerPage.getByTestId('wallet-field-cardNumber').fill(CARD_NUMBER);
    await fillDate(officerPage, 'wallet-field-validFrom', VALID_FROM);
    await fillDate(officerPage, 'wallet-field-validTo', VALID_TO);
    await officerPage.getByTestId('wallet-issue-ok').click();
    const issued = officerPage.getByTestId('wallet-issued');
    await issued.waitFor();
    issuedId = (await issued.getAttribute('data-id'))!;
    expect(issuedId).toMatch(/^[\w-]{8,40}$/);
    expect(await issued.getAttribute('data-status')).toBe('valid');
    expect(await issued.textContent()).toContain('Thẻ bảo hiểm y tế');
    await officerPage.getByTestId('section-wallet').screenshot({ path: `${ARTIFACTS}wallet-issued.png` });
  });

  it('the citizen opens the wallet from the portal and presents card number, name and valid-to', async () => {
    citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('link-wallet').click();
    await page.waitForURL('**/citizen/wallet');
    const card = page.locator(`[data-testid="wallet-document"][data-id="${issuedId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Thẻ bảo hiểm y tế');
    expect(await card.getByTestId('wallet-status').getAttribute('data-status')).toBe('valid');
    await page.screenshot({ path: `${ARTIFACTS}wallet-list.png`, fullPage: true });

    await card.click();
    await page.getByTestId('wallet-detail').waitFor();
    const claimText = (claim: string) => page.locator(`[data-testid="wallet-claim"][data-claim="${claim}"]`).textContent();
    expect(await claimText('card_number')).toBe(CARD_NUMBER);
    expect(await claimText('holder_name')).toBe(resident.fullName);
    expect(await claimText('valid_to')).toBe(VALID_TO);

    await page.getByTestId('wallet-present').click();
    for (const claim of ['card_number', 'holder_name', 'valid_to']) await page.getByTestId(`wallet-pick-${claim}`).click();
    await page.getByTestId('wallet-make-qr').click();
    const qr = page.getByTestId('wallet-qr-card');
    await qr.waitFor();
    await page.locator('[data-testid="wallet-qr"] img').waitFor();
    presentation = (await qr.getAttribute('data-presentation'))!;
    expect(presentation).toContain('~');
    expect(presentation.length).toBeGreaterThan(500);
    expect(await page.getByTestId('wallet-qr-shown').allTextContents()).toEqual(['Mã số thẻ BHYT', 'Họ, chữ đệm và tên', 'Giá trị sử dụng đến ngày']);
    await page.screenshot({ path: `${ARTIFACTS}wallet-presentation-qr.png`, fullPage: true });
  });

  it('the hospital counter sees HỢP LỆ with exactly the three claims shown', async () => {
    staff = await phoneContext(browser);
    desk = await staff.newPage();
    await signInOfficer(desk, server, 'tiepdon.bv');
    await desk.waitForURL('**/desk');
    const { valid, verdict } = await verifyAtDesk(presentation);
    expect(valid).toBe('true');
    expect(verdict).toContain('HỢP LỆ');
    expect(verdict).not.toContain('KHÔNG');
    expect(await desk.getByTestId('desk-document-type').textContent()).toBe('Thẻ bảo hiểm y tế');
    const claims = await desk.getByTestId('desk-claim').evaluateAll((els) => els.map((e) => [e.getAttribute('data-claim'), e.textContent]));
    expect(Object.fromEntries(claims)).toEqual({ card_number: CARD_NUMBER, holder_name: resident.fullName, valid_to: VALID_TO });
    const withheld = await desk.getByTestId('desk-document-withheld').textContent();
    expect(withheld).toContain('Ngày sinh');
    expect(withheld).toContain('Mức hưởng');
    await desk.screenshot({ path: `${ARTIFACTS}wallet-desk-valid.png`, fullPage: true });
    await desk.getByTestId('desk-next').click();
  });

  it('after the officer revokes it, the same presentation is KHÔNG HỢP LỆ because it was revoked', async () => {
    await officerPage.getByTestId('wallet-revoke').click();
    await officerPage.getByTestId('wallet-revoke-reason').fill(REVOKE_REASON);
    await officerPage.getByTestId('wallet-revoke-ok').click();
    await officerPage.locator('[data-testid="wallet-issued"][data-status="revoked"]').waitFor();
    expect(await officerPage.getByTestId('wallet-issued').textContent()).toContain(REVOKE_REASON);

    const { valid, verdict } = await verifyAtDesk(presentation);
    expect(valid).toBe('false');
    expect(verdict).toContain('KHÔNG HỢP LỆ');
    const reasons = desk.getByTestId('desk-reasons');
    expect(await reasons.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toContain('WALLET_REVOKED');
    expect(await reasons.textContent()).toContain('thu hồi');
    await desk.screenshot({ path: `${ARTIFACTS}wallet-desk-revoked.png`, fullPage: true });

    // The citizen's wallet says so too, with the officer's reason.
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/wallet`);
    const card = page.locator(`[data-testid="wallet-document"][data-id="${issuedId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('wallet-status').getAttribute('data-status')).toBe('revoked');
    await card.click();
    expect(await page.getByTestId('wallet-revoked-reason').textContent()).toContain(REVOKE_REASON);
  });
});
