/**
 * The QR printed on CCCD chip cards (TT 06/2021/TT-BCA) and căn cước cards (TT 16/2024/TT-BCA),
 * DOMAIN.md §2: UTF-8 text, fields separated by `|`:
 *   0 personal ID (12 digits) · 1 former CMND (9 digits or empty) · 2 full name · 3 date of birth
 *   ddMMyyyy · 4 sex Nam/Nữ · 5 residence (free text) · 6 date of issue ddMMyyyy · 7… extra fields
 * (2024 cards add four, usually empty; their order is not published).
 *
 * The QR is not signed (CARD_QR_NOTICE): parsing it tells what the card says, never that the card is
 * genuine. The parser is strict and never throws; every problem comes back as a field error.
 */
import { fieldError, type FieldError } from './errors.js';
import { fill } from '../../platform/errors.js';
import { checkPersonalId, isPersonName, normalizeName } from '../registry/index.js';

/** Shown wherever a printed-QR reading is displayed or stored. */
export const CARD_QR_NOTICE =
  'Mã QR in trên thẻ không có chữ ký số: đọc được mã QR không chứng minh thẻ là thật và thông tin là đúng. ' +
  'Chỉ việc đọc chip và xác thực chữ ký dữ liệu trên chip (xác thực thụ động) mới khẳng định được điều đó.';

/**
 * Codes this parser adds to the field-error catalogue (platform/errors.ts FIELD_ERRORS, to be moved
 * there). Codes that already exist there (REQUIRED, PERSONAL_ID_*, LEGACY_ID_FORMAT, INVALID_SEX,
 * DATE_IN_FUTURE, TOO_LONG) are reused as they are.
 */
export const CARD_QR_MESSAGES = {
  // errors
  CARD_QR_EMPTY: 'Chuỗi mã QR trống',
  CARD_QR_TOO_LONG: 'Chuỗi mã QR dài {length} ký tự, vượt quá giới hạn {max} ký tự',
  CARD_QR_ENCODING: 'Chuỗi mã QR bị đọc sai bảng mã (chữ UTF-8 bị giải mã thành Latin-1); hãy đặt trình quét đọc UTF-8',
  CARD_QR_FIELD_COUNT: 'Chuỗi mã QR có {count} trường ngăn bởi dấu "|", cần ít nhất 7',
  CARD_QR_MISSING_LEGACY_SLOT:
    'Chuỗi mã QR thiếu ô số CMND cũ (trường thứ 2, để trống thành "||" nếu không có), nên các trường sau bị lệch một vị trí',
  CARD_QR_HIDDEN_CHARACTER: 'Có ký tự điều khiển hoặc ký tự ẩn không được phép',
  CARD_QR_NAME_CHARACTERS: "Họ tên chỉ được gồm chữ cái, dấu cách, dấu nháy (') và dấu gạch nối",
  CARD_QR_DATE_FORMAT: 'Ngày phải gồm 8 chữ số theo thứ tự ngày, tháng, năm (ddMMyyyy)',
  CARD_QR_DATE_NOT_REAL: 'Ngày {date} không có trên lịch',
  CARD_QR_ISSUE_BEFORE_BIRTH: 'Ngày cấp {issued} trước ngày sinh {born}',
  CARD_QR_ISSUE_TOO_EARLY: 'Ngày cấp {issued} trước ngày 01/01/2016, khi thẻ mang số định danh 12 chữ số bắt đầu được cấp',
  // warnings
  CARD_QR_ID_PREFIX_UNKNOWN:
    'Ba chữ số đầu ({prefix}) không phải mã tỉnh nơi đăng ký khai sinh trong danh mục 63 tỉnh; có thể là mã quốc gia (khai sinh ở nước ngoài), cần kiểm tra lại',
  CARD_QR_ISSUE_BEFORE_CHIP_CARD: 'Ngày cấp {issued} trước năm 2021, khi thẻ gắn chip có in mã QR bắt đầu được cấp; cần kiểm tra lại thẻ',
  CARD_QR_LAYOUT_BEFORE_2024: 'Mã QR theo mẫu thẻ căn cước 2024 (11 trường) nhưng ngày cấp {issued} trước 01/07/2024',
  CARD_QR_UNKNOWN_LAYOUT:
    'Mã QR có {count} trường, không khớp mẫu đã biết (7 trường: CCCD gắn chip; 11 trường: thẻ căn cước 2024); các trường từ thứ 8 được giữ nguyên, không đọc',
  CARD_QR_POSSIBLE_CANCELLED_ID:
    'Trường thứ 8 ({value}) có thể là số định danh cá nhân đã hủy; chưa chắc chắn vì thứ tự các trường bổ sung chưa được công bố',
} as const;

