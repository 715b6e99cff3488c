import { childrenOf, decodeBer, hasTag, TAG_CLASS, valueBytes } from './der.js';
import { ChipInputError, parseOrThrow } from './errors.js';

/** DG1 is application tag 1 (0x61) holding the MRZ in tag 0x5F1F (ICAO 9303-10 §4.7.1). */
const DG1_TAG = 1;
const MRZ_TAG = 0x1f;
const TD1_LENGTH = 90;

export interface Dg1CheckDigits {
  documentNumber: boolean;
  dateOfBirth: boolean;
  dateOfExpiry: boolean;
  composite: boolean;
}

export interface Dg1Data {
  /** The three 30-character MRZ lines. */
  lines: [string, string, string];
  /** "ID" on Vietnamese cards (ICAO allows "I<", "IA"…). */
  documentCode: string;
  issuingState: string;
  /** On Vietnamese cards: the last 9 digits of the personal ID. */
  documentNumber: string;
  /** The 12-digit personal ID Vietnamese cards put at the start of the optional data, if present. */
  personalId?: string;
  optionalData1: string;
  optionalData2: string;
  /** YYYY-MM-DD; YYYY-MM or YYYY when the MRZ marks day/month unknown ("<<"); null if unreadable. */
  dateOfBirth: string | null;
  sex: 'M' | 'F' | 'X';
  dateOfExpiry: string | null;
  nationality: string;
  surname: string;
  givenNames: string;
  /** Surname then given names, space separated (the MRZ carries no diacritics). */
  fullName: string;
  checkDigits: Dg1CheckDigits;
}

/**
 * ICAO 9303-3 §4.9: weights 7, 3, 1 repeating; digits count as themselves, A–Z as 10–35 and
 * the filler "<" as 0; the check digit is the sum modulo 10.
 */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += value * weights[i % 3];
  }
  return sum % 10;
}

function checkDigitMatches(field: string, digit: string): boolean {
  return /^[0-9]$/.test(digit) && mrzCheckDigit(field) === Number(digit);
}

/** Parses DG1 bytes. `at` anchors the century guess for birth dates when no personal ID helps. */
export function parseDg1(bytes: Uint8Array, options: { at?: Date } = {}): Dg1Data {
  const root = decodeBer(bytes, 'DG1_MALFORMED');
  if (!hasTag(root, TAG_CLASS.application, DG1_TAG)) throw new ChipInputError('DG1_MALFORMED', {}, 'DG1 must start with tag 0x61');
  const mrzNode = childrenOf(root).find((n) => hasTag(n, TAG_CLASS.application, MRZ_TAG));
  if (!mrzNode) throw new ChipInputError('DG1_MALFORMED', {}, 'no MRZ (tag 0x5F1F) in DG1');
  const mrz = parseOrThrow('DG1_MALFORMED', () => Buffer.from(valueBytes(mrzNode)).toString('latin1'));
  return parseTd1Mrz(mrz, options);
}

