import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchChromium, signInOfficer } from './support.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPageImages, pdftoppmMissing } from '../src/modules/operations/testing.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PLAN = 'dong-thap-332-2023';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SIGNER = { authority: 'TM. TỔ CÔNG TÁC ĐỀ ÁN 06', title: 'TỔ TRƯỞNG', name: 'Phạm Thị Thu Hà' };
const REPORT = {
  note: 'Đã nghiệm thu, đưa vào vận hành chính thức (kiểm thử e2e).',
  evidence: 'Biên bản nghiệm thu số 12/BB-e2e',
  indicatorLabel: 'Số điểm đã lắp đặt thiết bị (e2e)',
  indicatorValue: '10/10',
};

interface Population {
  total: number;
  pyramid: { band: string; male: number; female: number }[];
  communes: { code: string; name: string; people: number }[];
}
interface Readiness {
  adults: number;
  level1: number;
  level2: number;
  level1Share: number;
  level2Share: number;
  verifications: { type: string; verifications: number; valid: number }[];
  signIns: { clientId: string; signIns: number }[];
}
interface PlanModel {
  number: string;
  status: string;
}

let server: RunningServer;
let browser: Browser;
let leader: BrowserContext;
let group: BrowserContext;

/** A desktop browser in Vietnamese and Vietnam time. */
function desktop(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** GET through the page, with the signed-in officer's cookie: what the API says the screen should show. */
function apiInPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return res.json();
  }, path) as Promise<T>;
}

