/**
 * The linkage engine (pure: no database, no clock): rows of a sector's list against the registry's
 * people, in two passes.
 *
 * 1. Deterministic: a row's personal ID (or its CMND, a former identifier) found in the registry is
 *    checked against the row's name, sex and birth date. All that the row gives agrees → matched; anything
 *    disagrees → review, never matched silently.
 * 2. Probabilistic for the rest (Fellegi–Sunter, fellegi-sunter.ts): candidates come from blocking keys
 *    (normalised name parts with the birth year, the birth date with day and month in either order, the
 *    given name with the year and commune), so a row meets tens of people, not the registry. Each
 *    candidate pair gets a comparison vector that knows Vietnamese names and sector lists' dates; m, u
 *    and λ are estimated by EM on the list's own pairs; the best candidate's probability decides the status
 *    against the source's thresholds.
 */
import { foldSpelling, matchNameTokens, nameTokens } from '../../platform/name-match.js';
import { PatternSpace, estimateByEm, probabilityTable, type FsParams } from './fellegi-sunter.js';
import { digitsOf, parseDateOfBirth, parseSex, type DateParts, type ListRow } from './input.js';


/** A person as the registry knows them, as much as linkage compares. */
export interface RegistryRecord {
  personalId: string;
  /** Former identifiers: 9-digit CMND numbers and cancelled personal IDs. */
  formerIds: readonly string[];
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  /** Permanent residence, 2025 scheme. */
  communeCode: string | null;
  phone: string | null;
}

export interface Thresholds {
  /** A row whose best candidate reaches this probability is matched. */
  match: number;
  /** Below `match` and at least this: review; below: unmatched. */
  review: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { match: 0.9, review: 0.5 };

export type LinkStatus = 'matched' | 'review' | 'unmatched';

export interface LinkResult {
  row: number;
  /** The person matched, or the candidate a review is about; null when unmatched. */
  personalId: string | null;
  matchProbability: number;
  status: LinkStatus;
  /** Which fields agreed or differed, and why a row was decided as it was (codes; messages.ts words them). */
  reasons: string[];
  /** Which pass decided: the identifier, or the probabilistic comparison. */
  pass: 'id' | 'probabilistic' | 'none';
  /**
   * A review row of the probabilistic pass: the next candidates after `personalId`, best first (at most
   * OTHER_CANDIDATES, each at least OTHER_FLOOR likely), among whom the officer may choose another.
   */
  others?: { personalId: string; matchProbability: number }[];
}

/** How many further candidates a review row keeps, and the least probability worth showing an officer. */
export const OTHER_CANDIDATES = 2;
const OTHER_FLOOR = 0.05;

export interface LinkOptions {
  thresholds?: Thresholds;
  /** The scheme of the list's commune codes; pre-2025 codes are read through `successors`. */
  scheme?: '2025' | 'pre2025';
  /** The 2025 communes a pre-2025 commune became (the registry's unit links). */
  successors?: (code: string) => readonly string[];
  /** Candidates of one blocking key beyond this are not compared (a key that selects nobody in particular). */
  maxBlock?: number;
}

// ---- names ----

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_DIGIT: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };

/**
 * A name with its marks but each syllable's tone moved to its end: the old and new tone placements
 * (Hoà/Hòa, Thuỷ/Thủy) meet, while Lan and Lân, or Hòa and Hóa, stay apart.
 */
export function toneCanonicalName(name: string): string {
  // Word by word (whitespace separates syllables either way), each word's form remembered (bounded).
  let out = '';
  for (const word of name.split(/\s+/)) {
    if (!word) continue;
    let form = canonicalWords.get(word);
    if (form === undefined) {
      form = word.normalize('NFD').toLowerCase().split(/[^\p{L}\p{M}]+/u).filter(Boolean).map(toneCanonicalSyllable).join(' ');
      if (canonicalWords.size >= 50_000) canonicalWords.clear();
      canonicalWords.set(word, form);
    }
    if (form) out = out ? `${out} ${form}` : form;
  }
  return out;
}
const canonicalWords = new Map<string, string>();