export type CardQrMessageCode = keyof typeof CARD_QR_MESSAGES;

export type Sex = 'Nam' | 'Nữ';
export type CardType = 'cccd-2021' | 'can-cuoc-2024' | 'unknown-extended';

export interface CardQrData {
  cardType: CardType;
  personalId: string;
  /** Former 9-digit CMND number, null when the slot is empty. */
  legacyId: string | null;
  /** NFC, trimmed, single spaces; letter case as printed. */
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: Sex;
  /** Free text in the administrative names in force when the card was issued; NFC, single spaces. */
  residence: string;
  /** YYYY-MM-DD */
  dateOfIssue: string;
  /** Field 8 when it is a 12-digit number. Uncertain: the meaning of the extra fields is not published. */
  possibleCancelledId: string | null;
  /** Fields after the seventh, exactly as read. */
  extra: string[];
  /** The input exactly as received, for the record. */
  raw: string;
}

export type CardQrResult =
  | { ok: true; card: CardQrData; warnings: FieldError[] }
  | { ok: false; errors: FieldError[] };

export interface ParseCardQrOptions {
  /** Today as YYYY-MM-DD in Asia/Ho_Chi_Minh; defaults to the clock. */
  today?: string;
}

export const CARD_QR_MAX_LENGTH = 1000;
const QR = 'qr';
const MIN_FIELDS = 7;
const CAN_CUOC_2024_FIELDS = 11;
const MAX_NAME_LENGTH = 100; // the registry's limit (registry/validate.ts)
/** Luật CCCD 2014 took effect on 1/1/2016: no 12-digit card can have been issued earlier. */
const FIRST_12_DIGIT_CARDS = '2016-01-01';
/** Cards of 2016–2020 carry a barcode, not this QR; the year is approximate, so only a warning. */
const FIRST_CHIP_CARDS = '2021-01-01';
const FIRST_CAN_CUOC_CARDS = '2024-07-01';

const TWELVE_DIGITS = /^\d{12}$/;
const NINE_DIGITS = /^\d{9}$/;
const DATE_DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
/** Control, format (zero-width, bidi overrides) and lone surrogate characters. */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}]/u;

function cardQrError(field: string, code: CardQrMessageCode, params?: Record<string, unknown>): FieldError {
  return { field, code, message: fill(CARD_QR_MESSAGES[code], params) };
}

function fail(...errors: FieldError[]): CardQrResult {
  return { ok: false, errors };
}

/**
 * Reads the text of a card QR. Never throws: any string (or, from untyped callers, any value)
 * gives either the card with warnings, or the list of everything wrong with it.
 */
