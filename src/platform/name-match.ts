/**
 * Fuzzy comparison of two Vietnamese personal names (one declared or listed, one on record), shared
 * by every module that compares names (a guest against a list of sought people, a sector list's row
 * against the registry). Pure mechanism: it knows names, not who compares them.
 *
 * A match may send an officer after a person, so every tolerance here is chosen to keep false
 * matches out first and to catch typos second. Vietnamese names are built from a small closed set
 * of syllables, and a one-letter change to a syllable usually makes another real name (Bình, Linh,
 * Minh; Phan, Phạm; Lương, Dương, Vương; Thảo, Thoa). A typo is therefore only forgiven when one
 * side is not a well-formed Vietnamese syllable at all ("Nguyn", "Hoagn", "Ahn"): then it cannot be
 * another person's real name and must be a slip of the keyboard.
 */

/** Names longer than this are refused outright: no real name needs it, and it bounds the work. */
export const MAX_NAME_LENGTH = 200;

export type NameMatch = { score: number; kind: 'exact' | 'fuzzy' } | null;

const MISSING_MIDDLE_SCORE = 0.9;
const REORDERED_SCORE = 0.95;
/** A y/i spelling variant (Vy/Vi) costs less than a typo but still keeps the score below exact. */
const SPELLING_VARIANT_COST = 0.25;

/** Tokens of a name as compared: normalised (no diacritics, lower case), split on spaces/hyphens, empty tokens dropped. */
export function nameTokens(fullName: string): string[] {
  // Runtime callers may hand over anything parsed from a form; a non-string is simply no name.
  if (typeof fullName !== 'string') return [];
  // Word by word through foldName's cache: the same tokens as foldName(fullName).split(' '), each word's tokens made once.
  const out: string[] = [];
  for (const word of fullName.split(WHITESPACE)) if (word) for (const token of foldedWord(word).tokens) out.push(token);
  return out;
}

/**
 * A name without diacritics, lower case, punctuation and hyphens as single spaces: NFD, combining marks
 * dropped, đ→d. "Nguyễn Văn Ân", "Nguyen Van An" and "NGUYỄN văn ấn" meet; so do the old and new tone
 * placements (Hoà/Hòa), since every mark is dropped. The same fold as the registry's search form of a name.
 */
export function foldName(value: string): string {
  // Each step maps characters one by one, so a name folds word by word; names are made of a few thousand
  // syllables, so each word's fold is remembered (bounded) rather than redone: the hottest step of linking a
  // list against the registry (bench/README.md, linkage). name-match.test.ts holds it equal to foldWord of the whole.
  let out = '';
  for (const word of value.split(WHITESPACE)) {
    if (!word) continue;
    const { folded } = foldedWord(word);
    if (folded) out = out ? `${out} ${folded}` : folded;
  }
  return out;
}

const WHITESPACE = /\s+/;
const FOLDED_WORDS_MAX = 50_000;
const foldedWords = new Map<string, { folded: string; tokens: readonly string[] }>();

/** One word's fold and its tokens (a word may fold to several: "Thị-Lan"), remembered (bounded). */
function foldedWord(word: string): { folded: string; tokens: readonly string[] } {
  let entry = foldedWords.get(word);
  if (entry === undefined) {
    const folded = foldWord(word);
    entry = { folded, tokens: folded ? folded.split(' ') : [] };
    if (foldedWords.size >= FOLDED_WORDS_MAX) foldedWords.clear();
    foldedWords.set(word, entry);
  }
  return entry;
}

