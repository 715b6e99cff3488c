import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, officerCookie, registerResident, signInOfficer, type RegisteredResident } from './support.js';
import { officerPost } from './services-support.js';

// Sector data flowing back (issue 17, models 33–35): a health department's system attaches a vaccination to a
// resident through the gateway; the citizen sees it in the portal with its agency, legal basis and date.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-ho-so-nganh-2026';
const PURPOSE = 'sector.health-book-update';
const LEGAL_BASIS = 'Luật Khám bệnh, chữa bệnh 2023; Thông tư 32/2023/TT-BYT';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let token: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(200);
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
  citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
  const admin = await officerCookie(server, 'quantri');
  const client = (await (await officerPost(server, admin, '/api/v1/sso/clients', { name: 'Sở Y tế', redirectUris: ['https://syt.tinh.test/cb'], scopes: ['profile'], minLevel: 1 })).json()) as { clientId: string; clientSecret: string };
  const agency = (await (await officerPost(server, admin, '/api/v1/exchange/agencies', { name: 'Sở Y tế tỉnh', legalBasis: LEGAL_BASIS, clientId: client.clientId })).json()) as { id: number };
  const grant = await officerPost(server, admin, '/api/v1/exchange/grants', {
    agencyId: agency.id, service: 'sector.health_book', purposes: [PURPOSE], fields: [], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31',
  });
  expect(grant.status, await grant.clone().text()).toBe(201);
  const approved = await officerPost(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/exchange/grants/${((await grant.json()) as { id: number }).id}/approve`, {});
  expect(approved.status, await approved.clone().text()).toBe(200);
  const tok = await fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST', body: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
  });
  token = ((await tok.json()) as { access_token: string }).access_token;
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sector records in the citizen portal', () => {
  it('the agency attaches a vaccination; the citizen sees it under its kind with the agency, legal basis and date', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/exchange/sector-records`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'sector.health_book', reference: 'SYT-E2E-1', personalId: resident.personalId, fullName: resident.fullName, dateOfBirth: resident.dateOfBirth,
        purpose: PURPOSE, recordDate: '2026-03-10', record: { entryType: 'vaccination', vaccine: 'Vắc xin phòng cúm mùa', doseNumber: 2, facilityName: 'Trạm Y tế xã' },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as { status: string }).status).toBe('attached');

    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('link-sector-records').click();
    await page.getByTestId('sector-records-page').waitFor();
    const record = page.getByTestId('sector-record');
    await record.first().waitFor();
    const text = await record.first().textContent();
    expect(text).toContain('Vắc xin phòng cúm mùa');
    expect(text).toContain('Tiêm chủng');
    expect(text).toContain('Sở Y tế tỉnh');
    expect(text).toContain(LEGAL_BASIS);
    expect(text).toContain('10/03/2026');
    expect(await page.getByTestId('sector-kind').first().textContent()).toContain('Sổ sức khỏe điện tử');
    await page.screenshot({ path: `${ARTIFACTS}exchange-sector-records.png`, fullPage: true });
    await page.close();
  });

  it('the registry officer sees it read-only on the person page, opened on demand', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await signInOfficer(page, server, 'canbo.tinh');
    await page.goto(`${server.baseUrl}/officer/people/${resident.personalId}`);
    const panel = page.getByTestId('section-sector-records');
    await panel.waitFor();
    await panel.getByTestId('sector-records-open').click();
    const record = panel.getByTestId('officer-sector-record');
    await record.first().waitFor();
    expect(await record.first().textContent()).toContain('Vắc xin phòng cúm mùa');
    await panel.screenshot({ path: `${ARTIFACTS}exchange-sector-records-officer.png` });
    await context.close();
  });
});
