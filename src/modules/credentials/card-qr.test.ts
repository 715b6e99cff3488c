import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makePersonalId } from '../registry/index.js';
import {
  CARD_QR_MAX_LENGTH,
  CARD_QR_MESSAGES,
  CARD_QR_NOTICE,
  compareCardWithRegistry,
  parseCardQr,
  type CardQrData,
  type CardQrResult,
  type RegistryPerson,
  type Sex,
} from './card-qr.js';

// All people here are synthetic. Each ID fits DOMAIN.md §1: province prefix, digit 4 = century + sex,
// digits 5–6 = year of birth.
const TODAY = '2025-06-01';
const AN = '001099012345|123456789|Nguyễn Văn An|15031999|Nam|Thôn A, Xã B, Huyện C, Hà Nội|20052021';
const BICH = '079301004321||Trần Thị Bích|02012001|Nữ|Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|10082022';
const CAN_CUOC = '087084000999||Lê Văn Tâm|02031984|Nam|Xã Mỹ An, Tỉnh Đồng Tháp|04102024||||';

function parse(text: string): CardQrResult {
  return parseCardQr(text, { today: TODAY });
}

function cardOf(text: string): CardQrData {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected a card, got ${JSON.stringify(result.errors)}`);
  return result.card;
}

function errorsOf(text: string): { field: string; code: string }[] {
  const result = parse(text);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.card)}`);
  return result.errors.map(({ field, code }) => ({ field, code }));
}

function codesOf(text: string): string[] {
  return errorsOf(text).map((e) => e.code);
}

