import { describe, expect, it } from 'vitest';
import { canonicalName, normalizeName } from './names.js';

describe('name normalisation', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['NGUYỄN VĂN ÂN', 'nguyen van an'],
    ['Đặng Thị Đào', 'dang thi dao'],
    ['  Trần   Thị  Bích ', 'tran thi bich'],
    ['Lê Hòa', 'le hoa'],
    ['Lê Hoà', 'le hoa'], // old-style tone placement meets the new one
    ['Nguyê\u0303n', 'nguyen'], // decomposed input
    ["O'Neil-Trần", 'o neil tran'],
    ['Thạch Sô Phia', 'thach so phia'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('stores names in NFC with single spaces', () => {
    expect(canonicalName(' Nguyê\u0303n  Văn ')).toBe('Nguyễn Văn');
    expect(canonicalName('Nguyê\u0303n').length).toBe(6);
  });
});

describe('look-alike letters', () => {
  it('folds the Icelandic eth (Ð, found in some name lists) like Đ', () => {
    expect(normalizeName('Ðặng Quang Ðức')).toBe('dang quang duc');
  });
});
