import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import * as oidc from 'openid-client';
import { startServer, type RunningServer } from './server.js';
import { apiGet, citizenContext, launchChromium, officerCookie, registerResident } from './support.js';
import { buildTestCard, testCscaPem } from '../src/modules/credentials/testing.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-rat-dai-2025';
const NEW_PASSWORD = 'Mat-khau-moi-sau-khi-quen-2026';
const THIRD_PASSWORD = 'Mat-khau-thu-ba-doi-tu-cong-2026';
const PHONE_VIEWPORT = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;

interface Resident {
  ref: string;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  phone: string;
}

/** A living adult of the demo province with a declared phone number and no e-ID account yet. */
async function findResident(cookie: string): Promise<Resident> {
  const list = await apiGet<{ items: { ref: string; deceased: boolean; dateOfBirth: string }[] }>(server, cookie, '/api/v1/people?q=nguyen&limit=50');
  const adultBefore = `${new Date().getFullYear() - 20}-01-01`;
  for (const item of list.items) {
    if (item.deceased || item.dateOfBirth > adultBefore) continue;
    const p = await apiGet<Resident & { deceased: boolean }>(server, cookie, `/api/v1/people/${item.ref}`);
    if (p.phone && /^0\d{9}$/.test(p.phone)) return { ref: item.ref, personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, phone: p.phone };
  }
  throw new Error('no living adult with a phone in the demo data');
}

