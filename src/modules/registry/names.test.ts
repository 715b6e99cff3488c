import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalName, isPersonName, normalizeName } from './names.js';

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

describe('what a name may hold (one rule for every input)', () => {
  it.each(["Nguyễn Văn An", "H'Hen Niê", 'Nguyê\u0303n Thị-Ánh', 'Thạch Sô Phia', 'Kim Min-jun', 'Ðặng Ðức', 'ĐOÀN THỊ ỶN'])('accepts %s', (name) => {
    expect(isPersonName(name)).toBe(true);
  });

  it.each(['=HYPERLINK("http://x","y")', '+Nguyễn', '-Nguyễn', '@Nguyễn', "'Nguyễn", 'Nguyễn Văn 2', 'Nguyễn <b>An</b>', 'Lê\u0000Văn', '', ' '])('refuses %j', (name) => {
    expect(isPersonName(name)).toBe(false);
  });

  it('accepts any name made of Vietnamese syllables, and nothing that starts like a formula (property)', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ'];
    const marks = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const syllable = fc.tuple(fc.constantFrom(...letters), fc.constantFrom(...marks), fc.array(fc.constantFrom(...letters), { maxLength: 5 }))
      .map(([first, mark, rest]) => (first + mark + rest.join('')).normalize('NFC'));
    fc.assert(fc.property(fc.array(syllable, { minLength: 1, maxLength: 5 }), (words) => isPersonName(words.join(' '))));
    fc.assert(fc.property(fc.constantFrom('=', '+', '-', '@'), fc.string(), (prefix, rest) => !isPersonName(prefix + rest)));
  });
});
