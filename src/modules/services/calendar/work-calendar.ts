/**
 * The working-day calendar as data: one file per year in data/calendar/<year>.json holding the
 * days off (and worked Saturdays) announced for civil servants, each with its source document.
 * Years without a file fall back to the statutory candidates (candidate-days.ts).
 * Format and how to add a year: data/calendar/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateDaysOff, type CandidateDay } from './candidate-days.js';
import { epochDay, isoFromEpochDay, parseIsoDate, weekday, yearOf } from './civil-time.js';
import type { DayKind, IsoDate, WorkCalendar } from './types.js';

export const CALENDAR_DIR = fileURLToPath(new URL('../../../../data/calendar/', import.meta.url));

export type Verification = 'verified' | 'P' | 'U';
export interface CalendarDayEntry {
  date: IsoDate;
  kind: Exclude<DayKind, 'working'>;
  name: string;
  source_doc: string;
  status: Verification;
  note?: string;
}
export interface CalendarNotice {
  source_doc: string;
  title: string;
  /** Date of signature, when checked. */
  issued?: IsoDate;
  issuer: string;
  status: Verification;
  reference: string;
}
export interface CalendarYearFile {
  year: number;
  notices: CalendarNotice[];
  days: CalendarDayEntry[];
  open_items: string[];
}

