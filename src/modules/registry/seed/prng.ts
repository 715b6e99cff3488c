/**
 * Small, fast, seedable PRNG (sfc32, Chris Doty-Humphrey's "Small Fast Chaotic" generator, public domain)
 * seeded through splitmix32 from an integer seed. Deterministic across platforms (pure 32-bit integer math).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const s = Math.trunc(seed);
    const lo = s >>> 0;
    const hi = Math.floor(s / 4294967296) >>> 0;
    let state = (lo ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
    const split = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = 1;
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Triangular-ish integer in [lo, hi], peaked in the middle (sum of two uniforms). */
  tri(lo: number, hi: number): number {
    return lo + Math.floor(((this.float() + this.float()) / 2) * (hi - lo + 1));
  }

  pickArray<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.float() * arr.length)];
  }
}

/** 32-bit integer hash (murmur3 finaliser) — used to derive per-bucket constants without touching the main stream. */
export function hash32(x: number, y: number): number {
  let h = (Math.imul(x | 0, 0x9e3779b1) ^ Math.imul(y | 0, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A precomputed cumulative-weight table: pick() is a binary search over a Float64Array. */
export class Weighted<T> {
  readonly values: T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new RangeError('empty weight table');
    this.values = entries.map((e) => e[0]);
    this.cum = new Float64Array(entries.length);
    let acc = 0;
    for (let i = 0; i < entries.length; i++) {
      const w = entries[i][1];
      if (!(w >= 0)) throw new RangeError(`negative weight for ${String(entries[i][0])}`);
      acc += w;
      this.cum[i] = acc;
    }
    if (!(acc > 0)) throw new RangeError('weights sum to zero');
    this.total = acc;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}
