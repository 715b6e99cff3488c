import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { candidateDaysOff } from './candidate-days.js';
import { CALENDAR_DIR, CalendarDataError, loadWorkCalendar, statutoryOnlyCalendar } from './work-calendar.js';

const cal = loadWorkCalendar();

describe('the announced calendar (data/calendar)', () => {
  it('loads 2024–2026 and covers exactly those years', () => {
    expect(cal.coveredYears()).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2023-12-31')).toBe(false);
    expect(cal.covers('2027-01-01')).toBe(cal.coveredYears().includes(2027));
  });

  it('Sat 26/04/2025 is a make-up working day and Fri 02/05/2025 a swapped day off (TB 6150)', () => {
    expect(cal.dayKind('2025-04-26')).toBe('makeup_working');
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.dayKind('2025-05-02')).toBe('swapped_off');
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('Mon 27/04/2026 is off in compensation for Giỗ Tổ on Sunday 26/04', () => {
    expect(cal.dayKind('2026-04-26')).toBe('holiday');
    expect(cal.dayKind('2026-04-27')).toBe('compensatory');
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
  });

  it('Tết 2026 runs Sat 14/02 – Sun 22/02; Fri 13/02 and Mon 23/02 are working days', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    for (let d = 14; d <= 22; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    expect(cal.describe('2026-02-16')).toMatchObject({ kind: 'holiday', sourceDoc: 'TB 9441/TB-BNV', status: 'P', announced: true });
  });

  it('accepted Thu 12/02/2026 + 3 working days → Tue 24/02/2026 (§1.7)', () => {
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-12', 0)).toBe('2026-02-12');
  });

  it('24/11/2026 (Ngày Văn hóa Việt Nam) is a day off; the unverified second Quốc khánh day is marked U', () => {
    expect(cal.dayKind('2026-11-24')).toBe('holiday');
    expect(cal.describe('2026-09-03')).toMatchObject({ kind: 'holiday', status: 'U' });
  });

  it('the 2024 swap around 30/4: Mon 29/04 off, Sat 04/05 worked', () => {
    expect(cal.dayKind('2024-04-29')).toBe('swapped_off');
    expect(cal.dayKind('2024-05-04')).toBe('makeup_working');
  });

  it('plain days need no entry: a Wednesday works, a Sunday is a weekend', () => {
    expect(cal.dayKind('2026-03-11')).toBe('working');
    expect(cal.dayKind('2026-03-15')).toBe('weekend');
    expect(cal.describe('2026-03-11')).toEqual({ kind: 'working', announced: true });
  });

  it('rejects malformed dates and negative counts', () => {
    expect(() => cal.dayKind('2026-02-30')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-12', -1)).toThrow(RangeError);
  });
});

describe('years without a notice: statutory candidates', () => {
  it('2027: Tết candidates around Sat 06/02 with compensation, Giỗ Tổ Fri 16/04, Culture Day Wed 24/11', () => {
    expect(cal.covers('2027-02-06')).toBe(false);
    const days = candidateDaysOff(2027);
    // Last day of the old year (Fri 05/02) and mùng 1–4 (Sat 06 – Tue 09); Sat and Sun compensated Wed 10, Thu 11.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']) expect(days.get(d)?.kind).toBe('holiday');
    expect(days.get('2027-02-10')?.kind).toBe('compensatory');
    expect(days.get('2027-02-11')?.kind).toBe('compensatory');
    expect(days.get('2027-04-16')?.kind).toBe('holiday');
    expect(days.get('2027-11-24')?.kind).toBe('holiday');
    expect(cal.describe('2027-04-16')).toMatchObject({ kind: 'holiday', announced: false });
  });

  it('reproduces the announced fixed-date and lunar holidays of 2024–2026 (swaps excepted)', () => {
    const bare = statutoryOnlyCalendar();
    for (const d of ['2024-01-01', '2024-04-18', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
      '2025-04-07', '2025-09-01', '2025-09-02', '2026-02-16', '2026-02-17', '2026-04-26', '2026-04-27', '2026-11-24']) {
      expect(bare.isWorkingDay(d), d).toBe(false);
    }
  });

  it('no compensatory day for 24/11 on a weekend (NQ 28/2026 [P]): 24/11/2029 is a Saturday', () => {
    const days = candidateDaysOff(2029);
    expect(days.get('2029-11-24')?.kind).toBe('holiday');
    expect(days.get('2029-11-26')).toBeUndefined();
  });

  it('no Culture Day before 2026', () => {
    expect(candidateDaysOff(2025).has('2025-11-24')).toBe(false);
  });
});

describe('validation at load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'da06-calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: unknown): void => writeFileSync(join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  const good = JSON.parse(readFileSync(join(CALENDAR_DIR, '2025.json'), 'utf8')) as { days: Record<string, unknown>[] };

  it('names the file and the field of every problem, in Vietnamese', () => {
    const bad = structuredClone(good);
    bad.days[0]!.kind = 'nghi';
    bad.days[1]!.date = '2025-02-30';
    bad.days.push({ ...bad.days[2], date: '2025-05-05', kind: 'makeup_working' });
    delete bad.days[3]!.source_doc;
    write('2025.json', bad);
    let error: unknown;
    try {
      loadWorkCalendar(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    const problems = (error as CalendarDataError).problems;
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/2025\.json, days\[0\]\.kind: "nghi" không hợp lệ/),
      expect.stringMatching(/2025\.json, days\[1\]\.date: "2025-02-30" không phải ngày/),
      expect.stringMatching(/days\[\d+\]\.kind: makeup_working chỉ dùng cho thứ Bảy hoặc Chủ nhật/),
      expect.stringMatching(/days\[3\]\.source_doc: bắt buộc/),
    ]));
  });

  it('checks the year against the file name, duplicate dates, unknown fields and broken JSON', () => {
    rmSync(join(dir, '2025.json'));
    write('2030.json', { ...good, year: 2025 });
    write('2031.json', '{ not json');
    write('lich.json', {});
    write('2032.json', { year: 2032, notices: [], open_items: [], extra: 1, days: [
      { date: '2032-01-01', kind: 'holiday', name: 'A', source_doc: 'X', status: 'P' },
      { date: '2032-01-01', kind: 'holiday', name: 'A', source_doc: 'X', status: 'P' },
    ] });
    expect(() => loadWorkCalendar(dir)).toThrow(CalendarDataError);
    try {
      loadWorkCalendar(dir);
    } catch (e) {
      const text = (e as Error).message;
      expect(text).toMatch(/2030\.json, year: phải là 2030/);
      expect(text).toMatch(/2031\.json: không đọc được JSON/);
      expect(text).toMatch(/lich\.json: tên tệp phải là <năm>\.json/);
      expect(text).toMatch(/2032\.json, extra: trường không được hỗ trợ/);
      expect(text).toMatch(/2032\.json, days\[1\]\.date: 2032-01-01 được khai báo hai lần/);
    }
  });
});
