/**
 * Working-day calendar, lunar conversion, legal deadlines and dossier codes for the services module.
 * Pure code: no database, no clock. All instants are Date objects (UTC); civil dates are
 * 'yyyy-mm-dd' strings in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */
export type { DayKind, DueFlag, IsoDate, LunarDate, OfficeHours, TimeLimit, WorkCalendar } from './types.js';
export {
  CALENDAR_DIR,
  CalendarDataError,
  checkCalendarFile,
  loadWorkCalendar,
  statutoryOnlyCalendar,
  type CalendarDayEntry,
  type CalendarNotice,
  type CalendarYearFile,
  type LoadedWorkCalendar,
  type Verification,
} from './work-calendar.js';
export {
  acceptanceDeadline,
  addWorkingMinutes,
  AFTERNOON_CUTOFF,
  counterOpen,
  DEFAULT_OFFICE_HOURS,
  dueFlag,
  effectiveReceipt,
  HALF_DAY_WORKING_HOURS,
  ONLINE_ACCEPTANCE_WORKING_HOURS,
  processingDue,
} from './deadlines.js';
export { dossierCode, parseDossierCode, type DossierCodeParts } from './dossier-code.js';
export { lastDayOfLunarYear, lunarToSolar, solarToLunar } from './lunar.js';
