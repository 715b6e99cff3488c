import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeQrVideo } from './fake-camera.js';
import { startServer, type RunningServer } from './server.js';
import { citizenContext, launchChromium, phoneContext, registerResident, signInOfficer, type RegisteredResident } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-quay-tiep-don-2025';
const HOSPITAL = 'Bệnh viện Đa khoa tỉnh (mẫu)';
/** The shortest refresh the configuration allows, so the test sees the code renew. */
const QR_SECONDS = 15;

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let qrPage: Page;
let staff: BrowserContext;
let desk: Page;

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/** The token a scanner would read off the citizen's screen: the freshest one (it changes every minute). */
async function currentToken(): Promise<string> {
  const token = await qrPage.getByTestId('identity-qr').getAttribute('data-token');
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return token!;
}

/** Waits until the page shows a code other than `token`, and returns it. */
async function nextToken(token: string, timeout: number): Promise<string> {
  await qrPage.waitForFunction((t) => document.querySelector('[data-testid="identity-qr"]')?.getAttribute('data-token') !== t, token, { timeout });
  return currentToken();
}

/** Plays the browser hiding or showing the tab (another app in front on the phone). */
function setHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** The text of the QR printed on the resident's CCCD card (7 fields), optionally with another name. */
function cardQr(fullName = resident.fullName): string {
  const ddMMyyyy = resident.dateOfBirth.split('-').reverse().join('');
  return [resident.personalId, '', fullName, ddMMyyyy, resident.sex, 'Số 1, đường Mẫu, xã Mẫu', '01072022'].join('|');
}

/** The same token with a claim changed (the account level raised to 2): the signature no longer matches. */
function tampered(token: string): string {
  const [head, body, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [head, Buffer.from(JSON.stringify({ ...claims, loa: 2 })).toString('base64url'), sig].join('.');
}

async function verdict(page: Page): Promise<{ valid: string | null; text: string }> {
  const result = page.getByTestId('desk-result');
  await result.waitFor();
  return { valid: await result.getAttribute('data-valid'), text: (await page.getByTestId('desk-verdict').textContent()) ?? '' };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000, 170_000, { env: { DA06_IDENTITY_QR_SECONDS: String(QR_SECONDS) } });
  browser = await launchChromium();
  resident = await registerResident(server, PASSWORD);
});

afterAll(async () => {
  await citizen?.close();
  await staff?.close();
  await browser?.close();
  await server?.stop();
});

