import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../platform/config.js';
import { PRODUCTION_ENV } from '../testing/production.js';
import { outboxListing, refuseDemoInProduction } from './policy.js';

const production = loadConfig(PRODUCTION_ENV);
const development = loadConfig({ DA06_ENV: 'development' });

const messages = [
  { id: 2, channel: 'sms' as const, recipientMasked: '091****678', body: 'Mã xác thực đăng nhập da06: 482913. Mã có hiệu lực 5 phút.', createdAt: '2026-12-06T04:00:00.000Z' },
  { id: 1, channel: 'sms' as const, recipientMasked: '098****321', body: 'Mã đăng ký: 0071', createdAt: '2026-12-06T03:59:00.000Z' },
];

describe('serve --demo', () => {
  it('is refused in production, with a message that says how to run the demo', () => {
    expect(() => refuseDemoInProduction(production, true)).toThrow(ConfigError);
    expect(() => refuseDemoInProduction(production, true)).toThrow(/DA06_ENV=development/);
    expect(() => refuseDemoInProduction(production, false)).not.toThrow();
    expect(() => refuseDemoInProduction(development, true)).not.toThrow();
  });
});

describe('da06 outbox', () => {
  it('never prints a code in production', () => {
    const text = outboxListing(messages, production);
    expect(text).not.toMatch(/482913|0071/);
    expect(text).toContain('Mã xác thực đăng nhập da06: ••••••.');
    expect(text).toContain('091****678');
    expect(text).toMatch(/production/);
  });

  it('prints the messages whole in development', () => {
    const text = outboxListing(messages, development);
    expect(text).toContain('482913');
    expect(text).toContain('0071');
  });
});
