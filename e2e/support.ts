import { expect } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { RunningServer } from './server.js';

/** Debian's Chromium, headless, with the flags this closed network needs (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The `name=value` pairs of every cookie an answer sets, ready for a `cookie` header. */
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
