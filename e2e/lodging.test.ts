import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, phoneContext, registerResident, signInOfficer, type RegisteredResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-luu-tru-2025';
const HOTEL = 'Khách sạn Sen Hồng (mẫu)';
/** The second guest, on the watchlist: checked in by hand with an old ID card (CMND). */
const WANTED = { fullName: 'Trần Văn Truy', dateOfBirth: '12/03/1985', legacyId: '381234567', note: 'Đối tượng mẫu của kiểm thử e2e' };

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let police: BrowserContext;
let policePage: Page;
let staff: BrowserContext;
let desk: Page;

/** What an officer types without Vietnamese diacritics: "Đặng Văn Ân" → "dang van an". */
function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

/** A fresh identity QR token off the citizen's screen (the default choice shows ID, name, date of birth, sex). */
async function identityQrToken(): Promise<string> {
  const page = await citizen.newPage();
  await page.goto(`${server.baseUrl}/citizen/qr`);
  await page.locator('[data-testid="identity-qr"] img').waitFor();
  const token = await page.getByTestId('identity-qr').getAttribute('data-token');
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await page.close();
  return token!;
}

/** Types a reason into the declaration's reason box (a free-text field with suggestions). */
async function fillReason(page: Page, reason: string): Promise<void> {
  const input = page.locator('[data-testid="stay-reason"] input, input[data-testid="stay-reason"]').first();
  await input.fill(reason);
  await input.press('Escape');
}

function guestCard(page: Page, index: number): Locator {
  return page.locator(`[data-testid="guest-card"][data-index="${index}"]`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000);
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
  citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
});

afterAll(async () => {
  await citizen?.close();
  await police?.close();
  await staff?.close();
  await browser?.close();
  await server?.stop();
});