/** The whole page from its top (scrolled, the sticky header would land in the middle of the picture). */
async function fullPageShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}${name}`, fullPage: true });
}

const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).getAttribute('data-value');

/** A number grouped the English way ("1,136"): a Vietnamese reader takes it for one point one three six. */
const ENGLISH_GROUPING = /\d,\d{3}(?!\d)/;

/** "12,5%" as src/platform/format.ts writes it (one decimal at most). */
const percent = (n: number) => `${String(Math.round(n * 10) / 10).replace('.', ',')}%`;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(1000);
  browser = await launchChromium();
});

afterAll(async () => {
  await leader?.close();
  await group?.close();
  await browser?.close();
  await server?.stop();
});

describe('operations centre: dashboards for the leader, the plan tracker for the working group', () => {
  it('the leader lands on /ioc: population totals, pyramid and commune grid; a tile and an old district filter it', async () => {
    leader = await desktop();
    const page = await leader.newPage();
    await signInOfficer(page, server, 'lanhdao');
    await page.waitForURL('**/ioc');
    await page.getByTestId('ioc-population-page').waitFor();

    const whole = await apiInPage<Population>(page, '/api/v1/ioc/population');
    expect(whole.total).toBeGreaterThan(0);
    await expect.poll(() => kpi(page, 'total')).toBe(String(whole.total));

    // The pyramid: one row per band, oldest at the top, the API's counts.
    const rows = page.locator('[data-testid="age-pyramid"] .pyramid-row');
    await expect.poll(() => rows.count()).toBe(whole.pyramid.length);
    expect(await rows.first().getAttribute('data-band')).toBe('80+');
    expect(await rows.last().getAttribute('data-band')).toBe('0-4');
    const shown = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-male')) + Number(e.getAttribute('data-female'))));
    expect(shown.reduce((a, b) => a + b, 0)).toBe(whole.pyramid.reduce((s, b) => s + b.male + b.female, 0));

    // The commune grid: one tile per commune of the province (with residents or not), the API's counts on
    // them; the most populous one filters the dashboard to itself.
    const area = server.accounts.get('lanhdao')!.areaCode;
    const units = await apiInPage<{ code: string }[]>(page, `/api/v1/units?scheme=2025&level=commune&provinceCode=${area}`);
    const tiles = page.getByTestId('commune-tile');
    await expect.poll(() => tiles.count()).toBe(units.length);
    const people = await tiles.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-people'))));
    expect(people.reduce((a, b) => a + b, 0)).toBe(whole.total);
    await expect.poll(() => page.getByTestId('commune-legend').locator('.commune-legend-item').count()).toBe(5);
    const biggest = [...whole.communes].sort((a, b) => b.people - a.people)[0];
    await page.locator(`[data-testid="commune-tile"][data-code="${biggest.code}"]`).click();
    await page.waitForURL(new RegExp(`unit=${biggest.code}`));
    const commune = await apiInPage<Population>(page, `/api/v1/ioc/population?scheme=2025&unit=${biggest.code}`);
    expect(commune.total).toBe(biggest.people);
    expect(commune.total).not.toBe(whole.total);
    await expect.poll(() => kpi(page, 'total')).toBe(String(commune.total));

    // Before 2025: the whole area again, then an old district (with people) of an old province merged into it.
    await page.getByTestId('ioc-scheme-pre2025').click();
    await page.waitForURL(/scheme=pre2025/);
    await expect.poll(() => kpi(page, 'total')).toBe(String(whole.total));
    const merged = await apiInPage<{ predecessors: { code: string; level: string }[] }>(page, `/api/v1/units/2025/${area}`);
    const oldProvince = merged.predecessors.find((p) => p.level === 'province')!;
    const districts = await apiInPage<{ code: string; fullName: string }[]>(page, `/api/v1/units?scheme=pre2025&level=district&provinceCode=${oldProvince.code}`);
    let district: { code: string; fullName: string; total: number } | undefined;
    for (const d of districts) {
      const p = await apiInPage<Population>(page, `/api/v1/ioc/population?scheme=pre2025&unit=${d.code}`);
      if (p.total > 0 && p.total !== whole.total) {
        district = { ...d, total: p.total };
        break;
      }
    }
    expect(district, 'an old district with people').toBeDefined();
    await page.getByTestId('ioc-old-unit').click();
    await page.keyboard.type(district!.fullName);
    await page.locator(`.ant-select-item-option[title="${district!.fullName}"]`).click();
    await page.waitForURL(new RegExp(`unit=${district!.code}`));
    await expect.poll(() => kpi(page, 'total')).toBe(String(district!.total));
    // Its old communes are offered next.
    await expect.poll(() => page.getByTestId('ioc-old-commune').getAttribute('class')).not.toContain('disabled');
    await page.getByTestId('age-pyramid').waitFor();
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await fullPageShot(page, 'ioc-population.png');
  });

  it('the readiness dashboard shows the demo province\'s e-ID coverage, verifications and sign-ins, in Vietnamese figures', async () => {
    const page = leader.pages()[0];
    await page.goto(`${server.baseUrl}/ioc/readiness`);
    await page.getByTestId('ioc-readiness-page').waitFor();
    const r = await apiInPage<Readiness>(page, '/api/v1/ioc/readiness');
    // The demo seeds accounts at both levels, verifications at counters and single sign-on traffic.
    expect(r.level1).toBeGreaterThan(0);
    expect(r.level2).toBeGreaterThan(r.level1);
    expect(r.level1Share).toBeGreaterThan(0);
    expect(r.level2Share).toBeGreaterThan(0);
    const verified = r.verifications.reduce((s, v) => s + v.verifications, 0);
    expect(verified).toBeGreaterThan(0);
    expect(r.signIns.reduce((s, c) => s + c.signIns, 0)).toBeGreaterThan(0);

    await expect.poll(() => kpi(page, 'level2')).toBe(String(r.level2));
    expect(await kpi(page, 'verifications')).toBe(String(verified));
    expect(Number(await page.getByTestId('ioc-level1-share').getAttribute('data-value'))).toBe(r.level1Share);
    expect(await page.getByTestId('ioc-level1-share').textContent()).toContain(percent(r.level1Share));
    expect(await page.getByTestId('ioc-level2-share').textContent()).toContain(percent(r.level2Share));
    // Valid verifications are drawn green, the invalid ones red, never the other way round.
    const valid = page.locator('[data-testid="ioc-verifications"] .bars-bar.bar-tone-valid').first();
    expect(await valid.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(46, 125, 50)');
    await expect.poll(() => page.locator('[data-testid="ioc-sign-ins"] .bars-row').count()).toBe(r.signIns.length);
    expect(await page.locator('.officer-content').innerText()).not.toMatch(ENGLISH_GROUPING);
    await fullPageShot(page, 'ioc-readiness.png');
  });

  it('no dashboard writes a number the English way (1,136), and the month bars carry their values', async () => {
    const page = leader.pages()[0];
    for (const path of ['/ioc', '/ioc/labour', '/ioc/tourism', '/ioc/public-order', '/ioc/readiness']) {
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/ioc/') && r.request().method() === 'GET');
      await page.goto(`${server.baseUrl}${path}`);
      expect((await answered).status(), path).toBe(200);
      await page.locator('[data-testid^="ioc-"][data-testid$="-page"]').waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${ARTIFACTS}ioc-figures${path.replaceAll('/', '-')}.png`, fullPage: true });
      const text = await page.locator('.officer-content').innerText();
      expect(text, path).not.toMatch(ENGLISH_GROUPING);
      // Every headline tile reads its value with dot groups.
      for (const tile of await page.locator('[data-testid^="kpi-"]').all()) {
        const value = Number(await tile.getAttribute('data-value'));
        if (Number.isInteger(value) && value >= 1000) expect(await tile.innerText(), path).toContain(String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
      }
    }
    await page.goto(`${server.baseUrl}/ioc`);
    const months = page.locator('[data-testid="ioc-events"] .month-group');
    await months.first().waitFor();
    const values = await months.first().getAttribute('data-values');
    expect(await months.first().getByTestId('month-value').allInnerTexts()).toEqual(values!.split(',').map((v) => v.replace(/\B(?=(\d{3})+(?!\d))/g, '.')));
  });

  it('the plan tracker lists the Đồng Tháp plan; its overdue models stand out, and the leader may not report', async () => {
    const page = leader.pages()[0];
    await page.getByTestId('ioc-menu-plans').click();
    await page.waitForURL('**/ioc/plans');
    const row = page.locator(`[data-testid="plan-row"][data-id="${PLAN}"]`);
    await row.waitFor();
    await row.getByTestId('plan-link').click();
    await page.waitForURL(`**/ioc/plans/${PLAN}`);
    const plan = await apiInPage<{ models: PlanModel[] }>(page, `/api/v1/plans/${PLAN}`);
    const overdue = plan.models.filter((m) => m.status === 'overdue').length;
    expect(overdue).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('plan-model').count()).toBe(plan.models.length);
    expect(await page.getByTestId('plan-overdue-banner').getAttribute('data-count')).toBe(String(overdue));
    expect(await page.locator('tr.plan-model-overdue[data-status="overdue"]').count()).toBe(overdue);
    expect(await page.locator('tr.plan-model-overdue:not([data-status="overdue"])').count()).toBe(0);
    expect(await page.getByTestId('report-docx').count()).toBe(0);

    await page.locator('[data-testid="plan-model"][data-status="overdue"]').first().click();
    await page.locator('.model-drawer').waitFor();
    expect(await page.getByTestId('model-report-form').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.model-drawer').waitFor({ state: 'detached' });
    await fullPageShot(page, 'ioc-plans.png');
  });

  it('the working group reports a model done with a figure typed in, sees it in the table and downloads the Word report', async () => {
    group = await desktop();
    const page = await group.newPage();
    await signInOfficer(page, server, 'tocongtac');
    await page.waitForURL('**/ioc');
    await page.getByTestId('ioc-menu-plans').click();
    await page.locator(`[data-testid="plan-row"][data-id="${PLAN}"]`).getByTestId('plan-link').click();
    await page.waitForURL(`**/ioc/plans/${PLAN}`);

    const model = page.locator('[data-testid="plan-model"][data-status="overdue"]').first();
    await model.waitFor();
    const number = (await model.getAttribute('data-number'))!;
    await model.click();
    const form = page.getByTestId('model-report-form');
    await form.waitFor();
    await page.getByTestId('report-status-done').click();
    await page.getByTestId('report-note').fill(REPORT.note);
    await page.getByTestId('report-evidence').fill(REPORT.evidence);
    await page.getByTestId('report-indicator-label').fill(REPORT.indicatorLabel);
    await page.getByTestId('report-indicator-value').fill(REPORT.indicatorValue);
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/plans/${PLAN}/models/${number}/reports`)),
      page.getByTestId('report-submit').click(),
    ]);
    expect(posted.status()).toBe(204);
    await page.getByTestId('model-history-item').filter({ hasText: REPORT.note }).waitFor();

    // The table: the model is done now, with the figure tagged "nhập tay".
    const row = page.locator(`[data-testid="plan-model"][data-number="${number}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('done');
    expect(await row.getAttribute('class')).not.toContain('plan-model-overdue');
    const figure = row.locator('[data-testid="model-indicator"][data-kind="manual"]');
    expect(await figure.textContent()).toContain(`${REPORT.indicatorLabel}: ${REPORT.indicatorValue}`);
    expect(await figure.textContent()).toContain('nhập tay');
    expect(await row.getByTestId('model-latest').textContent()).toContain(REPORT.note);
    await page.screenshot({ path: `${ARTIFACTS}ioc-plan-report.png` });

    await page.keyboard.press('Escape');
    await page.locator('.model-drawer').waitFor({ state: 'detached' });
    const [report, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/plans/${PLAN}/monthly-report`)),
      page.waitForEvent('download'),
      page.getByTestId('report-docx').click(),
    ]);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toContain(DOCX);
    // The bytes the browser saved (a fetched body handed over as a blob is not kept for the response).
    const saved = readFileSync(await download.path());
    expect(saved.length).toBeGreaterThan(5000);
    expect(Number(report.headers()['content-length'] ?? saved.length)).toBe(saved.length);
    expect(saved.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    // The same report as PDF.
    const [pdf, pdfDownload] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/plans/${PLAN}/monthly-report`) && r.url().includes('format=pdf')),
      page.waitForEvent('download'),
      page.getByTestId('report-pdf').click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(readFileSync(await pdfDownload.path()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the working group names who signs the report, and the PDF is signed by them on the page of its last lines', async () => {
    const page = await group.newPage();
    await page.goto(`${server.baseUrl}/ioc/plans/${PLAN}`);
    await page.getByTestId('report-signer').click();
    const modal = page.getByTestId('report-signer-modal');
    await page.getByTestId('report-signer-unset').waitFor();
    expect(await page.getByTestId('report-signer-authority').inputValue()).toBe(SIGNER.authority);
    // A blank name is refused on the form, before any request.
    await modal.getByRole('button', { name: 'Lưu người ký' }).click();
    await modal.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('report-signer-title').fill(SIGNER.title);
    await page.getByTestId('report-signer-name').fill(SIGNER.name);
    await page.screenshot({ path: `${ARTIFACTS}ioc-report-signer.png` });
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/plans/${PLAN}/report-settings`)),
      modal.getByRole('button', { name: 'Lưu người ký' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await modal.waitFor({ state: 'hidden' });

    // Reopened, the dialog shows the saved signer and who set it.
    await page.getByTestId('report-signer').click();
    await page.getByTestId('report-signer-updated').waitFor();
    expect(await page.getByTestId('report-signer-name').inputValue()).toBe(SIGNER.name);
    await page.keyboard.press('Escape');

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    const pdf = readFileSync(await pdfDownload.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The signer's name and the last section's text are on the last page.
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const lastPage = await doc.getPage(doc.numPages);
    const lastText = (await lastPage.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, '');
    await doc.destroy();
    expect(lastText).toContain(SIGNER.name.replace(/\s+/g, ''));
    expect(lastText).toContain('Nơinhận');
    const missing = pdftoppmMissing();
    if (missing) {
      console.warn(`report page images not saved: ${missing}`);
      return;
    }
    const pages = pdfPageImages(pdf, 110);
    expect(pages.length).toBeGreaterThan(1);
    writeFileSync(`${ARTIFACTS}report-first.png`, pages[0].png);
    writeFileSync(`${ARTIFACTS}report-last.png`, pages[pages.length - 1].png);
  });
});
