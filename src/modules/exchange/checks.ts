// The yes/no checks of the gateway, one definition for a single call and for each row of a batch.

/** What a check compares of a person. */
export interface CheckFacts {
  /** The registry's normalised name (case, accents and spacing aside: registry `normalizeName`). */
  nameNorm: string;
  dateOfBirth: string;
  deceased: boolean;
  communeCode: string | null;
}

/** What the agency sends beside the personal ID, by service (`exchange_services.params`). */
export interface CheckParams { communeCode?: string; fullName?: string; dateOfBirth?: string }

/** Whole years between a birth date (YYYY-MM-DD) and a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < (bd || 1)) ? 1 : 0);
}

/**
 * The answer of a check on `today` (YYYY-MM-DD, Vietnam). An unknown person answers no, exactly as a person for
 * whom the predicate is false, so that a check never tells whether a number exists.
 */
export function checkAnswer(service: string, p: CheckFacts | null | undefined, input: CheckParams, today: string, normalizeName: (s: string) => string): boolean {
  if (!p) return false;
  switch (service) {
    case 'person.is_alive': return !p.deceased;
    case 'person.lives_in_commune': return p.communeCode === input.communeCode;
    case 'person.is_over_18': return ageOn(p.dateOfBirth, today) >= 18;
    case 'person.matches': return p.nameNorm === normalizeName(input.fullName ?? '') && p.dateOfBirth === input.dateOfBirth;
    default: return false;
  }
}
