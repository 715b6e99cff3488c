/**
 * Working-day calendar, lunar conversion, legal deadlines and dossier codes for the services module.
 * Pure code: no database, no clock. All instants are Date objects (UTC); civil dates are
 * 'yyyy-mm-dd' strings in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */

export type IsoDate = string; // 'yyyy-mm-dd', a civil date in Asia/Ho_Chi_Minh
export type DayKind = 'working' | 'weekend' | 'holiday' | 'compensatory' | 'swapped_off' | 'makeup_working';
export interface OfficeHours { open: string; lunchStart: string; lunchEnd: string; close: string; saturdayMorning: boolean } // 'HH:mm'
export interface TimeLimit { workingDays?: number; workingHours?: number; sameDay?: boolean }
export interface WorkCalendar {
  dayKind(day: IsoDate): DayKind;
  isWorkingDay(day: IsoDate): boolean;
  addWorkingDays(day: IsoDate, n: number): IsoDate;
  nextWorkingDay(day: IsoDate): IsoDate;
  /** A published notice for that day's year is loaded. */
  covers(day: IsoDate): boolean;
}
export type DueFlag = 'late' | 'due_today' | 'due_tomorrow' | null;

const notImplemented = (): never => {
  throw new Error('not implemented');
};

export function loadWorkCalendar(_dir?: string): WorkCalendar { return notImplemented(); }
export function effectiveReceipt(_cal: WorkCalendar, _receivedAt: Date, _hours: OfficeHours): Date { return notImplemented(); }
export function acceptanceDeadline(_cal: WorkCalendar, _receivedAt: Date, _hours: OfficeHours): Date { return notImplemented(); }
export function processingDue(_cal: WorkCalendar, _acceptedAt: Date, _limit: TimeLimit, _hours: OfficeHours): Date { return notImplemented(); }
export function dueFlag(_cal: WorkCalendar, _now: Date, _due: Date): DueFlag { return notImplemented(); }
export function dossierCode(_agencyCode: string, _receivedAt: Date, _seq: number): string { return notImplemented(); }
export function parseDossierCode(_code: string): { agencyCode: string; date: IsoDate; seq: string } | undefined { return notImplemented(); }
export function solarToLunar(_day: IsoDate): { day: number; month: number; year: number; leap: boolean } { return notImplemented(); }
export function lunarToSolar(_l: { day: number; month: number; year: number; leap?: boolean }): IsoDate { return notImplemented(); }