/** Names are made of a few thousand syllables: each one's canonical form is remembered (bounded), not redone for every name. */
const canonicalSyllables = new Map<string, string>();
function toneCanonicalSyllable(syllable: string): string {
  let out = canonicalSyllables.get(syllable);
  if (out === undefined) {
    const tones = syllable.match(TONE_MARKS);
    const base = syllable.replace(TONE_MARKS, '').normalize('NFC');
    out = tones ? base + TONE_DIGIT[tones[0]] : base;
    if (canonicalSyllables.size >= 50_000) canonicalSyllables.clear();
    canonicalSyllables.set(syllable, out);
  }
  return out;
}

export const NAME_LEVELS = ['different', 'partial', 'fuzzy', 'folded', 'exact'] as const;
export const DATE_LEVELS = ['different', 'same_year', 'year', 'month_year', 'swapped', 'exact'] as const;
const FIELDS = [
  { name: 'name', levels: NAME_LEVELS },
  { name: 'dob', levels: DATE_LEVELS },
  { name: 'sex', levels: ['differs', 'agrees'] },
  { name: 'commune', levels: ['differs', 'agrees'] },
  { name: 'phone', levels: ['differs', 'agrees'] },
] as const;
export const SPACE = new PatternSpace(FIELDS);

/** The reason code of each field's levels (`field:level`), made once rather than for every row. */
const REASON_CODES: readonly (readonly string[])[] = FIELDS.map((f) => f.levels.map((l) => `${f.name}:${l}`));

