import { describe, expect, it } from 'vitest';
import { momentInVietnam, todayInVietnam } from './time.js';

describe('days and times as a clock in Vietnam shows them (UTC+7)', () => {
  it('moves past midnight and the new year seven hours ahead of UTC', () => {
    expect(momentInVietnam(new Date('2026-12-31T17:30:05Z'))).toBe('2027-01-01 00:30:05');
    expect(momentInVietnam(new Date('2026-03-01T04:05:06Z'))).toBe('2026-03-01 11:05:06');
    expect(todayInVietnam(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