/** Thrown at load when a calendar file is wrong; the message lists every problem, in Vietnamese. */
export class CalendarDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`Dữ liệu lịch làm việc không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CalendarDataError';
  }
}

const FILE_KINDS: readonly string[] = ['weekend', 'holiday', 'compensatory', 'swapped_off', 'makeup_working'];
const VERIFICATIONS: readonly string[] = ['verified', 'P', 'U'];
const WEEKDAY_ONLY_KINDS: readonly string[] = ['compensatory', 'swapped_off'];
const WEEKEND_ONLY_KINDS: readonly string[] = ['weekend', 'makeup_working'];
const NOTICE_KEYS = ['source_doc', 'title', 'issued', 'issuer', 'status', 'reference'];
const DAY_KEYS = ['date', 'kind', 'name', 'source_doc', 'status', 'note'];
const FILE_KEYS = ['year', 'notices', 'days', 'open_items'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isWeekendDay = (day: IsoDate): boolean => weekday(day) === 0 || weekday(day) === 6;

/** Checks one parsed file; `where` names it in messages. Returns the problems (empty when valid). */
export function checkCalendarFile(where: string, fileYear: number, data: unknown): string[] {
  const problems: string[] = [];
  const at = (field: string, text: string): void => void problems.push(`${where}, ${field}: ${text}`);
  const unknownKeys = (o: Record<string, unknown>, allowed: string[], field: string): void => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) at(field ? `${field}.${k}` : k, 'trường không được hỗ trợ');
  };
  if (!isRecord(data)) {
    problems.push(`${where}: tệp phải chứa một đối tượng JSON`);
    return problems;
  }
  unknownKeys(data, FILE_KEYS, '');
  if (data.year !== fileYear) at('year', `phải là ${fileYear} (trùng tên tệp), đang là ${JSON.stringify(data.year)}`);
  const docs = new Set<string>();
  if (!Array.isArray(data.notices)) at('notices', 'phải là một mảng (có thể rỗng)');
  else data.notices.forEach((n: unknown, i) => {
    const f = `notices[${i}]`;
    if (!isRecord(n)) return at(f, 'phải là một đối tượng');
    unknownKeys(n, NOTICE_KEYS, f);
    for (const k of ['source_doc', 'title', 'issuer', 'reference']) if (!isText(n[k])) at(`${f}.${k}`, 'bắt buộc, là chuỗi không rỗng');
    if (n.issued !== undefined && (typeof n.issued !== 'string' || parseIsoDate(n.issued) === undefined)) at(`${f}.issued`, 'nếu có, phải là ngày yyyy-mm-dd hợp lệ');
    if (!VERIFICATIONS.includes(n.status as string)) at(`${f}.status`, `phải là một trong ${VERIFICATIONS.join(', ')}`);
    if (isText(n.source_doc)) docs.add(n.source_doc);
  });
  if (!Array.isArray(data.open_items) || !data.open_items.every(isText)) at('open_items', 'phải là một mảng chuỗi (có thể rỗng)');
  if (!Array.isArray(data.days)) {
    at('days', 'phải là một mảng');
    return problems;
  }
  const seen = new Set<string>();
  data.days.forEach((d: unknown, i) => {
    const f = `days[${i}]`;
    if (!isRecord(d)) return at(f, 'phải là một đối tượng');
    unknownKeys(d, DAY_KEYS, f);
    const date = typeof d.date === 'string' && parseIsoDate(d.date) !== undefined ? d.date : undefined;
    if (!date) at(`${f}.date`, `${JSON.stringify(d.date)} không phải ngày yyyy-mm-dd hợp lệ`);
    else if (yearOf(date) !== fileYear) at(`${f}.date`, `${date} không thuộc năm ${fileYear}`);
    else if (seen.has(date)) at(`${f}.date`, `${date} được khai báo hai lần`);
    else seen.add(date);
    const kind = typeof d.kind === 'string' && FILE_KINDS.includes(d.kind) ? d.kind : undefined;
    if (!kind) at(`${f}.kind`, `${JSON.stringify(d.kind)} không hợp lệ; dùng một trong ${FILE_KINDS.join(', ')}`);
    if (date && kind && WEEKDAY_ONLY_KINDS.includes(kind) && isWeekendDay(date)) at(`${f}.kind`, `${kind} chỉ dùng cho ngày từ thứ Hai đến thứ Sáu (${date} là ngày cuối tuần)`);
    if (date && kind && WEEKEND_ONLY_KINDS.includes(kind) && !isWeekendDay(date)) at(`${f}.kind`, `${kind} chỉ dùng cho thứ Bảy hoặc Chủ nhật (${date} là ngày trong tuần)`);
    if (!isText(d.name)) at(`${f}.name`, 'bắt buộc, là chuỗi không rỗng');
    if (!isText(d.source_doc)) at(`${f}.source_doc`, 'bắt buộc: văn bản công bố hoặc căn cứ pháp lý');
    if (!VERIFICATIONS.includes(d.status as string)) at(`${f}.status`, `phải là một trong ${VERIFICATIONS.join(', ')}`);
    if (d.note !== undefined && !isText(d.note)) at(`${f}.note`, 'nếu có, là chuỗi không rỗng');
  });
  return problems;
}

const YEAR_FILE = /^(\d{4})\.json$/;

/** Reads and validates every <year>.json in `dir`; throws CalendarDataError listing all problems. */
export function readCalendarFiles(dir: string): Map<number, CalendarYearFile> {
  const files = new Map<number, CalendarYearFile>();
  const problems: string[] = [];
  const shown = (name: string): string => relative(process.cwd(), join(dir, name)) || name;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const m = YEAR_FILE.exec(name);
    if (!m) {
      problems.push(`${shown(name)}: tên tệp phải là <năm>.json, ví dụ 2027.json`);
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      problems.push(`${shown(name)}: không đọc được JSON (${(e as Error).message})`);
      continue;
    }
    const found = checkCalendarFile(shown(name), Number(m[1]), data);
    if (found.length > 0) problems.push(...found);
    else files.set(Number(m[1]), data as CalendarYearFile);
  }
  if (problems.length > 0) throw new CalendarDataError(problems);
  return files;
}

/** Upper bound on days walked by one query: a year of holidays is impossible, so this only stops runaway data. */
const MAX_WALK_DAYS = 3 * 366;

export interface LoadedWorkCalendar extends WorkCalendar {
  /** The entry behind a day that is not a plain day (name, source, verification), if any. */
  describe(day: IsoDate): { kind: DayKind; name?: string; sourceDoc?: string; status?: Verification; announced: boolean };
  /** Years for which a notice file is loaded, ascending. */
  coveredYears(): number[];
}

export function workCalendarFrom(files: Map<number, CalendarYearFile>): LoadedWorkCalendar {
  const announced = new Map<IsoDate, CalendarDayEntry>();
  for (const file of files.values()) for (const d of file.days) announced.set(d.date, d);
  const candidates = new Map<number, Map<IsoDate, CandidateDay>>();
  const candidatesOf = (year: number): Map<IsoDate, CandidateDay> => {
    let m = candidates.get(year);
    if (!m) candidates.set(year, (m = candidateDaysOff(year)));
    return m;
  };
  const plainKind = (day: IsoDate): DayKind => (isWeekendDay(day) ? 'weekend' : 'working');
  const covers = (day: IsoDate): boolean => files.has(yearOf(day));
  // Deadline walks ask the same few hundred days again and again; a day's kind never changes.
  const kinds = new Map<IsoDate, DayKind>();
  const dayKind = (day: IsoDate): DayKind => {
    let kind = kinds.get(day);
    if (kind) return kind;
    epochDay(day); // rejects malformed dates
    kind = covers(day) ? announced.get(day)?.kind ?? plainKind(day) : candidatesOf(yearOf(day)).get(day)?.kind ?? plainKind(day);
    if (kinds.size < 100_000) kinds.set(day, kind);
    return kind;
  };
  const isWorkingDay = (day: IsoDate): boolean => {
    const kind = dayKind(day);
    return kind === 'working' || kind === 'makeup_working';
  };
  const nextWorkingDay = (day: IsoDate): IsoDate => {
    let n = epochDay(day);
    for (let i = 0; i < MAX_WALK_DAYS; i++) {
      n++;
      const d = isoFromEpochDay(n);
      if (isWorkingDay(d)) return d;
    }
    throw new Error(`no working day within ${MAX_WALK_DAYS} days after ${day}`);
  };
  return {
    dayKind,
    isWorkingDay,
    nextWorkingDay,
    covers,
    addWorkingDays(day, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
      let d = day;
      epochDay(d);
      for (let i = 0; i < n; i++) d = nextWorkingDay(d);
      return d;
    },
    describe(day) {
      const kind = dayKind(day);
      if (covers(day)) {
        const e = announced.get(day);
        return e ? { kind, name: e.name, sourceDoc: e.source_doc, status: e.status, announced: true } : { kind, announced: true };
      }
      const c = candidatesOf(yearOf(day)).get(day);
      return c ? { kind, name: c.name, sourceDoc: 'Bộ luật Lao động 2019, Điều 111–112 (ngày dự kiến)', status: 'P', announced: false } : { kind, announced: false };
    },
    coveredYears: () => [...files.keys()].sort((a, b) => a - b),
  };
}

export function loadWorkCalendar(dir: string = CALENDAR_DIR): LoadedWorkCalendar {
  return workCalendarFrom(readCalendarFiles(dir));
}

/** Used by tests and tools that build a calendar without files: only statutory candidates. */
export const statutoryOnlyCalendar = (): LoadedWorkCalendar => workCalendarFrom(new Map());