function warningCodesOf(text: string): string[] {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected a card, got ${JSON.stringify(result.errors)}`);
  return result.warnings.map((w) => w.code);
}

/** Replaces field `index` of a `|`-separated string. */
function withField(text: string, index: number, value: string): string {
  const fields = text.split('|');
  fields[index] = value;
  return fields.join('|');
}

describe('reading a valid card QR', () => {
  it('reads the 7-field CCCD chip card of DOMAIN.md §2.1', () => {
    const result = parse(AN);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      card: {
        cardType: 'cccd-2021',
        personalId: '001099012345',
        legacyId: '123456789',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1999-03-15',
        sex: 'Nam',
        residence: 'Thôn A, Xã B, Huyện C, Hà Nội',
        dateOfIssue: '2021-05-20',
        possibleCancelledId: null,
        extra: [],
        raw: AN,
      },
    });
  });

  it('reads a woman born in the 2000s with an empty CMND slot', () => {
    const card = cardOf(BICH);
    expect(card).toMatchObject({ personalId: '079301004321', legacyId: null, sex: 'Nữ', dateOfBirth: '2001-01-02', dateOfIssue: '2022-08-10' });
  });

  it('reads the 11-field căn cước 2024 form and keeps the trailing fields raw', () => {
    const result = parse(CAN_CUOC);
    expect(result.ok && result.warnings).toEqual([]);
    expect(cardOf(CAN_CUOC)).toMatchObject({ cardType: 'can-cuoc-2024', dateOfIssue: '2024-10-04', extra: ['', '', '', ''], possibleCancelledId: null });
  });

  it('reports a 12-digit field 8 as a possible cancelled ID, labelled uncertain', () => {
    const text = '087084000999||Lê Văn Tâm|02031984|Nam|Xã Mỹ An, Tỉnh Đồng Tháp|04102024|087084000111|||';
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.card.possibleCancelledId).toBe('087084000111');
    expect(result.card.extra).toEqual(['087084000111', '', '', '']);
    expect(result.warnings).toEqual([
      { field: 'extra[0]', code: 'CARD_QR_POSSIBLE_CANCELLED_ID', message: expect.stringContaining('chưa chắc chắn') },
    ]);
  });

  it('keeps non-numeric trailing fields (parents\' names) raw and unread', () => {
    const text = '001323000123||Phạm Gia Hân|01012023|Nữ|Phường Láng, Hà Nội|15082024||Phạm Văn Cha|Đỗ Thị Mẹ|';
    expect(cardOf(text)).toMatchObject({ cardType: 'can-cuoc-2024', extra: ['', 'Phạm Văn Cha', 'Đỗ Thị Mẹ', ''], possibleCancelledId: null });
  });

  it.each([
    [8, `${AN}|`],
    [9, `${AN}||`],
    [12, `${AN}|||||`],
  ])('reads %i fields as unknown-extended with a warning', (count, text) => {
    expect(cardOf(text).cardType).toBe('unknown-extended');
    expect(cardOf(text).extra).toHaveLength(count - 7);
    expect(warningCodesOf(text)).toEqual(['CARD_QR_UNKNOWN_LAYOUT']);
  });

  it('normalises a decomposed (NFD) name and sex to NFC', () => {
    const card = cardOf(BICH.normalize('NFD'));
    expect(card.fullName).toBe('Trần Thị Bích');
    expect(card.fullName).toBe(card.fullName.normalize('NFC'));
    expect(card.sex).toBe('Nữ');
    expect(card.residence).toBe('Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
  });

  it('accepts "Nữ" written with combining marks on its own', () => {
    expect(cardOf(withField(BICH, 4, 'Nữ'.normalize('NFD'))).sex).toBe('Nữ');
  });

  it.each([
    ['CRLF after', `${AN}\r\n`],
    ['LF after', `${AN}\n`],
    ['spaces around', `  ${AN}  `],
    ['a byte-order mark before', `\uFEFF${AN}`],
    ['tabs around', `\t${AN}\t`],
  ])('ignores %s the text', (_label, text) => {
    expect(cardOf(text)).toMatchObject({ personalId: '001099012345', dateOfIssue: '2021-05-20' });
    expect(cardOf(text).raw).toBe(text);
  });

  it('trims and collapses spaces inside the name and residence', () => {
    const text = withField(withField(AN, 2, '  Nguyễn   Văn\u00A0An '), 5, ' Thôn A,   Xã B ');
    expect(cardOf(text)).toMatchObject({ fullName: 'Nguyễn Văn An', residence: 'Thôn A, Xã B' });
  });

  it.each([
    ["H'Hen Niê", '066198000777', '01011998', 'Nữ'],
    ['Thạch Sô Phia', '094085001234', '01011985', 'Nam'],
    ['Y-Moan Êban', '066080000321', '01011980', 'Nam'],
    ['NGUYỄN VĂN AN', '001099012345', '15031999', 'Nam'],
  ])('accepts the name %s', (name, id, dob, sex) => {
    const text = `${id}||${name}|${dob}|${sex}|Buôn Ma Thuột|01072021`;
    expect(cardOf(text).fullName).toBe(name);
  });

  it('accepts 29 February of a leap year, and 2000 as one', () => {
    expect(cardOf(withField(withField(AN, 0, '001096012345'), 3, '29021996')).dateOfBirth).toBe('1996-02-29');
    expect(cardOf('001200012345||Đỗ Minh Quân|29022000|Nam|Hà Nội|29022024').dateOfIssue).toBe('2024-02-29');
  });

  it('accepts a căn cước card issued on the day of birth (cards for under-6s exist)', () => {
    expect(cardOf('001225012345||Vũ Bảo Ngọc|01052025|Nam|Hà Nội|01052025||||').dateOfIssue).toBe('2025-05-01');
  });

  it('accepts dates equal to today and uses today in Vietnam by default', () => {
    expect(cardOf(withField(AN, 6, '01062025')).dateOfIssue).toBe(TODAY);
    expect(parseCardQr(AN).ok).toBe(true);
    expect(parseCardQr(withField(AN, 6, '31122999')).ok).toBe(false);
  });

  it('accepts a text of exactly the size limit', () => {
    const text = withField(AN, 5, 'A'.repeat(CARD_QR_MAX_LENGTH - AN.length + 'Thôn A, Xã B, Huyện C, Hà Nội'.length));
    expect(text).toHaveLength(CARD_QR_MAX_LENGTH);
    expect(parse(text).ok).toBe(true);
  });

  describe('plausibility warnings', () => {
    it('warns when the prefix is no province code (births abroad carry a country code)', () => {
      expect(warningCodesOf(withField(AN, 0, '003099012345'))).toEqual(['CARD_QR_ID_PREFIX_UNKNOWN']);
    });

    it('warns when the issue date predates chip cards (2016–2020 cards carry a barcode)', () => {
      expect(warningCodesOf(withField(AN, 6, '15062018'))).toEqual(['CARD_QR_ISSUE_BEFORE_CHIP_CARD']);
    });

    it('warns when the 11-field 2024 layout has an issue date before 1 July 2024', () => {
      expect(warningCodesOf(withField(CAN_CUOC, 6, '30062024'))).toEqual(['CARD_QR_LAYOUT_BEFORE_2024']);
      expect(warningCodesOf(withField(CAN_CUOC, 6, '01072024'))).toEqual([]);
    });
  });
});

describe('refusing a card QR', () => {
  it.each([
    ['empty', ''],
    ['blank', '   \r\n\t'],
    ['only a BOM', '\uFEFF'],
  ])('refuses %s text', (_label, text) => {
    expect(errorsOf(text)).toEqual([{ field: 'qr', code: 'CARD_QR_EMPTY' }]);
  });

  it('refuses non-string input from untyped callers instead of throwing', () => {
    for (const value of [undefined, null, 42, {}, ['a']]) {
      expect(parseCardQr(value as unknown as string).ok).toBe(false);
    }
  });

  it('refuses text over 1,000 characters before reading it', () => {
    const text = withField(AN, 5, 'A'.repeat(CARD_QR_MAX_LENGTH));
    const result = parse(text);
    expect(result).toEqual({ ok: false, errors: [{ field: 'qr', code: 'CARD_QR_TOO_LONG', message: expect.stringContaining('1000') }] });
    expect(codesOf('|'.repeat(1_000_000))).toEqual(['CARD_QR_TOO_LONG']);
  });

  it.each([
    [1, '001099012345'],
    [2, '001099012345|123456789'],
    [5, '001099012345|123456789|Nguyễn Văn An|15031999|Nam'],
    [6, '001099012345|123456789|Nguyễn Văn An|15031999|Nam|Hà Nội'],
  ])('refuses %i fields', (count, text) => {
    const result = parse(text);
    expect(result).toEqual({ ok: false, errors: [{ field: 'qr', code: 'CARD_QR_FIELD_COUNT', message: expect.stringContaining(String(count)) }] });
  });

  it('recognises the 6-field string that leaves out the CMND slot and says so', () => {
    const text = '001099012345|Nguyễn Văn An|15031999|Nam|Thôn A, Xã B, Huyện C, Hà Nội|20052021';
    const result = parse(text);
    expect(result).toEqual({ ok: false, errors: [{ field: 'qr', code: 'CARD_QR_MISSING_LEGACY_SLOT', message: expect.stringContaining('CMND') }] });
  });

  it('recognises the same mistake in the 2024 layout (10 fields)', () => {
    expect(codesOf('087084000999|Lê Văn Tâm|02031984|Nam|Xã Mỹ An, Tỉnh Đồng Tháp|04102024||||')).toEqual(['CARD_QR_MISSING_LEGACY_SLOT']);
  });

  it('refuses text that a scanner decoded as Latin-1 instead of UTF-8', () => {
    const mojibake = String.fromCharCode(...new TextEncoder().encode(AN));
    expect(mojibake).toContain('Nguyá»');
    expect(codesOf(mojibake)).toEqual(['CARD_QR_ENCODING']);
  });

  it.each([
    ['', 'REQUIRED'],
    ['00109901234', 'PERSONAL_ID_FORMAT'],
    ['0010990123456', 'PERSONAL_ID_FORMAT'],
    ['00109901234a', 'PERSONAL_ID_FORMAT'],
    ['001099012345 ', 'PERSONAL_ID_FORMAT'],
    ['００１０９９０１２３４５', 'PERSONAL_ID_FORMAT'], // full-width digits
    ['001-099-012345', 'PERSONAL_ID_FORMAT'],
  ])('refuses the personal ID %j', (id, code) => {
    expect(errorsOf(withField(AN, 0, id))).toEqual([{ field: 'personalId', code }]);
  });

  it.each(['12345678', '1234567890', '001099012345', '12345678a', ' 123456789'])('refuses the former CMND %j', (legacy) => {
    expect(errorsOf(withField(AN, 1, legacy))).toEqual([{ field: 'legacyId', code: 'LEGACY_ID_FORMAT' }]);
  });

  it.each([
    ['', 'REQUIRED'],
    ['   ', 'REQUIRED'],
    ['Nguyễn Văn An 2', 'CARD_QR_NAME_CHARACTERS'],
    ['Nguyễn <b>An</b>', 'CARD_QR_NAME_CHARACTERS'],
    ['-Nguyễn Văn An', 'CARD_QR_NAME_CHARACTERS'], // the registry's name rule: a formula prefix is never a name
    ['Nguyễn\u0007Văn An', 'CARD_QR_HIDDEN_CHARACTER'],
    ['Nguyễn\tVăn An', 'CARD_QR_HIDDEN_CHARACTER'],
    ['Nguyễn\nVăn An', 'CARD_QR_HIDDEN_CHARACTER'],
    ['Nguyễn\u200BVăn An', 'CARD_QR_HIDDEN_CHARACTER'], // zero-width space
    ['Nguyễn \u202EnA năV', 'CARD_QR_HIDDEN_CHARACTER'], // right-to-left override
    ['Nguyễn\uD800 An', 'CARD_QR_HIDDEN_CHARACTER'], // lone surrogate
    ['A'.repeat(101), 'TOO_LONG'],
  ])('refuses the name %j', (name, code) => {
    expect(errorsOf(withField(AN, 2, name))).toEqual([{ field: 'fullName', code }]);
  });

  it.each([
    ['31021999', 'CARD_QR_DATE_NOT_REAL'],
    ['29021999', 'CARD_QR_DATE_NOT_REAL'], // 1999 is no leap year
    ['31041999', 'CARD_QR_DATE_NOT_REAL'],
    ['00031999', 'CARD_QR_DATE_NOT_REAL'],
    ['15001999', 'CARD_QR_DATE_NOT_REAL'],
    ['15131999', 'CARD_QR_DATE_NOT_REAL'],
    ['1999-03-15', 'CARD_QR_DATE_FORMAT'],
    ['15/03/1999', 'CARD_QR_DATE_FORMAT'],
    ['1531999', 'CARD_QR_DATE_FORMAT'],
    ['19990315x', 'CARD_QR_DATE_FORMAT'],
    ['', 'REQUIRED'],
  ])('refuses the date of birth %j', (dob, code) => {
    expect(errorsOf(withField(AN, 3, dob))).toEqual([{ field: 'dateOfBirth', code }]);
  });

  it('names the impossible date in its message', () => {
    const result = parse(withField(AN, 3, '31021999'));
    expect(!result.ok && result.errors[0].message).toBe('Ngày 31/02/1999 không có trên lịch');
  });

  it('refuses 29 February 1900 (not a leap year) and year 0000', () => {
    expect(codesOf(withField(withField(AN, 0, '001000012345'), 3, '29021900'))).toEqual(['CARD_QR_DATE_NOT_REAL']);
    expect(codesOf(withField(AN, 6, '01010000'))).toEqual(['CARD_QR_DATE_NOT_REAL']);
  });

  it('refuses dates in the future', () => {
    expect(errorsOf(withField(AN, 6, '02062025'))).toEqual([{ field: 'dateOfIssue', code: 'DATE_IN_FUTURE' }]);
    expect(errorsOf('001226012345||Vũ Bảo Ngọc|01072026|Nam|Hà Nội|01072026')).toEqual([
      { field: 'dateOfBirth', code: 'DATE_IN_FUTURE' },
      { field: 'dateOfIssue', code: 'DATE_IN_FUTURE' },
    ]);
  });

  it('refuses an issue date before the date of birth, with both dates on screen form', () => {
    const result = parse('001224012345||Vũ Bảo Ngọc|01082024|Nam|Hà Nội|31072024||||');
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'dateOfIssue', code: 'CARD_QR_ISSUE_BEFORE_BIRTH', message: 'Ngày cấp 31/07/2024 trước ngày sinh 01/08/2024' }],
    });
  });

  it('refuses an issue date before 2016, when 12-digit cards did not exist', () => {
    expect(errorsOf(withField(AN, 6, '31122015'))).toEqual([{ field: 'dateOfIssue', code: 'CARD_QR_ISSUE_TOO_EARLY' }]);
  });

  it.each([['nam'], ['NAM'], ['Nu'], ['Male'], ['F'], [' Nam']])('refuses the sex %j', (sex) => {
    expect(errorsOf(withField(AN, 4, sex))).toEqual([{ field: 'sex', code: 'INVALID_SEX' }]);
  });

  it('refuses an empty sex or residence, and hidden characters in residence or extra fields', () => {
    expect(errorsOf(withField(AN, 4, ''))).toEqual([{ field: 'sex', code: 'REQUIRED' }]);
    expect(errorsOf(withField(AN, 5, ' '))).toEqual([{ field: 'residence', code: 'REQUIRED' }]);
    expect(errorsOf(withField(AN, 5, 'Thôn A\r\nXã B'))).toEqual([{ field: 'residence', code: 'CARD_QR_HIDDEN_CHARACTER' }]);
    expect(errorsOf(`${AN}|\u0000|||`)).toEqual([{ field: 'extra[0]', code: 'CARD_QR_HIDDEN_CHARACTER' }]);
  });

  describe('ID digits against the printed date of birth and sex', () => {
    it('refuses a woman whose digit 4 says man, in the registry wording', () => {
      const result = parse(withField(AN, 4, 'Nữ'));
      expect(result).toEqual({
        ok: false,
        errors: [{ field: 'personalId', code: 'PERSONAL_ID_SEX', message: 'Chữ số thứ 4 của số định danh ứng với giới tính Nam, nhưng giới tính khai là Nữ' }],
      });
    });

    it('refuses a year of birth that digits 5–6 contradict', () => {
      const result = parse(withField(AN, 3, '15031998'));
      expect(result).toEqual({
        ok: false,
        errors: [{ field: 'personalId', code: 'PERSONAL_ID_BIRTH_YEAR', message: 'Chữ số thứ 5–6 của số định danh (99) không khớp năm sinh 1998' }],
      });
    });

    it('refuses a century that digit 4 contradicts', () => {
      expect(codesOf(withField(AN, 3, '15032099'))).toEqual(['DATE_IN_FUTURE']);
      expect(codesOf(withField(AN, 0, '001299012345'))).toEqual(['PERSONAL_ID_CENTURY']);
      expect(codesOf(withField(AN, 3, '15031899'))).toEqual(['PERSONAL_ID_CENTURY']);
    });

    it('lists sex and century together when digit 4 is wrong on both counts', () => {
      expect(codesOf(withField(AN, 0, '001399012345'))).toEqual(['PERSONAL_ID_SEX', 'PERSONAL_ID_CENTURY']);
    });

    it('skips the comparison when the date or sex is itself unreadable', () => {
      expect(codesOf(withField(withField(AN, 0, '001399012345'), 4, 'X'))).toEqual(['INVALID_SEX']);
    });
  });

  it('lists every problem in field order', () => {
    const text = 'ABC|12|Nguyễn 9|31022020|nữ||01012030';
    expect(errorsOf(text)).toEqual([
      { field: 'personalId', code: 'PERSONAL_ID_FORMAT' },
      { field: 'legacyId', code: 'LEGACY_ID_FORMAT' },
      { field: 'fullName', code: 'CARD_QR_NAME_CHARACTERS' },
      { field: 'dateOfBirth', code: 'CARD_QR_DATE_NOT_REAL' },
      { field: 'sex', code: 'INVALID_SEX' },
      { field: 'residence', code: 'REQUIRED' },
      { field: 'dateOfIssue', code: 'DATE_IN_FUTURE' },
    ]);
  });
});

describe('comparing a card with the registry', () => {
  const card = cardOf(AN);
  const person: RegistryPerson = {
    personalId: '001099012345',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1999-03-15',
    sex: 'Nam',
    legacyIds: ['123456789'],
    dateOfDeath: null,
  };

  it('matches the same person', () => {
    expect(compareCardWithRegistry(card, person)).toEqual({ status: 'match', differences: [] });
  });

  it('answers not_found when the registry has no record', () => {
    expect(compareCardWithRegistry(card, null)).toEqual({ status: 'not_found', differences: [] });
  });

  it('ignores letter case and spacing: the card face prints capitals', () => {
    expect(compareCardWithRegistry({ ...card, fullName: 'NGUYỄN VĂN  AN' }, person).status).toBe('match');
    expect(compareCardWithRegistry(card, { ...person, fullName: 'Nguyê\u0303n Văn An' }).status).toBe('match');
  });

  it.each([
    ['Nguyễn Văn Ân'],
    ['Nguyen Van An'],
    ['Nguyễn Vân An'],
  ])('reports %s as a difference in diacritics only', (registryName) => {
    expect(compareCardWithRegistry(card, { ...person, fullName: registryName })).toEqual({
      status: 'mismatch',
      differences: [{ field: 'fullName', kind: 'diacritics', card: 'Nguyễn Văn An', registry: registryName }],
    });
  });

  it('treats old and new tone placement (Hòa / Hoà) as the same name', () => {
    const hoa = { ...card, fullName: 'Lê Thị Hòa' };
    expect(compareCardWithRegistry(hoa, { ...person, fullName: 'Lê Thị Hoà' }).differences).toEqual([]);
  });

  it('reports a different name as a value difference', () => {
    expect(compareCardWithRegistry(card, { ...person, fullName: 'Nguyễn Văn Anh' }).differences).toEqual([
      { field: 'fullName', kind: 'value', card: 'Nguyễn Văn An', registry: 'Nguyễn Văn Anh' },
    ]);
  });

  it('reports every differing field in a fixed order', () => {
    const other: RegistryPerson = { ...person, personalId: '001099054321', dateOfBirth: '1999-03-16', sex: 'Nữ', legacyIds: ['987654321', '111111111'] };
    expect(compareCardWithRegistry(card, other)).toEqual({
      status: 'mismatch',
      differences: [
        { field: 'personalId', kind: 'value', card: '001099012345', registry: '001099054321' },
        { field: 'dateOfBirth', kind: 'value', card: '1999-03-15', registry: '1999-03-16' },
        { field: 'sex', kind: 'value', card: 'Nam', registry: 'Nữ' },
        { field: 'legacyId', kind: 'value', card: '123456789', registry: '987654321, 111111111' },
      ],
    });
  });

  it('finds the former CMND among several legacy IDs', () => {
    expect(compareCardWithRegistry(card, { ...person, legacyIds: ['987654321', '123456789'] }).status).toBe('match');
  });

  it('reports a former CMND that the registry does not know', () => {
    expect(compareCardWithRegistry(card, { ...person, legacyIds: [] }).differences).toEqual([
      { field: 'legacyId', kind: 'value', card: '123456789', registry: null },
    ]);
  });

  it('does not compare the former CMND when the card has none', () => {
    expect(compareCardWithRegistry({ ...card, legacyId: null }, { ...person, legacyIds: ['987654321'] }).status).toBe('match');
  });

  it('answers deceased whatever else, and still lists the differences', () => {
    expect(compareCardWithRegistry(card, { ...person, dateOfDeath: '2024-01-01' })).toEqual({ status: 'deceased', differences: [] });
    expect(compareCardWithRegistry(card, { ...person, sex: 'Nữ', dateOfDeath: '2024-01-01' })).toEqual({
      status: 'deceased',
      differences: [{ field: 'sex', kind: 'value', card: 'Nam', registry: 'Nữ' }],
    });
  });
});

describe('notice and messages', () => {
  it('says in Vietnamese that the printed QR is unsigned and only the chip check proves the card', () => {
    expect(CARD_QR_NOTICE).toMatch(/không có chữ ký số/);
    expect(CARD_QR_NOTICE).toMatch(/xác thực thụ động/);
  });

  it('gives every message code a non-empty Vietnamese message with the code prefix', () => {
    for (const [code, message] of Object.entries(CARD_QR_MESSAGES)) {
      expect(code).toMatch(/^CARD_QR_[A-Z0-9_]+$/);
      expect(message.length).toBeGreaterThan(10);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const PROVINCE_PREFIXES = ['001', '031', '038', '046', '048', '066', '079', '087', '092', '096'];
const NAME_WORDS = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đỗ', 'Văn', 'Thị', 'Ngọc', 'Ánh', 'Đức', 'Hữu', 'Bích', 'Ê', "H'Hen", 'Niê', 'Thạch', 'Sô', 'Phia', 'An', 'Ân'];
const PLACE_PARTS = ['Thôn A', 'Xã B', 'Huyện C', 'Hà Nội', 'Số 12', 'Phường Bến Nghé', 'TP. Hồ Chí Minh', 'Tổ 3', 'Khu phố 4', 'Tỉnh Đồng Tháp'];

const isoDate = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const toQrDate = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

interface GeneratedCard {
  personalId: string;
  legacyId: string | null;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  residence: string;
  dateOfIssue: string;
  extra: string[];
}

const generatedCard: fc.Arbitrary<GeneratedCard> = fc
  .record({
    prefix: fc.constantFrom(...PROVINCE_PREFIXES),
    serial: fc.integer({ min: 0, max: 999_999 }),
    legacyId: fc.option(fc.stringMatching(/^\d{9}$/), { nil: null }),
    fullName: fc.array(fc.constantFrom(...NAME_WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
    dateOfBirth: isoDate('1900-01-01', '2020-12-31'),
    sex: fc.constantFrom<Sex>('Nam', 'Nữ'),
    residence: fc.array(fc.constantFrom(...PLACE_PARTS), { minLength: 1, maxLength: 5 }).map((p) => p.join(', ')),
    dateOfIssue: isoDate('2021-01-01', TODAY),
    extra: fc.oneof(
      fc.constant<string[]>([]),
      fc.constant<string[]>(['', '', '', '']),
      fc.array(fc.oneof(fc.stringMatching(/^[0-9A-Za-z]{0,12}$/), fc.stringMatching(/^\d{12}$/)), { maxLength: 6 }),
    ),
  })
  .map(({ prefix, serial, dateOfBirth, sex, ...rest }) => ({
    ...rest,
    dateOfBirth,
    sex,
    personalId: makePersonalId(prefix, Number(dateOfBirth.slice(0, 4)), sex, serial),
  }));

function serialise(card: GeneratedCard): string {
  return [card.personalId, card.legacyId ?? '', card.fullName, toQrDate(card.dateOfBirth), card.sex, card.residence, toQrDate(card.dateOfIssue), ...card.extra].join('|');
}

function expectCleanFailure(result: CardQrResult): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(typeof e.field).toBe('string');
    expect(typeof e.code).toBe('string');
    expect(e.message).not.toMatch(/\{\w+\}/); // every placeholder filled
  }
}

describe('properties', () => {
  const fragments = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('|', '||||', '001099012345', '123456789', '15031999', '29022000', 'Nam', 'Nữ', 'Nu\u031B\u0303', '\r\n', '\u0000', '\uD800', '\uFEFF', 'Ã', 'á»'),
  );

  it('never throws on arbitrary strings and always answers a well-formed result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 1200 }), fc.array(fragments, { maxLength: 30 }).map((f) => f.join(''))), (text) => {
        const result = parseCardQr(text, { today: TODAY });
        expect(typeof result.ok).toBe('boolean');
        expectCleanFailure(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws when one field of a valid card is replaced by anything', () => {
    fc.assert(
      fc.property(generatedCard, fc.integer({ min: 0, max: 6 }), fc.string({ unit: 'binary', maxLength: 30 }), (card, index, value) => {
        expectCleanFailure(parse(withField(serialise(card), index, value)));
      }),
    );
  });

  it('round-trips a generated valid card, whatever its normalisation form and surrounding whitespace', () => {
    fc.assert(
      fc.property(generatedCard, fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), fc.constantFrom('', '\r\n', '\n', ' '), (card, form, around) => {
        const text = `${around}${serialise(card).normalize(form)}${around}`;
        const result = parse(text);
        expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
        if (!result.ok) return;
        const count = 7 + card.extra.length;
        expect(result.card).toEqual({
          ...card,
          cardType: count === 7 ? 'cccd-2021' : count === 11 ? 'can-cuoc-2024' : 'unknown-extended',
          possibleCancelledId: /^\d{12}$/.test(card.extra[0] ?? '') ? card.extra[0] : null,
          raw: text,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reads any truncation of a valid text as the same card with fewer trailing fields, or fails cleanly', () => {
    fc.assert(
      fc.property(generatedCard, fc.nat(), (card, cut) => {
        const text = serialise(card);
        const truncated = text.slice(0, cut % (text.length + 1));
        const result = parse(truncated);
        expectCleanFailure(result);
        if (!result.ok) return;
        const { extra, ...core } = card;
        expect(result.card).toMatchObject(core);
        expect(result.card.extra.length).toBeLessThanOrEqual(extra.length);
        result.card.extra.forEach((value, i) => {
          if (i < result.card.extra.length - 1) expect(value).toBe(extra[i]);
          else expect(extra[i].startsWith(value)).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('names spelled with the old or new tone placement', () => {
  const person = { personalId: '001099012345', fullName: 'Nguyễn Thị Hòa Thúy', dateOfBirth: '1999-03-15', sex: 'Nữ', legacyIds: [], dateOfDeath: null };
  const card = { personalId: '001099012345', legacyId: null, fullName: 'NGUYỄN THỊ HOÀ THUÝ', dateOfBirth: '1999-03-15', sex: 'Nữ' as const };

  it('are the same name', () => {
    expect(compareCardWithRegistry(card, person)).toEqual({ status: 'match', differences: [] });
  });

  it('but another tone is still a difference', () => {
    const other = compareCardWithRegistry({ ...card, fullName: 'Nguyễn Thị Hỏa Thúy' }, person);
    expect(other.differences).toEqual([expect.objectContaining({ field: 'fullName', kind: 'diacritics' })]);
  });
});
