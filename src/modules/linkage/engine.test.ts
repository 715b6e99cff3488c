import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegistryIndex, compareDates, compareNames, linkRows, statusAt, toneCanonicalName, type LinkResult, type RegistryRecord } from './engine.js';
import { parseDateOfBirth } from './input.js';
import { syntheticList, syntheticRegistry } from './synthetic.js';

const level = (a: string, b: string) => ['different', 'partial', 'fuzzy', 'folded', 'exact'][compareNames(a, b)];

describe('names', () => {
  it.each([
    ['Nguyễn Thị Hòa', 'Nguyễn Thị Hoà', 'exact'],
    ['Trần Văn Thủy', 'Trần Văn Thuỷ', 'exact'],
    ['NGUYỄN  thị hòa', 'Nguyễn Thị Hòa', 'exact'],
    ['Nguyen Thi Hoa', 'Nguyễn Thị Hòa', 'folded'],
    ['Dang Van Dung', 'Đặng Văn Dũng', 'folded'],
    ['Lê Thị Vi', 'Lê Thị Vy', 'folded'],
    ['Nguyễn Thị Lan', 'Nguyễn Thị Lân', 'folded'],
    ['Nguyễn Văn Hùnng', 'Nguyễn Văn Hùng', 'fuzzy'],
    ['Nguyen Van Huong', 'Nguyễn Văn Huogn', 'fuzzy'],
    ['Lê Anh', 'Lê Văn Anh', 'fuzzy'],
    ['Nguyễn Văn Minh Anh', 'Nguyễn Thị Anh', 'partial'],
    ['Anh', 'Lê Văn Anh', 'partial'],
    ['Nguyễn Văn Bình', 'Nguyễn Văn Minh', 'different'],
    ['Hòa', 'Lê Văn Anh', 'different'],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });

  it('tone placement is canonical, other marks stay', () => {
    expect(toneCanonicalName('Hoà')).toBe(toneCanonicalName('Hòa'));
    expect(toneCanonicalName('Hóa')).not.toBe(toneCanonicalName('Hòa'));
    expect(toneCanonicalName('Lân')).not.toBe(toneCanonicalName('Lan'));
  });

  it('the canonical form made word by word (remembered) equals the form of the whole name', () => {
    const whole = (name: string) => name.normalize('NFD').toLowerCase().split(/[^\p{L}\p{M}]+/u).filter(Boolean).map((s) => toneCanonicalName(s)).join(' ');
    const piece = fc.constantFrom('Nguyễn', 'NGUYỄN', 'văn', 'Hoà', 'Hòa', 'Thuỷ', 'Đ', 'Thị-Bích', ' ', '  ', '\t', '\u00a0', '\u0301', '.', 'İ', 'Σ', '0');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (text) => {
      expect(toneCanonicalName(text)).toBe(whole(text));
    }), { numRuns: 1000 });
  });
});

describe('dates', () => {
  const d = (s: string) => parseDateOfBirth(s)!;
  it('reads the forms sector lists use', () => {
    expect(d('1985-03-07')).toEqual({ year: 1985, month: 3, day: 7 });
    expect(d('07/03/1985')).toEqual({ year: 1985, month: 3, day: 7 });
    expect(d('03/1985')).toEqual({ year: 1985, month: 3 });
    expect(d('1985')).toEqual({ year: 1985 });
    for (const bad of ['31/02/1985', '1985-13-01', 'abc', '85', '13/1985']) expect(parseDateOfBirth(bad)).toBeUndefined();
  });
  it.each([
    ['1985-03-07', 'exact'], ['1985-07-03', 'swapped'], ['03/1985', 'month_year'], ['1985', 'year'], ['1985-03-08', 'same_year'], ['04/1985', 'same_year'], ['1986-03-07', 'different'],
  ])('%s against 1985-03-07: %s', (row, expected) => {
    expect(['different', 'same_year', 'year', 'month_year', 'swapped', 'exact'][compareDates(d(row), d('1985-03-07'))]).toBe(expected);
  });
});

const PEOPLE: RegistryRecord[] = [
  { personalId: '084085000001', formerIds: ['380000001'], fullName: 'Nguyễn Thị Hòa', dateOfBirth: '1985-03-07', sex: 'Nữ', communeCode: '90001', phone: '0912345678' },
  { personalId: '084090000002', formerIds: [], fullName: 'Trần Văn Đức', dateOfBirth: '1990-11-02', sex: 'Nam', communeCode: '90002', phone: null },
];
const row = (n: number, fields: Record<string, string>) => ({ row: n, fields });

