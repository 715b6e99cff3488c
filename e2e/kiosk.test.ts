import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { apiGet, launchChromium, officerCookie, registerResident, signInOfficer, type RegisteredResident } from './support.js';
import { officerPost, raiseToLevel2 } from './services-support.js';
import { buildTestCard, testCscaPem, type TestCard } from '../src/modules/credentials/testing.js';
import { loadKioskCardReaderStandin, type CardReaderStandin } from '../src/modules/kiosk/index.js';
import { signedNotification } from '../src/modules/payments/testing.js';
import { identityQr as qrOf, registerKiosk } from './kiosk-support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
/** Short for the test; 60 s by default (DA06_KIOSK_IDLE_SECONDS). */
const IDLE_SECONDS = 5;
/** A kiosk's landscape touch screen. */
const KIOSK_SCREEN = { viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: true } as const;

let server: RunningServer;
let browser: Browser;
let page: Page;
let deviceKey = '';
let resident: RegisteredResident;
let reader: CardReaderStandin;
/** The resident's dossier, received by the justice department: its receipt prints at the kiosk. */
let received: { id: number; code: string };

const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}kiosk-${name}.png` });

const identityQr = () => qrOf(server, resident);

/** The resident's card as its chip reads (signed by the test CSCA the server trusts), able to answer active authentication. */
async function residentCard(): Promise<TestCard> {
  const person = await apiGet<{ sex: string; formerIdentifiers: { kind: string; value: string }[] }>(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/people/${resident.personalId}`);
  return buildTestCard({
    personalId: resident.personalId, fullName: resident.fullName, dateOfBirth: resident.dateOfBirth, sex: person.sex === 'Nữ' ? 'F' : 'M',
    legacyId: person.formerIdentifiers.find((f) => f.kind === 'cmnd')?.value, issuedOn: '2021-06-01', expiresOn: '2046-01-01', nationality: 'Việt Nam',
  });
}

