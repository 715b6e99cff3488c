// A paperless dossier started at the self-service kiosk (issue 16, model 2): the citizen signs in with their identity QR,
// chooses a procedure whose papers the platform reads itself, checks the prefilled form, submits, sees the code; the
// dossier is then in their portal's list. Left idle, the kiosk wipes it all.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, type RegisteredResident } from './support.js';
import { levelTwoCitizen } from './services-support.js';
import { identityQr, registerKiosk } from './kiosk-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const IDLE_SECONDS = 10;
const KIOSK_SCREEN = { viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: true } as const;
/** Xác nhận thông tin về cư trú: free, its papers read by the platform (the ID, the CT01 from the residence data). */
const PROCEDURE = 'xac-nhan-thong-tin-cu-tru';

let server: RunningServer;
let browser: Browser;
let page: Page;
let resident: RegisteredResident;
let citizen: BrowserContext;

const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}kiosk-dossier-${name}.png` });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000, undefined, { env: { DA06_KIOSK_IDLE_SECONDS: String(IDLE_SECONDS) }, trustCsca: await testCscaPem() });
  browser = await launchChromium();
  ({ resident, citizen } = await levelTwoCitizen(server, browser, 'Mat-khau-kiosk-ho-so-2026'));
  page = await (await browser.newContext(KIOSK_SCREEN)).newPage();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a paperless dossier at the kiosk', () => {
  it('signs in by identity QR, starts and submits a paperless dossier, shows its code; the dossier is in the citizen\'s portal', async () => {
    const key = await registerKiosk(server);
    await page.goto(`${server.baseUrl}/kiosk?reader=off`);
    await page.getByTestId('kiosk-key').fill(key);
    await page.getByTestId('kiosk-key-save').click();
    await page.getByTestId('kiosk-sign-in').tap();
    await page.getByTestId('kiosk-qr').fill(await identityQr(server, resident));
    await page.getByTestId('kiosk-qr-submit').tap();
    await page.getByTestId('kiosk-signed-in').waitFor();

    const open = page.getByTestId('kiosk-new-dossier-open');
    expect((await open.boundingBox())!.height).toBeGreaterThanOrEqual(96);
    await shot(page, 'signed-in');
    await open.tap();
    const choice = page.locator(`[data-testid="kiosk-procedure"][data-slug="${PROCEDURE}"]`);
    await choice.waitFor();
    expect((await choice.boundingBox())!.height).toBeGreaterThanOrEqual(96);
    await shot(page, 'procedures');
    await choice.tap();

    // The form, prefilled and locked from the registry as on the portal; the citizen types the rest.
    await page.locator('[data-step="form"]').waitFor();
    const name = page.getByLabel('Họ, chữ đệm và tên');
    await expect(name.inputValue()).resolves.toBe(resident.fullName);
    await expect(name.isDisabled()).resolves.toBe(true);
    await page.getByLabel('Mục đích sử dụng').fill('Bổ sung hồ sơ xin việc');
    await shot(page, 'form');
    await page.getByTestId('kiosk-form-next').tap();
    await page.locator('[data-step="review"]').waitFor();
    await shot(page, 'review');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/sessions/current/dossiers') && r.request().method() === 'POST');
    await page.getByTestId('kiosk-submit').tap();
    expect((await sent).status()).toBe(201);
    const code = (await page.getByTestId('kiosk-submitted-code').textContent())!;
    expect(code).toMatch(/^[A-Z0-9.-]{8,}$/);
    const id = Number(await page.getByTestId('kiosk-submitted').getAttribute('data-id'));
    await shot(page, 'submitted');

    // The citizen's portal lists it, as theirs.
    const portal = await citizen.newPage();
    await portal.goto(`${server.baseUrl}/citizen/services?tab=mine`);
    const mine = portal.locator(`[data-testid="my-dossier"][data-id="${id}"]`);
    await mine.waitFor();
    await expect(mine.textContent()).resolves.toContain(code);
    await portal.screenshot({ path: `${ARTIFACTS}kiosk-dossier-portal.png` });
    await portal.close();

    // Left idle on the code: the session ends and nothing of it stays on screen.
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: (IDLE_SECONDS + 5) * 1000 }).toBe('start');
    const content = await page.content();
    expect(content).not.toContain(code);
    expect(content).not.toContain(resident.fullName);
  });
});
