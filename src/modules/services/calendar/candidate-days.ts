/**
 * Days off a year is expected to have when no notice for it has been loaded: the statutory
 * holidays of Bộ luật Lao động 2019 Art. 112(1), the lunar ones placed by the lunar conversion,
 * and the compensatory day of Art. 111(3) for a holiday on a weekend. These are CANDIDATES
 * (DOMAIN-SERVICES §2.2: swaps are never derived), and the calendar says so with covers() === false.
 */
import { addDays, epochDay, isoFromEpochDay, weekday } from './civil-time.js';
import { lunarToSolar } from './lunar.js';
import type { DayKind, IsoDate } from './types.js';

export interface CandidateDay {
  kind: DayKind;
  name: string;
}

/** Nghị quyết 28/2026/QH16 Art. 2, in force 01/07/2026; no compensatory day when it falls on a weekend [P]. */
const CULTURE_DAY_FIRST_YEAR = 2026;

const isWeekend = (day: IsoDate): boolean => {
  const w = weekday(day);
  return w === 0 || w === 6;
};

/**
 * Second Quốc khánh day (02/09 "and one adjacent day", chosen each year): Monday 01/09 when 02/09
 * is a Tuesday, otherwise 03/09. A guess that reproduces 2024 (03/09) and 2025 (01/09); the
 * year's notice replaces it.
 */
function secondNationalDay(year: number): IsoDate {
  const national = `${year}-09-02`;
  return weekday(national) === 2 ? `${year}-09-01` : `${year}-09-03`;
}

export function candidateDaysOff(year: number): Map<IsoDate, CandidateDay> {
  const y = String(year).padStart(4, '0');
  const holidays: [IsoDate, string, boolean][] = []; // date, name, compensated when on a weekend
  holidays.push([`${y}-01-01`, 'Tết Dương lịch', true]);
  const tet = lunarToSolar({ day: 1, month: 1, year });
  // Five Tết days (Art. 112(1)(b)); the Prime Minister fixes which: the candidate is the last day
  // of the old year and the first four of the new one.
  for (let i = -1; i <= 3; i++) holidays.push([addDays(tet, i), 'Tết Âm lịch (dự kiến)', true]);
  holidays.push([lunarToSolar({ day: 10, month: 3, year }), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', true]);
  holidays.push([`${y}-04-30`, 'Ngày Chiến thắng', true]);
  holidays.push([`${y}-05-01`, 'Ngày Quốc tế lao động', true]);
  holidays.push([`${y}-09-02`, 'Quốc khánh', true]);
  holidays.push([secondNationalDay(year), 'Quốc khánh (ngày liền kề, dự kiến)', true]);
  if (year >= CULTURE_DAY_FIRST_YEAR) holidays.push([`${y}-11-24`, 'Ngày Văn hóa Việt Nam', false]);
  holidays.sort((a, b) => a[0].localeCompare(b[0]));

  const days = new Map<IsoDate, CandidateDay>();
  for (const [date, name] of holidays) days.set(date, { kind: 'holiday', name });
  for (const [date, name, compensated] of holidays) {
    if (!compensated || !isWeekend(date)) continue;
    let n = epochDay(date) + 1;
    while (isWeekend(isoFromEpochDay(n)) || days.has(isoFromEpochDay(n))) n++;
    days.set(isoFromEpochDay(n), { kind: 'compensatory', name: `Nghỉ bù ${name}` });
  }
  return days;
}