/** Parses a TD1 MRZ given as 90 characters (line breaks allowed). Throws MRZ_NOT_TD1. */
export function parseTd1Mrz(text: string, options: { at?: Date } = {}): Dg1Data {
  const mrz = text.replace(/\r?\n/g, '');
  if (mrz.length !== TD1_LENGTH || !/^[A-Z0-9<]+$/.test(mrz)) {
    throw new ChipInputError('MRZ_NOT_TD1', {}, `expected 90 characters [A-Z0-9<], got ${mrz.length}`);
  }
  const lines: [string, string, string] = [mrz.slice(0, 30), mrz.slice(30, 60), mrz.slice(60, 90)];
  const [l1, l2, l3] = lines;

  // Line 1: document code (1–2), issuing state (3–5), document number (6–14), its check digit
  // (15), optional data (16–30).
  let documentNumber = l1.slice(5, 14);
  let documentNumberCheck = checkDigitMatches(documentNumber, l1[14]);
  let optionalData1 = l1.slice(15, 30);
  if (l1[14] === '<') {
    // ICAO 9303-5 note j: a number longer than 9 characters continues in the optional data,
    // followed by its check digit and a filler; position 15 holds "<".
    const overflow = /^([A-Z0-9]*)([0-9])</.exec(optionalData1 + '<');
    if (overflow) {
      documentNumber += overflow[1];
      documentNumberCheck = checkDigitMatches(documentNumber, overflow[2]);
      optionalData1 = optionalData1.slice(overflow[0].length);
    }
  }
  documentNumber = documentNumber.replace(/<+$/, '');

  // Line 2: birth date (1–6) + check (7), sex (8), expiry (9–14) + check (15), nationality
  // (16–18), optional data (19–29), composite check digit (30) over line 1 positions 6–30,
  // line 2 positions 1–7, 9–15 and 19–29.
  const birth = l2.slice(0, 6);
  const expiry = l2.slice(8, 14);
  const sexChar = l2[7];
  if (!'MF<'.includes(sexChar)) throw new ChipInputError('MRZ_NOT_TD1', {}, `bad sex ${sexChar}`);
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);

  // Vietnamese cards: optional data 1 starts with the full 12-digit personal ID (DOMAIN.md §3.1).
  const personalId = /^[0-9]{12}/.exec(l1.slice(15, 30))?.[0];

  const [surnamePart, ...givenParts] = l3.split('<<');
  const surname = surnamePart.replace(/</g, ' ').trim();
  const givenNames = givenParts.join(' ').replace(/</g, ' ').replace(/\s+/g, ' ').trim();

  return {
    lines,
    documentCode: l1.slice(0, 2).replace(/</g, ''),
    issuingState: l1.slice(2, 5).replace(/</g, ''),
    documentNumber,
    personalId,
    optionalData1: optionalData1.replace(/<+$/, ''),
    optionalData2: l2.slice(18, 29).replace(/<+$/, ''),
    dateOfBirth: mrzDate(birth, birthCentury(birth, personalId, options.at ?? new Date())),
    sex: sexChar === '<' ? 'X' : (sexChar as 'M' | 'F'),
    dateOfExpiry: mrzDate(expiry, 2000),
    nationality: l2.slice(15, 18).replace(/</g, ''),
    surname,
    givenNames,
    fullName: [surname, givenNames].filter(Boolean).join(' '),
    checkDigits: {
      documentNumber: documentNumberCheck,
      dateOfBirth: checkDigitMatches(birth, l2[6]),
      dateOfExpiry: checkDigitMatches(expiry, l2[14]),
      composite: checkDigitMatches(composite, l2[29]),
    },
  };
}

/**
 * The MRZ gives a two-digit year. The 4th digit of a Vietnamese personal ID encodes century
 * and sex (0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s …), so use it when the ID is there; otherwise
 * a birth year cannot lie in the future, so a year above the current one is in the 1900s.
 */
function birthCentury(yymmdd: string, personalId: string | undefined, at: Date): number {
  if (personalId) return 1900 + Math.floor(Number(personalId[3]) / 2) * 100;
  const yy = Number(yymmdd.slice(0, 2));
  return yy > at.getUTCFullYear() % 100 ? 1900 : 2000;
}

/** YYMMDD → ISO date; unknown month/day ("<<") give reduced precision; nonsense gives null. */
function mrzDate(yymmdd: string, century: number): string | null {
  if (!/^[0-9]{2}([0-9]{2}|<<)([0-9]{2}|<<)$/.test(yymmdd)) return null;
  const year = String(century + Number(yymmdd.slice(0, 2)));
  const month = yymmdd.slice(2, 4);
  const day = yymmdd.slice(4, 6);
  if (month === '<<') return day === '<<' ? year : null;
  if (day === '<<') return Number(month) >= 1 && Number(month) <= 12 ? `${year}-${month}` : null;
  return isRealDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : null;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would map years 0–99 to 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
