import { seedPopulation } from '../modules/registry/index.js';
import { todayInVietnam } from '../platform/time.js';
import type { TestApp } from './app.js';

/** A synthetic province (deterministic for the seed) in a test app's registry, as `da06 seed` makes it. */
export async function seedTestProvince(t: TestApp, people: number, opts: { provinceCode?: string; seed?: number } = {}) {
  return seedPopulation(t.db, { provinceCode: opts.provinceCode ?? '82', people, seed: opts.seed ?? 11, today: todayInVietnam() });
}