describe('lodging: a hotel declares its guests, the commune police watch', () => {
  it('the commune police officer signs in, lands on /police and puts a second person on the watchlist', async () => {
    police = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    policePage = await police.newPage();
    await signInOfficer(policePage, server, 'congan.xa');
    await policePage.waitForURL('**/police');
    await policePage.getByTestId('police-stays-page').waitFor();
    expect(await policePage.getByTestId('officer-name').textContent()).toBe('Cán bộ Công an xã (mẫu)');

    await policePage.getByTestId('police-menu-watchlist').click();
    await policePage.getByTestId('police-watchlist-page').waitFor();
    await policePage.getByTestId('watchlist-add').click();
    await policePage.getByTestId('watchlist-full-name').fill(WANTED.fullName);
    await policePage.getByTestId('watchlist-dob').fill(WANTED.dateOfBirth);
    await policePage.getByTestId('watchlist-note').fill(WANTED.note);
    await policePage.getByTestId('watchlist-submit').click();
    const row = policePage.locator('[data-testid="watchlist-row"]', { hasText: WANTED.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain(WANTED.dateOfBirth);
    await policePage.screenshot({ path: `${ARTIFACTS}police-watchlist.png`, fullPage: true });

    // Back to the stays list: the page stays open (and listening) while the desk works.
    await policePage.getByTestId('police-menu-stays').click();
    await policePage.getByTestId('police-stays-page').waitFor();
    await policePage.evaluate(() => ((window as unknown as { lodgingMarker: number }).lodgingMarker = 42));
  });

  it('the hotel receptionist signs in, sees the "Lưu trú" tab, the deadline and the guest list', async () => {
    staff = await phoneContext(browser);
    desk = await staff.newPage();
    await signInOfficer(desk, server, 'letan.ks');
    await desk.waitForURL('**/desk');
    await desk.getByTestId('desk-nav-lodging').click();
    await desk.waitForURL('**/desk/lodging');
    expect(await desk.getByTestId('lodging-facility').textContent()).toContain(HOTEL);
    expect(await desk.getByTestId('lodging-deadline').textContent()).toMatch(/Hạn thông báo lưu trú cho khách đến lúc này: trước \d{2}:\d{2} (hôm nay|sáng mai)/);
    await desk.screenshot({ path: `${ARTIFACTS}desk-lodging.png`, fullPage: true });
  });

  it('checks a guest in by pasting their identity QR; a retry after a lost answer records the stay once', async () => {
    const token = await identityQrToken();
    await desk.getByTestId('lodging-new').click();
    await desk.waitForURL('**/desk/lodging/new');
    const card = guestCard(desk, 0);
    // On a 390 px phone each way of identifying the guest reads whole: "Căn cước" is not cut to "Căn c…".
    const labels = card.locator('.ant-segmented-item-label');
    await labels.filter({ hasText: 'Căn cước' }).waitFor();
    expect(await labels.allTextContents()).toEqual(['Mã QR', 'Căn cước', 'CMND', 'Hộ chiếu']);
    const cut = await labels.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await card.locator('.ant-segmented').screenshot({ path: `${ARTIFACTS}desk-guest-modes.png` });

    // A QR that is not one: the server's field error shows under the QR box.
    await card.getByTestId('guest-qr').fill('khong-phai-ma-qr');
    await fillReason(desk, 'Du lịch');
    await desk.getByTestId('stay-room').fill('203');
    await desk.getByTestId('lodging-submit').click();
    await desk.getByTestId('lodging-declare-error').waitFor();
    expect(await card.locator('.ant-form-item-explain-error').first().textContent()).toContain('Không xác thực được');

    // The first real try reaches the server, but its answer is lost on the way back (a dropped connection).
    const keys: string[] = [];
    let dropped = false;
    await desk.route('**/api/v1/desk/stays', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await card.getByTestId('guest-qr').fill(token);
    await desk.getByTestId('lodging-submit').click();
    await desk.waitForFunction(() => document.querySelector('[data-testid="lodging-declare-error"]')?.textContent?.includes('Không kết nối được máy chủ'));
    // The receptionist sends it again: same key, so the server answers with the stay it already has.
    await desk.getByTestId('lodging-submit').click();
    const result = desk.getByTestId('lodging-declared');
    await result.waitFor();
    await desk.unroute('**/api/v1/desk/stays');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await result.getByTestId('lodging-replayed').waitFor();

    const guest = result.getByTestId('declared-guest');
    expect(await guest.count()).toBe(1);
    expect(await guest.getByTestId('declared-name').textContent()).toBe(resident.fullName);
    expect(await guest.getByTestId('declared-due').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} (23:00|08:00)$/);
    expect(await guest.getAttribute('data-late')).toBe('false');
    expect(await guest.textContent()).toContain('Đã xác thực · Mã QR định danh');
    await desk.screenshot({ path: `${ARTIFACTS}desk-lodging-declared.png`, fullPage: true });
  });

  it('the stay appears in the police list, found by the name typed without diacritics', async () => {
    const q = policePage.locator('input[data-testid="stays-q"], [data-testid="stays-q"] input').first();
    await q.fill(withoutDiacritics(resident.fullName));
    await q.press('Enter');
    const row = policePage.locator('[data-testid="stay-row"]', { hasText: resident.fullName }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(HOTEL);
    // Masked in the list; whole in the (audited) detail.
    expect(await row.textContent()).not.toContain(resident.personalId);
    await row.click();
    await policePage.getByTestId('stay-detail').waitFor();
    expect(await policePage.getByTestId('stay-detail-name').textContent()).toBe(resident.fullName);
    expect(await policePage.getByTestId('stay-detail-id').textContent()).toBe(resident.personalId);
    await policePage.screenshot({ path: `${ARTIFACTS}police-stay-detail.png`, fullPage: true });
    await policePage.keyboard.press('Escape');
    await policePage.getByTestId('stay-detail').waitFor({ state: 'detached' });
  });

  it('checking in the watchlisted guest pops an alert up on the open police page, without reload', async () => {
    await desk.getByTestId('lodging-declare-next').click();
    const card = guestCard(desk, 0);
    await card.getByText('CMND', { exact: true }).click();
    await card.getByTestId('guest-legacy-id').fill(WANTED.legacyId);
    await card.getByTestId('guest-full-name').fill(WANTED.fullName);
    await card.getByTestId('guest-dob').fill(WANTED.dateOfBirth);
    await card.getByText('Nam', { exact: true }).click();
    await fillReason(desk, 'Công tác');
    await desk.screenshot({ path: `${ARTIFACTS}desk-lodging-form.png`, fullPage: true });
    await desk.getByTestId('lodging-submit').click();
    const declaredAt = Date.now();
    await desk.getByTestId('lodging-declared').waitFor();
    expect(await desk.getByTestId('declared-name').textContent()).toBe(WANTED.fullName);
    // The desk never learns about the watchlist.
    const deskText = (await desk.locator('body').textContent()) ?? '';
    expect(deskText).not.toMatch(/theo dõi|truy nã|cảnh báo/i);

    const alert = policePage.getByTestId('watchlist-alert');
    await alert.waitFor({ timeout: 5000 });
    console.log(`lodging: declaration → alert on the police page in ${Date.now() - declaredAt} ms`);
    expect(await alert.textContent()).toContain(WANTED.fullName);
    expect(await alert.textContent()).toContain(HOTEL);
    expect(await policePage.evaluate(() => (window as unknown as { lodgingMarker?: number }).lodgingMarker)).toBe(42);
    await policePage.screenshot({ path: `${ARTIFACTS}police-watchlist-alert.png`, fullPage: true });

    // The link opens the stay with its alert; the officer takes it.
    await alert.getByTestId('watchlist-alert-open').click();
    await policePage.getByTestId('stay-detail').waitFor();
    expect(await policePage.getByTestId('stay-detail-name').textContent()).toBe(WANTED.fullName);
    const match = policePage.getByTestId('stay-alert');
    expect(await match.count()).toBe(1);
    await match.getByTestId('alert-acknowledge').click();
    await policePage.waitForFunction(() => !document.querySelector('[data-testid="stay-alert"] [data-testid="alert-acknowledge"]'));
    expect(await match.textContent()).toContain('Đã tiếp nhận');
    await policePage.keyboard.press('Escape');
    await policePage.getByTestId('stay-detail').waitFor({ state: 'detached' });
  });

  it('the guest leaves: the desk checks them out', async () => {
    await desk.getByTestId('lodging-to-list').click();
    await desk.waitForURL('**/desk/lodging');
    const item = desk.locator('[data-testid="lodging-stay"]', { hasText: WANTED.fullName });
    await item.waitFor();
    await item.getByTestId('lodging-check-out').click();
    await desk.locator('.ant-popconfirm .ant-btn-primary').click();
    await item.waitFor({ state: 'detached' });
    expect(await desk.locator('[data-testid="lodging-stay"]', { hasText: resident.fullName }).count()).toBe(1);
  });

  it('the citizen sees the stay in "Lịch sử lưu trú"', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('link-stays').click();
    await page.waitForURL('**/citizen/stays');
    const stay = page.locator('[data-testid="citizen-stay"]', { hasText: HOTEL }).first();
    await stay.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}citizen-stays.png`, fullPage: true });
    await page.close();
  });

  it('a facility applies on its own from the sign-in page; the commune police see it pending', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('link-lodging-register').click();
    await page.waitForURL('**/lodging/register');
    await page.getByTestId('facility-name').fill('Nhà nghỉ Kiểm Thử');
    await page.getByTestId('facility-kind').click();
    await page.locator('.ant-select-item-option[title="Nhà nghỉ, nhà khách"]').click();
    const province = (await (await fetch(`${server.baseUrl}/api/v1/units/2025/${server.accounts.get('congan.tinh')!.areaCode}`)).json()) as { fullName: string };
    await page.getByTestId('register-province').click();
    await page.keyboard.type(withoutDiacritics(province.fullName));
    await page.locator(`.ant-select-item-option[title="${province.fullName}"]`).click();
    // The commune of the police officer (the first of the list the demo uses).
    const area = server.accounts.get('congan.xa')!.areaCode;
    const commune = (await (await fetch(`${server.baseUrl}/api/v1/units/2025/${area}`)).json()) as { fullName: string };
    await page.getByTestId('register-commune').click();
    await page.keyboard.type(withoutDiacritics(commune.fullName));
    await page.locator(`.ant-select-item-option[title="${commune.fullName}"]`).click();
    await page.getByTestId('facility-address').fill('7 đường Thử Nghiệm');
    await page.getByTestId('facility-owner').fill('Lê Văn Chủ');
    await page.getByTestId('facility-phone').fill('0918000777');
    await page.getByTestId('register-username').fill('nhanghi.kiemthu');
    await page.getByTestId('register-password').fill('Mat-khau-nha-nghi-2025');
    await page.getByTestId('register-password-confirm').fill('Mat-khau-nha-nghi-2025');
    await page.getByTestId('register-submit').click();
    const done = page.getByTestId('facility-register-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('Đã gửi đăng ký, chờ công an xã duyệt');
    await page.screenshot({ path: `${ARTIFACTS}lodging-register-done.png`, fullPage: true });
    await context.close();

    await policePage.getByTestId('police-menu-facilities').click();
    await policePage.getByTestId('police-facilities-page').waitFor();
    await policePage.getByText(/^Chờ duyệt \(\d+\)$/).click();
    const row = policePage.locator('[data-testid="facility-row"]', { hasText: 'Nhà nghỉ Kiểm Thử' });
    await row.waitFor();
    expect(await row.getByTestId('facility-status').getAttribute('data-status')).toBe('pending');
    await policePage.screenshot({ path: `${ARTIFACTS}police-facilities-pending.png`, fullPage: true });
  });

  it('the alerts page keeps the acknowledged alert; the statistics show the area\'s guests', async () => {
    await policePage.getByTestId('police-menu-alerts').click();
    await policePage.getByTestId('police-alerts-page').waitFor();
    await policePage.getByTestId('alerts-filter').getByText('Tất cả', { exact: true }).click();
    const row = policePage.locator('[data-testid="alert-row"]', { hasText: WANTED.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain('Đã tiếp nhận');

    await policePage.getByTestId('police-menu-statistics').click();
    await policePage.getByTestId('police-statistics-page').waitFor();
    await policePage.locator('[data-testid="stats-by-kind"] .bars-row').first().waitFor();
    const guests = Number((await policePage.locator('[data-testid="stats-guests"] .ant-statistic-content-value').textContent())?.replace(/\D/g, ''));
    expect(guests).toBeGreaterThan(0);
    await policePage.screenshot({ path: `${ARTIFACTS}police-statistics.png`, fullPage: true });
  });
});

describe('lodging: the in-house list, corrections and cancellations, and the police page (issue 14)', () => {
  const GUEST = { fullName: 'Phan Thị Sửa', dateOfBirth: '05/06/1992', legacyId: '381765432' };

  /** Declares one guest by hand with an old ID card (CMND) in a room, from the desk's list. */
  async function checkInByHand(g: { fullName: string; dateOfBirth: string; legacyId: string }, room: string, sex: 'Nam' | 'Nữ'): Promise<void> {
    await desk.goto(`${server.baseUrl}/desk/lodging/new`);
    const card = guestCard(desk, 0);
    await card.getByText('CMND', { exact: true }).click();
    await card.getByTestId('guest-legacy-id').fill(g.legacyId);
    await card.getByTestId('guest-full-name').fill(g.fullName);
    await card.getByTestId('guest-dob').fill(g.dateOfBirth);
    await card.getByText(sex, { exact: true }).click();
    await fillReason(desk, 'Du lịch');
    await desk.getByTestId('stay-room').fill(room);
    await desk.getByTestId('lodging-submit').click();
    await desk.getByTestId('lodging-declared').waitFor();
  }

  it('the desk finds a guest by name without diacritics and by room', async () => {
    await checkInByHand(GUEST, '301', 'Nữ');
    await desk.goto(`${server.baseUrl}/desk/lodging`);
    await desk.locator('[data-testid="lodging-stay"]', { hasText: GUEST.fullName }).waitFor();
    expect(await desk.getByLabel('Tìm theo họ tên').count()).toBe(1);
    expect(await desk.getByLabel('Phòng', { exact: true }).count()).toBe(1);

    const byName = desk.locator('input#lodging-q');
    await byName.fill(withoutDiacritics(GUEST.fullName));
    await byName.press('Enter');
    await desk.waitForFunction(() => document.querySelectorAll('[data-testid="lodging-stay"]').length === 1);
    expect(await desk.getByTestId('lodging-stay-name').textContent()).toBe(GUEST.fullName);
    await byName.fill('');
    await byName.press('Enter');

    const byRoom = desk.locator('input#lodging-room');
    await byRoom.fill('203');
    await byRoom.press('Enter');
    await desk.waitForFunction(() => document.querySelectorAll('[data-testid="lodging-stay"]').length === 1);
    expect(await desk.getByTestId('lodging-stay-name').textContent()).toBe(resident.fullName);
    await desk.screenshot({ path: `${ARTIFACTS}desk-lodging-search-room.png`, fullPage: true });
    await byRoom.fill('');
    await byRoom.press('Enter');
    await desk.waitForFunction(() => document.querySelectorAll('[data-testid="lodging-stay"]').length >= 2);
  });

  it('the desk moves the guest to another room; the police, who have the stay open, see the old and the new room without reload', async () => {
    await policePage.getByTestId('police-menu-stays').click();
    await policePage.getByTestId('police-stays-page').waitFor();
    await policePage.evaluate(() => ((window as unknown as { lodgingMarker: number }).lodgingMarker = 43));
    const q = policePage.locator('input#stays-q');
    await q.fill(withoutDiacritics(GUEST.fullName));
    await q.press('Enter');
    const row = policePage.locator('[data-testid="stay-row"]', { hasText: GUEST.fullName }).first();
    await row.waitFor();
    await row.click();
    await policePage.getByTestId('stay-detail').waitFor();
    expect(await policePage.getByTestId('stay-change').count()).toBe(0);

    const item = desk.locator('[data-testid="lodging-stay"]', { hasText: GUEST.fullName });
    await item.getByTestId('lodging-stay-edit').click();
    await desk.getByTestId('stay-edit-room').fill('305');
    await desk.screenshot({ path: `${ARTIFACTS}desk-lodging-edit.png`, fullPage: true });
    await desk.getByTestId('stay-edit-submit').click();
    const editedAt = Date.now();
    await item.getByTestId('stay-amended').waitFor();
    expect(await item.textContent()).toContain('phòng 305');

    // The police stream's `stay` event reloads the open stay (an audited read, as when the officer opened it).
    const change = policePage.getByTestId('stay-change');
    await change.waitFor({ timeout: 5000 });
    console.log(`lodging: room changed at the desk → on the open police page in ${Date.now() - editedAt} ms`);
    expect(await change.textContent()).toContain('Phòng: 301 → 305');
    expect(await policePage.evaluate(() => (window as unknown as { lodgingMarker?: number }).lodgingMarker)).toBe(43);
    await policePage.screenshot({ path: `${ARTIFACTS}police-stay-amended.png`, fullPage: true });
    await policePage.keyboard.press('Escape');
    await policePage.getByTestId('stay-detail').waitFor({ state: 'detached' });
  });

  it('the desk cancels the declaration with a reason; it leaves the in-house list and the police see why', async () => {
    const item = desk.locator('[data-testid="lodging-stay"]', { hasText: GUEST.fullName });
    await item.getByTestId('lodging-stay-cancel').click();
    await desk.getByTestId('stay-cancel-reason').fill('Khai nhầm: khách không nhận phòng');
    await desk.getByTestId('stay-cancel-submit').click();
    await item.waitFor({ state: 'detached' });

    await policePage.reload();
    const row = policePage.locator('[data-testid="stay-row"]', { hasText: GUEST.fullName }).first();
    await row.getByTestId('stay-cancelled').waitFor();
    await row.click();
    const notice = policePage.getByTestId('stay-cancelled-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Khai nhầm: khách không nhận phòng');
    await policePage.screenshot({ path: `${ARTIFACTS}police-stay-cancelled.png`, fullPage: true });
    await policePage.keyboard.press('Escape');
    await policePage.getByTestId('stay-detail').waitFor({ state: 'detached' });
  });

  it('the police stays list labels its inputs, takes a new alert in without reload, and the alert says what matched without covering sign-out', async () => {
    await policePage.goto(`${server.baseUrl}/police`);
    await policePage.getByTestId('police-stays-page').waitFor();
    for (const label of ['Tìm khách (họ tên, số định danh, hộ chiếu)', 'Xã/phường', 'Ngày đến (từ ngày – đến ngày)', 'Đến ngày']) {
      expect(await policePage.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    const total = async () => Number(((await policePage.getByTestId('stays-total').textContent()) ?? '').replace(/\D/g, ''));
    await policePage.getByTestId('stay-row').first().waitFor();
    const before = await total();

    // The watchlisted guest checks in again (a new stay, a new alert).
    await checkInByHand({ ...WANTED }, '404', 'Nam');
    const alert = policePage.getByTestId('watchlist-alert').last();
    await alert.waitFor({ timeout: 5000 });
    await policePage.waitForFunction((n) => Number(document.querySelector('[data-testid="stays-total"]')?.textContent?.replace(/\D/g, '')) > n, before);
    expect(await total()).toBe(before + 1);

    const summary = await alert.getByTestId('match-summary').textContent();
    // The entry has no personal ID: the name and the birth date matched, each word of the name as listed.
    expect(summary).not.toContain('Trùng số định danh');
    expect(summary).toContain(`Trùng ngày sinh ${WANTED.dateOfBirth}`);
    const parts = await alert.getByTestId('match-part').allTextContents();
    expect(parts).toEqual(WANTED.fullName.split(' ').map((w) => `${w}: trùng`));

    const toast = (await policePage.locator('.watchlist-notification').last().boundingBox())!;
    const signOut = (await policePage.getByTestId('logout').boundingBox())!;
    const overlaps = toast.x < signOut.x + signOut.width && signOut.x < toast.x + toast.width && toast.y < signOut.y + signOut.height && signOut.y < toast.y + toast.height;
    expect(overlaps).toBe(false);
    await policePage.screenshot({ path: `${ARTIFACTS}police-alert-match-details.png`, fullPage: false });
  });
});
