import { describe, expect, it } from 'vitest';
import { addDays } from './civil-time.js';
import { lastDayOfLunarYear, lunarToSolar, solarToLunar } from './lunar.js';

// DOMAIN-SERVICES §2.3 and Appendix B.
const TET: [number, string][] = [[2024, '2024-02-10'], [2025, '2025-01-29'], [2026, '2026-02-17'], [2027, '2027-02-06'], [2028, '2028-01-26']];
const LAST_DAY_OF_OLD_YEAR: [number, string, number][] = [[2024, '2024-02-09', 30], [2025, '2025-01-28', 29], [2026, '2026-02-16', 29], [2027, '2027-02-05', 29], [2028, '2028-01-25', 29]];
const GIO_TO: [number, string][] = [[2024, '2024-04-18'], [2025, '2025-04-07'], [2026, '2026-04-26'], [2027, '2027-04-16'], [2028, '2028-04-04']];
/** Tết where the UTC+8 (Chinese) calendar gives the day after; a UTC+8 implementation fails these. */
/** Chinese Tết read in the Vietnamese calendar: in 1985 a whole month apart (the leap month fell differently). */
const MERIDIAN_DIVERGENCE: [number, string, string, { day: number; month: number }][] = [
  [1985, '1985-01-21', '1985-02-20', { day: 1, month: 2 }],
  [2007, '2007-02-17', '2007-02-18', { day: 2, month: 1 }],
  [2030, '2030-02-02', '2030-02-03', { day: 2, month: 1 }],
  [2053, '2053-02-18', '2053-02-19', { day: 2, month: 1 }],
];

describe('lunar conversion (UTC+7)', () => {
  it.each(TET)('Tết %i is %s', (year, day) => {
    expect(lunarToSolar({ day: 1, month: 1, year })).toBe(day);
    expect(solarToLunar(day)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it.each(LAST_DAY_OF_OLD_YEAR)('the day before Tết %i is %s, day %i of tháng Chạp', (year, day, chap) => {
    expect(lastDayOfLunarYear(year - 1)).toBe(day);
    expect(solarToLunar(day)).toEqual({ day: chap, month: 12, year: year - 1, leap: false });
  });

  it('tháng Chạp 2024–2026 has 29 days: there is no "30 Tết" to ask for', () => {
    for (const year of [2024, 2025, 2026]) expect(() => lunarToSolar({ day: 30, month: 12, year })).toThrow(RangeError);
  });

  it.each(GIO_TO)('Giỗ Tổ (10/3) %i is %s', (year, day) => {
    expect(lunarToSolar({ day: 10, month: 3, year })).toBe(day);
  });

  it.each(MERIDIAN_DIVERGENCE)('Tết %i is %s in Vietnam (China: %s)', (year, vietnam, china, chinaInVietnam) => {
    expect(lunarToSolar({ day: 1, month: 1, year })).toBe(vietnam);
    expect(solarToLunar(china)).toEqual({ ...chinaInVietnam, year, leap: false });
  });

  it('places the leap months of 2020 (4), 2023 (2) and 2025 (6), and only there', () => {
    expect(lunarToSolar({ day: 1, month: 4, year: 2020, leap: true })).toBe('2020-05-23');
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 1, month: 1, year: 2026, leap: true })).toThrow(RangeError);
  });

  it('rejects impossible lunar dates', () => {
    for (const bad of [{ day: 0, month: 1, year: 2026 }, { day: 31, month: 1, year: 2026 }, { day: 1, month: 13, year: 2026 }, { day: 1.5, month: 1, year: 2026 }]) {
      expect(() => lunarToSolar(bad)).toThrow(RangeError);
    }
  });

  it('every day 1900–2100 round-trips, and the lunar days run on without gaps', () => {
    let prev = solarToLunar('1900-01-31'); // Tết 1900
    expect(prev).toEqual({ day: 1, month: 1, year: 1900, leap: false });
    let day = '1900-02-01';
    const monthsInYear = new Map<number, number>();
    const leapYears = new Set<number>();
    while (day < '2101-01-01') {
      const l = solarToLunar(day);
      expect(lunarToSolar(l), day).toBe(day);
      if (l.day === 1) {
        // A new month follows a month of 29 or 30 days, numbered one more or repeated as leap.
        expect([29, 30], day).toContain(prev.day);
        if (l.leap) {
          expect(l.month, day).toBe(prev.month);
          leapYears.add(l.year);
        } else {
          expect(l.month, day).toBe((prev.month % 12) + 1);
        }
        monthsInYear.set(l.year, (monthsInYear.get(l.year) ?? 0) + 1);
      } else {
        expect(l, day).toEqual({ ...prev, day: prev.day + 1 });
      }
      prev = l;
      day = addDays(day, 1);
    }
    for (const [year, months] of monthsInYear) {
      if (year > 1900 && year < 2100) expect(months, String(year)).toBe(leapYears.has(year) ? 13 : 12);
    }
    // About 7 leap years in every 19 (the Metonic cycle).
    expect(leapYears.size).toBeGreaterThan(70);
    expect(leapYears.size).toBeLessThan(78);
  });
});
