import { foldSpelling, isTokenTypo, nameTokens } from '../../platform/name-match.js';

/**
 * What a watchlist alert matched, so that "Gần trùng (độ khớp 100%)" tells the officer which parts agree:
 * the personal ID, the birth date or only the year, and each word of the listed name with the declared
 * word it met (the same, the same without diacritics, an i/y spelling variant, a typo) or none.
 */
export type NamePartMatch = 'exact' | 'accents' | 'spelling' | 'typo' | 'missing';

export interface MatchExplanation {
  personalId: boolean;
  birth: 'date' | 'year' | 'none';
  nameParts: { listed: string; declared: string | null; how: NamePartMatch }[];
}

interface Side {
  fullName: string;
  personalId: string | null;
  dateOfBirth: string | null;
}

const words = (name: string) => name.trim().split(/[\s-]+/).filter(Boolean);

export function explainMatch(stay: Side, entry: Side & { birthYear: number }): MatchExplanation {
  const declared = words(stay.fullName).map((w) => ({ word: w, token: nameTokens(w)[0] ?? '', used: false }));
  const nameParts = words(entry.fullName).map((listed) => {
    const token = nameTokens(listed)[0] ?? '';
    const tries: [NamePartMatch, (d: (typeof declared)[number]) => boolean][] = [
      ['exact', (d) => d.word.toLocaleLowerCase('vi') === listed.toLocaleLowerCase('vi')],
      ['accents', (d) => d.token === token],
      ['spelling', (d) => foldSpelling(d.token) === foldSpelling(token)],
      ['typo', (d) => isTokenTypo(d.token, token)],
    ];
    for (const [how, fits] of tries) {
      const found = declared.find((d) => !d.used && token !== '' && fits(d));
      if (found) {
        found.used = true;
        return { listed, declared: found.word, how };
      }
    }
    return { listed, declared: null, how: 'missing' as const };
  });
  const birth = entry.dateOfBirth && stay.dateOfBirth === entry.dateOfBirth ? 'date'
    : stay.dateOfBirth && Number(stay.dateOfBirth.slice(0, 4)) === Number(entry.birthYear) ? 'year' : 'none';
  return { personalId: !!stay.personalId && stay.personalId === entry.personalId, birth, nameParts };
}
