import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { cookiesOf, launchChromium } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-khoa-truy-cap-2025';
const PHONE_VIEWPORT = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;

async function api(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

async function latestCode(): Promise<string> {
  const r = (await (await api('/api/v1/dev/outbox?limit=1')).json()) as { items: { body: string }[] };
  return /\b(\d{6})\b/.exec(r.items[0].body)![1];
}

/** A living adult with a phone and no account, registered through the API; returns the personal ID and the session cookie value. */
async function registeredResident(): Promise<{ personalId: string; sessionToken: string }> {
  const officer = server.accounts.get('canbo.tinh')!;
  const login = await api('/api/v1/session', { method: 'POST', body: { username: officer.username, password: officer.password } });
  const cookie = cookiesOf(login);
  const list = (await (await api('/api/v1/people?q=nguyen&limit=50', { cookie })).json()) as { items: { ref: string; deceased: boolean; dateOfBirth: string }[] };
  const adultBefore = `${new Date().getFullYear() - 20}-01-01`;
  for (const item of list.items) {
    if (item.deceased || item.dateOfBirth > adultBefore) continue;
    const p = (await (await api(`/api/v1/people/${item.ref}`, { cookie })).json()) as { personalId: string; fullName: string; dateOfBirth: string; phone?: string };
    if (!p.phone || !/^0\d{9}$/.test(p.phone)) continue;
    const started = await api('/api/v1/citizen/registrations', { method: 'POST', body: { personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, phone: p.phone } });
    if (started.status !== 202) continue;
    const { registrationId } = (await started.json()) as { registrationId: string };
    const confirmed = await api(`/api/v1/citizen/registrations/${registrationId}/confirm`, { method: 'POST', body: { code: await latestCode(), password: PASSWORD } });
    expect(confirmed.status).toBe(201);
    const token = confirmed.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('da06_citizen='))!.slice('da06_citizen='.length);
    return { personalId: p.personalId, sessionToken: token };
  }
  throw new Error('no living adult with a phone in the demo data');
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
    const { personalId, sessionToken } = await registeredResident();
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await context.addCookies([{ name: 'da06_citizen', value: sessionToken, url: server.publicUrl, httpOnly: true, sameSite: 'Lax' }]);
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
