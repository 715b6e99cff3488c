import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, phoneContext, registerResident, signInOfficer, type RegisteredResident } from './support.js';

const PASSWORD = 'Mat-khau-bao-sinh-2026';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;

/** An hour ago, as a phone's date and time picker gives it (Vietnam's time). */
const hourAgoLocal = () => new Date(Date.now() - 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('life events: the hospital counter\'s birth notice, then the family\'s offer', () => {
  it('the hospital\'s reception staff declares a birth from the "Báo sinh" tab on a phone', async () => {
    const page = await (await phoneContext(browser)).newPage();
    await signInOfficer(page, server, 'tiepdon.bv');
    await page.waitForURL('**/desk');
    await page.getByTestId('desk-nav-birth').click();
    await page.getByTestId('birth-notice-page').waitFor();
    await page.getByTestId('birth-mother').fill(resident.personalId);
    await page.getByTestId('birth-born-at').fill(hourAgoLocal());
    await page.getByTestId('birth-sex').getByText('Nữ', { exact: true }).click();
    await page.getByTestId('birth-weight').fill('3200');
    await page.getByTestId('birth-name').fill('Bé Thử Nghiệm');
    await page.getByTestId('birth-submit').click();
    // The same answer whoever the mother is: the counter learns nothing from it.
    await page.getByTestId('birth-notice-done').waitFor();
    expect(await page.getByTestId('birth-notice-done').textContent()).toContain('Đã ghi nhận thông tin báo sinh');
  }, 120_000);

  it('the mother sees the offer on her portal and one click opens the prefilled birth registration; a man sees none', async () => {
    const context = await citizenContext(browser, server.baseUrl, resident.sessionToken);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    await page.getByTestId('services-page').waitFor();
    if (resident.sex !== 'Nữ') {
      // The notice named a man as the mother: nobody is offered anything.
      await page.getByTestId('procedure-list').waitFor();
      expect(await page.getByTestId('life-offer').count()).toBe(0);
      return;
    }
    const offer = page.locator('[data-testid="life-offer"][data-kind="birth"]');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Đăng ký khai sinh liên thông cho con');
    expect(await page.getByTestId('life-offer-child-name').inputValue()).toBe('Bé Thử Nghiệm');
    await page.getByTestId('life-offer-primary-care').fill('Trạm y tế xã');
    await page.getByTestId('life-offer-accept').click();
    await page.waitForURL('**/citizen/services/groups/*', { timeout: 30_000 });
  }, 120_000);
});
