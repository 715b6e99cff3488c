import { describe, expect, it } from 'vitest';
import {
  acceptanceDeadline,
  counterOpen,
  DEFAULT_OFFICE_HOURS,
  dueFlag,
  effectiveReceipt,
  processingDue,
} from './deadlines.js';
import type { OfficeHours } from './types.js';
import { loadWorkCalendar } from './work-calendar.js';

const cal = loadWorkCalendar();
const hours = DEFAULT_OFFICE_HOURS;
/** An instant written as Vietnam wall-clock time. */
const vn = (local: string): Date => new Date(`${local}+07:00`);

describe('effectiveReceipt (NĐ 118 Art. 18)', () => {
  it('a dossier received during office hours up to 15:00 counts at once', () => {
    expect(effectiveReceipt(cal, vn('2026-03-11T10:00:00'), hours)).toEqual(vn('2026-03-11T10:00:00'));
    expect(effectiveReceipt(cal, vn('2026-03-11T15:00:00'), hours)).toEqual(vn('2026-03-11T15:00:00'));
    expect(effectiveReceipt(cal, vn('2026-03-11T12:15:00'), hours)).toEqual(vn('2026-03-11T12:15:00'));
  });

  it('before opening → that day’s opening; after 15:00 → next working day’s opening', () => {
    expect(effectiveReceipt(cal, vn('2026-03-11T06:45:00'), hours)).toEqual(vn('2026-03-11T07:30:00'));
    expect(effectiveReceipt(cal, vn('2026-03-11T15:00:01'), hours)).toEqual(vn('2026-03-12T07:30:00'));
  });

  it('weekends and holidays → next working day’s opening; a make-up Saturday is a working day', () => {
    expect(effectiveReceipt(cal, vn('2026-03-14T09:00:00'), hours)).toEqual(vn('2026-03-16T07:30:00'));
    expect(effectiveReceipt(cal, vn('2026-04-27T09:00:00'), hours)).toEqual(vn('2026-04-28T07:30:00'));
    expect(effectiveReceipt(cal, vn('2025-04-26T09:00:00'), hours)).toEqual(vn('2025-04-26T09:00:00'));
    expect(effectiveReceipt(cal, vn('2025-05-02T09:00:00'), hours)).toEqual(vn('2025-05-05T07:30:00'));
  });

  it('Fri 13/02/2026 15:30, the last working day before Tết → Mon 23/02/2026 07:30', () => {
    expect(effectiveReceipt(cal, vn('2026-02-13T15:30:00'), hours)).toEqual(vn('2026-02-23T07:30:00'));
  });
});

describe('acceptanceDeadline: 8 working hours (NĐ 118 Art. 17)', () => {
  it('counts only office hours: Wed 16:00 → Thu 16:30 (1 h + 4 h + 3 h)', () => {
    expect(acceptanceDeadline(cal, vn('2026-03-11T16:00:00'), hours)).toEqual(vn('2026-03-12T16:30:00'));
  });

  it('a Saturday submission: the default 7.5-hour day spills 30 minutes into Tuesday', () => {
    expect(acceptanceDeadline(cal, vn('2026-03-14T10:00:00'), hours)).toEqual(vn('2026-03-17T08:00:00'));
  });

  it('with 8-hour office days a Saturday submission is due by the end of Monday (§1.7)', () => {
    const eightHours: OfficeHours = { open: '08:00', lunchStart: '12:00', lunchEnd: '13:00', close: '17:00', saturdayMorning: false };
    expect(acceptanceDeadline(cal, vn('2026-03-14T10:00:00'), eightHours)).toEqual(vn('2026-03-16T17:00:00'));
  });

  it('jumps Tết 2026: submitted Fri 13/02 16:00 → Mon 23/02 16:30', () => {
    // Fri 16:00–17:00 (1 h), Mon 23/02 07:30–11:30 (4 h) and 13:30–16:30 (3 h).
    expect(acceptanceDeadline(cal, vn('2026-02-13T16:00:00'), hours)).toEqual(vn('2026-02-23T16:30:00'));
  });
});

