import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { dg13Date, parseDg13 } from './dg13.js';
import { ChipInputError } from './errors.js';
import { DEFAULT_PERSON, dg13Entries, encodeDg13, type Dg13Entry } from './testing.js';

const utf8 = (value: string) => new asn1js.Utf8String({ value });
const printable = (value: string) => new asn1js.PrintableString({ value });

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(ChipInputError);
    return (err as ChipInputError).code;
  }
};

describe('parseDg13', () => {
  it('reads every field of the Vietnamese layout', () => {
    const data = parseDg13(encodeDg13(dg13Entries({ ...DEFAULT_PERSON, spouse: 'Lê Thị Dung' })));
    expect(data).toEqual({
      version: 1,
      personalId: '001095012345',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1995-03-14',
      sex: 'M',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      religion: 'Không',
      placeOfOrigin: 'Xã Đông Hội, Huyện Đông Anh, Hà Nội',
      residence: 'Số 1 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội',
      identifyingMarks: 'Nốt ruồi C:2cm trên sau đầu mày trái',
      issuedOn: '2021-06-01',
      expiresOn: '2035-03-14',
      father: 'Nguyễn Văn Bình',
      mother: 'Trần Thị Cúc',
      spouse: 'Lê Thị Dung',
      legacyId: '012345678',
      unknownFields: [],
      unreadableFields: [],
      fieldCount: 15,
    });
  });

  it('identifies fields by number, not position, and allows any of them to be absent', () => {
    const entries: Dg13Entry[] = [
      { field: 4, value: utf8('Nữ') },
      { field: 1, value: printable('079305001234') },
      { field: 12, value: utf8('01/07/2030') },
    ];
    expect(parseDg13(encodeDg13(entries))).toEqual({
      version: 1,
      personalId: '079305001234',
      sex: 'F',
      expiresOn: '2030-07-01',
      unknownFields: [],
      unreadableFields: [],
      fieldCount: 3,
    });
  });

  it('keeps unknown fields raw (16 is seen on real cards)', () => {
    const entries: Dg13Entry[] = [
      { field: 1, value: printable('001095012345') },
      { field: 16, value: printable('0123456789ABCDEF') },
      { field: 42, value: new asn1js.OctetString({ valueHex: new Uint8Array([1, 2]) }) },
    ];
    const data = parseDg13(encodeDg13(entries));
    expect(data.personalId).toBe('001095012345');
    expect(data.unknownFields).toEqual([
      { field: 16, der: '1310' + Buffer.from('0123456789ABCDEF').toString('hex'), text: '0123456789ABCDEF' },
      { field: 42, der: '04020102' },
    ]);
  });

  it('keeps entries that are not SEQUENCE { INTEGER, value } with field null', () => {
    const content = new asn1js.Sequence({
      value: [new asn1js.Integer({ value: 1 }), new asn1js.Set({ value: [new asn1js.Null(), new asn1js.Sequence({ value: [printable('x')] })] })],
    });
    const bytes = new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: 13 }, value: [content] }).toBER();
    const data = parseDg13(new Uint8Array(bytes));
    expect(data.unknownFields.map((f) => [f.field, f.der])).toEqual([
      [null, '0500'],
      [null, '3003130178'],
    ]);
  });

  it('reports known fields with unexpected values as unreadable instead of guessing', () => {
    const entries: Dg13Entry[] = [
      { field: 3, value: printable('1995-03-14') },
      { field: 4, value: utf8('Khác') },
      { field: 13, value: utf8('Nguyễn Văn Bình') },
      { field: 2, value: utf8('Nguyễn Văn An') },
      { field: 2, value: utf8('Người Khác') },
      { field: 6, value: new asn1js.Integer({ value: 5 }) },
    ];
    const data = parseDg13(encodeDg13(entries));
    expect(data.fullName).toBe('Nguyễn Văn An');
    expect(data.dateOfBirth).toBeUndefined();
    expect(data.sex).toBeUndefined();
    expect(data.unreadableFields.map((f) => [f.field, f.text])).toEqual([
      [3, '1995-03-14'],
      [4, 'Khác'],
      [13, 'Nguyễn Văn Bình'],
      [2, 'Người Khác'],
      [6, undefined],
    ]);
  });

  it('understands cards without expiry and unknown birth days', () => {
    const data = parseDg13(
      encodeDg13([
        { field: 3, value: printable('00/00/1950') },
        { field: 11, value: printable('00/05/2021') },
        { field: 12, value: utf8('Không thời hạn') },
      ]),
    );
    expect(data).toMatchObject({ dateOfBirth: '1950', issuedOn: '2021-05', noExpiry: true });
    expect(data.expiresOn).toBeUndefined();
  });

  it('normalises decomposed Vietnamese text to NFC and maps "Nu"/"Nữ" to F', () => {
    const data = parseDg13(encodeDg13([{ field: 2, value: utf8('Trần Thị Cúc'.normalize('NFD')) }, { field: 4, value: utf8('Nữ'.normalize('NFD')) }]));
    expect(data.fullName).toBe('Trần Thị Cúc'.normalize('NFC'));
    expect(data.sex).toBe('F');
  });

  it('treats an empty father or spouse as absent', () => {
    const data = parseDg13(
      encodeDg13([
        { field: 13, value: new asn1js.Sequence({ value: [utf8(''), utf8('Trần Thị Cúc')] }) },
        { field: 14, value: new asn1js.Sequence({ value: [] }) },
      ]),
    );
    expect(data).toMatchObject({ mother: 'Trần Thị Cúc', unreadableFields: [] });
    expect(data.father).toBeUndefined();
    expect(data.spouse).toBeUndefined();
  });

  it.each([
    ['wrong outer tag', new asn1js.Sequence({ value: [] }).toBER()],
    ['no SET of fields', new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: 13 }, value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] })] }).toBER()],
    ['a primitive inside', new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: 13 }, value: [new asn1js.Integer({ value: 1 })] }).toBER()],
    ['truncated', encodeDg13(dg13Entries(DEFAULT_PERSON)).subarray(0, 50)],
    ['empty', new ArrayBuffer(0)],
  ])('rejects %s with DG13_MALFORMED', (_name, bytes) => {
    expect(codeOf(() => parseDg13(new Uint8Array(bytes as ArrayBuffer)))).toBe('DG13_MALFORMED');
  });
});

describe('dg13Date', () => {
  it.each([
    ['14/03/1995', '1995-03-14'],
    ['29/02/2000', '2000-02-29'],
    ['29/02/1900', null],
    ['31/04/2020', null],
    ['00/00/1950', '1950'],
    ['00/07/1950', '1950-07'],
    ['12/00/1950', null],
    ['1950', '1950'],
    [' 01/01/2001 ', '2001-01-01'],
    ['1/1/2001', null],
    ['', null],
  ])('%j → %j', (text, iso) => expect(dg13Date(text)).toBe(iso));
});
