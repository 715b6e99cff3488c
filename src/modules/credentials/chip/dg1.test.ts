import { describe, expect, it } from 'vitest';
import { ChipInputError } from './errors.js';
import { mrzCheckDigit, parseDg1, parseTd1Mrz } from './dg1.js';
import { buildTd1Mrz, DEFAULT_PERSON, encodeDg1 } from './testing.js';

// ICAO 9303-3/-5 specimen: Anna Maria Eriksson, Utopia.
const ICAO_TD1 = 'I<UTOD231458907<<<<<<<<<<<<<<<' + '7408122F1204159UTO<<<<<<<<<<<6' + 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<';
const AT = { at: new Date('2026-01-01T00:00:00Z') };

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(ChipInputError);
    return (err as ChipInputError).code;
  }
};

describe('mrzCheckDigit (ICAO 9303-3 §4.9)', () => {
  it.each([
    ['L898902C3', 6],
    ['740812', 2],
    ['120415', 9],
    ['ZE184226B<<<<<', 1],
    ['D23145890', 7],
    ['<<<<<<', 0],
    ['', 0],
  ])('%s → %i', (field, digit) => expect(mrzCheckDigit(field)).toBe(digit));
});

describe('parseTd1Mrz', () => {
  it('reads the ICAO specimen with every check digit right', () => {
    expect(parseTd1Mrz(ICAO_TD1, AT)).toMatchObject({
      documentCode: 'I',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      personalId: undefined,
      dateOfBirth: '1974-08-12',
      sex: 'F',
      dateOfExpiry: '2012-04-15',
      nationality: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      checkDigits: { documentNumber: true, dateOfBirth: true, dateOfExpiry: true, composite: true },
    });
  });

  it('accepts the three lines separated by line breaks', () => {
    expect(parseTd1Mrz(ICAO_TD1.match(/.{30}/g)!.join('\n'), AT).documentNumber).toBe('D23145890');
  });

  it.each([
    [14, 'documentNumber'],
    [36, 'dateOfBirth'],
    [44, 'dateOfExpiry'],
    [59, 'composite'],
  ] as const)('detects a wrong digit at position %i (%s)', (position, field) => {
    const digit = ICAO_TD1[position] === '0' ? '1' : '0';
    const parsed = parseTd1Mrz(ICAO_TD1.slice(0, position) + digit + ICAO_TD1.slice(position + 1), AT);
    expect(parsed.checkDigits[field]).toBe(false);
    const others = Object.entries(parsed.checkDigits).filter(([k]) => k !== field && k !== 'composite');
    expect(others.every(([, ok]) => ok)).toBe(true);
  });

  it('reads the Vietnamese layout: last 9 digits as document number, the 12-digit ID in optional data', () => {
    const parsed = parseTd1Mrz(buildTd1Mrz(DEFAULT_PERSON), AT);
    expect(parsed).toMatchObject({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '095012345',
      personalId: '001095012345',
      dateOfBirth: '1995-03-14',
      sex: 'M',
      dateOfExpiry: '2035-03-14',
      nationality: 'VNM',
      fullName: 'NGUYEN VAN AN',
    });
    expect(Object.values(parsed.checkDigits).every(Boolean)).toBe(true);
  });

  it('picks the birth century from the personal ID, not from the current year', () => {
    // Born 2005 (century digit 2/3), 1925 (0/1): a "two-digit year window" would get one of them wrong.
    const young = parseTd1Mrz(buildTd1Mrz({ ...DEFAULT_PERSON, personalId: '079305001234', dateOfBirth: '2005-07-01', sex: 'F' }), { at: new Date('2004-01-01') });
    expect(young.dateOfBirth).toBe('2005-07-01');
    const old = parseTd1Mrz(buildTd1Mrz({ ...DEFAULT_PERSON, personalId: '079025001234', dateOfBirth: '1925-07-01' }), AT);
    expect(old.dateOfBirth).toBe('1925-07-01');
  });

  it('without a personal ID, treats a two-digit year after the current one as 19xx', () => {
    expect(parseTd1Mrz(ICAO_TD1, { at: new Date('2073-01-01') }).dateOfBirth).toBe('1974-08-12');
    expect(parseTd1Mrz(ICAO_TD1.replace('740812', '100812'), AT).dateOfBirth).toBe('2010-08-12');
  });

  it('gives reduced-precision dates for unknown day or month and null for nonsense', () => {
    expect(parseTd1Mrz(ICAO_TD1.replace('740812', '7408<<'), AT).dateOfBirth).toBe('1974-08');
    expect(parseTd1Mrz(ICAO_TD1.replace('740812', '74<<<<'), AT).dateOfBirth).toBe('1974');
    expect(parseTd1Mrz(ICAO_TD1.replace('740812', '740231'), AT).dateOfBirth).toBeNull();
    expect(parseTd1Mrz(ICAO_TD1.replace('1204159', '<<<<<<<'), AT).dateOfExpiry).toBeNull();
  });

  it('follows a document number longer than 9 characters into the optional data', () => {
    const number = 'D23145890AB1';
    const line1 = `I<UTO${number.slice(0, 9)}<${number.slice(9)}${mrzCheckDigit(number)}<`.padEnd(30, '<');
    const parsed = parseTd1Mrz(line1 + ICAO_TD1.slice(30), AT);
    expect(parsed.documentNumber).toBe(number);
    expect(parsed.checkDigits.documentNumber).toBe(true);
  });

  it('maps "<" in the sex position to X', () => {
    expect(parseTd1Mrz(ICAO_TD1.replace('2F12', '2<12'), AT).sex).toBe('X');
  });

  it.each([
    ['a TD3 passport MRZ (2×44)', 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    ['lower case', ICAO_TD1.toLowerCase()],
    ['a bad sex letter', ICAO_TD1.replace('2F12', '2Q12')],
    ['empty', ''],
  ])('rejects %s with MRZ_NOT_TD1', (_name, mrz) => {
    expect(codeOf(() => parseTd1Mrz(mrz))).toBe('MRZ_NOT_TD1');
  });
});

describe('parseDg1', () => {
  it('unwraps 61 { 5F1F MRZ }', () => {
    expect(parseDg1(encodeDg1(ICAO_TD1), AT).documentNumber).toBe('D23145890');
  });

  it.each([
    ['wrong outer tag', Buffer.from([0x6d, 0x00])],
    ['no 5F1F inside', Buffer.from([0x61, 0x02, 0x04, 0x00])],
    ['truncated', encodeDg1(ICAO_TD1).subarray(0, 40)],
    ['empty', Buffer.alloc(0)],
  ])('rejects %s with DG1_MALFORMED', (_name, bytes) => {
    expect(codeOf(() => parseDg1(bytes))).toBe('DG1_MALFORMED');
  });
});