describe('processingDue', () => {
  it('accepted Thu 12/02/2026, 3 working days → close of Tue 24/02/2026 (§1.7)', () => {
    expect(processingDue(cal, vn('2026-02-12T10:00:00'), { workingDays: 3 }, hours)).toEqual(vn('2026-02-24T17:00:00'));
  });

  it('Fri 13/02/2026 15:30, 1 working day → close of Mon 23/02/2026 (day 0 is the acceptance day; the 15:00 rule only hands the dossier on at Monday’s opening)', () => {
    expect(processingDue(cal, vn('2026-02-13T15:30:00'), { workingDays: 1 }, hours)).toEqual(vn('2026-02-23T17:00:00'));
  });

  it('same-day procedures: by close of the day, or of the next working day after 15:00', () => {
    expect(processingDue(cal, vn('2026-02-13T14:59:00'), { sameDay: true }, hours)).toEqual(vn('2026-02-13T17:00:00'));
    expect(processingDue(cal, vn('2026-02-13T15:30:00'), { sameDay: true }, hours)).toEqual(vn('2026-02-23T17:00:00'));
    expect(processingDue(cal, vn('2026-03-14T09:00:00'), { sameDay: true }, hours)).toEqual(vn('2026-03-16T17:00:00'));
  });

  it('half a working day = 4 working hours, across lunch', () => {
    expect(processingDue(cal, vn('2026-03-11T10:00:00'), { workingDays: 0.5 }, hours)).toEqual(vn('2026-03-11T16:00:00'));
    expect(processingDue(cal, vn('2026-03-11T10:00:00'), { workingHours: 4 }, hours)).toEqual(vn('2026-03-11T16:00:00'));
    expect(processingDue(cal, vn('2026-03-11T16:30:00'), { workingHours: 4 }, hours)).toEqual(vn('2026-03-12T11:00:00'));
  });

  it('uses the swaps: Sat 26/04/2025 is worked, Fri 02/05/2025 is not', () => {
    expect(processingDue(cal, vn('2025-04-25T09:00:00'), { workingDays: 1 }, hours)).toEqual(vn('2025-04-26T17:00:00'));
    expect(processingDue(cal, vn('2025-04-29T09:00:00'), { workingDays: 2 }, hours)).toEqual(vn('2025-05-06T17:00:00'));
  });

  it('Mon 27/04/2026 is off (Giỗ Tổ compensation): accepted Fri 24/04, 1 working day → Tue 28/04', () => {
    expect(processingDue(cal, vn('2026-04-24T09:00:00'), { workingDays: 1 }, hours)).toEqual(vn('2026-04-28T17:00:00'));
  });

  it('rejects a limit that is not exactly one of the three, and bad values', () => {
    for (const limit of [{}, { sameDay: true, workingDays: 1 }, { workingDays: 0 }, { workingDays: 1.5 }, { workingHours: -1 }]) {
      expect(() => processingDue(cal, vn('2026-03-11T10:00:00'), limit, hours), JSON.stringify(limit)).toThrow(RangeError);
    }
    expect(() => processingDue(cal, vn('2026-03-11T10:00:00'), { workingDays: 1 }, { ...hours, close: '11:00' })).toThrow(RangeError);
  });
});

describe('dueFlag', () => {
  const due = vn('2026-02-23T17:00:00');
  it('due tomorrow counts in working days: from Fri 13/02 across Tết to Mon 23/02', () => {
    expect(dueFlag(cal, vn('2026-02-13T16:00:00'), due)).toBe('due_tomorrow');
    expect(dueFlag(cal, vn('2026-02-15T10:00:00'), due)).toBe('due_tomorrow');
  });
  it('due today, late, and nothing to say', () => {
    expect(dueFlag(cal, vn('2026-02-23T09:00:00'), due)).toBe('due_today');
    expect(dueFlag(cal, vn('2026-02-23T17:00:00'), due)).toBe('due_today');
    expect(dueFlag(cal, vn('2026-02-23T17:00:01'), due)).toBe('late');
    expect(dueFlag(cal, vn('2026-02-12T10:00:00'), due)).toBeNull();
  });
});

describe('counterOpen: Saturday-morning counters receive but do not make Saturday a working day', () => {
  const police: OfficeHours = { ...hours, saturdayMorning: true };
  it('opens a plain Saturday morning only', () => {
    expect(counterOpen(cal, vn('2026-03-14T09:00:00'), police)).toBe(true);
    expect(counterOpen(cal, vn('2026-03-14T14:00:00'), police)).toBe(false);
    expect(counterOpen(cal, vn('2026-03-14T09:00:00'), hours)).toBe(false);
    expect(counterOpen(cal, vn('2026-03-15T09:00:00'), police)).toBe(false);
  });
  it('stays closed on a Saturday inside a holiday break, and at lunch on weekdays', () => {
    expect(counterOpen(cal, vn('2026-02-14T09:00:00'), police)).toBe(false);
    expect(counterOpen(cal, vn('2026-03-11T12:00:00'), police)).toBe(false);
    expect(counterOpen(cal, vn('2026-03-11T13:30:00'), police)).toBe(true);
  });
  it('a dossier received at a Saturday counter is due like one received Friday after 15:00', () => {
    expect(processingDue(cal, vn('2026-03-13T15:30:00'), { workingDays: 1 }, police)).toEqual(vn('2026-03-16T17:00:00'));
    expect(processingDue(cal, vn('2026-03-14T09:00:00'), { workingDays: 1 }, police)).toEqual(vn('2026-03-16T17:00:00'));
  });
});
