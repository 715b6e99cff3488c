import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, officerCookie, registerResident, type RegisteredResident } from './support.js';
import { officerPost } from './services-support.js';

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

const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}kiosk-${name}.png` });

/** The administrator registers a kiosk of the province's centre: a relying party for its counter, then the device. */
async function registerKiosk(): Promise<string> {
  const admin = await officerCookie(server, 'quantri');
  const province = server.accounts.get('quantri')!.areaCode;
  const rp = await officerPost(server, admin, '/api/v1/relying-parties', {
    code: 'hcc-tinh', name: 'Trung tâm Phục vụ hành chính công tỉnh', type: 'other', purpose: 'Công dân đăng nhập tại kiosk tự phục vụ',
    allowedFields: ['personal_id', 'full_name'], minLevel: 1, provinceCode: province,
  });
  expect(rp.status, await rp.clone().text()).toBe(201);
  const { relyingParty } = (await rp.json()) as { relyingParty: { id: number } };
  const res = await officerPost(server, admin, '/api/v1/kiosks', { name: 'Kiosk 1 – sảnh tầng 1', unitCode: province, relyingPartyId: relyingParty.id });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { deviceKey: string }).deviceKey;
}

/** A fresh identity QR of the resident showing their name and personal ID, as their phone would show it. */
async function identityQr(): Promise<string> {
  const cookie = `da06_citizen=${resident.sessionToken}`;
  const { csrfToken } = (await (await fetch(`${server.baseUrl}/api/v1/citizen/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  const res = await fetch(`${server.baseUrl}/api/v1/citizen/identity-qr`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ fields: ['personal_id', 'full_name'] }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000, undefined, { env: { DA06_KIOSK_IDLE_SECONDS: String(IDLE_SECONDS) } });
  browser = await launchChromium();
  resident = await registerResident(server, 'Mat-khau-kiosk-2026');
  page = await (await browser.newContext(KIOSK_SCREEN)).newPage();
}, 400_000);

afterAll(async () => {
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
    deviceKey = await registerKiosk();
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
});
