import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for the embedded start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DA06_DATA_DIR: './.da06', DA06_DEMO_PROVINCE: '82', DA06_DEMO_PEOPLE: 50000 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('converts and validates values', () => {
    expect(loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db' })).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u@h/db' });
    expect(() => loadConfig({ PORT: 'tám' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses unknown DA06_ keys but ignores the rest of the environment', () => {
    expect(() => loadConfig({ DA06_DATADIR: 'x' })).toThrow(/DA06_DATADIR/);
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ DA06_ENV: 'production' })).toThrow(/DA06_SESSION_SECRET/);
    expect(() => loadConfig({ DA06_ENV: 'production', DA06_SESSION_SECRET: 'x'.repeat(32) })).toThrow(/DA06_SECRET_KEY/);
    expect(loadConfig({ DA06_ENV: 'production', DA06_SESSION_SECRET: 'x'.repeat(32), DA06_SECRET_KEY: 'y'.repeat(32) }).DA06_ENV).toBe('production');
  });
});
