/** Shapes shared by the calendar, the deadline rules and their callers (re-exported by index.ts). */

/** 'yyyy-mm-dd', a civil date in Asia/Ho_Chi_Minh. */
export type IsoDate = string;

export type DayKind = 'working' | 'weekend' | 'holiday' | 'compensatory' | 'swapped_off' | 'makeup_working';

/** An agency's counter hours, 'HH:mm' wall-clock times in Vietnam. */
export interface OfficeHours {
  open: string;
  lunchStart: string;
  lunchEnd: string;
  close: string;
  /** The counter also receives on Saturday morning (open → lunchStart); see deadlines.ts for what it changes. */
  saturdayMorning: boolean;
}

/** A procedure's processing time. Exactly one of the three is expected; see processingDue. */
export interface TimeLimit {
  workingDays?: number;
  workingHours?: number;
  sameDay?: boolean;
}

export interface WorkCalendar {
  dayKind(day: IsoDate): DayKind;
  isWorkingDay(day: IsoDate): boolean;
  /** Day 0 is `day` itself; counting `n` ≥ 0 working days after it (a non-working `day` is allowed). */
  addWorkingDays(day: IsoDate, n: number): IsoDate;
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: IsoDate): IsoDate;
  /** A published notice for that day's year is loaded; false means the days are statutory candidates only. */
  covers(day: IsoDate): boolean;
}

export type DueFlag = 'late' | 'due_today' | 'due_tomorrow' | null;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}
