import { describe, expect, it } from 'vitest';
import { PERSON_FLAGS, QualityAccumulator, datePrecision, usable, type QualityInputRow } from './quality.js';

const row = (n: number, status: QualityInputRow['status'], personalId: string | null, fields: Record<string, string>, personCommune: string | null = null, reasons: string[] = []): QualityInputRow =>
  ({ row: n, status, personalId, fields, personCommune, reasons });

describe('usable values', () => {
  it.each([
    ['personal_id', '082 084 001234', true], ['personal_id', '08208400123', false],
    ['legacy_id', '123456789', true], ['legacy_id', '12345', false],
    ['full_name', 'Nguyễn Văn An', true], ['full_name', ' - ', false],
    ['date_of_birth', '12/05/1984', true], ['date_of_birth', '31/02/1984', false],
    ['sex', 'nu', true], ['sex', 'x', false],
    ['address', 'Ấp 3', true], ['address', '   ', false],
    ['commune_code', '28249', true], ['commune_code', '2824', false],
    ['phone', '0912 345 678', true], ['phone', '+84912345678', true], ['phone', '912345678', false],
  ] as const)('%s %j → %s', (field, value, expected) => {
    expect(usable(field, value)).toBe(expected);
  });

  it('reads how precise a date of birth is', () => {
    expect(['1984-05-12', '12/05/1984', '05/1984', '1984', '', 'năm 84'].map(datePrecision)).toEqual(['full', 'full', 'monthYear', 'yearOnly', undefined, undefined]);
  });
});

describe('a hand-made list of six rows', () => {
  const A = '082084001234';
  const B = '082186002345';
  const acc = new QualityAccumulator();
  acc.add(row(1, 'matched', A, { personal_id: A, full_name: 'Nguyễn Văn An', date_of_birth: '1984-05-12', sex: 'Nam', commune_code: '28249' }, '28249'));
  acc.add(row(2, 'matched', A, { full_name: 'Nguyen Van An', date_of_birth: '05/1984', phone: '0912345678' }, '28249'));
  acc.add(row(3, 'review', B, { personal_id: B, full_name: 'Lê Văn Cường', date_of_birth: '1986', commune_code: '28261' }, '28261'));
  acc.add(row(4, 'matched', B, { full_name: 'Trần Thị Bích', date_of_birth: '03/02/1986', address: 'Ấp 1', commune_code: '28249' }, '28249'));
  acc.add(row(5, 'unmatched', null, { personal_id: '079175005678', full_name: 'Phạm Thị An' }, null, ['personal_id:not_found', PERSON_FLAGS.deceased]));
  acc.add(row(6, 'unmatched', null, { legacy_id: '987654321' }, null, ['legacy_id:not_found', PERSON_FLAGS.movedOut]));
  const q = acc.report();

  it('counts the statuses and each field\'s usable values', () => {
    expect(q.overall).toMatchObject({ rows: 6, matched: 3, review: 1, unmatched: 2, deceased: 1, movedOut: 1 });
    const c = Object.fromEntries(q.overall.completeness.map((x) => [x.field, x.count]));
    expect(c).toEqual({ personal_id: 3, legacy_id: 1, full_name: 5, date_of_birth: 4, sex: 1, address: 1, commune_code: 3, phone: 1 });
    expect(q.overall.completeness.find((x) => x.field === 'full_name')!.share).toBe(0.8333);
    expect(q.overall.dateOfBirth).toEqual({ full: 2, monthYear: 1, yearOnly: 1 });
  });

  it('finds two matched rows of one person as duplicates, not a review row of another', () => {
    expect(q.duplicates).toEqual({ groups: 1, rows: 2, items: [{ personalId: A, rows: [1, 2] }] });
    expect(q.overall.duplicateRows).toBe(2);
  });

  it('groups by the person\'s commune and by the commune the row gives', () => {
    expect(q.byPersonCommune.map((c) => [c.communeCode, c.rows, c.matched, c.review, c.unmatched, c.duplicateRows])).toEqual([
      ['28249', 3, 3, 0, 0, 2], ['28261', 1, 0, 1, 0, 0], [null, 2, 0, 0, 2, 0],
    ]);
    expect(q.byListCommune.map((c) => [c.communeCode, c.rows, c.duplicateRows, c.deceased])).toEqual([
      ['28249', 2, 1, 0], ['28261', 1, 0, 0], [null, 3, 1, 1],
    ]);
  });

  it('an empty list has shares of zero', () => {
    const empty = new QualityAccumulator().report();
    expect(empty.overall.rows).toBe(0);
    expect(empty.overall.completeness.every((x) => x.share === 0)).toBe(true);
  });
});
