import { describe, expect, it } from 'vitest';
import { Kept } from './kept.js';

describe('values kept a few seconds', () => {
  it('reads once while kept, again once the time has passed or after clear', async () => {
    let now = 0;
    let reads = 0;
    const kept = new Kept<number>(5_000, 10, () => now);
    const read = async () => ++reads;
    expect(await kept.get('a', read)).toBe(1);
    now = 4_999;
    expect(await kept.get('a', read)).toBe(1);
    now = 5_000;
    expect(await kept.get('a', read)).toBe(2);
    kept.clear();
    expect(await kept.get('a', read)).toBe(3);
  });

  it('shares one read between concurrent misses and keeps no failed read', async () => {
    const kept = new Kept<string>(5_000);
    let reads = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++reads}`), 5));
    expect(await Promise.all([kept.get('k', slow), kept.get('k', slow)])).toEqual(['v1', 'v1']);
    const failing = kept.get('x', () => Promise.reject(new Error('down')));
    await expect(failing).rejects.toThrow('down');
    expect(await kept.get('x', async () => 'up')).toBe('up');
  });

  it('drops the oldest key beyond its size', async () => {
    let reads = 0;
    const kept = new Kept<number>(60_000, 2);
    const read = async () => ++reads;
    await kept.get('a', read);
    await kept.get('b', read);
    await kept.get('c', read);
    expect(await kept.get('b', read)).toBe(2);
    expect(await kept.get('a', read)).toBe(4);
  });
});
