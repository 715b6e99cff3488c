import { describe, expect, it } from 'vitest';
import { explainMatch } from './match-explain.js';

describe('explainMatch', () => {
  it('names each word of the listed name with the declared word it met, and the birth date', () => {
    const e = explainMatch(
      { fullName: 'Nguyen Van Ann', personalId: null, dateOfBirth: '1990-02-01' },
      { fullName: 'Nguyễn Văn Anh', personalId: '082090000001', dateOfBirth: '1990-02-01', birthYear: 1990 },
    );
    expect(e.personalId).toBe(false);
    expect(e.birth).toBe('date');
    expect(e.nameParts.map((p) => [p.listed, p.declared, p.how])).toEqual([
      ['Nguyễn', 'Nguyen', 'accents'], ['Văn', 'Van', 'accents'], ['Anh', null, 'missing'],
    ]);
  });

  it('tells an exact word, a spelling variant, a typo, a missing middle name and a birth year only', () => {
    const e = explainMatch(
      { fullName: 'Trần Vi Hoagn', personalId: '082190000002', dateOfBirth: '1991-07-07' },
      { fullName: 'Trần Thị Vy Hoang', personalId: '082190000002', dateOfBirth: null, birthYear: 1991 },
    );
    expect(e.personalId).toBe(true);
    expect(e.birth).toBe('year');
    expect(e.nameParts.map((p) => p.how)).toEqual(['exact', 'missing', 'spelling', 'typo']);
  });
});
