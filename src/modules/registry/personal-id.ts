import { BIRTH_PROVINCE_CODES } from './birth-province-codes.js';

/**
 * Personal identification number (số định danh cá nhân), Art. 7 Thông tư 07/2016/TT-BCA:
 * digits 1–3 birth-registration province, digit 4 century + sex, digits 5–6 year of birth,
 * digits 7–12 random. There is no check digit.
 */
export type Sex = 'Nam' | 'Nữ';

export type PersonalIdProblem =
  | { code: 'PERSONAL_ID_FORMAT' }
  | { code: 'PERSONAL_ID_PROVINCE'; prefix: string }
  | { code: 'PERSONAL_ID_SEX'; expected: Sex; actual: Sex }
  | { code: 'PERSONAL_ID_CENTURY'; idCentury: number; birthYear: number }
  | { code: 'PERSONAL_ID_BIRTH_YEAR'; idYear: string; birthYear: number };

const PERSONAL_ID = /^\d{12}$/;
const LEGACY_ID = /^\d{9}$/;

export function isPersonalIdShape(value: string): boolean {
  return PERSONAL_ID.test(value);
}

export function isLegacyIdShape(value: string): boolean {
  return LEGACY_ID.test(value);
}

/** Century and sex of digit 4: 0/1 → 1900s male/female, 2/3 → 2000s, … up to 8/9 → 2300s. */
export function decodeCenturySex(digit: number): { century: number; sex: Sex } {
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'Nam' : 'Nữ' };
}

export function centurySexDigit(birthYear: number, sex: Sex): number {
  const centuryIndex = Math.floor((birthYear - 1900) / 100);
  if (centuryIndex < 0 || centuryIndex > 4) throw new RangeError(`birth year ${birthYear} outside 1900–2399`);
  return centuryIndex * 2 + (sex === 'Nữ' ? 1 : 0);
}

/** Builds an ID from its coded parts; `serial` is the 6-digit random part. */
export function makePersonalId(birthProvince3: string, birthYear: number, sex: Sex, serial: number): string {
  const yy = String(birthYear % 100).padStart(2, '0');
  return `${birthProvince3}${centurySexDigit(birthYear, sex)}${yy}${String(serial).padStart(6, '0')}`;
}

/**
 * Checks an ID against the person's sex and date of birth (YYYY-MM-DD).
 * Returns every part that disagrees, in reading order; an empty list means consistent.
 */
export function checkPersonalId(id: string, sex: Sex, dateOfBirth: string): PersonalIdProblem[] {
  if (!PERSONAL_ID.test(id)) return [{ code: 'PERSONAL_ID_FORMAT' }];
  const problems: PersonalIdProblem[] = [];
  const prefix = id.slice(0, 3);
  if (!(prefix in BIRTH_PROVINCE_CODES)) problems.push({ code: 'PERSONAL_ID_PROVINCE', prefix });
  const decoded = decodeCenturySex(Number(id[3]));
  if (decoded.sex !== sex) problems.push({ code: 'PERSONAL_ID_SEX', expected: decoded.sex, actual: sex });
  const birthYear = Number(dateOfBirth.slice(0, 4));
  if (decoded.century !== Math.floor(birthYear / 100) * 100) {
    problems.push({ code: 'PERSONAL_ID_CENTURY', idCentury: decoded.century, birthYear });
  } else if (id.slice(4, 6) !== dateOfBirth.slice(2, 4)) {
    problems.push({ code: 'PERSONAL_ID_BIRTH_YEAR', idYear: id.slice(4, 6), birthYear });
  }
  return problems;
}

/** Masks an ID for lists: first 3 and last 3 digits stay visible. */
export function maskPersonalId(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 6) + id.slice(-3);
}
