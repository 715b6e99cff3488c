/**
 * Legal deadlines of a dossier (DOMAIN-SERVICES §1.3, §1.7), counted on a WorkCalendar in
 * Vietnam's civil time.
 *
 * - Effective receipt: a dossier received after 15:00, or on a day that is not a working day, is
 *   handled from the next working day's opening (NĐ 118/2025 Art. 18).
 * - Online acceptance: within 8 working hours of the system's receipt (Art. 17), counted only in
 *   office hours.
 * - Processing: the acceptance day is day 0 and the result is due by the close of working day N
 *   (BLDS Art. 147: the first day is not counted). The 15:00 rule does NOT move day 0 for a
 *   limit in working days: Art. 18 governs when the desk hands the dossier on, and a dossier
 *   accepted after 15:00 reaches the competent unit at the opening of day 1, which is then still
 *   a full working day. It does move same-day procedures ("nếu tiếp nhận sau 15 giờ thì trả trong
 *   ngày làm việc tiếp theo", §1.7). Held by deadlines.test.ts "Fri 13/02/2026 15:30".
 * - Half-day limits are 4 working hours.
 *
 * Saturday-morning counters (police residence desks, [MPS-TTHC] "sáng thứ 7"): the flag says the
 * counter RECEIVES then (counterOpen), not that Saturday is a working day: the working-day count
 * comes from the government's calendar for civil servants, which a local counter schedule does
 * not change, so a dossier received on Saturday morning is counted from Monday as one received on
 * Friday after 15:00 would be.
 */
import { parseClock, vietnamDay, vietnamInstant, vietnamMinuteOfDay, weekday } from './civil-time.js';
import type { DueFlag, OfficeHours, TimeLimit, WorkCalendar } from './types.js';
import type { LoadedWorkCalendar } from './work-calendar.js';

/**
 * Platform default, NOT a legal rule: office hours are set by each agency (§1.7). 07:30–11:30 and
 * 13:30–17:00 are common one-stop-desk hours; note they make 7.5 working hours a day.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  open: '07:30',
  lunchStart: '11:30',
  lunchEnd: '13:30',
  close: '17:00',
  saturdayMorning: false,
};

/** NĐ 118/2025 Art. 18: received after 15:00 → handled from the next working day. */
export const AFTERNOON_CUTOFF = '15:00';
/** NĐ 118/2025 Art. 17: an online dossier is accepted or sent back within 8 working hours. */
export const ONLINE_ACCEPTANCE_WORKING_HOURS = 8;
/** §1.7 [P]: a limit of half a working day is 4 working hours. */
export const HALF_DAY_WORKING_HOURS = 4;

interface Clock {
  open: number;
  lunchStart: number;
  lunchEnd: number;
  close: number;
  cutoff: number;
}

const clocks = new WeakMap<OfficeHours, Clock>();
function clockOf(hours: OfficeHours): Clock {
  let c = clocks.get(hours);
  if (c) return c;
  const [open, lunchStart, lunchEnd, close] = [hours.open, hours.lunchStart, hours.lunchEnd, hours.close].map(parseClock);
  if (open === undefined || lunchStart === undefined || lunchEnd === undefined || close === undefined
    || !(open < lunchStart && lunchStart <= lunchEnd && lunchEnd < close)) {
    throw new RangeError(`office hours must be HH:mm with open < lunchStart ≤ lunchEnd < close: ${JSON.stringify(hours)}`);
  }
  c = { open, lunchStart, lunchEnd, close, cutoff: Math.min(parseClock(AFTERNOON_CUTOFF)!, close) };
  clocks.set(hours, c);
  return c;
}

const MAX_WALK_DAYS = 3 * 366;