describe('identity QR at a hospital counter', () => {
  it('the citizen opens the identity QR from the portal: the hospital preset, a refresh countdown, the level', async () => {
    citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
    qrPage = await citizen.newPage();
    await qrPage.goto(`${server.baseUrl}/citizen`);
    await qrPage.getByTestId('link-identity-qr').click();
    await qrPage.waitForURL('**/citizen/qr');
    await qrPage.locator('[data-testid="identity-qr"] img').waitFor();
    await currentToken();
    const shown = await qrPage.getByTestId('qr-shown-field').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    // The hospital preset is the hospital purpose's own list (PURPOSE_FIELDS): the address and the face included.
    expect(shown).toEqual(['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'photo']);
    expect(await qrPage.getByTestId('level-badge').textContent()).toBe('Tài khoản định danh điện tử mức 1');
    expect(Number(await qrPage.getByTestId('qr-countdown').getAttribute('data-seconds'))).toBeGreaterThan(0);
    expect(await qrPage.getByTestId('qr-countdown').textContent()).toMatch(/Mã tự làm mới sau \d+ giây/);

    // "Only 18+" makes a new code with that single field; a custom choice adds to the hospital's.
    const shownFields = () => qrPage.getByTestId('qr-shown-field').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    await qrPage.getByTestId('qr-preset-age').click();
    await qrPage.waitForFunction(() => document.querySelectorAll('[data-testid="qr-shown-field"]').length === 2);
    // An age check shows the face too: without it the answer says nothing of who stands at the counter.
    expect(await shownFields()).toEqual(['age_over_18', 'photo']);
    await qrPage.getByTestId('qr-preset-hospital').click();
    await qrPage.waitForSelector('[data-testid="qr-shown-field"][data-field="full_name"]');
    await qrPage.getByTestId('qr-preset-custom').click();
    await qrPage.getByTestId('qr-field-address').click();
    // The new code is made without the address (the list is empty while it loads).
    await qrPage.waitForFunction(() => !document.querySelector('[data-testid="qr-shown-field"][data-field="address"]')
      && !!document.querySelector('[data-testid="qr-shown-field"][data-field="full_name"]'));
    expect(await shownFields()).toEqual(['personal_id', 'full_name', 'date_of_birth', 'sex', 'photo']);
    await qrPage.getByTestId('qr-field-address').click();
    await qrPage.waitForFunction(() => document.querySelectorAll('[data-testid="qr-shown-field"]').length === 6);
    expect(await shownFields()).toEqual(['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'photo']);
    await qrPage.locator('[data-testid="identity-qr"] img').waitFor();
    await qrPage.screenshot({ path: `${ARTIFACTS}citizen-identity-qr.png`, fullPage: true });
  });

  it('renews the code at refreshAt, and not while the tab is hidden', async () => {
    const first = await currentToken();
    const second = await nextToken(first, (QR_SECONDS + 5) * 1000);
    expect(Number(await qrPage.getByTestId('qr-countdown').getAttribute('data-seconds'))).toBeGreaterThan(QR_SECONDS - 5);

    await setHidden(qrPage, true);
    await qrPage.waitForTimeout((QR_SECONDS + 2) * 1000);
    expect(await currentToken()).toBe(second);
    expect(await qrPage.getByTestId('qr-card').textContent()).toContain('Tạm dừng làm mới');
    // Back in front: the overdue code is replaced at once.
    await setHidden(qrPage, false);
    await nextToken(second, 3000);
  });

  it('the reception staff signs in, lands on /desk, and a pasted QR shows HỢP LỆ with the name', async () => {
    staff = await phoneContext(browser);
    desk = await staff.newPage();
    const notFound: string[] = [];
    desk.on('response', (r) => {
      if (r.status() === 404 && r.url().includes('/api/')) notFound.push(r.url());
    });
    await signInOfficer(desk, server, 'tiepdon.bv');
    await desk.waitForURL('**/desk');
    await desk.getByTestId('desk-rp').waitFor();
    // A hospital is no lodging facility: its desk never asks for one (no 404 on load).
    expect(notFound).toEqual([]);
    expect(await desk.getByTestId('desk-rp-name').textContent()).toBe(HOSPITAL);
    expect(await desk.getByTestId('desk-user').textContent()).toBe('Nhân viên tiếp đón bệnh viện (mẫu)');
    expect(await desk.getByTestId('desk-purpose').textContent()).toBe('Tiếp đón người bệnh đến khám, chữa bệnh');

    await desk.getByTestId('desk-paste').fill(await currentToken());
    await desk.getByTestId('desk-check').click();
    // From the click (Playwright's own checks before it excluded) to the verdict on screen.
    const started = Date.now();
    const { valid, text } = await verdict(desk);
    const elapsed = Date.now() - started;
    expect(valid).toBe('true');
    expect(text).toContain('HỢP LỆ');
    expect(text).not.toContain('KHÔNG');
    const field = (name: string) => desk.locator(`[data-testid="desk-field"][data-field="${name}"]`).textContent();
    expect(await field('full_name')).toBe(resident.fullName);
    expect(await field('personal_id')).toBe(resident.personalId);
    expect(await field('date_of_birth')).toBe(ddmmyyyy(resident.dateOfBirth));
    // The preset shows what the hospital's purpose allows: the address, and the face from the registry, large beside the name.
    expect(await desk.locator('[data-testid="desk-field"][data-field="address"]').count()).toBe(1);
    expect(await desk.getByTestId('desk-withheld').count()).toBe(0);
    const photo = desk.getByTestId('desk-photo');
    expect(await photo.getAttribute('data-source')).toBe('registry');
    const drawn = await photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight, img.getBoundingClientRect().width] : null);
    expect(drawn?.slice(0, 2)).toEqual([120, 160]);
    expect(drawn![2]).toBeGreaterThanOrEqual(120);
    expect(await desk.getByTestId('desk-field').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).not.toContain('photo');
    expect(await desk.getByTestId('desk-level').textContent()).toBe('Mức 1');
    await desk.screenshot({ path: `${ARTIFACTS}desk-valid.png`, fullPage: true });
    await desk.getByTestId('desk-result').screenshot({ path: `${ARTIFACTS}desk-result-portrait.png` });
    console.log(`desk: click → verdict on screen in ${elapsed} ms`);
    // The aim is well under a second; the bound leaves room for a busy CI machine.
    expect(elapsed).toBeLessThan(2000);
  });

  it('on a phone every control of the desk is a touch target of at least 44 × 44 px', async () => {
    const small = await desk.evaluate(() => [...document.querySelectorAll('button, a[href], input:not([type="hidden"]), textarea, [role="radio"], [role="checkbox"]')]
      // What the user can touch: laid out and visible (Ant Design measures text in a hidden textarea).
      .filter((el) => getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"]'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.height < 44 || box.width < 44))
      .map(({ el, box }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20)}] ${Math.round(box.width)}×${Math.round(box.height)}`));
    expect(small).toEqual([]);
  });

  it('a tampered QR typed by a handheld scanner (Enter) shows KHÔNG HỢP LỆ with the reason', async () => {
    await desk.getByTestId('desk-next').click();
    await desk.getByTestId('desk-paste').fill(tampered(await currentToken()));
    await desk.getByTestId('desk-paste').press('Enter');
    await desk.waitForSelector('[data-testid="desk-result"][data-valid="false"]');
    const { text } = await verdict(desk);
    expect(text).toContain('KHÔNG HỢP LỆ');
    expect(await desk.getByTestId('desk-reasons').textContent()).toContain('Chữ ký của mã QR không hợp lệ');
    expect(await desk.getByTestId('desk-field').count()).toBe(0);
    await desk.waitForFunction(() => document.querySelectorAll('[data-testid="desk-recent-item"]').length === 2);
    const recent = await desk.getByTestId('desk-recent-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-result')));
    expect(recent).toEqual(['invalid', 'valid']);
    await desk.screenshot({ path: `${ARTIFACTS}desk-invalid.png`, fullPage: true });
  });

  it('without a camera, "Quét mã QR" explains what to do instead', async () => {
    await desk.getByTestId('desk-scan').click();
    const problem = desk.getByTestId('desk-camera-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('dán');
    await desk.getByTestId('desk-scan-stop').click();
  });

  it('with a camera, the QR held up to it is read and verified', async () => {
    const video = `${ARTIFACTS}identity-qr.y4m`;
    writeQrVideo(video, await currentToken());
    const withCamera = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const context = await phoneContext(withCamera);
      await context.grantPermissions(['camera'], { origin: server.baseUrl });
      const page = await context.newPage();
      await signInOfficer(page, server, 'tiepdon.bv');
      await page.waitForURL('**/desk');
      await page.getByTestId('desk-rp').waitFor();
      const started = Date.now();
      await page.getByTestId('desk-scan').click();
      const { valid } = await verdict(page).catch(async (err: unknown) => {
        await page.screenshot({ path: `${ARTIFACTS}desk-camera-stuck.png`, fullPage: true });
        throw err;
      });
      console.log(`desk: camera opened → verdict in ${Date.now() - started} ms`);
      expect(valid).toBe('true');
      expect(await page.locator('[data-testid="desk-field"][data-field="full_name"]').textContent()).toBe(resident.fullName);
      await context.close();
    } finally {
      await withCamera.close();
    }
  });

  it("the citizen's usage history lists the hospital, the purpose and what it saw", async () => {
    await qrPage.goto(`${server.baseUrl}/citizen`);
    await qrPage.getByTestId('link-history').click();
    await qrPage.waitForURL('**/citizen/history');
    const item = qrPage.getByTestId('history-item').first();
    await item.waitFor();
    // The tampered code named nobody: only the valid checks are the citizen's.
    expect(await qrPage.getByTestId('history-item').count()).toBe(2);
    expect(await item.getAttribute('data-result')).toBe('valid');
    expect(await item.getByTestId('history-relying-party').textContent()).toBe(HOSPITAL);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Tiếp đón người bệnh đến khám, chữa bệnh');
    expect(text).toContain('Họ, chữ đệm và tên');
    expect(text).toContain('Hợp lệ');
    await qrPage.screenshot({ path: `${ARTIFACTS}citizen-history.png`, fullPage: true });
  });

  it('a card QR matching the registry is valid with the warning that print proves nothing; another name is only "not confirmed"', async () => {
    await desk.getByTestId('desk-next').click();
    await desk.getByTestId('desk-paste').fill(cardQr());
    await desk.getByTestId('desk-check').click();
    await desk.waitForSelector('[data-testid="desk-result"][data-valid="true"]');
    expect(await desk.getByTestId('desk-verdict').textContent()).toContain('Mã QR trên thẻ căn cước');
    expect(await desk.getByTestId('desk-notice').textContent()).toContain('không có chữ ký số');
    expect(await desk.getByTestId('desk-registry').getAttribute('data-status')).toBe('match');
    expect(await desk.locator('[data-testid="desk-field"][data-field="full_name"]').textContent()).toBe(resident.fullName);

    await desk.getByTestId('desk-next').click();
    await desk.getByTestId('desk-paste').fill(cardQr('Trần Thị Khác Tên'));
    await desk.getByTestId('desk-check').click();
    await desk.waitForSelector('[data-testid="desk-result"][data-valid="false"]');
    // The printed QR is unsigned: the desk learns that it does not match, never where (issue 12 §2).
    expect(await desk.getByTestId('desk-registry').getAttribute('data-status')).toBe('unconfirmed');
    expect(await desk.getByTestId('desk-difference').count()).toBe(0);
    expect(await desk.getByTestId('desk-registry').textContent()).toContain('Không xác nhận được');
    expect(await desk.getByTestId('desk-field').count()).toBe(0);
    await desk.screenshot({ path: `${ARTIFACTS}desk-card-mismatch.png`, fullPage: true });
  });

  it('after three unconfirmed card QRs for one person the counter is paused for that person, and the province auditor sees it', async () => {
    // One unconfirmed try above; two more reach the limit of three per counter and ID (card-qr-guard.ts).
    for (const name of ['Trần Thị Khác Hai', 'Trần Thị Khác Ba']) {
      await desk.getByTestId('desk-next').click();
      await desk.getByTestId('desk-paste').fill(cardQr(name));
      await desk.getByTestId('desk-check').click();
      await desk.waitForSelector('[data-testid="desk-result"][data-valid="false"]');
    }
    // Even the true card is no longer compared at this counter: guessing stops here.
    await desk.getByTestId('desk-next').click();
    await desk.getByTestId('desk-paste').fill(cardQr());
    await desk.getByTestId('desk-check').click();
    await desk.waitForSelector('[data-testid="desk-result"][data-valid="false"]');
    expect(await desk.getByTestId('desk-reasons').textContent()).toMatch(/tạm ngừng|tạm dừng/i);
    expect(await desk.getByTestId('desk-field').count()).toBe(0);

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await signInOfficer(page, server, 'kiemtra');
    await page.waitForURL('**/officer/**');
    await page.getByTestId('nav-verification-alerts').click();
    const table = page.getByTestId('verification-alerts');
    await table.getByText(HOSPITAL).first().waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const text = (await table.textContent()) ?? '';
    // The auditor sees whose number was tried, masked as everywhere in lists.
    expect(text).toContain(`${resident.personalId.slice(0, 3)}******${resident.personalId.slice(-3)}`);
    expect(text).not.toContain(resident.personalId);
    await page.screenshot({ path: `${ARTIFACTS}auditor-verification-alerts.png`, fullPage: true });
    await context.close();
  });

  it('the counter is for counter staff only; counter staff sent to officer pages come back to it', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInOfficer(page, server, 'canbo.tinh');
    await page.waitForURL('**/officer/people');
    await page.goto(`${server.baseUrl}/desk`);
    await page.getByTestId('desk-forbidden').waitFor();
    await context.close();

    await desk.goto(`${server.baseUrl}/officer/people`);
    await desk.waitForURL('**/desk');
    await desk.getByTestId('desk-rp').waitFor();
  });
});

describe("the counter's recent verifications (issue 14)", () => {
  it('name the person as the purpose allows, page on the server, and are found by a name typed without diacritics', async () => {
    await desk.goto(`${server.baseUrl}/desk`);
    const recent = desk.getByTestId('desk-recent');
    await recent.getByTestId('desk-recent-item').first().waitFor();
    // The hospital's purpose shows the name: the resident is named in the list, the ID masked.
    const whoTexts = await recent.getByTestId('desk-recent-who').allTextContents();
    expect(whoTexts.some((w) => w.includes(resident.fullName))).toBe(true);
    expect(whoTexts.join(' ')).not.toContain(resident.personalId);
    expect(await desk.getByLabel('Tìm theo họ tên hoặc số định danh').count()).toBe(1);

    const plain = resident.fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
    const search = recent.locator('input#desk-recent-q');
    await search.fill(plain);
    await search.press('Enter');
    await desk.waitForFunction(
      (name) => {
        const items = [...document.querySelectorAll('[data-testid="desk-recent-who"]')];
        return items.length > 0 && items.every((e) => e.textContent?.includes(name));
      },
      resident.fullName,
    );
    await recent.scrollIntoViewIfNeeded();
    await desk.screenshot({ path: `${ARTIFACTS}desk-recent-search.png`, fullPage: true });

    await search.fill('khong co ai ten nay');
    await search.press('Enter');
    await recent.getByText('Không có lần xác thực nào phù hợp.').waitFor();
  });
});
