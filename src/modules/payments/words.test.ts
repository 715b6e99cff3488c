import { describe, expect, it } from 'vitest';
import { dongInWords } from './words.js';

describe('an amount in words (receipt)', () => {
  it.each([
    [8_000, 'Tám nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [25_500, 'Hai mươi lăm nghìn năm trăm đồng'],
    [105, 'Một trăm linh năm đồng'],
    [200_000, 'Hai trăm nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [2_011_000_000, 'Hai tỷ không trăm mười một triệu đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [0, 'Không đồng'],
  ])('%i → %s', (n, words) => {
    expect(dongInWords(n)).toBe(words);
  });

  it('refuses what is not an integer amount', () => {
    expect(() => dongInWords(-1)).toThrow(RangeError);
    expect(() => dongInWords(1.5)).toThrow(RangeError);
  });
});
