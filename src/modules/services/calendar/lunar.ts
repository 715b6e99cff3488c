/**
 * The Vietnamese lunisolar calendar (âm lịch), computed for the meridian of UTC+7.
 *
 * Rules (DOMAIN-SERVICES §2.3): a month starts on the civil day (UTC+7) of a new moon; month 11
 * is the month in which the December solstice falls; when 13 months lie between two months 11,
 * the first of them after month 11 in which the sun enters no new 30° sign of longitude (no
 * principal term, trung khí) is the leap month and repeats the number of the month before it.
 *
 * Astronomy (after J. Meeus, Astronomical Algorithms, 2nd ed.): new moons from the ch. 49 series
 * with its planetary corrections, the sun's apparent longitude from the ch. 25 low-precision
 * formulas, and ΔT (TT − UT) from the Espenak–Meeus polynomials. Accuracy is a minute or so for the
 * new moon and ~0.01° for the sun, ample for 1900–2100 (the vectors in lunar.test.ts hold it).
 * Vietnam and China differ only by the meridian: UTC+8 moves a new moon close to midnight onto the
 * next day (Tết 2007, 2030, 2053), and the shifted month boundaries can move a leap month (Tết 1985
 * a whole month apart).
 */
import { epochDay, epochDayFromJdn, isoFromEpochDay, jdnFromEpochDay } from './civil-time.js';
import type { IsoDate, LunarDate } from './types.js';

const TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588861;
/** JDE of the mean new moon of 6 January 2000, lunation number k = 0 (Meeus 49.1). */
const NEW_MOON_EPOCH = 2451550.09766;
const RAD = Math.PI / 180;

const sin = (deg: number): number => Math.sin(deg * RAD);

/** TT − UT in seconds (Espenak & Meeus, NASA eclipse pages, polynomial fits), for a decimal year. */
function deltaTSeconds(year: number): number {
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  if (year >= 2050 && year < 2150) return -20 + 32 * u ** 2 - 0.5628 * (2150 - year);
  return -20 + 32 * u ** 2;
}

const decimalYear = (jd: number): number => 2000 + (jd - 2451545) / 365.25;

/** Additive terms of the true new moon (Meeus table 49.A, new-moon column): [coefficient, power of E, multiples of M, M′, F, Ω]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** Planetary arguments (Meeus 49, "additional corrections"): [coefficient, A at k = 0, A per lunation]. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Date (UT) of the true new moon of lunation k (k = 0: January 2000). */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85;
  let jde = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3;
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4;
  const latitudeArgument = 160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4;
  const node = 124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3;
  for (const [c, ePower, m, mPrime, f, omega] of NEW_MOON_TERMS) {
    jde += c * e ** ePower * sin(m * sunAnomaly + mPrime * moonAnomaly + f * latitudeArgument + omega * node);
  }
  PLANETARY_TERMS.forEach(([c, a0, perLunation], i) => {
    const angle = a0 + perLunation * k + (i === 0 ? -0.009173 * t ** 2 : 0);
    jde += c * sin(angle);
  });
  return jde - deltaTSeconds(decimalYear(jde)) / 86400;
}

/** Epoch day (days since 1970-01-01) of the civil day in UTC+7 on which lunation k begins. */
const monthStartCache = new Map<number, number>();
function monthStart(k: number): number {
  let day = monthStartCache.get(k);
  if (day === undefined) {
    // A Julian Date starts at noon: civil day number = floor(JD + 0.5 + offset).
    day = epochDayFromJdn(Math.floor(newMoonJulianDate(k) + 0.5 + TIME_ZONE_HOURS / 24));
    monthStartCache.set(k, day);
  }
  return day;
}