describe('the identifier pass', () => {
  const reg = new RegistryIndex(PEOPLE);
  const link = (fields: Record<string, string>) => linkRows([row(1, fields)], reg).results[0];

  it('a personal ID that agrees with name, sex and year is matched', () => {
    const r = link({ personal_id: '084085000001', full_name: 'Nguyen Thi Hoa', date_of_birth: '1985', sex: 'Nữ' });
    expect(r).toMatchObject({ status: 'matched', personalId: '084085000001', matchProbability: 1, pass: 'id' });
    expect(r.reasons).toContain('name:folded');
  });

  it('a CMND known as a former identifier is matched the same way', () => {
    expect(link({ legacy_id: '380000001', full_name: 'Nguyễn Thị Hoà', date_of_birth: '07/03/1985' })).toMatchObject({ status: 'matched', personalId: '084085000001' });
  });

  it('an ID that exists but disagrees goes to review, never matched', () => {
    for (const fields of <Record<string, string>[]>[
      { personal_id: '084085000001', full_name: 'Lê Văn Bình', date_of_birth: '1985-03-07' },
      { personal_id: '084085000001', full_name: 'Nguyễn Thị Hòa', date_of_birth: '1986' },
      { personal_id: '084085000001', full_name: 'Nguyễn Thị Hòa', sex: 'Nam' },
      { personal_id: '084085000001' },
    ]) {
      const r = link(fields);
      expect(r.status).toBe('review');
      expect(r.personalId).toBe('084085000001');
    }
  });

  it('a row with nothing identifying is unmatched with the reason', () => {
    expect(link({ address: 'Ấp 3', so_the: 'X1' })).toMatchObject({ status: 'unmatched', personalId: null, reasons: ['nothing_identifying'] });
  });

  it('an unknown ID falls through to the comparison of name and birth date', () => {
    const r = link({ personal_id: '084085999999', full_name: 'Trần Văn Đức', date_of_birth: '02/11/1990', sex: 'Nam', commune_code: '90002' });
    expect(r.reasons).toContain('personal_id:not_found');
    expect(r.pass).toBe('probabilistic');
    expect(r.personalId).toBe('084090000002');
  });
});

describe('a review row of the probabilistic pass', () => {
  it('keeps the next candidates, best first, for the officer to choose another', () => {
    const p = (personalId: string, fullName: string, dateOfBirth: string): RegistryRecord => ({ personalId, formerIds: [], fullName, dateOfBirth, sex: 'Nam', communeCode: '90001', phone: null });
    const reg = new RegistryIndex([...PEOPLE, p('084095000011', 'Hoàng Văn Minh', '1995-03-04'), p('084095000012', 'Hoàng Văn Minh', '1995-08-09'), p('084095000013', 'Hoàng Minh', '1995-10-10')]);
    const [r] = linkRows([row(1, { full_name: 'Hoàng Văn Minh', date_of_birth: '1995', sex: 'Nam', commune_code: '90001' })], reg).results;
    expect(r).toMatchObject({ status: 'review', pass: 'probabilistic' });
    expect(r.reasons).toContain('candidates:several');
    expect([r.personalId, ...r.others!.map((o) => o.personalId)].sort()).toEqual(['084095000011', '084095000012', '084095000013']);
    expect(r.matchProbability).toBeGreaterThanOrEqual(r.others![0].matchProbability);
    expect(r.others![0].matchProbability).toBeGreaterThanOrEqual(r.others![1].matchProbability);
  });
});

describe('communes of either scheme', () => {
  it('a pre-2025 commune agrees with its 2025 successor, through the mapping', () => {
    const reg = new RegistryIndex(PEOPLE);
    const fields = { full_name: 'Trần Văn Đức', date_of_birth: '1990', commune_code: '28999' };
    const mapped = linkRows([row(1, fields)], reg, { scheme: 'pre2025', successors: (c) => (c === '28999' ? ['90002'] : []) }).results[0];
    expect(mapped.reasons).toContain('commune:agrees');
    const unmapped = linkRows([row(1, fields)], reg, { scheme: 'pre2025', successors: () => [] }).results[0];
    expect(unmapped.reasons).toContain('commune_code:unknown');
  });
});

describe('a synthetic list of 4,000 rows against 20,000 people', () => {
  const { records, communes } = syntheticRegistry(20_000, 11, 40);
  const reg = new RegistryIndex(records);
  const list = syntheticList(records, communes, { rows: 4_000, seed: 5 });
  const { results, params } = linkRows(list, reg);

  function f1(rows: { truth: string | null; r: LinkResult }[]) {
    const tp = rows.filter(({ truth, r }) => r.status === 'matched' && r.personalId === truth).length;
    const matched = rows.filter(({ r }) => r.status === 'matched').length;
    const real = rows.filter(({ truth }) => truth !== null).length;
    const precision = tp / matched;
    const recall = tp / real;
    return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
  }
  const joined = list.map((l, i) => ({ truth: l.truth, hasId: l.hasId, r: results[i] }));

  it('never matches a row to the wrong person when it carries an ID, and finds nearly all', () => {
    const q = f1(joined.filter((x) => x.hasId));
    expect(q.precision).toBe(1);
    expect(q.recall).toBeGreaterThan(0.97);
  });

  it('links rows without an ID with F1 above 0.95 and sends few to review', () => {
    const q = f1(joined.filter((x) => !x.hasId));
    expect(q.precision).toBeGreaterThan(0.98);
    expect(q.f1).toBeGreaterThan(0.95);
    expect(results.filter((r) => r.status === 'review').length / results.length).toBeLessThan(0.05);
    expect(params!.lambda).toBeGreaterThan(0);
  });

  it('keeps the sector columns and the row numbers', () => {
    expect(results.map((r) => r.row)).toEqual(list.map((l) => l.row));
  });

  it('the preview moves rows between statuses as the thresholds move', () => {
    const at = (match: number, review: number) => results.filter((r) => statusAt(r, { match, review }) === 'matched').length;
    expect(at(0.5, 0.5)).toBeGreaterThanOrEqual(at(0.9, 0.5));
    expect(at(0.9, 0.5)).toBeGreaterThanOrEqual(at(0.999999, 0.5));
  });
});
