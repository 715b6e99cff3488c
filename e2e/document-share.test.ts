import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, officerCookie, type RegisteredResident } from './support.js';
import { levelTwoCitizen, officerPost } from './services-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';

// The citizen's document store (issue 16): a signed result shared with a counter by a time-limited link and QR,
// opened there without sign-in, then the opening in the citizen's access history; the same result in the wallet.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-chia-se-van-ban-2026';
const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const DESK = '/api/v1/services/officer/dossiers';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem() });
  browser = await launchChromium();
  ({ resident, citizen } = await levelTwoCitizen(server, browser, PASSWORD));
  // A criminal-record certificate: requested by the citizen, approved by the department's leader (signed then).
  const page = await citizen.newPage();
  await page.goto(`${server.baseUrl}/citizen/services`);
  const id = await page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/citizen/session')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
    const d = (await (await fetch('/api/v1/services/dossiers', {
      method: 'POST', headers, body: JSON.stringify({ procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' } }),
    })).json()) as { id: number };
    await fetch(`/api/v1/services/dossiers/${d.id}/submission`, { method: 'POST', headers: { ...headers, 'idempotency-key': crypto.randomUUID() }, body: '{}' });
    return d.id;
  });
  await page.close();
  const justice = await officerCookie(server, 'tuphap.tinh');
  expect((await officerPost(server, justice, `${DESK}/${id}/reception`, {})).status).toBe(200);
  expect((await officerPost(server, justice, `${DESK}/${id}/processing`, {})).status).toBe(200);
  const approved = await officerPost(server, await officerCookie(server, 'lanhdao.tuphap'), `${DESK}/${id}/approval`, { result: { convictions: 'none' } });
  expect(approved.status, await approved.clone().text()).toBe(200);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sharing a document of the store', () => {
  it('the citizen shares by a 1-hour link with a QR; a counter opens it without sign-in; the opening is in the history', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/documents`);
    const doc = page.getByTestId('citizen-document').first();
    await doc.waitFor();
    await doc.getByTestId('citizen-document-in-wallet').waitFor();
    await doc.getByTestId('citizen-document-share').click();
    await page.getByTestId('share-validity').getByText('1 giờ').click();
    await page.getByTestId('share-create').click();
    const created = page.getByTestId('share-created');
    await created.waitFor();
    await page.getByTestId('share-qr').waitFor();
    const url = (await created.getAttribute('data-url'))!;
    expect(url).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: `${ARTIFACTS}documents-share.png`, fullPage: true });

    const counter = await (await browser.newContext(DESKTOP)).newPage();
    await counter.goto(`${server.baseUrl}${new URL(url).pathname}`);
    await counter.getByTestId('shared-authentic').waitFor();
    expect(await counter.getByTestId('shared-page').textContent()).not.toContain(resident.personalId);
    await counter.screenshot({ path: `${ARTIFACTS}documents-shared-page.png`, fullPage: true });
    await counter.goto(`${server.baseUrl}/shared/${'A'.repeat(43)}`);
    await counter.getByTestId('shared-gone').waitFor();
    await counter.context().close();

    await page.reload();
    await page.getByTestId('citizen-document').first().getByTestId('citizen-document-history').click();
    await page.getByTestId('history-row').first().waitFor();
    await page.waitForTimeout(500); // the dialog's opening animation
    await page.screenshot({ path: `${ARTIFACTS}documents-access-history.png`, fullPage: true });
    await page.close();
  });
});
