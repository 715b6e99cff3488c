import { describe, expect, it } from 'vitest';
import { createBatcher } from './batch.js';

describe('createBatcher', () => {
  it('runs reads of the same turn as one batch and answers each in order', async () => {
    const calls: number[][] = [];
    const b = createBatcher<number, string>(async (keys) => {
      calls.push(keys);
      return keys.map((k) => (k % 2 ? `odd ${k}` : undefined));
    });
    const results = await Promise.all([b.load(1), b.load(2), b.load(3), b.load(1)]);
    expect(results).toEqual(['odd 1', undefined, 'odd 3', 'odd 1']);
    expect(calls).toEqual([[1, 2, 3, 1]]);
    expect(await b.load(5)).toBe('odd 5');
    expect(calls).toHaveLength(2);
  });

  it('splits a large turn into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const b = createBatcher<number, number>(async (keys) => {
      sizes.push(keys.length);
      return keys.map((k) => k * 10);
    }, 3);
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((k) => b.load(k)))).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('fails every read of a failed batch, and only that batch', async () => {
    let fail = true;
    const b = createBatcher<number, number>(async (keys) => {
      if (fail) throw new Error('down');
      return keys;
    });
    const failed = await Promise.allSettled([b.load(1), b.load(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await b.load(3)).toBe(3);
  });
});
