import { describe, expect, it, vi } from 'vitest';
import { SCHEMES, loadUnitLinks, loadUnitRows, parseCsv, type UnitRow } from './units-data.js';

function count<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

const pre = loadUnitRows('pre2025');
const now = loadUnitRows('2025');
const links = loadUnitLinks();
const preBy = new Map(pre.map((r) => [r.code, r]));
const nowBy = new Map(now.map((r) => [r.code, r]));

describe('units-data', () => {
  it('schemes', () => {
    expect(SCHEMES.pre2025.effectiveTo).toBe('2025-06-30');
    expect(SCHEMES['2025'].effectiveFrom).toBe('2025-07-01');
    expect(SCHEMES['2025'].effectiveTo).toBeNull();
  });

  it('pre-2025 counts: 63 / 696 / 10,035', () => {
    expect(count(pre, (r) => r.level)).toEqual({ province: 63, district: 696, commune: 10035 });
    expect(count(pre.filter((r) => r.level === 'commune'), (r) => r.type)).toEqual({
      Xã: 7692,
      Phường: 1726,
      'Thị trấn': 617,
    });
    expect(count(pre.filter((r) => r.level === 'district'), (r) => r.type)).toEqual({
      Huyện: 508,
      'Thành phố': 87,
      'Thị xã': 52,
      Quận: 49,
    });
    expect(count(pre.filter((r) => r.level === 'province'), (r) => r.type)).toEqual({
      Tỉnh: 57,
      'Thành phố trực thuộc trung ương': 6,
    });
  });

  it('2025 counts: 34 / 3,321 with the Đồng Nai changes', () => {
    expect(count(now, (r) => r.level)).toEqual({ province: 34, commune: 3321 });
    expect(count(now.filter((r) => r.level === 'commune'), (r) => r.type)).toEqual({
      Xã: 2611,
      Phường: 697,
      'Đặc khu': 13,
    });
    expect(count(now.filter((r) => r.level === 'province'), (r) => r.type)).toEqual({
      Tỉnh: 27,
      'Thành phố trực thuộc trung ương': 7,
    });
    expect(nowBy.get('75')).toMatchObject({ name: 'Đồng Nai', fullName: 'Thành phố Đồng Nai' });
    expect(nowBy.get('26368')).toMatchObject({ type: 'Phường', fullName: 'Phường Long Thành', provinceCode: '75' });
  });

  it('rows are well-formed', () => {
    const check = (rows: UnitRow[], by: Map<string, UnitRow>) => {
      const bad: string[] = [];
      expect(by.size).toBe(rows.length);
      for (const r of rows) {
        const len = { province: 2, district: 3, commune: 5 }[r.level];
        const word = r.type === 'Thành phố trực thuộc trung ương' ? 'Thành phố' : r.type;
        const parent = r.parentCode === null ? undefined : by.get(r.parentCode);
        const parentLevel = r.level === 'district' || r.scheme === '2025' ? 'province' : 'district';
        const ok =
          r.code.length === len &&
          /^\d+$/.test(r.code) &&
          r.name.normalize('NFC') === r.name &&
          r.fullName === `${word} ${r.name}` &&
          by.get(r.provinceCode)?.level === 'province' &&
          (r.level === 'province'
            ? r.parentCode === null && r.provinceCode === r.code
            : parent?.level === parentLevel && parent.provinceCode === r.provinceCode);
        if (!ok) bad.push(`${r.scheme}:${r.code}`);
      }
      expect(bad).toEqual([]);
    };
    check(pre, preBy);
    check(now, nowBy);
    expect(nowBy.get('38')?.name).toBe('Thanh Hóa'); // v3.0.2 tone-mark style
  });

  it('every link references existing codes; full coverage both ways', () => {
    expect(count(links, (l) => `${l.level}:${l.kind}`)).toEqual({
      'province:full': 63,
      'district:full': 5,
      'commune:full': 9575,
      'commune:partial': 1012,
    });
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const l of links) {
      const key = `${l.oldCode}>${l.newCode}`;
      if (
        preBy.get(l.oldCode)?.level !== l.level ||
        nowBy.get(l.newCode)?.level !== (l.level === 'province' ? 'province' : 'commune') ||
        seen.has(key)
      ) {
        bad.push(key);
      }
      seen.add(key);
    }
    expect(bad).toEqual([]);
    const provOf = new Map(links.filter((l) => l.level === 'province').map((l) => [l.oldCode, l.newCode]));
    const succ = new Set<string>();
    const pred = new Set<string>();
    for (const l of links.filter((l) => l.level !== 'province')) {
      succ.add(l.oldCode);
      pred.add(l.newCode);
      // a commune never leaves the territory of its (merged) province
      if (nowBy.get(l.newCode)!.provinceCode !== provOf.get(preBy.get(l.oldCode)!.provinceCode)) bad.push(`${l.oldCode}>${l.newCode}`);
    }
    expect(bad).toEqual([]);
    expect(pre.filter((r) => r.level === 'commune' && !succ.has(r.code)).map((r) => r.code)).toEqual([]);
    expect(now.filter((r) => r.level === 'commune' && !pred.has(r.code)).map((r) => r.code)).toEqual([]);
    expect(new Set(provOf.values()).size).toBe(34);
    // a unit that went whole into one new unit is 'full'; split units are 'partial' everywhere
    const kinds = new Map<string, string[]>();
    for (const l of links) kinds.set(l.oldCode, [...(kinds.get(l.oldCode) ?? []), l.kind]);
    for (const ks of kinds.values()) expect(ks.length === 1 ? ks[0] === 'full' : ks.every((k) => k === 'partial')).toBe(true);
  });

  it('spot checks', () => {
    const succOf = (code: string) => links.filter((l) => l.oldCode === code).map((l) => l.newCode);
    const predOf = (code: string, level = 'commune') =>
      links.filter((l) => l.newCode === code && l.level === level).map((l) => l.oldCode);
    expect(succOf('87')).toEqual(['82']);
    expect(succOf('82')).toEqual(['82']);
    expect(nowBy.get('82')?.name).toBe('Đồng Tháp');
    expect(predOf('82', 'province').sort()).toEqual(['82', '87']);
    expect(preBy.get('00001')?.fullName).toBe('Phường Phúc Xá');
    expect(succOf('00001')).toEqual(['00097']);
    expect(nowBy.get('00097')?.fullName).toBe('Phường Hồng Hà');
    expect(nowBy.get('00004')?.fullName).toBe('Phường Ba Đình');
    expect(predOf('00004')).toEqual(expect.arrayContaining(['00004', '00013']));
    expect(preBy.get('15')?.name).toBe('Yên Bái');
    expect(nowBy.get('15')?.name).toBe('Lào Cai');
    expect(succOf('15')).toEqual(['15']);
    expect(predOf('15', 'province').sort()).toEqual(['10', '15']);
    // mapping defects repaired by the build script
    expect(predOf('06978').length).toBeGreaterThan(0); // Xã Ba Chẽ (mapping said 06970)
    expect(predOf('23938').length).toBeGreaterThan(0); // Xã Ia Mơ (mapping said 23737)
    expect(succOf('30622')).toEqual(['30604']); // An Giang Tân Phú → Vĩnh An (NQ 1654 khoản 31)
    expect(links.find((l) => l.oldCode === '755')).toEqual({ level: 'district', oldCode: '755', newCode: '26732', kind: 'full' });
    expect(preBy.get('18448')).toBeUndefined();
  });

  it('codes keep leading zeros and loaders return copies', () => {
    expect(pre[0].code).toBe('01');
    const a = loadUnitRows('pre2025');
    a.pop();
    expect(loadUnitRows('pre2025').length).toBe(pre.length);
    expect(Object.isFrozen(pre[0])).toBe(true);
  });

  // No time limit here: a timed unit test fails on a busy host (it did, at 212 ms under load); speed
  // belongs in benchmarks.
  it('loads all files from a fresh module', async () => {
    vi.resetModules();
    const mod = await import('./units-data.js');
    const n = mod.loadUnitRows('pre2025').length + mod.loadUnitRows('2025').length + mod.loadUnitLinks().length;
    expect(n).toBe(10794 + 3355 + 10655);
  });

  it('csv parser handles quoted fields and rejects malformed input', () => {
    expect(parseCsv('a,"b,c","d""e"\n,x,\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['', 'x', ''],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow();
    expect(() => parseCsv('a,b"c\n')).toThrow();
    expect(() => parseCsv('a,"b"c\n')).toThrow();
  });
});
