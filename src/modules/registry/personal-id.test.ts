import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPersonalId, centurySexDigit, decodeCenturySex, makePersonalId, maskPersonalId, type Sex } from './personal-id.js';
import { BIRTH_PROVINCE_CODES } from './birth-province-codes.js';

describe('personal ID structure (TT 07/2016 Art. 7)', () => {
  it.each([
    ['087084000999', 'Nam', '1984-03-02'], // DOMAIN.md's worked example: Đồng Tháp, male, 1984
    ['001199123456', 'Nữ', '1999-12-31'],
    ['079200000001', 'Nam', '2000-01-01'],
    ['096312345678', 'Nữ', '2012-06-15'],
    ['015075000000', 'Nam', '1975-04-30'], // 015 = Yên Bái, valid forever although 15 is Lào Cai since 2025
    ['002150000000', 'Nữ', '1950-01-01'], // Hà Giang, merged into Tuyên Quang in 2025
    ['046105000000', 'Nữ', '1905-01-01'],
    ['001599999999', 'Nữ', '2199-12-31'],
  ] as [string, Sex, string][])('accepts %s for %s born %s', (id, sex, dob) => {
    expect(checkPersonalId(id, sex, dob)).toEqual([]);
  });

  it.each([
    ['08708400099', 'Nam', '1984-01-01', ['PERSONAL_ID_FORMAT']],
    ['0870840009990', 'Nam', '1984-01-01', ['PERSONAL_ID_FORMAT']],
    ['08708400099a', 'Nam', '1984-01-01', ['PERSONAL_ID_FORMAT']],
    [' 87084000999', 'Nam', '1984-01-01', ['PERSONAL_ID_FORMAT']],
    ['003084000999', 'Nam', '1984-01-01', ['PERSONAL_ID_PROVINCE']], // 003 is not a province code
    ['097084000999', 'Nam', '1984-01-01', ['PERSONAL_ID_PROVINCE']],
    ['087184000999', 'Nam', '1984-01-01', ['PERSONAL_ID_SEX']],
    ['087084000999', 'Nữ', '1984-01-01', ['PERSONAL_ID_SEX']],
    ['087085000999', 'Nam', '1984-01-01', ['PERSONAL_ID_BIRTH_YEAR']],
    ['087284000999', 'Nam', '1984-01-01', ['PERSONAL_ID_CENTURY']],
    ['087384000999', 'Nam', '1984-01-01', ['PERSONAL_ID_SEX', 'PERSONAL_ID_CENTURY']],
    ['999084000999', 'Nữ', '1985-01-01', ['PERSONAL_ID_PROVINCE', 'PERSONAL_ID_SEX', 'PERSONAL_ID_BIRTH_YEAR']],
  ] as [string, Sex, string, string[]][])('refuses %s for %s born %s: %j', (id, sex, dob, codes) => {
    expect(checkPersonalId(id, sex, dob).map((p) => p.code)).toEqual(codes);
  });

  it('knows the 63 historic province codes', () => {
    expect(Object.keys(BIRTH_PROVINCE_CODES)).toHaveLength(63);
    expect(BIRTH_PROVINCE_CODES['087']).toBe('Tỉnh Đồng Tháp');
    expect(BIRTH_PROVINCE_CODES['082']).toBe('Tỉnh Tiền Giang');
  });

  it('decodes digit 4 for every century', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => decodeCenturySex(d))).toEqual([
      { century: 1900, sex: 'Nam' }, { century: 1900, sex: 'Nữ' }, { century: 2000, sex: 'Nam' }, { century: 2000, sex: 'Nữ' },
      { century: 2100, sex: 'Nam' }, { century: 2100, sex: 'Nữ' }, { century: 2200, sex: 'Nam' }, { century: 2200, sex: 'Nữ' },
      { century: 2300, sex: 'Nam' }, { century: 2300, sex: 'Nữ' },
    ]);
    expect(() => centurySexDigit(1899, 'Nam')).toThrow(RangeError);
  });

  it('builds IDs that always check clean (property)', () => {
    const codes = Object.keys(BIRTH_PROVINCE_CODES);
    fc.assert(
      fc.property(
        fc.constantFrom(...codes), fc.integer({ min: 1900, max: 2099 }), fc.constantFrom<Sex>('Nam', 'Nữ'), fc.integer({ min: 0, max: 999_999 }),
        (prefix, year, sex, serial) => {
          const id = makePersonalId(prefix, year, sex, serial);
          expect(id).toMatch(/^\d{12}$/);
          expect(checkPersonalId(id, sex, `${year}-06-01`)).toEqual([]);
          expect(checkPersonalId(id, sex === 'Nam' ? 'Nữ' : 'Nam', `${year}-06-01`).map((p) => p.code)).toEqual(['PERSONAL_ID_SEX']);
        },
      ),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (id, dob) => {
      expect(Array.isArray(checkPersonalId(id, 'Nam', dob))).toBe(true);
    }));
  });

  it('masks all but the first and last three digits', () => {
    expect(maskPersonalId('087084000999')).toBe('087******999');
    expect(maskPersonalId('123456789')).toBe('123***789');
  });
});