export function parseCardQr(text: string, options: ParseCardQrOptions = {}): CardQrResult {
  if (typeof text !== 'string') return fail(cardQrError(QR, 'CARD_QR_EMPTY'));
  // Checked before any other work so that a huge input costs nothing.
  if (text.length > CARD_QR_MAX_LENGTH) return fail(cardQrError(QR, 'CARD_QR_TOO_LONG', { length: text.length, max: CARD_QR_MAX_LENGTH }));
  // Scanners often append CR/LF; a BOM is whitespace for trim().
  const body = text.trim();
  if (body === '') return fail(cardQrError(QR, 'CARD_QR_EMPTY'));
  if (isUtf8ReadAsLatin1(body)) return fail(cardQrError(QR, 'CARD_QR_ENCODING'));
  const fields = body.split('|');
  if (lacksLegacySlot(fields)) return fail(cardQrError(QR, 'CARD_QR_MISSING_LEGACY_SLOT'));
  if (fields.length < MIN_FIELDS) return fail(cardQrError(QR, 'CARD_QR_FIELD_COUNT', { count: fields.length }));

  const today = options.today ?? todayInVietnam();
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const personalId = readPersonalId(fields[0], errors);
  const legacyId = readLegacyId(fields[1], errors);
  const fullName = readFullName(fields[2], errors);
  const dateOfBirth = readDate(fields[3], 'dateOfBirth', today, errors);
  const sex = readSex(fields[4], errors);
  const residence = readFreeText(fields[5], 'residence', errors);
  const dateOfIssue = readDate(fields[6], 'dateOfIssue', today, errors);
  const extra = fields.slice(MIN_FIELDS);
  extra.forEach((value, i) => {
    if (HIDDEN_CHARACTER.test(value)) errors.push(cardQrError(`extra[${i}]`, 'CARD_QR_HIDDEN_CHARACTER'));
  });
  if (personalId && sex && dateOfBirth) checkIdAgainstBirthAndSex(personalId, sex, dateOfBirth, errors, warnings);
  if (dateOfIssue) checkIssueDate(dateOfIssue, dateOfBirth, fields.length, errors, warnings);
  if (errors.length) return { ok: false, errors };

  const cardType = cardTypeOf(fields.length);
  if (cardType === 'unknown-extended') warnings.push(cardQrError(QR, 'CARD_QR_UNKNOWN_LAYOUT', { count: fields.length }));
  const possibleCancelledId = TWELVE_DIGITS.test(extra[0] ?? '') ? extra[0] : null;
  if (possibleCancelledId) warnings.push(cardQrError('extra[0]', 'CARD_QR_POSSIBLE_CANCELLED_ID', { value: possibleCancelledId }));
  return {
    ok: true,
    warnings,
    card: {
      cardType,
      personalId: personalId!,
      legacyId,
      fullName: fullName!,
      dateOfBirth: dateOfBirth!,
      sex: sex!,
      residence: residence!,
      dateOfIssue: dateOfIssue!,
      possibleCancelledId,
      extra,
      raw: text,
    },
  };
}

function cardTypeOf(fieldCount: number): CardType {
  if (fieldCount === MIN_FIELDS) return 'cccd-2021';
  if (fieldCount === CAN_CUOC_2024_FIELDS) return 'can-cuoc-2024';
  return 'unknown-extended';
}

/** Vietnam keeps UTC+7 all year, so the legal "today" needs no time-zone database. */
function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Some scanners decode the QR bytes as Latin-1 ("Nguyá»…n"). Genuine Vietnamese text whose
 * characters all fit in one byte never forms valid UTF-8 (a lead byte such as ê would need
 * continuation bytes U+0080–U+00BF next to it), so a successful strict UTF-8 decode means mojibake.
 */
function isUtf8ReadAsLatin1(text: string): boolean {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return false;
    if (code >= 0x80) high = true;
  }
  if (!high) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The known producer bug (DOMAIN.md §2.1): the CMND slot is left out instead of left empty, so the
 * name sits in field 1 and the date of birth and sex one place early.
 */
function lacksLegacySlot(fields: string[]): boolean {
  return (
    fields.length >= 6 &&
    TWELVE_DIGITS.test(fields[0]) &&
    fields[1] !== '' &&
    !/^\d+$/.test(fields[1]) &&
    DATE_DIGITS.test(fields[2]) &&
    isSex(fields[3].normalize('NFC'))
  );
}

function isSex(value: string): value is Sex {
  return value === 'Nam' || value === 'Nữ';
}

function readPersonalId(value: string, errors: FieldError[]): string | undefined {
  if (value === '') errors.push(fieldError('personalId', 'REQUIRED'));
  else if (!TWELVE_DIGITS.test(value)) errors.push(fieldError('personalId', 'PERSONAL_ID_FORMAT'));
  else return value;
  return undefined;
}

