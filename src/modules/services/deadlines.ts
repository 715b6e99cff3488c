import {
  acceptanceDeadline, DEFAULT_OFFICE_HOURS, processingDue, type DueFlag, type OfficeHours, type TimeLimit, type WorkCalendar,
} from './calendar/index.js';
import { todayInVietnam } from '../../platform/time.js';

/**
 * Office hours when an agency's configuration says nothing: the calendar's default (not a rule: each
 * agency sets its hours locally, DOMAIN-SERVICES.md §1.7); the commune police also receive on Saturday
 * morning for residence procedures ([MPS-TTHC]).
 */
const SATURDAY_AGENCIES = new Set(['commune_police']);

export function officeHoursOf(agency: string, configured?: Partial<Record<string, OfficeHours>>): OfficeHours {
  return configured?.[agency] ?? { ...DEFAULT_OFFICE_HOURS, saturdayMorning: SATURDAY_AGENCIES.has(agency) };
}

/** `yyyy-mm-dd` plus n calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 00:00 of a civil day in Vietnam (UTC+7, no daylight saving), as an instant. */
export const startOfDayVn = (day: string): Date => new Date(`${day}T00:00:00+07:00`);

/** The instant of `HH:mm` on a civil day in Vietnam. */
export const atVn = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+07:00`);

/**
 * Whether a due date rests on a published notice: a day of a year without a calendar file is counted with the
 * statutory candidates (candidate-days.ts), so the date is provisional until the year's notice is loaded. Never
 * a refusal: from 01/01 of a year nobody has added yet, submissions and receptions go on (review 2026-12-07 #2,
 * test "a year without a calendar file" in review-fixes-2.test.ts).
 */
export function isProvisional(cal: WorkCalendar, due: Date): boolean {
  return !cal.covers(todayInVietnam(due));
}

/**
 * The years whose notice is missing although a deadline may already reach into them: this year, and from
 * October (when notices are usually published) next year. Logged at start-up so someone adds the file.
 */
export function missingCalendarYears(cal: WorkCalendar, now: Date): number[] {
  const today = todayInVietnam(now);
  const year = Number(today.slice(0, 4));
  const years = Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
  return years.filter((y) => !cal.covers(`${y}-06-01`));
}

/** Online submission: the officer accepts or asks for more within 8 working hours of the system's receipt. */
export function acceptanceDue(cal: WorkCalendar, receivedAt: Date, hours: OfficeHours): Date {
  return acceptanceDeadline(cal, receivedAt, hours);
}

/**
 * The result's due date for a dossier accepted at `acceptedAt`: the acceptance day is day 0 and the
 * procedure's limit runs in working days or hours; the 15:00 rule moves same-day procedures only
 * (calendar/deadlines.ts explains why, with its test "Fri 13/02/2026 15:30").
 */
export function resultDue(cal: WorkCalendar, acceptedAt: Date, limit: TimeLimit, hours: OfficeHours): Date {
  return processingDue(cal, acceptedAt, limit, hours);
}

/** The working day before a civil day (the last day an extension may be asked for, NĐ 118 Art. 19). */
export function previousWorkingDay(cal: WorkCalendar, day: string): string {
  let d = addDays(day, -1);
  for (let i = 0; i < 60 && !cal.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

/** The deadline window a queue filter stands for, as instants: [from, before). */
export function dueWindow(cal: WorkCalendar, now: Date, flag: Exclude<DueFlag, null>): { from?: Date; before?: Date } {
  const today = todayInVietnam(now);
  const endOfToday = startOfDayVn(addDays(today, 1));
  if (flag === 'late') return { before: now };
  if (flag === 'due_today') return { from: now, before: endOfToday };
  return { from: endOfToday, before: startOfDayVn(addDays(cal.nextWorkingDay(today), 1)) };
}
