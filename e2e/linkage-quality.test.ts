import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { apiGet, launchChromium, officerCookie, officerDesktopPage } from './support.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

interface Listed { fullName: string; dateOfBirth: string; sex: string; communeCode: string; deceased: boolean }

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 200_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the quality page of a linked list', () => {
  it('shows completeness, outcomes per commune and the duplicates, and offers the CSV', async () => {
    const cookie = await officerCookie(server, 'canbo.tinh');
    const people = (await apiGet<{ items: Listed[] }>(server, cookie, '/api/v1/people?q=Nguy%E1%BB%85n&limit=40')).items.filter((p) => !p.deceased);
    expect(people.length).toBeGreaterThan(5);
    const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    const rows = people.map((p, i) => [p.fullName, i % 3 === 0 ? d4(p.dateOfBirth) : dmy(p.dateOfBirth), i % 4 === 0 ? '' : p.sex, i % 2 === 0 ? p.communeCode : '', `HS${i}`].join(','));
    const list = ['full_name,date_of_birth,sex,commune_code,ma_hs', ...rows, rows[1], ',,,,HS-trong'].join('\n') + '\n';
    const csrf = (await apiGet<{ csrfToken?: string }>(server, cookie, '/api/v1/session')).csrfToken;
    const up = await fetch(`${server.baseUrl}/api/v1/linkage/runs?source=H%E1%BB%8Dc%20sinh`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv', ...(csrf && { 'x-csrf-token': csrf }) }, body: list });
    expect(up.status, await up.clone().text()).toBe(202);
    const { id } = (await up.json()) as { id: number };
    for (let i = 0; i < 100 && (await apiGet<{ state: string }>(server, cookie, `/api/v1/linkage/runs/${id}`)).state === 'running'; i++) await new Promise((r) => setTimeout(r, 200));

    const page = await officerDesktopPage(browser, server, 'canbo.tinh');
    await page.goto(`${server.baseUrl}/linkage/runs/${id}/quality`);
    await page.getByTestId('linkage-quality-page').waitFor();
    await expect.poll(() => page.getByTestId('kpi-rows').getAttribute('data-value')).toBe(String(people.length + 2));
    expect(await page.getByTestId('kpi-duplicates').getAttribute('data-value')).toBe('2');
    expect(await page.getByTestId('linkage-quality-completeness').locator('.bars-row').count()).toBe(8);
    expect(await page.getByTestId('linkage-quality-outcome').locator('.bars-row').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('linkage-quality-csv').getAttribute('href')).toBe(`/api/v1/linkage/runs/${id}/quality.csv`);
    expect(await page.getByTestId('linkage-quality-xlsx').getAttribute('href')).toBe(`/api/v1/linkage/runs/${id}/quality.xlsx`);
    await page.screenshot({ path: `${ARTIFACTS}linkage-quality.png`, fullPage: true });
  }, 120_000);
});

const d4 = (d: string) => d.slice(0, 4);