/** A criminal-record certificate the resident requested online (no papers to upload), received by the province's justice department. */
async function receivedDossier(): Promise<{ id: number; code: string }> {
  const cookie = `da06_citizen=${resident.sessionToken}`;
  const { csrfToken } = (await (await fetch(`${server.baseUrl}/api/v1/citizen/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken, ...extra }, body: JSON.stringify(body),
  });
  const draft = await post('/api/v1/services/dossiers', { procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' } });
  expect(draft.status, await draft.clone().text()).toBe(201);
  const { id } = (await draft.json()) as { id: number };
  const sent = await post(`/api/v1/services/dossiers/${id}/submission`, {}, { 'idempotency-key': crypto.randomUUID() });
  expect(sent.status, await sent.clone().text()).toBe(201);
  const { code } = (await sent.json()) as { code: string };
  const receipt = await officerPost(server, await officerCookie(server, 'tuphap.tinh'), `/api/v1/services/officer/dossiers/${id}/reception`, { comment: 'Hồ sơ đầy đủ' });
  expect(receipt.status, await receipt.clone().text()).toBe(200);
  return { id, code };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000, undefined, { env: { DA06_KIOSK_IDLE_SECONDS: String(IDLE_SECONDS) }, trustCsca: await testCscaPem() });
  browser = await launchChromium();
  resident = await registerResident(server, 'Mat-khau-kiosk-2026');
  await raiseToLevel2(server, resident);
  received = await receivedDossier();
  reader = await (await loadKioskCardReaderStandin()).startCardReaderStandin({ origin: server.baseUrl });
  page = await (await browser.newContext(KIOSK_SCREEN)).newPage();
}, 400_000);

afterAll(async () => {
  await reader?.close();
  await browser?.close();
  await server?.stop();
});

describe('the self-service kiosk', () => {
  it('refuses a browser that is not a registered kiosk, even with a made-up key', async () => {
    await page.goto(`${server.baseUrl}/kiosk`);
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen')).toBe('unregistered');
    await expect(page.getByTestId('kiosk-take-number').count()).resolves.toBe(0);
    await page.getByTestId('kiosk-key').fill('da06kiosk_khong-phai-khoa-that');
    await page.getByTestId('kiosk-key-save').click();
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen')).toBe('unregistered');
    await expect(page.getByTestId('kiosk-take-number').count()).resolves.toBe(0);
    await shot(page, 'unregistered');
  });

  it('opens once the technician enters the key of a registered kiosk: three large choices', async () => {
    deviceKey = await registerKiosk(server);
    await page.getByTestId('kiosk-key').fill(deviceKey);
    await page.getByTestId('kiosk-key-save').click();
    await page.getByTestId('kiosk-take-number').waitFor();
    await expect(page.getByTestId('kiosk-centre').textContent()).resolves.toMatch(/\S/);
    for (const id of ['kiosk-take-number', 'kiosk-look-up', 'kiosk-sign-in']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.height, `${id} is a touch target`).toBeGreaterThanOrEqual(96);
    }
    await shot(page, 'start');
  });

  it('takes the centre\'s next queue number and shows the ticket as it prints (80 mm)', async () => {
    await page.getByTestId('kiosk-take-number').tap();
    await page.getByTestId('kiosk-ticket').waitFor();
    await expect(page.getByTestId('kiosk-ticket-number').textContent()).resolves.toBe('001');
    await shot(page, 'ticket');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.kiosk-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('kiosk-print').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('kiosk-ticket-number').isVisible()).resolves.toBe(true);
    await page.setViewportSize({ width: 302, height: 500 });
    await shot(page, 'ticket-printed');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(KIOSK_SCREEN.viewport);
    // The next number of the day follows, from the API as from the screen.
    await page.getByTestId('kiosk-done').tap();
    await page.getByTestId('kiosk-take-number').tap();
    await expect.poll(() => page.getByTestId('kiosk-ticket-number').textContent()).toBe('002');
    await page.getByTestId('kiosk-done').tap();
  });

  it('goes back to the start screen when left idle, with nothing typed left on screen', async () => {
    await page.getByTestId('kiosk-look-up').tap();
    await page.getByTestId('kiosk-code').fill('UBX.99999-010101-0001');
    await page.getByTestId('kiosk-search').tap();
    await page.getByTestId('kiosk-error').waitFor();
    await shot(page, 'lookup-not-found');
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: (IDLE_SECONDS + 5) * 1000 }).toBe('start');
    expect(await page.content()).not.toContain('UBX.99999');
    await expect(page.getByTestId('kiosk-error').count()).resolves.toBe(0);
    await shot(page, 'idle-reset');
  });

  it('signs the citizen in with their identity QR; the idle reset ends the session and clears their name', async () => {
    await page.getByTestId('kiosk-sign-in').tap();
    await page.getByTestId('kiosk-qr').fill(await identityQr());
    const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/sessions') && r.request().method() === 'POST');
    await page.getByTestId('kiosk-qr-submit').tap();
    const { sessionToken } = (await (await signedIn).json()) as { sessionToken: string };
    await page.getByTestId('kiosk-signed-in').waitFor();
    await expect(page.getByTestId('kiosk-signed-in').textContent()).resolves.toContain(resident.fullName);
    await shot(page, 'signed-in');
    // Left idle: the kiosk ends the session on the server (the server would also refuse it once idle) and clears the screen.
    const ended = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/sessions/current') && r.request().method() === 'DELETE', { timeout: (IDLE_SECONDS + 5) * 1000 });
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: (IDLE_SECONDS + 5) * 1000 }).toBe('start');
    const end = await ended;
    expect(end.status()).toBe(204);
    expect(end.request().headers()['x-kiosk-session']).toBe(sessionToken);
    expect(await page.content()).not.toContain(resident.fullName);
  });
  it('signs the citizen in with the chip card on the kiosk\'s reader, lists their dossiers and prints a receipt on 80 mm and A4', async () => {
    // The technician points the kiosk at its card reader once (docs/connectors/kiosk-card-reader.md).
    await page.goto(`${server.baseUrl}/kiosk?reader=${encodeURIComponent(reader.url)}`);
    await page.getByTestId('kiosk-sign-in').tap();
    await page.getByTestId('kiosk-card-hint').waitFor();
    const chip = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/sessions/chip'));
    reader.place(await residentCard());
    expect((await chip).status()).toBe(201);
    expect(reader.reads()).toBe(1);
    await page.getByTestId('kiosk-signed-in').waitFor();
    await expect(page.getByTestId('kiosk-signed-in').textContent()).resolves.toContain(resident.fullName);
    reader.place(undefined);

    // The dossier: state and appointment date, large enough to touch.
    const item = page.locator(`[data-testid="kiosk-dossier-item"][data-id="${received.id}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(received.code);
    await expect(item.getByTestId('kiosk-dossier-state').textContent()).resolves.toBe('Được tiếp nhận');
    await expect(item.getByTestId('kiosk-dossier-due').textContent()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const open = item.getByTestId('kiosk-receipt-open');
    expect((await open.boundingBox())!.height).toBeGreaterThanOrEqual(96);
    await shot(page, 'dossiers');

    // Printing: the browser's print dialog with the receipt alone, in the layout chosen.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await open.tap();
    await page.getByTestId('kiosk-receipt').waitFor();
    await expect(page.getByTestId('kiosk-receipt').textContent()).resolves.toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    await page.getByTestId('kiosk-print-thermal').tap();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.kiosk-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('kiosk-print-thermal').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('kiosk-receipt').getAttribute('data-size')).resolves.toBe('thermal');
    await page.setViewportSize({ width: 302, height: 900 });
    const width = await page.getByTestId('kiosk-receipt').evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(302);
    await shot(page, 'receipt-80mm');
    const thermalPdf = await page.pdf({ preferCSSPageSize: true });
    expect(thermalPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(KIOSK_SCREEN.viewport);
    await page.getByTestId('kiosk-print-a4').tap();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    await expect(page.getByTestId('kiosk-receipt').getAttribute('data-size')).resolves.toBe('a4');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await shot(page, 'receipt-a4');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(KIOSK_SCREEN.viewport);

    // Left idle on the receipt: the session ends and nothing of the citizen stays on screen.
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: (IDLE_SECONDS + 5) * 1000 }).toBe('start');
    const content = await page.content();
    expect(content).not.toContain(resident.fullName);
    expect(content).not.toContain(received.code);
  });

  it('shows a fee to pay as a VietQR large enough to scan, and says it is paid once the bank confirms (server to server)', async () => {
    // The justice department asks for the certificate's fee.
    const justice = await officerCookie(server, 'tuphap.tinh');
    for (const [step, body] of [['processing', {}], ['payment-request', { amount: 200_000 }]] as const) {
      const res = await officerPost(server, justice, `/api/v1/services/officer/dossiers/${received.id}/${step}`, body);
      expect(res.status, `${step}: ${await res.clone().text()}`).toBe(200);
    }
    await page.goto(`${server.baseUrl}/kiosk?reader=off`);
    await page.getByTestId('kiosk-sign-in').tap();
    await page.getByTestId('kiosk-qr').fill(await identityQr());
    await page.getByTestId('kiosk-qr-submit').tap();
    const item = page.locator(`[data-testid="kiosk-dossier-item"][data-id="${received.id}"]`);
    await item.waitFor();
    await item.getByTestId('kiosk-pay-open').tap();
    const panel = page.getByTestId('kiosk-payment');
    await panel.waitFor();
    await expect(page.getByTestId('kiosk-pay-amount').textContent()).resolves.toBe('200.000 đ');
    const qr = (await page.getByTestId('kiosk-pay-qr').boundingBox())!;
    expect(qr.width).toBeGreaterThanOrEqual(300);
    expect(qr.y + qr.height).toBeLessThanOrEqual(800);
    await shot(page, 'payment');
    const ref = (await panel.getAttribute('data-reference'))!;
    const body = JSON.stringify({ transactionId: `FT${Date.now()}`, reference: ref, amount: 200_000, paidAt: new Date().toISOString() });
    const confirmed = await fetch(`${server.baseUrl}/api/v1/payments/notifications`, { method: 'POST', headers: signedNotification(body), body });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    // The citizen waits at the kiosk (their touches keep the session); the page asks again and shows it paid.
    await expect.poll(async () => {
      await page.mouse.move(10 + Math.random() * 50, 10);
      await page.touchscreen.tap(5, 400);
      return panel.getAttribute('data-status');
    }, { timeout: 20_000, interval: 1000 }).toBe('paid');
    await expect(page.getByTestId('kiosk-pay-paid').textContent()).resolves.toContain('Số biên lai');
    await page.getByTestId('kiosk-pay-back').tap();
  });

  it('the administrator registers a kiosk on the administration page, sees each kiosk\'s use and stops one', async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    await signInOfficer(admin, server, 'quantri');
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.goto(`${server.baseUrl}/admin`);
    await admin.getByTestId('admin-menu-kiosks').click();
    await admin.getByTestId('kiosks-page').waitFor();
    const first = admin.locator('[data-testid="kiosk-row"]').filter({ hasText: 'Kiosk 1 – sảnh tầng 1' });
    // Two sign-ins by identity QR (the idle reset, the fee) and one by chip card.
    await expect.poll(() => first.getByTestId('kiosk-use').textContent()).toBe('2 số thứ tự · 3 lượt đăng nhập');
    await expect(first.getByTestId('kiosk-last-seen').textContent()).resolves.toMatch(/\d{2}\/\d{2}\/\d{4}/);

    await admin.getByTestId('kiosk-add').click();
    await admin.getByTestId('kiosk-name').fill('Kiosk 2 – tầng 2');
    // The centre's unit: the first offered (the province's own centre); the relying party of its counter, found by typing.
    await admin.getByTestId('kiosk-unit').click();
    await admin.keyboard.press('Enter');
    await admin.getByTestId('kiosk-centre-select').click();
    await admin.keyboard.type('Trung tâm Phục vụ');
    await admin.locator('.ant-select-item-option').filter({ hasText: 'Trung tâm Phục vụ hành chính công tỉnh' }).waitFor();
    await admin.keyboard.press('Enter');
    await admin.screenshot({ path: `${ARTIFACTS}kiosk-admin-register.png` });
    await admin.getByTestId('kiosk-register').click();
    const key = admin.getByTestId('kiosk-device-key-value');
    await key.waitFor();
    await expect(key.inputValue()).resolves.toMatch(/^da06kiosk_[\w-]{32}$/);
    await admin.screenshot({ path: `${ARTIFACTS}kiosk-admin-key.png` });
    await admin.getByTestId('kiosk-key-close').click();
    const second = admin.locator('[data-testid="kiosk-row"]').filter({ hasText: 'Kiosk 2 – tầng 2' });
    await expect(second.getByTestId('kiosk-last-seen').textContent()).resolves.toBe('Chưa kết nối');
    await second.getByTestId('kiosk-disable').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => second.getByTestId('kiosk-status').getAttribute('data-active')).toBe('false');
    await admin.screenshot({ path: `${ARTIFACTS}kiosk-admin-list.png`, fullPage: true });
    await admin.close();
  });
});
