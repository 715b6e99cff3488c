/**
 * Fellegi–Sunter record linkage: each compared pair of records gets a comparison vector (one level per
 * field, or missing), the vector's weight is the log of m/u summed over its fields (m: how often a true
 * match shows that level, u: how often a non-match does), and the probability of a match follows from
 * the weight and the prior λ. The m, u and λ are estimated by expectation–maximisation on the pairs
 * of the list itself (as Splink does), so no labelled training set is needed.
 *
 * Pairs are grouped by their pattern (the comparison vector as one number), so one EM iteration costs
 * the number of distinct patterns (a few hundred), not the number of pairs (millions).
 */

export interface FieldSpec {
  name: string;
  /** The levels from the weakest agreement (0, usually "different") to the strongest. */
  levels: readonly string[];
}

/** Levels of every field as one integer: level + 1 per field in mixed radix, 0 = the field is missing on either side. */
export class PatternSpace {
  readonly size: number;
  private readonly radix: number[];

  constructor(readonly fields: readonly FieldSpec[]) {
    this.radix = [];
    let size = 1;
    for (const f of fields) {
      this.radix.push(size);
      size *= f.levels.length + 1;
    }
    this.size = size;
  }

  /** `levels[i]`: the level of field i, or -1 when missing. */
  encode(levels: readonly number[]): number {
    let p = 0;
    for (let i = 0; i < this.fields.length; i++) p += (levels[i] + 1) * this.radix[i];
    return p;
  }

  /** The level of field i in pattern p, or -1 when missing. */
  level(p: number, i: number): number {
    return (Math.floor(p / this.radix[i]) % (this.fields[i].levels.length + 1)) - 1;
  }
}

export interface FsParams {
  /** Prior share of matches among the compared pairs. */
  lambda: number;
  /** m[field][level] and u[field][level], each summing to 1 over the levels. */
  m: number[][];
  u: number[][];
}

const FLOOR = 1e-6;
const clampP = (x: number) => Math.min(1 - FLOOR, Math.max(FLOOR, x));

/** The probability that a pair of pattern p is a match, under params. */
export function matchProbability(space: PatternSpace, params: FsParams, p: number): number {
  const w = patternWeight(space, params, p);
  const prior = Math.log2(params.lambda / (1 - params.lambda));
  return 1 / (1 + 2 ** -(w + prior));
}

/** log2 of the Bayes factor of pattern p: Σ log2(m/u) over the fields present. */
export function patternWeight(space: PatternSpace, params: FsParams, p: number): number {
  let w = 0;
  for (let i = 0; i < space.fields.length; i++) {
    const l = space.level(p, i);
    if (l >= 0) w += Math.log2(params.m[i][l] / params.u[i][l]);
  }
  return w;
}

/** The match probability of every pattern, as a table to look pairs up in. */
export function probabilityTable(space: PatternSpace, params: FsParams): Float64Array {
  const table = new Float64Array(space.size);
  for (let p = 0; p < space.size; p++) table[p] = matchProbability(space, params, p);
  return table;
}

function normalised(values: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return values.map((v) => clampP(v / sum));
}

/**
 * Expectation–maximisation of m, u and λ from the number of pairs of each pattern (`counts[p]`),
 * starting from `start`. Stops after `maxIterations` or when no parameter moves by more than `tolerance`.
 */
export function estimateByEm(space: PatternSpace, counts: ArrayLike<number>, start: FsParams, maxIterations = 100, tolerance = 1e-7): FsParams & { iterations: number } {
  let params: FsParams = { lambda: clampP(start.lambda), m: start.m.map(normalised), u: start.u.map(normalised) };
  const present: number[] = [];
  for (let p = 0; p < space.size; p++) if (counts[p] > 0) present.push(p);
  const levelsOf = present.map((p) => space.fields.map((_, i) => space.level(p, i)));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const mNum = space.fields.map((f) => new Array<number>(f.levels.length).fill(0));
    const uNum = space.fields.map((f) => new Array<number>(f.levels.length).fill(0));
    let matches = 0;
    let total = 0;
    for (let k = 0; k < present.length; k++) {
      const c = counts[present[k]];
      const levels = levelsOf[k];
      let lm = Math.log(params.lambda);
      let lu = Math.log(1 - params.lambda);
      for (let i = 0; i < levels.length; i++) {
        if (levels[i] < 0) continue;
        lm += Math.log(params.m[i][levels[i]]);
        lu += Math.log(params.u[i][levels[i]]);
      }
      const g = 1 / (1 + Math.exp(lu - lm));
      matches += c * g;
      total += c;
      for (let i = 0; i < levels.length; i++) {
        if (levels[i] < 0) continue;
        mNum[i][levels[i]] += c * g;
        uNum[i][levels[i]] += c * (1 - g);
      }
    }
    if (total === 0) break;
    // A small pseudo-count keeps a level no pair showed from getting m or u of zero (an infinite weight).
    const next: FsParams = {
      lambda: clampP(matches / total),
      m: mNum.map((row) => normalised(row.map((v) => v + 1e-3))),
      u: uNum.map((row) => normalised(row.map((v) => v + 1e-3))),
    };
    const moved = Math.max(
      Math.abs(next.lambda - params.lambda),
      ...next.m.flatMap((row, i) => row.map((v, l) => Math.abs(v - params.m[i][l]))),
      ...next.u.flatMap((row, i) => row.map((v, l) => Math.abs(v - params.u[i][l]))),
    );
    params = next;
    if (moved < tolerance) {
      iterations++;
      break;
    }
  }
  return { ...params, iterations };
}
