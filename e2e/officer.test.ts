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

  it('lets a commune registry officer record a person, correct a field, move and record the death, each showing its audit entry', async () => {
    const account = server.accounts.get('canbo.xa')!;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(page, account.username, account.password);
    await page.waitForURL('**/officer/people');

    // ---- record a new person: the ID's sex digit disagrees first, the server's error stands under the field ----
    await page.getByTestId('new-person').click();
    await page.waitForURL('**/officer/people/new');
    const form = page.getByTestId('new-person-form');
    // 087 = birth registered in Đồng Tháp, 0 = male born 19xx, 91 = 1991; the serial is random so reruns do not collide.
    const serial = String(Math.floor(Math.random() * 900_000) + 100_000);
    const personalId = `087091${serial}`;
    await page.getByTestId('new-personal-id').fill(personalId);
    await page.getByTestId('new-full-name').fill('Huỳnh Thị Mai');
    await page.getByTestId('new-dob').fill('15/03/1991');
    await form.getByText('Nữ', { exact: true }).click();
    await page.getByTestId('new-address').fill('Số 8, ấp Tân Hòa');
    // The commune select is labelled, and fixed to the officer's commune.
    expect(await page.getByTestId('new-commune').locator('input').getAttribute('id')).toBe('communeCode');
    expect(await form.locator('label[for="communeCode"]').textContent()).toBe('Xã/phường thường trú');
    expect(await page.getByTestId('id-decoded').textContent()).toContain('Số định danh không khớp giới tính');
    expect(await form.locator('label[for="dateOfBirth"]').textContent()).toBe('Ngày sinh (dd/mm/yyyy)');
    await page.getByTestId('new-person-submit').click();
    const idError = form.locator('.ant-form-item').filter({ has: page.getByTestId('new-personal-id') }).locator('.ant-form-item-explain-error');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('Chữ số thứ 4 của số định danh ứng với giới tính Nam');
    // Nothing typed is lost.
    expect(await page.getByTestId('new-full-name').inputValue()).toBe('Huỳnh Thị Mai');
    expect(await page.getByTestId('new-dob').inputValue()).toBe('15/03/1991');
    await page.screenshot({ path: `${ARTIFACTS}registry-new-person-error.png`, fullPage: true });

    await form.getByText('Nam', { exact: true }).click();
    await page.getByTestId('new-full-name').fill('Huỳnh Văn Mai');
    await page.getByTestId('new-person-submit').click();
    await page.waitForURL(`**/officer/people/${personalId}`);
    expect(await page.getByTestId('person-name').textContent()).toBe('Huỳnh Văn Mai');
    await expectLogged(page, 'Đăng ký');
    await page.screenshot({ path: `${ARTIFACTS}registry-created.png`, fullPage: true });

    // ---- correct the name, with a reason: the old value stays in the history ----
    await page.getByTestId('action-correct').click();
    await page.getByTestId('correct-form').waitFor();
    expect(await page.getByTestId('correct-current').textContent()).toContain('Huỳnh Văn Mai');
    await page.getByTestId('correct-value').fill('Huỳnh Văn Mải');
    await page.getByTestId('correct-reason').fill('Theo trích lục khai sinh');
    await page.screenshot({ path: `${ARTIFACTS}registry-correct-form.png` });
    await page.getByTestId('correct-submit').click();
    await expectLogged(page, 'Cải chính thông tin');
    expect(await page.getByTestId('person-name').textContent()).toBe('Huỳnh Văn Mải');
    const correction = page.getByTestId('correction-row').first();
    expect(await correction.textContent()).toContain('Huỳnh Văn Mai');
    expect(await correction.textContent()).toContain('Theo trích lục khai sinh');
    await page.screenshot({ path: `${ARTIFACTS}registry-corrected.png`, fullPage: true });

    // ---- a temporary residence in the officer's commune ----
    await page.getByTestId('action-move').click();
    const move = page.getByTestId('move-form');
    await move.waitFor();
    await move.getByText('Tạm trú', { exact: true }).click();
    await page.getByTestId('move-address').fill('Nhà trọ số 12, ấp Tân Hòa');
    await page.getByTestId('move-on').fill(daysAgo(10));
    expect(await move.locator('label[for="movedOn"]').textContent()).toBe('Ngày đăng ký (dd/mm/yyyy)');
    expect(await move.locator('label[for="communeCode"]').textContent()).toBe('Xã/phường nơi đến');
    await page.screenshot({ path: `${ARTIFACTS}registry-move-form.png` });
    await page.getByTestId('move-submit').click();
    await expectLogged(page, 'Đăng ký cư trú');
    expect(await page.getByTestId('section-residences').textContent()).toContain('Nhà trọ số 12, ấp Tân Hòa');
    await page.screenshot({ path: `${ARTIFACTS}registry-moved.png`, fullPage: true });

    // ---- the death, after confirmation: the record shows the person as deceased ----
    await page.getByTestId('action-death').click();
    const death = page.getByTestId('death-form');
    await death.waitFor();
    await page.getByTestId('death-date').fill(daysAgo(2));
    await page.getByTestId('death-place').fill('Bệnh viện Đa khoa Đồng Tháp');
    await page.getByTestId('death-submit').click();
    // Without the confirmation nothing is sent.
    await death.getByText('Cần xác nhận trước khi ghi nhận').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}registry-death-form.png` });
    await death.getByText(/Tôi đã đối chiếu giấy báo tử/).click();
    await page.getByTestId('death-submit').click();
    await expectLogged(page, 'Ghi nhận khai tử');
    expect(await page.getByTestId('person-status').textContent()).toBe(`Đã mất ngày ${daysAgo(2)}`);
    expect(await page.getByTestId('section-life-events').textContent()).toContain('Bệnh viện Đa khoa Đồng Tháp');
    expect(await page.getByTestId('action-death').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}registry-death.png`, fullPage: true });
    await page.close();
  });
});

/** dd/mm/yyyy of `n` days before today in Vietnam. */
function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year}`;
}

/** The action just done is named at the top of the page and highlighted in the access log, by the officer. */
async function expectLogged(page: Page, actionLabel: string): Promise<void> {
  const notice = page.getByTestId('just-logged');
  await page.waitForFunction((label) => document.querySelector('[data-testid="just-logged"]')?.textContent?.includes(label), actionLabel);
  expect(await notice.textContent()).toContain('Cán bộ xã (mẫu)');
  const row = page.getByTestId('section-access-log').getByTestId('access-new');
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain(actionLabel);
  expect(await row.textContent()).toContain('Mới');
}

