import { describe, expect, it } from 'vitest';
import { documentDateWords, formatIsoDate, formatIsoMonth, formatNumber, formatPercent, formatShareOf, formatTimeWords, vietnamDay } from './format.js';

describe('the one number and date formatter (Vietnamese notation, no ICU)', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [1136, '1.136'],
    [12345, '12.345'],
    [1234567, '1.234.567'],
    [1234567.25, '1.234.567,25'],
    [2.5, '2,5'],
    [3.1, '3,1'],
    [0.05, '0,05'],
    [1.999, '2'],
    [-1136, '-1.136'],
    [-0.001, '0'],
    [1e9, '1.000.000.000'],
  ])('formatNumber(%s) → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('takes a number of decimals, drops trailing zeros and says "—" for what is not a number', () => {
    expect(formatNumber(3.456, 1)).toBe('3,5');
    expect(formatNumber(3.04, 1)).toBe('3');
    expect(formatNumber(1234.5, 0)).toBe('1.235');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it.each([
    [12.5, '12,5%'],
    [100, '100%'],
    [0, '0%'],
    [33.333, '33,3%'],
    [1234.5, '1.234,5%'],
  ])('formatPercent(%s) → %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });

  it('a share of a whole, and none of nothing', () => {
    expect(formatShareOf(1, 8)).toBe('12,5%');
    expect(formatShareOf(2, 3)).toBe('66,7%');
    expect(formatShareOf(5, 0)).toBe('—');
  });

  it('dates as dd/MM/yyyy and months as MM/yyyy, leaving other text alone', () => {
    expect(formatIsoDate('2026-12-06')).toBe('06/12/2026');
    expect(formatIsoDate('2025-07-01T00:00:00+07:00')).toBe('01/07/2025');
    expect(formatIsoDate('31/12/2026')).toBe('31/12/2026');
    expect(formatIsoDate('')).toBe('');
    expect(formatIsoMonth('2026-03')).toBe('03/2026');
    expect(formatIsoMonth('tháng 3')).toBe('tháng 3');
  });

  it('never writes the English separators whatever the runtime locale', () => {
    for (const n of [1136, 45678.9, 1234567.25]) expect(formatNumber(n)).not.toMatch(/\d,\d{3}(?!\d)|\.\d{1,2}$/);
  });

  it('dates a document as Phụ lục I writes it: 0 before a day under 10 and before months 1 and 2', () => {
    expect(documentDateWords('2026-12-06')).toBe('ngày 06 tháng 12 năm 2026');
    expect(documentDateWords('2027-02-15')).toBe('ngày 15 tháng 02 năm 2027');
    expect(documentDateWords('2027-03-01')).toBe('ngày 01 tháng 3 năm 2027');
  });

  it('reads an instant on a clock in Vietnam (UTC+7), across midnight and the year', () => {
    expect(formatTimeWords(new Date('2026-02-12T07:05:00Z'))).toBe('14 giờ 05 phút, ngày 12/02/2026');
    expect(formatTimeWords(new Date('2026-12-31T17:30:00Z'))).toBe('00 giờ 30 phút, ngày 01/01/2027');
    expect(vietnamDay(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(vietnamDay(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(formatTimeWords(new Date(Number.NaN))).toBe('—');
  });
});
