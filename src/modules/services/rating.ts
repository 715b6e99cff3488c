import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { RATING_CRITERIA, CRITERIA, type RatingCriterion } from './rating-criteria.js';

export interface RatingScale {
  validFrom: string;
  mark: 'verified' | 'P' | 'U';
  source: string;
  values: { value: number; label: string }[];
}

const SCALE_FILE = fileURLToPath(new URL('../../../data/services/rating-scale.json', import.meta.url));

/** The scale in force on a day: configurable data (data/services/rating-scale.json, [P]), checked when loaded. */
export function loadRatingScale(on: string, file = SCALE_FILE): RatingScale {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions?: RatingScale[] };
  const versions = (doc.versions ?? []).filter((v) => v.validFrom <= on).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const scale = versions[0];
  const ok = scale && Array.isArray(scale.values) && scale.values.length >= 2
    && scale.values.every((v) => Number.isInteger(v.value) && v.value >= 0 && v.value < 100 && typeof v.label === 'string' && v.label.length > 0);
  if (!ok) throw new Error(`${file}: no valid rating scale in force on ${on}`);
  return scale;
}
