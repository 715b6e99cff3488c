import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../platform/time.js';
import { addDays, parseIsoDate, vietnamDay, vietnamInstant, vietnamMinuteOfDay, weekday } from './civil-time.js';

describe('civil time in Vietnam (UTC+7)', () => {
  // The tz database gives Asia/Ho_Chi_Minh UTC+8 in parts of 1943–1975 (Saigon time); deadlines are
  // modern, and this module's fixed UTC+7 is the rule in force since 13/06/1975.
  it('agrees with the platform’s Intl-based day for any instant 1976–2200 (property)', () => {
    const instant = fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(instant, (at) => {
      expect(vietnamDay(at)).toBe(todayInVietnam(at));
      const day = vietnamDay(at);
      expect(vietnamInstant(day, vietnamMinuteOfDay(at)).getTime()).toBe(at.getTime());
    }));
  });

  it('reads only real dates', () => {
    expect(parseIsoDate('2024-02-29')).toBeDefined();
    for (const bad of ['2025-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00']) expect(parseIsoDate(bad), bad).toBeUndefined();
  });

  it('counts days and weekdays across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(weekday('2026-02-13')).toBe(5);
    expect(weekday('1900-01-01')).toBe(1);
  });
});
