// Counter intake in the browser (web/src/pages/services/CounterIntakePage.tsx): a one-stop officer on a tablet
// receives a paper birth registration for a citizen at the desk; a double click makes one dossier; the receipt
// prints at once and the citizen sees the dossier on their portal as received directly.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { apiGet, citizenContext, cookiesOf, launchChromium, officerCookie, registerResident, type RegisteredResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-tiep-nhan-truc-tiep-2026';
const OFFICER_PASSWORD = 'Mat-khau-mot-cua-quay-2026';
const TABLET = { viewport: { width: 820, height: 1180 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

async function officerPost(cookie: string, path: string, body: unknown): Promise<Response> {
  const s = (await (await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify(body) });
}

/** A one-stop-desk account of the resident's commune, made by the administrator, its one-time password replaced. */
async function makeDeskOfficer(username: string, areaCode: string) {
  const res = await officerPost(await officerCookie(server, 'quantri'), '/api/v1/officers', { username, role: 'one_stop_officer', fullName: 'Lê Thị Quầy', areaCode });
  expect(res.status, await res.clone().text()).toBe(201);
  const { password } = (await res.json()) as { password: string };
  const signIn = await fetch(`${server.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const changed = await officerPost(cookiesOf(signIn), '/api/v1/session/password', { currentPassword: password, newPassword: OFFICER_PASSWORD });
  expect(changed.status, await changed.clone().text()).toBe(200);
}

async function choose(page: Page, field: string, option: string) {
  await page.getByTestId(`field-${field}-input`).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000);
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
  const person = await apiGet<{ commune: { code: string } }>(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/people/${resident.personalId}`);
  await makeDeskOfficer('quay.motcua', person.commune.code);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('counter intake at the one-stop desk', () => {
  it('finds the citizen, shows the locked registry fields, receives once on a double click and prints the receipt', async () => {
    const context = await browser.newContext(TABLET);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('quay.motcua');
    await page.getByTestId('login-password').fill(OFFICER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-counter').click();
    await page.getByTestId('counter-page').waitFor();

    await page.getByTestId('counter-procedure').click();
    await page.keyboard.type('khai sinh');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Đăng ký khai sinh' }).first().click();
    // A personal ID of the wrong length is refused before it is sent.
    await page.getByTestId('counter-personal-id').fill('12345');
    await page.getByTestId('counter-find').click();
    expect(await page.getByTestId('counter-problem').textContent()).toContain('12 chữ số');
    await page.getByTestId('counter-personal-id').fill(resident.personalId);
    await page.getByTestId('counter-find').click();
    await page.getByTestId('counter-person').waitFor();
    expect(await page.getByTestId('counter-person').textContent()).toContain(resident.fullName);

    const name = page.getByTestId('field-declarant.fullName');
    await name.waitFor();
    expect(await name.getAttribute('data-locked')).toBe('true');
    expect(await page.getByTestId('field-declarant.fullName-input').inputValue()).toBe(resident.fullName);
    expect(await page.getByTestId('field-declarant.fullName-input').isDisabled()).toBe(true);

    await page.getByTestId('field-child.fullName-input').fill('Nguyễn Thị Quầy');
    await choose(page, 'child.sex', 'Nữ');
    await page.getByTestId('field-child.birthDate-input').fill(ddmmyyyy(daysAgo(2)));
    await page.getByTestId('field-child.birthPlace-input').fill('Trạm y tế xã');
    await page.getByTestId('field-child.ethnicity-input').fill('Kinh');
    await page.getByTestId('field-child.nationality-input').fill('Việt Nam');
    const isMother = resident.sex === 'Nữ';
    if (!isMother) {
      await page.getByTestId('field-mother.fullName-input').fill('Trần Thị Bình');
      await page.getByTestId('field-mother.birthDate-input').fill('12/03/1995');
    }
    await choose(page, 'declarant.relation', isMother ? 'Mẹ' : 'Cha');
    await choose(page, 'delivery', 'Nhận bản điện tử trên tài khoản');
    await page.getByTestId('counter-scans').locator('input[type=file]').first().setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('counter-scans').getByText('giay-chung-sinh.pdf').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}counter-intake.png`, fullPage: true });

    await page.getByTestId('counter-receive').dblclick();
    await page.getByTestId('counter-received').waitFor();
    const code = /Đã tiếp nhận hồ sơ (\S+)/.exec((await page.getByTestId('counter-received').textContent())!)![1];
    expect(code).toMatch(/^UBX\.\d+-\d{6}-\d+$/);
    await page.screenshot({ path: `${ARTIFACTS}counter-received.png`, fullPage: true });

    // The receipt prints at once.
    const href = (await page.getByTestId('counter-receipt-pdf').getAttribute('href'))!;
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // One dossier, the citizen's own, received directly.
    const citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
    const mine = (await (await citizen.request.get(`${server.baseUrl}/api/v1/services/dossiers`)).json()) as { items: { code: string | null; channel: string; state: string }[] };
    const counterDossiers = mine.items.filter((d) => d.channel === 'direct');
    expect(counterDossiers).toHaveLength(1);
    expect(counterDossiers[0]).toMatchObject({ code, state: 'received' });
    const portal = await citizen.newPage();
    await portal.goto(`${server.baseUrl}/citizen/services?tab=mine`);
    const item = portal.getByTestId('my-dossier').filter({ hasText: code });
    await item.waitFor();
    expect(await item.getByTestId('dossier-channel').textContent()).toBe('Trực tiếp');
    await citizen.close();
    await context.close();
  });

  it('a marriage asks for the other party at the desk: their identity paper checked first, an unknown number refused by name', async () => {
    const context = await browser.newContext(TABLET);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('quay.motcua');
    await page.getByTestId('login-password').fill(OFFICER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-counter').click();
    await page.getByTestId('counter-procedure').click();
    await page.keyboard.type('kết hôn');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Đăng ký kết hôn' }).first().click();
    await page.getByTestId('counter-personal-id').fill(resident.personalId);
    await page.getByTestId('counter-find').click();
    const party = page.getByTestId('counter-party');
    await party.waitFor();
    expect(await party.textContent()).toContain('bên kết hôn còn lại');
    // The other party's part is not typed at the desk: the registry fills it once they confirm.
    expect(await page.getByTestId('field-spouse.fullName').count()).toBe(0);
    await choose(page, 'delivery', 'Nhận bản điện tử trên tài khoản');
    await page.getByTestId('counter-party-id').fill('082099009999');
    await page.getByTestId('counter-receive').click();
    expect(await page.getByTestId('counter-problem').textContent()).toContain('đối chiếu thẻ căn cước');
    await page.getByTestId('counter-party-checked').check();
    await page.screenshot({ path: `${ARTIFACTS}counter-marriage-party.png`, fullPage: true });
    await page.getByTestId('counter-receive').click();
    await expect.poll(async () => page.getByTestId('counter-problem').textContent(), { timeout: 15_000 }).toContain('Không có người này');
    await context.close();
  });
});
