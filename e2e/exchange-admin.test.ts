import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, officerDesktopPage } from './support.js';
import { createExchangeClient, ExchangeError } from '../packages/exchange-client/index.js';

// The data-sharing gateway's administration in the browser (issue 17): the administrator registers an agency with its
// public keys and asks a grant, the data owner approves it, the agency's system calls through the repo's client
// package, and the usage page shows those calls.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const AGENCY = 'Bệnh viện Đa khoa tỉnh – hệ thống khám bệnh';
const PURPOSE = 'health.patient-identification';
const PURPOSE_LABEL = 'Xác định người bệnh khi tiếp nhận khám bệnh, chữa bệnh';

let server: RunningServer;
let browser: Browser;
let privateJwk: JWK;
let publicJwk: JWK;

async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(200);
  browser = await launchChromium();
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'bv-2026', alg: 'ES256' };
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'bv-2026', alg: 'ES256', use: 'sig' };
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the gateway administration', () => {
  let clientId = '';

  it('the administrator registers an agency with its public keys and asks a grant', async () => {
    const page = await officerDesktopPage(browser, server, 'quantri');
    await page.goto(`${server.baseUrl}/admin/exchange`);
    await page.getByTestId('exchange-agencies-page').waitFor();
    await page.getByTestId('agency-add').click();
    await page.getByTestId('agency-name').fill(AGENCY);
    await page.getByTestId('agency-legal-basis').fill('Luật Khám bệnh, chữa bệnh 2023; thỏa thuận kết nối số 05/2026');
    await page.getByTestId('agency-jwks').fill(JSON.stringify({ keys: [publicJwk] }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-register.png`, fullPage: true });
    await page.getByTestId('agency-register').click();
    const row = page.getByTestId('agency-row').filter({ hasText: AGENCY });
    await row.waitFor();
    clientId = (await row.locator('.mono').textContent())!.trim();
    expect(clientId).toMatch(/^da06-/);
    await row.getByTestId('agency-keys').click();
    await page.getByTestId('agency-key-kid').filter({ hasText: 'bv-2026' }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-keys.png`, fullPage: true });
    await page.keyboard.press('Escape');

    await page.getByTestId('admin-menu-exchange-grants').click();
    await page.getByTestId('exchange-grants-page').waitFor();
    await page.getByTestId('grant-add').click();
    await choose(page, 'grant-agency', AGENCY);
    await choose(page, 'grant-service', 'Xác nhận công dân còn sống');
    await choose(page, 'grant-purposes', PURPOSE_LABEL);
    await page.keyboard.press('Escape');
    await page.getByTestId('grant-quota').fill('5');
    await page.getByTestId('grant-valid-from').fill('2020-01-01');
    await page.getByTestId('grant-valid-until').fill('2099-12-31');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-grant-form.png`, fullPage: true });
    await page.getByTestId('grant-ask').click();
    await page.locator('[data-testid="grant-row"][data-status="requested"]').filter({ hasText: AGENCY }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-grants.png`, fullPage: true });
    // The administrator has no approval page.
    expect(await page.getByTestId('admin-menu-exchange-approvals').count()).toBe(0);
    await page.context().close();
  });

  it('the data owner approves it from their own menu entry', async () => {
    const page = await officerDesktopPage(browser, server, 'canbo.tinh');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('exchange-approvals-page').waitFor();
    expect(await page.getByTestId('admin-menu-exchange-agencies').count()).toBe(0);
    const pending = page.getByTestId('grants-pending').getByTestId('grant-row').filter({ hasText: AGENCY });
    await pending.waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-approvals.png`, fullPage: true });
    await pending.getByTestId('grant-approve').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('grants-decided').locator('[data-testid="grant-row"][data-status="approved"]').filter({ hasText: AGENCY }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-approved.png`, fullPage: true });
    // The administrator's pages are not theirs.
    await page.goto(`${server.baseUrl}/admin/exchange`);
    await page.getByTestId('admin-forbidden').waitFor();
    await page.context().close();
  });

  it('the usage page shows the agency\'s calls, answered and refused', async () => {
    const client = createExchangeClient({ baseUrl: server.baseUrl, issuer: `${server.publicUrl}/oidc`, clientId, privateJwk });
    const check = (purpose: string) => client.check({ service: 'person.is_alive', personalId: '001099000001', purpose });
    expect((await check(PURPOSE)).answer).toBe(false);
    expect((await check(PURPOSE)).answer).toBe(false);
    const refused = await check('Tiếp thị').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ExchangeError);
    expect((await client.usage()).days.map((d) => d.calls)).toEqual([2]);

    const page = await officerDesktopPage(browser, server, 'canbo.tinh');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-menu-exchange-usage').click();
    await page.getByTestId('exchange-usage-page').waitFor();
    const day = page.getByTestId('usage-day-row').filter({ hasText: AGENCY });
    await day.waitFor();
    expect(await day.getAttribute('data-calls')).toBe('2');
    expect(await day.textContent()).toContain('2 / 5');
    const refusal = page.getByTestId('usage-refusal-row').filter({ hasText: AGENCY });
    expect(await refusal.textContent()).toContain('403');
    // By problem code: a purpose outside the catalogue.
    expect(await refusal.getByTestId('usage-refusal-problem').textContent()).toBe('EXCHANGE_PURPOSE_UNKNOWN');
    await page.getByTestId('usage-chart').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-usage.png`, fullPage: true });
    await page.context().close();
  });

  it('the administrator disables the agency, then enables it again with a reason', async () => {
    const page = await officerDesktopPage(browser, server, 'quantri');
    await page.goto(`${server.baseUrl}/admin/exchange`);
    await page.getByTestId('exchange-agencies-page').waitFor();
    const row = page.getByTestId('agency-row').filter({ hasText: AGENCY });
    await row.getByTestId('agency-disable').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.getByTestId('agency-enable').click();
    await page.getByTestId('agency-enable-reason').fill('Cơ quan đã khắc phục sự cố, có công văn đề nghị kết nối lại');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}exchange-admin-enable.png`, fullPage: true });
    await page.getByTestId('agency-enable-confirm').click();
    await row.getByTestId('agency-disable').waitFor();
    expect(await row.getByTestId('agency-status').textContent()).toBe('Đang kết nối');
    await page.context().close();
  });
});
