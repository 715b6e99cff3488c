// Certified electronic copies in the browser (web/src/pages/services/CertifyCopyPage.tsx, CopyRegisterPage.tsx): the
// commune's justice officer certifies a copy for a citizen at the counter, sees the fee before issuing, downloads
// the signed PDF (authentic at /verify) and finds it in the sổ chứng thực by the name typed without diacritics.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { startServer, type RunningServer } from './server.js';
import { apiGet, cookiesOf, launchChromium, officerCookie, registerResident, type RegisteredResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-chung-thuc-ban-sao-2026';
const OFFICER_PASSWORD = 'Mat-khau-tu-phap-xa-2026';
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;

function png(): Buffer {
  const image = new PNG({ width: 80, height: 50 });
  for (let i = 0; i < 80 * 50; i++) image.data.set([200, 180 - (i % 80), 90, 255], i * 4);
  return PNG.sync.write(image);
}

/** The text input of a field whose test id antd puts on the input or on its wrapper. */
const input = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();

async function officerPost(cookie: string, path: string, body: unknown): Promise<Response> {
  const s = (await (await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000);
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
  const person = await apiGet<{ commune: { code: string } }>(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/people/${resident.personalId}`);
  const made = await officerPost(await officerCookie(server, 'quantri'), '/api/v1/officers',
    { username: 'tuphap.sao', role: 'civil_status_officer', fullName: 'Phạm Văn Tư Pháp', areaCode: person.commune.code });
  expect(made.status, await made.clone().text()).toBe(201);
  const { password } = (await made.json()) as { password: string };
  const signIn = await fetch(`${server.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tuphap.sao', password }) });
  const changed = await officerPost(cookiesOf(signIn), '/api/v1/session/password', { currentPassword: password, newPassword: OFFICER_PASSWORD });
  expect(changed.status, await changed.clone().text()).toBe(200);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('certified electronic copy at the counter', () => {
  it('shows the fee, certifies once, gives the signed PDF and lists it in the register', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('tuphap.sao');
    await page.getByTestId('login-password').fill(OFFICER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-certify-copy').click();
    await page.getByTestId('copy-page').waitFor();

    await input(page, 'copy-personal-id').fill(resident.personalId);
    await page.getByTestId('copy-page').getByRole('button', { name: 'Tìm' }).click();
    await page.getByTestId('copy-requester').waitFor();
    expect(await page.getByTestId('copy-requester').textContent()).toContain(resident.fullName);
    await input(page, 'copy-document-name').fill('Bằng tốt nghiệp đại học');
    await input(page, 'copy-pages').fill('5');
    await expect.poll(() => page.getByTestId('copy-fee').textContent()).toBe('7.000 đ/bản × 1 bản = 7.000 đ');
    await page.getByTestId('copy-page').locator('input[type=file]').setInputFiles({ name: 'bang.png', mimeType: 'image/png', buffer: png() });
    await page.getByText('bang.png').waitFor();
    // Without the comparison confirmed nothing is sent.
    await page.getByTestId('copy-issue').click();
    expect(await page.getByTestId('copy-problem').textContent()).toContain('đối chiếu');
    await page.getByTestId('copy-compared').check();
    await page.screenshot({ path: `${ARTIFACTS}certify-copy.png`, fullPage: true });
    await page.getByTestId('copy-issue').dblclick();
    await page.getByTestId('copy-issued').waitFor();
    const number = /số (\S+)/.exec((await page.getByTestId('copy-issued').textContent())!)![1]!;
    expect(number).toMatch(/^1\/\d{4}\/SCT\/BS$/);

    const href = (await page.getByTestId('copy-download').getAttribute('href'))!;
    const pdf = await (await page.request.get(`${server.baseUrl}${href}`)).body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const check = await page.request.post(`${server.baseUrl}/api/v1/documents/verify`, { data: { content: pdf.toString('base64') } });
    expect(await check.json()).toMatchObject({ authentic: true, document: { holderName: resident.fullName } });

    await page.getByTestId('nav-copy-register').click();
    await page.getByTestId('register-page').waitFor();
    const folded = resident.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await input(page, 'register-name').fill(folded);
    const row = page.getByTestId('register-table').locator('tbody tr').filter({ hasText: number });
    await row.waitFor();
    expect(await page.getByTestId('register-table').locator('tbody tr').filter({ hasText: 'SCT/BS' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}copy-register.png`, fullPage: true });
    await context.close();
  });
});