const masked = (phone: string) => phone.slice(0, 3) + '*'.repeat(phone.length - 6) + phone.slice(-3);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/** The newest code sent to `phone`, read from the development outbox page (as a tester would). */
async function codeFromOutbox(context: BrowserContext, phone: string, after = 0): Promise<{ code: string; id: number }> {
  const page = await context.newPage();
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.goto(`${server.baseUrl}/dev/outbox`);
      await page.getByTestId('outbox-page').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="outbox-page"] .ant-spin-spinning'));
      const items = page.getByTestId('outbox-item');
      const n = await items.count();
      for (let i = 0; i < n; i++) {
        const to = await items.nth(i).getByTestId('outbox-to').textContent();
        const body = (await items.nth(i).getByTestId('outbox-body').textContent()) ?? '';
        const m = /\b(\d{6})\b/.exec(body);
        if (to === masked(phone) && m) {
          // The API gives ids; the page lists newest first, so the first match is the latest.
          const api = (await (await fetch(`${server.baseUrl}/api/v1/dev/outbox?limit=20`)).json()) as { items: { id: number; body: string }[] };
          const id = api.items.find((x) => x.body === body)?.id ?? 0;
          if (id > after) return { code: m[1], id };
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no new code for ${masked(phone)} in the outbox`);
  } finally {
    await page.close();
  }
}

/** A TOTP code of a 30-second step not used before (the server refuses a step twice). */
async function freshTotp(totp: TOTP, usedSteps: Set<number>): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 1000 / 30);
    // Leave a margin before the step ends so the code is still current when it arrives.
    if (!usedSteps.has(step) && 30 - ((Date.now() / 1000) % 30) > 3) {
      usedSteps.add(step);
      return totp.generate();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function lastOutboxId(): Promise<number> {
  const r = (await (await fetch(`${server.baseUrl}/api/v1/dev/outbox?limit=1`)).json()) as { items: { id: number }[] };
  return r.items[0]?.id ?? 0;
}

/**
 * A tiny relying party on its own port, using openid-client: /login starts the code flow (PKCE),
 * /cb finishes it and prints what userinfo released. The client is registered by the administrator API.
 */
async function startRelyingParty(adminCookie: string, spec: { name: string; scopes: string[]; minLevel: 1 | 2 }) {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const session = (await (await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie: adminCookie } })).json()) as { csrfToken: string };
  const res = await fetch(`${server.baseUrl}/api/v1/sso/clients`, {
    method: 'POST',
    headers: { cookie: adminCookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name: spec.name, redirectUris: [`${url}/cb`], scopes: spec.scopes, minLevel: spec.minLevel }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { clientId, clientSecret } = (await res.json()) as { clientId: string; clientSecret?: string };
  const config = await oidc.discovery(new URL(`${server.baseUrl}/oidc`), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  http.on('request', (req, reply) => {
    void (async () => {
      const current = new URL(req.url ?? '/', url);
      if (current.pathname === '/login') {
        const target = oidc.buildAuthorizationUrl(config, {
          redirect_uri: `${url}/cb`,
          scope: ['openid', ...spec.scopes].join(' '),
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
        });
        reply.writeHead(302, { location: target.href }).end();
        return;
      }
      if (current.searchParams.get('error')) {
        reply.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`error:${current.searchParams.get('error')}`);
        return;
      }
      const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: verifier, expectedState: state });
      const claims = tokens.claims()!;
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      reply.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`signed-in:${String(info.name)}\nbirthdate:${String(info.birthdate)}\nacr:${String(claims.acr)}`);
    })().catch((err: unknown) => reply.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`rp-error:${String(err)}`));
  });
  return { url, clientId, stop: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen e-ID web UI', () => {
  let resident: Resident;
  let totp: TOTP;
  const usedSteps = new Set<number>();

  it('refuses a registration whose details do not match, with the generic message', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen/register`);
    await page.getByTestId('reg-personal-id').fill('001099000001');
    await page.getByTestId('reg-full-name').fill('Nguyễn Văn Không Có');
    await page.getByTestId('reg-dob').fill('01/01/1990');
    await page.getByTestId('reg-phone').fill('0900000000');
    await page.getByTestId('reg-submit-info').click();
    const error = page.getByTestId('register-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Không thể đăng ký');
    await context.close();
  });

  it('registers a resident at level 1 with the code from the outbox, then sets up the authenticator app', async () => {
    resident = await findResident(await officerCookie(server, 'canbo.tinh'));
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen/register`);
    expect(await page.getByTestId('register-card').textContent()).toContain('Đăng ký tài khoản định danh điện tử');
    await page.getByTestId('reg-personal-id').fill(resident.personalId);
    // Typed without the registry's exact spacing or case: the server compares loosely.
    await page.getByTestId('reg-full-name').fill(resident.fullName);
    await page.getByTestId('reg-dob').fill(ddmmyyyy(resident.dateOfBirth));
    await page.getByTestId('reg-phone').fill(resident.phone);
    await page.getByTestId('reg-submit-info').click();
    await page.getByTestId('reg-code').waitFor();
    expect(await page.getByTestId('reg-code-sent').textContent()).toContain(masked(resident.phone));
    await page.getByTestId('outbox-link').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}citizen-register-code.png`, fullPage: true });

    const { code } = await codeFromOutbox(context, resident.phone);
    await page.getByTestId('reg-code').fill(code);
    await page.getByTestId('reg-submit-code').click();
    await page.getByTestId('reg-password').fill(PASSWORD);
    await page.getByTestId('reg-password-confirm').fill(PASSWORD);
    await page.getByTestId('reg-submit-password').click();
    await page.getByTestId('register-done').waitFor();
    expect(await page.getByTestId('register-done').textContent()).toContain('mức 1');
    await page.getByTestId('register-continue').click();

    await page.waitForURL('**/citizen');
    await page.getByTestId('profile-card').waitFor();
    expect(await page.getByTestId('level-badge').textContent()).toBe('Tài khoản định danh điện tử mức 1');
    expect(await page.getByTestId('level-card').textContent()).toContain('công an xã/phường');
    expect(await page.getByTestId('profile-name').textContent()).toBe(resident.fullName);
    expect(await page.getByTestId('profile-id').textContent()).toBe(resident.personalId);
    expect(await page.getByTestId('profile-dob').textContent()).toBe(ddmmyyyy(resident.dateOfBirth));
    await page.getByTestId('session-item').first().waitFor();
    expect(await page.getByTestId('sessions-card').textContent()).toContain('Phiên này');
    expect(await page.getByTestId('totp-status').getAttribute('data-enabled')).toBe('false');

    // Authenticator app: the secret is shown as text; the test plays the app.
    await page.getByTestId('totp-setup').click();
    await page.getByTestId('totp-panel').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(await page.getByTestId('totp-url').textContent()).toMatch(/^otpauth:\/\/totp\//);
    totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
    await page.screenshot({ path: `${ARTIFACTS}citizen-totp-setup.png`, fullPage: true });
    await page.getByTestId('totp-code').fill(await freshTotp(totp, usedSteps));
    await page.getByTestId('totp-activate').click();
    await page.waitForSelector('[data-testid="totp-status"][data-enabled="true"]');
    await page.screenshot({ path: `${ARTIFACTS}citizen-home.png`, fullPage: true });

    await page.getByTestId('citizen-logout').click();
    await page.waitForURL(/\/citizen\/login$/);
    await context.close();
  });

  it('signs in with the password and the authenticator app, returning to ?next=', async () => {
    expect(totp, 'the registration test ran').toBeDefined();
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    // Without a session the portal sends the visitor to the sign-in page.
    await page.goto(`${server.baseUrl}/citizen`);
    await page.waitForURL(/\/citizen\/login\?next=%2Fcitizen$/);

    await page.getByTestId('citizen-login-id').fill(resident.personalId);
    await page.getByTestId('citizen-login-password').fill('sai-mat-khau-1234');
    await page.getByTestId('citizen-login-submit').click();
    await page.getByTestId('citizen-login-error').waitFor();
    expect(await page.getByTestId('citizen-login-error').textContent()).toContain('không đúng');

    await page.getByTestId('citizen-login-password').fill(PASSWORD);
    await page.getByTestId('citizen-login-submit').click();
    await page.getByTestId('citizen-login-code').waitFor();
    // The app is proposed first once it is set up; text messages remain the fallback.
    expect(await page.getByTestId('factor-hint').textContent()).toContain('ứng dụng xác thực');
    expect(await page.getByTestId('factor-switch').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}citizen-login-totp.png`, fullPage: true });
    await page.getByTestId('citizen-login-code').fill(await freshTotp(totp, usedSteps));
    await page.getByTestId('citizen-login-verify').click();
    await page.waitForURL(/\/citizen$/);
    await page.getByTestId('profile-card').waitFor();
    expect(await page.getByTestId('profile-id').textContent()).toBe(resident.personalId);
    expect(await page.getByTestId('totp-status').getAttribute('data-enabled')).toBe('true');
    await context.close();
  });

  it('signs in to a relying party through SSO: sign-in with ?next=, consent listing exactly the claims, back signed in', async () => {
    const cookie = await officerCookie(server, 'quantri');
    const rp = await startRelyingParty(cookie, { name: 'Cổng dịch vụ công thử nghiệm', scopes: ['profile', 'birthdate'], minLevel: 1 });
    const strict = await startRelyingParty(cookie, { name: 'Dịch vụ yêu cầu mức 2', scopes: ['profile'], minLevel: 2 });
    try {
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      await page.goto(`${rp.url}/login`);
      // Not signed in to da06: the SSO page sends the citizen to sign in, remembering where to come back.
      await page.waitForURL(/\/citizen\/login\?next=%2Fsso%2F[\w-]+$/);
      await page.getByTestId('citizen-login-id').fill(resident.personalId);
      await page.getByTestId('citizen-login-password').fill(PASSWORD);
      await page.getByTestId('citizen-login-submit').click();
      await page.getByTestId('citizen-login-code').waitFor();
      // The app is proposed first; use the text-message fallback this time (switching sends the code).
      const before = await lastOutboxId();
      await page.getByTestId('factor-otp').click();
      await page.waitForFunction(() => /\*{4}/.test(document.querySelector('[data-testid="factor-hint"]')?.textContent ?? ''));
      const { code } = await codeFromOutbox(context, resident.phone, before);
      await page.getByTestId('citizen-login-code').fill(code);
      await page.getByTestId('citizen-login-verify').click();

      const consent = page.getByTestId('sso-consent');
      await consent.waitFor();
      expect(page.url()).toMatch(/\/sso\/[\w-]+$/);
      expect(await page.getByTestId('sso-client').textContent()).toBe('Cổng dịch vụ công thử nghiệm');
      const claims = await page.getByTestId('sso-claim').evaluateAll((els) => els.map((e) => [e.getAttribute('data-claim'), e.textContent]));
      expect(claims.map((c) => c[0]).sort()).toEqual(['birthdate', 'family_name', 'given_name', 'middle_name', 'name']);
      expect(claims.find((c) => c[0] === 'birthdate')?.[1]).toBe('Ngày sinh');
      expect(await consent.textContent()).not.toContain('Số định danh cá nhân');
      await page.screenshot({ path: `${ARTIFACTS}sso-consent.png`, fullPage: true });
      await page.getByTestId('sso-approve').click();

      await page.waitForURL(`${rp.url}/cb**`, { timeout: 15_000 }).catch(async (err: unknown) => {
        await page.screenshot({ path: `${ARTIFACTS}sso-stuck.png`, fullPage: true });
        throw new Error(`stuck at ${page.url()}: ${(await page.textContent('body'))?.slice(0, 500)}`, { cause: err });
      });
      const body = (await page.textContent('body')) ?? '';
      expect(body).toContain(`signed-in:${resident.fullName}`);
      expect(body).toContain(`birthdate:${resident.dateOfBirth}`);

      // The portal lists the service; revoking it removes it.
      await page.goto(`${server.baseUrl}/citizen`);
      const item = page.getByTestId('connection-item');
      await item.first().waitFor();
      expect(await page.getByTestId('connection-name').first().textContent()).toBe('Cổng dịch vụ công thử nghiệm');
      await page.screenshot({ path: `${ARTIFACTS}citizen-connections.png`, fullPage: true });
      await item.first().getByTestId('connection-revoke').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="connection-item"]').length === 0);

      // A service that needs level 2 explains how to get there, and the citizen goes back refused.
      await page.goto(`${strict.url}/login`);
      await page.getByTestId('sso-acr').waitFor();
      expect(await page.getByTestId('sso-acr').textContent()).toContain('mức 2');
      await page.screenshot({ path: `${ARTIFACTS}sso-level2.png`, fullPage: true });
      await page.getByTestId('sso-acr-back').click();
      await page.waitForURL(`${strict.url}/cb**`);
      expect(await page.textContent('body')).toContain('error:unmet_authentication_requirements');
      await context.close();
    } finally {
      await rp.stop();
      await strict.stop();
    }
  });

  it('lets a registry officer raise the account to level 2 from the person page; an auditor does not see the panel', async () => {
    const officer = server.accounts.get('canbo.tinh')!;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill(officer.username);
    await page.getByTestId('login-password').fill(officer.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/officer/people');
    await page.goto(`${server.baseUrl}/officer/people/${resident.ref}`);
    const panel = page.getByTestId('section-eid');
    await panel.getByTestId('eid-level').waitFor();
    expect(await panel.getByTestId('eid-level').getAttribute('data-level')).toBe('1');
    await panel.getByTestId('eid-upgrade').click();
    // The dialog's form is in place before its button is pressed (on a loaded machine the button can
    // be reached while the dialog is still opening, and the press then submits nothing).
    await page.getByTestId('eid-chip-file-button').waitFor();
    // The picker speaks Vietnamese (the browser's own file input, hidden, would not).
    expect(await page.getByTestId('eid-chip-file-button').textContent()).toBe('Chọn tệp dữ liệu chip');
    expect(await page.getByTestId('eid-chip-file-name').textContent()).toBe('Chưa chọn tệp nào');
    expect(await page.getByTestId('eid-chip-file').isVisible()).toBe(false);
    // Without a chip read the upgrade is refused in the form.
    await page.getByTestId('eid-upgrade-ok').click();
    await page.getByText('Cần đọc chip thẻ của công dân').waitFor();
    // The officer reads the citizen's card with an NFC reader; here the card is a test card whose CSCA
    // the operator trusted with `da06 trust add` before the server started (startServer).
    const person = await apiGet<{ sex: 'Nam' | 'Nữ'; formerIdentifiers: { kind: string; value: string }[] }>(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/people/${resident.ref}`);
    const card = await buildTestCard({
      personalId: resident.personalId, fullName: resident.fullName, dateOfBirth: resident.dateOfBirth, sex: person.sex === 'Nữ' ? 'F' : 'M',
      legacyId: person.formerIdentifiers.find((f) => f.kind === 'cmnd')?.value, issuedOn: '2021-06-01', expiresOn: '2046-01-01', nationality: 'Việt Nam',
    });
    expect(card.cscaPem).toBe(await testCscaPem());
    await page.getByTestId('eid-chip-file').setInputFiles({
      name: 'chip.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ sod: card.sod, dg1: card.dg1, dg13: card.dg13 })),
    });
    await page.getByText('Đã đọc dữ liệu chip').waitFor();
    expect(await page.getByTestId('eid-chip-file-name').textContent()).toBe('chip.json');
    await page.locator('.ant-form-item:has(.file-picker)').screenshot({ path: `${ARTIFACTS}officer-eid-chip-picker.png` });
    await page.getByTestId('eid-upgrade-ok').click();
    await page.waitForSelector('[data-testid="eid-level"][data-level="2"]');
    expect(await panel.getByTestId('eid-upgrade').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}officer-eid-panel.png`, fullPage: true });
    await context.close();

    // An auditor (no eid.upgrade permission) does not see the panel at all.
    const auditor = server.accounts.get('kiemtra');
    if (auditor) {
      const ctx2 = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const p2 = await ctx2.newPage();
      await p2.goto(`${server.baseUrl}/login`);
      await p2.getByTestId('login-username').fill(auditor.username);
      await p2.getByTestId('login-password').fill(auditor.password);
      await p2.getByTestId('login-submit').click();
      await p2.waitForURL('**/officer/people');
      await p2.goto(`${server.baseUrl}/officer/people/${resident.ref}`);
      await p2.getByTestId('section-access-log').getByTestId('access-actor').first().waitFor();
      await p2.waitForTimeout(500);
      expect(await p2.getByTestId('section-eid').count()).toBe(0);
      await ctx2.close();
    }
  });

  it('sends a signed-out visitor of /citizen to the sign-in page at once, before any script runs', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    // The server answers /citizen with a redirect: the first page the browser shows is the sign-in page, no spinner before it.
    const res = await page.goto(`${server.baseUrl}/citizen`);
    expect(res?.request().redirectedFrom()?.url()).toBe(`${server.baseUrl}/citizen`);
    expect(page.url()).toBe(`${server.baseUrl}/citizen/login?next=%2Fcitizen`);
    await page.getByTestId('citizen-login-id').waitFor();
    await context.close();
  });

  it('recovers a forgotten password with a code to the registered phone, then signs in with the new one', async () => {
    expect(totp, 'the registration test ran').toBeDefined();
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen/login`);
    await page.getByTestId('to-forgot-password').click();
    await page.waitForURL(/\/citizen\/forgot-password$/);
    await page.getByTestId('forgot-personal-id').fill(resident.personalId);
    await page.getByTestId('forgot-phone').fill(resident.phone);
    const before = await lastOutboxId();
    await page.getByTestId('forgot-send').click();
    await page.getByTestId('forgot-code').waitFor();
    // The page says the same whether the details matched: "if they match, a code was sent".
    expect(await page.getByTestId('forgot-code-sent').textContent()).toContain(`Nếu số định danh và số điện thoại ${masked(resident.phone)}`);
    await expectTouchTargets(page);
    await page.screenshot({ path: `${ARTIFACTS}citizen-forgot-code.png`, fullPage: true });
    const { code } = await codeFromOutbox(context, resident.phone, before);
    await page.getByTestId('forgot-code').fill(code);
    await page.getByTestId('forgot-password').fill(NEW_PASSWORD);
    await page.getByTestId('forgot-password-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-done').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}citizen-forgot-done.png`, fullPage: true });
    await page.getByTestId('forgot-to-login').click();
    await page.waitForURL(/\/citizen\/login$/);

    // The old password no longer works; the new one does (then the authenticator app, as before).
    await page.getByTestId('citizen-login-id').fill(resident.personalId);
    await page.getByTestId('citizen-login-password').fill(PASSWORD);
    await page.getByTestId('citizen-login-submit').click();
    await page.getByTestId('citizen-login-error').waitFor();
    await page.getByTestId('citizen-login-password').fill(NEW_PASSWORD);
    await page.getByTestId('citizen-login-submit').click();
    await page.getByTestId('citizen-login-code').waitFor();
    await page.getByTestId('citizen-login-code').fill(await freshTotp(totp, usedSteps));
    await page.getByTestId('citizen-login-verify').click();
    await page.waitForURL(/\/citizen$/);
    await page.getByTestId('profile-card').waitFor();
    expect(await page.getByTestId('profile-id').textContent()).toBe(resident.personalId);
    await context.close();
  });

  it('changes the password from the portal and from the usage history advice', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen/login`);
    await page.getByTestId('citizen-login-id').fill(resident.personalId);
    await page.getByTestId('citizen-login-password').fill(NEW_PASSWORD);
    await page.getByTestId('citizen-login-submit').click();
    await page.getByTestId('citizen-login-code').fill(await freshTotp(totp, usedSteps));
    await page.getByTestId('citizen-login-verify').click();
    await page.waitForURL(/\/citizen$/);
    await page.getByTestId('profile-card').waitFor();
    await expectTouchTargets(page);

    // "đổi mật khẩu" in the history page's advice leads to the change-password page.
    await page.goto(`${server.baseUrl}/citizen/history`);
    await page.getByTestId('history-change-password').click();
    await page.waitForURL(/\/citizen\/password$/).catch(async (err: unknown) => {
      await page.screenshot({ path: `${ARTIFACTS}citizen-history-stuck.png`, fullPage: true });
      throw new Error(`stuck at ${page.url()}`, { cause: err });
    });
    await page.getByTestId('password-card').waitFor();
    await page.getByTestId('password-current').fill('khong-phai-mat-khau');
    await page.getByTestId('password-new').fill(THIRD_PASSWORD);
    await page.getByTestId('password-confirm').fill(THIRD_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.getByText('Mật khẩu hiện tại không đúng').waitFor();
    await page.getByTestId('password-current').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-done').waitFor();
    await expectTouchTargets(page);
    await page.screenshot({ path: `${ARTIFACTS}citizen-change-password.png`, fullPage: true });
    // This session stays; the portal still opens.
    await page.getByTestId('back-to-portal').click();
    await page.getByTestId('profile-card').waitFor();
    await context.close();

    const check = await fetch(`${server.baseUrl}/api/v1/citizen/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personalId: resident.personalId, password: THIRD_PASSWORD }) });
    expect(check.status).toBe(200);
  });

  it('asks online for level 2 at a commune police office; the commune police see the request in their queue', async () => {
    const police = server.accounts.get('congan.xa')!;
    const office = await (await fetch(`${server.baseUrl}/api/v1/units/2025/${police.areaCode}`)).json() as { fullName: string };
    const officeName = `Công an ${office.fullName.charAt(0).toLocaleLowerCase('vi')}${office.fullName.slice(1)}`;
    const citizen = await registerResident(server, PASSWORD);
    const context = await citizenContext(browser, server.baseUrl, citizen.sessionToken);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('to-level2-request').click();
    await page.waitForURL(/\/citizen\/level2$/);
    await page.getByTestId('level2-office').click();
    await page.keyboard.type(office.fullName.split(' ').slice(1).join(' '));
    await page.locator('.ant-select-item-option', { hasText: officeName }).first().click();
    await page.getByTestId('level2-submit').click();
    await page.locator('[data-testid="level2-item"][data-status="pending"]').waitFor();
    expect(await page.getByTestId('level2-item-office').first().textContent()).toBe(officeName);
    await expectTouchTargets(page);
    await page.screenshot({ path: `${ARTIFACTS}citizen-level2-request.png`, fullPage: true });
    await context.close();

    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const officerPage = await desk.newPage();
    await officerPage.goto(`${server.baseUrl}/login`);
    await officerPage.getByTestId('login-username').fill(police.username);
    await officerPage.getByTestId('login-password').fill(police.password);
    await officerPage.getByTestId('login-submit').click();
    await officerPage.waitForURL('**/police**');
    await officerPage.getByTestId('nav-eid-requests').click();
    await officerPage.waitForURL('**/officer/eid-requests');
    await officerPage.locator('[data-testid="eid-request-id"]', { hasText: citizen.personalId }).waitFor();
    await officerPage.locator('tr', { hasText: citizen.personalId }).getByTestId('eid-request-open').click();
    await officerPage.getByTestId('section-eid').getByTestId('eid-level').waitFor();
    expect(await officerPage.getByTestId('eid-upgrade').count()).toBe(1);
    await officerPage.screenshot({ path: `${ARTIFACTS}officer-eid-requests.png`, fullPage: true });
    await desk.close();
  });
});

/**
 * Every visible control of a citizen page is at least 44 px high (a finger, WCAG 2.5.5), and no text
 * is cut with an ellipsis (the field labels and tags wrap instead).
 */
async function expectTouchTargets(page: import('playwright-core').Page) {
  const { small, cut } = await page.evaluate(() => {
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      const st = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
    };
    const small = [...document.querySelectorAll('.citizen-shell button, .citizen-shell a, .citizen-shell .ant-input-affix-wrapper, .citizen-shell input.ant-input, .citizen-shell .ant-select')]
      .filter(visible)
      // An input inside its wrapper is measured by the wrapper; a select by its outer box.
      .filter((e) => !(e.matches('input') && e.closest('.ant-input-affix-wrapper')))
      .filter((e) => !e.closest('.ant-select') || e.matches('.ant-select'))
      .filter((e) => !e.closest('.ant-input-suffix, .ant-typography-copy'))
      .map((e) => ({ e, h: e.getBoundingClientRect().height }))
      .filter(({ h }) => h < 44)
      .map(({ e, h }) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}" ${Math.round(h)}px`);
    const cut = [...document.querySelectorAll('.citizen-shell *')]
      .filter((e) => visible(e) && getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
      .map((e) => (e.textContent ?? '').trim().slice(0, 40));
    return { small, cut };
  });
  expect(small, 'controls lower than 44 px').toEqual([]);
  expect(cut, 'text cut with an ellipsis').toEqual([]);
}
