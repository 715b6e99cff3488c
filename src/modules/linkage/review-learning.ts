import type { Thresholds } from './engine.js';

/** A decided row of a source: its match probability, and whether the reviewer kept the candidate. */
export interface DecidedProbability {
  accepted: boolean;
  probability: number;
}

const up = (p: number) => Math.min(1, Math.ceil(p * 100 + 1e-9) / 100);
const down = (p: number) => Math.max(0.01, Math.floor(p * 100 + 1e-9) / 100);

/**
 * The thresholds the source's decisions suggest ("learned by the source's thresholds", issue 18), kept simple
 * enough to explain to the officer: a row is matched without review from just above the highest
 * probability a reviewer ever rejected; below the lowest probability ever accepted a row is unmatched.
 * Each side keeps the current threshold until a decision speaks for it; the review band never inverts.
 * Null until the first decision. review-learning.test.ts holds the cases.
 */
export function suggestThresholds(current: Thresholds, decided: readonly DecidedProbability[]): Thresholds | null {
  if (!decided.length) return null;
  // Folded, not spread: a source may hold more decisions than a call's arguments can.
  let highestRejected = -Infinity;
  let lowestAccepted = Infinity;
  for (const d of decided) {
    if (d.accepted) lowestAccepted = Math.min(lowestAccepted, d.probability);
    else highestRejected = Math.max(highestRejected, d.probability);
  }
  // Strictly above the highest rejection (a rejected probability must not be matched silently again).
  const match = highestRejected > -Infinity ? up(highestRejected + 0.005) : current.match;
  let review = lowestAccepted < Infinity ? down(lowestAccepted) : current.review;
  if (review > match) review = match;
  return { match, review };
}