function readLegacyId(value: string, errors: FieldError[]): string | null {
  if (value === '') return null;
  if (NINE_DIGITS.test(value)) return value;
  errors.push(fieldError('legacyId', 'LEGACY_ID_FORMAT'));
  return null;
}

/** NFC, trimmed, single spaces; refuses control and invisible characters. */
function readFreeText(value: string, field: string, errors: FieldError[]): string | undefined {
  if (HIDDEN_CHARACTER.test(value)) {
    errors.push(cardQrError(field, 'CARD_QR_HIDDEN_CHARACTER'));
    return undefined;
  }
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') {
    errors.push(fieldError(field, 'REQUIRED'));
    return undefined;
  }
  return text;
}

function readFullName(value: string, errors: FieldError[]): string | undefined {
  const name = readFreeText(value, 'fullName', errors);
  if (name === undefined) return undefined;
  if (name.length > MAX_NAME_LENGTH) errors.push(fieldError('fullName', 'TOO_LONG'));
  else if (!isPersonName(name)) errors.push(cardQrError('fullName', 'CARD_QR_NAME_CHARACTERS'));
  else return name;
  return undefined;
}

function readSex(value: string, errors: FieldError[]): Sex | undefined {
  const sex = value.normalize('NFC');
  if (isSex(sex)) return sex;
  errors.push(value === '' ? fieldError('sex', 'REQUIRED') : fieldError('sex', 'INVALID_SEX'));
  return undefined;
}

