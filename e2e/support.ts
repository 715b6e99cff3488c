import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningServer } from './server.js';

/**
 * Debian's Chromium, headless, with the flags this closed network needs (never a downloaded browser).
 * `extraArgs`: more switches, e.g. a fake camera playing a file.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** A phone-sized browser context in Vietnamese and Vietnam time. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** Signs a demo officer (or counter staff) in through the /login page. */
export async function signInOfficer(page: Page, server: RunningServer, username: string): Promise<void> {
  const account = server.accounts.get(username);
  expect(account, `demo account ${username} printed on stdout`).toBeDefined();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(account!.password);
  await page.getByTestId('login-submit').click();
}

/** The `name=value` pairs of every cookie an answer sets, ready for a `cookie` header. */
/** A desktop browser as the officers' pages are laid out for, in Vietnamese and Vietnam's time. */
export const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

/** A demo officer account (printed by `serve --demo`) signed in on a desktop browser of its own. */
export async function officerDesktopPage(browser: Browser, server: RunningServer, username: string): Promise<Page> {
  const page = await (await browser.newContext(DESKTOP)).newPage();
  await signInOfficer(page, server, username);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

export function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Signs an officer in from node and returns the session cookie, to look the demo data up through the API. */
export async function officerCookie(server: RunningServer, username: string, password = server.accounts.get(username)?.password): Promise<string> {
  expect(password, `demo account ${username}`).toBeDefined();
  const res = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return cookiesOf(res);
}

export async function apiGet<T>(server: RunningServer, cookie: string, path: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

export interface RegisteredResident {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  /** Value of the `da06_citizen` session cookie the registration set. */
  sessionToken: string;
}

async function latestCode(server: RunningServer): Promise<string> {
  const r = (await (await fetch(`${server.baseUrl}/api/v1/dev/outbox?limit=1`)).json()) as { items: { body: string }[] };
  return /\b(\d{6})\b/.exec(r.items[0].body)![1];
}

/**
 * A living adult of the demo province with a phone and no account yet, registered through the API
 * (the code read from the development outbox); the answer carries the citizen's session. `searchAs`: the
 * officer whose area the resident is looked up in (a commune officer's: a resident of that commune).
 */
export async function registerResident(server: RunningServer, password: string, searchAs = 'canbo.tinh'): Promise<RegisteredResident> {
  const cookie = await officerCookie(server, searchAs);
  const list = await apiGet<{ items: { ref: string; deceased: boolean; dateOfBirth: string }[] }>(server, cookie, '/api/v1/people?q=nguyen&limit=50');
  const adultBefore = `${new Date().getFullYear() - 20}-01-01`;
  const post = (path: string, body: unknown) =>
    fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const item of list.items) {
    if (item.deceased || item.dateOfBirth > adultBefore) continue;
    const p = await apiGet<{ personalId: string; fullName: string; dateOfBirth: string; sex: string; phone?: string }>(server, cookie, `/api/v1/people/${item.ref}`);
    if (!p.phone || !/^0\d{9}$/.test(p.phone)) continue;
    const started = await post('/api/v1/citizen/registrations', { personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, phone: p.phone });
    if (started.status !== 202) continue;
    const { registrationId } = (await started.json()) as { registrationId: string };
    const confirmed = await post(`/api/v1/citizen/registrations/${registrationId}/confirm`, { code: await latestCode(server), password });
    expect(confirmed.status).toBe(201);
    const token = confirmed.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('da06_citizen='))!.slice('da06_citizen='.length);
    return { personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex, sessionToken: token };
  }
  throw new Error('no living adult with a phone in the demo data');
}

/** A phone-sized context already signed in as the citizen (their session cookie set for `url`). */
export async function citizenContext(browser: Browser, url: string, sessionToken: string): Promise<BrowserContext> {
  const context = await phoneContext(browser);
  await context.addCookies([{ name: 'da06_citizen', value: sessionToken, url, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}
