import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireServerSettings, secretKey, sessionSecret, smsGateway } from './config.js';
import { PRODUCTION_ENV } from '../testing/production.js';

describe('configuration', () => {
  it('has working defaults for the embedded start in development', () => {
    const c = loadConfig({ DA06_ENV: 'development' });
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DA06_DATA_DIR: './.da06', DA06_DEMO_PROVINCE: '82', DA06_DEMO_PEOPLE: 50000 });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(smsGateway(c)).toBeUndefined();
  });

  it('converts and validates values', () => {
    expect(loadConfig({ DA06_ENV: 'test', PORT: '8080', DATABASE_URL: 'postgres://u@h/db' })).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u@h/db' });
    expect(() => loadConfig({ DA06_ENV: 'test', PORT: 'tám' })).toThrow(ConfigError);
    expect(() => loadConfig({ DA06_ENV: 'test', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses unknown DA06_ keys but ignores the rest of the environment', () => {
    expect(() => loadConfig({ DA06_ENV: 'test', DA06_DATADIR: 'x' })).toThrow(/DA06_DATADIR/);
    expect(() => loadConfig({ DA06_ENV: 'test', PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});

describe('production is the default', () => {
  it('runs in production unless told otherwise, and then needs secrets, the public URL and an SMS gateway', () => {
    let error: unknown;
    try {
      requireServerSettings(loadConfig({}));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    for (const key of Object.keys(PRODUCTION_ENV)) expect(text).toContain(key);
    expect(text).toMatch(/bắt buộc ở chế độ production/);
    expect(text).toMatch(/required in production/);
    expect(text).toMatch(/DA06_ENV=development/);
    expect(loadConfig(PRODUCTION_ENV).DA06_ENV).toBe('production');
  });

  it.each(Object.keys(PRODUCTION_ENV))('refuses a production start without %s', (key) => {
    const env: Record<string, string> = { ...PRODUCTION_ENV };
    delete env[key];
    expect(() => requireServerSettings(loadConfig(env))).toThrow(new RegExp(key));
  });

  it('refuses the services workflow clock (a test setting) in production, and a date that does not exist', () => {
    expect(() => loadConfig({ ...PRODUCTION_ENV, DA06_SERVICES_CLOCK_START: '2026-02-13T15:20:00+07:00' })).toThrow(/DA06_SERVICES_CLOCK_START.*production/);
    expect(loadConfig({ DA06_ENV: 'test', DA06_SERVICES_CLOCK_START: '2026-02-13T15:20:00+07:00' }).DA06_SERVICES_CLOCK_START).toBe('2026-02-13T15:20:00+07:00');
    expect(() => loadConfig({ DA06_ENV: 'development', DA06_SERVICES_CLOCK_START: '13/02/2026 15:20' })).toThrow(/DA06_SERVICES_CLOCK_START/);
    expect(() => loadConfig({ DA06_ENV: 'development', DA06_SERVICES_CLOCK_START: '2026-13-45T15:20:00Z' })).toThrow(/DA06_SERVICES_CLOCK_START/);
  });

  it('lets the operator and the auditor run commands in production without the server\'s secrets', () => {
    // e.g. `da06 audit verify --public-key pub.pem` on the auditor's own machine: only the database is needed.
    expect(loadConfig({ DATABASE_URL: 'postgres://auditor@db.tinh.gov.vn/da06' }).DA06_ENV).toBe('production');
  });

  it('uses the configured secrets in production, never a fixed development key', () => {
    const c = loadConfig(PRODUCTION_ENV);
    expect(sessionSecret(c)).toBe(PRODUCTION_ENV.DA06_SESSION_SECRET);
    expect(secretKey(c)).toBe(PRODUCTION_ENV.DA06_SECRET_KEY);
    expect(smsGateway(c)).toEqual({ url: PRODUCTION_ENV.DA06_SMS_GATEWAY_URL, token: PRODUCTION_ENV.DA06_SMS_GATEWAY_TOKEN });
    const { DA06_SECRET_KEY: _k, DA06_SESSION_SECRET: _s, ...withoutSecrets } = c;
    expect(() => secretKey(withoutSecrets)).toThrow(ConfigError);
    expect(() => sessionSecret(withoutSecrets)).toThrow(ConfigError);
  });

  it('wants a gateway URL and its token together, in any mode', () => {
    expect(() => loadConfig({ DA06_ENV: 'development', DA06_SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' })).toThrow(/DA06_SMS_GATEWAY_TOKEN/);
    expect(() => loadConfig({ DA06_ENV: 'development', DA06_SMS_GATEWAY_TOKEN: 't'.repeat(24) })).toThrow(/DA06_SMS_GATEWAY_URL/);
  });
});