/** ddMMyyyy → YYYY-MM-DD, a date on the Gregorian calendar and not after today. */
function readDate(value: string, field: string, today: string, errors: FieldError[]): string | undefined {
  if (value === '') {
    errors.push(fieldError(field, 'REQUIRED'));
    return undefined;
  }
  const m = DATE_DIGITS.exec(value);
  if (!m) {
    errors.push(cardQrError(field, 'CARD_QR_DATE_FORMAT'));
    return undefined;
  }
  const [, day, month, year] = m;
  // Not Date.UTC: it maps years 0–99 to 1900–1999.
  if (+month < 1 || +month > 12 || +day < 1 || +day > daysInMonth(+year, +month) || +year === 0) {
    errors.push(cardQrError(field, 'CARD_QR_DATE_NOT_REAL', { date: `${day}/${month}/${year}` }));
    return undefined;
  }
  const iso = `${year}-${month}-${day}`;
  if (iso > today) {
    errors.push(fieldError(field, 'DATE_IN_FUTURE'));
    return undefined;
  }
  return iso;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function onScreen(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * Digit 4 and digits 5–6 of the ID against the printed sex and year of birth (DOMAIN.md §1.1).
 * An unknown birth-province prefix is only a warning: births registered abroad carry a country
 * code (Phụ lục 2 of TT 07/2016), a list we do not have.
 */
function checkIdAgainstBirthAndSex(personalId: string, sex: Sex, dateOfBirth: string, errors: FieldError[], warnings: FieldError[]): void {
  for (const problem of checkPersonalId(personalId, sex, dateOfBirth)) {
    if (problem.code === 'PERSONAL_ID_PROVINCE') warnings.push(cardQrError('personalId', 'CARD_QR_ID_PREFIX_UNKNOWN', { prefix: problem.prefix }));
    else errors.push(fieldError('personalId', problem.code, problem));
  }
}

function checkIssueDate(issued: string, born: string | undefined, fieldCount: number, errors: FieldError[], warnings: FieldError[]): void {
  const params = { issued: onScreen(issued), born: born && onScreen(born) };
  // A căn cước card may be issued to a newborn (TT 16/2024 has a model for under-6s), so equal is fine.
  if (born && issued < born) errors.push(cardQrError('dateOfIssue', 'CARD_QR_ISSUE_BEFORE_BIRTH', params));
  else if (issued < FIRST_12_DIGIT_CARDS) errors.push(cardQrError('dateOfIssue', 'CARD_QR_ISSUE_TOO_EARLY', params));
  else if (issued < FIRST_CHIP_CARDS) warnings.push(cardQrError('dateOfIssue', 'CARD_QR_ISSUE_BEFORE_CHIP_CARD', params));
  else if (fieldCount === CAN_CUOC_2024_FIELDS && issued < FIRST_CAN_CUOC_CARDS) {
    warnings.push(cardQrError('dateOfIssue', 'CARD_QR_LAYOUT_BEFORE_2024', params));
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison with the population registry

/** The registry's view of a person, as far as a card can be compared with it. */
export interface RegistryPerson {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  /** Former CMND numbers (and cancelled personal IDs) linked to the person. */
  legacyIds: string[];
  dateOfDeath: string | null;
}

export type CardComparedField = 'personalId' | 'fullName' | 'dateOfBirth' | 'sex' | 'legacyId';

export interface CardDifference {
  field: CardComparedField;
  /**
   * 'diacritics': the same letters once marks are dropped (normalizeName), e.g. Ân/An, Hòa/Hoà,
   * H'Hen/H Hen — still a different name on paper, so still reported.
   */
  kind: 'value' | 'diacritics';
  card: string | null;
  registry: string | null;
}

export interface CardComparison {
  status: 'match' | 'mismatch' | 'not_found' | 'deceased';
  differences: CardDifference[];
}

export type ComparableCard = Pick<CardQrData, 'personalId' | 'legacyId' | 'fullName' | 'dateOfBirth' | 'sex'>;

/**
 * Compares what the card says with the registry record found for it (null when none was found).
 * Pure. The differences are for state-signed data only (an authenticated chip, an officer's check):
 * a printed QR's answer keeps nothing but whether the status is 'match' (service.ts confirmUnsigned). A deceased person's record gives 'deceased' whatever the differences, which are still listed.
 * Letter case alone is no difference: the card face prints names in capitals.
 */
export function compareCardWithRegistry(card: ComparableCard, person: RegistryPerson | null): CardComparison {
  if (!person) return { status: 'not_found', differences: [] };
  const differences: CardDifference[] = [];
  const addIfDifferent = (field: CardComparedField, cardValue: string, registryValue: string) => {
    if (cardValue !== registryValue) differences.push({ field, kind: 'value', card: cardValue, registry: registryValue });
  };
  addIfDifferent('personalId', card.personalId, person.personalId);
  const nameKind = compareNames(card.fullName, person.fullName);
  if (nameKind) differences.push({ field: 'fullName', kind: nameKind, card: card.fullName, registry: person.fullName });
  addIfDifferent('dateOfBirth', card.dateOfBirth, person.dateOfBirth);
  addIfDifferent('sex', card.sex.normalize('NFC'), person.sex.normalize('NFC'));
  if (card.legacyId && !person.legacyIds.includes(card.legacyId)) {
    differences.push({ field: 'legacyId', kind: 'value', card: card.legacyId, registry: person.legacyIds.join(', ') || null });
  }
  if (person.dateOfDeath) return { status: 'deceased', differences };
  return { status: differences.length ? 'mismatch' : 'match', differences };
}

/** The five tone marks (huyền, sắc, hỏi, ngã, nặng) as combining characters. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A name compared without case and without where the tone mark sits: the old and new placement
 * rules ("Hoà"/"Hòa", "Thuý"/"Thúy", "Khoẻ"/"Khỏe") spell the same name. Each syllable keeps its vowels
 * and quality marks (â, ă, ơ…) in place; its tone goes to the end.
 */
function comparable(name: string): string {
  return name.normalize('NFD').toLowerCase().replace(/\s+/g, ' ').trim().split(' ')
    .map((syllable) => syllable.replace(TONE_MARKS, '') + (syllable.match(TONE_MARKS) ?? []).join(''))
    .join(' ');
}

function compareNames(cardName: string, registryName: string): CardDifference['kind'] | null {
  if (comparable(cardName) === comparable(registryName)) return null;
  return normalizeName(cardName) === normalizeName(registryName) ? 'diacritics' : 'value';
}
