import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, officerCookie, type RegisteredResident } from './support.js';
import { levelTwoCitizen, officerPost } from './services-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';

// Consent the citizen holds (issue 17): an agency's system is refused under a consent-based purpose, asks consent
// through the API, the citizen approves in the portal, the next query succeeds; revoked, the next is refused; the
// access history shows the queries with their basis.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-dong-y-chia-se-2026';
const PURPOSE = 'service.offer-with-consent';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let token: string;

const lookup = () => fetch(`${server.baseUrl}/api/v1/exchange/person-lookups`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ personalId: resident.personalId, purpose: PURPOSE }),
});

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem() });
  browser = await launchChromium();
  ({ resident, citizen } = await levelTwoCitizen(server, browser, PASSWORD));
  // The administrator registers the insurer's system (a confidential OIDC client) and asks its grant; the data owner approves.
  const admin = await officerCookie(server, 'quantri');
  const client = (await (await officerPost(server, admin, '/api/v1/sso/clients', { name: 'Công ty Bảo hiểm Thử nghiệm', redirectUris: ['https://bh.tinh.test/cb'], scopes: ['profile'], minLevel: 1 })).json()) as { clientId: string; clientSecret: string };
  const agency = (await (await officerPost(server, admin, '/api/v1/exchange/agencies', { name: 'Công ty Bảo hiểm Thử nghiệm', legalBasis: 'Thỏa thuận kết nối 02/2026', clientId: client.clientId })).json()) as { id: number };
  const grant = await officerPost(server, admin, '/api/v1/exchange/grants', {
    agencyId: agency.id, service: 'person.lookup', purposes: [PURPOSE], consentPurposes: [PURPOSE], fields: ['fullName', 'dateOfBirth', 'sex'], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31',
  });
  expect(grant.status, await grant.clone().text()).toBe(201);
  const approved = await officerPost(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/exchange/grants/${((await grant.json()) as { id: number }).id}/approve`, {});
  expect(approved.status, await approved.clone().text()).toBe(200);
  const tok = await fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST', body: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
  });
  expect(tok.status).toBe(200);
  token = ((await tok.json()) as { access_token: string }).access_token;
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function consentsPage(): Promise<Page> {
  const page = await citizen.newPage();
  await page.goto(`${server.baseUrl}/citizen`);
  await page.getByTestId('link-consents').click();
  await page.getByTestId('consents-page').waitFor();
  return page;
}

describe('consent the citizen holds', () => {
  it('the agency is refused without consent, then asks for it', async () => {
    const refused = await lookup();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { code: string }).code).toBe('EXCHANGE_CONSENT_REQUIRED');
    const asked = await fetch(`${server.baseUrl}/api/v1/exchange/consent-requests`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personalId: resident.personalId, service: 'person.lookup', purpose: PURPOSE, fields: ['fullName', 'dateOfBirth', 'sex'], validUntil: '2099-12-31', frequency: 'periodic' }),
    });
    expect(asked.status, await asked.clone().text()).toBe(201);
  });

  it('the citizen approves in the portal, leaving one field out; the next query succeeds with the fields agreed', async () => {
    const page = await consentsPage();
    const card = page.getByTestId('consent-pending');
    await card.waitFor();
    expect(await card.textContent()).toContain('Công ty Bảo hiểm Thử nghiệm');
    expect(await card.textContent()).toContain('Giới thiệu sản phẩm, dịch vụ cho khách hàng');
    await card.getByTestId('consent-fields').getByText('Giới tính').click();
    await page.screenshot({ path: `${ARTIFACTS}exchange-consent-pending.png`, fullPage: true });
    await card.getByTestId('consent-approve').click();
    await page.getByTestId('consent-notice').waitFor();
    await page.locator('[data-testid="consent-decided"][data-status="approved"]').waitFor();
    await page.getByTestId('consents-none-pending').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}exchange-consent-approved.png`, fullPage: true });
    await page.close();

    const res = await lookup();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ personalId: resident.personalId, fullName: resident.fullName, dateOfBirth: resident.dateOfBirth });
  });

  it('the citizen revokes; the next query is refused; the history shows both queries with their basis', async () => {
    const page = await consentsPage();
    await page.getByTestId('consent-revoke').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Thu hồi' }).click();
    await page.locator('[data-testid="consent-decided"][data-status="revoked"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}exchange-consent-revoked.png`, fullPage: true });

    const refused = await lookup();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('EXCHANGE_CONSENT_REQUIRED');

    await page.goto(`${server.baseUrl}/citizen/history`);
    await page.getByTestId('history-page').waitFor();
    const items = page.getByTestId('history-item');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    const queries = texts.filter((x) => x.includes('Công ty Bảo hiểm Thử nghiệm') && x.includes('Tra cứu thông tin công dân'));
    // The query answered under the consent, the two refused for want of one (before asking and after revoking), and the decisions.
    expect(queries.filter((x) => x.includes('theo đồng ý') && !x.includes('Bị từ chối'))).toHaveLength(1);
    expect(queries.filter((x) => x.includes('Bị từ chối: chưa có sự đồng ý'))).toHaveLength(2);
    expect(queries.some((x) => x.includes('Bạn đã đồng ý chia sẻ'))).toBe(true);
    expect(queries.some((x) => x.includes('Bạn đã thu hồi sự đồng ý'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}exchange-consent-history.png`, fullPage: true });
    await page.close();
  });
});
