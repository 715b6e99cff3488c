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
  it('tells an officer who is not an administrator that they have no right to its pages', async () => {
    const page = await desktop();
    await signIn(page, 'canbo.tinh');
    await page.waitForURL('**/officer/people');
    // The province's data owner has the approval of the gateway's grants only (e2e/exchange-admin.test.ts).
    expect(await page.getByTestId('admin-menu-sso-clients').count()).toBe(0);
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
    await page.waitForURL('**/admin/officers');
    await page.getByTestId('admin-menu-sso-clients').click();
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
    await admin.waitForURL('**/admin/officers');
    await admin.goto(`${server.baseUrl}/admin/sso-clients`);
    const row = admin.locator(`[data-testid="sso-client-row"][data-client-id="${officerClient.clientId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('sso-client-total').textContent()).toBe('1');
    // The total adds the demo province's own systems (src/demo-readiness.ts), grouped the Vietnamese way.
    const clients = (await admin.evaluate(async () => (await fetch('/api/v1/sso/clients')).json())) as { totalSignIns: number }[];
    const total = clients.reduce((n, c) => n + c.totalSignIns, 0);
    expect(total).toBeGreaterThan(1);
    expect(await admin.getByTestId('sso-total').textContent()).toContain(String(total).replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
    await admin.close();
  });
});

describe('admin web UI: relying parties', () => {
  it('the administrator adds a lodging with an API key, sees its use counted, then deactivates it', async () => {
    const page = await desktop();
    await signIn(page, 'quantri');
    await page.waitForURL('**/admin/officers');
    await page.getByTestId('admin-menu-relying-parties').click();
    await page.waitForURL('**/admin/relying-parties');
    // The demo hospital is there from the start.
    const hospital = page.locator('[data-testid="rp-row"][data-code="benh-vien-mau"]');
    await hospital.waitFor();
    expect(await hospital.textContent()).toContain('Bệnh viện Đa khoa tỉnh (mẫu)');

    await page.getByTestId('rp-add').click();
    await page.getByTestId('rp-code').fill('nha-nghi-hoa-mai');
    await page.getByTestId('rp-name').fill('Nhà nghỉ Hoa Mai');
    await page.getByTestId('rp-type').click();
    await page.locator('.ant-select-item-option[title="Cơ sở lưu trú"]').click();
    await page.getByTestId('rp-purpose').fill('Đăng ký lưu trú cho khách');
    await page.getByTestId('rp-field-address').click();
    await page.getByTestId('rp-with-api-key').click();
    await page.screenshot({ path: `${ARTIFACTS}admin-rp-form.png` });
    await page.getByTestId('rp-submit').click();

    // The key is shown once, with a copy button.
    await page.getByTestId('rp-key').waitFor();
    expect(await page.getByTestId('rp-key-warning').textContent()).toContain('chỉ hiển thị một lần');
    const apiKey = await page.getByTestId('rp-key-value').inputValue();
    expect(apiKey).toMatch(/^da06rp_/);
    expect(await page.getByTestId('rp-key-copy').textContent()).toBe('Sao chép');
    await page.screenshot({ path: `${ARTIFACTS}admin-rp-key.png` });
    await page.getByTestId('rp-key-close').click();
    await page.getByTestId('rp-key').waitFor({ state: 'detached' });

    const row = page.locator('[data-testid="rp-row"][data-code="nha-nghi-hoa-mai"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Nhà nghỉ Hoa Mai');
    expect(text).toContain('Cơ sở lưu trú');
    expect(text).toContain('Nơi thường trú');
    expect(await row.getByTestId('rp-status').getAttribute('data-active')).toBe('true');
    expect(await page.getByText(apiKey).count()).toBe(0);

    // The lodging's own system verifies with the key; the page counts it.
    const verify = () =>
      fetch(`${server.baseUrl}/api/v1/verifications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ qr: 'không phải mã QR' }),
      });
    const first = await verify();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { valid: boolean }).valid).toBe(false);
    await page.reload();
    await row.waitFor();
    expect(await row.getByTestId('rp-counts').textContent()).toBe('1 lượt, 0 hợp lệ');

    // Deactivated: listed as such, and its key no longer verifies.
    await row.getByTestId('rp-edit').click();
    await page.getByTestId('rp-active').click();
    await page.getByTestId('rp-submit').click();
    await page.waitForSelector('[data-testid="rp-row"][data-code="nha-nghi-hoa-mai"] [data-testid="rp-status"][data-active="false"]');
    expect(await row.getByTestId('rp-status').textContent()).toBe('Ngừng hoạt động');
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${ARTIFACTS}admin-relying-parties.png`, fullPage: true });
    expect((await verify()).status).not.toBe(200);
    await page.close();
  });
});

describe('admin web UI: officer accounts', () => {
  const STAFF = { username: 'tiepdon.moi', fullName: 'Đặng Thị Tiếp Đón' };
  let oneTime = '';

  it('builds the menu from the session: the administrator sees no registry page, and is not sent to one', async () => {
    const page = await desktop();
    await signIn(page, 'quantri');
    await page.waitForURL('**/admin/officers');
    await page.getByTestId('admin-menu').waitFor();
    expect(await page.locator('.officer-nav a').allTextContents()).toEqual(['Quản trị']);
    expect(await page.getByTestId('admin-menu').locator('a').allTextContents()).toEqual([
      'Tài khoản cán bộ', 'Dịch vụ đăng nhập một lần', 'Đơn vị xác thực', 'Kiosk tự phục vụ',
      // The gateway's pages; its approvals belong to the data owner, not to the administrator.
      'Cơ quan kết nối (LGSP)', 'Quyền khai thác dữ liệu', 'Lượt khai thác theo ngày',
    ]);
    // The registry's search page is not opened for a role that cannot use it: the administrator goes back to their pages.
    await page.goto(`${server.baseUrl}/officer/people`);
    await page.waitForURL('**/admin/officers');
    await page.getByTestId('officers-page').waitFor();
    expect(await page.getByText('không có quyền', { exact: false }).count()).toBe(0);
    await page.close();
  });

  it('the administrator creates a counter staff account for the demo hospital and sees its one-time password once', async () => {
    const page = await desktop();
    await signIn(page, 'quantri');
    await page.waitForURL('**/admin/officers');
    await page.locator('[data-testid="officer-row"][data-username="quantri"]').waitFor();
    await page.getByTestId('officer-add').click();
    await page.getByTestId('officer-role').click();
    await page.locator('.ant-select-item-option[title^="Nhân viên đơn vị xác thực"]').click();
    await page.getByTestId('officer-relying-party').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Bệnh viện Đa khoa tỉnh (mẫu)' }).click();
    await page.getByTestId('officer-full-name').fill(STAFF.fullName);
    await page.getByTestId('officer-username').fill(STAFF.username);
    await page.screenshot({ path: `${ARTIFACTS}admin-officer-form.png` });
    await page.getByTestId('officer-submit').click();

    await page.getByTestId('officer-password').waitFor();
    expect(await page.getByTestId('officer-password-warning').textContent()).toContain('chỉ hiển thị một lần');
    expect(await page.getByTestId('officer-password-username').textContent()).toBe(STAFF.username);
    oneTime = await page.getByTestId('officer-password-value').inputValue();
    expect(oneTime).toMatch(/^[\w-]{16}$/);
    await page.screenshot({ path: `${ARTIFACTS}admin-officer-password.png` });
    await page.getByTestId('officer-password-close').click();
    await page.getByTestId('officer-password').waitFor({ state: 'detached' });

    const row = page.locator(`[data-testid="officer-row"][data-username="${STAFF.username}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(STAFF.fullName);
    expect(text).toContain('Bệnh viện Đa khoa tỉnh (mẫu)');
    expect(await row.getByTestId('officer-status').getAttribute('data-status')).toBe('active');
    expect(await row.getByTestId('officer-must-change').textContent()).toBe('Chờ đổi mật khẩu');
    expect(await page.getByText(oneTime).count()).toBe(0);
    const created = page.locator('[data-testid="officer-activity-row"][data-action="officer.account.create"]').first();
    await created.waitFor();
    expect(await created.textContent()).toContain('Quản trị (mẫu)');
    await page.close();
  });

  it('the new account signs in, must replace its password first, then works at the counter', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill(STAFF.username);
    await page.getByTestId('login-password').fill(oneTime);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/password');
    await page.getByTestId('password-forced').waitFor();
    // Nowhere else until then: the counter sends it back.
    await page.goto(`${server.baseUrl}/desk`);
    await page.waitForURL('**/password');
    await page.getByTestId('password-current').fill(oneTime);
    await page.getByTestId('password-new').fill('ngan');
    await page.getByTestId('password-confirm').fill('ngan');
    await page.getByTestId('password-submit').click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Mật khẩu mới quá ngắn' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}password-first-sign-in.png`, fullPage: true });
    await page.getByTestId('password-new').fill('quay-tiep-don-2026');
    await page.getByTestId('password-confirm').fill('quay-tiep-don-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL((url) => url.pathname === '/desk');
    expect(await page.getByTestId('desk-user').textContent()).toBe(STAFF.fullName);
    await context.close();
  });

  it('the administrator disables it: it can no longer sign in, and the action is listed', async () => {
    const page = await desktop();
    await signIn(page, 'quantri');
    await page.waitForURL('**/admin/officers');
    const row = page.locator(`[data-testid="officer-row"][data-username="${STAFF.username}"]`);
    await row.waitFor();
    expect(await row.getByTestId('officer-must-change').count()).toBe(0);
    await row.getByTestId('officer-disable').click();
    await page.getByTestId('officer-disable-confirm').click();
    await page.waitForSelector(`[data-testid="officer-row"][data-username="${STAFF.username}"] [data-testid="officer-status"][data-status="disabled"]`);
    expect(await row.getByTestId('officer-enable').count()).toBe(1);
    // The auditor's account is the operator's to manage: no reset or disable button for a province administrator.
    const auditorRow = page.locator('[data-testid="officer-row"][data-username="kiemtra"]');
    expect(await auditorRow.getByTestId('officer-operator-only').textContent()).toBe('Do người vận hành quản lý');
    expect(await auditorRow.getByTestId('officer-reset').count()).toBe(0);
    await page.locator('[data-testid="officer-activity-row"][data-action="officer.account.disable"]').first().waitFor();
    const actions = await page.getByTestId('officer-activity-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.slice(0, 3)).toEqual(['officer.account.disable', 'officer.password.change', 'officer.account.create']);
    await page.locator('.ant-popover').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${ARTIFACTS}admin-officers.png`, fullPage: true });
    await page.close();

    const staff = await desktop();
    await staff.goto(`${server.baseUrl}/login`);
    await staff.getByTestId('login-username').fill(STAFF.username);
    await staff.getByTestId('login-password').fill('quay-tiep-don-2026');
    await staff.getByTestId('login-submit').click();
    const error = staff.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('đã bị vô hiệu hóa');
    await staff.close();
  });
});
