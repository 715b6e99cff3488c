import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/app.js';
import { seedTestProvince } from './testing/province.js';
import { todayInVietnam } from './platform/time.js';
import { LEFT_FOR_THE_TESTS, seedDemoReadiness, type DemoReadiness } from './demo-readiness.js';

interface Readiness {
  adults: number;
  level1: number;
  level2: number;
  level1Share: number;
  level2Share: number;
  verifications: { type: string; verifications: number; valid: number; sites: number }[];
  signIns: { clientId: string; name: string; signIns: number }[];
}

let t: TestApp;
let seeded: DemoReadiness;

beforeAll(async () => {
  t = await testApp();
  await seedTestProvince(t, 800, { provinceCode: '82', seed: 6 });
  seeded = await seedDemoReadiness(t.db, { services: t.services, provinceCode: '82', seed: 6, today: todayInVietnam() });
  await t.services.registry.statistics.refresh();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the demo province as a digital citizen finds it (readiness dashboard)', () => {
  it('has e-ID accounts at both levels, verifications at counters and sign-ins through single sign-on', async () => {
    expect(seeded.level2).toBeGreaterThan(seeded.level1);
    expect(seeded.level1).toBeGreaterThan(0);
    expect(seeded.verifications).toBeGreaterThan(0);
    expect(seeded.signIns).toBeGreaterThan(0);

    const leader = await t.officer('lanhdao.demo', 'leader', '82');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/ioc/readiness', headers: leader.headers });
    expect(res.statusCode).toBe(200);
    const r = res.json<Readiness>();
    expect(r.level1 + r.level2).toBe(seeded.level1 + seeded.level2);
    // Realistic proportions: a good share of adults, and of them most at level 2.
    expect(r.level1Share).toBeGreaterThan(20);
    expect(r.level1Share).toBeLessThan(90);
    expect(r.level2Share).toBeGreaterThan(10);
    expect(r.level2Share).toBeLessThan(r.level1Share);
    // Counters of several kinds, nearly all verifications valid.
    expect(new Set(r.verifications.map((v) => v.type))).toEqual(new Set(['hospital', 'lodging', 'ticketing', 'notary', 'driving_test', 'pawnshop']));
    const total = r.verifications.reduce((s, v) => s + v.verifications, 0);
    const valid = r.verifications.reduce((s, v) => s + v.valid, 0);
    expect(total).toBeGreaterThan(0);
    expect(valid / total).toBeGreaterThan(0.9);
    expect(valid).toBeLessThan(total);
    expect(r.signIns.length).toBe(3);
    expect(r.signIns.every((c) => c.signIns > 0)).toBe(true);
  });

  it('leaves the residents the browser tests register without an account', async () => {
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM citizen_accounts a JOIN people p ON p.id = a.person_id WHERE p.name_norm LIKE '%' || $1 || '%'`,
      [LEFT_FOR_THE_TESTS],
    );
    expect(Number(rows[0].n)).toBe(0);
    const { rows: left } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM people WHERE name_norm LIKE '%' || $1 || '%' AND phone IS NOT NULL AND date_of_death IS NULL`,
      [LEFT_FOR_THE_TESTS],
    );
    expect(Number(left[0].n)).toBeGreaterThan(20);
  });

  it('is the same for the same seed', async () => {
    const again = await testApp();
    try {
      await seedTestProvince(again, 800, { provinceCode: '82', seed: 6 });
      expect(await seedDemoReadiness(again.db, { services: again.services, provinceCode: '82', seed: 6, today: todayInVietnam() })).toEqual(seeded);
    } finally {
      await again.close();
    }
  }, 120_000);
});
