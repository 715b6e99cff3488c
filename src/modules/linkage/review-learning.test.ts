import { describe, expect, it } from 'vitest';
import { suggestThresholds } from './review-learning.js';

const current = { match: 0.9, review: 0.5 };

describe('thresholds learned from the decisions of a source', () => {
  it('suggests nothing before any decision', () => {
    expect(suggestThresholds(current, [])).toBeNull();
  });

  it('matches from just above the highest rejection and reviews from the lowest acceptance', () => {
    expect(suggestThresholds(current, [
      { accepted: true, probability: 0.62 }, { accepted: true, probability: 0.81 },
      { accepted: false, probability: 0.7 }, { accepted: false, probability: 0.55 },
    ])).toEqual({ match: 0.71, review: 0.62 });
  });

  it('keeps the current threshold of the side no decision speaks for', () => {
    expect(suggestThresholds(current, [{ accepted: true, probability: 0.7 }])).toEqual({ match: 0.9, review: 0.7 });
    expect(suggestThresholds(current, [{ accepted: false, probability: 0.95 }])).toEqual({ match: 0.96, review: 0.5 });
  });

  it('never suggests a review threshold above the match threshold, nor a match above 1', () => {
    expect(suggestThresholds(current, [{ accepted: true, probability: 0.98 }, { accepted: false, probability: 0.999 }])).toEqual({ match: 1, review: 0.98 });
    expect(suggestThresholds(current, [{ accepted: true, probability: 0.95 }, { accepted: false, probability: 0.6 }])).toEqual({ match: 0.61, review: 0.61 });
  });

  it('a rejection exactly on a hundredth still moves the match threshold above it', () => {
    expect(suggestThresholds(current, [{ accepted: false, probability: 0.8 }])!.match).toBe(0.81);
  });
});

describe('many decisions', () => {
  it('suggests from 300,000 decisions without running out of call arguments', () => {
    const decided = Array.from({ length: 300_000 }, (_, i) => ({ probability: 0.5 + (i % 100) / 1000, accepted: i % 2 === 0 }));
    expect(() => suggestThresholds({ match: 0.9, review: 0.5 }, decided)).not.toThrow();
  });
});
