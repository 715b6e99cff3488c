import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from './server.js';
import { apiGet, citizenContext, officerCookie, registerResident, type RegisteredResident } from './support.js';
import { buildTestCard } from '../src/modules/credentials/testing.js';

/** Helpers of the public-services browser tests (services.test.ts, services-groups.test.ts). */

/** A tiny valid PDF (the server checks the content, not the name). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** An officer's API call with the session's CSRF token. */
export async function officerPost(server: RunningServer, cookie: string, path: string, body: unknown): Promise<Response> {
  const s = (await (await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify(body) });
}

/** The demo resident's e-ID raised to level 2 by a registry officer who read the card's chip (the server trusts the test CSCA). */
export async function raiseToLevel2(server: RunningServer, r: RegisteredResident): Promise<void> {
  const cookie = await officerCookie(server, 'canbo.tinh');
  const person = await apiGet<{ sex: string; formerIdentifiers: { kind: string; value: string }[] }>(server, cookie, `/api/v1/people/${r.personalId}`);
  const card = await buildTestCard({
    personalId: r.personalId, fullName: r.fullName, dateOfBirth: r.dateOfBirth, sex: person.sex === 'Nữ' ? 'F' : 'M',
    legacyId: person.formerIdentifiers.find((f) => f.kind === 'cmnd')?.value, issuedOn: '2021-06-01', expiresOn: '2046-01-01', nationality: 'Việt Nam',
  });
  const res = await officerPost(server, cookie, `/api/v1/citizen-accounts/${r.personalId}/level`, { level: 2, checkedDocument: 'cccd', chip: { sod: card.sod, dg1: card.dg1, dg13: card.dg13 } });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** One change at the desk through its dialog; waits for the dossier to reach `state`. */
export async function act(page: Page, action: string, state: string, fill: Record<string, string> = {}): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-comment').waitFor();
  for (const [testId, value] of Object.entries(fill)) await page.getByTestId(testId).fill(value);
  await page.getByTestId('action-ok').click();
  await page.locator(`[data-testid="dossier-state"][data-state="${state}"]`).first().waitFor();
  await page.getByTestId('action-comment').waitFor({ state: 'detached' });
}

/** Picks an option of a form's select by its shown text. */
export async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(`field-${field}-input`).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/**
 * A demo resident registered for an e-ID, raised to level 2 (may submit dossiers), and a phone browser signed in as
 * them; `searchAs`: the officer whose area the resident is picked from.
 */
export async function levelTwoCitizen(server: RunningServer, browser: Browser, password: string, searchAs?: string): Promise<{ resident: RegisteredResident; citizen: BrowserContext }> {
  const resident = await registerResident(server, password, searchAs);
  await raiseToLevel2(server, resident);
  return { resident, citizen: await citizenContext(browser, server.baseUrl, resident.sessionToken) };
}
