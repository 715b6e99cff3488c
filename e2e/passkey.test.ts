import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, registerResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-khoa-truy-cap-2025';

let server: RunningServer;
let browser: Browser;

async function api(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000, 170_000, { publicHost: 'localhost' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('passkeys in the citizen portal', () => {
  it('registers a passkey from the portal with a virtual authenticator, then signs in with it', async () => {
    const { personalId, sessionToken } = await registerResident(server, PASSWORD);
    const context = await citizenContext(browser, server.publicUrl, sessionToken);
    const page = await context.newPage();

    // A platform authenticator (fingerprint, face) that always verifies the user.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.goto(`${server.publicUrl}/citizen`);
    await page.getByTestId('profile-card').waitFor();
    const panel = page.getByTestId('passkeys-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Khóa truy cập (passkey)');
    expect(await page.getByTestId('passkey-item').count()).toBe(0);

    await page.getByTestId('passkey-label-input').fill('Điện thoại thử nghiệm');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-item').first().waitFor();
    expect(await page.getByTestId('passkey-label').first().textContent()).toBe('Điện thoại thử nghiệm');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await page.screenshot({ path: `${ARTIFACTS}citizen-passkeys.png`, fullPage: true });

    await page.getByTestId('citizen-logout').click();
    await page.waitForURL(/\/citizen\/login$/);
    const outboxBefore = ((await (await api('/api/v1/dev/outbox?limit=1')).json()) as { items: { id: number }[] }).items[0]?.id;

    await page.getByTestId('citizen-login-id').fill(personalId);
    await page.getByTestId('citizen-login-password').fill(PASSWORD);
    await page.getByTestId('citizen-login-submit').click();
    // The passkey is proposed first; text messages remain one click away.
    await page.getByTestId('passkey-step').waitFor();
    expect(await page.getByTestId('factor-passkey').count()).toBe(1);
    expect(await page.getByTestId('factor-otp').count()).toBe(1);
    expect(await page.getByTestId('passkey-signin').textContent()).toContain('Dùng khóa truy cập');
    await page.screenshot({ path: `${ARTIFACTS}citizen-login-passkey.png`, fullPage: true });
    await page.getByTestId('passkey-signin').click();
    await page.waitForURL(/\/citizen$/);
    await page.getByTestId('profile-card').waitFor();
    expect(await page.getByTestId('profile-id').textContent()).toBe(personalId);
    // No text message was needed.
    expect(((await (await api('/api/v1/dev/outbox?limit=1')).json()) as { items: { id: number }[] }).items[0]?.id).toBe(outboxBefore);
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0].signCount).toBeGreaterThan(credentials[0].signCount);

    // Removing it takes the option away from the next sign-in.
    await page.getByTestId('passkey-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').first().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="passkey-item"]').length === 0);
    const session = (await page.evaluate(async () => (await fetch('/api/v1/citizen/session')).json())) as { factors: string[] };
    expect(session.factors).toEqual(['otp']);
    await context.close();
  });
});
