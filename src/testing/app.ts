import { loadConfig } from '../platform/config.js';
import { buildApp } from '../app.js';
import type { RoleTable } from '../platform/access.js';
import { ROLES, type Role } from '../roles.js';
import { freshDb } from './db.js';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2026';

/** The app on a fresh database, with helpers to sign officers in through the real login route. */
export async function testApp(env: Record<string, string> = {}, opts: { roles?: RoleTable; webRoot?: string } = {}) {
  const db = await freshDb();
  const config = loadConfig({ DA06_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG ?? 'silent', DA06_RATE_LIMIT_LOGIN: '1000', ...env });
  const { app, services } = await buildApp({ config, db, logger: !!process.env.TEST_LOG, roles: opts.roles, webRoot: opts.webRoot });
  await app.ready();

  async function officer(username: string, role: Role, areaCode: string, relyingPartyId?: number) {
    await services.identity.createOfficer({ username, fullName: `Cán bộ ${username}`, password: TEST_PASSWORD, role, areaCode, relyingPartyId });
    return login(username, TEST_PASSWORD);
  }

  async function login(username: string, password: string) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'da06_session')!;
    const csrf = res.json().csrfToken as string;
    return { cookie: `da06_session=${cookie.value}`, csrf, headers: { cookie: `da06_session=${cookie.value}`, 'x-csrf-token': csrf } };
  }

  /** Signs in with a one-time password (an administrator's or the police's) and replaces it with TEST_PASSWORD. */
  async function firstSignIn(username: string, oneTimePassword: string) {
    const session = await login(username, oneTimePassword);
    const res = await app.inject({
      method: 'POST', url: '/api/v1/session/password', headers: session.headers, payload: { currentPassword: oneTimePassword, newPassword: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`password change ${username}: ${res.statusCode} ${res.body}`);
    return session;
  }

  return {
    app,
    services,
    db,
    officer,
    login,
    firstSignIn,
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}

/**
 * A deployment whose administrator also keeps the CSCA trust list (`trust.manage`, held by no province
 * role in src/roles.ts): for the tests of the trust-list routes' success path.
 */
export const TRUST_KEEPING_ROLES: RoleTable = {
  ...ROLES, admin: { ...ROLES.admin, permissions: [...ROLES.admin.permissions, 'trust.manage'] },
};

export type TestApp = Awaited<ReturnType<typeof testApp>>;
export type Session = Awaited<ReturnType<TestApp['officer']>>;
