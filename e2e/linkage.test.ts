import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { apiGet, citizenContext, launchChromium, officerCookie, officerDesktopPage, registerResident, type RegisteredResident } from './support.js';

// Record linkage (issue 18): the sector officer uploads a list, sees the run's progress finish, moves the thresholds and
// sees the counts change, saves them; the commune's registry officer accepts one row and rejects another; the citizen
// the last row names confirms it in the portal ("Đây là tôi"), and sees it in their history.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-doi-sanh-2026';
const SOURCE = 'BHYT hộ gia đình 2026';

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let list: string;

interface Person { personalId: string; fullName: string; dateOfBirth: string; sex: string }

const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const previewCounts = (page: Page) => page.getByTestId('linkage-preview').evaluate((e) => [e.getAttribute('data-matched'), e.getAttribute('data-review'), e.getAttribute('data-unmatched')].join('/'));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000);
  browser = await launchChromium();
  // A resident of canbo.xa's commune, so that their row reaches that officer's queue.
  resident = await registerResident(server, PASSWORD, 'canbo.xa');
  citizen = await citizenContext(browser, server.baseUrl, resident.sessionToken);
  const cookie = await officerCookie(server, 'canbo.xa');
  const people: Person[] = [];
  const seen = new Set<string>([resident.personalId]);
  for (const q of ['nguyen', 'tran', 'le', 'pham', 'hoang', 'vo']) {
    const found = await apiGet<{ items: { ref: string; deceased: boolean }[] }>(server, cookie, `/api/v1/people?q=${q}&limit=30`);
    for (const item of found.items.filter((i) => !i.deceased)) {
      if (people.length === 5) break;
      const p = await apiGet<Person>(server, cookie, `/api/v1/people/${item.ref}`);
      if (!seen.has(p.personalId)) people.push(p);
      seen.add(p.personalId);
    }
  }
  expect(people.length).toBe(5);
  const [a, b, c, d, e] = people;
  const year = (p: Person) => p.dateOfBirth.slice(0, 4);
  const ddmmyyyy = (p: Person) => p.dateOfBirth.split('-').reverse().join('/');
  list = [
    'personal_id,full_name,date_of_birth,sex,so_the',
    `${a.personalId},${a.fullName},${a.dateOfBirth},${a.sex},T01`, // the ID agrees → matched
    `${b.personalId},Hồ Văn Khác Bê,${year(b)},${b.sex},T02`, // an ID whose name disagrees → review (accepted below)
    `${c.personalId},Lâm Thị Khác Xê,${year(c)},${c.sex},T03`, // → review (rejected below)
    `${resident.personalId},Tô Văn Khác Dân,${year({ ...resident })},${resident.sex},T04`, // → review, the citizen confirms
    `,${d.fullName},${ddmmyyyy(d)},${d.sex},T05`, // no ID: the comparison, a high probability
    `,${e.fullName.split(' ').slice(-1)[0]},${year(e)},,T06`, // the given name and year only: a low probability
    `,${d.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')},${year(d)},,T07`, // no diacritics, year only
  ].join('\n') + '\n';
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a sector list linked, reviewed and confirmed in the browser', () => {
  let runPath: string;

  it('the sector officer uploads the list, sees the progress finish, moves the thresholds and saves them', async () => {
    const page = await officerDesktopPage(browser, server, 'bhxh.tinh');
    await page.getByTestId('nav-linkage').click();
    await page.getByTestId('linkage-runs-page').waitFor();
    await page.getByTestId('linkage-source').fill(SOURCE);
    await page.getByTestId('linkage-file').setInputFiles({ name: 'bhyt.csv', mimeType: 'text/csv', buffer: Buffer.from(list, 'utf8') });
    await page.getByTestId('linkage-submit').click();
    await page.locator('[data-testid="linkage-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('linkage-progress-text').textContent()).toContain('Đã đối sánh xong 7 dòng');
    await page.screenshot({ path: `${ARTIFACTS}linkage-upload-done.png`, fullPage: true });

    await page.getByTestId('linkage-open-run').click();
    await page.getByTestId('linkage-run-page').waitFor();
    runPath = new URL(page.url()).pathname;
    await page.getByTestId('linkage-preview').waitFor();
    const before = await previewCounts(page);
    // The strictest thresholds: the comparisons below certainty leave "matched".
    await inputOf(page, 'linkage-match-threshold').fill('1');
    await inputOf(page, 'linkage-match-threshold').press('Tab');
    await inputOf(page, 'linkage-review-threshold').fill('0.99');
    await inputOf(page, 'linkage-review-threshold').press('Tab');
    await page.waitForFunction((b) => {
      const e = document.querySelector('[data-testid="linkage-preview"]');
      return e && [e.getAttribute('data-matched'), e.getAttribute('data-review'), e.getAttribute('data-unmatched')].join('/') !== b;
    }, before);
    const after = await previewCounts(page);
    expect(after).not.toBe(before);
    expect(after.split('/').map(Number).reduce((x, y) => x + y, 0)).toBe(7);
    await page.screenshot({ path: `${ARTIFACTS}linkage-thresholds.png`, fullPage: true });
    await page.getByTestId('linkage-save-thresholds').click();
    await page.getByText('Đã lưu ngưỡng').waitFor();
    expect(await page.getByTestId('linkage-quality-link').getAttribute('href')).toBe(`${runPath}/quality`);
    expect(await page.getByTestId('linkage-csv').getAttribute('href')).toMatch(/results\.csv$/);
    await page.context().close();
  });

  it('the registry officer of the commune accepts one row and rejects another, with reasons', async () => {
    const page = await officerDesktopPage(browser, server, 'canbo.xa');
    await page.getByTestId('nav-linkage-review').click();
    await page.getByTestId('linkage-review-page').waitFor();
    const rowOf = (name: string) => page.locator('[data-testid="linkage-queue-row"]', { hasText: name });
    await rowOf('Hồ Văn Khác Bê').click();
    await page.getByTestId('linkage-review-candidate').waitFor();
    expect(await page.getByTestId('linkage-review-listed').textContent()).toContain('Hồ Văn Khác Bê');
    await page.screenshot({ path: `${ARTIFACTS}linkage-review-item.png`, fullPage: true });
    await page.getByTestId('linkage-reason').fill('Đã đối chiếu với hồ sơ hộ khẩu: tên trong danh sách ghi nhầm');
    await page.getByTestId('linkage-decide').click();
    await rowOf('Hồ Văn Khác Bê').waitFor({ state: 'detached' });

    await rowOf('Lâm Thị Khác Xê').click();
    await page.getByTestId('linkage-review-candidate').waitFor();
    await page.getByTestId('linkage-decision-reject').click();
    await page.getByTestId('linkage-reason').fill('Không phải người này: khác họ tên và giới tính');
    await page.getByTestId('linkage-decide').click();
    await rowOf('Lâm Thị Khác Xê').waitFor({ state: 'detached' });
    await rowOf('Tô Văn Khác Dân').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}linkage-review-queue.png`, fullPage: true });
    await page.context().close();
  });

  it('the run shows the decided rows and a suggestion learned from them', async () => {
    const page = await officerDesktopPage(browser, server, 'bhxh.tinh');
    await page.goto(`${server.baseUrl}${runPath}`);
    await page.getByTestId('linkage-apply-suggestion').waitFor();
    expect(await page.getByTestId('linkage-suggestion').textContent()).toContain('Gợi ý từ 1 dòng được chấp nhận và 1 dòng bị bác bỏ');
    expect(await page.getByTestId('linkage-results').textContent()).toContain('reviewed');
    await page.screenshot({ path: `${ARTIFACTS}linkage-run-after-review.png`, fullPage: true });
    await page.context().close();
  });

  it('the citizen confirms "Đây là tôi" in the portal and sees it in their history', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('link-linkage').click();
    await page.getByTestId('linkage-rows-page').waitFor();
    const row = page.getByTestId('linkage-row');
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(SOURCE);
    expect(text).toContain('Tô Văn Khác Dân');
    await page.screenshot({ path: `${ARTIFACTS}linkage-citizen-pending.png`, fullPage: true });
    await row.getByTestId('linkage-its-me').click();
    await page.getByTestId('linkage-notice').waitFor();
    await page.getByTestId('linkage-rows-none').waitFor();
    await page.goto(`${server.baseUrl}/citizen/history`);
    await page.getByTestId('history-page').waitFor();
    await page.getByTestId('history-item').first().waitFor();
    expect((await page.getByTestId('history-item').allTextContents()).some((x) => x.includes(SOURCE) && x.includes('Đây là tôi'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}linkage-citizen-history.png`, fullPage: true });
    await page.close();
  });
});
