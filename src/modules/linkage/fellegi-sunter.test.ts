import { describe, expect, it } from 'vitest';
import { PatternSpace, estimateByEm, matchProbability, probabilityTable, type FsParams } from './fellegi-sunter.js';

const space = new PatternSpace([
  { name: 'a', levels: ['no', 'yes'] },
  { name: 'b', levels: ['no', 'near', 'yes'] },
  { name: 'c', levels: ['no', 'yes'] },
]);

/** A deterministic pseudo-random generator, so the test's data are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const draw = (r: () => number, probs: number[]) => {
  let x = r();
  for (let i = 0; i < probs.length; i++) if ((x -= probs[i]) < 0) return i;
  return probs.length - 1;
};

describe('PatternSpace', () => {
  it('encodes levels and missing fields and decodes them back', () => {
    expect(space.size).toBe(3 * 4 * 3);
    for (const levels of [[-1, -1, -1], [0, 2, 1], [1, -1, 0], [1, 1, 1]]) {
      const p = space.encode(levels);
      expect(levels.map((_, i) => space.level(p, i))).toEqual(levels);
    }
  });
});

describe('estimateByEm', () => {
  it('recovers m, u and λ from pairs drawn from them (conditional independence)', () => {
    const truth: FsParams = { lambda: 0.1, m: [[0.05, 0.95], [0.05, 0.15, 0.8], [0.2, 0.8]], u: [[0.7, 0.3], [0.8, 0.15, 0.05], [0.8, 0.2]] };
    const r = rng(7);
    const counts = new Float64Array(space.size);
    for (let k = 0; k < 200_000; k++) {
      const match = r() < truth.lambda;
      const pick = match ? truth.m : truth.u;
      counts[space.encode(pick.map((probs) => draw(r, probs)))] += 1;
    }
    const start: FsParams = { lambda: 0.3, m: [[0.3, 0.7], [0.2, 0.3, 0.5], [0.4, 0.6]], u: [[0.5, 0.5], [0.5, 0.3, 0.2], [0.5, 0.5]] };
    const found = estimateByEm(space, counts, start, 2000, 1e-9);
    expect(Math.abs(found.lambda - 0.1)).toBeLessThan(0.01);
    for (let i = 0; i < 3; i++) {
      found.m[i].forEach((v, l) => expect(Math.abs(v - truth.m[i][l])).toBeLessThan(0.03));
      found.u[i].forEach((v, l) => expect(Math.abs(v - truth.u[i][l])).toBeLessThan(0.03));
    }
  });

  it('a missing field counts for nothing: the probability is the one of the fields present', () => {
    const params: FsParams = { lambda: 0.5, m: [[0.1, 0.9], [0.1, 0.1, 0.8], [0.5, 0.5]], u: [[0.9, 0.1], [0.8, 0.1, 0.1], [0.5, 0.5]] };
    expect(matchProbability(space, params, space.encode([-1, -1, -1]))).toBeCloseTo(0.5);
    expect(matchProbability(space, params, space.encode([1, -1, -1]))).toBeCloseTo(0.9);
    expect(matchProbability(space, params, space.encode([1, -1, 0]))).toBeCloseTo(0.9);
    const table = probabilityTable(space, params);
    expect(table[space.encode([1, 2, 1])]).toBeGreaterThan(table[space.encode([1, 1, 1])]);
  });

  it('stops on no pairs with the parameters it started from', () => {
    const start: FsParams = { lambda: 0.2, m: [[0.1, 0.9], [0.1, 0.1, 0.8], [0.5, 0.5]], u: [[0.9, 0.1], [0.8, 0.1, 0.1], [0.5, 0.5]] };
    const found = estimateByEm(space, new Float64Array(space.size), start);
    expect(found.lambda).toBeCloseTo(0.2);
  });
});
