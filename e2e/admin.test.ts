import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import * as oidc from 'openid-client';
import { startServer, type RunningServer } from './server.js';
import { launchChromium } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let server: RunningServer;
let browser: Browser;
let rp: Server;
let rpBase: string;

function account(username: string) {
  const a = server.accounts.get(username);
  expect(a, `demo account ${username} printed on stdout`).toBeDefined();
  return a!;
}

async function signIn(page: Page, username: string, path = '/login'): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(account(username).password);
  await page.getByTestId('login-submit').click();
}

const desktop = () => browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(500);
  // The relying party's callback: it only has to answer; the test reads the code from the URL.
  rp = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
  rpBase = `http://127.0.0.1:${(rp.address() as { port: number }).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => rp?.close(resolve));
  await server?.stop();
});

describe('admin web UI: single sign-on clients', () => {
  it('tells an officer who is not an administrator that they have no right to /admin', async () => {
    const page = await desktop();
    await signIn(page, 'canbo.tinh');
    await page.waitForURL('**/officer/people');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.goto(`${server.baseUrl}/admin/sso-clients`);
    const forbidden = page.getByTestId('admin-forbidden');
    await forbidden.waitFor();
    expect(await forbidden.textContent()).toContain('Không có quyền');
    await page.close();
  });

  let officerClient: { clientId: string; clientSecret: string };

  it('the administrator registers a client, sees its secret once, and finds it listed with its statistics', async () => {
    const page = await desktop();
    await signIn(page, 'quantri');
    await page.waitForURL('**/admin/sso-clients');
    await page.getByTestId('sso-clients-page').waitFor();
    expect(await page.getByTestId('nav-admin').textContent()).toBe('Quản trị');

    await page.getByTestId('sso-register').click();
    await page.getByTestId('sso-name').fill('Phần mềm quản lý văn bản');
    await page.getByTestId('sso-audience-officer').click();
    await page.getByTestId('sso-redirect').fill(`${rpBase}/cb`);
    await page.getByTestId('sso-submit').click();

    const created = page.getByTestId('sso-created');
    await created.waitFor();
    expect(await page.getByTestId('sso-secret-warning').textContent()).toContain('chỉ hiển thị một lần');
    const clientId = (await page.getByTestId('sso-created-id').first().innerText()).trim();
    const clientSecret = await page.getByTestId('sso-created-secret').inputValue();
    expect(clientId).toMatch(/^da06-[\w-]+$/);
    expect(clientSecret).toMatch(/^[\w-]{40,}$/);
    expect(await page.getByTestId('sso-copy-secret').textContent()).toBe('Sao chép');
    await page.screenshot({ path: `${ARTIFACTS}admin-sso-secret.png` });
    await page.getByTestId('sso-created-close').click();

    const row = page.locator(`[data-testid="sso-client-row"][data-client-id="${clientId}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Phần mềm quản lý văn bản');
    expect(text).toContain('Cán bộ');
    expect(text).toContain('officer');
    expect(await row.locator('.sso-bar').count()).toBe(30);
    expect(await row.getByTestId('sso-client-total').textContent()).toBe('0');
    expect(await page.getByText(clientSecret).count()).toBe(0); // shown once, never listed
    await page.screenshot({ path: `${ARTIFACTS}admin-sso-clients.png`, fullPage: true });
    officerClient = { clientId, clientSecret };
    await page.close();
  });

  it('an officer signs in to that client through da06 (/login?next=/sso/…), and the sign-in is counted', async () => {
    const config = await oidc.discovery(new URL(`${server.baseUrl}/oidc`), officerClient.clientId, officerClient.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${rpBase}/cb`, scope: 'openid officer', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    const page = await desktop();
    await page.goto(url.href);
    await page.waitForURL(/\/login\?next=%2Fsso%2F[\w-]+$/);
    await page.getByTestId('login-username').fill('canbo.tinh');
    await page.getByTestId('login-password').fill(account('canbo.tinh').password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${rpBase}/cb?**`);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()?.acr).toBe('urn:da06:officer');
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({ preferred_username: 'canbo.tinh', da06_role: 'province_registry', da06_area: account('canbo.tinh').areaCode });
    await page.close();

    const admin = await desktop();
    await signIn(admin, 'quantri');
    const row = admin.locator(`[data-testid="sso-client-row"][data-client-id="${officerClient.clientId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('sso-client-total').textContent()).toBe('1');
    expect(await admin.getByTestId('sso-total').textContent()).toContain('1');
    await admin.close();
  });
});