/** The instant `minutes` of office time after `from` (office time only on working days). */
export function addWorkingMinutes(cal: WorkCalendar, from: Date, minutes: number, hours: OfficeHours): Date {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`working minutes must be ≥ 0, got ${minutes}`);
  const c = clockOf(hours);
  let day = vietnamDay(from);
  let t = vietnamMinuteOfDay(from);
  let left = minutes;
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    if (cal.isWorkingDay(day)) {
      for (const [start, end] of [[c.open, c.lunchStart], [c.lunchEnd, c.close]] as const) {
        if (t >= end) continue;
        const begin = Math.max(t, start);
        if (left <= end - begin) return vietnamInstant(day, begin + left);
        left -= end - begin;
        t = end;
      }
    }
    day = cal.nextWorkingDay(day);
    t = 0;
  }
  throw new Error(`no office time within ${MAX_WALK_DAYS} days`);
}

/** When the handling of a dossier received at `receivedAt` starts (see the file comment). */
export function effectiveReceipt(cal: WorkCalendar, receivedAt: Date, hours: OfficeHours): Date {
  const c = clockOf(hours);
  const day = vietnamDay(receivedAt);
  const t = vietnamMinuteOfDay(receivedAt);
  if (cal.isWorkingDay(day) && t <= c.cutoff) return t < c.open ? vietnamInstant(day, c.open) : receivedAt;
  return vietnamInstant(cal.nextWorkingDay(day), c.open);
}

/** Latest instant to accept (or request supplements for) an online dossier the system received at `receivedAt`. */
export function acceptanceDeadline(cal: WorkCalendar, receivedAt: Date, hours: OfficeHours): Date {
  return addWorkingMinutes(cal, receivedAt, ONLINE_ACCEPTANCE_WORKING_HOURS * 60, hours);
}

/** Whether a counter with these hours receives dossiers at `at` (the only effect of `saturdayMorning`). */
export function counterOpen(cal: WorkCalendar, at: Date, hours: OfficeHours): boolean {
  const c = clockOf(hours);
  const day = vietnamDay(at);
  const t = vietnamMinuteOfDay(at);
  const morning = t >= c.open && t < c.lunchStart;
  if (cal.isWorkingDay(day)) return morning || (t >= c.lunchEnd && t < c.close);
  // A Saturday that the calendar names (inside an announced break, e.g. Tết) is not a counter day.
  const named = (cal as Partial<LoadedWorkCalendar>).describe?.(day).name !== undefined;
  return hours.saturdayMorning && weekday(day) === 6 && cal.dayKind(day) === 'weekend' && !named && morning;
}

/**
 * When the result is due. `limit` holds exactly one of: `sameDay`, `workingDays` (a whole number
 * ≥ 1, or 0.5 for half a day), `workingHours` (> 0).
 */
export function processingDue(cal: WorkCalendar, acceptedAt: Date, limit: TimeLimit, hours: OfficeHours): Date {
  const c = clockOf(hours);
  const given = [limit.sameDay === true, limit.workingDays !== undefined, limit.workingHours !== undefined].filter(Boolean).length;
  if (given !== 1) throw new RangeError(`a time limit needs exactly one of sameDay, workingDays, workingHours: ${JSON.stringify(limit)}`);
  if (limit.sameDay) return vietnamInstant(vietnamDay(effectiveReceipt(cal, acceptedAt, hours)), c.close);
  if (limit.workingDays !== undefined) {
    const n = limit.workingDays;
    if (n === 0.5) return addWorkingMinutes(cal, acceptedAt, HALF_DAY_WORKING_HOURS * 60, hours);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`workingDays must be a whole number ≥ 1 or 0.5, got ${n}`);
    return vietnamInstant(cal.addWorkingDays(vietnamDay(acceptedAt), n), c.close);
  }
  const h = limit.workingHours!;
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`workingHours must be > 0, got ${h}`);
  return addWorkingMinutes(cal, acceptedAt, h * 60, hours);
}

/** Desk warning for a dossier due at `due`: late, due today, or due on the next working day. */
export function dueFlag(cal: WorkCalendar, now: Date, due: Date): DueFlag {
  if (now.getTime() > due.getTime()) return 'late';
  const today = vietnamDay(now);
  const dueDay = vietnamDay(due);
  if (dueDay === today) return 'due_today';
  return dueDay <= cal.nextWorkingDay(today) ? 'due_tomorrow' : null;
}