/** Strings the registry's names are made of, each kept once and numbered (a few thousand syllables, not one per person). */
class Lexicon {
  private readonly ids = new Map<string, number>();
  readonly text: string[] = [];

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.text.length;
      this.text.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** The number of a string, or -1 when no registry name has it (then nothing on the registry's side can agree with it). */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }
}

/** A row's name, numbered through the registry's lexicons. */
interface RowName {
  /** The tone-canonical name's number, -1 when no registry name is written so. */
  canonical: number;
  tokens: string[];
  /** The numbers of the tokens with y/i folded (-1: a form no registry name has). */
  folded: number[];
}

/** A phone number's digits as one number (a leading 1 keeps the leading zeros); null for more digits than a double holds exactly. */
const phoneNumber = (digits: string): number | null => (digits.length <= 15 ? Number(`1${digits}`) : null);

/** FNV-1a over small integers, then mixed: blocking keys as numbers (a collision only adds a candidate, which the comparison then rejects). */
function keyHash(tag: number, a: number, b: number, c: number, d: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ tag, 0x01000193);
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h = Math.imul(h ^ d, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Blocking keys of a name (its folded tokens' numbers), a date and communes (their numbers), appended to `out`.
 * The registry side and the row side use the same keys; a row also asks its name's rotations (a given name
 * written first). A part no registry name or commune has (-1) makes a key that selects nobody: it is left out.
 *  - n: surname, given name, birth year (typos and missing middle names meet here);
 *  - g / s: surname, or given name, with the birth date, day and month in either order (a typo in the other part);
 *  - c: given name, birth year, commune (a given name alone, a surname missing or mistyped).
 */
function blockKeys(folded: ArrayLike<number>, date: DateParts | undefined, communes: ArrayLike<number>, rotations: boolean, out: number[]): void {
  const n = folded.length;
  if (n === 0 || !date) return;
  const first = folded[0];
  const last = folded[n - 1];
  const y = date.year;
  if (n >= 2 && first >= 0 && last >= 0) out.push(keyHash(1, first, last, y, 0));
  if (rotations && n >= 3) for (let k = 1; k < n; k++) if (folded[k] >= 0 && folded[k - 1] >= 0) out.push(keyHash(1, folded[k], folded[k - 1], y, 0));
  if (date.month !== undefined && date.day !== undefined) {
    const lo = Math.min(date.month, date.day);
    const hi = Math.max(date.month, date.day);
    if (n >= 2 && first >= 0) out.push(keyHash(2, first, y, lo, hi));
    if (last >= 0) out.push(keyHash(3, last, y, lo, hi));
  }
  if (last >= 0) for (let k = 0; k < communes.length; k++) if (communes[k] >= 0) out.push(keyHash(4, last, y, communes[k], 0));
}

const SEX_CODE = { Nam: 1, Nữ: 2 } as const;

/**
 * The registry's people, prepared once for many rows, as columns of numbers rather than an object per person
 * (a million people would otherwise be tens of millions of small objects for the garbage collector to walk):
 * name tokens, canonical names and communes numbered through lexicons, dates, sexes and phones as typed arrays,
 * blocking keys hashed and sorted.
 */
export class RegistryIndex {
  readonly size: number;
  readonly personalIds: string[];
  private readonly byId = new Map<string, number>();
  private readonly byFormerId = new Map<string, number>();
  private readonly tokens = new Lexicon();
  private readonly foldedTokens = new Lexicon();
  /** Token number → its folded form's number. */
  private readonly foldOf: number[] = [];
  private readonly canonicals = new Lexicon();
  private readonly communeCodes = new Lexicon();
  private readonly longPhones = new Lexicon();
  /** Person i's name tokens: nameTokens[nameStart[i] .. nameStart[i + 1]). */
  private readonly nameStart: Int32Array;
  private nameTokens: Int32Array;
  private readonly canonical: Int32Array;
  private readonly years: Int16Array;
  private readonly months: Uint8Array;
  private readonly days: Uint8Array;
  /** 1 Nam, 2 Nữ. */
  private readonly sexes: Uint8Array;
  /** A commune's number, -1 when none. */
  private readonly communes: Int32Array;
  /** phoneNumber of the digits; a long number: -(1 + its number in longPhones); NaN when none. */
  private readonly phones: Float64Array;
  /** Blocking keys: hash × 2^idxBits + record index, sorted; a key's records are one range. */
  private readonly keys: Float64Array;
  private readonly idxBits: number;
  /** A person's tokens as strings, for the fuzzy comparison (reused: no array per compared pair). */
  private readonly scratch: string[] = [];

  constructor(people: Iterable<RegistryRecord>) {
    const records = Array.isArray(people) ? (people as readonly RegistryRecord[]) : [...people];
    const size = (this.size = records.length);
    this.personalIds = new Array<string>(size);
    this.nameStart = new Int32Array(size + 1);
    this.nameTokens = new Int32Array(size * 3 + 16);
    this.canonical = new Int32Array(size);
    this.years = new Int16Array(size);
    this.months = new Uint8Array(size);
    this.days = new Uint8Array(size);
    this.sexes = new Uint8Array(size);
    this.communes = new Int32Array(size);
    this.phones = new Float64Array(size);
    this.idxBits = Math.max(1, Math.ceil(Math.log2(size + 1)));
    const scale = 2 ** this.idxBits;
    const hashMask = 2 ** (52 - this.idxBits);
    // At most four keys a person (n, g, s, c).
    const keys = new Float64Array(size * 4);
    let nKeys = 0;
    let nTokens = 0;
    const folded: number[] = [];
    const hashes: number[] = [];
    const commune: number[] = [];
    const date: DateParts = { year: 0, month: 0, day: 0 };
    for (let i = 0; i < size; i++) {
      const r = records[i];
      this.personalIds[i] = r.personalId;
      this.byId.set(r.personalId, i);
      for (const f of r.formerIds) this.byFormerId.set(f, i);
      const toks = nameTokensOf(r.fullName);
      if (nTokens + toks.length > this.nameTokens.length) this.nameTokens = grow(this.nameTokens, nTokens + toks.length);
      folded.length = 0;
      for (const t of toks) {
        const id = this.tokenId(t);
        this.nameTokens[nTokens++] = id;
        folded.push(this.foldOf[id]);
      }
      this.nameStart[i + 1] = nTokens;
      this.canonical[i] = toks.length ? this.canonicals.intern(toneCanonicalName(r.fullName)) : -1;
      const y = Number(r.dateOfBirth.slice(0, 4));
      const m = Number(r.dateOfBirth.slice(5, 7));
      const d = Number(r.dateOfBirth.slice(8, 10));
      this.years[i] = y;
      this.months[i] = m;
      this.days[i] = d;
      this.sexes[i] = SEX_CODE[r.sex];
      this.communes[i] = r.communeCode ? this.communeCodes.intern(r.communeCode) : -1;
      const phone = r.phone ? digitsOf(r.phone) : '';
      this.phones[i] = !phone ? NaN : (phoneNumber(phone) ?? -1 - this.longPhones.intern(phone));
      commune.length = 0;
      if (this.communes[i] >= 0) commune.push(this.communes[i]);
      hashes.length = 0;
      date.year = y;
      date.month = m;
      date.day = d;
      blockKeys(folded, date, commune, false, hashes);
      for (const h of hashes) keys[nKeys++] = (h % hashMask) * scale + i;
    }
    this.keys = keys.subarray(0, nKeys).sort();
  }

  private tokenId(token: string): number {
    const id = this.tokens.intern(token);
    if (id === this.foldOf.length) this.foldOf.push(this.foldedTokens.intern(foldSpelling(token)));
    return id;
  }

  idOf(personalId: string): number | undefined {
    return this.byId.get(personalId);
  }

  formerIdOf(id: string): number | undefined {
    return this.byFormerId.get(id);
  }

  /** A row's name numbered through this registry's lexicons; undefined when it has no tokens. */
  rowName(fullName: string): RowName | undefined {
    const tokens = nameTokensOf(fullName);
    if (tokens.length === 0) return undefined;
    return { canonical: this.canonicals.find(toneCanonicalName(fullName)), tokens, folded: tokens.map((t) => this.foldedTokens.find(foldSpelling(t))) };
  }

  communeNumber(code: string): number {
    return this.communeCodes.find(code);
  }

  /** A row's phone digits as the phones column holds them (NaN: a long number no person has). */
  phoneCode(digits: string): number {
    const n = phoneNumber(digits);
    if (n !== null) return n;
    const id = this.longPhones.find(digits);
    return id < 0 ? NaN : -1 - id;
  }

  /** The first index in `keys` of a blocking key's records, the end in `this.blockEnd`. */
  blockEnd = 0;
  blockStart(hash: number): number {
    const scale = 2 ** this.idxBits;
    const lo = (hash % 2 ** (52 - this.idxBits)) * scale;
    const hi = lo + scale;
    const keys = this.keys;
    let a = 0;
    let b = keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (keys[mid] < lo) a = mid + 1;
      else b = mid;
    }
    let end = a;
    while (end < keys.length && keys[end] < hi) end++;
    this.blockEnd = end;
    return a;
  }

  /** The record of the k-th entry of the sorted keys. */
  blockRecord(k: number): number {
    return this.keys[k] % 2 ** this.idxBits;
  }

  /** The level of agreement of a row's name with person i's (index in NAME_LEVELS), -1 when the person has no name. */
  compareName(row: RowName, i: number): number {
    const s = this.nameStart[i];
    const e = this.nameStart[i + 1];
    const n = e - s;
    if (n === 0) return -1;
    if (row.canonical >= 0 && row.canonical === this.canonical[i]) return 4;
    const fa = row.folded;
    const foldOf = this.foldOf;
    if (fa.length === n) {
      let k = 0;
      while (k < n && fa[k] === foldOf[this.nameTokens[s + k]]) k++;
      if (k === n) return 3;
    }
    const tokens = this.scratch;
    tokens.length = 0;
    for (let k = s; k < e; k++) tokens.push(this.tokens.text[this.nameTokens[k]]);
    if (matchNameTokens(row.tokens, tokens)) return 2;
    const last = foldOf[this.nameTokens[e - 1]];
    // The given name alone, or surname and given name with the middle names differing.
    if (fa.length === 1 || n === 1) return fa[fa.length - 1] === last ? 1 : 0;
    return fa[0] === foldOf[this.nameTokens[s]] && fa[fa.length - 1] === last ? 1 : 0;
  }

  /** The comparison pattern of a row with person i. */
  compare(row: ParsedRow, i: number): number {
    let p = 0;
    if (row.name) p += (this.compareName(row.name, i) + 1) * RADIX[0];
    if (row.date) p += (dateLevel(row.date, this.years[i], this.months[i], this.days[i]) + 1) * RADIX[1];
    if (row.sex) p += (row.sex === this.sexes[i] ? 2 : 1) * RADIX[2];
    const commune = this.communes[i];
    if (row.communes.length && commune >= 0) p += (row.communes.includes(commune) ? 2 : 1) * RADIX[3];
    if (row.phone && !Number.isNaN(this.phones[i])) p += (row.phoneCode === this.phones[i] ? 2 : 1) * RADIX[4];
    return p;
  }
}

/** The place value of each field in a pattern (PatternSpace's mixed radix). */
const RADIX = FIELDS.map((_, i) => SPACE.encode(FIELDS.map((__, k) => (k === i ? 0 : -1))));

/** nameTokens for any input (a missing name is no tokens). */
const nameTokensOf = (fullName: string | undefined) => nameTokens(fullName ?? '');

/** The level of agreement of two names (index in NAME_LEVELS), as the engine compares a row's name with a person's. */
export function compareNames(rowName: string, personName: string): number {
  const reg = new RegistryIndex([{ personalId: '0', formerIds: [], fullName: personName, dateOfBirth: '2000-01-01', sex: 'Nam', communeCode: null, phone: null }]);
  const row = reg.rowName(rowName);
  return row ? reg.compareName(row, 0) : -1;
}

/** The level of agreement of a row's date of birth with a record's full date (index in DATE_LEVELS). */
export function compareDates(row: DateParts, rec: DateParts): number {
  return dateLevel(row, rec.year, rec.month ?? 0, rec.day ?? 0);
}

function dateLevel(row: DateParts, year: number, month: number, day: number): number {
  if (row.year !== year) return 0;
  if (row.month === undefined) return 2;
  if (row.day === undefined) return row.month === month ? 3 : 1;
  if (row.month === month && row.day === day) return 5;
  if (row.month === day && row.day === month) return 4;
  return 1;
}

// ---- the rows ----

interface ParsedRow {
  personalId: string;
  formerId: string;
  name?: RowName;
  date?: DateParts;
  /** 1 Nam, 2 Nữ, 0 unknown. */
  sex: number;
  /** The communes' numbers in the registry (-1: a commune no person lives in). */
  communes: number[];
  phone: string;
  phoneCode: number;
  notes: string[];
}

function parseRow(r: ListRow, reg: RegistryIndex, opts: LinkOptions): ParsedRow {
  const f = r.fields;
  const notes: string[] = [];
  const date = parseDateOfBirth(f.date_of_birth);
  if ((f.date_of_birth ?? '').trim() && !date) notes.push('date_of_birth:unreadable');
  const sex = parseSex(f.sex);
  if ((f.sex ?? '').trim() && !sex) notes.push('sex:unreadable');
  const code = (f.commune_code ?? '').trim();
  const communes = !code ? [] : opts.scheme === 'pre2025' ? (opts.successors?.(code) ?? []) : [code];
  if (code && communes.length === 0) notes.push('commune_code:unknown');
  const phone = digitsOf(f.phone);
  return {
    personalId: digitsOf(f.personal_id), formerId: digitsOf(f.legacy_id), name: reg.rowName(f.full_name), date, sex: sex ? SEX_CODE[sex] : 0,
    communes: communes.map((c) => reg.communeNumber(c)), phone, phoneCode: phone ? reg.phoneCode(phone) : NaN, notes,
  };
}

/** Reason codes of a pattern: `field:level` for each field both sides have, appended to `out`. */
function pushReasons(out: string[], p: number): string[] {
  for (let i = 0; i < FIELDS.length; i++) {
    const l = SPACE.level(p, i);
    if (l >= 0) out.push(REASON_CODES[i][l]);
  }
  return out;
}

/** Reason codes of a pattern: `field:level` for each field both sides have. */
export function patternReasons(p: number): string[] {
  return pushReasons([], p);
}

/** The deterministic pass for one row: a result, or the reasons it goes on to the probabilistic pass (appended to `notes`). */
function byIdentifier(row: ParsedRow, reg: RegistryIndex, rowNo: number): LinkResult | undefined {
  const notes = row.notes;
  // The row's own notes; the identifier's (not found, invalid) only when it goes on to the next pass.
  const own = notes.length;
  let i: number | undefined;
  let via = '';
  if (row.personalId) {
    if (!/^\d{12}$/.test(row.personalId)) notes.push('personal_id:invalid');
    else if ((i = reg.idOf(row.personalId)) === undefined) notes.push('personal_id:not_found');
    else via = 'personal_id:found';
  }
  if (i === undefined && row.formerId) {
    if (!/^(\d{9}|\d{12})$/.test(row.formerId)) notes.push('legacy_id:invalid');
    else if ((i = reg.formerIdOf(row.formerId) ?? (row.formerId.length === 12 ? reg.idOf(row.formerId) : undefined)) === undefined) notes.push('legacy_id:not_found');
    else via = 'legacy_id:found';
  }
  if (i === undefined) return undefined;
  const p = reg.compare(row, i);
  const reasons = pushReasons([...notes.slice(0, own), via], p);
  const name = SPACE.level(p, 0);
  const date = SPACE.level(p, 1);
  const disagrees = name === 0 || date === 0 || date === 1 || SPACE.level(p, 2) === 0;
  const corroborated = name >= 1 || date >= 2;
  const personalId = reg.personalIds[i];
  if (disagrees) reasons.push('id:disagrees');
  else if (!corroborated) reasons.push('id:uncorroborated');
  const status = disagrees || !corroborated ? 'review' : 'matched';
  return { row: rowNo, personalId, matchProbability: status === 'matched' ? 1 : 0.5, status, reasons, pass: 'id' };
}

/** u of every field level from random pairs (one of `rows` rows, a registry person): how often two different people agree by chance. */
function randomPairsU(rows: number, rowAt: (k: number) => ParsedRow, reg: RegistryIndex, samples: number): number[][] {
  const tallies = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  let seed = 0x9e3779b9;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  if (!rows || !reg.size) return tallies.map((t) => t.map(() => 1 / t.length));
  for (let k = 0; k < samples; k++) {
    const p = reg.compare(rowAt(next(rows)), next(reg.size));
    for (let i = 0; i < FIELDS.length; i++) {
      const l = SPACE.level(p, i);
      if (l >= 0) tallies[i][l] += 1;
    }
  }
  return tallies.map((t) => {
    const sum = t.reduce((a, b) => a + b, 0);
    return t.map((v) => v / sum);
  });
}

/** Starting values for EM: agreement far likelier among matches than among non-matches. */
function startParams(lambda: number): FsParams {
  return {
    lambda,
    m: [[0.02, 0.05, 0.13, 0.3, 0.5], [0.02, 0.03, 0.1, 0.1, 0.05, 0.7], [0.05, 0.95], [0.2, 0.8], [0.3, 0.7]],
    u: [[0.6, 0.3, 0.05, 0.04, 0.01], [0.3, 0.5, 0.1, 0.05, 0.02, 0.03], [0.5, 0.5], [0.9, 0.1], [0.99, 0.01]],
  };
}

export interface LinkOutcome {
  results: LinkResult[];
  /** The parameters EM found (undefined when no row went to the probabilistic pass). */
  params?: FsParams;
  /** How many candidate pairs the probabilistic pass compared. */
  pairs: number;
}

/** Links every row of a list against the registry's index. */
export function linkRows(rows: readonly ListRow[], reg: RegistryIndex, opts: LinkOptions = {}): LinkOutcome {
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const maxBlock = opts.maxBlock ?? 400;
  const results: LinkResult[] = new Array(rows.length);
  // Pairs of the probabilistic pass, contiguous by row.
  let pairRec = new Int32Array(1 << 16);
  let pairPat = new Uint16Array(1 << 16);
  let pairs = 0;
  const pending: { index: number; from: number; to: number; notes: string[] }[] = [];
  const seen = new Int32Array(reg.size).fill(-1);
  const counts = new Float64Array(SPACE.size);
  const keys: number[] = [];

  for (let index = 0; index < rows.length; index++) {
    const r = rows[index];
    const row = parseRow(r, reg, opts);
    if (!row.personalId && !row.formerId && !row.name) {
      results[index] = { row: r.row, personalId: null, matchProbability: 0, status: 'unmatched', reasons: [...row.notes, 'nothing_identifying'], pass: 'none' };
      continue;
    }
    const decided = byIdentifier(row, reg, r.row);
    if (decided) {
      results[index] = decided;
      continue;
    }
    const notes = row.notes;
    const from = pairs;
    if (row.name) {
      keys.length = 0;
      blockKeys(row.name.folded, row.date, row.communes, true, keys);
      for (const key of keys) {
        const start = reg.blockStart(key);
        const end = reg.blockEnd;
        if (end - start > maxBlock) {
          notes.push('block:too_common');
          continue;
        }
        for (let k = start; k < end; k++) {
          const i = reg.blockRecord(k);
          if (seen[i] === index) continue;
          seen[i] = index;
          if (pairs === pairRec.length) {
            pairRec = grow(pairRec);
            pairPat = grow(pairPat);
          }
          const p = reg.compare(row, i);
          pairRec[pairs] = i;
          pairPat[pairs] = p;
          counts[p] += 1;
          pairs++;
        }
      }
    }
    pending.push({ index, from, to: pairs, notes: [...new Set(notes)] });
  }

  let params: FsParams | undefined;
  if (pairs > 0) {
    // m from EM on the list's own candidate pairs; u from random pairs of the list and the registry (as Splink
    // does): within a block most non-matches share the name, so u measured there would make an exact name
    // count for little. λ then is the prior of a random pair: the matches EM found over all possible pairs.
    const fitted = estimateByEm(SPACE, counts, startParams(Math.min(0.5, pending.length / pairs)));
    // The rows of the random pairs are parsed again (not kept from the first pass): each when drawn if they
    // outnumber the samples, else all of them once.
    const samples = 200_000;
    const again = (k: number) => parseRow(rows[pending[k].index], reg, opts);
    const parsed = pending.length > samples ? undefined : pending.map((_, k) => again(k));
    const u = randomPairsU(pending.length, parsed ? (k) => parsed[k] : again, reg, samples);
    const expected = Math.max(1, fitted.lambda * pairs);
    params = { lambda: Math.min(0.5, expected / (pending.length * reg.size)), m: fitted.m, u };
  }
  const table = params ? probabilityTable(SPACE, params) : new Float64Array(SPACE.size);
  for (const { index, from, to, notes } of pending) {
    const r = rows[index];
    let best = -1;
    let bestP = 0;
    let second = 0;
    for (let k = from; k < to; k++) {
      const p = table[pairPat[k]];
      if (p > bestP) {
        second = bestP;
        bestP = p;
        best = k;
      } else if (p > second) second = p;
    }
    if (best < 0 || bestP < thresholds.review) {
      const reasons = best < 0 ? [...notes, 'no_candidate'] : [...pushReasons([...notes], pairPat[best]), 'probability:low'];
      results[index] = { row: r.row, personalId: null, matchProbability: round(bestP), status: 'unmatched', reasons, pass: 'probabilistic' };
      continue;
    }
    const reasons = pushReasons([...notes], pairPat[best]);
    // Two people the row fits about as well: an officer decides.
    const ambiguous = second >= thresholds.review;
    const status: LinkStatus = bestP >= thresholds.match && !ambiguous ? 'matched' : 'review';
    if (ambiguous) reasons.push('candidates:several');
    results[index] = { row: r.row, personalId: reg.personalIds[pairRec[best]], matchProbability: round(bestP), status, reasons, pass: 'probabilistic' };
    if (status === 'review') {
      const others = otherCandidates(table, pairPat, pairRec, from, to, best);
      if (others.length) results[index].others = others.map((k) => ({ personalId: reg.personalIds[pairRec[k]], matchProbability: round(table[pairPat[k]]) }));
    }
  }
  return { results, params, pairs };
}

/** The status of a result at other thresholds (the preview): a decision of the identifier pass stays. */
export function statusAt(result: Pick<LinkResult, 'matchProbability' | 'status' | 'pass' | 'reasons'>, t: Thresholds): LinkStatus {
  if (result.pass !== 'probabilistic' || result.reasons.includes('candidates:several')) return result.status;
  if (result.matchProbability >= t.match) return 'matched';
  return result.matchProbability >= t.review ? 'review' : 'unmatched';
}

const round = (p: number) => Math.round(p * 1e6) / 1e6;

/** The pairs (from..to, but `best`) of the next OTHER_CANDIDATES candidates by probability, best first, from OTHER_FLOOR up. */
function otherCandidates(table: Float64Array, pairPat: Uint16Array, pairRec: Int32Array, from: number, to: number, best: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) {
    if (k === best || pairRec[k] === pairRec[best] || table[pairPat[k]] < OTHER_FLOOR) continue;
    out.push(k);
    out.sort((a, b) => table[pairPat[b]] - table[pairPat[a]]);
    if (out.length > OTHER_CANDIDATES) out.pop();
  }
  return out;
}

function grow<T extends Int32Array | Uint16Array>(a: T, atLeast = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, atLeast));
  b.set(a);
  return b;
}