/** The fold of one piece of text without the word cache (foldName's reference). */
export function foldWord(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐÐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Whether the optimal string alignment distance of two strings is exactly 1 (`editDistance(a, b) === 1`)
 * without filling its table: one substitution, one adjacent swap, or one letter more or less. Called for
 * most pairs of tokens a name index compares (name-match.test.ts checks it against editDistance).
 */
export function oneEditApart(a: string, b: string): boolean {
  // Surrogate pairs: one code point, two UTF-16 units; the table counts code points.
  if (SURROGATE.test(a) || SURROGATE.test(b)) return editDistance(a, b) === 1;
  if (a === b) return false;
  if (a.length === b.length) {
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  if (Math.abs(a.length - b.length) !== 1) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
const SURROGATE = /[\ud800-\udfff]/;

/** Optimal string alignment (Damerau-Levenshtein restricted) distance between two strings. */
export function editDistance(a: string, b: string): number {
  // Code points, not UTF-16 units, so an astral character counts as one edit.
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  // Three rolling rows: the transposition step looks two rows back.
  let beforePrevious: number[] = new Array<number>(t.length + 1).fill(0);
  let previous: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current: number[] = new Array<number>(t.length + 1).fill(0);
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[t.length];
}

/**
 * Folds the i/y spelling variants (Vy/Vi, Lý/Lí, Duy/Dui, Huyền/Huiền) onto i. A y right after an
 * a is kept: "ay" (from ay/ây) and "ai" are different rhymes, and folding them would make
 * Mây meet Mai, two real given names.
 */
export function foldSpelling(token: string): string {
  // Most tokens have no y: the regular expression is a name index's hottest step otherwise.
  return token.includes('y') ? token.replace(/(?<!a)y/g, 'i') : token;
}

// ---- Vietnamese syllable shape, without diacritics ----

/** Initial consonants, longest first so that "ngh" is tried before "ng" and "n". */
const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];

/**
 * Rhymes (vần) with their marks dropped: ă/â fold into a, ê into e, ô/ơ into o, ư into u.
 * Deliberately generous: a string wrongly taken for a real syllable only costs a missed typo,
 * whereas a real syllable missing from this list would let two real names be taken for a typo.
 */
const RHYMES = new Set(
  [
    'a ac ach ai am an ang anh ao ap at au ay',
    'e ec ech em en eng enh eo ep et eu',
    'i ia ich im in inh ip it iu iec iem ien ieng iep iet ieu',
    'y',
    'o oc oi om on ong op ot ooc oong',
    'oa oac oach oai oam oan oang oanh oao oap oat oay oe oem oen oeo oet',
    'u uc ui um un ung up ut uu ua uo uoc uoi uom uon uong uop uot uou',
    'uan uang uat uay ue uech uenh uy uya uych uynh uyt uyu uyen uyet',
  ].join(' ').split(' '),
);
/** Rhymes spelt with y because nothing precedes them (yên, yêu, yết, yểm); after a consonant they are written iê. */
const RHYMES_WITHOUT_INITIAL = new Set(['yem', 'yen', 'yet', 'yeu']);
/** Rhymes whose medial u only occurs after q (quách, quai, quanh, quen, quét...). */
const RHYMES_AFTER_Q = new Set(['uac', 'uach', 'uai', 'uam', 'uanh', 'uao', 'uau', 'uen', 'ueo', 'uet']);

function rhymeFits(initial: string, rhyme: string): boolean {
  if (RHYMES_WITHOUT_INITIAL.has(rhyme)) return initial === '';
  if (RHYMES_AFTER_Q.has(rhyme)) return initial === 'q';
  if (!RHYMES.has(rhyme)) return false;
  const front = /^[iey]/.test(rhyme);
  // Spelling rules: gh, ngh and k stand before i/e/y, while c and ng never do; q is always qu.
  if (initial === 'gh' || initial === 'ngh' || initial === 'k') return front;
  if (initial === 'c' || initial === 'ng') return !front;
  if (initial === 'q') return rhyme.startsWith('u');
  return true;
}

/** Whether a normalised token has the shape of a Vietnamese syllable (mark-free), e.g. "nguyen" but not "nguyn". */
export function isVietnameseSyllable(token: string): boolean {
  if (token.length === 0 || token.length > 8) return false;
  if (rhymeFits('', token)) return true;
  return INITIALS.some((initial) => token.length > initial.length && token.startsWith(initial) && rhymeFits(initial, token.slice(initial.length)));
}

// ---- token and name comparison ----

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1) return false;
  if (a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Whether two different tokens are one typo apart. Short tokens are almost all real names one
 * letter from another (An/Anh, Lan/Lam), so up to three letters only a swap is forgiven; longer
 * tokens forgive one edit. Either way, two well-formed syllables are never a typo of each other.
 */
export function isTokenTypo(a: string, b: string): boolean {
  const foldedA = foldSpelling(a);
  const foldedB = foldSpelling(b);
  if (foldedA === foldedB) return false;
  const shorter = Math.min(foldedA.length, foldedB.length);
  if (shorter <= 2 || Math.abs(foldedA.length - foldedB.length) > 1) return false;
  if (shorter === 3) {
    if (!isAdjacentSwap(foldedA, foldedB)) return false;
  } else if (!oneEditApart(foldedA, foldedB)) {
    return false;
  }
  return !(isVietnameseSyllable(a) && isVietnameseSyllable(b));
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((token, i) => token === b[i]);
}

function letterCount(tokens: readonly string[]): number {
  return tokens.reduce((sum, token) => sum + token.length, 0);
}

/** Same number of tokens, compared in place: y/i variants are free-ish, and at most one token may carry a typo. */
function matchInPlace(declared: readonly string[], listed: readonly string[]): number | null {
  let typos = 0;
  let variants = 0;
  for (let i = 0; i < declared.length; i++) {
    if (declared[i] === listed[i]) continue;
    if (foldSpelling(declared[i]) === foldSpelling(listed[i])) {
      variants++;
    } else if (isTokenTypo(declared[i], listed[i])) {
      typos++;
      if (typos > 1) return null;
    } else {
      return null;
    }
  }
  const cost = typos + SPELLING_VARIANT_COST * variants;
  const length = Math.max(letterCount(declared), letterCount(listed));
  return Math.min(0.99, Math.max(0.01, 1 - cost / length));
}

/**
 * The longer name is the shorter one plus exactly one middle token; the surname and the given
 * name stay in place and nothing else may differ (beyond y/i spelling).
 */
function isMissingMiddle(longer: readonly string[], shorter: readonly string[]): boolean {
  if (longer.length !== shorter.length + 1 || shorter.length < 2) return false;
  const folded = shorter.map(foldSpelling);
  for (let skip = 1; skip < longer.length - 1; skip++) {
    const rest = longer.filter((_, i) => i !== skip).map(foldSpelling);
    if (sameTokens(rest, folded)) return true;
  }
  return false;
}

/**
 * Foreign forms write a Vietnamese name given name first ("An Nguyen Van") or surname last
 * ("Van An Nguyen"): both are rotations of the name. Only rotations are accepted, not any
 * permutation, because swapping parts of a compound given name makes another name (Lan Anh, Anh Lan).
 */
function isRotation(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 3) return false;
  // Folding keeps each token's length: names of different lengths in letters are never rotations.
  if (letterCount(a) !== letterCount(b)) return false;
  const foldedA = a.map(foldSpelling);
  const foldedB = b.map(foldSpelling);
  for (let shift = 1; shift < a.length; shift++) {
    if (foldedA.every((token, i) => token === foldedB[(i + shift) % b.length])) return true;
  }
  return false;
}

/** Whether a declared name is the listed name, tolerating missing diacritics, one typo in a longer token, swapped letters, i/y spelling variants and a missing middle name; null when it is not. */
export function matchVietnameseName(declared: string, listed: string): NameMatch {
  if (typeof declared !== 'string' || typeof listed !== 'string') return null;
  if (declared.length > MAX_NAME_LENGTH || listed.length > MAX_NAME_LENGTH) return null;
  return matchNameTokens(nameTokens(declared), nameTokens(listed));
}

/** The same on names already split by `nameTokens` (a name index keeps its entries' tokens). */
export function matchNameTokens(a: string[], b: string[]): NameMatch {
  if (a.length === 0 || b.length === 0) return null;
  if (sameTokens(a, b)) return { score: 1, kind: 'exact' };
  // Beyond exact equality both sides need a surname and a given name: one lone token says too
  // little about who the person is to be guessed at.
  if (a.length < 2 || b.length < 2) return null;

  if (a.length === b.length) {
    const score = matchInPlace(a, b);
    if (score !== null) return { score, kind: 'fuzzy' };
    if (isRotation(a, b)) return { score: REORDERED_SCORE, kind: 'fuzzy' };
    return null;
  }
  if (isMissingMiddle(a, b) || isMissingMiddle(b, a)) return { score: MISSING_MIDDLE_SCORE, kind: 'fuzzy' };
  return null;
}

/** Every way to drop one letter of a token (with the token itself): two tokens one edit apart share one. */
function withDeletions(token: string): string[] {
  const out = [token];
  if (token.length >= 3) for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/**
 * Blocking keys of a name: a declared name can match a listed one only if they share a key, so the
 * name index compares a name with a handful of entries instead of every entry born that year.
 * Keys pair the surname with the given name (after spelling folds), each with its one-letter
 * deletions (one typo in either), plus the rotations of names of three or more tokens. Middle names
 * are left out, so a typo in one or a missing one still meets.
 */
export function nameBlockKeys(tokens: string[]): string[] {
  if (tokens.length === 0) return [];
  const f = tokens.map(foldSpelling);
  const first = f[0];
  const last = f[f.length - 1];
  const keys = new Set<string>();
  for (const d of withDeletions(last)) keys.add(`${first}|${d}`);
  for (const d of withDeletions(first)) keys.add(`${d}|${last}`);
  if (f.length >= 3) for (let k = 1; k < f.length; k++) keys.add(`${f[k]}|${f[k - 1]}`);
  return [...keys];
}
