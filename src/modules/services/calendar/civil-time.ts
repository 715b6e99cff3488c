/**
 * Civil dates and wall-clock times in Vietnam: UTC+7 all year, no daylight saving (Asia/Ho_Chi_Minh
 * since 1975; the tz database has UTC+8 in parts of 1943–1975, which no legal deadline reaches).
 * Plain arithmetic, so the hot paths of the deadline code never build an Intl formatter; held
 * against src/platform/time.ts by civil-time.test.ts.
 */
import type { IsoDate } from './types.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
/** Offset of Asia/Ho_Chi_Minh from UTC, in minutes. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
/** Julian Day Number of 1970-01-01. */
const JDN_OF_UNIX_EPOCH = 2_440_588;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a valid 'yyyy-mm-dd', or undefined for anything else (2025-02-30 too). */
export function parseIsoDate(day: string): number | undefined {
  const m = ISO_DATE.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / MS_PER_DAY;
}

/** Days since 1970-01-01 of a date that must be valid (a programming error otherwise). */
export function epochDay(day: IsoDate): number {
  const n = parseIsoDate(day);
  if (n === undefined) throw new RangeError(`not a calendar date (yyyy-mm-dd): ${day}`);
  return n;
}

export function isoFromEpochDay(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : String(y);
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export const jdnFromEpochDay = (n: number): number => n + JDN_OF_UNIX_EPOCH;
export const epochDayFromJdn = (jdn: number): number => jdn - JDN_OF_UNIX_EPOCH;

export function addDays(day: IsoDate, n: number): IsoDate {
  return isoFromEpochDay(epochDay(day) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: IsoDate): number {
  return new Date(epochDay(day) * MS_PER_DAY).getUTCDay();
}

export const yearOf = (day: IsoDate): number => Number(day.slice(0, 4));

/** The civil day in Vietnam on which an instant falls. */
export function vietnamDay(at: Date): IsoDate {
  return isoFromEpochDay(Math.floor((at.getTime() + VIETNAM_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY));
}

/** Minutes since local midnight in Vietnam (fractions kept: seconds count for the 15:00 rule). */
export function vietnamMinuteOfDay(at: Date): number {
  const local = at.getTime() + VIETNAM_OFFSET_MINUTES * MS_PER_MINUTE;
  return (local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE;
}

/** The instant at a wall-clock minute of a civil day in Vietnam. */
export function vietnamInstant(day: IsoDate, minuteOfDay: number): Date {
  return new Date(epochDay(day) * MS_PER_DAY + (minuteOfDay - VIETNAM_OFFSET_MINUTES) * MS_PER_MINUTE);
}

/** 'HH:mm' → minutes since midnight, or undefined. */
export function parseClock(text: string): number | undefined {
  const m = HH_MM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}
