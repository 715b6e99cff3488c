import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { apiGet, launchChromium, officerCookie } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const OFFICER_NAME = 'Cán bộ tỉnh (mẫu)';

let server: RunningServer;
let browser: Browser;

/** What an officer types without Vietnamese diacritics: "Đặng Văn Ân" → "dang van an". */
function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

interface ListItem {
  ref: string;
  fullName: string;
  personalIdMasked: string;
  deceased: boolean;
}

/** A living resident whose name, typed without diacritics, finds them on the first results page. */
async function findResident(cookie: string): Promise<{ person: ListItem; query: string }> {
  const list = await apiGet<{ items: ListItem[] }>(server, cookie, '/api/v1/people?q=nguyen&limit=50');
  for (const person of list.items) {
    // Names of the seed lists are plain Vietnamese; skip anything whose folded form is not ASCII.
    const query = withoutDiacritics(person.fullName);
    if (person.deceased || !/^[a-z ]+$/.test(query)) continue;
    const found = await apiGet<{ items: ListItem[] }>(server, cookie, `/api/v1/people?q=${encodeURIComponent(query)}&limit=20`);
    if (found.items.some((p) => p.ref === person.ref)) return { person, query };
  }
  throw new Error('no suitable resident in the demo data');
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('officer web UI', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL('**/login');
    await expect(page.getByTestId('login-card').textContent()).resolves.toContain('Đăng nhập cán bộ');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.close();
  });

  it('shows the Vietnamese error for a wrong password', async () => {
    const page = await browser.newPage();
    await signIn(page, 'canbo.tinh', 'sai-mat-khau');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(page.url()).toMatch(/\/login$/);
    await page.screenshot({ path: `${ARTIFACTS}login-error.png` });
    await page.close();
  });

  it('finds a resident by name without diacritics, opens the record and sees the view logged', async () => {
    const account = server.accounts.get('canbo.tinh');
    expect(account, 'demo account canbo.tinh printed on stdout').toBeDefined();
    const { person, query } = await findResident(await officerCookie(server, account!.username, account!.password));

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, account!.username, account!.password);
    await page.waitForURL('**/officer/people');
    expect(await page.getByTestId('officer-name').textContent()).toBe(OFFICER_NAME);
    expect(await page.getByTestId('officer-user').textContent()).toContain('Đăng xuất');

    await page.getByTestId('search-q').fill(query);
    await page.getByTestId('search-submit').click();
    const row = page.locator(`[data-testid="person-row"][data-ref="${person.ref}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(person.fullName);
    const masked = (await row.getByTestId('masked-id').textContent()) ?? '';
    expect(masked).toMatch(/^\d{3}\*{6}\d{3}$/);
    expect(masked).toBe(person.personalIdMasked);
    await page.screenshot({ path: `${ARTIFACTS}search.png`, fullPage: true });

    await row.click();
    await page.waitForURL(`**/officer/people/${person.ref}`);
    const id = (await page.getByTestId('person-id').textContent()) ?? '';
    expect(id).toMatch(/^\d{12}$/);
    expect(id.slice(0, 3) + '******' + id.slice(-3)).toBe(masked);
    expect(await page.getByTestId('person-name').textContent()).toBe(person.fullName);
    expect(await page.getByTestId('person-dob').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByTestId('audit-note').textContent()).toContain('Mọi lần xem hồ sơ đều được ghi nhật ký');

    const log = page.getByTestId('section-access-log');
    expect(await log.textContent()).toContain('Nhật ký truy cập');
    const actor = log.getByTestId('access-actor').first();
    await actor.waitFor();
    expect(await actor.textContent()).toBe(OFFICER_NAME);
    const firstEntry = log.locator('tbody tr').first();
    expect(await firstEntry.textContent()).toContain('Xem hồ sơ');
    expect(await firstEntry.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    for (const title of ['Nơi cư trú', 'Hộ gia đình', 'Số định danh cũ', 'Sự kiện hộ tịch']) {
      expect(await page.textContent('body')).toContain(title);
    }
    await page.screenshot({ path: `${ARTIFACTS}person.png`, fullPage: true });

    // The household page lists the members; a member row opens that member.
    const householdLink = page.getByTestId('household-link');
    if (await householdLink.count()) {
      await householdLink.click();
      await page.getByTestId('household-page').waitFor();
      const members = page.getByTestId('member-row');
      expect(await members.count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${ARTIFACTS}household.png`, fullPage: true });
      await members.first().click();
      await page.waitForURL(/\/officer\/people\/p\d+$/);
      await page.getByTestId('person-id').waitFor();
    }

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.close();
  });

  it('pages through results with "Xem thêm"', async () => {
    const account = server.accounts.get('canbo.tinh')!;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, account.username, account.password);
    await page.waitForURL('**/officer/people');
    await page.getByTestId('search-q').fill('nguyen');
    await page.getByTestId('search-submit').click();
    const rows = page.getByTestId('person-row');
    await rows.nth(19).waitFor();
    expect(await rows.count()).toBe(20);
    await page.getByTestId('load-more').click();
    await rows.nth(20).waitFor();
    expect(await rows.count()).toBeGreaterThan(20);
    await page.close();
  });

  it('shows a commune officer their own commune, fixed, in the search form', async () => {
    const account = server.accounts.get('canbo.xa');
    expect(account).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, account!.username, account!.password);
    await page.waitForURL('**/officer/people');
    expect(await page.getByTestId('officer-name').textContent()).toBe('Cán bộ xã (mẫu)');
    const commune = page.getByTestId('search-commune');
    await page.waitForFunction(() => /\p{L}/u.test(document.querySelector('[data-testid="search-commune"]')?.textContent ?? ''));
    expect(await commune.textContent()).toMatch(/^(Xã|Phường|Đặc khu) /);
    expect(await commune.getAttribute('class')).toContain('disabled');
    await page.close();
  });
});