/** Apparent geocentric longitude of the sun in degrees [0, 360) at a Julian Date (Meeus ch. 25, low precision). */
function sunLongitude(jd: number): number {
  const t = (jd + deltaTSeconds(decimalYear(jd)) / 86400 - 2451545) / 36525;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const anomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t ** 2;
  const center = (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * sin(anomaly)
    + (0.019993 - 0.000101 * t) * sin(2 * anomaly)
    + 0.000289 * sin(3 * anomaly);
  const omega = 125.04 - 1934.136 * t;
  const apparent = meanLongitude + center - 0.00569 - 0.00478 * sin(omega);
  return ((apparent % 360) + 360) % 360;
}

/** The 30° sign (0–11) the sun is in at 00:00 UTC+7 of a civil day; sign 9 begins at the December solstice. */
function sunSignAtDayStart(day: number): number {
  const jdAtLocalMidnight = jdnFromEpochDay(day) - 0.5 - TIME_ZONE_HOURS / 24;
  return Math.floor(sunLongitude(jdAtLocalMidnight) / 30);
}

/** Lunation whose month contains `day`. */
function lunationContaining(day: number): number {
  const jd = jdnFromEpochDay(day);
  let k = Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (monthStart(k) > day) k--;
  while (monthStart(k + 1) <= day) k++;
  return k;
}

/** Lunation of month 11 (the month of the December solstice) that starts in Gregorian year `year`. */
const month11Cache = new Map<number, number>();
function month11Lunation(year: number): number {
  let k = month11Cache.get(year);
  if (k === undefined) {
    // The month holding 31 December began between 2 and 31 December, the sun then at 250°–280°
    // (no wrap past 360°). If the sun had already passed 270° when that month began, the solstice
    // fell in the month before; otherwise in this one (the next begins after 31 December).
    k = lunationContaining(epochDay(`${String(year).padStart(4, '0')}-12-31`));
    if (sunSignAtDayStart(monthStart(k)) >= 9) k--;
    month11Cache.set(year, k);
  }
  return k;
}

/** Offset (from month 11) of the leap month in the lunar year starting at lunation `k11`, or undefined. */
function leapOffset(k11: number, nextK11: number): number | undefined {
  if (nextK11 - k11 < 13) return undefined;
  for (let i = 1; i < 13; i++) {
    if (sunSignAtDayStart(monthStart(k11 + i)) === sunSignAtDayStart(monthStart(k11 + i + 1))) return i;
  }
  return undefined; // not reached for a real 13-month year; kept total for the type checker
}

/** Month number (1–12) at an offset from month 11, in a year whose leap month (if any) is at `leap`. */
function monthNumberAt(offset: number, leap: number | undefined): { month: number; leap: boolean } {
  const normalOffset = leap !== undefined && offset >= leap ? offset - 1 : offset;
  return { month: ((10 + normalOffset) % 12) + 1, leap: offset === leap };
}

export function solarToLunar(day: IsoDate): LunarDate {
  const n = epochDay(day);
  const k = lunationContaining(n);
  const gregorianYear = Number(isoFromEpochDay(monthStart(k)).slice(0, 4));
  // The lunar year's month 11 began in November/December of this Gregorian year or the one before.
  let year11 = gregorianYear;
  if (month11Lunation(year11) > k) year11--;
  const k11 = month11Lunation(year11);
  const { month, leap } = monthNumberAt(k - k11, leapOffset(k11, month11Lunation(year11 + 1)));
  return { day: n - monthStart(k) + 1, month, year: month >= 11 ? year11 : year11 + 1, leap };
}

export function lunarToSolar(l: { day: number; month: number; year: number; leap?: boolean }): IsoDate {
  const { day, month, year } = l;
  const wantLeap = l.leap === true;
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`not a lunar date: ${JSON.stringify(l)}`);
  }
  const year11 = month >= 11 ? year : year - 1;
  const k11 = month11Lunation(year11);
  const leap = leapOffset(k11, month11Lunation(year11 + 1));
  const normalOffset = (month + 1) % 12; // month 11 → 0, 12 → 1, 1 → 2, …, 10 → 11
  let offset: number;
  if (wantLeap) {
    if (leap === undefined || leap - 1 !== normalOffset) throw new RangeError(`no leap month ${month} in lunar year ${year}`);
    offset = leap;
  } else {
    offset = leap !== undefined && normalOffset >= leap ? normalOffset + 1 : normalOffset;
  }
  const start = monthStart(k11 + offset);
  if (day > monthStart(k11 + offset + 1) - start) throw new RangeError(`lunar month ${month}/${year} has no day ${day}`);
  return isoFromEpochDay(start + day - 1);
}

/** Last civil day of lunar month 12 of `lunarYear` (the day before Tết): 29 or 30 tháng Chạp. */
export function lastDayOfLunarYear(lunarYear: number): IsoDate {
  return isoFromEpochDay(epochDay(lunarToSolar({ day: 1, month: 1, year: lunarYear + 1 })) - 1);
}
