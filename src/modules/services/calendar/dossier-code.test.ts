import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dossierCode, parseDossierCode } from './dossier-code.js';

describe('dossierCode (NĐ 118 Art. 28, §1.6)', () => {
  it('writes <agency>-<yyMMdd>-<seq, 4 digits> with the day in Vietnam', () => {
    expect(dossierCode('000.00.12.H62', new Date('2020-11-05T03:00:00Z'), 4)).toBe('000.00.12.H62-201105-0004');
    // 17:30 UTC on 31/12 is already 1 January in Vietnam.
    expect(dossierCode('G22.99.09', new Date('2023-12-31T17:30:00Z'), 1)).toBe('G22.99.09-240101-0001');
    expect(dossierCode('G22.99.08', new Date('2026-09-21T02:00:00Z'), 896048)).toBe('G22.99.08-260921-896048');
  });

  it('refuses codes it could not read back', () => {
    const at = new Date('2026-03-11T03:00:00Z');
    for (const agency of ['', 'H-62', 'a b', '.H62', 'H62.']) expect(() => dossierCode(agency, at, 1), agency).toThrow(RangeError);
    for (const seq of [0, -1, 1.5, Number.NaN]) expect(() => dossierCode('H62', at, seq), String(seq)).toThrow(RangeError);
    expect(() => dossierCode('H62', new Date('1999-12-31T03:00:00Z'), 1)).toThrow(RangeError);
    expect(() => dossierCode('H62', new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('parseDossierCode', () => {
  it('returns the three parts of the observed examples', () => {
    expect(parseDossierCode('000.00.12.H62-201105-0004')).toEqual({ agencyCode: '000.00.12.H62', date: '2020-11-05', seq: '0004' });
    expect(parseDossierCode('G22.99.08-260921-896048')).toEqual({ agencyCode: 'G22.99.08', date: '2026-09-21', seq: '896048' });
  });

  it('is strict', () => {
    for (const bad of ['', 'H62-201105-004', 'H62-201105-0000', 'H62-201305-0001', 'H62-210229-0001', 'H62-201105-0004 ', ' H62-201105-0004',
      'H-62-201105-0004', 'H62-2011050-0004', 'H62_201105_0004', 'H62-201105-00a4', 'H62--201105-0004']) {
      expect(parseDossierCode(bad), bad).toBeUndefined();
    }
    expect(parseDossierCode('H62-240229-0001')).toEqual({ agencyCode: 'H62', date: '2024-02-29', seq: '0001' });
  });

  it('reads back every code it writes (property)', () => {
    const agency = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,5}$/), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00+07:00'), max: new Date('2099-12-31T23:59:59+07:00'), noInvalidDate: true });
    fc.assert(fc.property(agency, instant, fc.integer({ min: 1, max: 9_999_999 }), (a, at, seq) => {
      const parts = parseDossierCode(dossierCode(a, at, seq));
      expect(parts).toBeDefined();
      expect(parts!.agencyCode).toBe(a);
      expect(Number(parts!.seq)).toBe(seq);
      expect(parts!.date).toBe(new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));
    }));
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const parts = parseDossierCode(s);
      if (parts) expect(`${parts.agencyCode}-${parts.date.slice(2).replaceAll('-', '')}-${parts.seq}`).toBe(s);
    }));
  });
});
