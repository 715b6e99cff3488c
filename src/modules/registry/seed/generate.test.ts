import { describe, it, expect } from 'vitest';
import { checkPersonalId } from '../personal-id.js';
import { DONG_THAP_COMMUNES } from './dong-thap-communes.js';
import { generatePopulation, type SeedCommune, type SeedHousehold, type SeedOptions } from './generate.js';

const TODAY = '2026-05-01';
const base: SeedOptions = { communes: [...DONG_THAP_COMMUNES], people: 50_000, seed: 42, today: TODAY };
const run = (opts: Partial<SeedOptions> = {}): SeedHousehold[] => [...generatePopulation({ ...base, ...opts })];

/** Age in completed years at TODAY. */
function ageAt(dob: string, today = TODAY): number {
  return Number(today.slice(0, 4)) - Number(dob.slice(0, 4)) - (dob.slice(5) > today.slice(5) ? 1 : 0);
}

describe('generatePopulation', () => {
  const households = run();
  const people = households.flatMap((h) => h.members);

  it('is deterministic and depends on the seed', () => {
    const small = { people: 3000 };
    expect(run(small)).toEqual(run(small));
    expect(JSON.stringify(run({ ...small, seed: 43 }))).not.toEqual(JSON.stringify(run(small)));
  });

  it('yields exactly the requested number of people', () => {
    expect(people.length).toBe(50_000);
    for (const n of [0, 1, 2, 7, 1234]) {
      expect(run({ people: n }).reduce((s, h) => s + h.members.length, 0)).toBe(n);
    }
    expect(households.every((h) => h.members.length >= 1)).toBe(true);
  });

  it('issues unique, well-formed personal IDs that agree with sex and date of birth', () => {
    expect(new Set(people.map((p) => p.personalId)).size).toBe(people.length);
    for (const p of people) expect(checkPersonalId(p.personalId, p.sex, p.dateOfBirth)).toEqual([]);
    const local = people.filter((p) => p.personalId.startsWith('082') || p.personalId.startsWith('087')).length;
    expect(local / people.length).toBeGreaterThan(0.9);
    expect(local / people.length).toBeLessThan(0.96);
  });

  it('gives unique 9-digit legacy CMND numbers to ~40% of people born before 2000 only', () => {
    const legacy = people.filter((p) => p.legacyId !== null);
    expect(new Set(legacy.map((p) => p.legacyId)).size).toBe(legacy.length);
    for (const p of legacy) {
      expect(p.legacyId).toMatch(/^\d{9}$/);
      expect(Number(p.dateOfBirth.slice(0, 4))).toBeLessThan(2000);
    }
    const pre2000 = people.filter((p) => Number(p.dateOfBirth.slice(0, 4)) < 2000).length;
    expect(legacy.length / pre2000).toBeGreaterThan(0.35);
    expect(legacy.length / pre2000).toBeLessThan(0.45);
  });

  it('matches the census shares within tolerances', () => {
    const share = (pred: (p: (typeof people)[number]) => boolean): number => people.filter(pred).length / people.length;
    expect(share((p) => p.fullName.startsWith('Nguyễn '))).toBeGreaterThan(0.3);
    expect(share((p) => p.fullName.startsWith('Nguyễn '))).toBeLessThan(0.45);
    expect(share((p) => p.sex === 'Nữ')).toBeGreaterThan(0.48);
    expect(share((p) => p.sex === 'Nữ')).toBeLessThan(0.53);
    expect(share((p) => ageAt(p.dateOfBirth) < 15)).toBeGreaterThan(0.2);
    expect(share((p) => ageAt(p.dateOfBirth) < 15)).toBeLessThan(0.29);
    expect(share((p) => ageAt(p.dateOfBirth) >= 65)).toBeGreaterThan(0.05);
    expect(share((p) => ageAt(p.dateOfBirth) >= 65)).toBeLessThan(0.11);
    const mean = people.length / households.length;
    expect(mean).toBeGreaterThan(3.2);
    expect(mean).toBeLessThan(4.0);
    // southern surname variants dominate
    expect(share((p) => p.fullName.startsWith('Huỳnh '))).toBeGreaterThan(share((p) => p.fullName.startsWith('Hoàng ')));
    expect(share((p) => p.fullName.startsWith('Võ '))).toBeGreaterThan(share((p) => p.fullName.startsWith('Vũ ')));
    expect(share((p) => p.ethnicity === 'Kinh')).toBeGreaterThan(0.98);
    expect(share((p) => p.religion === 'Không')).toBeGreaterThan(0.6);
    expect(share((p) => p.religion === 'Phật giáo Hòa Hảo')).toBeGreaterThan(0.02);
    expect(share((p) => p.dateOfDeath !== null)).toBeGreaterThan(0.002);
    expect(share((p) => p.dateOfDeath !== null)).toBeLessThan(0.01);
  });

  it('builds plausible households', () => {
    const codes = new Set(DONG_THAP_COMMUNES.map((c) => c.code));
    expect(new Set(households.map((h) => h.householdNo)).size).toBe(households.length);
    for (const h of households) {
      expect(codes.has(h.communeCode)).toBe(true);
      expect(h.address.length).toBeGreaterThan(0);
      const [head, ...rest] = h.members;
      const headAge = ageAt(head.dateOfBirth);
      expect(head.relationToHead).toBe('Chủ hộ');
      expect(headAge).toBeGreaterThanOrEqual(18);
      expect(head.dateOfDeath).toBeNull();
      for (const m of rest) {
        expect(m.relationToHead).not.toBe('Chủ hộ');
        if (m.relationToHead === 'Con') expect(headAge - ageAt(m.dateOfBirth)).toBeGreaterThanOrEqual(15);
        if (m.relationToHead === 'Cháu') expect(headAge - ageAt(m.dateOfBirth)).toBeGreaterThanOrEqual(30);
        if (m.relationToHead === 'Cha' || m.relationToHead === 'Mẹ') expect(ageAt(m.dateOfBirth) - headAge).toBeGreaterThanOrEqual(15);
        if (m.relationToHead === 'Vợ') expect(head.sex === 'Nam' && m.sex === 'Nữ').toBe(true);
        if (m.relationToHead === 'Chồng') expect(head.sex === 'Nữ' && m.sex === 'Nam').toBe(true);
      }
    }
  });

  it('children usually carry the head’s (father’s) surname', () => {
    let same = 0;
    let total = 0;
    for (const h of households) {
      const head = h.members[0];
      if (head.sex !== 'Nam') continue;
      for (const m of h.members) {
        if (m.relationToHead !== 'Con') continue;
        total++;
        if (m.fullName.split(' ')[0] === head.fullName.split(' ')[0]) same++;
      }
    }
    expect(same / total).toBeGreaterThan(0.95);
  });

  it('keeps per-person fields consistent', () => {
    const codes = new Set(DONG_THAP_COMMUNES.map((c) => c.code));
    for (const h of households) {
      for (const p of h.members) {
        expect(p.dateOfBirth <= TODAY).toBe(true);
        if (ageAt(p.dateOfBirth) < 15) expect(p.occupation).toBeNull();
        else expect(p.occupation).not.toBeNull();
        if (p.dateOfDeath) expect(p.dateOfDeath > p.dateOfBirth && p.dateOfDeath < TODAY).toBe(true);
        if (p.movedInOn) expect(p.movedInOn > p.dateOfBirth && p.movedInOn <= TODAY).toBe(true);
        if (p.dateOfDeath && p.movedInOn) expect(p.movedInOn < p.dateOfDeath).toBe(true);
        if (p.temporaryCommuneCode) {
          expect(codes.has(p.temporaryCommuneCode)).toBe(true);
          expect(p.temporaryCommuneCode).not.toBe(h.communeCode);
        }
      }
    }
  });

  it('urban communes have fewer farmers than rural ones', () => {
    const farmShare = (urban: boolean): number => {
      const adults = households.filter((h) => DONG_THAP_COMMUNES.find((c) => c.code === h.communeCode)!.urban === urban).flatMap((h) => h.members).filter((p) => p.occupation);
      return adults.filter((p) => p.occupation === 'Nông nghiệp, lâm nghiệp, thủy sản').length / adults.length;
    };
    expect(farmShare(true)).toBeLessThan(farmShare(false) / 2);
  });

  it('uses per-province ethnicity tables (Khmer provinces)', () => {
    const communes: SeedCommune[] = [
      { code: '29000', name: 'Xã A', oldProvinceCode: '84', urban: false },
      { code: '31000', name: 'Xã B', oldProvinceCode: '94', urban: false },
    ];
    const ppl = run({ communes, people: 20_000 }).flatMap((h) => h.members);
    const khmer = ppl.filter((p) => p.ethnicity === 'Khmer');
    expect(khmer.length / ppl.length).toBeGreaterThan(0.22);
    expect(khmer.length / ppl.length).toBeLessThan(0.38);
    expect(khmer.filter((p) => p.religion === 'Phật giáo').length / khmer.length).toBeGreaterThan(0.8);
    expect(khmer.filter((p) => /^(Thạch|Danh|Kim|Sơn|Lâm|Chau) /.test(p.fullName)).length / khmer.length).toBeGreaterThan(0.5);
  });

  it('rejects bad options', () => {
    expect(() => run({ people: -1 })).toThrow();
    expect(() => run({ communes: [] })).toThrow();
    expect(() => run({ today: '2026-02-30' })).toThrow();
    expect(() => run({ communes: [{ code: '1', name: 'x', oldProvinceCode: '03', urban: false }] })).toThrow();
  });
});
